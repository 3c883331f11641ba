package schema

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// decodeSchema decodes a schema document as encoding/json's Decoder does
// with UseNumber (the first value; numbers as json.Number; the last of
// duplicate keys wins), but through jsonscan: the embedded schema is
// compiled at the start of every validate run, and encoding/json's first
// use (its reflection caches, its code paged in) made up most of that. A
// document that is not JSON goes to encoding/json for its message.
func decodeSchema(doc []byte) (any, error) {
	start := jsonscan.SkipSpace(doc, 0)
	if _, err := jsonscan.Skip(doc, start, 0); err == nil {
		v, _ := decodeValid(doc, start)
		return v, nil
	}
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		return nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	return root, nil
}

// decodeValid decodes the value at b[i], which jsonscan.Skip found valid
// (and so nested no deeper than jsonscan.MaxDepth), and returns the index
// past it.
func decodeValid(b []byte, i int) (any, int) {
	switch b[i] {
	case '{':
		m := map[string]any{}
		if i = jsonscan.SkipSpace(b, i+1); b[i] == '}' {
			return m, i + 1
		}
		for {
			end, _, _ := jsonscan.String(b, i)
			key := jsonscan.Unquote(b[i:end])
			i = jsonscan.SkipSpace(b, jsonscan.SkipSpace(b, end)+1) // past the colon
			m[key], i = decodeValid(b, i)
			if i = jsonscan.SkipSpace(b, i); b[i] == '}' {
				return m, i + 1
			}
			i = jsonscan.SkipSpace(b, i+1) // past the comma
		}
	case '[':
		a := []any{}
		if i = jsonscan.SkipSpace(b, i+1); b[i] == ']' {
			return a, i + 1
		}
		for {
			var v any
			v, i = decodeValid(b, i)
			a = append(a, v)
			if i = jsonscan.SkipSpace(b, i); b[i] == ']' {
				return a, i + 1
			}
			i = jsonscan.SkipSpace(b, i+1)
		}
	case '"':
		end, _, _ := jsonscan.String(b, i)
		return jsonscan.Unquote(b[i:end]), end
	case 't':
		return true, i + len("true")
	case 'f':
		return false, i + len("false")
	case 'n':
		return nil, i + len("null")
	default:
		end, _, _ := jsonscan.Number(b, i)
		return json.Number(b[i:end]), end
	}
}
