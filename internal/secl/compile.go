package secl

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/csmctl/csmctl/internal/input"
)

// compiler type-checks a syntax tree against the fields and turns it into
// boolNodes and operands.
type compiler struct {
	source    string
	src       string // the text regions refer to (a macro's while compiling it)
	fields    Fields
	macros    *Macros
	nslots    int
	needsNow  bool
	eventType string
	evField   string
	err       *Error
	stack     []string // macros being compiled, to refuse a cycle
	ref       *region  // where the macro being compiled is used
	expanded  int      // bytes of macro text compiled so far
}

// maxExpansion bounds the macro text one expression compiles to: macros
// that each use the one before twice double at every step (SECL's billion
// laughs), and are refused rather than compiled until memory runs out.
const maxExpansion = 1 << 20

func (c *compiler) fail(r region, format string, args ...any) {
	if c.err != nil {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if c.ref != nil {
		msg = "in macro " + c.stack[len(c.stack)-1] + ": " + msg
		r = *c.ref
	}
	c.err = &Error{Pos: input.Position{File: c.source, Line: r.line, Col: r.col}, Offset: r.off, Msg: msg}
}

// at is where a node is reported: inside a macro, where the macro is used.
func (c *compiler) at(r region) region {
	if c.ref != nil {
		return *c.ref
	}
	return r
}

func (c *compiler) text(n node) string {
	r := n.where()
	if r.off+r.len > len(c.src) {
		return c.src
	}
	return c.src[r.off : r.off+r.len]
}

func (c *compiler) slot() int {
	c.nslots++
	return c.nslots - 1
}

// isBoolean tells whether a node is a boolean expression by its shape.
func isBoolean(n node) bool {
	switch n := n.(type) {
	case *binaryExpr, *comparison, *membership:
		return true
	case *unary:
		return n.op == "!"
	case *paren:
		return isBoolean(n.x)
	}
	return false
}

// boolean compiles a node that must be a boolean.
func (c *compiler) boolean(n node) boolNode {
	if c.err != nil {
		return constBool(false)
	}
	switch n := n.(type) {
	case *binaryExpr:
		l, r := c.boolean(n.left), c.boolean(n.right)
		if n.op == "&&" {
			return &andNode{l, r}
		}
		return &orNode{l, r}
	case *paren:
		return c.boolean(n.x)
	case *unary:
		if n.op == "!" {
			return &notNode{c.boolean(n.x)}
		}
	case *comparison:
		return c.comparison(n)
	case *membership:
		return c.membership(n)
	case *literal:
		if n.kind == litIdent {
			if d := c.macros.macro(n.text); d != nil {
				return c.macroBool(d, n.region)
			}
		}
		op := c.operand(n)
		if c.err != nil {
			return constBool(false)
		}
		if op.typ() != TypeBool {
			c.fail(n.region, "%s is %s %s, not a boolean: compare it with something", c.text(n), article(op.typ()), op.typ())
			return constBool(false)
		}
		if k, ok := op.(*constOp); ok {
			return constBool(k.vals[0].Bool)
		}
		rep := report{where: c.at(n.region), fwhr: c.at(n.region)}
		c.fieldOf(op, &rep)
		return &boolValueNode{x: op, report: rep}
	}
	c.fail(n.where(), "%s is not a boolean expression", c.text(n))
	return constBool(false)
}

func article(t Type) string {
	if t == TypeInt || t == TypeIP {
		return "an"
	}
	return "a"
}

// macroBool compiles an expression macro where it is used.
func (c *compiler) macroBool(d *macroDef, ref region) boolNode {
	if d.expr == nil {
		c.fail(ref, "macro %s is a list of values: use it after in", d.id)
		return constBool(false)
	}
	var out boolNode
	c.inMacro(d, ref, func() { out = c.boolean(d.expr) })
	return out
}

func (c *compiler) inMacro(d *macroDef, ref region, f func()) {
	for _, id := range c.stack {
		if id == d.id {
			c.fail(ref, "macro %s uses itself", d.id)
			return
		}
	}
	if c.expanded += len(d.src) + 1; c.expanded > maxExpansion {
		c.fail(ref, "macros expand to more than %d bytes of expression: they use each other too many times over", maxExpansion)
		return
	}
	saveSrc, saveRef := c.src, c.ref
	if c.ref == nil {
		c.ref = &ref
	}
	c.src = d.src
	c.stack = append(c.stack, d.id)
	f()
	c.stack = c.stack[:len(c.stack)-1]
	c.src, c.ref = saveSrc, saveRef
}

// operand compiles a node used as a value.
func (c *compiler) operand(n node) operand {
	if c.err != nil {
		return invalid()
	}
	switch n := n.(type) {
	case *literal:
		return c.literal(n)
	case *paren:
		if isBoolean(n.x) {
			return &boolOp{n: c.boolean(n.x), slot: c.slot()}
		}
		return c.operand(n.x)
	case *unary:
		if n.op == "!" {
			return &boolOp{n: c.boolean(n), slot: c.slot()}
		}
		x := c.operand(n.x)
		if c.err == nil && !comparable(x.typ(), TypeInt) {
			c.fail(n.x.where(), "%s applies to integers, %s is %s %s", n.op, c.text(n.x), article(x.typ()), x.typ())
		}
		op := "neg"
		if n.op == "^" {
			op = "not"
		}
		return &intOp{op: op, l: x, slot: c.slot()}
	case *arith:
		l, r := c.operand(n.left), c.operand(n.right)
		for _, side := range []struct {
			o operand
			n node
		}{{l, n.left}, {r, n.right}} {
			if c.err == nil && !comparable(side.o.typ(), TypeInt) {
				c.fail(side.n.where(), "%s applies to integers, %s is %s %s", n.op, c.text(side.n), article(side.o.typ()), side.o.typ())
			}
		}
		return &intOp{op: n.op, l: l, r: r, slot: c.slot()}
	case *comparison, *membership, *binaryExpr:
		return &boolOp{n: c.boolean(n), slot: c.slot()}
	}
	c.fail(n.where(), "unexpected %s", c.text(n))
	return invalid()
}

func (c *compiler) literal(n *literal) operand {
	switch n.kind {
	case litIdent:
		return c.ident(n)
	case litString:
		if strings.Contains(n.text, "${") {
			return c.interpolated(n)
		}
		return &constOp{t: TypeString, vals: []Value{{Str: n.text}}}
	case litInt:
		return &constOp{t: TypeInt, vals: []Value{{Int: n.value}}}
	case litDuration:
		return &constOp{t: TypeInt, vals: []Value{{Int: n.value}}, duration: true}
	case litIP, litCIDR:
		p, ok := parseIPString(n.text)
		if !ok {
			c.fail(n.region, "invalid %s %q", map[bool]string{true: "IP address", false: "CIDR"}[n.kind == litIP], n.text)
		}
		return &constOp{t: TypeIP, vals: []Value{{IP: p}}}
	case litVariable:
		return c.variable(n)
	case litPattern:
		c.fail(n.region, "a pattern is compared with a string field, with == != =~ !~ or in an array")
	case litRegexp:
		c.fail(n.region, "a regular expression is compared with a string field, with == != =~ !~ or in an array")
	}
	return invalid()
}

// invalid stands for an operand that failed to compile: the compiler has
// recorded the error and stops at the first one.
func invalid() operand { return &constOp{t: TypeBool, vals: []Value{{}}} }

// parseIPString reads an address (as a full-length prefix) or a CIDR;
// IPv4-mapped IPv6 is read as IPv4.
func parseIPString(s string) (netip.Prefix, bool) {
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	return p.Masked(), true
}

// ident resolves a name: a constant, a macro, or a field (FIELD.length
// when the field itself is known).
func (c *compiler) ident(n *literal) operand {
	if v, t, ok := LookupConstant(n.text); ok {
		return &constOp{t: t, vals: []Value{v}}
	}
	if d := c.macros.macro(n.text); d != nil {
		if d.expr == nil {
			c.fail(n.region, "macro %s is a list of values: use it after in", d.id)
			return invalid()
		}
		return &boolOp{n: c.macroBool(d, n.region), slot: c.slot()}
	}
	return c.field(n.text, n.region)
}

func (c *compiler) field(name string, where region) operand {
	if c.macros.isBroken(name) {
		c.fail(where, "macro %s does not compile (see its error)", name)
		return invalid()
	}
	if i := strings.IndexByte(name, '['); i >= 0 {
		// the agent ties the fields of one register to one element
		// (the same ancestor); reading them as "any element" each would
		// be another expression, so it is refused rather than guessed
		c.fail(where, "registers such as %s are not supported: without one, %s reads any element",
			name[:strings.IndexByte(name, ']')+1], name[:i]+name[strings.IndexByte(name, ']')+1:])
		return invalid()
	}
	if c.fields == nil {
		c.fail(where, "unknown field %s", name)
		return invalid()
	}
	spec, err := c.fields.Lookup(name)
	if err != nil {
		if base, ok := strings.CutSuffix(name, ".length"); ok {
			if bspec, berr := c.fields.Lookup(base); berr == nil {
				c.eventTypeOf(base, bspec, where)
				f := &fieldOp{name: base, spec: bspec, where: c.at(where), zero: []Value{{}}}
				return &lengthOp{base: f, slot: c.slot(), name: name, where: c.at(where)}
			}
		}
		c.fail(where, "%s", err.Error())
		return invalid()
	}
	if spec.Type == TypeUnknown {
		c.fail(where, "field %s has no type", name)
	}
	c.eventTypeOf(name, spec, where)
	if spec.Type == TypeTime {
		c.needsNow = true
	}
	return &fieldOp{name: name, spec: spec, where: c.at(where), zero: []Value{{}}}
}

// eventTypeOf checks that every field belongs to one event type, as a rule
// applies to one.
func (c *compiler) eventTypeOf(name string, spec FieldSpec, where region) {
	if spec.EventType == "" {
		return
	}
	if c.eventType == "" {
		c.eventType, c.evField = spec.EventType, name
		return
	}
	if c.eventType != spec.EventType {
		c.fail(where, "%s is a field of %s events, %s of %s events: an expression applies to one event type",
			name, spec.EventType, c.evField, c.eventType)
	}
}

func (c *compiler) variable(n *literal) operand {
	d, ok := c.macros.variable(n.text)
	if !ok && c.fields != nil {
		// a built-in variable, ${process.pid}: the field of the event
		if _, err := c.fields.Lookup(n.text); err == nil {
			return c.field(n.text, n.region)
		}
	}
	if !ok {
		c.fail(n.region, "variable %s is not defined: no set action of the policy defines it", n.text)
		return invalid()
	}
	c.needsNow = true
	return &varOp{decl: d, zero: []Value{{}}}
}

// interpolated compiles a string with ${variables} in it.
func (c *compiler) interpolated(n *literal) operand {
	s := &interpOp{slot: c.slot()}
	rest := n.text
	for rest != "" {
		i := strings.Index(rest, "${")
		j := -1
		if i >= 0 {
			j = strings.IndexByte(rest[i:], '}')
		}
		if i < 0 || j < 0 {
			s.parts = append(s.parts, &constOp{t: TypeString, vals: []Value{{Str: rest}}})
			break
		}
		if i > 0 {
			s.parts = append(s.parts, &constOp{t: TypeString, vals: []Value{{Str: rest[:i]}}})
		}
		name := rest[i+2 : i+j]
		s.parts = append(s.parts, c.variable(&literal{region: n.region, kind: litVariable, text: name}))
		rest = rest[i+j+1:]
	}
	return s
}

// fieldOf fills a report with the field an operand reads: the field, its
// .length, or the first field of an integer operation (the agent reports
// mmap.protection for `mmap.protection & PROT_EXEC > 0`).
func (c *compiler) fieldOf(o operand, rep *report) bool {
	switch o := o.(type) {
	case *fieldOp:
		rep.fname, rep.fop, rep.fwhr = o.name, o, o.where
		return true
	case *lengthOp:
		rep.fname, rep.fop, rep.fwhr = o.name, o, o.where
		return true
	case *intOp:
		if c.fieldOf(o.l, rep) {
			return true
		}
		if o.r != nil {
			return c.fieldOf(o.r, rep)
		}
	case *varOp:
		rep.fname, rep.fop = "${"+o.decl.name+"}", o
		return true
	}
	return false
}

// specOf is the field spec behind an operand, if it reads a field.
func specOf(o operand) (FieldSpec, bool) {
	switch o := o.(type) {
	case *fieldOp:
		return o.spec, true
	case *varOp:
		return FieldSpec{Type: o.decl.typ, Array: o.decl.array}, true
	}
	return FieldSpec{}, false
}
