package query

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is standard output read by the test while Run writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until out is want, or fails the test.
func waitFor(t *testing.T, out *lockedBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for out.String() != want {
		if time.Now().After(deadline) {
			t.Fatalf("output %q, want %q", out.String(), want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Into a pipe, -o table prints each row as it comes: row 1 is out before
// event 2 is even written, so no row is held and memory stays flat whatever
// the number of rows.
func TestTableStreamsIntoPipe(t *testing.T) {
	for _, workers := range []int{1, 3} {
		for _, columns := range [][]string{nil, {"n"}} {
			stdin, feed := io.Pipe()
			out := &lockedBuffer{}
			p, err := Compile(Options{Filter: "{n}"})
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := p.Run(RunOptions{Stdin: stdin, Out: out, ErrOut: io.Discard, Workers: workers,
					Table: &TableOptions{Columns: columns}})
				done <- err
			}()
			var want strings.Builder
			want.WriteString("n\n")
			for i := range 3 {
				line := strings.Repeat(" ", i) + `{"n":` + string(rune('1'+i)) + "}\n"
				if _, err := io.WriteString(feed, line); err != nil {
					t.Fatal(err)
				}
				want.WriteString(string(rune('1'+i)) + "\n")
				waitFor(t, out, want.String())
			}
			feed.Close()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
}
