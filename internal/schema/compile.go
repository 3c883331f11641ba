package schema

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/memo"
)

// node is a compiled schema: the constraints of one subschema, ready for the
// one-pass validator. A nil *node accepts everything.
type node struct {
	never    bool   // the schema `false`: no value is valid
	types    uint16 // allowed kinds as bits (1<<jsonscan.Kind); 0: any kind
	dateTime bool   // format: date-time, asserted on strings

	props    map[string]*prop // properties, plus required names not listed there
	byLen    [][]*prop        // props by name length: lookup without hashing
	nprops   int
	closed   bool  // additionalProperties: false
	extra    *node // additionalProperties as a schema (nil: anything)
	required []*prop

	hasItems bool
	items    *node // items (nil with hasItems false: anything)

	also []*node // $ref next to other keywords, allOf: every one must hold too

	// extraKeywords holds the keywords the CSM schemas do not use; nil
	// for them.
	extraKeywords *assertions
}

// prop is a property an object schema knows by name.
type prop struct {
	name     string
	idx      int   // bit in the validator's seen-set
	node     *node // its schema; nil: anything
	declared bool  // listed in properties (else only named by required)
}

// annotations are keywords with no effect on validation.
var annotations = memo.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"$schema": true, "$id": true, "$comment": true, "$defs": true, "definitions": true,
		"title": true, "description": true, "default": true, "examples": true,
		"deprecated": true, "readOnly": true, "writeOnly": true,
	}
}}

const draft202012 = "https://json-schema.org/draft/2020-12/schema"

// compiler turns a schema document into nodes, resolving local $refs once.
type compiler struct {
	root any
	refs map[string]*node // by JSON pointer, to share nodes and allow recursion
}

// errUnsupported is a schema csmctl cannot validate with: a keyword (or a
// value of one) it does not implement, at a JSON pointer of the schema.
type errUnsupported struct{ what, at string }

func (e errUnsupported) Error() string {
	return fmt.Sprintf("csmctl does not implement %s (at %s in the schema)", e.what, pointerOrRoot(e.at))
}

// unimplemented are the draft 2020-12 keywords csmctl does not validate:
// a schema with one is refused rather than half checked. Keywords the
// draft does not define are annotations, ignored as the draft says.
var unimplemented = memo.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"$anchor": true, "$dynamicRef": true, "$dynamicAnchor": true, "$vocabulary": true,
		"unevaluatedProperties": true, "unevaluatedItems": true,
	}
}}

func compile(root any) (*compiled, error) {
	if m, ok := root.(map[string]any); ok {
		if s, ok := m["$schema"]; ok && strings.TrimSuffix(fmt.Sprint(s), "#") != draft202012 {
			return nil, errUnsupported{fmt.Sprintf("$schema %v: only draft 2020-12", s), "/$schema"}
		}
	}
	c := &compiler{root: root, refs: map[string]*node{}}
	n, err := c.ref("")
	if err != nil {
		return nil, err
	}
	link(c.refs)
	return &compiled{root: unalias(n)}, nil
}

// ref compiles the subschema at a JSON pointer of the document, once.
func (c *compiler) ref(ptr string) (*node, error) {
	if n, ok := c.refs[ptr]; ok {
		return n, nil
	}
	v, err := lookup(c.root, ptr)
	if err != nil {
		return nil, err
	}
	n := &node{}
	c.refs[ptr] = n // before compiling, so a recursive $ref finds it
	if err := c.fill(n, v, ptr); err != nil {
		return nil, err
	}
	return n, nil
}

func (c *compiler) fill(n *node, v any, ptr string) error {
	switch s := v.(type) {
	case bool:
		n.never = !s
		return nil
	case map[string]any:
		return c.fillObject(n, s, ptr)
	}
	return errUnsupported{"a schema that is neither an object nor a boolean", ptr}
}

