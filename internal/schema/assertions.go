package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// assertions are the draft 2020-12 keywords the CSM schemas do not use:
// a --schema file may. A node holds them behind one pointer, nil for the
// built-in schemas, so that their validator's hot path does not grow.
type assertions struct {
	// Any value.
	enum                   []string // canonical texts (see canonical)
	enumText               string   // the values as findings list them
	hasEnum                bool
	constant               bool // the enum is const's one value
	anyOf, oneOf           []*node
	not                    *node
	ifNode, thenNd, elseNd *node
	hasIf                  bool
	// Numbers.
	minimum, maximum *number
	exclusiveMinimum *number
	exclusiveMaximum *number
	multipleOf       *number
	// Strings: lengths in characters; -1 when absent.
	minLength, maxLength int
	pattern              *regexp.Regexp
	format               string // a format other than date-time
	// Arrays.
	minItems, maxItems       int
	uniqueItems              bool
	prefixItems              []*node
	contains                 *node
	minContains, maxContains int
	// Objects.
	minProperties, maxProperties int
	patternProperties            []patternProperty
	propertyNames                *node
	dependentRequired            map[string][]string
	dependentSchemas             map[string]*node
}

// patternProperty is one entry of patternProperties.
type patternProperty struct {
	re   *regexp.Regexp
	node *node
}

// more returns n's assertions, made on first use.
func (n *node) more() *assertions {
	if n.extraKeywords == nil {
		n.extraKeywords = &assertions{minLength: -1, maxLength: -1, minItems: -1, maxItems: -1,
			minContains: -1, maxContains: -1, minProperties: -1, maxProperties: -1}
	}
	return n.extraKeywords
}

// needsNames reports whether checking an object needs the names of its
// members.
func (a *assertions) needsNames() bool {
	return a.minProperties >= 0 || a.maxProperties >= 0 || a.dependentRequired != nil || a.dependentSchemas != nil
}

// needsItems reports whether checking an array needs a look at its items
// beyond items.
func (a *assertions) needsItems() bool {
	return a.minItems >= 0 || a.maxItems >= 0 || a.uniqueItems || a.prefixItems != nil || a.contains != nil
}

// compileKeyword compiles one keyword of the vocabulary assertions hold
// into n; known is false for a keyword it does not know either.
func (c *compiler) compileKeyword(n *node, kw string, val any, ptr string) (known bool, err error) {
	at := ptr + "/" + escapePointer(kw)
	bad := func(want string) error {
		return fmt.Errorf("%s at %s must be %s", kw, pointerOrRoot(at), want)
	}
	a := func() *assertions { return n.more() }
	switch kw {
	case "allOf":
		subs, err := c.refList(val, at, bad)
		n.also = append(n.also, subs...)
		return true, err
	case "anyOf":
		a().anyOf, err = c.refList(val, at, bad)
	case "oneOf":
		a().oneOf, err = c.refList(val, at, bad)
	case "not":
		a().not, err = c.ref(at)
	case "if":
		a().hasIf = true
		a().ifNode, err = c.ref(at)
	case "then":
		a().thenNd, err = c.ref(at)
	case "else":
		a().elseNd, err = c.ref(at)
	case "const":
		a().enum, a().hasEnum, a().constant = []string{canonical(val)}, true, true
		a().enumText = compactText(val)
	case "enum":
		list, ok := val.([]any)
		if !ok {
			return true, bad("an array")
		}
		a().hasEnum = true
		texts := make([]string, len(list))
		for k, v := range list {
			a().enum = append(a().enum, canonical(v))
			texts[k] = compactText(v)
		}
		a().enumText = strings.Join(texts, ", ")
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
		num, ok := val.(json.Number)
		if !ok {
			return true, bad("a number")
		}
		x := parseNumber([]byte(num))
		if kw == "multipleOf" && x.sign() <= 0 {
			return true, bad("greater than 0")
		}
		*a().numberBound(kw) = x
	case "minLength", "maxLength", "minItems", "maxItems", "minContains", "maxContains", "minProperties", "maxProperties":
		k, ok := count(val)
		if !ok {
			return true, bad("a non-negative integer")
		}
		*a().countBound(kw) = k
	case "pattern":
		a().pattern, err = compilePattern(val, bad)
	case "uniqueItems":
		b, ok := val.(bool)
		if !ok {
			return true, bad("a boolean")
		}
		a().uniqueItems = b
	case "prefixItems":
		a().prefixItems, err = c.refList(val, at, bad)
	case "contains":
		a().contains, err = c.ref(at)
	case "propertyNames":
		a().propertyNames, err = c.ref(at)
	case "patternProperties":
		m, ok := val.(map[string]any)
		if !ok {
			return true, bad("an object")
		}
		for _, p := range sortedKeys(m) {
			re, err := compilePattern(p, bad)
			if err != nil {
				return true, err
			}
			sub, err := c.ref(at + "/" + escapePointer(p))
			if err != nil {
				return true, err
			}
			a().patternProperties = append(a().patternProperties, patternProperty{re, sub})
		}
	case "dependentRequired":
		m, ok := val.(map[string]any)
		if !ok {
			return true, bad("an object of arrays of strings")
		}
		a().dependentRequired = map[string][]string{}
		for name, v := range m {
			list, ok := v.([]any)
			if !ok {
				return true, bad("an object of arrays of strings")
			}
			for _, r := range list {
				s, ok := r.(string)
				if !ok {
					return true, bad("an object of arrays of strings")
				}
				a().dependentRequired[name] = append(a().dependentRequired[name], s)
			}
		}
	case "dependentSchemas":
		m, ok := val.(map[string]any)
		if !ok {
			return true, bad("an object")
		}
		a().dependentSchemas = map[string]*node{}
		for _, name := range sortedKeys(m) {
			if a().dependentSchemas[name], err = c.ref(at + "/" + escapePointer(name)); err != nil {
				return true, err
			}
		}
	default:
		return false, nil
	}
	return true, err
}

