package manpage

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/golden"
)

// A page with everything the writer knows: paragraphs filled and kept as
// they are, options with and without values, examples, several pages to
// see, and text that roff would read as requests or escapes.
func TestWrite(t *testing.T) {
	p := &Page{
		Name: "tool-sub", Section: "1", Date: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC),
		Source: `tool v1 "quoted"`, Manual: "tool manual",
		Short:    "Do the thing",
		Synopsis: "tool sub [FILE...] [flags]",
		Description: `First paragraph, over
two lines.

    indented: kept
      as it is

.TH a line that would be a request
'so another
C:\path\to\file and \fB not bold`,
		Options: []Option{
			{Long: "all", Usage: "every one"},
			{Short: "o", Long: "output", Value: "FORMAT", Default: `"text"`, Usage: "output format"},
		},
		Inherited: []Option{{Long: "color", Value: "string", Usage: "colour"}},
		Example: `  tool sub a.json
  tool sub -o json b.json | jq .`,
		SeeAlso: []string{"tool", "tool-sub-x"},
	}
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "page.golden"), b.Bytes())
}
