package schema

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// compiled is the one-pass validator: it walks the schema nodes and the
// event's bytes together, checking JSON syntax and the schema in one scan.
type compiled struct {
	root *node
}

func (c *compiled) Compiled() bool { return true }

// walkers recycles walker state: a walker's path buffer points into itself,
// so it lives on the heap, and one allocation per event is worth saving.
var walkers = sync.Pool{New: func() any { return new(walker) }}

// Validate implements Validator. It is safe for concurrent use.
func (c *compiled) Validate(data []byte, start int, findings []Finding) (int, []Finding, *jsonscan.SyntaxError) {
	end, findings, _, err := c.validate(data, start, findings)
	return end, findings, err
}

// validate is Validate, and also returns the literal of agent.os in the
// value, the last agent's as Member finds it (nil when there is none), so
// that choosing the schema by it needs no scan of its own.
func (c *compiled) validate(data []byte, start int, findings []Finding) (int, []Finding, []byte, *jsonscan.SyntaxError) {
	w := walkers.Get().(*walker)
	*w = walker{b: data, findings: findings}
	w.steps = w.stepBuf[:0]
	end, err := w.value(c.root, jsonscan.SkipSpace(data, start), 0)
	if w.voided {
		w.dropVoided(len(findings))
	}
	findings, os := w.findings, w.agentOS
	*w = walker{} // drop references to the caller's data before pooling
	walkers.Put(w)
	return end, findings, os, err
}

// walker holds the state of one validation: the bytes, the way to the value
// being checked (turned into a JSON pointer only for a finding) and the
// findings so far.
type walker struct {
	b        []byte
	steps    []step
	stepBuf  [64]step
	findings []Finding
	voided   bool // some findings were voided by a duplicate key (Keyword "")
	// agentOS is the literal of the os of the last agent member of the
	// top-level object, nil when it has none.
	agentOS []byte
	// againStart and againCount are where the value checked again in
	// place the most recently starts, and how many checks of it are
	// under way: see again.
	againStart, againCount int
}

// step is one level of the way to the value being checked: a member, by
// where its key's literal is in the bytes, or an array element, by its
// index. It is small, since every value pushes one.
type step struct {
	start int // the key literal's first byte, or -1 for an element
	end   int // the key literal's end, or the element's index
}

func (w *walker) report(keyword, msg string) {
	w.findings = append(w.findings, Finding{Path: w.pointer(), Keyword: keyword, Message: msg})
}

// pointer is the JSON pointer of the value being checked. It is written
// only for a finding: most values have none, so the walk records where it
// is (steps) and spells nothing out.
func (w *walker) pointer() string {
	var path []byte
	for _, s := range w.steps {
		path = append(path, '/')
		if s.start < 0 {
			path = strconv.AppendInt(path, int64(s.end), 10)
			continue
		}
		lit := w.b[s.start:s.end]
		name := lit[1 : len(lit)-1]
		if _, escaped, _ := jsonscan.String(lit, 0); escaped {
			name = shownText(lit, []byte(jsonscan.Unquote(lit)))
		}
		path = appendPointerToken(path, name)
	}
	return string(path)
}

// trivial reports a node that accepts every value.
func (n *node) trivial() bool {
	return n == nil || !n.never && n.types == 0 && !n.dateTime && n.props == nil &&
		!n.closed && n.extra == nil && !n.hasItems && len(n.also) == 0 && n.extraKeywords == nil
}

// value checks the value at w.b[i] against n; depth is the number of
// containers around it.
func (w *walker) value(n *node, i int, depth int) (int, *jsonscan.SyntaxError) {
	if n.trivial() {
		return jsonscan.Skip(w.b, i, depth)
	}
	if i >= len(w.b) {
		return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input"}
	}
	start := i
	kind := jsonscan.KindOf(w.b[i])
	if n.never {
		w.report("false", "no value is allowed here")
	}
	var err *jsonscan.SyntaxError
	integral := false
	switch kind {
	case jsonscan.KindObject:
		i, err = w.object(n, i, depth+1)
	case jsonscan.KindArray:
		i, err = w.array(n, i, depth+1)
	case jsonscan.KindString:
		var escaped bool
		if i, escaped, err = jsonscan.String(w.b, i); err == nil && n.dateTime {
			w.checkDateTime(w.b[start:i], escaped)
		}
	case jsonscan.KindNumber:
		i, integral, err = jsonscan.Number(w.b, i)
	case jsonscan.KindBool, jsonscan.KindNull:
		i, err = jsonscan.Literal(w.b, i)
	default:
		return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid character %s looking for beginning of value", jsonscan.DescribeByte(w.b[i]))}
	}
	if err != nil {
		return i, err
	}
	if n.types != 0 && !n.allows(kind, integral) {
		w.report("type", fmt.Sprintf("expected %s, got %s", n.typeNames(), gotName(kind)))
	}
	for _, a := range n.also {
		// A $ref beside other keywords, allOf: check the same bytes
		// against it too.
		if _, err := w.again(a, start, depth); err != nil {
			return i, err
		}
	}
	if a := n.extraKeywords; a != nil {
		if err := w.assert(a, kind, start, i, depth); err != nil {
			return i, err
		}
	}
	return i, nil
}

