package jsonscan

// AnyDecoder decodes a JSON value into the shapes encoding/json gives an
// any: map[string]any (the last of repeated keys wins), []any, string, bool
// and nil, with its functions making the strings and the numbers, which
// its callers want in their own ways (the model's strings share the
// event's bytes; the schema's numbers are json.Number). Both uses are held
// to encoding/json by differential tests and fuzz targets
// (schema.FuzzDecodeSchema, model.FuzzDecodeDifferential).
type AnyDecoder struct {
	// String returns the text of the string literal b[i:end]; escaped is
	// String's (the literal's text differs from its bytes).
	String func(b []byte, i, end int, escaped bool) string
	// Number returns the value of the number literal lit, or false if it
	// has none that fits (a float64 out of range).
	Number func(lit []byte) (any, bool)
}

// Decode decodes the value at b[i], after any whitespace, which must be
// valid JSON (Skip accepted it, so it is nested no deeper than MaxDepth),
// and returns the index just past it. ok is false if Number refused one of
// its numbers; the value is decoded whole all the same.
func (d *AnyDecoder) Decode(b []byte, i int) (v any, end int, ok bool) {
	i = SkipSpace(b, i)
	switch b[i] {
	case '{':
		m := map[string]any{}
		if i = SkipSpace(b, i+1); b[i] == '}' {
			return m, i + 1, true
		}
		ok = true
		for more := true; more; {
			keyEnd, escaped, _ := String(b, i)
			key := d.String(b, i, keyEnd, escaped)
			item, end, itemOK := d.Decode(b, SkipSpace(b, keyEnd)+1)
			m[key], ok = item, ok && itemOK
			i, more, _ = AfterElement(b, end, '}')
		}
		return m, i, ok
	case '[':
		a := []any{}
		if i = SkipSpace(b, i+1); b[i] == ']' {
			return a, i + 1, true
		}
		ok = true
		for more := true; more; {
			item, end, itemOK := d.Decode(b, i)
			a, ok = append(a, item), ok && itemOK
			i, more, _ = AfterElement(b, end, ']')
		}
		return a, i, ok
	case '"':
		end, escaped, _ := String(b, i)
		return d.String(b, i, end, escaped), end, true
	case 't':
		return true, i + len("true"), true
	case 'f':
		return false, i + len("false"), true
	case 'n':
		return nil, i + len("null"), true
	}
	end, _, _ = Number(b, i)
	v, ok = d.Number(b[i:end])
	return v, end, ok
}
