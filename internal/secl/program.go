package secl

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/csmctl/csmctl/internal/input"
)

// Program is a compiled expression. It is safe for concurrent use; the
// Variables given to Eval are not.
type Program struct {
	source, expr string
	root         boolNode
	eventType    string
	nslots       int
	needsNow     bool
	// own is the context of the common, single-goroutine case, taken with
	// a compare-and-swap; pool serves concurrent evaluations.
	own   evalCtx
	inUse atomic.Bool
	pool  sync.Pool
}

// Compile compiles an expression against the fields events carry. source
// names the expression in errors ("--expr" or a policy file); macros (which
// also declare the variables set actions define) may be nil.
func Compile(source, expr string, fields Fields, macros *Macros) (*Program, error) {
	tree, perr := parse(expr)
	if perr != nil {
		return nil, &Error{Pos: input.Position{File: source, Line: perr.tok.line, Col: perr.tok.col}, Offset: perr.tok.off, Msg: perr.msg}
	}
	c := &compiler{source: source, src: expr, fields: fields, macros: macros}
	root := c.boolean(tree)
	if c.err != nil {
		return nil, c.err
	}
	p := &Program{source: source, expr: expr, root: root, eventType: c.eventType, nslots: c.nslots, needsNow: c.needsNow}
	p.own.scratch = make([][]Value, p.nslots)
	p.pool.New = func() any { return &evalCtx{scratch: make([][]Value, p.nslots)} }
	return p, nil
}

// EventType is the event type the expression's fields belong to, "" when
// it names none (then it applies to every event).
func (p *Program) EventType() string { return p.eventType }

// String returns the expression as written.
func (p *Program) String() string { return p.expr }

func (p *Program) ctx(ev Event, vars *Variables, explain bool) *evalCtx {
	var c *evalCtx
	if p.inUse.CompareAndSwap(false, true) {
		c = &p.own
	} else {
		c = p.pool.Get().(*evalCtx)
	}
	c.ev, c.vars, c.explain = ev, vars, explain
	if p.needsNow {
		c.now = ev.Time().UnixNano()
	}
	return c
}

func (p *Program) release(c *evalCtx) {
	c.ev, c.vars, c.matches = nil, nil, nil
	if c == &p.own {
		p.inUse.Store(false)
		return
	}
	p.pool.Put(c)
}

// Eval tells whether the expression is true on the event: false for an
// event of another type than the expression's. It asks the event only for
// the fields it needs, and stops as soon as the result is known. vars may
// be nil when the expression reads no variable.
func (p *Program) Eval(ev Event, vars *Variables) bool {
	if p.eventType != "" && ev.Type() != p.eventType {
		return false
	}
	c := p.ctx(ev, vars, false)
	r := p.root.eval(c)
	p.release(c)
	return r
}

// Explain evaluates as Eval does and returns every comparison it evaluated
// (those skipped by && and || are not), in evaluation order.
func (p *Program) Explain(ev Event, vars *Variables) (bool, []Match) {
	if p.eventType != "" && ev.Type() != p.eventType {
		return false, nil
	}
	c := p.ctx(ev, vars, true)
	r := p.root.eval(c)
	m := c.matches
	p.release(c)
	return r, m
}

// Macros are named expressions or value lists an expression can use by
// name; they also hold the variables that set actions declare.
type Macros struct {
	defs map[string]*macroDef
	vars map[string]varDecl
	// broken are the macros whose expression does not parse: a rule
	// that uses one says so rather than reading the name as a field.
	broken map[string]bool
}

type macroDef struct {
	id, source, src string
	expr            node      // an expression macro
	array           *arrayLit // an expression macro written [ … ]
	values          []string  // a values macro
}

// NewMacros returns an empty set of macros.
func NewMacros() *Macros {
	return &Macros{defs: map[string]*macroDef{}, vars: map[string]varDecl{}, broken: map[string]bool{}}
}

// AddExpression adds a macro defined by an expression: a boolean
// expression, or an array written [ … ] to use after in.
func (m *Macros) AddExpression(source, id, expr string) error {
	d := &macroDef{id: id, source: source, src: expr}
	var perr *parseError
	if strings.HasPrefix(strings.TrimSpace(expr), "[") {
		d.array, perr = parseArray(expr)
	} else {
		d.expr, perr = parse(expr)
	}
	if perr != nil {
		m.broken[id] = true
		return &Error{Pos: input.Position{File: source, Line: perr.tok.line, Col: perr.tok.col}, Offset: perr.tok.off, Msg: "macro " + id + ": " + perr.msg}
	}
	m.defs[id] = d
	return nil
}

// AddValues adds a macro defined by a list of string values, to use after
// in; as in the agent, they are plain strings, not patterns.
func (m *Macros) AddValues(source, id string, values []string) error {
	m.defs[id] = &macroDef{id: id, source: source, values: append([]string(nil), values...)}
	return nil
}

// DeclareVariable declares a variable a set action defines, so that
// expressions can read it: ${name} when scope is "", ${scope.name} otherwise.
func (m *Macros) DeclareVariable(name, scope string, t Type, array bool) {
	full := declName(name, scope)
	m.vars[full] = varDecl{name: full, scope: scope, typ: t, array: array}
}

func (m *Macros) macro(id string) *macroDef {
	if m == nil {
		return nil
	}
	return m.defs[id]
}

func (m *Macros) isBroken(id string) bool { return m != nil && m.broken[id] }

func (m *Macros) variable(name string) (varDecl, bool) {
	if m == nil {
		return varDecl{}, false
	}
	d, ok := m.vars[name]
	return d, ok
}
