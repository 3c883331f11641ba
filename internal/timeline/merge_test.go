package timeline

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
)

// dated makes an entry of input file at line, dated start plus sec seconds.
func dated(file string, line, sec int) Entry {
	return Entry{File: file, Line: line, DateState: record.DateValid, PID: model.IntOf(1),
		Instant: time.Date(2025, 11, 3, 9, 0, sec, 0, time.UTC)}
}

// guarded yields es, and fails the test if pulled past the first n.
func guarded(t *testing.T, es []Entry, n int) iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for i, e := range es {
			if i >= n {
				t.Errorf("%s: pulled entry %d before the first lines were printed", e.File, i+1)
				return
			}
			if !yield(e) {
				return
			}
		}
	}
}

var errEnough = errors.New("enough")

// The merge prints the first event once each input has filled its window
// (2 here) and no further: the inputs, which would fail the test if read
// past their third event, are not read to the end first.
func TestMergeStreams(t *testing.T) {
	a := []Entry{dated("a", 1, 1), dated("a", 2, 3), dated("a", 3, 5), dated("a", 4, 7)}
	b := []Entry{dated("b", 1, 2), dated("b", 2, 4), dated("b", 3, 6), dated("b", 4, 8)}
	m := &merger{size: 2, rest: newSorter(2)}
	defer m.rest.close()
	var got []string
	err := m.run([]iter.Seq[Entry]{guarded(t, a, 3), guarded(t, b, 3)}, func(e *Entry) error {
		got = append(got, fmt.Sprintf("%s:%d", e.File, e.Line))
		if len(got) == 2 {
			return errEnough
		}
		return nil
	})
	if !errors.Is(err, errEnough) {
		t.Fatalf("error %v", err)
	}
	if want := []string{"a:1", "b:1"}; !slices.Equal(got, want) {
		t.Errorf("printed %v, want %v", got, want)
	}
}

// On random inputs, each disordered by at most d places: with a window
// larger than d the merge is a stable sort by instant (ties in input order,
// the first input's first), the undated last in input order; with any
// window, every entry is printed once, the part printed while merging in
// order, the late and undated after it, in order, and counted.
func TestMergeOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		inputs := 1 + r.IntN(4)
		d := r.IntN(5)
		var sources []iter.Seq[Entry]
		var all []Entry // in input order
		for in := range inputs {
			n := r.IntN(40)
			es := make([]Entry, n)
			for i := range es {
				es[i] = dated(fmt.Sprint(in), i+1, i/3+r.IntN(d+1))
				if r.IntN(15) == 0 {
					es[i].DateState, es[i].Instant = record.DateAbsent, time.Time{}
				}
			}
			all = append(all, es...)
			sources = append(sources, slices.Values(es))
		}
		want := slices.Clone(all)
		slices.SortStableFunc(want, compareEntries)
		for _, size := range []int{1, 2, 3 * (d + 1), 1000} {
			m := &merger{size: size, rest: newSorter(size)}
			var got []Entry
			err := m.run(sources, func(e *Entry) error { got = append(got, *e); return nil })
			m.rest.close()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(all) {
				t.Fatalf("round %d window %d: %d printed, want %d", round, size, len(got), len(all))
			}
			merged := len(got) - m.late - m.undated
			if !slices.IsSortedFunc(got[:merged], compareEntries) || !slices.IsSortedFunc(got[merged:], compareEntries) {
				t.Fatalf("round %d window %d: out of order", round, size)
			}
			if size > 3*d {
				if m.late != 0 {
					t.Errorf("round %d window %d: %d late with disorder %d", round, size, m.late, d)
				}
				for i := range got {
					if got[i].File != want[i].File || got[i].Line != want[i].Line {
						t.Fatalf("round %d window %d: entry %d is %s:%d, want %s:%d", round, size, i, got[i].File, got[i].Line, want[i].File, want[i].Line)
					}
				}
			}
		}
	}
}

// compareEntries orders entries as the timeline does, the input order
// being file then line.
func compareEntries(a, b Entry) int {
	ka, kb := a.key(0), b.key(0)
	switch {
	case ka.less(kb):
		return -1
	case kb.less(ka):
		return 1
	}
	return strings.Compare(a.File, b.File)*2 + cmpInt(a.Line, b.Line)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// lineWriter hands each write to a channel.
type lineWriter chan string

func (w lineWriter) Write(b []byte) (int, error) { w <- string(b); return len(b), nil }

// Through the pipeline, on standard input that stays open after its first
// events: the first lines are written before the input ends.
func TestRunStreamsStdin(t *testing.T) {
	in, feed := io.Pipe()
	out := make(lineWriter, 16)
	p, err := pipeline.New(pipeline.Options{Stdin: in, ErrOut: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	done := make(chan error, 1)
	go func() {
		done <- Run(p, Options{Print: JSONPrinter(out, Style{Palette: iostreams.NewPalette(false)}), Window: 2})
	}()
	for i := range 3 {
		fmt.Fprintf(feed, `{"agent":{"rule_id":"r%d"},"date":"2025-11-03T09:00:0%dZ"}`+"\n", i, i)
	}
	select {
	case first := <-out:
		if !strings.Contains(first, `"rule":"r0"`) {
			t.Errorf("first output %q", first)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing written while the input is open")
	}
	feed.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	rest := ""
	for len(out) > 0 {
		rest += <-out
	}
	if strings.Count(rest, "\n") != 2 || !strings.Contains(rest, `"rule":"r2"`) {
		t.Errorf("rest of the output %q", rest)
	}
}
