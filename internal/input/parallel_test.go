package input_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/input"
)

// lineFile writes n numbered NDJSON lines and returns its path and the
// records they make, as "file:line data".
func lineFile(t *testing.T, name string, n int) (string, []string) {
	t.Helper()
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "{\"i\":%d}\n", i)
	}
	p := writeFile(t, name, []byte(b.String()))
	want := make([]string, n)
	for i := range want {
		want[i] = fmt.Sprintf("%s:%d {\"i\":%d}", p, i+1, i+1)
	}
	return p, want
}

// describe is a work function: it copies a batch's records out as strings,
// after a random pause so that workers finish out of order.
func describe(b *input.Batch) []string {
	time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond)
	out := make([]string, len(b.Records))
	for i, r := range b.Records {
		out[i] = fmt.Sprintf("%s:%d %s", r.File, r.Line, r.Data)
	}
	b.Release()
	return out
}

// runParallel runs Parallel with a deadline, so that a deadlock fails the
// test instead of hanging it.
func runParallel(t *testing.T, r *input.Reader, workers int, emit func([]string) error, onErr func(error)) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- input.Parallel(r, workers, describe, emit, onErr) }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("Parallel did not return: deadlock")
		return nil
	}
}

func TestParallelOrder(t *testing.T) {
	p, want := lineFile(t, "lines.ndjson", 5000)
	for _, workers := range []int{0, 1, 2, 8} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			var have []string
			batches := 0
			r := input.Open([]string{p}, nil, input.Options{BlockSize: 64})
			err := runParallel(t, r, workers, func(recs []string) error {
				batches++
				have = append(have, recs...)
				return nil
			}, func(err error) { t.Errorf("input error: %v", err) })
			if err != nil {
				t.Fatal(err)
			}
			if batches < 500 {
				t.Errorf("only %d batches: the test wants many", batches)
			}
			if strings.Join(have, "\n") != strings.Join(want, "\n") {
				t.Errorf("records out of order or lost: got %d, want %d", len(have), len(want))
			}
		})
	}
}

// TestParallelErrors checks that input errors come between the results of
// the inputs around them, as if read one by one.
func TestParallelErrors(t *testing.T) {
	dir := t.TempDir()
	a, wantA := lineFile(t, "a.ndjson", 300)
	b, wantB := lineFile(t, "b.ndjson", 300)
	c, wantC := lineFile(t, "c.ndjson", 300)
	miss1, miss2 := filepath.Join(dir, "missing1"), filepath.Join(dir, "missing2")
	var want []string
	want = append(want, wantA...)
	want = append(want, "error "+miss1)
	want = append(want, wantB...)
	want = append(want, "error "+miss2, "error "+miss1)
	want = append(want, wantC...)
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			var have []string
			r := input.Open([]string{a, miss1, b, miss2, miss1, c}, nil, input.Options{BlockSize: 32})
			err := runParallel(t, r, workers, func(recs []string) error {
				have = append(have, recs...)
				return nil
			}, func(err error) {
				var ie *input.Error
				if !errors.As(err, &ie) {
					t.Errorf("input error %v is not an *input.Error", err)
					return
				}
				have = append(have, "error "+ie.File)
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(have, "\n") != strings.Join(want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", summary(have), summary(want))
			}
		})
	}
}

// summary shortens a long list of results to its errors and counts.
func summary(lines []string) string {
	var b strings.Builder
	run := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "error ") {
			fmt.Fprintf(&b, "%d records\n%s\n", run, l)
			run = 0
			continue
		}
		run++
	}
	fmt.Fprintf(&b, "%d records", run)
	return b.String()
}

func TestParallelStop(t *testing.T) {
	p, want := lineFile(t, "lines.ndjson", 5000)
	stop := errors.New("stop")
	for _, workers := range []int{1, 2, 8} {
		for _, after := range []int{1, 3, 100} {
			t.Run(fmt.Sprintf("workers=%d/after=%d", workers, after), func(t *testing.T) {
				before := runtime.NumGoroutine()
				var have []string
				calls := 0
				var inputErrs atomic.Int32
				// Missing files among the inputs put errors in the queue too.
				miss := filepath.Join(t.TempDir(), "missing")
				r := input.Open([]string{p, miss, p}, nil, input.Options{BlockSize: 64})
				err := runParallel(t, r, workers, func(recs []string) error {
					calls++
					if calls > after {
						t.Errorf("emit called %d times, after it failed", calls)
					}
					have = append(have, recs...)
					if calls == after {
						return stop
					}
					return nil
				}, func(error) { inputErrs.Add(1) })
				if err != stop {
					t.Fatalf("Parallel = %v, want emit's error", err)
				}
				if inputErrs.Load() != 0 {
					t.Errorf("%d input errors reported after emit failed", inputErrs.Load())
				}
				if len(have) == 0 || strings.Join(have, "\n") != strings.Join(want[:len(have)], "\n") {
					t.Errorf("results before the stop are not the input's start")
				}
				// Every goroutine Parallel started has ended.
				deadline := time.Now().Add(5 * time.Second)
				for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
				if n := runtime.NumGoroutine(); n > before {
					t.Errorf("%d goroutines left running", n-before)
				}
			})
		}
	}
}
