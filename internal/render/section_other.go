package render

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

func init() {
	showSections.register(showSection{
		name: "other fields", order: 1200,
		has:   hasExtra,
		write: (*eventView).otherFields,
	})
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

// hasExtra reports whether some object of the event kept a property raw.
func hasExtra(ev *model.Event) bool {
	return model.WalkExtra(ev, func(string, map[string]json.RawMessage) bool { return false })
}

// collectExtra lists the properties every object of the event kept raw,
// objects in the order the model walks them, keys sorted within an object.
func collectExtra(ev *model.Event) []extraField {
	var fields []extraField
	model.WalkExtra(ev, func(at string, extra map[string]json.RawMessage) bool {
		for _, k := range slices.Sorted(maps.Keys(extra)) {
			fields = append(fields, extraField{pointer: at + "/" + escapePointerToken(k), value: extraValueText(extra[k])})
		}
		return true
	})
	return fields
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

// compactRaw puts a raw JSON value on one line.
func compactRaw(raw json.RawMessage) string {
	return string(escape.AppendCompactText(nil, raw))
}
