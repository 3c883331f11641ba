package render

import "github.com/csmctl/csmctl/internal/model"

func init() {
	showSections.register(showSection{
		name: "rule", order: 100, shows: []string{"agent"},
		has:   func(ev *model.Event) bool { return ev.Agent != nil },
		write: (*eventView).rule,
	})
}

// rule shows the rule that matched, its policy and the agent that
// reported it. Its keys pair names with versions; every other section's
// keys are the schema's own property names, so that what the reader sees is
// what a --where expression or jq would name.
func (v *eventView) rule() {
	a := v.ev.Agent
	v.section("rule", func(t *Table) {
		styledFieldRow(t, "rule", Cell{Text: joinNonEmpty(" ", a.RuleID, a.RuleVersion), Style: v.p.Rule})
		fieldRow(t, "policy", joinNonEmpty(" ", a.PolicyName, a.PolicyVersion))
		platform := a.OS
		if a.Arch != "" {
			platform = joinNonEmpty("/", a.OS, a.Arch)
		}
		fieldRow(t, "agent", joinNonEmpty(" ", a.Version, platform))
		fieldRow(t, "origin", a.Origin)
		for i, action := range a.RuleActions {
			key := ""
			if i == 0 {
				key = "actions"
			}
			t.Row(key, compactJSON(action))
		}
	})
}
