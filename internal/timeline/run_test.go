package timeline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/pipeline"
)

// failingWriter fails every write, as a closed standard output does.
type failingWriter struct{}

var errClosed = errors.New("write: broken pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errClosed }

// A run whose output fails, after spilling, ends with that error and
// leaves no temporary file behind; so does one that succeeds.
func TestRunLeavesNoTempFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var in strings.Builder
	for i := range 200 {
		fmt.Fprintf(&in, `{"agent":{"rule_id":"r"},"date":"2025-11-03T09:%02d:%02dZ"}`+"\n", 59-i%60, i%60)
	}
	for _, out := range []io.Writer{failingWriter{}, io.Discard} {
		p, err := pipeline.New(pipeline.Options{Stdin: strings.NewReader(in.String()), Workers: 2, ErrOut: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		err = Run(p, Options{Print: JSONPrinter(out, Style{Palette: iostreams.NewPalette(false)}), Window: 3})
		p.Close()
		if _, failing := out.(failingWriter); failing != errors.Is(err, errClosed) {
			t.Errorf("output %T: error %v", out, err)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("output %T: left behind %v", out, left)
		}
	}
}
