package cmd

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// illTypedPIDs are pids that are no int64 integer, as written in an event,
// and how csmctl must write them back: as written, on one line, never as 0.
var illTypedPIDs = []struct{ raw, shown string }{
	{`1e999`, `1e999`},
	{`9223372036854775808`, `9223372036854775808`},
	{`1.5`, `1.5`},
	{`"123"`, `"123"`},
	{`null`, `null`},
	{`true`, `true`},
	{`{}`, `{}`},
	{`[ 1, {"a": 2} ]`, `[1,{"a":2}]`},
}

// illTypedEvent is an event of a process whose pid is raw, a child of
// System (pid 4).
func illTypedEvent(raw string) string {
	return `{"agent":{"rule_id":"r"},"title":"t","evt":{"name":"exec"},"date":"2025-11-03T09:00:05Z",` +
		`"process":{"pid":` + raw + `,"ppid":4,"exec_time":"2025-11-03T09:00:01Z","executable":{"name":"odd.exe"},` +
		`"ancestors":[{"pid":4,"executable":{"name":"System"}}]}}` + "\n"
}

func TestIllTypedPIDShownAsWritten(t *testing.T) {
	for _, tt := range illTypedPIDs {
		t.Run(tt.raw, func(t *testing.T) {
			in := illTypedEvent(tt.raw)

			out, errOut, code := run(t, in, "tree")
			want := "└─ odd.exe  pid " + tt.shown + " (invalid)  2025-11-03T09:00:01Z\n"
			if code != 0 || !strings.Contains(out, want) || strings.Contains(out, "pid 0") {
				t.Errorf("tree: exit %d, output:\n%s%s\nwant the line %q", code, out, errOut, want)
			}

			out, errOut, code = run(t, in, "tree", "-o", "mermaid")
			if code != 0 || !strings.Contains(out, "<br/>pid ") || strings.Contains(out, "pid 0") {
				t.Errorf("tree -o mermaid: exit %d, output:\n%s%s", code, out, errOut)
			}

			out, errOut, code = run(t, in, "tree", "-o", "json")
			var roots []struct {
				Children []map[string]json.RawMessage
			}
			if err := json.Unmarshal([]byte(out), &roots); code != 0 || err != nil || len(roots) != 1 || len(roots[0].Children) != 1 {
				t.Fatalf("tree -o json: exit %d, %v, output:\n%s%s", code, err, out, errOut)
			}
			if got := string(roots[0].Children[0]["pid"]); got != tt.shown {
				t.Errorf("tree -o json: pid %s, want %s", got, tt.shown)
			}

			out, errOut, code = run(t, in, "show")
			for _, re := range []string{
				`(?m)^  pid +` + regexp.QuoteMeta(tt.shown) + ` \(invalid\)$`,
				`(?m)^  /process/pid +` + regexp.QuoteMeta(tt.shown) + `$`,
			} {
				if code != 0 || !regexp.MustCompile(re).MatchString(out) {
					t.Errorf("show: exit %d, no line matching %s in:\n%s%s", code, re, out, errOut)
				}
			}

			for _, args := range [][]string{{"show", "--pid", "0"}, {"show", "--pid", "123"}, {"show", "--pid", "1"}} {
				if out, _, _ := run(t, in, args...); out != "" {
					t.Errorf("%s selected the event of pid %s:\n%s", strings.Join(args, " "), tt.raw, out)
				}
			}
		})
	}
}

