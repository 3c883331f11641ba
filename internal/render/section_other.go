package render

import (
	"bytes"
	"encoding/json"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&otherSection) }

var otherSection = showSection{
	name: "other fields", order: 1200,
	has:   hasExtra,
	write: (*eventView).otherFields,
}

// otherFields shows what the model could not place — properties unknown to
// the schema, or of the wrong type — from every object of the event, with
// their JSON pointers, so that nothing in the data is hidden.
func (v *eventView) otherFields() {
	v.section("other fields (not in the schema, or of the wrong type)", func(t *Table) {
		for _, f := range collectExtra(v.ev) {
			t.StyledRow(Cell{Text: f.pointer, Style: v.p.Pointer}, Cell{Text: f.value})
		}
	})
}

// extraField is one property the model kept raw.
type extraField struct {
	pointer string // JSON pointer, as validate reports it: /process/ancestors/3/user_sid
	value   string // the value as extraValueText shows it
}

// hasExtra reports whether the event has a property for other fields.
func hasExtra(ev *model.Event) bool {
	return model.HasOtherFields(ev, schemaPlatform(ev))
}

// schemaPlatform is the schema other fields judges the event by: the one
// its agent.os names, or none (what the model kept raw only).
func schemaPlatform(ev *model.Event) model.Platform {
	if ev.Agent == nil {
		return ""
	}
	return model.Platform(ev.Agent.OS)
}

// collectExtra lists every property the model kept raw, in every object of
// the event, and those that only the other OS's schema defines when
// agent.os names the event's own: objects in the order the model walks
// them, keys sorted within an object.
func collectExtra(ev *model.Event) []extraField {
	var fields []extraField
	for _, f := range model.OtherFields(ev, schemaPlatform(ev)) {
		fields = append(fields, extraField{pointer: f.Pointer, value: extraValueText(f.Raw)})
	}
	return fields
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

// compactRaw puts a raw JSON value on one line.
func compactRaw(raw json.RawMessage) string {
	return string(escape.AppendCompactText(nil, raw))
}
