package progress

import (
	"strconv"
	"time"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// The bar's graphic is between these many columns wide, brackets aside;
// it is left out when the terminal has no room for the narrowest.
const (
	minBar = 10
	maxBar = 30
)

var spinner = [...]byte{'-', '\\', '|', '/'}

// appendLine appends the bar's line, at most width-1 columns wide (a line
// that fills the last column wraps on some terminals, and \r then no
// longer goes back to its start):
//
//	validating  42% [============>                 ] 42.0 MB / 100.0 MB, 38.2 MB/s
//	validating - 42.0 MB, 38.2 MB/s      (total unknown: a spinner)
//
// label is already escaped. Where the terminal is too narrow the graphic
// goes first, then the rate, then the total, and then the line is cut.
func appendLine(dst []byte, label string, done, total int64, elapsed time.Duration, turns, width int) []byte {
	start := len(dst)
	dst = append(dst, label...)
	dst = append(dst, ' ')
	rate := int64(0)
	if s := elapsed.Seconds(); s > 0 {
		rate = int64(float64(done) / s)
	}
	// The numbers, fullest first: the rate goes, then the total, when the
	// terminal is too narrow for them.
	var counts [3][]byte
	counts[2] = appendBytes(nil, done)
	counts[1] = counts[2]
	if total > 0 {
		counts[1] = appendBytes(append(counts[1][:len(counts[1]):len(counts[1])], " / "...), total)
	}
	counts[0] = append(appendBytes(append(counts[1][:len(counts[1]):len(counts[1])], ", "...), rate), "/s"...)

	room := width - 1
	if total > 0 {
		pct := min(done*100/total, 100)
		if pct < 100 && done > total { // a file that grew while read
			pct = 100
		}
		dst = append(dst, padLeft(strconv.FormatInt(pct, 10), 3)...)
		dst = append(dst, "% "...)
	} else {
		dst = append(dst, spinner[turns%len(spinner)], ' ')
	}
	used := displayWidth(dst[start:])
	k := len(counts) - 1
	for i, c := range counts {
		if used+len(c) <= room {
			k = i
			break
		}
	}
	shown := counts[k]
	if n := room - used - len(shown) - 3; total > 0 && k == 0 && n >= minBar { // "[", "]", " "
		dst = appendGraphic(dst, done, total, min(n, maxBar))
	}
	dst = append(dst, shown...)
	return truncate(dst, start, room)
}

// appendGraphic appends [=====>    ] with n columns between the brackets,
// and a space.
func appendGraphic(dst []byte, done, total int64, n int) []byte {
	full := int(min(done, total) * int64(n) / total)
	dst = append(dst, '[')
	for i := range n {
		switch {
		case i < full-1 || (i == full-1 && full == n):
			dst = append(dst, '=')
		case i == full-1:
			dst = append(dst, '>')
		default:
			dst = append(dst, ' ')
		}
	}
	return append(dst, "] "...)
}

// appendBytes appends n bytes as a size in SI units: 999 B, 1.0 kB, 42.3 MB.
func appendBytes(dst []byte, n int64) []byte {
	const units = "kMGTPE"
	if n < 1000 {
		dst = strconv.AppendInt(dst, n, 10)
		return append(dst, " B"...)
	}
	v, u := float64(n)/1000, 0
	for v >= 999.95 && u < len(units)-1 {
		v /= 1000
		u++
	}
	dst = strconv.AppendFloat(dst, v, 'f', 1, 64)
	return append(dst, ' ', units[u], 'B')
}

func padLeft(s string, n int) string {
	for len(s) < n {
		s = " " + s
	}
	return s
}

// truncate cuts dst[start:] to at most room columns, at a character.
func truncate(dst []byte, start, room int) []byte {
	cols := 0
	for i, r := range string(dst[start:]) {
		if cols += iostreams.RuneWidth(r); cols > room {
			return dst[:start+i]
		}
	}
	return dst
}

func displayWidth(b []byte) int { return iostreams.DisplayWidth(string(b)) }
