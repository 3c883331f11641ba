// Package manpage writes csmctl's man pages: roff for the man(7) macros,
// made from the commands' help, by a small writer of its own (a markdown
// converter would link a markdown parser into every run for one command).
package manpage

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// roff escapes text for one line of a roff source: a backslash is \e, a
// hyphen is \- (an ASCII minus, as options need to be when copied), a
// character beyond ASCII is \[uXXXX] (read the same whatever encoding
// groff assumes), and control characters go. A line starting with . or '
// would be a request: callers start lines with text through line.
func roff(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1, r < 0x20, r == 0x7f:
			b.WriteString(`\[uFFFD]`)
		case r < 0x80:
			b.WriteRune(r)
		default:
			b.WriteString(`\[u`)
			hex := strings.ToUpper(strconv.FormatInt(int64(r), 16))
			for n := len(hex); n < 4; n++ {
				b.WriteByte('0')
			}
			b.WriteString(hex)
			b.WriteByte(']')
		}
	}
	return b.String()
}

// line is roff(s) made safe to begin a line: a leading . or ' (which
// would make the line a request) is preceded by \&, the zero-width
// character, as is leading space, which would break the line.
func line(s string) string {
	e := roff(s)
	if e != "" && (e[0] == '.' || e[0] == '\'' || e[0] == ' ') {
		return `\&` + e
	}
	return e
}

// quoted is s as a macro argument: in double quotes, a quote inside
// written \(dq.
func quoted(s string) string {
	return `"` + strings.ReplaceAll(roff(s), `"`, `\(dq`) + `"`
}
