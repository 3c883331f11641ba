package model

import "testing"

// The expected words are what Python's shlex.quote returns for each input.
func TestShellQuote(t *testing.T) {
	tests := []struct{ word, want string }{
		{"ls", "ls"},
		{"/usr/bin/python3.12", "/usr/bin/python3.12"},
		{"--user=alice@example.com:8080,x_y%+", "--user=alice@example.com:8080,x_y%+"},
		{"", "''"},
		{"a b", "'a b'"},
		{"it's", `'it'"'"'s'`},
		{"'", `''"'"''`},
		{"$HOME", "'$HOME'"},
		{"*.log", "'*.log'"},
		{"a\nb", "'a\nb'"},
		{"~root", "'~root'"},
		{"é", "'é'"}, // shlex.quote's safe set is ASCII only
		{"-", "-"},
	}
	for _, tt := range tests {
		if got := ShellQuote(tt.word); got != tt.want {
			t.Errorf("ShellQuote(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestShellCommandLine(t *testing.T) {
	tests := []struct {
		argv0 string
		args  []string
		want  string
	}{
		{"", nil, ""},
		{"ls", nil, "ls"},
		{"ls", []string{"-la", "/tmp/my dir"}, "ls -la '/tmp/my dir'"},
		{"", []string{"-c", "echo hi"}, "-c 'echo hi'"},
		{"sh", []string{""}, "sh ''"},
	}
	for _, tt := range tests {
		if got := ShellCommandLine(tt.argv0, tt.args); got != tt.want {
			t.Errorf("ShellCommandLine(%q, %q) = %q, want %q", tt.argv0, tt.args, got, tt.want)
		}
	}
}
