package schema

import (
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/memo"
)

// maxAgain bounds how many checks of one value in place may be under way
// at once: a schema whose allOf, anyOf, $ref… lead back to itself without
// looking inside the value ({"anyOf": [{"$ref": "#"}]}) would otherwise
// never end. No real schema nests that deep.
const maxAgain = 1000

// again checks the value at w.b[start] against sub, in place: a value
// checked against several subschemas ($ref beside other keywords, allOf,
// anyOf, if…).
func (w *walker) again(sub *node, start, depth int) (int, *jsonscan.SyntaxError) {
	prevStart, prevCount := w.againStart, w.againCount
	if start == prevStart {
		w.againCount++
	} else {
		w.againStart, w.againCount = start, 1
	}
	defer func() { w.againStart, w.againCount = prevStart, prevCount }()
	if w.againCount > maxAgain {
		w.report("$ref", "the schema refers back to itself without looking inside the value")
		return jsonscan.Skip(w.b, start, depth)
	}
	return w.value(sub, start, depth)
}

// passes reports whether the value at w.b[start] is valid against sub,
// and leaves no finding behind: anyOf, oneOf, not, if and contains ask.
func (w *walker) passes(sub *node, start, depth int) (bool, *jsonscan.SyntaxError) {
	before := len(w.findings)
	_, err := w.again(sub, start, depth)
	ok := !slices.ContainsFunc(w.findings[before:], func(f Finding) bool { return f.Keyword != "" })
	w.findings = w.findings[:before]
	return ok, err
}

// assert checks the value of the given kind at w.b[start:end] against the
// keywords of a that look at the value itself.
func (w *walker) assert(a *assertions, kind jsonscan.Kind, start, end, depth int) *jsonscan.SyntaxError {
	lit := w.b[start:end]
	switch kind {
	case jsonscan.KindString:
		w.assertString(a, lit)
	case jsonscan.KindNumber:
		w.assertNumber(a, lit)
	}
	if a.hasEnum && !slices.Contains(a.enum, canonical(decodeValue(lit))) {
		if a.constant {
			w.report("const", "value must be "+a.enumText)
		} else {
			w.report("enum", "value must be one of "+a.enumText)
		}
	}
	if a.anyOf != nil {
		matched := false
		for _, sub := range a.anyOf {
			ok, err := w.passes(sub, start, depth)
			if err != nil {
				return err
			}
			if matched = ok; matched {
				break
			}
		}
		if !matched {
			w.report("anyOf", "the value matches none of the schemas of anyOf")
		}
	}
	if a.oneOf != nil {
		matched := 0
		for _, sub := range a.oneOf {
			ok, err := w.passes(sub, start, depth)
			if err != nil {
				return err
			}
			if ok {
				matched++
			}
		}
		if matched != 1 {
			w.report("oneOf", fmt.Sprintf("the value matches %d of the schemas of oneOf, not exactly one", matched))
		}
	}
	if a.not != nil {
		ok, err := w.passes(a.not, start, depth)
		if err != nil {
			return err
		}
		if ok {
			w.report("not", "the value matches the schema of not")
		}
	}
	if a.hasIf {
		ok, err := w.passes(a.ifNode, start, depth)
		if err != nil {
			return err
		}
		branch := a.elseNd
		if ok {
			branch = a.thenNd
		}
		if _, err := w.again(branch, start, depth); err != nil {
			return err
		}
	}
	return nil
}

// assertString checks the string literal lit.
func (w *walker) assertString(a *assertions, lit []byte) {
	s := jsonscan.Unquote(lit)
	if a.minLength >= 0 || a.maxLength >= 0 {
		n := utf8.RuneCountInString(s)
		if a.minLength >= 0 && n < a.minLength {
			w.report("minLength", fmt.Sprintf("%d characters, fewer than %d", n, a.minLength))
		}
		if a.maxLength >= 0 && n > a.maxLength {
			w.report("maxLength", fmt.Sprintf("%d characters, more than %d", n, a.maxLength))
		}
	}
	if a.pattern != nil && !a.pattern.MatchString(s) {
		w.report("pattern", fmt.Sprintf("%s does not match %s", quoteValue([]byte(s)), quoteValue([]byte(a.pattern.String()))))
	}
	if a.format != "" && !formats.Get()[a.format](s) {
		w.report("format", fmt.Sprintf("%s is not a valid %s", quoteValue([]byte(s)), a.format))
	}
}

// assertNumber checks the number literal lit.
func (w *walker) assertNumber(a *assertions, lit []byte) {
	if a.minimum == nil && a.maximum == nil && a.exclusiveMinimum == nil && a.exclusiveMaximum == nil && a.multipleOf == nil {
		return
	}
	x := parseNumber(lit)
	switch {
	case a.minimum != nil && x.cmp(a.minimum) < 0:
		w.report("minimum", fmt.Sprintf("%s is less than %s", lit, a.minimum))
	case a.exclusiveMinimum != nil && x.cmp(a.exclusiveMinimum) <= 0:
		w.report("exclusiveMinimum", fmt.Sprintf("%s is not greater than %s", lit, a.exclusiveMinimum))
	}
	switch {
	case a.maximum != nil && x.cmp(a.maximum) > 0:
		w.report("maximum", fmt.Sprintf("%s is greater than %s", lit, a.maximum))
	case a.exclusiveMaximum != nil && x.cmp(a.exclusiveMaximum) >= 0:
		w.report("exclusiveMaximum", fmt.Sprintf("%s is not less than %s", lit, a.exclusiveMaximum))
	}
	if a.multipleOf != nil && !x.multipleOf(a.multipleOf) {
		w.report("multipleOf", fmt.Sprintf("%s is not a multiple of %s", lit, a.multipleOf))
	}
}

