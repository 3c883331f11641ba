package input_test

import (
	"bytes"
	"fmt"
	"testing"
	"testing/iotest"

	"github.com/csmctl/csmctl/internal/input"
)

// FuzzFrame frames arbitrary bytes with an arbitrary block size and checks
// that the records do not depend on the block size or on how the bytes
// arrive, that each record's bytes are in the input where its Line and
// Position say, and that plain NDJSON gives exactly its non-blank lines.
func FuzzFrame(f *testing.F) {
	for i, c := range frameCases {
		f.Add([]byte(c.in), uint16(blockSizes[i%len(blockSizes)]))
	}
	f.Add([]byte("[1,\n{\"a\":[1,{\"b\":\"\\\"]\"}]},\n\"x\" ]\n{\n\"c\":1\n}\n"), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, block uint16) {
		bs := int(block)%4096 + 1
		frame := func(r *input.Reader) []input.Record {
			recs, errs := readAll(t, r)
			if len(errs) > 0 {
				t.Fatalf("input errors on an in-memory input: %v", errs)
			}
			return recs
		}
		want := frame(input.Open(nil, bytes.NewReader(data), input.Options{}))
		wantGot := reduce(want)
		for _, v := range []struct {
			name string
			r    *input.Reader
		}{
			{"block", input.Open(nil, bytes.NewReader(data), input.Options{BlockSize: bs})},
			{"trickle", input.Open(nil, iotest.OneByteReader(bytes.NewReader(data)), input.Options{BlockSize: bs})},
		} {
			if have := reduce(frame(v.r)); fmt.Sprint(have) != fmt.Sprint(wantGot) {
				t.Fatalf("%s size %d: records differ from the default block size's\nhave %v\nwant %v", v.name, bs, have, wantGot)
			}
		}
		checkPlace(t, data, want)
		if lines, plain := ndjsonLines(data); plain {
			if have := reduce(want); fmt.Sprint(have) != fmt.Sprint(lines) {
				t.Fatalf("plain NDJSON: records are not its non-blank lines\nhave %v\nwant %v", have, lines)
			}
		}
	})
}

// checkPlace checks that every record's bytes are in the input at the line
// and column that Position gives for its first byte, in input order.
func checkPlace(t *testing.T, data []byte, recs []input.Record) {
	t.Helper()
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	last := 0
	for i := range recs {
		r := &recs[i]
		line, col := r.Position(0)
		if line < 1 || line > len(starts) || col < 1 {
			t.Fatalf("record %d at %d:%d, outside the input's %d lines", i, line, col, len(starts))
		}
		at := starts[line-1] + col - 1
		if at < last || at+len(r.Data) > len(data) || !bytes.Equal(data[at:at+len(r.Data)], r.Data) {
			t.Fatalf("record %d %q is not at %d:%d (offset %d) of the input, or out of order", i, r.Data, line, col, at)
		}
		last = at
	}
}

// ndjsonLines returns the records a plain NDJSON input must give — each line
// with something on it — and whether data is plain NDJSON: it does not start
// with an array and has no line holding only "{".
func ndjsonLines(data []byte) ([]got, bool) {
	bom := []byte("\xef\xbb\xbf")
	if bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n"), []byte("[")) {
		return nil, false
	}
	var out []got
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimPrefix(bytes.TrimSuffix(line, []byte("\r")), bom)
		switch trimmed := bytes.Trim(line, " \t\r"); {
		case string(trimmed) == "{":
			return nil, false
		case len(trimmed) > 0:
			out = append(out, ok(i+1, string(line)))
		}
	}
	return out, true
}

// FuzzFrameLimit frames arbitrary bytes with a small MaxRecord: the records
// still must not depend on the block size, and none is longer than the limit.
func FuzzFrameLimit(f *testing.F) {
	for i, c := range frameCases {
		f.Add([]byte(c.in), uint16(blockSizes[i%len(blockSizes)]), uint8(i))
	}
	f.Add([]byte("{\"a\":1}\n{\n\"b\": \"xxxxxxxxxxxx\"\n}\n[1,2]\n"), uint16(3), uint8(8))
	f.Add([]byte("[\"xxxxxxxxxx\", 12345678901, {\"a\":[1,2,3]}, 4]\n"), uint16(5), uint8(6))
	f.Fuzz(func(t *testing.T, data []byte, block uint16, limit uint8) {
		bs, max := int(block)%4096+1, int(limit)%64+1
		frame := func(r *input.Reader) []input.Record {
			recs, errs := readAll(t, r)
			if len(errs) > 0 {
				t.Fatalf("input errors on an in-memory input: %v", errs)
			}
			return recs
		}
		want := frame(input.Open(nil, bytes.NewReader(data), input.Options{MaxRecord: max}))
		wantGot := reduce(want)
		for _, v := range []struct {
			name string
			r    *input.Reader
		}{
			{"block", input.Open(nil, bytes.NewReader(data), input.Options{MaxRecord: max, BlockSize: bs})},
			{"trickle", input.Open(nil, iotest.OneByteReader(bytes.NewReader(data)), input.Options{MaxRecord: max, BlockSize: bs})},
		} {
			if have := reduce(frame(v.r)); fmt.Sprint(have) != fmt.Sprint(wantGot) {
				t.Fatalf("%s size %d, limit %d: records differ from the default block size's\nhave %v\nwant %v", v.name, bs, max, have, wantGot)
			}
		}
		checkPlace(t, data, want)
		for _, r := range want {
			if len(r.Data) > max {
				t.Fatalf("record of %d bytes, over the limit of %d: %q (err %v)", len(r.Data), max, r.Data, r.Err)
			}
		}
	})
}