// A ppid, an ancestor's pid or an exit code that is not an integer is shown
// as written too, and a missing exit code is not shown as 0.
func TestIllTypedPPIDAndExitCode(t *testing.T) {
	const exitEvent = `{"agent":{"rule_id":"r"},"title":"t","evt":{"name":"exit"},"date":"2025-11-03T09:00:06Z",` +
		`"exit":{"cause":"EXITED"CODE},"process":{"pid":200,"ppid":"4","exec_time":"2025-11-03T09:00:02Z",` +
		`"executable":{"name":"exiting.exe"},"ancestors":[{"pid":"4","executable":{"name":"System"}}]}}` + "\n"
	illTyped := strings.Replace(exitEvent, "CODE", `,"code":"1"`, 1)
	noCode := strings.Replace(exitEvent, "CODE", ``, 1)
	tests := []struct {
		name, in string
		args     []string
		want     []string // regular expressions, each matching a line
		notWant  []string
	}{
		{"show", illTyped, []string{"show"}, []string{
			`^  ppid +"4" \(invalid\)$`,
			`^  1 +"4" \(invalid\) +System$`,
			`^  code +"1" \(invalid\)$`,
			`^  /exit/code +"1"$`,
		}, []string{`code +0`, `pid +0`}},
		{"tree", illTyped, []string{"tree", "-v"}, []string{
			`^System  pid "4" \(invalid\)$`,
			`  exit code "1" \(invalid\)  `,
		}, []string{`pid 0`, `code 0`}},
		{"tree json", illTyped, []string{"tree", "-o", "json"}, []string{
			`^    "pid": "4",$`,
			`^        "ppid": "4",$`,
			`^            "exit_code": "1"$`,
		}, []string{`: 0[,\n]`}},
		{"show without code", noCode, []string{"show"}, nil, []string{`^  code`}},
		{"tree without code", noCode, []string{"tree", "-o", "json"}, nil, []string{`exit_code`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.in, tt.args...)
			if code != 0 {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			for _, re := range tt.want {
				if !regexp.MustCompile("(?m)" + re).MatchString(out) {
					t.Errorf("no line matching %s in:\n%s", re, out)
				}
			}
			for _, re := range tt.notWant {
				if regexp.MustCompile("(?m)" + re).MatchString(out) {
					t.Errorf("a line matches %s in:\n%s", re, out)
				}
			}
		})
	}
}

// A date that is not RFC 3339 is shown in the header as other fields shows
// a string (its escapes decoded, then escaped for the terminal), and one
// that is not a string at all is also listed among the other fields.
func TestIllTypedDate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		date   string // as written in the event
		header string // the header's first field
		other  string // the other fields' row, if any
	}{
		{"string with escapes", `"C:\\x\t\u001b[31m"`, `"C:\x\t\x1b[31m" (not an RFC 3339 date)`, ""},
		{"number", `12345`, `12345 (not an RFC 3339 date)`, `  /date  12345`},
		{"object", `{"a": [1, 2]}`, `{"a":[1,2]} (not an RFC 3339 date)`, `  /date  {"a":[1,2]}`},
		{"boolean", `false`, `false (not an RFC 3339 date)`, `  /date  false`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := `{"agent":{"rule_id":"r"},"title":"t","date":` + tt.date + "}\n"
			out, errOut, code := run(t, in, "show", "--color", "never")
			lines := strings.Split(out, "\n")
			if code != 0 || !strings.HasPrefix(lines[0], tt.header+"  r  ") {
				t.Errorf("exit %d, header %q, want it to start with %q; stderr: %s", code, lines[0], tt.header, errOut)
			}
			listed := strings.Contains(out, "/date")
			if listed != (tt.other != "") || listed && !slices.Contains(lines, tt.other) {
				t.Errorf("other fields: want row %q, in:\n%s", tt.other, out)
			}
		})
	}
}

// An ancestor that is not an object is listed alone under other fields; the
// ancestors around it are kept, in show's table and as tree's parents.
func TestIllTypedAncestor(t *testing.T) {
	const in = `{"agent":{"rule_id":"r","os":"linux"},"title":"t","evt":{"name":"exec"},"process":{"pid":10,"ppid":1,` +
		`"executable":{"path":"/x"},"ancestors":[{"pid":1,"executable":{"path":"/init"}},"bad",{"pid":0}]}}` + "\n"
	out, errOut, code := run(t, in, "show", "--color", "never")
	for _, re := range []string{
		`(?m)^process\.ancestors \(3, nearest first\)$`,
		`(?m)^  1 +1 +init$`,
		`(?m)^  3 +0$`,
		`(?m)^  /process/ancestors/1  "bad"$`,
	} {
		if code != 0 || !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("show: exit %d, no line matching %s in:\n%s%s", code, re, out, errOut)
		}
	}
	if strings.Contains(out, "/process/ancestors  ") {
		t.Errorf("show lists the whole ancestors list under other fields:\n%s", out)
	}
	out, errOut, code = run(t, in, "tree")
	if code != 0 || !regexp.MustCompile(`(?m)^\S*\s*└─ init  pid 1\n\s*└─ x  pid 10$`).MatchString(out) {
		t.Errorf("tree: exit %d, want x under init:\n%s%s", code, out, errOut)
	}
}
