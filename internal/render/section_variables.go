package render

import (
	"iter"
	"maps"
	"slices"

	"github.com/csmctl/csmctl/internal/model"
)

func init() {
	showSections.register(showSection{
		name: "variables", order: 1100,
		has: func(ev *model.Event) bool {
			for range variableScopes(ev) {
				return true
			}
			return false
		},
		write: (*eventView).variables,
	})
}

// variableScopes yields the rule variables of every context that has some,
// with where the context is ("process.container"), in the order show
// lists them.
func variableScopes(ev *model.Event) iter.Seq2[string, model.Variables] {
	return func(yield func(string, model.Variables) bool) {
		scope := func(at string, vars model.Variables) bool {
			return len(vars) == 0 || yield(at, vars)
		}
		if ev.Evt != nil && !scope("evt", ev.Evt.Variables) {
			return
		}
		if p := ev.Process; p != nil {
			if !scope("process", p.Variables) {
				return
			}
			if p.Container != nil && !scope("process.container", p.Container.Variables) {
				return
			}
		}
		if ev.Container != nil {
			scope("container", ev.Container.Variables)
		}
	}
}

// variables gathers the rule variables of every context that has some.
func (v *eventView) variables() {
	v.section("variables", func(t *Table) {
		for at, vars := range variableScopes(v.ev) {
			for _, k := range slices.Sorted(maps.Keys(vars)) {
				val, ok := vars[k].(string)
				if !ok {
					val = compactJSON(vars[k])
				}
				t.Row(at+".variables."+k, val)
			}
		}
	})
}