func (n *node) allows(k jsonscan.Kind, integral bool) bool {
	return n.types&(1<<k) != 0 || k == jsonscan.KindNumber && integral && n.types&(1<<jsonscan.KindInteger) != 0
}

// typeNames lists the allowed types the way a reader says them: "string",
// "string or null".
func (n *node) typeNames() string {
	var names []string
	for k := jsonscan.KindNull; k <= jsonscan.KindInteger; k++ {
		if n.types&(1<<k) != 0 {
			names = append(names, k.String())
		}
	}
	return strings.Join(names, " or ")
}

func gotName(k jsonscan.Kind) string {
	return k.String()
}

// object checks an object at w.b[i]: each member against its property's
// schema (or additionalProperties), then the required names.
func (w *walker) object(n *node, i int, depth int) (int, *jsonscan.SyntaxError) {
	if depth > jsonscan.MaxDepth {
		return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("exceeded max nesting depth of %d", jsonscan.MaxDepth)}
	}
	// seen is a bitset of the properties met, for required.
	var seenSmall [2]uint64
	seen := seenSmall[:]
	if n.nprops > 128 {
		seen = make([]uint64, (n.nprops+63)/64)
	}
	// spans records which findings each member got, by name, so that a
	// later member of the same name voids them: like encoding/json (and jq),
	// the last one wins. Objects without findings never allocate it.
	var spans map[string][2]int
	b := w.b
	objStart, a := i, n.extraKeywords
	var names map[string]bool // for the keywords of a that count or name members
	i = jsonscan.SkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		i++
	} else {
		for {
			if i >= len(b) || b[i] != '"' {
				_, err := jsonscan.Key(b, i)
				return i, err
			}
			keyEnd, escaped, err := jsonscan.String(b, i)
			if err != nil {
				return keyEnd, err
			}
			keyStart, name := i, b[i+1:keyEnd-1]
			var nameStr string
			if escaped {
				nameStr = jsonscan.Unquote(b[i:keyEnd])
				name = []byte(nameStr)
			}
			// The colon: the key was scanned above, not again.
			i = jsonscan.SkipSpace(b, keyEnd)
			if i >= len(b) {
				return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input (expecting ':')"}
			}
			if b[i] != ':' {
				return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid character %s after object key (expecting ':')", jsonscan.DescribeByte(b[i]))}
			}
			i = jsonscan.SkipSpace(b, i+1)
			before, valueStart := len(w.findings), i
			if a != nil && a.propertyNames != nil { // the name, at the object's pointer
				if _, err := w.again(a.propertyNames, keyStart, depth); err != nil {
					return i, err
				}
			}
			mark := len(w.steps)
			w.steps = append(w.steps, step{keyStart, keyEnd})
			if span, ok := spans[string(name)]; ok {
				w.void(span[0], span[1])
				delete(spans, string(name))
			}
			p := n.lookup(name)
			if p != nil {
				seen[p.idx/64] |= uint64(1) << (p.idx % 64)
			}
			matched := false // by patternProperties
			if a != nil {
				if a.needsNames() {
					if names == nil {
						names = map[string]bool{}
					}
					names[string(name)] = true
				}
				if matched, err = w.patternProperties(a, name, valueStart, depth); err != nil {
					return i, err
				}
			}
			switch {
			case p != nil && p.declared:
				i, err = w.value(p.node, i, depth)
			case matched:
				i, err = jsonscan.Skip(b, i, depth)
			case n.closed:
				w.report("additionalProperties", "property not allowed by the schema")
				i, err = jsonscan.Skip(b, i, depth)
			default:
				i, err = w.value(n.extra, i, depth)
			}
			w.steps = w.steps[:mark]
			if err != nil {
				return i, err
			}
			if depth == 1 && string(name) == "agent" {
				// Read again, but the agent object only: a few members.
				w.agentOS = jsonscan.Member(b[:i], valueStart, "os")
			}
			if len(w.findings) > before {
				if spans == nil {
					spans = map[string][2]int{}
				}
				spans[string(name)] = [2]int{before, len(w.findings)}
			}
			i = jsonscan.SkipSpace(b, i)
			if i < len(b) && b[i] == ',' {
				i = jsonscan.SkipSpace(b, i+1)
				continue
			}
			if i < len(b) && b[i] == '}' {
				i++
				break
			}
			if i >= len(b) {
				return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input in object"}
			}
			return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid character %s after object value (expecting ',' or '}')", jsonscan.DescribeByte(b[i]))}
		}
	}
	for _, p := range n.required {
		if seen[p.idx/64]&(uint64(1)<<(p.idx%64)) == 0 {
			w.report("required", "missing required property "+strconv.Quote(p.name))
		}
	}
	if a != nil {
		if err := w.objectAssertions(a, names, objStart, depth-1); err != nil {
			return i, err
		}
	}
	return i, nil
}

