package secl

// Compilation of comparisons and of in / not in / allin.

import "strings"

// staticLiteral returns the literal a node is, through parentheses, when it
// is one of the kinds that make a string matcher.
func staticLiteral(n node) *literal {
	for {
		switch x := n.(type) {
		case *paren:
			n = x.x
		case *literal:
			switch x.kind {
			case litString, litPattern, litRegexp:
				if x.kind == litString && strings.Contains(x.text, "${") {
					return nil
				}
				return x
			}
			return nil
		default:
			return nil
		}
	}
}

// isLiteral tells whether a node is a literal value (not a name).
func isLiteral(n node) bool {
	if p, ok := n.(*paren); ok {
		return isLiteral(p.x)
	}
	l, ok := n.(*literal)
	return ok && l.kind != litIdent && l.kind != litVariable
}

// flipped is the comparison op with its sides swapped: a < b is b > a.
func flipped(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op // ==, !=, =~, !~
}

func (c *compiler) comparison(n *comparison) boolNode {
	left, right, op := n.left, n.right, n.op
	// a literal on the left, a name on the right: read it the other way
	if isLiteral(left) && !isLiteral(right) {
		if l, ok := left.(*literal); !ok || l.kind != litDuration {
			left, right, op = right, left, flipped(op)
		}
	}
	rep := report{where: c.at(n.region), fwhr: c.at(n.region), op: op}
	negate := op == "!=" || op == "!~"
	base := op
	switch op {
	case "!=":
		base = "=="
	case "!~":
		base = "=~"
	}

	lo := c.operand(left)
	if c.err != nil {
		return constBool(false)
	}
	lit := staticLiteral(right)
	if lit != nil && lit.kind == litString && base == "==" && lo.typ() == TypeIP {
		lit = nil // an address written as a string, read below
	}
	if lit != nil && (lit.kind != litString || base == "=~" || base == "==") {
		if lo.typ() != TypeString {
			c.fail(right.where(), "cannot compare %s (%s) with %s (a string)", c.text(left), lo.typ(), c.text(right))
			return constBool(false)
		}
		if base != "==" && base != "=~" {
			c.fail(n.region, "%s does not apply to strings", op)
			return constBool(false)
		}
		spec, _ := specOf(lo)
		m := c.matcher(lit, spec, base == "=~")
		c.fieldOf(lo, &rep)
		return &cmpNode{op: "==", negate: negate, l: lo, t: TypeString, matcher: m, ci: spec.CaseInsensitive, report: rep}
	}
	if base == "=~" {
		c.fail(right.where(), "%s needs a pattern, a regular expression or a string literal on its right", op)
		return constBool(false)
	}
	ro := c.operand(right)
	if c.err != nil {
		return constBool(false)
	}
	if k, ok := ro.(*constOp); ok && lo.typ() == TypeIP && k.t == TypeString {
		// an address or CIDR written as a string
		if p, ok := parseIPString(k.vals[0].Str); ok {
			ro = &constOp{t: TypeIP, vals: []Value{{IP: p}}}
		}
	}
	if !comparable(lo.typ(), ro.typ()) {
		c.fail(right.where(), "cannot compare %s (%s) with %s (%s)", c.text(left), lo.typ(), c.text(right), ro.typ())
		return constBool(false)
	}
	t := lo.typ()
	if t == TypeTime {
		t = TypeInt
	}
	if (t == TypeString || t == TypeBool || t == TypeIP) && base != "==" {
		c.fail(n.region, "%s does not apply to %s values", op, t)
		return constBool(false)
	}
	duration := false
	if k, ok := ro.(*constOp); ok && k.duration {
		if base == "==" {
			c.fail(right.where(), "a duration is compared with < <= > >=, not %s", op)
			return constBool(false)
		}
		duration = true
		c.needsNow = true
	}
	if !c.fieldOf(lo, &rep) {
		c.fieldOf(ro, &rep)
	}
	spec, _ := specOf(lo)
	if t == TypeString {
		// a static right side is matched without reading it per event
		if k, ok := ro.(*constOp); ok {
			return &cmpNode{op: "==", negate: negate, l: lo, t: t, matcher: exactMatcher{s: k.vals[0].Str, ci: spec.CaseInsensitive}, report: rep}
		}
	}
	return &cmpNode{op: base, negate: negate, l: lo, r: ro, t: t, ci: spec.CaseInsensitive, duration: duration, report: rep}
}

