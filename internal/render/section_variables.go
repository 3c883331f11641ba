package render

import (
	"maps"
	"slices"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&variablesSection) }

var variablesSection = showSection{
	name: "variables", order: 1100,
	has: func(ev *model.Event) bool {
		return model.WalkVariables(ev, func(string, model.Variables) bool { return false })
	},
	write: (*eventView).variables,
}

// variables gathers the rule variables of every context that has some,
// wherever the model has them (process.parent.container.variables too),
// each named by its dotted path and sorted within a context.
func (v *eventView) variables() {
	v.section("variables", func(t *Table) {
		model.WalkVariables(v.ev, func(pointer string, vars model.Variables) bool {
			// The pointer's tokens are the model's keys and list indexes,
			// which hold neither a "/" nor a ".".
			at := strings.ReplaceAll(strings.TrimPrefix(pointer, "/"), "/", ".")
			for _, k := range slices.Sorted(maps.Keys(vars)) {
				val, ok := vars[k].(string)
				if !ok {
					val = compactJSON(vars[k])
				}
				t.Row(at+"."+k, val)
			}
			return true
		})
	})
}
