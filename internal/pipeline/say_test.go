package pipeline

import (
	"bytes"
	"strings"
	"testing"
)

// Say writes through the problem writer (BeforeReport first), one escaped
// line each, without the "csmctl: " of a problem.
func TestSay(t *testing.T) {
	var errOut bytes.Buffer
	p, err := New(Options{Stdin: strings.NewReader(""), ErrOut: &errOut,
		BeforeReport: func() { errOut.WriteString("|") }})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	p.Say("3 events: 3 valid", "schemas: evil\x1b[2J\n 1 valid")
	want := "|3 events: 3 valid\nschemas: evil\\x1b[2J\\n 1 valid\n"
	if got := errOut.String(); got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if p.Tally.ExitCode() != ExitOK {
		t.Errorf("Say counted a problem: %+v", p.Tally)
	}
}
