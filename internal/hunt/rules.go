package hunt

import (
	"errors"
	"sort"
	"strings"

	"github.com/csmctl/csmctl/internal/input"

	"github.com/csmctl/csmctl/internal/secl"
)

// ExprID is the rule id of matches of --expr.
const ExprID = "expr"

// Rules are what a hunt evaluates on each event: one expression, or the
// rules of a policy.
type Rules struct {
	rules []*secl.Rule
	set   *secl.Ruleset // a policy's; nil for one expression
	// exprs are the rules' expressions by id, which --explain quotes.
	exprs map[string]string
	// types are the event types some rule reads; nil when a rule may match
	// an event of any type.
	types map[string]bool
	// Sequential: rules set variables, so events must be evaluated one at
	// a time, in input order.
	Sequential bool
	// Skipped are the rules of a policy that are not evaluated, and why.
	Skipped []*secl.RuleError
	// mapping is the one the rules compiled against; win, with --os auto,
	// the same rules compiled against the Windows view, for Windows events.
	mapping *Mapping
	win     *Rules
}

// CompileExpr compiles one expression against the mapping of p.
func CompileExpr(expr string, p Platform) (*Rules, error) {
	return compile(p, func(m *Mapping) (*Rules, error) { return FromExpr(expr, m) })
}

// CompilePolicy compiles the rules of a policy file against the mapping of
// p.
func CompilePolicy(name string, data []byte, p Platform) (*Rules, error) {
	return compile(p, func(m *Mapping) (*Rules, error) { return FromPolicy(name, data, m) })
}

// NewEvent returns an Event that reads fields as the rules compiled.
func (r *Rules) NewEvent(constant func(name string) (int64, bool)) *Event {
	ev := NewEvent(r.mapping, constant)
	if r.win != nil {
		ev.win = r.win.mapping
	}
	return ev
}

// FromExpr compiles one expression, named "--expr" in errors.
func FromExpr(expr string, m *Mapping) (*Rules, error) {
	p, err := secl.Compile("--expr", expr, m, nil)
	if err != nil {
		return nil, err
	}
	r := &Rules{
		mapping:    m,
		rules:      []*secl.Rule{{ID: ExprID, Program: p}},
		exprs:      map[string]string{ExprID: expr},
		Sequential: strings.Contains(expr, "${"),
	}
	r.types = eventTypes(r.rules)
	return r, nil
}

// FromPolicy compiles the rules of a policy file; the rules it cannot
// evaluate are in Skipped.
func FromPolicy(name string, data []byte, m *Mapping) (*Rules, error) {
	pol, err := secl.ParsePolicy(name, data)
	if err != nil {
		return nil, err
	}
	set, skipped, err := pol.Compile(m)
	if err != nil {
		return nil, err
	}
	r := &Rules{rules: set.Rules(), set: set, exprs: map[string]string{}, mapping: m}
	for _, rd := range pol.Rules {
		if rd.Disabled {
			r.Skipped = append(r.Skipped, &secl.RuleError{RuleID: rd.ID, Pos: input.Position{File: name, Line: rd.Line},
				Err: errors.New("disabled: not evaluated")})
		}
		r.exprs[rd.ID] = rd.Expression
		for _, a := range rd.Actions {
			r.Sequential = r.Sequential || a.Set != nil
		}
		r.Sequential = r.Sequential || strings.Contains(rd.Expression, "${")
	}
	for _, md := range pol.Macros {
		r.Sequential = r.Sequential || strings.Contains(md.Expression, "${")
	}
	r.Skipped = append(r.Skipped, skipped...)
	sort.SliceStable(r.Skipped, func(i, j int) bool { return r.Skipped[i].Pos.Line < r.Skipped[j].Pos.Line })
	r.types = eventTypes(r.rules)
	return r, nil
}

// IDs are the ids of the rules evaluated, in order.
func (r *Rules) IDs() []string {
	ids := make([]string, len(r.rules))
	for i, rule := range r.rules {
		ids[i] = rule.ID
	}
	return ids
}

func eventTypes(rules []*secl.Rule) map[string]bool {
	types := map[string]bool{}
	for _, rule := range rules {
		t := rule.Program.EventType()
		if t == "" {
			return nil
		}
		types[t] = true
	}
	return types
}

// Match returns the ids of the rules that match ev. An event of a type no
// rule reads is not looked into further.
func (r *Rules) Match(ev *Event, vars *secl.Variables) []string {
	if r.win != nil {
		if !r.admits(ev) && !r.win.admits(ev) {
			return nil
		}
		if ev.isWindows() {
			return r.win.Match(ev, vars)
		}
	}
	if !r.admits(ev) {
		return nil
	}
	if r.set != nil {
		return r.set.Eval(ev, vars)
	}
	if r.rules[0].Program.Eval(ev, vars) {
		return exprMatch
	}
	return nil
}

var exprMatch = []string{ExprID}

// admits reports whether some rule reads events of ev's type.
func (r *Rules) admits(ev *Event) bool { return r.types == nil || r.types[ev.Type()] }

// Explain returns the comparisons of the rule id on ev, as Program.Explain.
func (r *Rules) Explain(id string, ev *Event, vars *secl.Variables) []secl.Match {
	if r.win != nil && ev.isWindows() {
		return r.win.Explain(id, ev, vars)
	}
	for _, rule := range r.rules {
		if rule.ID == id {
			_, m := rule.Program.Explain(ev, vars)
			return m
		}
	}
	return nil
}

// Expression is the source of the rule id's expression.
func (r *Rules) Expression(id string) string { return r.exprs[id] }
