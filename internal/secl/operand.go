package secl

import (
	"strconv"
	"strings"
)

// operand yields the values of one side of a comparison on one event.
type operand interface {
	typ() Type
	// values returns the operand's values; the slice is valid until the
	// next call on the same operand and must not be modified.
	values(c *evalCtx) []Value
}

// fieldOp reads a field. A scalar field the event lacks reads as its
// type's zero value, as the agent's model always holds one; an array field
// it lacks has no element.
type fieldOp struct {
	name  string
	spec  FieldSpec
	where region
	zero  []Value
}

func (f *fieldOp) typ() Type { return f.spec.Type }

func (f *fieldOp) values(c *evalCtx) []Value {
	v := c.ev.Values(f.name)
	if v == nil && !f.spec.Array {
		return f.zero
	}
	return v
}

// lengthOp is FIELD.length: the length in bytes of each value of a string
// field, an array of strings included (the agent's "length of the
// corresponding element": process.ancestors.file.name.length is each
// ancestor's name's), and the number of elements of another array field.
type lengthOp struct {
	base  *fieldOp
	slot  int
	name  string // FIELD.length
	where region
}

func (l *lengthOp) typ() Type { return TypeInt }

func (l *lengthOp) values(c *evalCtx) []Value {
	vals := l.base.values(c)
	buf := c.scratch[l.slot][:0]
	if l.base.spec.Array && l.base.spec.Type != TypeString {
		buf = append(buf, Value{Int: int64(len(vals))})
	} else {
		for _, v := range vals {
			buf = append(buf, Value{Int: int64(len(v.Str))})
		}
	}
	c.scratch[l.slot] = buf
	return buf
}

// constOp is a literal or a constant.
type constOp struct {
	t        Type
	vals     []Value
	duration bool // a duration literal: compared with a time, it means an age
}

func (k *constOp) typ() Type               { return k.t }
func (k *constOp) values(*evalCtx) []Value { return k.vals }

// intOp is an integer operation, applied to every pair of values.
type intOp struct {
	op   string // & | ^ + - ; "neg" and "not" for the unary - and ^
	l, r operand
	slot int
}

func (o *intOp) typ() Type { return TypeInt }

func (o *intOp) values(c *evalCtx) []Value {
	lv := o.l.values(c)
	buf := c.scratch[o.slot][:0]
	if o.r == nil {
		for _, a := range lv {
			if o.op == "neg" {
				buf = append(buf, Value{Int: -a.Int})
			} else {
				buf = append(buf, Value{Int: ^a.Int})
			}
		}
		c.scratch[o.slot] = buf
		return buf
	}
	rv := o.r.values(c)
	for _, a := range lv {
		for _, b := range rv {
			var v int64
			switch o.op {
			case "&":
				v = a.Int & b.Int
			case "|":
				v = a.Int | b.Int
			case "^":
				v = a.Int ^ b.Int
			case "+":
				v = a.Int + b.Int
			case "-":
				v = a.Int - b.Int
			}
			buf = append(buf, Value{Int: v})
		}
	}
	c.scratch[o.slot] = buf
	return buf
}

// boolOp is a boolean expression used as a value (`(a == b) == true`).
type boolOp struct {
	n    boolNode
	slot int
}

func (b *boolOp) typ() Type { return TypeBool }

func (b *boolOp) values(c *evalCtx) []Value {
	buf := append(c.scratch[b.slot][:0], Value{Bool: b.n.eval(c)})
	c.scratch[b.slot] = buf
	return buf
}

// varOp reads a ${variable}: global, or in the scope its name starts with
// (${process.foo}). A variable never set reads as its type's zero value
// (no element for an array).
type varOp struct {
	decl varDecl
	zero []Value
}

func (v *varOp) typ() Type { return v.decl.typ }

func (v *varOp) values(c *evalCtx) []Value {
	vals := c.vars.get(c.ev, v.decl, c.now)
	if vals == nil && !v.decl.array {
		return v.zero
	}
	return vals
}

// interpOp is a string with ${variables} in it: "${process.foo}/bin".
type interpOp struct {
	parts []operand // constOp for the text between variables
	slot  int
}

func (s *interpOp) typ() Type { return TypeString }

func (s *interpOp) values(c *evalCtx) []Value {
	var sb strings.Builder
	for _, p := range s.parts {
		for i, v := range p.values(c) {
			if i > 0 {
				sb.WriteByte(',')
			}
			switch p.typ() {
			case TypeInt, TypeTime:
				sb.WriteString(strconv.FormatInt(v.Int, 10))
			default:
				sb.WriteString(v.Str)
			}
		}
	}
	buf := append(c.scratch[s.slot][:0], Value{Str: sb.String()})
	c.scratch[s.slot] = buf
	return buf
}

// String names a type in messages.
func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeInt:
		return "integer"
	case TypeBool:
		return "boolean"
	case TypeIP:
		return "IP"
	case TypeTime:
		return "time"
	}
	return "unknown"
}

// comparable reports whether values of a and b compare: a time is an
// integer of nanoseconds.
func comparable(a, b Type) bool {
	norm := func(t Type) Type {
		if t == TypeTime {
			return TypeInt
		}
		return t
	}
	return norm(a) == norm(b)
}
