package hunt

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/schema"
	"github.com/csmctl/csmctl/internal/secl"
)

// Verified counts what --verify found.
type Verified struct {
	Contexts   int // events carrying evt.rule_context
	Agree      int
	Differ     int
	NotCompile int // expressions csmctl cannot evaluate (an unavailable field…)
}

// subexpr is one of evt.rule_context.matching_subexprs.
type subexpr struct {
	field, value   string
	offset, length int
}

// programs compiles each distinct rule_context expression once for each
// mapping, for every worker.
type programs struct {
	mu sync.Mutex
	m  map[programKey]compiled
}

type programKey struct {
	mapping *Mapping
	expr    string
}

type compiled struct {
	p   *secl.Program
	err error
}

func (ps *programs) get(m *Mapping, expr string) (*secl.Program, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	key := programKey{m, expr}
	c, ok := ps.m[key]
	if !ok {
		c.p, c.err = secl.Compile("rule_context", expr, m, nil)
		if len(ps.m) < maxPrograms {
			ps.m[key] = c
		}
	}
	return c.p, c.err
}

// maxPrograms bounds the expressions kept compiled: a policy has hundreds
// of rules, while hostile input could hold a new expression on every line.
const maxPrograms = 10_000

// verifyBatch is a worker's output and its counts.
type verifyBatch struct {
	pipeline.Output
	v Verified
}

// Verify re-evaluates, on each event p selects that carries
// evt.rule_context, the expression the agent matched, and prints to out a
// line for each event where csmctl's verdict (the agent's was true) or the
// values of the comparisons the agent lists in matching_subexprs differ.
// It says the counts on standard error through p.
func Verify(p *pipeline.Pipeline, out io.Writer, constant func(string) (int64, bool)) (Verified, error) {
	ps := &programs{m: map[programKey]compiled{}}
	work := func(b *pipeline.Batch) *verifyBatch {
		res := &verifyBatch{}
		// Each context is the expression of its agent: read with the
		// fields of the event's OS.
		linux, windows := NewEvent(Linux(), constant), NewEvent(Windows(), constant)
		var buf bytes.Buffer
		for sel := range b.Events(pipeline.Need{}) {
			ctx := jsonscan.Member(sel.Raw, 0, "evt", "rule_context")
			if len(ctx) == 0 || string(ctx) == "null" {
				continue
			}
			res.v.Contexts++
			where := escape.Text(sel.Pos.String()) + ": "
			exprLit := jsonscan.Member(ctx, 0, "expression")
			if len(exprLit) == 0 || exprLit[0] != '"' {
				// Said, not skipped: a context csmctl cannot read is one
				// it has not checked.
				res.v.NotCompile++
				buf.WriteString(where + "not evaluable: " + contextWithoutExpression(ctx, exprLit) + "\n")
				b.Out = buf.Bytes()
				continue
			}
			expr := jsonscan.Unquote(exprLit)
			ev := linux
			if schema.OSOf(sel.Raw) == "windows" {
				ev = windows
			}
			prog, err := ps.get(ev.mapping, expr)
			if err != nil {
				res.v.NotCompile++
				buf.WriteString(where + "not evaluable: " + escape.Text(err.Error()) + "\n")
				b.Out = buf.Bytes()
				continue
			}
			ev.Reset(sel.Raw)
			ok, matches := prog.Explain(ev, nil)
			diffs := compare(ok, matches, subexprs(ctx), ev)
			if len(diffs) == 0 {
				res.v.Agree++
				continue
			}
			res.v.Differ++
			for _, d := range diffs {
				buf.WriteString(where + escape.Text(d) + "\n")
			}
			b.Out = buf.Bytes()
		}
		b.Out = buf.Bytes()
		res.Output = b.Output
		return res
	}
	var total Verified
	emit := func(res *verifyBatch) error {
		total.Contexts += res.v.Contexts
		total.Agree += res.v.Agree
		total.Differ += res.v.Differ
		total.NotCompile += res.v.NotCompile
		return p.Emit(out, &res.Output)
	}
	err := pipeline.Run(p, work, emit)
	p.Say(fmt.Sprintf("%s: %d agree, %d differ, %d not evaluable",
		render.Count(total.Contexts, "event with a rule context", "events with a rule context"),
		total.Agree, total.Differ, total.NotCompile))
	return total, err
}

