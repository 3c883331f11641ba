package stats

import (
	"bytes"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// TestWriteTextCutsHugeValues: on a terminal, a value wider than maxCell is
// cut with …, so one huge value (a hostile rule id) does not pad every row
// of the table; the other rows keep their width.
func TestWriteTextCutsHugeValues(t *testing.T) {
	huge := strings.Repeat("x", 100_000)
	res := &Result{Groups: []Group{
		{Values: []Value{{Text: huge, Present: true}}, Events: 2},
		{Values: []Value{{Text: "short", Present: true}}, Events: 1},
	}}
	var out bytes.Buffer
	st := Style{Palette: iostreams.NewPalette(false), TTY: true, Width: 120}
	if err := WriteText(&out, []Key{Rule}, res, st); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	want := strings.Repeat("x", maxCell-1) + "…"
	if !strings.HasPrefix(lines[1], want+" ") {
		t.Errorf("huge value not cut at %d columns: %.80q", maxCell, lines[1])
	}
	if n := iostreams.DisplayWidth(lines[2]); n > maxCell+40 {
		t.Errorf("a short row is %d columns wide: %q", n, lines[2])
	}
}
