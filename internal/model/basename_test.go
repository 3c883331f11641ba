package model

import "testing"

func TestBaseName(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"", ""},
		{"sshd", "sshd"},
		{"/usr/sbin/sshd", "sshd"},
		{`/tmp/x\sshd`, `x\sshd`}, // POSIX: a backslash is part of the name
		{`/tmp/evil\systemd`, `evil\systemd`},
		{`\\?\C:\Windows\System32\svchost.exe`, "svchost.exe"},
		{`C:\Windows\System32\cmd.exe`, "cmd.exe"},
		{`C:/Program Files/app.exe`, "app.exe"}, // Windows takes "/" too
		{`C:\tools\bin\`, "bin"},
		{"/usr/bin/", "bin"},
		{"/usr/bin//", "bin"},
		{"/", "/"},
		{`\`, `\`},
		{`relative\dir/name`, "name"},
	} {
		if got := BaseName(c.path); got != c.want {
			t.Errorf("BaseName(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}
