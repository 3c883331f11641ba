package render

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

// The sections of an event that are plain key/value tables. Keys are the
// schema's own property names, so what the reader sees is what a --where
// expression or jq would name, except in the rule section, which pairs
// names with versions.

func (v *eventView) agent() {
	a := v.ev.Agent
	if a == nil {
		return
	}
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

func (v *eventView) matchedRules() {
	if v.ev.Evt == nil || len(v.ev.Evt.MatchedRules) == 0 {
		return
	}
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

func (v *eventView) file() {
	f := v.ev.File
	if f == nil {
		return
	}
	v.section("file", func(t *Table) {
		fieldRow(t, "path", f.Path)
		fieldRow(t, "device_path", f.DevicePath)
		fieldRow(t, "name", f.Name)
		if d := f.Destination; d != nil {
			fieldRow(t, "destination.path", d.Path)
			fieldRow(t, "destination.device_path", d.DevicePath)
			fieldRow(t, "destination.name", d.Name)
		}
	})
}

func (v *eventView) registry() {
	r := v.ev.Registry
	if r == nil {
		return
	}
	v.section("registry", func(t *Table) {
		fieldRow(t, "key_path", r.KeyPath)
		fieldRow(t, "key_name", r.KeyName)
		fieldRow(t, "value_name", r.ValueName)
	})
}

func (v *eventView) exit() {
	e := v.ev.Exit
	if e == nil {
		return
	}
	v.section("exit", func(t *Table) {
		fieldRow(t, "cause", e.Cause)
		code, ok := e.Code.Int64()
		if !ok {
			fieldRow(t, "code", intText(e.Code)) // "" when absent
			return
		}
		style := v.p.Error
		if code == 0 {
			style = nil
		}
		styledFieldRow(t, "code", Cell{Text: exitCodeText(code, e.Cause), Style: style})
	})
}

func (v *eventView) container() {
	c := v.ev.Container
	if c == nil {
		return
	}
	v.section("container", func(t *Table) {
		fieldRow(t, "id", c.ID)
		fieldRow(t, "created_at", timeText(c.CreatedAt))
	})
}

func (v *eventView) usr() {
	u := v.ev.Usr
	if u == nil {
		return
	}
	v.section("usr", func(t *Table) {
		fieldRow(t, "name", u.Name)
		fieldRow(t, "sid", u.SID)
	})
}

// variables gathers the rule variables of every context that has some.
func (v *eventView) variables() {
	ev := v.ev
	v.section("variables", func(t *Table) {
		add := func(scope string, vars model.Variables) {
			if len(vars) == 0 {
				return
			}
			for _, k := range slices.Sorted(maps.Keys(vars)) {
				val, ok := vars[k].(string)
				if !ok {
					val = compactJSON(vars[k])
				}
				t.Row(scope+".variables."+k, val)
			}
		}
		if ev.Evt != nil {
			add("evt", ev.Evt.Variables)
		}
		if ev.Process != nil {
			add("process", ev.Process.Variables)
			if ev.Process.Container != nil {
				add("process.container", ev.Process.Container.Variables)
			}
		}
		if ev.Container != nil {
			add("container", ev.Container.Variables)
		}
	})
}

// compactJSON encodes a decoded JSON value on one line, as written (no
// HTML escaping). It is untrusted text like any other: tables sanitize it.
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func joinNonEmpty(sep string, parts ...string) string {
	s := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if s != "" {
			s += sep
		}
		s += p
	}
	return s
}
