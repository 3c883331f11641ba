package zstd

// copySlack is room left after a block's maximum size so that short
// copies can move 16 bytes at a time, overrunning what they copy; the
// buffers of literals keep as much after their end.
const copySlack = 32

// lazyHistory is how large the history buffer grows by doubling: past it,
// the content is real enough to allocate the whole ring at once (every
// byte of a buffer outgrown is a page fault paid for nothing).
const lazyHistory = 1 << 20

// makeRoom makes room after hist for a block, everything in hist having
// been returned by Read. Until the buffer reaches ringSize it grows,
// keeping the last window of content; then, as the reference decoder
// does, writing wraps round to the buffer's start and the lap written so
// far becomes the previous lap, which matches still reach into. Nothing is
// moved once the buffer is full.
func (z *Reader) makeRoom() {
	room := z.frame.blockMax + copySlack
	pos := len(z.hist)
	switch {
	case pos+room <= cap(z.hist):
	case cap(z.hist) >= z.ringSize:
		z.extStart, z.extEnd = 0, pos
		z.hist = z.hist[:0]
		z.out = 0
	default:
		keep := min(pos, z.frame.keep)
		size := max(2*cap(z.hist), keep+room, 256<<10)
		if size > lazyHistory {
			size = z.ringSize
		}
		size = min(size, max(z.ringSize, keep+room))
		grown := make([]byte, size)
		copy(grown, z.hist[pos-keep:])
		z.hist = grown[:keep]
		z.out = keep
		z.extStart, z.extEnd = 0, 0
	}
	// The previous lap loses what the next block may write over.
	z.extStart = max(z.extStart, len(z.hist)+room)
	if z.extStart >= z.extEnd {
		z.extStart, z.extEnd = 0, 0
	}
}
