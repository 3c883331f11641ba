package cmd

import (
	"strings"
	"testing"
)

// Through a real terminal, the Linux family sections fit its width, say
// what happened first, and send none of the event's escape sequences.
func TestShowLinuxFamiliesThroughPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := csmctlBinary(t)
	tests := []struct {
		file     string
		contains []string
	}{
		{"testdata/linux-events.ndjson", []string{
			"ptrace\n  ┌─────────┬─",
			"│ request │ PTRACE_ATTACH (16) → tracee pid 812 /usr/sbin/sshd │",
			"│ question       │ c2.example.top A IN → NOERROR │",
			"│ signal │ SIGKILL (9) → pid 812 │",
		}},
		{"testdata/hostile/linux-families.ndjson", []string{
			`SIG\x1b[31mKILL → pid "812" (invalid)`,
			`│ mkdir.mode │ "0777" (invalid) │`,
		}},
	}
	for _, tt := range tests {
		out := runOnPTY(t, bin, 80, "--color", "never", "show", tt.file)
		for _, want := range tt.contains {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", tt.file, want, out)
			}
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("%s: an escape character reached the terminal", tt.file)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if n := len([]rune(line)); strings.HasPrefix(line, "  ") && n > 80 {
				t.Errorf("%s: a table line of %d: %s", tt.file, n, line)
			}
		}
	}
}
