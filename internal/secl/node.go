package secl

import (
	"strings"
)

// evalCtx is the state of one evaluation: the event, the variables, the
// scratch buffers of derived operands, and the matches when explaining.
type evalCtx struct {
	ev      Event
	vars    *Variables
	now     int64 // the event's time, Unix nanoseconds
	scratch [][]Value
	explain bool
	matches []Match
}

// boolNode is a compiled boolean expression.
type boolNode interface {
	eval(c *evalCtx) bool
}

type andNode struct{ l, r boolNode }

func (n *andNode) eval(c *evalCtx) bool { return n.l.eval(c) && n.r.eval(c) }

type orNode struct{ l, r boolNode }

func (n *orNode) eval(c *evalCtx) bool { return n.l.eval(c) || n.r.eval(c) }

type notNode struct{ x boolNode }

func (n *notNode) eval(c *evalCtx) bool { return !n.x.eval(c) }

type constBool bool

func (b constBool) eval(*evalCtx) bool { return bool(b) }

// report is what a comparison tells Explain: where it is, which field it
// read.
type report struct {
	where region  // the comparison
	fname string  // the field it reads, "" when none
	fop   operand // how to read that field's values
	fwhr  region  // where the field is written (the comparison when none)
	op    string
}

func (r *report) record(c *evalCtx, lv []Value, t Type, result bool, matched []Value) {
	m := Match{
		Offset: r.fwhr.off, Length: r.fwhr.len,
		ExprOffset: r.where.off, ExprLength: r.where.len,
		Op: r.op, Type: t, Result: result,
		Matched: matched,
	}
	if r.fop != nil {
		m.Field = r.fname
		m.Type = r.fop.typ()
		m.Values = append([]Value(nil), r.fop.values(c)...)
	} else {
		m.Values = append([]Value(nil), lv...)
	}
	c.matches = append(c.matches, m)
}

// boolValueNode is a boolean operand on its own: a boolean field or
// variable, true when any of its values is.
type boolValueNode struct {
	x operand
	report
}

func (n *boolValueNode) eval(c *evalCtx) bool {
	vals := n.x.values(c)
	res := false
	var hit []Value
	for i, v := range vals {
		if v.Bool {
			res = true
			if c.explain {
				hit = vals[i : i+1]
			}
			break
		}
	}
	if c.explain {
		n.record(c, vals, TypeBool, res, append([]Value(nil), hit...))
	}
	return res
}

// cmpNode is a scalar comparison. "Any element": with several values on a
// side, == < <= > >= =~ are true when one pair is; != and !~ are the
// negation of == and =~ (no element).
type cmpNode struct {
	op       string // ==, <, <=, >, >= ; negate turns == into != and =~ into !~
	negate   bool
	l, r     operand
	t        Type
	matcher  stringMatcher // a static right side of a string comparison
	ci       bool
	duration bool // the right side is a duration: compare the age of the left side
	report
}

func (n *cmpNode) eval(c *evalCtx) bool {
	lv := n.l.values(c)
	var rv []Value
	if n.matcher == nil {
		rv = n.r.values(c)
	}
	hit := -1
	for i := range lv {
		if n.pair(c, &lv[i], rv) {
			hit = i
			break
		}
	}
	res := (hit >= 0) != n.negate
	if c.explain {
		var matched []Value
		if hit >= 0 && !n.negate {
			matched = []Value{lv[hit]}
		}
		n.record(c, lv, n.t, res, matched)
	}
	return res
}

// pair reports whether a compares true with the static matcher or with
// one of the right side's values.
func (n *cmpNode) pair(c *evalCtx, a *Value, rv []Value) bool {
	if n.matcher != nil {
		return n.matcher.match(a.Str)
	}
	for j := range rv {
		b := &rv[j]
		switch n.t {
		case TypeString:
			if n.ci && strings.EqualFold(a.Str, b.Str) || a.Str == b.Str {
				return true
			}
		case TypeBool:
			if a.Bool == b.Bool {
				return true
			}
		case TypeIP:
			if a.IP.IsValid() && b.IP.IsValid() && a.IP.Overlaps(b.IP) {
				return true
			}
		default:
			x, y := a.Int, b.Int
			if n.duration {
				x = c.now - x
			}
			if intCmp(n.op, x, y) {
				return true
			}
		}
	}
	return false
}

func intCmp(op string, x, y int64) bool {
	switch op {
	case "==":
		return x == y
	case "<":
		return x < y
	case "<=":
		return x <= y
	case ">":
		return x > y
	case ">=":
		return x >= y
	}
	return false
}

// memberNode is `in`, `not in` (its negation: no element in the array) and
// `allin` (every element in the array).
type memberNode struct {
	all    bool
	negate bool
	l      operand
	t      Type
	strs   *stringSet
	ints   []int64
	bools  []bool
	ips    []Value
	dyn    []operand // fields and variables among the members
	ci     bool
	report
}

func (n *memberNode) eval(c *evalCtx) bool {
	lv := n.l.values(c)
	hit := -1
	res := false
	if n.all {
		res = true
		for i := range lv {
			if !n.contains(c, &lv[i]) {
				res = false
				break
			}
		}
	} else {
		for i := range lv {
			if n.contains(c, &lv[i]) {
				hit = i
				res = true
				break
			}
		}
	}
	res = res != n.negate
	if c.explain {
		var matched []Value
		switch {
		case n.all && res:
			matched = append(matched, lv...)
		case hit >= 0 && !n.negate:
			matched = []Value{lv[hit]}
		}
		n.record(c, lv, n.t, res, matched)
	}
	return res
}

func (n *memberNode) contains(c *evalCtx, a *Value) bool {
	switch n.t {
	case TypeString:
		if n.strs != nil && n.strs.match(a.Str) {
			return true
		}
	case TypeBool:
		for _, b := range n.bools {
			if a.Bool == b {
				return true
			}
		}
	case TypeIP:
		for _, b := range n.ips {
			if a.IP.IsValid() && a.IP.Overlaps(b.IP) {
				return true
			}
		}
	default:
		for _, b := range n.ints {
			if a.Int == b {
				return true
			}
		}
	}
	for _, d := range n.dyn {
		for _, b := range d.values(c) {
			if equalValue(n.t, n.ci, *a, b) {
				return true
			}
		}
	}
	return false
}

func equalValue(t Type, ci bool, a, b Value) bool {
	switch t {
	case TypeString:
		return a.Str == b.Str || ci && strings.EqualFold(a.Str, b.Str)
	case TypeBool:
		return a.Bool == b.Bool
	case TypeIP:
		return a.IP.IsValid() && b.IP.IsValid() && a.IP.Overlaps(b.IP)
	}
	return a.Int == b.Int
}
