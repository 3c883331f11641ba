package render

import (
	"bytes"
	"encoding/xml"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/escape"
)

// hostileTooltips are command lines full of what Graphviz reads in a
// tooltip: its escapes (\N the node name, \L the label, \G, \E, \T, \H,
// \n, \l, \r), quotes, HTML entities.
var hostileTooltips = []string{
	`C:\Users\alice\AppData\Local\Temp\Notepad.exe`,
	`\G\E\T\H\N\L\n\l\r\\ end\`,
	`cmd /c "echo \"quoted\" & exit"`,
	`&amp; &#92; &lt;b&gt; <b>bold</b> %%`,
	"tab\there \u202eexe.tad cmd\u200b.exe",
}

func TestDOTEscaping(t *testing.T) {
	tests := []struct {
		in, label, tooltip string
	}{
		{`C:\Local\N`, `C:\\Local\\N`, `C:\\\\Local\\\\N`},
		{`say "hi"`, `say \"hi\"`, `say \"hi\"`},
		{`a&b &amp;`, `a&amp;b &amp;amp;`, `a&amp;b &amp;amp;`},
		{`end\`, `end\\`, `end\\\\`},
		{`<b>x</b> %% #`, `<b>x</b> %% #`, `<b>x</b> %% #`},
	}
	for _, tt := range tests {
		if got := string(appendDOTLabelEscaped(nil, tt.in)); got != tt.label {
			t.Errorf("label %q: %q, want %q", tt.in, got, tt.label)
		}
		if got := string(appendDOTTooltipEscaped(nil, tt.in)); got != tt.tooltip {
			t.Errorf("tooltip %q: %q, want %q", tt.in, got, tt.tooltip)
		}
	}
}

func TestAppendCut(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  string
	}{
		{"short", 100, "short"},
		{strings.Repeat("a", 100), 100, strings.Repeat("a", 100)},
		{strings.Repeat("a", 101), 100, strings.Repeat("a", 60) + "… (41 more characters)"},
		// Cut between characters, counted as characters.
		{strings.Repeat("é", 100), 100, strings.Repeat("é", 30) + "… (70 more characters)"},
		// The limit holds for the escaped text: a backslash takes four.
		{strings.Repeat(`\`, 100), 100, strings.Repeat(`\\\\`, 15) + "… (85 more characters)"},
	}
	for _, tt := range tests {
		got := string(appendCut([]byte("x="), tt.s, tt.limit, appendDOTTooltipEscaped))
		if got != "x="+tt.want {
			t.Errorf("appendCut(%.20q…, %d) = %q, want %q", tt.s, tt.limit, got, "x="+tt.want)
		}
		if len(got)-2 > tt.limit {
			t.Errorf("appendCut(%.20q…, %d) took %d bytes", tt.s, tt.limit, len(got)-2)
		}
	}
}

// dotQuotedStrings returns the double-quoted strings of a DOT text, as
// written (escapes kept).
func dotQuotedStrings(dot string) []string {
	var out []string
	for i := 0; i < len(dot); i++ {
		if dot[i] != '"' {
			continue
		}
		j := i + 1
		for ; j < len(dot) && dot[j] != '"'; j++ {
			if dot[j] == '\\' {
				j++
			}
		}
		out = append(out, dot[i+1:j])
		i = j
	}
	return out
}

// longCmdline is an encoded PowerShell of 40 000 characters, the longest a
// Windows command line gets and more.
var longCmdline = `powershell.exe -NoP -enc ` + strings.Repeat(`SQBFAFgAIAAoAE4AZQB3AC0A`, 1666)

func TestDOTLongStrings(t *testing.T) {
	name := strings.Repeat("n", 40000) + ".exe"
	var out bytes.Buffer
	if err := WriteTreeDOT(&out, forestsOf(t, processEvent(10, name, `CORP\`+strings.Repeat("u", 30000), "r", longCmdline))); err != nil {
		t.Fatal(err)
	}
	for _, q := range dotQuotedStrings(out.String()) {
		if len(q) > 16000 {
			t.Errorf("a quoted string of %d bytes: dot rejects the file past 16 384", len(q))
		}
	}
	if out.Len() > 4*(maxTooltipBytes+maxLabelLineBytes*4) {
		t.Errorf("%d bytes of DOT for one process", out.Len())
	}
	for _, marker := range []string{
		"… (" + strconv.Itoa(utf8.RuneCountInString(name)-maxLabelLineBytes+cutMarkerRoom) + " more characters)",
		"… (" + strconv.Itoa(len(longCmdline)-tooltipShown(t, out.String())) + " more characters)",
	} {
		if !strings.Contains(out.String(), marker) {
			t.Errorf("no marker %q in:\n%.300s", marker, out.String())
		}
	}
}

// tooltipShown is how many characters of the command line the only tooltip
// of dot shows.
func tooltipShown(t *testing.T, dot string) int {
	t.Helper()
	_, after, ok := strings.Cut(dot, `tooltip="`)
	if !ok {
		t.Fatal("no tooltip")
	}
	shown, _, _ := strings.Cut(after, "…")
	return len(strings.ReplaceAll(shown, `\\\\`, `\`))
}

// svgNode is what an SVG from dot says of a node: its tooltip and the
// lines of its label.
type svgNode struct {
	tooltip string
	lines   []string
}

// svgNodes reads the nodes of an SVG written by dot, by their DOT names.
// dot writes a run of spaces as a space and no-break spaces, to keep its
// width: they are read back as spaces.
func svgNodes(t *testing.T, svg []byte) map[string]*svgNode {
	t.Helper()
	nodes := map[string]*svgNode{}
	var cur *svgNode
	var inTitle, inText bool
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "g":
				for _, a := range tok.Attr {
					if a.Name.Local == "class" && a.Value == "node" {
						cur = &svgNode{}
					}
				}
			case "title":
				inTitle = cur != nil
			case "text":
				inText = cur != nil
				if inText {
					cur.lines = append(cur.lines, "")
				}
			case "a":
				for _, a := range tok.Attr {
					if cur != nil && a.Name.Local == "title" {
						cur.tooltip = strings.ReplaceAll(a.Value, "\u00a0", " ")
					}
				}
			}
		case xml.EndElement:
			inTitle, inText = false, false
		case xml.CharData:
			switch {
			case inTitle:
				nodes[string(tok)] = cur
			case inText:
				cur.lines[len(cur.lines)-1] += strings.ReplaceAll(string(tok), "\u00a0", " ")
			}
		}
	}
	return nodes
}

// TestDOTThroughGraphviz renders hostile labels and tooltips with dot, when
// it is installed, and checks that the SVG says what the event says.
func TestDOTThroughGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("dot (Graphviz) is not installed")
	}
	var events []string
	for i, s := range hostileTooltips {
		events = append(events, processEvent(100+i, strings.ReplaceAll(s, "\t", " "), `CORP\`+s, s, s))
	}
	for i, s := range hostileLabels {
		events = append(events, processEvent(200+i, s, s, s, s))
	}
	events = append(events, processEvent(300, "long.exe", "u", "r", longCmdline))
	forests := forestsOf(t, events...)
	var in bytes.Buffer
	if err := WriteTreeDOT(&in, forests); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil {
		t.Fatalf("dot -Tsvg: %v: %s", err, stderr.String())
	}
	nodes := svgNodes(t, svg)
	id := 0
	for _, f := range forests {
		for _, n := range f.Nodes {
			id++
			got := nodes["p"+strconv.Itoa(id)]
			if got == nil {
				t.Errorf("no node p%d in the SVG", id)
				continue
			}
			want := escape.Text(n.Cmdline)
			if n.Cmdline == longCmdline {
				shown := string(appendCut(nil, want, maxTooltipBytes, appendDOTTooltipEscaped))
				want = strings.ReplaceAll(shown, `\\\\`, `\`)
				if !strings.HasSuffix(want, " more characters)") {
					t.Errorf("the long command line is not cut: %.100s", want)
				}
			}
			if got.tooltip != want {
				t.Errorf("p%d: tooltip %q, want %q", id, got.tooltip, want)
			}
			if wantLines := treeLabel(n); strings.Join(got.lines, "\n") != strings.Join(wantLines, "\n") {
				t.Errorf("p%d: label %q, want %q", id, got.lines, wantLines)
			}
		}
	}
}
