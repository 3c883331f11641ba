package input_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// TestBatchBounds reads tiny records: a batch holds at most MaxBatchRecords
// of them and one block's bytes, and batches that share a block keep their
// records intact while the ones around them are released, in any order.
func TestBatchBounds(t *testing.T) {
	const n, blockSize = 50000, 64 << 10
	var b strings.Builder
	starts := []int{0, 0} // starts[i] is where line i starts
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "{\"i\":%d}\n", i)
		starts = append(starts, b.Len())
	}
	for _, v := range via {
		if v.name == "trickle" {
			continue // a byte at a time: a block never fills
		}
		t.Run(v.name, func(t *testing.T) {
			r := v.open(t, b.String(), input.Options{BlockSize: blockSize})
			var kept []*input.Batch
			line, batches := 1, 0
			for {
				batch, err := r.Next()
				if err != nil {
					break
				}
				batches++
				recs := batch.Records
				if len(recs) > input.MaxBatchRecords {
					t.Fatalf("batch of %d records, want at most %d", len(recs), input.MaxBatchRecords)
				}
				// The records of a batch are consecutive lines: their
				// bytes are those lines'.
				first, last := recs[0].Line, recs[len(recs)-1].Line
				if span := starts[last+1] - starts[first]; span > blockSize {
					t.Fatalf("batch of lines %d to %d spans %d bytes, more than a block", first, last, span)
				}
				for _, rec := range recs {
					if rec.Line != line || string(rec.Data) != fmt.Sprintf("{\"i\":%d}", line) {
						t.Fatalf("record %d %q, want line %d", rec.Line, rec.Data, line)
					}
					line++
				}
				if batches%2 == 0 {
					batch.Release()
				} else {
					kept = append(kept, batch)
				}
			}
			if line != n+1 {
				t.Fatalf("read %d records, want %d", line-1, n)
			}
			if batches < n/input.MaxBatchRecords {
				t.Errorf("%d batches for %d records", batches, n)
			}
			for _, batch := range kept {
				for _, rec := range batch.Records {
					if string(rec.Data) != fmt.Sprintf("{\"i\":%d}", rec.Line) {
						t.Fatalf("kept batch: record %d is now %q: its block was reused", rec.Line, rec.Data)
					}
				}
				batch.Release()
			}
		})
	}
}
