package cmd

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A byte that is not UTF-8 in the lineage reaches tree's text, dot and
// mermaid output as \xNN, as show prints it, never as U+FFFD; tree -o json
// writes U+FFFD, as show -o json and query do, and stays valid JSON.
func TestTreeInvalidUTF8(t *testing.T) {
	const file = "../testdata/hostile/invalid-utf8-lineage.ndjson"
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"tree", "-v"}, []string{`x\xff  pid 5`, `r\xff\xfe  exec`, `C:\t\xe9st\p.exe -x`}},
		{[]string{"tree", "-o", "dot"}, []string{`x\\xff`, `r\\xff\\xfe`}},
		{[]string{"tree", "-o", "mermaid"}, []string{`x\xff`, `r\xff\xfe`}},
		{[]string{"tree", "-o", "json"}, []string{`"/x\ufffd"`, `"r\ufffd\ufffd"`, `"C:\\t\ufffdst\\p.exe -x"`}},
	} {
		out, _, code := runWithin(t, 10*time.Second, false, append(c.args, file)...)
		name := strings.Join(c.args, " ")
		if code != 0 {
			t.Errorf("%s: exit status %d, want 0", name, code)
		}
		if strings.ContainsRune(out, '\uFFFD') {
			t.Errorf("%s prints U+FFFD raw:\n%s", name, out)
		}
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %s:\n%s", name, want, out)
			}
		}
		if c.args[len(c.args)-1] == "json" && !json.Valid([]byte(out)) {
			t.Errorf("%s is not valid JSON:\n%s", name, out)
		}
	}
}
