package input

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzUnwrap feeds arbitrary records to the envelope unwrapper: it must not
// panic, every record it makes must lie inside the one it came from, and an
// event it unwraps from valid JSON must be a JSON object.
func FuzzUnwrap(f *testing.F) {
	for _, s := range []string{
		`{"_id":"a","host":"h","attributes":{"agent":{"rule_id":"r"}}}`,
		`{"attributes":{"attributes":{"title":"t"},"host":"h"},"id":"x","type":"log"}`,
		`{"data":[{"id":"1","attributes":{"attributes":{}}},{"id":"2","attributes":{"host":"h","attributes":{"a":1}}}]}`,
		`{"data":[1,"x",{"attributes":5}]}`,
		`{"agent":{"rule_id":"r"}}`,
		`{"_id":`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := []Record{{File: "f", Line: 1, Data: data}}
		for _, r := range unwrapAll(in) {
			if len(r.Data) > 0 && !bytes.Contains(data, r.Data) {
				t.Fatalf("record %q is not inside %q", r.Data, data)
			}
			if r.Line < 1 {
				t.Fatalf("record %q on line %d", r.Data, r.Line)
			}
			if (r.Host != "" || r.LogID != "") && json.Valid(data) {
				var obj map[string]any
				if json.Unmarshal(r.Data, &obj) != nil {
					t.Fatalf("unwrapped %q from %q is not an object", r.Data, data)
				}
			}
		}
	})
}
