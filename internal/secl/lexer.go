package secl

import (
	"net/netip"
	"strings"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token, after the agent's lexer: the
// rules are tried in its order (comment, CIDR, IP, variable, duration,
// regexp, identifier, string, pattern, integer, punctuation).
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokPattern
	tokRegexp
	tokInt
	tokDuration
	tokIP
	tokCIDR
	tokVariable
	tokPunct
)

func (k tokenKind) String() string {
	return [...]string{"end of expression", "identifier", "string", "pattern", "regular expression",
		"integer", "duration", "IP address", "CIDR", "variable", "operator"}[k]
}

// token is one token with its place in the source: byte offset and length,
// 1-based line and column (in characters).
type token struct {
	kind tokenKind
	text string // the token as written
	off  int
	line int
	col  int
}

// lexer cuts an expression into tokens. Errors carry the position of the
// first character no rule accepts.
type lexer struct {
	src  string
	off  int
	line int
	col  int
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// advance moves n bytes on, keeping line and column.
func (l *lexer) advance(n int) {
	for _, r := range l.src[l.off : l.off+n] {
		if r == '\n' {
			l.line++
			l.col = 1
		} else {
			l.col++
		}
	}
	l.off += n
}

// tokens lexes the whole source.
func (l *lexer) tokens() ([]token, *lexError) {
	var out []token
	for {
		l.skipSpace()
		if l.off >= len(l.src) {
			out = append(out, token{kind: tokEOF, off: l.off, line: l.line, col: l.col})
			return out, nil
		}
		kind, n := l.scan()
		if n == 0 {
			r, _ := utf8.DecodeRuneInString(l.src[l.off:])
			return nil, &lexError{off: l.off, line: l.line, col: l.col, msg: "unexpected character " + quoteRune(r)}
		}
		if kind == tokEOF { // an unterminated literal
			return nil, &lexError{off: l.off, line: l.line, col: l.col, msg: "unterminated " + l.unterminated()}
		}
		out = append(out, token{kind: kind, text: l.src[l.off : l.off+n], off: l.off, line: l.line, col: l.col})
		l.advance(n)
	}
}

type lexError struct {
	off, line, col int
	msg            string
}

func (l *lexer) unterminated() string {
	switch l.src[l.off] {
	case '~':
		return "pattern"
	case 'r':
		return "regular expression"
	case '$':
		return "variable"
	}
	return "string"
}

// skipSpace skips blanks and comments (# or // to the end of the line).
func (l *lexer) skipSpace() {
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.advance(1)
		case c == '#' || c == '/' && strings.HasPrefix(l.src[l.off:], "//"):
			n := strings.IndexByte(l.src[l.off:], '\n')
			if n < 0 {
				n = len(l.src) - l.off
			}
			l.advance(n)
		default:
			return
		}
	}
}

// scan returns the kind and byte length of the token at l.off; length 0
// when nothing matches, kind tokEOF for an unterminated literal.
func (l *lexer) scan() (tokenKind, int) {
	s := l.src[l.off:]
	if n := scanIP(s); n > 0 {
		if m := scanCIDRSuffix(s[n:]); m > 0 {
			return tokCIDR, n + m
		}
		return tokIP, n
	}
	c := s[0]
	switch {
	case strings.HasPrefix(s, "${"):
		i := 2
		if i < len(s) && (isAlpha(s[i]) || s[i] == '_') {
			for i++; i < len(s) && (isAlpha(s[i]) || isDigit(s[i]) || s[i] == '_' || s[i] == '.'); i++ {
			}
			if i < len(s) && s[i] == '}' {
				return tokVariable, i + 1
			}
		}
		return tokEOF, 0
	case isDigit(c):
		i := 0
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if n := durationUnit(s[i:]); n > 0 {
			return tokDuration, i + n
		}
		return tokInt, i
	case c == 'r' && strings.HasPrefix(s, `r"`):
		return quoted(s, 1)
	case isAlpha(c) || c == '_':
		i := 1
		for i < len(s) {
			switch c := s[i]; {
			case isAlpha(c) || isDigit(c) || c == '_' || c == '.':
				i++
				continue
			case c == '[':
				// a register, process.ancestors[_].file.name; a ']' of its
				// own ends the name, so [process.comm] is an array
				if j := registerEnd(s[i:]); j > 0 {
					i += j
					continue
				}
			}
			break
		}
		return tokIdent, i
	case c == '"':
		return quoted(s, 0)
	case c == '~' && strings.HasPrefix(s, `~"`):
		return quoted(s, 1)
	case (c == '-' || c == '+') && len(s) > 1 && isDigit(s[1]):
		i := 1
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		return tokInt, i
	}
	for _, op := range [...]string{"&&", "||", "==", "!=", "<=", ">=", "=~", "!~"} {
		if strings.HasPrefix(s, op) {
			return tokPunct, 2
		}
	}
	if strings.IndexByte("!<>&|^+-()[],", c) >= 0 {
		return tokPunct, 1
	}
	return tokPunct, 0
}

// durationUnit is the length of a duration unit the agent accepts (ms, s,
// m, h) at the start of s, 0 when none; a unit glued to more letters is not
// one ("5sec" is not a duration).
func durationUnit(s string) int {
	n := 0
	switch {
	case strings.HasPrefix(s, "ms"):
		n = 2
	case len(s) > 0 && (s[0] == 's' || s[0] == 'm' || s[0] == 'h'):
		n = 1
	}
	if n > 0 && n < len(s) && (isAlpha(s[n]) || isDigit(s[n]) || s[n] == '_') {
		return 0
	}
	return n
}

// quoted scans a "…" literal after a prefix of skip bytes; a backslash
// escapes the next character. tokEOF when the literal does not end.
func quoted(s string, skip int) (tokenKind, int) {
	kind := tokString
	switch {
	case skip == 1 && s[0] == '~':
		kind = tokPattern
	case skip == 1:
		kind = tokRegexp
	}
	for i := skip + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return kind, i + 1
		}
	}
	return tokEOF, 1
}

// scanIP is the length of an IPv4 or IPv6 address at the start of s, 0
// when there is none. A candidate must parse as an address.
func scanIP(s string) int {
	i := 0
	colon := false
	for i < len(s) && (isHex(s[i]) || s[i] == ':' || s[i] == '.') {
		if s[i] == ':' {
			colon = true
		}
		i++
	}
	if i == 0 {
		return 0
	}
	cand := s[:i]
	if !colon && strings.Count(cand, ".") != 3 {
		return 0
	}
	if i < len(s) && (isAlpha(s[i]) || s[i] == '_') {
		return 0 // part of an identifier or a duration
	}
	if _, err := netip.ParseAddr(cand); err != nil {
		return 0
	}
	return i
}

// scanCIDRSuffix is the length of "/bits" at the start of s, 0 if none.
func scanCIDRSuffix(s string) int {
	if len(s) < 2 || s[0] != '/' || !isDigit(s[1]) {
		return 0
	}
	i := 1
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "(invalid UTF-8)"
	}
	if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
		return "(control character)"
	}
	return "'" + string(r) + "'"
}

// registerEnd is the length of a register "[name]" at the start of s, 0
// when there is none.
func registerEnd(s string) int {
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == ']':
			if i == 1 {
				return 0
			}
			return i + 1
		case !isAlpha(c) && !isDigit(c) && c != '_':
			return 0
		}
	}
	return 0
}
