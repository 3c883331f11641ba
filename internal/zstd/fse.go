package zstd

import (
	"errors"
	"fmt"
	"math/bits"
)

// fseEntry is one state of an FSE decoding table (RFC 8878 4.1.1): the
// symbol it emits, and how to reach the next state, newState plus nbBits
// bits read from the stream.
type fseEntry struct {
	newState uint16
	symbol   uint8
	nbBits   uint8
}

// maxFSELog bounds every accuracy log the format uses (9, for lengths).
const maxFSELog = 9

// readDistribution reads an FSE table description (RFC 8878 4.1.1) into
// norm, whose length bounds the symbols allowed, and returns the number of
// symbols described, the accuracy log and the bytes used.
func readDistribution(in []byte, norm []int16, maxLog uint8) (symbols int, accLog uint8, used int, err error) {
	f := forwardReader{in: in}
	accLog = uint8(f.get(4)) + 5
	if accLog > maxLog {
		return 0, 0, 0, fmt.Errorf("FSE table: accuracy log %d over the maximum of %d", accLog, maxLog)
	}
	remaining := int32(1)<<accLog + 1
	threshold := int32(1) << accLog
	nbBits := uint(accLog) + 1
	symbol := 0
	for remaining > 1 {
		if symbol >= len(norm) {
			return 0, 0, 0, fmt.Errorf("FSE table: probabilities for more than %d symbols", len(norm))
		}
		// Small values take nbBits-1 bits, larger ones nbBits.
		limit := 2*threshold - 1 - remaining
		v := int32(f.peek(nbBits))
		var count int32
		if low := v & (threshold - 1); low < limit {
			count = low
			f.pos += nbBits - 1
		} else {
			count = v & (2*threshold - 1)
			if count >= threshold {
				count -= limit
			}
			f.pos += nbBits
		}
		count-- // -1 is the "less than 1" probability
		if count < 0 {
			remaining--
		} else {
			remaining -= count
		}
		norm[symbol] = int16(count)
		symbol++
		if count == 0 {
			// Runs of zero probabilities are counted in 2-bit repeat flags.
			for {
				repeat := int(f.get(2))
				if symbol+repeat > len(norm) {
					return 0, 0, 0, fmt.Errorf("FSE table: probabilities for more than %d symbols", len(norm))
				}
				for range repeat {
					norm[symbol] = 0
					symbol++
				}
				if repeat != 3 || f.past() {
					break
				}
			}
		}
		if remaining < 1 {
			return 0, 0, 0, errors.New("FSE table: probabilities add up to more than the table size")
		}
		for remaining < threshold {
			nbBits--
			threshold >>= 1
		}
		if f.past() {
			break
		}
	}
	if f.past() {
		return 0, 0, 0, errors.New("FSE table: description runs past the end of its block")
	}
	if remaining != 1 {
		return 0, 0, 0, errors.New("FSE table: probabilities do not add up to the table size")
	}
	return symbol, accLog, f.bytesUsed(), nil
}

// buildFSE spreads a distribution's symbols over a decoding table of
// 2^accLog states (RFC 8878 4.1.1, "FSE decoding: from normalized
// distribution to decoding tables").
func buildFSE(norm []int16, accLog uint8, dst []fseEntry) error {
	size := 1 << accLog
	high := size - 1
	var next [256]uint16
	for s, c := range norm {
		if c == -1 {
			// "Less than 1" symbols take the last states, one each.
			dst[high].symbol = uint8(s)
			high--
			next[s] = 1
		} else {
			next[s] = uint16(c)
		}
	}
	step := size>>1 + size>>3 + 3
	mask := size - 1
	pos := 0
	for s, c := range norm {
		for range int(c) {
			dst[pos].symbol = uint8(s)
			pos = (pos + step) & mask
			for pos > high {
				pos = (pos + step) & mask
			}
		}
	}
	if pos != 0 {
		return errors.New("FSE table: probabilities do not fill the table")
	}
	for u := range dst[:size] {
		s := dst[u].symbol
		n := next[s]
		next[s]++
		nb := accLog + 1 - uint8(bits.Len16(n))
		dst[u].nbBits = nb
		dst[u].newState = n<<nb - uint16(size)
	}
	return nil
}
