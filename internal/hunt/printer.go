package hunt

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/secl"
)

// explainText is --explain's text under a match's line: one line per
// comparison, whether it was true, the field and the values it read, and
// where it is in the expression; "" without --explain.
func explainText(pal *iostreams.Palette, m *Match) string {
	var buf strings.Builder
	for _, c := range m.Explain {
		mark := pal.Error.Sprint("false")
		if c.Result {
			mark = pal.OK.Sprint("true ")
		}
		what := c.Field
		if what == "" {
			what = span(m.Expr, c)
		}
		buf.WriteString("    " + mark + "  " + escape.Text(what))
		if c.Field != "" {
			buf.WriteString(" " + escape.Text(string(appendValues(nil, c.Values, c.Type, escape.Terminal))))
		}
		buf.WriteString(pal.Faint.Sprintf("  (at %d)", c.Offset) + "\n")
	}
	return buf.String()
}

// JSONPrinter prints a match as one compact object a line: {"rule_id",
// "file", "line", "event"} and, with --explain, "explain": the comparisons,
// each {"offset", "length", "text", "field", "values", "result"}.
func JSONPrinter(*iostreams.Palette) Printer {
	return func(buf *bytes.Buffer, m *Match) {
		b := buf.AvailableBuffer()
		b = append(b, `{"rule_id":`...)
		b = escape.AppendJSONString(b, m.RuleID, escape.Terminal)
		b = append(b, `,"file":`...)
		b = escape.AppendJSONString(b, m.Pos.File, escape.Terminal)
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(m.Pos.Line), 10)
		b = append(b, `,"event":`...)
		b = escape.AppendCompactJSON(b, m.Event.Raw(), escape.Terminal)
		if m.Explain != nil {
			b = append(b, `,"explain":[`...)
			for i, c := range m.Explain {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"offset":`...)
				b = strconv.AppendInt(b, int64(c.Offset), 10)
				b = append(b, `,"length":`...)
				b = strconv.AppendInt(b, int64(c.Length), 10)
				b = append(b, `,"text":`...)
				b = escape.AppendJSONString(b, span(m.Expr, c), escape.Terminal)
				b = append(b, `,"field":`...)
				b = escape.AppendJSONString(b, c.Field, escape.Terminal)
				b = append(b, `,"values":`...)
				b = appendValues(b, c.Values, c.Type, escape.Terminal)
				b = append(b, `,"result":`...)
				b = strconv.AppendBool(b, c.Result)
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, "}\n"...)
		buf.Write(b)
	}
}

// span is the text of a comparison in its expression; "" when its span
// is not within it.
func span(expr string, c secl.Match) string {
	if c.Offset < 0 || c.Length < 0 || c.Offset+c.Length > len(expr) {
		return ""
	}
	return expr[c.Offset : c.Offset+c.Length]
}

// appendValues appends values as a JSON array, each as its type says.
func appendValues(b []byte, vals []secl.Value, t secl.Type, mode escape.JSON) []byte {
	b = append(b, '[')
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		switch t {
		case secl.TypeInt, secl.TypeTime:
			b = strconv.AppendInt(b, v.Int, 10)
		case secl.TypeBool:
			b = strconv.AppendBool(b, v.Bool)
		case secl.TypeIP:
			b = escape.AppendJSONString(b, ipText(v), mode)
		default:
			b = escape.AppendJSONString(b, v.Str, mode)
		}
	}
	return append(b, ']')
}

// ipText writes an address alone, a CIDR with its length.
func ipText(v secl.Value) string {
	if v.IP.IsValid() && v.IP.Bits() == v.IP.Addr().BitLen() {
		return v.IP.Addr().String()
	}
	return v.IP.String()
}
