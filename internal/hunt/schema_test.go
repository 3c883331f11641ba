package hunt

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/schema"
)

// schemaHas reports whether the schema root defines the member a field's
// pointer names, "*" stepping into an array's items.
func schemaHas(root map[string]any, ptr string) bool {
	defs, _ := root["$defs"].(map[string]any)
	n := root
	for _, key := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		for n["$ref"] != nil {
			ref, _ := n["$ref"].(string)
			if n, _ = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any); n == nil {
				return false
			}
		}
		if key == "*" {
			n, _ = n["items"].(map[string]any)
		} else {
			props, _ := n["properties"].(map[string]any)
			n, _ = props[key].(map[string]any)
		}
		if n == nil {
			return false
		}
	}
	return true
}

// envelope are the members a mapping reads that no backend schema defines:
// Datadog's intake writes them beside the agent's event.
var envelope = map[string]string{
	"/hostname": "the host that sent the event",
	"/service":  "the service tag of the event",
}

// TestMappingsInSchema fails when a field is read from a member its OS's
// backend schema does not define: a typo, or a member renamed.
func TestMappingsInSchema(t *testing.T) {
	for _, tt := range []struct {
		os      string
		mapping *Mapping
		except  map[string]string
	}{
		{"windows", Windows(), envelope},
		{"linux", Linux(), envelope},
	} {
		doc, ok := schema.Builtin(tt.os)
		if !ok {
			t.Fatalf("no built-in schema %q", tt.os)
		}
		var root map[string]any
		if err := json.Unmarshal(doc, &root); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, f := range tt.mapping.Fields() {
			for _, ptr := range []string{f.JSON, f.Fallback} {
				if ptr == "" {
					continue
				}
				checked++
				if !schemaHas(root, ptr) && tt.except[ptr] == "" {
					t.Errorf("%s: %s reads %s, which the %s schema does not define", tt.os, f.Name, ptr, tt.os)
				}
			}
		}
		if checked < 20 {
			t.Errorf("%s: only %d pointers checked", tt.os, checked)
		}
	}
}
