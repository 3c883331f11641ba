package secl

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
)

// RuleError is about one rule (or macro) of a policy: an expression that
// does not compile, filters that cannot be checked offline (the rule is
// left out), or an agent_version constraint csmctl does not check (the
// rule is kept: Kept is true).
type RuleError struct {
	RuleID string // the macro's id for a macro
	Macro  bool
	Pos    input.Position
	Err    error
	Kept   bool
}

func (e *RuleError) Error() string {
	what := "rule " + e.RuleID
	if e.Macro {
		what = "macro " + e.RuleID
	}
	var pe *Error
	if errors.As(e.Err, &pe) {
		return pe.Error()
	}
	return escape.Text(e.Pos.String() + ": " + what + ": " + e.Err.Error())
}

func (e *RuleError) Unwrap() error { return e.Err }

// Rule is a compiled rule of a Ruleset.
type Rule struct {
	ID      string
	Program *Program
	actions []action
}

// action is a compiled set action.
type action struct {
	filter *Program
	decl   varDecl
	value  []Value // a static value
	field  *fieldOp
	append bool
	ttl    time.Duration
	size   int
}

// Ruleset is a compiled policy.
type Ruleset struct {
	rules []*Rule
}

// Rules returns the rules of the set, in policy order.
func (rs *Ruleset) Rules() []*Rule { return rs.rules }

// Compile compiles the rules of a policy that are not disabled. A rule
// that cannot be evaluated is reported in the []*RuleError and left out;
// the error is for a policy that cannot be used at all (no rule left).
func (pol *Policy) Compile(fields Fields) (*Ruleset, []*RuleError, error) {
	var problems []*RuleError
	macros := NewMacros()
	for _, m := range pol.Macros {
		var err error
		if m.Values != nil {
			err = macros.AddValues(pol.Name, m.ID, m.Values)
		} else {
			err = macros.AddExpression(pol.Name, m.ID, m.Expression)
		}
		if err != nil {
			problems = append(problems, &RuleError{RuleID: m.ID, Macro: true, Pos: input.Position{File: pol.Name, Line: m.Line},
				Err: relocate(pol, m.exprNode, m.Expression, err, "macro "+m.ID)})
		}
	}
	// set actions declare the variables every expression may read
	for _, r := range pol.Rules {
		if r.Disabled {
			continue
		}
		for _, a := range r.Actions {
			if a.Set == nil {
				continue
			}
			t, array, err := setType(a.Set, fields)
			if err != nil {
				continue // reported when the rule compiles
			}
			macros.DeclareVariable(a.Set.Name, a.Set.Scope, t, array)
		}
	}
	rs := &Ruleset{}
	seen := map[string]int{}
	for _, r := range pol.Rules {
		if r.Disabled {
			continue
		}
		pos := input.Position{File: pol.Name, Line: r.Line}
		if line, ok := seen[r.ID]; ok {
			problems = append(problems, &RuleError{RuleID: r.ID, Pos: pos,
				Err: fmt.Errorf("the id is already the rule's at line %d: rule left out", line)})
			continue
		}
		seen[r.ID] = r.Line
		if len(r.Filters) > 0 {
			problems = append(problems, &RuleError{RuleID: r.ID, Pos: pos,
				Err: fmt.Errorf("filters %s are about the host running the agent and cannot be checked offline: rule left out", strings.Join(r.Filters, ", "))})
			continue
		}
		prog, err := Compile(pol.Name, r.Expression, fields, macros)
		if err != nil {
			problems = append(problems, &RuleError{RuleID: r.ID, Pos: pos, Err: relocate(pol, r.exprNode, r.Expression, err, "rule "+r.ID)})
			continue
		}
		rule := &Rule{ID: r.ID, Program: prog}
		if err := rule.compileActions(pol.Name, r, fields, macros); err != nil {
			problems = append(problems, &RuleError{RuleID: r.ID, Pos: pos, Err: err})
			continue
		}
		if r.AgentVersion != "" {
			problems = append(problems, &RuleError{RuleID: r.ID, Pos: pos, Kept: true,
				Err: fmt.Errorf("agent_version %s is not checked: rule evaluated", r.AgentVersion)})
		}
		rs.rules = append(rs.rules, rule)
	}
	if len(pol.Rules) == 0 {
		// An empty file, macros alone, or a misspelt "rules" key: a hunt
		// that evaluated nothing would say only "0 matches".
		return rs, problems, &Error{Pos: input.Position{File: pol.Name}, Msg: `the policy has no rules (a list under "rules")`}
	}
	if len(rs.rules) == 0 {
		return rs, problems, noRuleLeft(pol, problems)
	}
	return rs, problems, nil
}