// patternProperties checks the value at w.b[start] of the object member
// name against the patternProperties whose pattern matches the name, and
// reports whether one did.
func (w *walker) patternProperties(a *assertions, name []byte, start, depth int) (matched bool, err *jsonscan.SyntaxError) {
	for _, pp := range a.patternProperties {
		if pp.re.Match(name) {
			matched = true
			if _, err = w.again(pp.node, start, depth); err != nil {
				return matched, err
			}
		}
	}
	return matched, nil
}

// objectAssertions checks an object, at w.b[start] and with the member
// names names, against the keywords of a that count or name its members.
func (w *walker) objectAssertions(a *assertions, names map[string]bool, start, depth int) *jsonscan.SyntaxError {
	if a.minProperties >= 0 && len(names) < a.minProperties {
		w.report("minProperties", fmt.Sprintf("%d properties, fewer than %d", len(names), a.minProperties))
	}
	if a.maxProperties >= 0 && len(names) > a.maxProperties {
		w.report("maxProperties", fmt.Sprintf("%d properties, more than %d", len(names), a.maxProperties))
	}
	for _, name := range sortedNames(a.dependentRequired) {
		if !names[name] {
			continue
		}
		for _, req := range a.dependentRequired[name] {
			if !names[req] {
				w.report("dependentRequired", fmt.Sprintf("missing property %s, required with %s", strconv.Quote(req), strconv.Quote(name)))
			}
		}
	}
	for _, name := range sortedNames(a.dependentSchemas) {
		if names[name] {
			if _, err := w.again(a.dependentSchemas[name], start, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// sortedNames returns the keys of m in order, so that findings come in
// the same order at every run.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// itemNode is the schema of the item at index k of an array: prefixItems'
// for the first ones, items' after them.
func (n *node) itemNode(k int) *node {
	if a := n.extraKeywords; a != nil && k < len(a.prefixItems) {
		return a.prefixItems[k]
	}
	return n.items
}

// arrayItems is what the array keywords of assertions gather over the
// items of an array.
type arrayItems struct {
	count     int
	contained int      // items valid against contains
	seen      []string // canonical texts of the items, for uniqueItems
	duplicate bool
}

// itemAssertions records the item at w.b[start:end] for the array keywords
// of a.
func (w *walker) itemAssertions(a *assertions, items *arrayItems, start, end, depth int) *jsonscan.SyntaxError {
	items.count++
	if a.contains != nil {
		ok, err := w.passes(a.contains, start, depth)
		if err != nil {
			return err
		}
		if ok {
			items.contained++
		}
	}
	if a.uniqueItems && !items.duplicate {
		text := canonical(decodeValue(w.b[start:end]))
		if slices.Contains(items.seen, text) {
			items.duplicate = true
		}
		items.seen = append(items.seen, text)
	}
	return nil
}

// arrayAssertions checks what itemAssertions gathered; a may be nil.
func (w *walker) arrayAssertions(a *assertions, items *arrayItems) {
	if a == nil {
		return
	}
	if a.minItems >= 0 && items.count < a.minItems {
		w.report("minItems", fmt.Sprintf("%d items, fewer than %d", items.count, a.minItems))
	}
	if a.maxItems >= 0 && items.count > a.maxItems {
		w.report("maxItems", fmt.Sprintf("%d items, more than %d", items.count, a.maxItems))
	}
	if items.duplicate {
		w.report("uniqueItems", "the items are not unique")
	}
	if a.contains != nil {
		least := 1
		if a.minContains >= 0 {
			least = a.minContains
		}
		if items.contained < least {
			w.report("contains", fmt.Sprintf("%d items valid against contains, fewer than %d", items.contained, least))
		}
		if a.maxContains >= 0 && items.contained > a.maxContains {
			w.report("maxContains", fmt.Sprintf("%d items valid against contains, more than %d", items.contained, a.maxContains))
		}
	}
}

// formats checks the formats other than date-time that csmctl asserts.
var formats = memo.Value[map[string]func(string) bool]{New: func() map[string]func(string) bool {
	return map[string]func(string) bool{
		"date": func(s string) bool { return checkDateTime([]byte(s+"T00:00:00Z")) == nil && len(s) == 10 },
		"time": func(s string) bool {
			return len(s) >= 9 && checkDateTime([]byte("2000-01-01T"+s)) == nil
		},
		"ipv4": func(s string) bool {
			ip, err := netip.ParseAddr(s)
			return err == nil && ip.Is4()
		},
		"ipv6": func(s string) bool {
			ip, err := netip.ParseAddr(s)
			return err == nil && ip.Is6() && ip.Zone() == ""
		},
		"uuid": isUUID,
		"email": func(s string) bool {
			local, domain, ok := strings.Cut(s, "@")
			return ok && local != "" && len(local) <= 64 && isHostname(domain)
		},
		"hostname": isHostname,
		"uri": func(s string) bool {
			u, err := url.Parse(s)
			return err == nil && u.Scheme != ""
		},
		"regex": func(s string) bool {
			_, err := regexp.Compile(s)
			return err == nil
		},
	}
}}

// isUUID checks s as RFC 4122's text of a UUID: 8-4-4-4-12 hex digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for k := range len(s) {
		switch k {
		case 8, 13, 18, 23:
			if s[k] != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[k])) {
				return false
			}
		}
	}
	return true
}

// isHostname checks s as RFC 1123 host name: dot-separated labels of
// letters, digits and inner hyphens, 63 characters at most each.
func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