func (c *compiler) fillObject(n *node, s map[string]any, ptr string) error {
	if _, ok := s["$id"]; ok && ptr != "" {
		return errUnsupported{"$id below the root", ptr + "/$id"}
	}
	for kw, val := range s {
		if annotations.Get()[kw] {
			continue
		}
		var err error
		switch kw {
		case "type":
			err = n.setTypes(val)
		case "format":
			switch name, _ := val.(string); {
			case name == "date-time":
				n.dateTime = true
			case formats.Get()[name] != nil:
				n.more().format = name
			default:
				return errUnsupported{fmt.Sprintf("format %v", val), ptr + "/format"}
			}
		case "$ref":
			var target *node
			ref, ok := val.(string)
			if !ok || !strings.HasPrefix(ref, "#") {
				return errUnsupported{fmt.Sprintf("$ref %v: only references within the schema", val), ptr + "/$ref"}
			}
			// A fragment is URI-encoded: "%25" in it names a key with "%".
			fragment, uerr := url.PathUnescape(strings.TrimPrefix(ref, "#"))
			if uerr != nil {
				return fmt.Errorf("$ref %s at %s: %w", ref, pointerOrRoot(ptr+"/$ref"), uerr)
			}
			if target, err = c.ref(fragment); err == nil {
				n.also = append(n.also, target)
			}
		case "properties":
			err = c.setProperties(n, val, ptr)
		case "additionalProperties":
			if b, ok := val.(bool); ok {
				n.closed = !b
			} else {
				n.extra, err = c.ref(ptr + "/additionalProperties")
			}
		case "required":
			err = n.setRequired(val)
		case "items":
			n.hasItems = true
			n.items, err = c.ref(ptr + "/items")
		default:
			if unimplemented.Get()[kw] {
				return errUnsupported{"keyword " + kw, ptr + "/" + escapePointer(kw)}
			}
			_, err = c.compileKeyword(n, kw, val, ptr) // an unknown keyword is an annotation
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (n *node) setTypes(val any) error {
	names := []any{val}
	if list, ok := val.([]any); ok {
		names = list
	}
	for _, name := range names {
		k, ok := kindByName.Get()[fmt.Sprint(name)]
		if !ok {
			return fmt.Errorf("type %v is not a JSON Schema type", name)
		}
		n.types |= 1 << k
	}
	return nil
}

var kindByName = memo.Value[map[string]jsonscan.Kind]{New: func() map[string]jsonscan.Kind {
	return map[string]jsonscan.Kind{
		"null": jsonscan.KindNull, "boolean": jsonscan.KindBool, "number": jsonscan.KindNumber,
		"string": jsonscan.KindString, "array": jsonscan.KindArray, "object": jsonscan.KindObject,
		"integer": jsonscan.KindInteger,
	}
}}

func (c *compiler) setProperties(n *node, val any, ptr string) error {
	m, ok := val.(map[string]any)
	if !ok {
		return fmt.Errorf("properties at %s must be an object", pointerOrRoot(ptr+"/properties"))
	}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sub, err := c.ref(ptr + "/properties/" + escapePointer(name))
		if err != nil {
			return err
		}
		n.prop(name).node = sub
		n.prop(name).declared = true
	}
	return nil
}

func (n *node) setRequired(val any) error {
	list, ok := val.([]any)
	if !ok {
		return errors.New("required must be an array of strings")
	}
	for _, name := range list {
		s, ok := name.(string)
		if !ok {
			return errors.New("required must be an array of strings")
		}
		n.required = append(n.required, n.prop(s))
	}
	return nil
}

// prop returns the named property, adding it when new.
func (n *node) prop(name string) *prop {
	if n.props == nil {
		n.props = map[string]*prop{}
	}
	p, ok := n.props[name]
	if !ok {
		p = &prop{name: name, idx: n.nprops}
		n.props[name] = p
		n.nprops++
	}
	return p
}

// lookup resolves a JSON pointer ("" is the whole document) in a decoded document.
func lookup(doc any, ptr string) (any, error) {
	if ptr == "" {
		return doc, nil
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, errUnsupported{fmt.Sprintf("$ref #%s: only JSON pointers", ptr), ""}
	}
	cur := doc
	for _, tok := range strings.Split(ptr[1:], "/") {
		if strings.Contains(tok, "~") { // RFC 6901: "~1" is "/", then "~0" is "~"
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		}
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[tok]
			if !ok {
				return nil, fmt.Errorf("$ref #%s: no such location in the schema", ptr)
			}
			cur = next
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(v) {
				return nil, fmt.Errorf("$ref #%s: no such location in the schema", ptr)
			}
			cur = v[i]
		default:
			return nil, fmt.Errorf("$ref #%s: no such location in the schema", ptr)
		}
	}
	return cur, nil
}

// escapePointer escapes a name for use as a JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// isAlias reports a node that only forwards to one $ref target.
func (n *node) isAlias() bool {
	return len(n.also) == 1 && !n.never && n.types == 0 && !n.dateTime && n.props == nil &&
		!n.closed && n.extra == nil && !n.hasItems && n.extraKeywords == nil
}

// unalias follows alias chains, so the validator never scans a value twice
// just because the schema said `{"$ref": …}`. A cycle of pure aliases accepts
// everything, as it constrains nothing.
func unalias(n *node) *node {
	for hops := 0; n != nil && n.isAlias(); hops++ {
		if hops > 1000 {
			return nil
		}
		n = n.also[0]
	}
	return n
}

// lookup finds a property by name. Names of one length are few, so
// comparing them beats hashing the name on the validator's hot path.
func (n *node) lookup(name []byte) *prop {
	if len(name) >= len(n.byLen) {
		return nil
	}
	for _, p := range n.byLen[len(name)] {
		if p.name == string(name) {
			return p
		}
	}
	return nil
}

// index builds byLen from props.
func (n *node) index() {
	n.byLen = nil
	for _, p := range n.props {
		for len(n.byLen) <= len(p.name) {
			n.byLen = append(n.byLen, nil)
		}
		n.byLen[len(p.name)] = append(n.byLen[len(p.name)], p)
	}
}

// link replaces every alias below the compiled nodes by its target.
func link(nodes map[string]*node) {
	for _, n := range nodes {
		n.index()
		for _, p := range n.props {
			p.node = unalias(p.node)
		}
		n.extra = unalias(n.extra)
		n.items = unalias(n.items)
		n.extraKeywords.unalias()
		for i, a := range n.also {
			n.also[i] = unalias(a)
		}
		// A nil node accepts everything; drop it from `also`.
		also := n.also[:0]
		for _, a := range n.also {
			if a != nil {
				also = append(also, a)
			}
		}
		n.also = also
	}
}