// noRuleLeft is the error for a policy none of whose rules can be
// evaluated: it says why for each, since the run stops on it.
func noRuleLeft(pol *Policy, problems []*RuleError) error {
	type reason struct {
		line int
		text string
	}
	var why []reason
	for _, r := range pol.Rules {
		if r.Disabled {
			why = append(why, reason{r.Line, input.Position{File: pol.Name, Line: r.Line}.String() + ": rule " + r.ID + ": disabled"})
		}
	}
	for _, p := range problems {
		why = append(why, reason{p.Pos.Line, p.Error()})
	}
	sort.SliceStable(why, func(i, j int) bool { return why[i].line < why[j].line })
	texts := make([]string, len(why))
	for i, w := range why {
		texts[i] = w.text
	}
	return &Error{Pos: input.Position{File: pol.Name}, Msg: "no rule of the policy can be evaluated: " + strings.Join(texts, "; ")}
}

// setType is the type of the variable a set action defines.
func setType(s *SetDefinition, fields Fields) (Type, bool, error) {
	if s.Name == "" {
		return 0, false, errors.New("a set action has no name")
	}
	if s.Field != "" {
		if fields == nil {
			return 0, false, fmt.Errorf("unknown field %s", s.Field)
		}
		spec, err := fields.Lookup(s.Field)
		if err != nil {
			return 0, false, err
		}
		return spec.Type, s.Append || spec.Array, nil
	}
	switch v := s.Value.(type) {
	case bool:
		return TypeBool, s.Append, nil
	case int:
		return TypeInt, s.Append, nil
	case string:
		return TypeString, s.Append, nil
	case []any:
		if len(v) == 0 {
			return 0, false, fmt.Errorf("set %s: an empty list has no type", s.Name)
		}
		t, _, err := setType(&SetDefinition{Name: s.Name, Value: v[0]}, fields)
		return t, true, err
	case nil:
		return 0, false, fmt.Errorf("set %s: no value and no field", s.Name)
	}
	return 0, false, fmt.Errorf("set %s: a value of type %T is not supported", s.Name, s.Value)
}

func (r *Rule) compileActions(file string, def RuleDefinition, fields Fields, macros *Macros) error {
	for _, a := range def.Actions {
		if a.Set == nil {
			continue
		}
		s := a.Set
		t, array, err := setType(s, fields)
		if err != nil {
			return err
		}
		act := action{decl: varDecl{name: declName(s.Name, s.Scope), scope: s.Scope, typ: t, array: array},
			append: s.Append, ttl: time.Duration(s.TTL), size: s.Size}
		if a.Filter != "" {
			if act.filter, err = Compile(file, a.Filter, fields, macros); err != nil {
				return fmt.Errorf("action filter: %w", err)
			}
		}
		if s.Field != "" {
			spec, _ := fields.Lookup(s.Field)
			act.field = &fieldOp{name: s.Field, spec: spec, zero: []Value{{}}}
		} else {
			act.value = staticValues(s.Value)
		}
		r.actions = append(r.actions, act)
	}
	return nil
}

func staticValues(v any) []Value {
	switch v := v.(type) {
	case bool:
		return []Value{{Bool: v}}
	case int:
		return []Value{{Int: int64(v)}}
	case string:
		return []Value{{Str: v}}
	case []any:
		var out []Value
		for _, x := range v {
			out = append(out, staticValues(x)...)
		}
		return out
	}
	return nil
}

// Eval runs every rule on one event, events coming in time order, and
// returns the ids of the rules that matched, nil for none. The set actions
// of the rules that match update vars (scope and TTL taken from the event),
// so a later rule, or a later event, reads them.
func (rs *Ruleset) Eval(ev Event, vars *Variables) []string {
	var ids []string
	for _, r := range rs.rules {
		if !r.Program.Eval(ev, vars) {
			continue
		}
		ids = append(ids, r.ID)
		r.Apply(ev, vars)
	}
	return ids
}

// Apply runs the rule's set actions for an event it matched.
func (r *Rule) Apply(ev Event, vars *Variables) {
	if vars == nil || len(r.actions) == 0 {
		return
	}
	now := ev.Time().UnixNano()
	for _, a := range r.actions {
		if a.filter != nil && !a.filter.Eval(ev, vars) {
			continue
		}
		vals := a.value
		if a.field != nil {
			c := evalCtx{ev: ev}
			vals = a.field.values(&c)
		}
		vars.set(ev, a.decl, vals, a.append, a.ttl, a.size, now)
	}
}
