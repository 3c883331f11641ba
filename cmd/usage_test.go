package cmd

import (
	"testing"
)

// TestUsageErrors pins, word for word, what a usage mistake prints and its
// exit status: the message after "csmctl: ", with the user's text escaped but
// csmctl's own line breaks kept, then a pointer to the help of the command
// that was run. The expected texts are written by hand.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"unknown command, with a suggestion", []string{"vaildate", "x"},
			"csmctl: unknown command \"vaildate\" for \"csmctl\"\n\nDid you mean this?\n\tvalidate\n\nRun 'csmctl --help' for usage.\n"},
		{"unknown command, nothing near", []string{"frobnicate"},
			"csmctl: unknown command \"frobnicate\" for \"csmctl\"\nRun 'csmctl --help' for usage.\n"},
		{"unknown command with a control character", []string{"\x1b]0;owned\x07"},
			"csmctl: unknown command \"\\x1b]0;owned\\x07\" for \"csmctl\"\nRun 'csmctl --help' for usage.\n"},
		{"unknown root flag", []string{"--bogus", "show"},
			"csmctl: unknown flag: --bogus\nRun 'csmctl --help' for usage.\n"},
		{"unknown flag", []string{"show", "--bogus"},
			"csmctl: unknown flag: --bogus\nRun 'csmctl show --help' for usage.\n"},
		{"bad --color", []string{"--color", "sometimes", "tree", attack},
			"csmctl: invalid color mode \"sometimes\": want auto, always or never\nRun 'csmctl tree --help' for usage.\n"},
		{"bad output", []string{"validate", "-o", "yaml"},
			"csmctl: invalid output format \"yaml\": want text or json\nRun 'csmctl validate --help' for usage.\n"},
		{"pid not an integer", []string{"show", "--pid", "x", kindsFile},
			"csmctl: invalid argument \"x\" for \"--pid\" flag: not an integer\nRun 'csmctl show --help' for usage.\n"},
		{"pid list with a word", []string{"tree", "--pid", "4,x", attack},
			"csmctl: invalid argument \"4,x\" for \"--pid\" flag: not an integer\nRun 'csmctl tree --help' for usage.\n"},
		{"limit not an integer", []string{"tree", "--limit", "ten", attack},
			"csmctl: invalid argument \"ten\" for \"--limit\" flag: not an integer\nRun 'csmctl tree --help' for usage.\n"},
		{"max-processes too big", []string{"tree", "--max-processes", "99999999999999999999", attack},
			"csmctl: invalid argument \"99999999999999999999\" for \"--max-processes\" flag: out of range\nRun 'csmctl tree --help' for usage.\n"},
		{"query: pid not an integer", []string{"query", "--pid", "x", ".", attack},
			"csmctl: invalid argument \"x\" for \"--pid\" flag: not an integer\nRun 'csmctl query --help' for usage.\n"},
		{"query: indent not an integer", []string{"query", "--indent", "two", ".", attack},
			"csmctl: invalid argument \"two\" for \"--indent\" flag: not an integer\nRun 'csmctl query --help' for usage.\n"},
		{"negative duration", []string{"show", "--since", "-2h", kindsFile},
			"csmctl: --since -2h: a duration goes back from the last event; write 2h\nRun 'csmctl show --help' for usage.\n"},
		{"since later than until", []string{"tree", "--since", "2025-11-03T10:00:00Z", "--until", "2025-11-03T09:00:00Z", attack},
			"csmctl: --since 2025-11-03T10:00:00Z is later than --until 2025-11-03T09:00:00Z\nRun 'csmctl tree --help' for usage.\n"},
		{"since later than until, durations", []string{"query", "--since", "10m", "--until", "1h", ".", attack},
			"csmctl: --since 10m is later than --until 1h\nRun 'csmctl query --help' for usage.\n"},
		// The latest date in kinds.ndjson is 2025-11-03T10:04:00.1334550Z
		// (line 10; line 2's 10:08+01:00 is earlier): 2h before is 08:04.
		{"since later than until, once the last date is known", []string{"show", "--since", "2h", "--until", "2025-11-03T07:00:00Z", kindsFile},
			"csmctl: --since 2h (2025-11-03T08:04:00.133455Z) is later than --until 2025-11-03T07:00:00Z\nRun 'csmctl show --help' for usage.\n"},
		{"query: unknown flag", []string{"query", "--bogus", ".", attack},
			"csmctl: unknown flag: --bogus\nRun 'csmctl query --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != ExitUsage {
				t.Errorf("exit status %d, want %d", code, ExitUsage)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if errOut != tt.wantStderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tt.wantStderr)
			}
		})
	}
}

// TestDiagnosticsWording pins what every command says on standard error
// about the same bad input: "csmctl: " first, then FILE:LINE, and :COLUMN
// only where a syntax error is, in every command alike. The expected texts
// are written by hand.
func TestDiagnosticsWording(t *testing.T) {
	const bad = "{\"agent\":\n[1]\n"
	notJSON := "csmctl: <stdin>:1:10: invalid JSON: unexpected end of input\n"
	notObject := "csmctl: <stdin>:2: event is not a JSON object\n"
	whereFails := "csmctl: <stdin>:1: --where: error: boom\n"
	missing := "csmctl: nope.ndjson: no such file or directory\n"
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantStderr string
		wantCode   int
	}{
		{"show", bad, []string{"show"}, notJSON + notObject, ExitData},
		{"show -o json", bad, []string{"show", "-o", "json"}, notJSON + notObject, ExitData},
		{"tree", bad, []string{"tree"}, notJSON + notObject, ExitData},
		{"tree -o json", bad, []string{"tree", "-o", "json"}, notJSON + notObject, ExitData},
		{"query", bad, []string{"query", "-c", "."}, notJSON, ExitData}, // [1] is a value to jq
		{"validate", bad, []string{"validate", "-q"}, "", ExitData},     // its findings are its output
		{"show --where", `{"title":"t"}`, []string{"show", "--where", `error("boom")`}, whereFails, ExitData},
		{"tree --where", `{"process":{"pid":1}}`, []string{"tree", "--where", `error("boom")`}, whereFails + "csmctl: no event matched the selectors\n", ExitData},
		// query exits 5 for a failed --where, as for a failed filter
		{"query --where", `{"title":"t"}`, []string{"query", "--where", `error("boom")`, "."}, whereFails, ExitRuntime},
		{"show, missing file", "", []string{"show", "--rule", "r", "nope.ndjson"}, missing, ExitUsage},
		{"tree, missing file", "", []string{"tree", "--rule", "r", "nope.ndjson"}, missing, ExitUsage},
		{"query, missing file", "", []string{"query", "--rule", "r", ".", "nope.ndjson"}, missing, ExitUsage},
		{"tree, nothing selected", "", []string{"tree", "--rule", "nope", attack}, "csmctl: no event matched the selectors\n", ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d", code, tt.wantCode)
			}
			if errOut != tt.wantStderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tt.wantStderr)
			}
		})
	}
}
