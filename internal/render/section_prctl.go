package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&prctlSection) }

var prctlSection = showSection{
	name: "prctl", order: 276, shows: []string{"prctl"},
	has:   func(ev *model.Event) bool { return ev.Prctl != nil },
	write: (*eventView).prctl,
}

// prctl shows the option and, for PR_SET_NAME, the new name (marked when
// the agent cut it), then every other field as written.
func (v *eventView) prctl() {
	p := v.ev.Prctl
	v.section("prctl", func(t *Table) {
		fieldRow(t, "option", p.Option)
		name := p.NewName
		if p.IsNameTruncated.True() {
			name += " (truncated)"
		}
		fieldRow(t, "new_name", name)
		restRows(t, "", v.ev.Prctl, "option", "new_name")
	})
}
