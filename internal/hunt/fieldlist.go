package hunt

import (
	"io"
	"strings"

	"github.com/csmctl/csmctl/internal/secl"
)

// typeName is a field type's name in --fields.
func typeName(t secl.Type) string {
	switch t {
	case secl.TypeString:
		return "string"
	case secl.TypeInt:
		return "int"
	case secl.TypeBool:
		return "bool"
	case secl.TypeIP:
		return "ip"
	case secl.TypeTime:
		return "time"
	}
	return ""
}

// typeText is a field's type as --fields writes it: "string", "int[]" for
// an array (any element), "string, case-insensitive".
func typeText(s secl.FieldSpec) string {
	t := typeName(s.Type)
	if s.Array {
		t += "[]"
	}
	if s.CaseInsensitive {
		t += " (any case)"
	}
	return t
}

// PrintFields writes the mapping as --fields lists it: one field a line,
// its type, its event type ("*" for every event), exact, derived or
// unavailable, and the JSON member it is read from (with how it is
// derived, or why it is unavailable), in columns.
func PrintFields(w io.Writer, m *Mapping) error {
	rows := [][]string{{"FIELD", "TYPE", "EVENT", "SOURCE", "READ FROM"}}
	for _, f := range m.Fields() {
		ev := f.Spec.EventType
		if ev == "" {
			ev = "*"
		}
		rows = append(rows, []string{f.Name, typeText(f.Spec), ev, f.Source.String(), f.describe()})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-len(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
