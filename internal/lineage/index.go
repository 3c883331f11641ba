package lineage

// index is a hash table of positions in a slice the caller keeps (nodes,
// strings): open addressing, linear probing, 8 bytes a slot against the 40
// to 50 of a Go map keyed by the values themselves. A slot holds the upper
// half of the value's hash, to skip most values that differ without
// looking at them, and the position plus one (0: the slot is free).
type index struct {
	slots []uint64
	n     int
}

// find returns the position of the value with hash h for which eq holds,
// or -1 and the slot where to insert it.
func (x *index) find(h uint64, eq func(pos uint32) bool) (int64, int) {
	if len(x.slots) == 0 {
		return -1, -1
	}
	mask := uint64(len(x.slots) - 1)
	tag := h >> 32
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return -1, int(i)
		}
		if s>>32 == tag && eq(uint32(s)-1) {
			return int64(uint32(s) - 1), int(i)
		}
	}
}

// insert puts pos, the position of a value of hash h, in the slot find
// returned for it. When the table is three quarters full it doubles, and
// hash gives the hash of the values already in.
func (x *index) insert(slot int, h uint64, pos uint32, hash func(pos uint32) uint64) {
	if slot < 0 || 4*(x.n+1) > 3*len(x.slots) {
		x.grow(hash)
		_, slot = x.find(h, func(uint32) bool { return false })
	}
	x.slots[slot] = h>>32<<32 | uint64(pos+1)
	x.n++
}

func (x *index) grow(hash func(pos uint32) uint64) {
	old := x.slots
	x.slots = make([]uint64, max(16, 2*len(old)))
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		h := hash(uint32(s) - 1)
		i := h & mask
		for x.slots[i] != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}