// contextWithoutExpression says why a rule context has no expression to
// evaluate: exprLit is its expression member, absent or not a string.
func contextWithoutExpression(ctx, exprLit []byte) string {
	switch {
	case ctx[0] != '{':
		return "evt.rule_context is not an object"
	case len(exprLit) == 0:
		return "evt.rule_context has no expression"
	}
	return "evt.rule_context.expression is not a string: " + escape.Text(string(exprLit[:min(len(exprLit), 40)]))
}

func subexprs(ctx []byte) []subexpr {
	var out []subexpr
	forEach(jsonscan.Member(ctx, 0, "matching_subexprs"), func(el []byte) {
		var s subexpr
		if v := jsonscan.Member(el, 0, "field"); len(v) > 0 && v[0] == '"' {
			s.field = jsonscan.Unquote(v)
		}
		if v := jsonscan.Member(el, 0, "value"); len(v) > 0 {
			if v[0] == '"' {
				s.value = jsonscan.Unquote(v)
			} else {
				s.value = string(v)
			}
		}
		n, _ := jsonscan.Int(jsonscan.Member(el, 0, "offset"))
		s.offset = int(n)
		n, _ = jsonscan.Int(jsonscan.Member(el, 0, "length"))
		s.length = int(n)
		out = append(out, s)
	})
	return out
}

// compare lists how csmctl's evaluation differs from the agent's: the
// verdict (the agent's was true: the event is the rule's), and for each
// sub-expression the agent lists, whether csmctl read the value it names
// in the field it names at its offset.
func compare(ok bool, matches []secl.Match, subs []subexpr, ev *Event) []string {
	var diffs []string
	if !ok {
		d := "verdict differs: the agent matched, csmctl does not"
		sep := ": "
		for _, m := range matches {
			if !m.Result && m.Field != "" {
				d += sep + m.Field + " " + strings.TrimSpace(string(appendValues(nil, m.Values, m.Type, escape.Terminal))) + " is false"
				sep = ", "
			}
		}
		diffs = append(diffs, d)
	}
	for _, s := range subs {
		var found *secl.Match
		for i := range matches {
			if matches[i].Field == s.field && matches[i].Offset == s.offset {
				found = &matches[i]
				break
			}
		}
		if found == nil {
			for i := range matches {
				if matches[i].Field == s.field {
					found = &matches[i]
					break
				}
			}
		}
		seen := ev.Values(s.field)
		if found != nil {
			seen = found.Values
		}
		if !holds(seen, s.value, ev, s.field) {
			diffs = append(diffs, fmt.Sprintf("%s: the agent matched %s, csmctl read %s",
				s.field, strconv.Quote(s.value), valuesText(seen, ev, s.field)))
		}
	}
	return diffs
}

// holds reports whether the value the agent wrote is among vals, read as
// the field's type: constant names as their values.
func holds(vals []secl.Value, agent string, ev *Event, field string) bool {
	spec, err := ev.mapping.Lookup(field)
	if err != nil {
		return false
	}
	want := scalar(agent, spec.Type, ev)
	if want == nil {
		return false
	}
	f, _ := ev.mapping.Field(field)
	for _, v := range vals {
		switch {
		case *want == v:
			return true
		case f != nil && f.conv == convConstants && v.Int&want.Int == want.Int:
			return true // the agent names the flags of a set that matched (CAP_BPF of caps_used)
		case spec.CaseInsensitive && strings.EqualFold(v.Str, want.Str):
			return true
		}
	}
	return false
}

// scalar reads a value the agent wrote in matching_subexprs as a field of
// type t would hold it; nil when it cannot be one.
func scalar(s string, t secl.Type, ev *Event) *secl.Value {
	var v secl.Value
	switch t {
	case secl.TypeInt, secl.TypeTime:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			v.Int = n
			break
		}
		n, ok := ev.constants([]byte(strconv.Quote(s)))
		if !ok {
			return nil
		}
		v.Int = n
	case secl.TypeBool:
		v.Bool = s == "true"
	case secl.TypeIP:
		p, ok := parseIP(s)
		if !ok {
			return nil
		}
		v.IP = p
	default:
		v.Str = s
	}
	return &v
}

func valuesText(vals []secl.Value, ev *Event, field string) string {
	if len(vals) == 0 {
		return "nothing"
	}
	spec, _ := ev.mapping.Lookup(field)
	return strings.TrimSpace(string(appendValues(nil, vals, spec.Type, escape.Terminal)))
}
