package render

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

// otherFields shows what the model could not place — properties unknown to
// the schema, or of the wrong type — from every object of the event, with
// their JSON pointers, so that nothing in the data is hidden.
func (v *eventView) otherFields() {
	fields := collectExtra(v.ev)
	if len(fields) == 0 {
		return
	}
	v.section("other fields (not in the schema, or of the wrong type)", func(t *Table) {
		for _, f := range fields {
			t.StyledRow(Cell{Text: f.pointer, Style: v.p.Pointer}, Cell{Text: f.value})
		}
	})
}

// extraField is one property the model kept raw.
type extraField struct {
	pointer string // JSON pointer, as validate reports it: /process/ancestors/3/user_sid
	value   string // the value as extraValueText shows it
}

// collectExtra walks every object of the event that has an Extra map, in
// document order, keys sorted within an object.
func collectExtra(ev *model.Event) []extraField {
	var c extraCollector
	c.add("", ev.Extra)
	if a := ev.Agent; a != nil {
		c.add("/agent", a.Extra)
	}
	if e := ev.Evt; e != nil {
		c.add("/evt", e.Extra)
		for i := range e.MatchedRules {
			c.add("/evt/matched_rules/"+strconv.Itoa(i), e.MatchedRules[i].Extra)
		}
	}
	if f := ev.File; f != nil {
		c.add("/file", f.Extra)
		if f.Destination != nil {
			c.add("/file/destination", f.Destination.Extra)
		}
	}
	if ev.Exit != nil {
		c.add("/exit", ev.Exit.Extra)
	}
	if pc := ev.Process; pc != nil {
		c.process("/process", &pc.Process)
		if pc.Parent != nil {
			c.process("/process/parent", pc.Parent)
		}
		for i := range pc.Ancestors {
			c.process("/process/ancestors/"+strconv.Itoa(i), &pc.Ancestors[i])
		}
	}
	if ev.Container != nil {
		c.add("/container", ev.Container.Extra)
	}
	if ev.Registry != nil {
		c.add("/registry", ev.Registry.Extra)
	}
	if ev.Usr != nil {
		c.add("/usr", ev.Usr.Extra)
	}
	if ev.PermissionChange != nil {
		c.add("/permission_change", ev.PermissionChange.Extra)
	}
	return c.fields
}

type extraCollector struct {
	fields []extraField
}

func (c *extraCollector) process(at string, p *model.Process) {
	c.add(at, p.Extra)
	if p.Executable != nil {
		c.add(at+"/executable", p.Executable.Extra)
	}
	if p.Container != nil {
		c.add(at+"/container", p.Container.Extra)
	}
}

func (c *extraCollector) add(at string, extra map[string]json.RawMessage) {
	if len(extra) == 0 {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		c.fields = append(c.fields, extraField{pointer: at + "/" + escapePointerToken(k), value: extraValueText(extra[k])})
	}
}

// escapePointerToken escapes a key for a JSON pointer (RFC 6901).
func escapePointerToken(k string) string {
	if !strings.ContainsAny(k, "~/") {
		return k
	}
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

// extraValueText is a raw value as other fields shows it: a string as the
// event wrote it, between quotes that say it is one ("10420" where a pid
// should be), its escapes decoded (C:\x, not C:\\x) and left to the table's
// sanitizing, as every other field's; any other value as compact JSON.
func extraValueText(raw json.RawMessage) string {
	if raw = bytes.TrimSpace(raw); len(raw) > 0 && raw[0] == '"' {
		return `"` + jsonscan.Unquote(raw) + `"`
	}
	return compactRaw(raw)
}

// compactRaw puts a raw JSON value on one line, for text: tables and tree
// labels escape it for the terminal.
func compactRaw(raw json.RawMessage) string {
	return string(escape.AppendCompactText(nil, raw))
}
