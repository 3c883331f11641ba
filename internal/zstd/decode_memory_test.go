package zstd

import (
	"bytes"
	"encoding/binary"
	"io"
	"runtime"
	"testing"

	kzstd "github.com/klauspost/compress/zstd"
)

// allocated is the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestDecodeAllocatesWhatIsDecoded: sizes the header claims (a 2^60-byte
// content, a 64 MiB window) do not turn into allocations.
func TestDecodeAllocatesWhatIsDecoded(t *testing.T) {
	huge := binary.LittleEndian.AppendUint64(nil, 1<<60)
	for _, tc := range []struct {
		name  string
		input []byte
	}{
		{"content size 2^60", frame(0xc0, append([]byte{0x00}, huge...), rleBlock(true, 'a', 1000))},
		{"64 MiB window, 10 bytes", frame(0x00, []byte{16 << 3}, rleBlock(true, 'a', 10))},
		{"64 MiB window, compressed", frame(0x00, []byte{16 << 3}, compressedBlock(true, 0x18, 'a', 'b', 'c', 0x01, 0x54, 3, 0, 2, 0x01))},
	} {
		var err error
		n := allocated(func() { _, err = decodeAll(tc.input, WithMaxWindow(1<<30)) })
		if n > 1<<20 {
			t.Errorf("%s: %d bytes allocated (error %v)", tc.name, n, err)
		}
	}
}

// TestDecodeHistoryBounded decodes 24 MB through a 1 MiB window: the
// history buffer stays within the window and two blocks, wrapping round.
func TestDecodeHistoryBounded(t *testing.T) {
	plain := bytes.Repeat(corpus(t)[:3<<20], 8)
	enc := klausEncode(t, plain, kzstd.WithWindowSize(1<<20))
	z := NewReader(bytes.NewReader(enc))
	got, err := io.ReadAll(z)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("decoded %d bytes of %d: %v", len(got), len(plain), err)
	}
	if bound := 1<<20 + 2*(maxBlockSize+copySlack); z.frame.keep != 1<<20 || cap(z.hist) > bound {
		t.Fatalf("history of %d bytes (bound %d) for a 1 MiB window", cap(z.hist), bound)
	}
	if z.extEnd == 0 {
		t.Fatal("the history never wrapped round its buffer")
	}
}
