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
		v, _, _ := schemaValues.Decode(doc, start)
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

// schemaValues decodes as encoding/json does with UseNumber.
var schemaValues = jsonscan.AnyDecoder{
	String: func(b []byte, i, end int, escaped bool) string {
		if escaped {
			return jsonscan.Unquote(b[i:end])
		}
		return string(b[i+1 : end-1])
	},
	Number: func(lit []byte) (any, bool) { return json.Number(lit), true },
}
