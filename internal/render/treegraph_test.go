package render

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/model"
)

// forestsOf builds the forests of events, given as JSON objects one a line,
// every event a hit.
func forestsOf(t *testing.T, events ...string) []*lineage.Forest {
	t.Helper()
	b := lineage.NewBuilder()
	for i, e := range events {
		var ev model.Event
		if _, err := lineage.Decode([]byte(e), 0, &ev); err != nil {
			t.Fatalf("event %d: %v", i+1, err)
		}
		if n := b.Add("", &ev); n != nil {
			b.Attach(n, "test.ndjson", i+1, &ev)
		}
	}
	return b.Forests()
}

// hostileLabels are names, users and rule ids that try to break out of a
// picture's quoted label or to be read as markup or configuration.
var hostileLabels = []string{
	`x%%{init: {'themeCSS':'.hit{display:none}'}}%%`,
	`%%{init: {"theme":"dark"}}%%`,
	`%% a comment`,
	`a"]:::hit` + "\n" + `  p9["b`,
	`#quot;#35;#37;`,
	`&amp;&lt;`,
	`<img src=x onerror=alert(1)>`,
	"`**bold**`",
	"line1\nline2\r\tend",
	`C:\Users\alice\AppData\Local\Temp\Notepad.exe`,
	"cmd\u200b.exe \u202eexe.tad",
	`a;b|c{d}e(f)[g]`,
}

// processEvent is an event of process pid, named name, run by user, that
// hit rule.
func processEvent(pid int, name, user, rule, cmdline string) string {
	return `{"agent":{"rule_id":` + strconv.Quote(rule) + `},"evt":{"name":"exec"},"process":{"pid":` + strconv.Itoa(pid) +
		`,"executable":{"name":` + strconv.Quote(name) + `},"user":` + strconv.Quote(user) + `,"cmdline":` + strconv.Quote(cmdline) + `}}`
}

var (
	mermaidNode   = regexp.MustCompile(`^  p[0-9]+\["(.*)"\](:::hit)?$`)
	mermaidEntity = regexp.MustCompile(`#([0-9]+);`)
)

// decodeMermaid turns Mermaid's entity codes back into characters.
func decodeMermaid(s string) string {
	return mermaidEntity.ReplaceAllStringFunc(s, func(e string) string {
		n, _ := strconv.Atoi(e[1 : len(e)-1])
		return string(rune(n))
	})
}

func TestMermaidEscapesLabels(t *testing.T) {
	for _, hostile := range hostileLabels {
		t.Run(hostile, func(t *testing.T) {
			var out bytes.Buffer
			err := WriteTreeMermaid(&out, forestsOf(t, processEvent(10, hostile, hostile, hostile, hostile)))
			if err != nil {
				t.Fatal(err)
			}
			text := out.String()
			if strings.Contains(text, "%%") {
				t.Errorf("output holds %%%%, which starts a Mermaid directive or comment:\n%s", text)
			}
			var labels []string
			for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
				if m := mermaidNode.FindStringSubmatch(line); m != nil {
					labels = append(labels, m[1])
				} else if !strings.HasPrefix(line, "flowchart ") && !strings.HasPrefix(line, "  classDef ") {
					t.Errorf("line is neither a node nor the header or tail: %q", line)
				}
			}
			if len(labels) != 1 {
				t.Fatalf("%d nodes, want 1:\n%s", len(labels), text)
			}
			want := []string{escape.Text(hostile), "pid 10 · " + escape.Text(hostile), escape.Text(hostile) + " ×1"}
			got := strings.Split(labels[0], "<br/>")
			if len(got) != len(want) {
				t.Fatalf("label lines %q, want %q", got, want)
			}
			for i := range want {
				if strings.ContainsAny(got[i], "\"%<>`\n\r") {
					t.Errorf("label line %d holds a raw character Mermaid reads: %q", i, got[i])
				}
				if d := decodeMermaid(got[i]); d != want[i] {
					t.Errorf("label line %d decodes to %q, want %q", i, d, want[i])
				}
			}
		})
	}
}

// A Mermaid label line is cut as a DOT one is.
func TestMermaidLongLabel(t *testing.T) {
	name := strings.Repeat("n", 40000)
	var out bytes.Buffer
	if err := WriteTreeMermaid(&out, forestsOf(t, processEvent(10, name, "u", "r", "c"))); err != nil {
		t.Fatal(err)
	}
	want := strings.Repeat("n", maxLabelLineBytes-cutMarkerRoom) + "… (" + strconv.Itoa(40000-maxLabelLineBytes+cutMarkerRoom) + " more characters)<br/>"
	if !strings.Contains(out.String(), want) {
		t.Errorf("no label line cut to %d bytes in:\n%.700s", maxLabelLineBytes, out.String())
	}
	if out.Len() > 2*maxLabelLineBytes {
		t.Errorf("%d bytes of Mermaid for one process", out.Len())
	}
}