// void marks findings[from:to] as dropped. Marking keeps the indices of the
// spans still recorded valid; Validate drops the marked findings at the end.
func (w *walker) void(from, to int) {
	for k := from; k < to; k++ {
		w.findings[k].Keyword = ""
	}
	w.voided = true
}

// dropVoided removes the findings void marked, from index first on (the
// caller's own findings come before).
func (w *walker) dropVoided(first int) {
	kept := w.findings[:first]
	for _, f := range w.findings[first:] {
		if f.Keyword != "" {
			kept = append(kept, f)
		}
	}
	w.findings = kept
}

// array checks each element of the array at w.b[i] against items.
func (w *walker) array(n *node, i int, depth int) (int, *jsonscan.SyntaxError) {
	if depth > jsonscan.MaxDepth {
		return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("exceeded max nesting depth of %d", jsonscan.MaxDepth)}
	}
	b := w.b
	a := n.extraKeywords
	if !n.hasItems && (a == nil || !a.needsItems()) {
		// Nothing to check inside: hand the whole array to the skipper.
		return jsonscan.Skip(b, i, depth-1)
	}
	var items arrayItems
	i = jsonscan.SkipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		w.arrayAssertions(a, &items)
		return i + 1, nil
	}
	for k := 0; ; k++ {
		mark := len(w.steps)
		w.steps = append(w.steps, step{-1, k})
		itemStart := i
		var err *jsonscan.SyntaxError
		i, err = w.value(n.itemNode(k), i, depth)
		if err == nil && a != nil {
			err = w.itemAssertions(a, &items, itemStart, i, depth)
		}
		w.steps = w.steps[:mark]
		if err != nil {
			return i, err
		}
		i = jsonscan.SkipSpace(b, i)
		if i < len(b) && b[i] == ',' {
			i = jsonscan.SkipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == ']' {
			w.arrayAssertions(a, &items)
			return i + 1, nil
		}
		if i >= len(b) {
			return i, &jsonscan.SyntaxError{Offset: i, Msg: "unexpected end of input in array"}
		}
		return i, &jsonscan.SyntaxError{Offset: i, Msg: fmt.Sprintf("invalid character %s after array element (expecting ',' or ']')", jsonscan.DescribeByte(b[i]))}
	}
}

func (w *walker) checkDateTime(lit []byte, escaped bool) {
	s := lit[1 : len(lit)-1]
	if escaped {
		s = []byte(jsonscan.Unquote(lit))
	}
	if err := checkDateTime(s); err != nil {
		w.report("format", fmt.Sprintf("%s is not an RFC 3339 date-time: %s", quoteValue(shownText(lit, s)), err))
	}
}

// quoteValue quotes an offending string for a message, cut to a readable
// length on a rune boundary (a cut inside a character would show a byte
// that is not in the data), its characters escaped by escape.Text's rule,
// as everywhere else: the renderer's own escaping then leaves it as it is.
func quoteValue(s []byte) string {
	const max = 64
	more := ""
	if len(s) > max {
		cut := max
		for cut > max-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s, more = s[:cut], "…"
	}
	return `"` + escape.Text(string(s)) + `"` + more
}

// shownText is the text of the string literal lit, decoded as decoded,
// for a message or a pointer: decoded, unless lit is not UTF-8, where
// decoded has U+FFFD for each bad byte and the text shows them as \xNN
// instead, as show does.
func shownText(lit, decoded []byte) []byte {
	if utf8.Valid(lit) {
		return decoded
	}
	return []byte(jsonscan.Unquote(escape.InvalidUTF8InJSON(lit)))
}

// appendPointerToken appends a property name escaped as a JSON pointer token.
func appendPointerToken(dst, name []byte) []byte {
	if bytes.IndexByte(name, '~') < 0 && bytes.IndexByte(name, '/') < 0 {
		return append(dst, name...) // the usual case: nothing to escape
	}
	for _, c := range name {
		switch c {
		case '~':
			dst = append(dst, '~', '0')
		case '/':
			dst = append(dst, '~', '1')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
