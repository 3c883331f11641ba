package cmd

import (
	"strings"
	"testing"
	"time"
)

// On Linux a backslash is part of a file name: /tmp/evil\systemd must not
// pass for systemd, in tree or in show's ancestors table. A path ending in
// "/" is named by its last element in both.
func TestLinuxBackslashNames(t *testing.T) {
	for _, c := range []struct {
		command string
		want    []string
	}{
		{"tree", []string{"evil\\systemd  pid 40\n└─ x\\sshd  pid 50\n", "bin  pid 41\n└─ tool  pid 60\n"}},
		{"show", []string{"  1      40         evil\\systemd\n", "  1      41         bin\n"}},
	} {
		out, _, code := runWithin(t, 10*time.Second, false, c.command, "../testdata/hostile/linux-backslash-names.ndjson")
		if code != 0 {
			t.Errorf("%s: exit status %d, want 0", c.command, code)
		}
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q:\n%s", c.command, want, out)
			}
		}
	}
}
