package zstd

import (
	"encoding/binary"
	"math/bits"
)

// The primes of XXH64, which Content_Checksum uses with a seed of 0.
const (
	prime64x1 uint64 = 11400714785074694791
	prime64x2 uint64 = 14029467366897019727
	prime64x3 uint64 = 1609587929392839161
	prime64x4 uint64 = 9650029242287828579
	prime64x5 uint64 = 2870177450012600261
)

// xxhash64 is a streaming XXH64 digest with seed 0: a frame's checksum
// covers its whole content, which arrives a block at a time.
type xxhash64 struct {
	v     [4]uint64 // the four lanes
	mem   [32]byte  // a stripe not yet complete
	n     int       // bytes used in mem
	total uint64    // bytes written since reset
}

func (d *xxhash64) reset() {
	p1 := prime64x1 // a variable, so the sums below wrap as the algorithm wants
	d.v = [4]uint64{p1 + prime64x2, prime64x2, 0, -p1}
	d.n = 0
	d.total = 0
}

func xxhRound(acc, input uint64) uint64 {
	acc += input * prime64x2
	return bits.RotateLeft64(acc, 31) * prime64x1
}

func xxhMerge(acc, lane uint64) uint64 {
	acc ^= xxhRound(0, lane)
	return acc*prime64x1 + prime64x4
}

// write adds b to the digest.
func (d *xxhash64) write(b []byte) {
	d.total += uint64(len(b))
	if d.n > 0 {
		c := copy(d.mem[d.n:], b)
		d.n += c
		b = b[c:]
		if d.n < len(d.mem) {
			return
		}
		d.stripes(d.mem[:])
		d.n = 0
	}
	full := len(b) &^ 31
	d.stripes(b[:full])
	d.n = copy(d.mem[:], b[full:])
}

// stripes consumes whole 32-byte stripes.
func (d *xxhash64) stripes(b []byte) {
	v1, v2, v3, v4 := d.v[0], d.v[1], d.v[2], d.v[3]
	for ; len(b) >= 32; b = b[32:] {
		v1 = xxhRound(v1, binary.LittleEndian.Uint64(b[0:8]))
		v2 = xxhRound(v2, binary.LittleEndian.Uint64(b[8:16]))
		v3 = xxhRound(v3, binary.LittleEndian.Uint64(b[16:24]))
		v4 = xxhRound(v4, binary.LittleEndian.Uint64(b[24:32]))
	}
	d.v = [4]uint64{v1, v2, v3, v4}
}

// sum64 is the digest of everything written since reset.
func (d *xxhash64) sum64() uint64 {
	var h uint64
	if d.total >= 32 {
		v1, v2, v3, v4 := d.v[0], d.v[1], d.v[2], d.v[3]
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) +
			bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = xxhMerge(h, v1)
		h = xxhMerge(h, v2)
		h = xxhMerge(h, v3)
		h = xxhMerge(h, v4)
	} else {
		h = prime64x5
	}
	h += d.total
	b := d.mem[:d.n]
	for ; len(b) >= 8; b = b[8:] {
		h ^= xxhRound(0, binary.LittleEndian.Uint64(b))
		h = bits.RotateLeft64(h, 27)*prime64x1 + prime64x4
	}
	if len(b) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(b)) * prime64x1
		h = bits.RotateLeft64(h, 23)*prime64x2 + prime64x3
		b = b[4:]
	}
	for _, c := range b {
		h ^= uint64(c) * prime64x5
		h = bits.RotateLeft64(h, 11) * prime64x1
	}
	h ^= h >> 33
	h *= prime64x2
	h ^= h >> 29
	h *= prime64x3
	h ^= h >> 32
	return h
}
