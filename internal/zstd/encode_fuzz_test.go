package zstd

import (
	"bytes"
	"testing"
)

// FuzzEncode compresses arbitrary input: the reference decoder must give
// it back, and the frame may exceed the input only by its headers.
func FuzzEncode(f *testing.F) {
	events := encEvents(f)
	for _, n := range []int{0, 1, 100, 5000, 70000} {
		f.Add(events[len(events)/3 : len(events)/3+n])
	}
	f.Add(bytes.Repeat([]byte{0}, 200))
	f.Add(bytes.Repeat([]byte("abcd"), 300))
	f.Add(encRandom(300, 5))
	d := encDecoder(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		var e Encoder
		frame := e.EncodeAll(src, nil)
		got, err := d.DecodeAll(frame, nil)
		if err != nil {
			t.Fatalf("reference decoder rejects the frame of %d bytes: %v", len(src), err)
		}
		if !bytes.Equal(got, src) {
			t.Fatalf("decoded %d bytes differ from the %d encoded", len(got), len(src))
		}
		// Magic, descriptor and content size, then a 3-byte header per
		// block, the empty input having one block.
		blocks := max(1, (len(src)+encMaxBlock-1)/encMaxBlock)
		if limit := len(src) + 4 + 1 + 8 + 3*blocks; len(frame) > limit {
			t.Errorf("%d bytes compress to %d, more than %d", len(src), len(frame), limit)
		}
	})
}
