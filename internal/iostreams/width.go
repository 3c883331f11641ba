package iostreams

import (
	"os"
	"runtime"

	"github.com/clipperhouse/displaywidth"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/memo"
)

// widths is how characters are measured: East Asian ambiguous characters
// one or two columns wide, as the environment says (see eastAsianWidths).
// It is read when the first character that is not ASCII is measured.
var widths = memo.Value[*runeWidths]{New: func() *runeWidths {
	w := newWidths(eastAsianWidths(os.Getenv, runtime.GOOS))
	return &w
}}

// runeWidths is a way of measuring characters.
type runeWidths struct {
	displaywidth.Options
	// narrowBoxes keeps box-drawing characters (U+2500 to U+257F) one
	// column wide when ambiguous characters are two.
	narrowBoxes bool
}

func newWidths(wide, narrowBoxes bool) runeWidths {
	return runeWidths{displaywidth.Options{EastAsianWidth: wide}, narrowBoxes && wide}
}

// SetEastAsianWidths makes East Asian ambiguous characters two columns
// wide or one, and box-drawing characters one column wide even when
// ambiguous ones are two, in place of what the environment said, and
// returns a function that restores the environment's choice. It is for
// tests, which draw tables as each kind of terminal would; it must not run
// while anything measures text.
func SetEastAsianWidths(wide, narrowBoxes bool) (restore func()) {
	w := widths.Get()
	saved := *w
	*w = newWidths(wide, narrowBoxes)
	return func() { *w = saved }
}

// DisplayWidth is how many terminal columns s takes, measured character by
// character, so that csmctl's alignment and its table borders agree: two
// for wide East Asian characters and emoji, none for combining marks,
// zero-width characters and controls, and one or two for East Asian
// ambiguous characters as the locale says (see eastAsianWidths). It is
// meant for text escaped by escape.Text, which holds no control; ASCII,
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
	w := widths.Get()
	if w.narrowBoxes && r >= 0x2500 && r <= 0x257f {
		return 1
	}
	return w.Rune(r)
}
