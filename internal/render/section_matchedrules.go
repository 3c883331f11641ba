package render

import (
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&matchedrulesSection) }

var matchedrulesSection = showSection{
	name: "evt.matched_rules", order: 200, shows: []string{"evt"},
	has:   func(ev *model.Event) bool { return ev.Evt != nil && len(ev.Evt.MatchedRules) > 0 },
	write: (*eventView).matchedRules,
}

// matchedRules lists the rules an anomaly event matched, one a row.
func (v *eventView) matchedRules() {
	v.section("evt.matched_rules", func(t *Table) {
		t.Header("id", "version", "tags", "policy")
		for _, r := range v.ev.Evt.MatchedRules {
			t.StyledRow(
				Cell{Text: r.ID, Style: v.p.Rule},
				Cell{Text: r.Version},
				Cell{Text: strings.Join(r.Tags, " ")},
				Cell{Text: joinNonEmpty(" ", r.PolicyName, r.PolicyVersion)},
			)
		}
	})
}
