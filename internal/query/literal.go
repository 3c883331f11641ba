package query

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/itchyny/gojq"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// literalTest proves, from an event's bytes alone, that a filter of the form
//
//	select(.a.b == "literal") | …     (or "literal" == .a.b, or … and …)
//
// yields nothing and fails on nothing for that event, so that the event
// need not be decoded at all. For most events of a log, the literal (a rule
// id, say) is simply not in their bytes, which costs a memory search to see.
//
// The proof needs three facts:
//   - the literal's bytes do not occur, and no \u escape does: a string equal
//     to the literal is then nowhere in the event, since a literal without
//     quotes, backslashes, slashes, controls and U+FFFD can be written in
//     JSON only as itself or with \u escapes;
//   - the event is valid JSON (otherwise it must be reported);
//   - the path cannot fail: every value along it, up to its last key, is an
//     object, null or absent. The comparison is then simply false.
type literalTest struct {
	path   []string // the keys of .a.b
	needle []byte
}

// literalTestOf recognizes the filters literalTest applies to.
func literalTestOf(q *gojq.Query) *literalTest {
	for q.Op == gojq.OpPipe && q.Patterns == nil && len(q.FuncDefs) == 0 && len(q.Imports) == 0 && q.Meta == nil {
		q = q.Left
	}
	if q.Term == nil || q.Op != 0 || len(q.FuncDefs) > 0 || len(q.Imports) > 0 || q.Meta != nil || q.Patterns != nil {
		return nil
	}
	t := q.Term
	if t.Type != gojq.TermTypeFunc || t.Func.Name != "select" || len(t.Func.Args) != 1 || len(t.SuffixList) > 0 {
		return nil
	}
	cond := t.Func.Args[0]
	if cond.Op == gojq.OpAnd && len(cond.FuncDefs) == 0 && cond.Patterns == nil {
		cond = cond.Left // false and …: the right side is never run
	}
	if cond.Op != gojq.OpEq || len(cond.FuncDefs) > 0 || cond.Patterns != nil {
		return nil
	}
	path, lit, ok := pathAndLiteral(cond.Left, cond.Right)
	if !ok {
		path, lit, ok = pathAndLiteral(cond.Right, cond.Left)
	}
	if !ok || !safeNeedle(lit) {
		return nil
	}
	return &literalTest{path: path, needle: []byte(lit)}
}

func pathAndLiteral(p, l *gojq.Query) ([]string, string, bool) {
	path, ok := plainPath(p)
	if !ok {
		return nil, "", false
	}
	lit, ok := plainString(l)
	return path, lit, ok
}

// plainPath reads .a.b, ."a".b: names only, no iteration, no ?.
func plainPath(q *gojq.Query) ([]string, bool) {
	if q.Term == nil || q.Op != 0 || len(q.FuncDefs) > 0 || q.Patterns != nil {
		return nil, false
	}
	t := q.Term
	if t.Type != gojq.TermTypeIndex {
		return nil, false
	}
	var path []string
	key, ok := indexKey(t.Index)
	if !ok {
		return nil, false
	}
	path = append(path, key)
	for _, s := range t.SuffixList {
		if s.Index == nil || s.Iter || s.Optional {
			return nil, false
		}
		key, ok := indexKey(s.Index)
		if !ok {
			return nil, false
		}
		path = append(path, key)
	}
	return path, true
}

func indexKey(ix *gojq.Index) (string, bool) {
	switch {
	case ix.Name != "":
		return ix.Name, true
	case ix.Str != nil && ix.Str.Queries == nil:
		return ix.Str.Str, true
	}
	return "", false
}

func plainString(q *gojq.Query) (string, bool) {
	if q.Term == nil || q.Op != 0 || len(q.FuncDefs) > 0 || q.Patterns != nil {
		return "", false
	}
	t := q.Term
	if t.Type != gojq.TermTypeString || t.Str == nil || t.Str.Queries != nil || len(t.SuffixList) > 0 {
		return "", false
	}
	return t.Str.Str, true
}

// safeNeedle: the literal can appear in JSON text only as its own bytes or
// with \u escapes.
func safeNeedle(s string) bool {
	if s == "" || !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '/' {
			return false
		}
	}
	return true
}

// CannotMatch reports whether the filter is proven to yield nothing, and
// to fail on nothing, for every value in data. False means "not proven".
func (t *literalTest) CannotMatch(data []byte) bool {
	if bytes.Contains(data, t.needle) || hasUnicodeEscape(data) {
		return false
	}
	i := jsonscan.SkipSpace(data, 0)
	if i >= len(data) {
		return false
	}
	for i < len(data) {
		end, ok := pathSafe(data, i, t.path[:len(t.path)-1], 0)
		if !ok {
			return false
		}
		i = jsonscan.SkipSpace(data, end)
	}
	return true
}

// hasUnicodeEscape reports a \u escape in JSON text.
func hasUnicodeEscape(data []byte) bool {
	if !bytes.Contains(data, []byte(`\u`)) {
		return false // the common case, found fast
	}
	// \\u is an escaped backslash and a u: pair the backslashes up.
	for {
		i := bytes.IndexByte(data, '\\')
		if i < 0 || i+1 >= len(data) {
			return false
		}
		if data[i+1] == 'u' {
			return true
		}
		data = data[i+2:] // the escaped byte cannot start an escape
	}
}

// pathSafe checks that the value at data[i] is valid JSON, and an object or
// null in which each value along path is again an object, null or absent:
// indexing it by path and one more key cannot fail. It returns the end of
// the value.
func pathSafe(data []byte, i int, path []string, depth int) (int, bool) {
	if i >= len(data) {
		return i, false
	}
	switch data[i] {
	case 'n':
		end, err := jsonscan.Literal(data, i)
		return end, err == nil
	case '{':
	default:
		return i, false
	}
	if depth+1 > jsonscan.MaxDepth {
		return i, false
	}
	i = jsonscan.SkipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, true
	}
	for {
		keyStart := i
		valStart, err := jsonscan.Key(data, i)
		if err != nil {
			return i, false
		}
		valStart = jsonscan.SkipSpace(data, valStart)
		var end int
		if len(path) > 0 && isKey(data[keyStart:], path[0]) {
			var ok bool
			if end, ok = pathSafe(data, valStart, path[1:], depth+1); !ok {
				return end, false
			}
		} else {
			var serr *jsonscan.SyntaxError
			if end, serr = jsonscan.Skip(data, valStart, depth+1); serr != nil {
				return end, false
			}
		}
		i = jsonscan.SkipSpace(data, end)
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case ',':
			i = jsonscan.SkipSpace(data, i+1)
		case '}':
			return i + 1, true
		default:
			return i, false
		}
	}
}

// isKey reports whether the string literal at the start of b is key. An
// escaped literal is decoded first.
func isKey(b []byte, key string) bool {
	end, escaped, err := jsonscan.String(b, 0)
	if err != nil {
		return false
	}
	if escaped {
		return jsonscan.Unquote(b[:end]) == key
	}
	return string(b[1:end-1]) == key
}
