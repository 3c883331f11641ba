package cmd

import (
	"strings"
	"testing"
)

// TestJSONOutputsEscapeAlike: every command that writes JSON escapes a
// string the same way: as gojq does (\b and \f by name, DEL as \u007f),
// plus what a terminal would act on (U+202E) when the output is escaped.
func TestJSONOutputsEscapeAlike(t *testing.T) {
	const cmdline = `a\u0008b\u000cc\u202ed\u007fe`
	in := `{"agent":{"rule_id":"r"},"title":"t","evt":{"name":"exec"},"date":"2025-11-03T09:00:05Z",` +
		`"process":{"pid":10,"ppid":4,"exec_time":"2025-11-03T09:00:01Z","cmdline":"` + cmdline + `",` +
		`"executable":{"name":"odd.exe"}}}` + "\n"
	const escaped = `"a\bb\fc\u202ed\u007fe"`
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"tree", "-o", "json"}, `"cmdline": ` + escaped},
		{[]string{"query", "--escape", "-c", ".process.cmdline"}, escaped + "\n"},
		{[]string{"query", "-c", ".process.cmdline"}, "\"a\\bb\\fc\u202ed\\u007fe\"\n"}, // gojq's bytes
	} {
		out, errOut, code := run(t, in, tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, output:\n%s%s\nwant %s in it", tt.args, code, out, errOut, tt.want)
		}
	}
}