// matcher builds the matcher of a static string literal: a pattern
// (a glob on a path field), a regular expression, or a plain string,
// itself a pattern after =~.
func (c *compiler) matcher(lit *literal, spec FieldSpec, tilde bool) stringMatcher {
	kind := lit.kind
	if kind == litString && tilde {
		kind = litPattern
	}
	switch kind {
	case litPattern:
		if spec.Path {
			m, err := newGlob(lit.text, spec.CaseInsensitive)
			if err != nil {
				c.fail(lit.region, "%s", err.Error())
				return exactMatcher{}
			}
			return m
		}
		if strings.Contains(lit.text, "**") {
			c.fail(lit.region, "%s", errDoubleStarPattern.Error())
			return exactMatcher{}
		}
		if !strings.Contains(lit.text, "*") {
			return exactMatcher{s: lit.text, ci: spec.CaseInsensitive}
		}
		return patternMatcher{pattern: lit.text, ci: spec.CaseInsensitive}
	case litRegexp:
		m, err := newRegexp(lit.text, spec.CaseInsensitive)
		if err != nil {
			c.fail(lit.region, "invalid regular expression: %s", err.Error())
			return exactMatcher{}
		}
		return m
	}
	return exactMatcher{s: lit.text, ci: spec.CaseInsensitive}
}

func (c *compiler) membership(n *membership) boolNode {
	lo := c.operand(n.left)
	if c.err != nil {
		return constBool(false)
	}
	t := lo.typ()
	if t == TypeTime {
		t = TypeInt
	}
	spec, _ := specOf(lo)
	op := map[string]string{"in": "in", "notin": "not in", "allin": "allin"}[n.op]
	rep := report{where: c.at(n.region), fwhr: c.at(n.region), op: op}
	c.fieldOf(lo, &rep)
	// the agent gives allin its own meaning (every element) on IPs only;
	// on strings and integers it reads it as in, and so do we
	m := &memberNode{all: n.op == "allin" && t == TypeIP, negate: n.op == "notin", l: lo, t: t, ci: spec.CaseInsensitive, report: rep}
	if t == TypeString {
		m.strs = &stringSet{ci: spec.CaseInsensitive}
	}
	c.members(m, n.array, spec, n.left)
	return m
}

// members fills a memberNode with the members of an array.
func (c *compiler) members(m *memberNode, arr *arrayLit, spec FieldSpec, left node) {
	if !arr.bracket && len(arr.items) == 1 && arr.items[0].kind == litIdent {
		name := arr.items[0]
		if d := c.macros.macro(name.text); d != nil {
			switch {
			case d.values != nil:
				if m.t != TypeString {
					c.fail(name.region, "macro %s holds strings, %s is %s %s", d.id, c.text(left), article(m.t), m.t)
					return
				}
				for _, v := range d.values {
					m.strs.addScalar(v)
				}
			case d.array != nil:
				c.inMacro(d, name.region, func() { c.members(m, d.array, spec, left) })
			default:
				c.fail(name.region, "macro %s is an expression, not an array", d.id)
			}
			return
		}
	}
	mismatch := func(item *literal, what Type) {
		c.fail(item.region, "%s is %s %s, the array holds %s", c.text(left), article(m.t), m.t, map[Type]string{
			TypeString: "strings", TypeInt: "integers", TypeBool: "booleans", TypeIP: "IP addresses"}[what])
	}
	for _, item := range arr.items {
		if c.err != nil {
			return
		}
		switch item.kind {
		case litString, litPattern, litRegexp:
			if m.t == TypeIP && item.kind == litString {
				// the agent's documentation writes addresses and CIDRs as
				// strings: ip in ["192.168.1.25", "10.0.0.0/24"]
				p, ok := parseIPString(item.text)
				if !ok {
					c.fail(item.region, "%q is not an IP address or a CIDR", item.text)
					continue
				}
				m.ips = append(m.ips, Value{IP: p})
				continue
			}
			if m.t != TypeString {
				mismatch(item, TypeString)
				continue
			}
			if item.kind == litString && !strings.Contains(item.text, "${") {
				m.strs.addScalar(item.text)
				continue
			}
			if item.kind == litString {
				m.dyn = append(m.dyn, c.interpolated(item))
				continue
			}
			m.strs.matchers = append(m.strs.matchers, c.matcher(item, spec, false))
		case litInt:
			if m.t != TypeInt {
				mismatch(item, TypeInt)
				continue
			}
			m.ints = append(m.ints, item.value)
		case litIP, litCIDR:
			if m.t != TypeIP {
				mismatch(item, TypeIP)
				continue
			}
			p, ok := parseIPString(item.text)
			if !ok {
				c.fail(item.region, "invalid IP address or CIDR %q", item.text)
				continue
			}
			m.ips = append(m.ips, Value{IP: p})
		case litIdent, litVariable:
			var o operand
			if item.kind == litVariable {
				o = c.variable(item)
			} else {
				o = c.ident(item)
			}
			if c.err != nil {
				return
			}
			if !comparable(o.typ(), m.t) {
				mismatch(item, o.typ())
				continue
			}
			if k, ok := o.(*constOp); ok {
				switch m.t {
				case TypeString:
					m.strs.addScalar(k.vals[0].Str)
				case TypeBool:
					m.bools = append(m.bools, k.vals[0].Bool)
				case TypeIP:
					m.ips = append(m.ips, k.vals[0])
				default:
					m.ints = append(m.ints, k.vals[0].Int)
				}
				continue
			}
			m.dyn = append(m.dyn, o)
		default:
			c.fail(item.region, "%s cannot be an array member", c.text(item))
		}
	}
}