// numberBound returns the field of the number keyword kw.
func (a *assertions) numberBound(kw string) **number {
	switch kw {
	case "minimum":
		return &a.minimum
	case "maximum":
		return &a.maximum
	case "exclusiveMinimum":
		return &a.exclusiveMinimum
	case "exclusiveMaximum":
		return &a.exclusiveMaximum
	}
	return &a.multipleOf
}

// countBound returns the field of the count keyword kw.
func (a *assertions) countBound(kw string) *int {
	switch kw {
	case "minLength":
		return &a.minLength
	case "maxLength":
		return &a.maxLength
	case "minItems":
		return &a.minItems
	case "maxItems":
		return &a.maxItems
	case "minContains":
		return &a.minContains
	case "maxContains":
		return &a.maxContains
	case "minProperties":
		return &a.minProperties
	}
	return &a.maxProperties
}

// refList compiles an array of subschemas at pointer at.
func (c *compiler) refList(val any, at string, bad func(string) error) ([]*node, error) {
	list, ok := val.([]any)
	if !ok || len(list) == 0 {
		return nil, bad("a non-empty array")
	}
	nodes := make([]*node, len(list))
	for k := range list {
		var err error
		if nodes[k], err = c.ref(at + "/" + strconv.Itoa(k)); err != nil {
			return nil, err
		}
	}
	return nodes, nil
}

func compilePattern(val any, bad func(string) error) (*regexp.Regexp, error) {
	s, ok := val.(string)
	if !ok {
		return nil, bad("a string")
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return nil, bad("a regular expression Go's regexp takes (" + err.Error() + ")")
	}
	return re, nil
}

