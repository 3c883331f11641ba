package render

import (
	"bytes"
	"encoding/json"

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

// collectExtra lists every property the model kept raw, in every object of
// the event, and those that only the other OS's schema defines when
// agent.os names the event's own: document order, keys sorted within an
// object.
func collectExtra(ev *model.Event) []extraField {
	var platform model.Platform // none: what the model kept raw only
	if ev.Agent != nil {
		platform = model.Platform(ev.Agent.OS)
	}
	var fields []extraField
	for _, f := range model.OtherFields(ev, platform) {
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
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
