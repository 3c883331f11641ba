package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"slices"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&ruleSection) }

var ruleSection = showSection{
	name: "rule", order: 100, shows: []string{"agent"},
	has:   func(ev *model.Event) bool { return ev.Agent != nil || ev.Evt != nil && ev.Evt.RuleContext != nil },
	write: (*eventView).rule,
}

// rule shows the rule that matched, its policy, the agent that reported
// it, and what in the rule's expression the agent matched
// (evt.rule_context). Its keys pair names with versions; every other
// section's keys are the schema's own property names, so that what the
// reader sees is what a --where expression or jq would name.
func (v *eventView) rule() {
	v.section("rule", func(t *Table) {
		r := coveredRows{t: t}
		if a := v.ev.Agent; a != nil {
			r.cover("rule_id", "rule_version")
			styledFieldRow(t, "rule", Cell{Text: joinNonEmpty(" ", a.RuleID, a.RuleVersion), Style: v.p.Rule})
			r.row("policy", joinNonEmpty(" ", a.PolicyName, a.PolicyVersion), "policy_name", "policy_version")
			platform := a.OS
			if a.Arch != "" {
				platform = joinNonEmpty("/", a.OS, a.Arch)
			}
			r.row("agent", joinNonEmpty(" ", a.Version, platform), "version", "os", "arch")
			r.row("origin", a.Origin)
			for i, action := range a.RuleActions {
				key := ""
				if i == 0 {
					key = "actions"
				}
				t.Row(key, compactJSON(action))
			}
			r.cover("rule_actions")
			r.restOf(a, "")
		}
		if v.ev.Evt != nil && v.ev.Evt.RuleContext != nil {
			ruleContextRows(&r, v.ev.Evt.RuleContext)
		}
	})
}

// Marks around a span of the rule's expression the agent matched.
const (
	matchOpen  = "[["
	matchClose = "]]"
)

// ruleContextRows adds the rule's expression, each span the agent matched
// between [[ and ]], then one row for each matched subexpression: its
// field = value and where it is in the expression. A span outside the
// expression, or overlapping an earlier one, is listed but not marked.
func ruleContextRows(r *coveredRows, rc *model.RuleContext) {
	const key = "rule_context"
	r.row(key, markedExpression(rc))
	for i, m := range rc.MatchingSubexprs {
		rowKey := ""
		if i == 0 {
			rowKey = key + ".matched"
		}
		at := "at " + record.IntText(m.Offset) + ", length " + record.IntText(m.Length)
		if _, ok := expressionSpan(rc.Expression, m); !ok {
			at += ", not a span of the expression"
		}
		r.t.Row(rowKey, joinNonEmpty(" ", joinNonEmpty(" = ", m.Field, m.Value), "("+at+")"))
	}
	// Keys without an index cover those properties of every item.
	r.cover(key+".expression", key+".matching_subexprs.offset", key+".matching_subexprs.length",
		key+".matching_subexprs.field", key+".matching_subexprs.value")
	r.restOf(rc, key+".")
}

// markedExpression is the rule's expression with each span the agent
// matched between matchOpen and matchClose, in expression order.
func markedExpression(rc *model.RuleContext) string {
	type span struct{ start, end int }
	var spans []span
	for _, m := range rc.MatchingSubexprs {
		if s, ok := expressionSpan(rc.Expression, m); ok {
			spans = append(spans, span{s[0], s[1]})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	out, at := "", 0
	for _, s := range spans {
		if s.start < at {
			continue // overlaps the span marked before it
		}
		out += rc.Expression[at:s.start] + matchOpen + rc.Expression[s.start:s.end] + matchClose
		at = s.end
	}
	return out + rc.Expression[at:]
}

// expressionSpan returns the byte span [start, end) of m in expr, or false
// when its offset or length is ill-typed, negative or past the end, or an
// end falls inside a UTF-8 character.
func expressionSpan(expr string, m model.MatchingSubExpr) ([2]int, bool) {
	off, ok1 := m.Offset.Int64()
	n, ok2 := m.Length.Int64()
	if !ok1 || !ok2 || off < 0 || n < 0 || off > int64(len(expr)) || n > int64(len(expr))-off {
		return [2]int{}, false
	}
	start, end := int(off), int(off+n)
	if !runeBoundary(expr, start) || !runeBoundary(expr, end) {
		return [2]int{}, false // marks inside a character would break it
	}
	return [2]int{start, end}, true
}

// runeBoundary reports whether byte i of s starts a character or ends s.
func runeBoundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }
