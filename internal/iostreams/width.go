package iostreams

import (
	"github.com/clipperhouse/displaywidth"
	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/csmctl/csmctl/internal/escape"
)

// runeWidths measures as tablewriter does, East Asian ambiguous characters
// included: tablewriter decided, from the locale, how wide those are.
var runeWidths = displaywidth.Options{EastAsianWidth: twwidth.IsEastAsian()}

// DisplayWidth is how many terminal columns s takes, measured character by
// character as tablewriter measures it, so that csmctl's alignment and
// tablewriter's borders agree: two for wide East Asian characters and
// emoji, none for combining marks, zero-width characters and controls. It
// is meant for text escaped by escape.Text, which holds no control; ASCII,
// nearly all event text, skips the lookup.
func DisplayWidth(s string) int {
	n := escape.PlainPrefix(s)
	for _, r := range s[n:] {
		n += RuneWidth(r)
	}
	return n
}

// RuneWidth is DisplayWidth for one character.
func RuneWidth(r rune) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	return runeWidths.Rune(r)
}
