package render

import "strings"

// diffLine is one line of a line diff: kept (' '), removed ('-') or added
// ('+').
type diffLine struct {
	op   byte
	text string
}

// maxDiffCells bounds the longest-common-subsequence table: security
// descriptors have tens of lines, and a hostile event must not make one
// diff take gigabytes.
const maxDiffCells = 1 << 20

// diffLines returns the lines of old and new in order, each marked kept,
// removed or added, keeping as many lines as possible (a longest common
// subsequence). Removals come before the additions that replace them.
func diffLines(old, new []string) []diffLine {
	// Lines kept at both ends need no table.
	pre := 0
	for pre < len(old) && pre < len(new) && old[pre] == new[pre] {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(new)-pre && old[len(old)-1-suf] == new[len(new)-1-suf] {
		suf++
	}
	out := make([]diffLine, 0, len(old)+len(new))
	for _, l := range old[:pre] {
		out = append(out, diffLine{' ', l})
	}
	out = append(out, diffMiddle(old[pre:len(old)-suf], new[pre:len(new)-suf])...)
	for _, l := range old[len(old)-suf:] {
		out = append(out, diffLine{' ', l})
	}
	return out
}

func diffMiddle(a, b []string) []diffLine {
	var out []diffLine
	if (len(a)+1)*(len(b)+1) > maxDiffCells {
		for _, l := range a {
			out = append(out, diffLine{'-', l})
		}
		for _, l := range b {
			out = append(out, diffLine{'+', l})
		}
		return out
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, diffLine{' ', a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			out = append(out, diffLine{'-', a[i]})
			i++
		default:
			out = append(out, diffLine{'+', b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		out = append(out, diffLine{'-', a[i]})
	}
	for ; j < len(b); j++ {
		out = append(out, diffLine{'+', b[j]})
	}
	return out
}

// splitLines splits multi-line text, without the empty line a final
// newline would make.
func splitLines(s string) []string {
	s = strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
