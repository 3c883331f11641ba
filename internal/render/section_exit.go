package render

import (
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

func init() { showSections.register(&exitSection) }

var exitSection = showSection{
	name: "exit", order: 700, shows: []string{"exit"},
	has:   func(ev *model.Event) bool { return ev.Exit != nil },
	write: (*eventView).exit,
}

// exit shows how the process ended, its code explained by exitCodeText.
func (v *eventView) exit() {
	e := v.ev.Exit
	v.section("exit", func(t *Table) {
		fieldRow(t, "cause", e.Cause)
		code, ok := e.Code.Int64()
		if !ok {
			fieldRow(t, "code", record.IntText(e.Code)) // "" when absent
			return
		}
		style := v.p.Error
		if code == 0 {
			style = nil
		}
		styledFieldRow(t, "code", Cell{Text: exitCodeText(code, e.Cause), Style: style})
	})
}
