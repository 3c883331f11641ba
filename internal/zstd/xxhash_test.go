package zstd

import (
	"math/rand/v2"
	"testing"

	"github.com/cespare/xxhash/v2"
)

func TestXXHash64KnownVectors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
	}{
		{"", 0xef46db3751d8e999},
		{"a", 0xd24ec4f1a98c6e5b},
		{"abc", 0x44bc2cf5ad770999},
		{"Nobody inspects the spammish repetition", 0xfbcea83c8a378bf1},
	} {
		var d xxhash64
		d.reset()
		d.write([]byte(tc.in))
		if got := d.sum64(); got != tc.want {
			t.Errorf("xxhash64(%q) = %016x, want %016x", tc.in, got, tc.want)
		}
	}
}

// TestXXHash64MatchesReference hashes every length up to 300 bytes, written
// in one piece and in random pieces, and compares with cespare/xxhash.
func TestXXHash64MatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 300)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	for n := range len(data) + 1 {
		want := xxhash.Sum64(data[:n])
		var whole, pieces xxhash64
		whole.reset()
		whole.write(data[:n])
		pieces.reset()
		for rest := data[:n]; len(rest) > 0; {
			k := min(len(rest), rng.IntN(40))
			pieces.write(rest[:k])
			rest = rest[k:]
		}
		if got := whole.sum64(); got != want {
			t.Fatalf("%d bytes in one write: %016x, want %016x", n, got, want)
		}
		if got := pieces.sum64(); got != want {
			t.Fatalf("%d bytes in pieces: %016x, want %016x", n, got, want)
		}
	}
}
