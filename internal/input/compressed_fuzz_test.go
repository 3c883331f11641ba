package input_test

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/csmctl/csmctl/internal/input"
)

// FuzzCompressed compresses arbitrary input with gzip or zstd, cuts or
// flips the compressed stream at a point the fuzzer picks, and reads it: no
// panic, no hang, and the records that come out before any error are the
// plain input's first records, byte for byte (the last one may be cut
// short where the stream was).
func FuzzCompressed(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n{\"b\":2}\n"), uint16(10), uint8(0), false)
	f.Add([]byte("[\n{\"a\":1},\n{\"b\":2}\n]\n"), uint16(0), uint8(3), true)
	f.Add([]byte("{\"_id\":\"x\",\"host\":\"h\",\"attributes\":{\"a\":1}}\n"), uint16(25), uint8(0xff), false)
	f.Fuzz(func(t *testing.T, plain []byte, at uint16, flip uint8, useZstd bool) {
		var z bytes.Buffer
		if useZstd {
			w, _ := zstd.NewWriter(&z)
			w.Write(plain)
			w.Close()
		} else {
			w := gzip.NewWriter(&z)
			w.Write(plain)
			w.Close()
		}
		data := z.Bytes()
		magic := 2
		if useZstd {
			magic = 4
		}
		if n := int(at); n > 0 && n < len(data) {
			if n < magic {
				return // no longer recognisable as compressed: plain bytes
			}
			if flip != 0 {
				data[n] ^= flip
			} else {
				data = data[:n]
			}
		}
		want := records(t, input.Open(nil, bytes.NewReader(plain), input.Options{}), false)
		got := records(t, input.Open(nil, bytes.NewReader(data), input.Options{}), true)
		for i := range got {
			if i == len(got)-1 && i < len(want) && strings.HasPrefix(want[i], got[i]) {
				break // the line the stream was cut in: read as far as it went
			}
			if i >= len(want) || got[i] != want[i] {
				// A flipped bit may decode to other bytes before the
				// checksum catches it; only a clean cut must be a prefix.
				if flip == 0 {
					t.Fatalf("record %d = %q, want a prefix of %q", i, got[i], want)
				}
				return
			}
		}
	})
}

// records reads every record as "LINE DATA", up to the first input error.
func records(t *testing.T, r *input.Reader, stopAtError bool) []string {
	var out []string
	failed := false
	r.Each(func(rec *input.Record) error {
		if !failed {
			out = append(out, string(rune('0'+rec.Line%10))+" "+string(rec.Data))
		}
		return nil
	}, func(error) { failed = stopAtError })
	return out
}
