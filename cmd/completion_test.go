package cmd

import (
	"strings"
	"testing"
)

// The completion command the README documents prints a script for each
// shell, and the completions it asks csmctl for name commands and flags.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, errOut, code := run(t, "", "completion", shell)
		if code != ExitOK || errOut != "" || !strings.Contains(out, "csmctl") {
			t.Errorf("completion %s: exit status %d, stderr %q, %d bytes out", shell, code, errOut, len(out))
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "va"}, "validate\t"},
		{[]string{"__complete", ""}, "completion\t"},
		{[]string{"__complete", "show", "--ev"}, "--event\t"},
		{[]string{"__complete", "tree", "--max-p"}, "--max-processes\t"},
	} {
		out, _, code := run(t, "", tt.args...)
		if code != ExitOK || !strings.Contains(out, tt.want) {
			t.Errorf("csmctl %q: exit status %d, candidates %q; want %q among them", tt.args, code, out, tt.want)
		}
	}
}