// count reads a non-negative integer keyword value (1.0 is one).
func count(val any) (int, bool) {
	num, ok := val.(json.Number)
	if !ok {
		return 0, false
	}
	r, ok := new(big.Rat).SetString(string(num))
	if !ok || !r.IsInt() || r.Sign() < 0 || !r.Num().IsInt64() || r.Num().Int64() > 1<<31 {
		return 0, false
	}
	return int(r.Num().Int64()), true
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func pointerOrRoot(ptr string) string {
	if ptr == "" {
		return "the root"
	}
	return ptr
}

// number is a JSON number, exact unless its exponent is beyond ±10000
// (1e999999999): such a literal is held as a float of 512 bits instead,
// so that reading it costs no more than its length. Past a float's own
// range, it is ±Inf or the least float of its sign.
type number struct {
	rat *big.Rat
	f   *big.Float
}

// exactExponent bounds the exponents of numbers held exactly.
const exactExponent = 10000

// parseNumber reads a valid JSON number literal.
func parseNumber(lit []byte) *number {
	s := string(lit)
	exp := 0
	if k := strings.IndexAny(s, "eE"); k >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[k+1:], "+"))
		if err != nil {
			e = math.MaxInt32 // beyond an int: beyond every bound below
			if strings.HasPrefix(s[k+1:], "-") {
				e = math.MinInt32
			}
		}
		exp = e
	}
	if len(s) <= exactExponent && exp > -exactExponent && exp < exactExponent {
		if r, ok := new(big.Rat).SetString(s); ok {
			return &number{rat: r}
		}
	}
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
	if err != nil || f.Sign() == 0 && strings.ContainsAny(mantissa, "123456789") { // beyond a float's exponent
		negative := strings.HasPrefix(s, "-")
		if exp > 0 {
			f = new(big.Float).SetInf(negative)
		} else {
			f = new(big.Float).SetPrec(512).SetMantExp(big.NewFloat(1), math.MinInt32)
			if negative {
				f.Neg(f)
			}
		}
	}
	return &number{f: f}
}

func (x *number) float() *big.Float {
	if x.f != nil {
		return x.f
	}
	return new(big.Float).SetPrec(512).SetRat(x.rat)
}

func (x *number) sign() int {
	if x.rat != nil {
		return x.rat.Sign()
	}
	return x.f.Sign()
}

// cmp compares x with y, as Rat.Cmp does.
func (x *number) cmp(y *number) int {
	if x.rat != nil && y.rat != nil {
		return x.rat.Cmp(y.rat)
	}
	return x.float().Cmp(y.float())
}

// multipleOf reports whether x is an integer multiple of m.
func (x *number) multipleOf(m *number) bool {
	if x.rat != nil && m.rat != nil {
		return new(big.Rat).Quo(x.rat, m.rat).IsInt()
	}
	q := new(big.Float).SetPrec(512).Quo(x.float(), m.float())
	return q.IsInt()
}

func (x *number) String() string {
	if x.rat != nil {
		return x.rat.RatString()
	}
	return x.f.Text('g', 20)
}

// canonical is the text of a decoded JSON value (numbers as
// json.Number) that two values share when JSON Schema calls them equal:
// numbers by value (1, 1.0 and 1e0 are one), object members by key.
func canonical(v any) string {
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v any) {
	switch v := v.(type) {
	case json.Number:
		b.WriteString("n")
		b.WriteString(parseNumber([]byte(v)).String())
	case string:
		b.WriteString(strconv.Quote(v))
	case map[string]any:
		b.WriteByte('{')
		for _, k := range sortedKeys(v) {
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			writeCanonical(b, v[k])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for _, item := range v {
			writeCanonical(b, item)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	default: // true, false, null
		fmt.Fprint(b, v)
	}
}

// compactText is a schema value as a finding shows it: compact JSON, cut
// to a readable length.
func compactText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	const max = 64
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// decodeValue decodes the valid JSON value lit, numbers as json.Number.
func decodeValue(lit []byte) any {
	d := json.NewDecoder(bytes.NewReader(lit))
	d.UseNumber()
	var v any
	_ = d.Decode(&v) // lit is valid JSON: the walker scanned it
	return v
}

// unalias replaces the aliases among a's subschemas by their targets, as
// link does for a node's.
func (a *assertions) unalias() {
	if a == nil {
		return
	}
	for _, list := range [][]*node{a.anyOf, a.oneOf, a.prefixItems} {
		for k := range list {
			list[k] = unalias(list[k])
		}
	}
	for _, p := range []**node{&a.not, &a.ifNode, &a.thenNd, &a.elseNd, &a.contains, &a.propertyNames} {
		*p = unalias(*p)
	}
	for k := range a.patternProperties {
		a.patternProperties[k].node = unalias(a.patternProperties[k].node)
	}
	for name, sub := range a.dependentSchemas {
		a.dependentSchemas[name] = unalias(sub)
	}
}
