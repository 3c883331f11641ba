package input_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// FuzzTrailingBytes follows gzip members with arbitrary bytes: every record
// of the members comes out, and then either nothing (the bytes were more
// members, or none) or one input error about the gzip stream; never a
// panic, never a hang.
func FuzzTrailingBytes(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n"), []byte("garbage"))
	f.Add([]byte("{\"a\":1}\n{\"b\":"), []byte{0x1f, 0x8b, 8, 0})
	f.Add([]byte("[{\"a\":1}]"), []byte{0x1f})
	f.Add([]byte("{}\n"), []byte{})
	f.Fuzz(func(t *testing.T, plain, tail []byte) {
		if !bytes.HasSuffix(plain, []byte("\n")) {
			plain = append(plain, '\n') // so that the tail's records start on a line of their own
		}
		want, errs := readLines(input.Open(nil, bytes.NewReader(plain), input.Options{}))
		if len(errs) > 0 {
			return // refused whole (UTF-16), compressed or not
		}
		got, errs := readLines(input.Open(nil, bytes.NewReader(append(gzipped(t, string(plain)), tail...)), input.Options{}))
		if len(got) < len(want) || strings.Join(got[:len(want)], "\n") != strings.Join(want, "\n") {
			t.Fatalf("records %q, want %q first", got, want)
		}
		if len(errs) > 1 {
			t.Fatalf("errors %v, want one at most", errs)
		}
		var ie *input.Error
		if len(errs) == 1 && (!errors.As(errs[0], &ie) || !strings.Contains(ie.Err.Error(), "gzip")) {
			t.Fatalf("error %v, want one about the gzip stream", errs[0])
		}
		if len(errs) == 0 && len(tail) > 0 && !bytes.HasPrefix(tail, []byte{0x1f, 0x8b}) {
			t.Fatalf("tail %q after the stream read without an error", tail)
		}
	})
}

// readLines reads every record as "LINE DATA", and the input errors.
func readLines(r *input.Reader) (recs []string, errs []error) {
	r.Each(func(rec *input.Record) error {
		recs = append(recs, string(rune('0'+rec.Line%10))+" "+string(rec.Data))
		return nil
	}, func(err error) { errs = append(errs, err) })
	return recs, errs
}
