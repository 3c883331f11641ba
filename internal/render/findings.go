package render

import (
	"strconv"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/schema"
)

// AppendVerdictText appends one line per finding:
//
//	FILE:LINE: /json/pointer: message
//	FILE:LINE:COLUMN: invalid JSON: message
func AppendVerdictText(dst []byte, v *schema.Verdict, p *iostreams.Palette) []byte {
	for _, f := range v.Findings {
		// FILE:LINE:COLUMN: invalid JSON: … or, for a record skipped
		// whole, FILE:LINE: …, as every command words them.
		pos := input.Position{File: v.File, Line: v.Line}
		syntax := f.Keyword == schema.KeywordSyntax
		if syntax {
			pos.Col = v.Column
		}
		dst = p.Append(dst, p.Location, escape.Text(pos.String()))
		dst = append(dst, ": "...)
		if syntax {
			if v.Column > 0 {
				dst = p.Append(dst, p.Error, "invalid JSON")
				dst = append(dst, ": "...)
			}
			dst = escape.AppendText(dst, f.Message)
			dst = append(dst, '\n')
			continue
		}
		path := f.Path
		if path == "" {
			path = "(root)"
		}
		dst = p.Append(dst, p.Pointer, escape.Text(path))
		dst = append(dst, ": "...)
		if f.Warning {
			dst = p.Append(dst, p.Warning, "warning")
			dst = append(dst, ": "...)
		}
		dst = escape.AppendText(dst, f.Message)
		dst = append(dst, '\n')
		if f.Hint != "" {
			dst = append(dst, "    "...)
			dst = p.Append(dst, p.Faint, "hint: "+f.Hint)
			dst = append(dst, '\n')
		}
	}
	return dst
}

// AppendVerdictJSON appends the verdict as one JSON object and a newline:
//
//	{"file":"…","line":12,"schema":"linux","schema_by":"agent.os","errors":[{"path":"/process/pid","keyword":"type","message":"…"}]}
//
// "column" is added for syntax errors, which have no "schema".
func AppendVerdictJSON(dst []byte, v *schema.Verdict) []byte {
	dst = append(dst, `{"file":`...)
	dst = escape.AppendJSONString(dst, v.File, escape.Terminal)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(v.Line), 10)
	if v.Column > 0 {
		dst = append(dst, `,"column":`...)
		dst = strconv.AppendInt(dst, int64(v.Column), 10)
	}
	if v.Schema.Schema != "" {
		dst = append(dst, `,"schema":`...)
		dst = escape.AppendJSONString(dst, v.Schema.Schema, escape.Terminal)
		dst = append(dst, `,"schema_by":"`...)
		dst = append(dst, v.Schema.By.String()...)
		dst = append(dst, '"')
	}
	dst = append(dst, `,"errors":[`...)
	for i, f := range v.Findings {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"path":`...)
		dst = escape.AppendJSONString(dst, f.Path, escape.Terminal)
		dst = append(dst, `,"keyword":`...)
		dst = escape.AppendJSONString(dst, f.Keyword, escape.Terminal)
		dst = append(dst, `,"message":`...)
		dst = escape.AppendJSONString(dst, f.Message, escape.Terminal)
		if f.Hint != "" {
			dst = append(dst, `,"hint":`...)
			dst = escape.AppendJSONString(dst, f.Hint, escape.Terminal)
		}
		if f.Warning {
			dst = append(dst, `,"warning":true`...)
		}
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...)
}
