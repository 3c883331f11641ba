package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// validators returns the compiled validator for a schema (failing the test
// when the schema does not compile) and the reference one.
func validators(t testing.TB, doc string) (compiled, ref Validator) {
	t.Helper()
	compiled, err := New([]byte(doc))
	if err != nil {
		t.Fatalf("New(%s): %v", doc, err)
	}
	if !compiled.Compiled() {
		t.Fatalf("New(%s) is not compiled", doc)
	}
	if ref, err = Reference([]byte(doc)); err != nil {
		t.Fatalf("Reference(%s): %v", doc, err)
	}
	return compiled, ref
}

// mustValidate validates one JSON value that must be syntactically valid and
// span the whole input.
func mustValidate(t testing.TB, v Validator, in string) []Finding {
	t.Helper()
	end, findings, err := v.Validate([]byte(in), 0, nil)
	if err != nil {
		t.Fatalf("compiled=%v: Validate(%s): syntax error at %d: %s", v.Compiled(), in, err.Offset, err.Msg)
	}
	if jsonscan.SkipSpace([]byte(in), end) != len(in) {
		t.Fatalf("compiled=%v: Validate(%s) stopped at %d of %d", v.Compiled(), in, end, len(in))
	}
	return findings
}

// paths is the sorted set of a finding list's JSON pointers: what the two
// validators must agree on (their messages differ, and the reference reports
// several missing required names as one error).
func paths(findings []Finding) []string {
	var ps []string
	for _, f := range findings {
		ps = append(ps, f.Path)
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

func typeFinding(path, want, got string) Finding {
	return Finding{Path: path, Keyword: "type", Message: "expected " + want + ", got " + got}
}

func requiredFinding(path, name string) Finding {
	return Finding{Path: path, Keyword: "required", Message: `missing required property "` + name + `"`}
}

func unknownFinding(path string) Finding {
	return Finding{Path: path, Keyword: "additionalProperties", Message: "property not allowed by the schema"}
}

func falseFinding(path string) Finding {
	return Finding{Path: path, Keyword: "false", Message: "no value is allowed here"}
}

const (
	nestedSchema = `{
		"type": "object",
		"properties": {
			"a": {
				"type": "object",
				"properties": {"b": {"type": "object", "properties": {"n": {"type": "integer"}}, "additionalProperties": false}},
				"additionalProperties": false
			}
		}
	}`
	// treeSchema is recursive: a node's children are nodes.
	treeSchema = `{
		"$ref": "#/$defs/node",
		"$defs": {
			"node": {
				"type": "object",
				"properties": {
					"name": {"type": "string"},
					"children": {"type": "array", "items": {"$ref": "#/$defs/node"}}
				},
				"required": ["name"],
				"additionalProperties": false
			}
		}
	}`
	// siblingSchema puts keywords beside a $ref: both must hold.
	siblingSchema = `{
		"properties": {"a": {"$ref": "#/$defs/obj", "required": ["x"], "properties": {"x": {"type": "string"}}}},
		"$defs": {"obj": {"type": "object", "properties": {"y": {"type": "integer"}}}}
	}`
	escapeSchema = `{
		"properties": {
			"a/b": {"type": "string"},
			"m~n": {"type": "string"},
			"é": {"type": "string"},
			"": {"type": "string"}
		},
		"additionalProperties": false
	}`
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		in     string
		want   []Finding
	}{
		// type
		{"integer", `{"type":"integer"}`, `1`, nil},
		{"integer -0", `{"type":"integer"}`, `-0`, nil},
		{"integer 1.0", `{"type":"integer"}`, `1.0`, nil},
		{"integer 1e3", `{"type":"integer"}`, `1e3`, nil},
		{"integer 150e-1", `{"type":"integer"}`, `150e-1`, nil},
		{"integer big", `{"type":"integer"}`, `123456789012345678901234567890`, nil},
		{"integer big exponent", `{"type":"integer"}`, `1e400`, nil},
		{"integer 1.5", `{"type":"integer"}`, `1.5`, []Finding{typeFinding("", "integer", "number")}},
		{"integer 1e-1", `{"type":"integer"}`, `1e-1`, []Finding{typeFinding("", "integer", "number")}},
		{"integer big fraction", `{"type":"integer"}`, `123456789012345678901234567890.5`, []Finding{typeFinding("", "integer", "number")}},
		{"integer string", `{"type":"integer"}`, `"1"`, []Finding{typeFinding("", "integer", "string")}},
		{"number integral", `{"type":"number"}`, `3`, nil},
		{"number fraction", `{"type":"number"}`, `3.25`, nil},
		{"number string", `{"type":"number"}`, `"3"`, []Finding{typeFinding("", "number", "string")}},
		{"string", `{"type":"string"}`, `"x"`, nil},
		{"string number", `{"type":"string"}`, `1`, []Finding{typeFinding("", "string", "number")}},
		{"string null", `{"type":"string"}`, `null`, []Finding{typeFinding("", "string", "null")}},
		{"boolean", `{"type":"boolean"}`, `false`, nil},
		{"boolean string", `{"type":"boolean"}`, `"true"`, []Finding{typeFinding("", "boolean", "string")}},
		{"null", `{"type":"null"}`, `null`, nil},
		{"null zero", `{"type":"null"}`, `0`, []Finding{typeFinding("", "null", "number")}},
		{"array", `{"type":"array"}`, `[1,"a"]`, nil},
		{"array object", `{"type":"array"}`, `{}`, []Finding{typeFinding("", "array", "object")}},
		{"object", `{"type":"object"}`, `{"a":[1]}`, nil},
		{"object array", `{"type":"object"}`, `[]`, []Finding{typeFinding("", "object", "array")}},
		{"type list string", `{"type":["string","null"]}`, `"x"`, nil},
		{"type list null", `{"type":["string","null"]}`, `null`, nil},
		{"type list number", `{"type":["string","null"]}`, `1`, []Finding{typeFinding("", "null or string", "number")}},
		{"type list integer", `{"type":["integer","string"]}`, `2.5`, []Finding{typeFinding("", "string or integer", "number")}},
		{"type list integer ok", `{"type":["integer","string"]}`, `2.0`, nil},

		// properties
		{"properties ok", nestedSchema, `{"a":{"b":{"n":1}}}`, nil},
		{"properties nested type", nestedSchema, `{"a":{"b":{"n":"1"}}}`, []Finding{typeFinding("/a/b/n", "integer", "string")}},
		{"properties parent type", nestedSchema, `{"a":[]}`, []Finding{typeFinding("/a", "object", "array")}},
		{"properties unknown at root allowed", nestedSchema, `{"z":{"anything":[1,{"x":null}]}}`, nil},

		// additionalProperties
		{"additionalProperties false", nestedSchema, `{"a":{"b":{"n":1,"extra":{"deep":1}}}}`, []Finding{unknownFinding("/a/b/extra")}},
		{"additionalProperties false several", nestedSchema, `{"a":{"x":1,"b":{"y":2},"z":3}}`,
			[]Finding{unknownFinding("/a/x"), unknownFinding("/a/b/y"), unknownFinding("/a/z")}},
		{"additionalProperties schema ok", `{"properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}`, `{"a":1,"b":"x","c":"y"}`, nil},
		{"additionalProperties schema", `{"properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}`, `{"a":1,"b":2,"c":"y","d":null}`,
			[]Finding{typeFinding("/b", "string", "number"), typeFinding("/d", "string", "null")}},
		{"additionalProperties true", `{"properties":{"a":{"type":"integer"}},"additionalProperties":true}`, `{"b":[]}`, nil},

		// required
		{"required ok", `{"required":["a","b"]}`, `{"b":null,"a":0}`, nil},
		{"required one", `{"required":["a","b"]}`, `{"b":1}`, []Finding{requiredFinding("", "a")}},
		{"required all missing", `{"required":["a","b","c"]}`, `{"x":1}`,
			[]Finding{requiredFinding("", "a"), requiredFinding("", "b"), requiredFinding("", "c")}},
		{"required nested", `{"properties":{"o":{"required":["id"]}}}`, `{"o":{}}`, []Finding{requiredFinding("/o", "id")}},
		{"required not an object", `{"required":["a"]}`, `[1]`, nil},
		{"required but closed", `{"required":["a"],"additionalProperties":false}`, `{"a":1}`, []Finding{unknownFinding("/a")}},
		{"required declared and closed", `{"properties":{"a":true},"required":["a"],"additionalProperties":false}`, `{"a":1}`, nil},

		// items
		{"items ok", `{"items":{"type":"integer"}}`, `[1,2,3.0]`, nil},
		{"items empty", `{"items":{"type":"integer"}}`, `[]`, nil},
		{"items", `{"items":{"type":"integer"}}`, `[1,"a",2.5,null]`,
			[]Finding{typeFinding("/1", "integer", "string"), typeFinding("/2", "integer", "number"), typeFinding("/3", "integer", "null")}},
		{"items nested", `{"items":{"items":{"required":["a"]}}}`, `[[{"a":1}],[{},{"a":2},{}]]`,
			[]Finding{requiredFinding("/1/0", "a"), requiredFinding("/1/2", "a")}},
		{"items not an array", `{"items":{"type":"integer"}}`, `{"0":"x"}`, nil},
		{"items false", `{"items":false}`, `[1,2]`, []Finding{falseFinding("/0"), falseFinding("/1")}},
		{"items false empty", `{"items":false}`, `[]`, nil},

		// $ref
		{"ref", `{"$defs":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/$defs/s"}}}`, `{"a":1}`, []Finding{typeFinding("/a", "string", "number")}},
		{"ref chain", `{"$defs":{"s":{"$ref":"#/$defs/t"},"t":{"type":"string"}},"properties":{"a":{"$ref":"#/$defs/s"}}}`, `{"a":1}`,
			[]Finding{typeFinding("/a", "string", "number")}},
		{"ref escaped pointer", `{"$defs":{"a/b":{"type":"string"},"c~d":{"type":"null"}},"properties":{"x":{"$ref":"#/$defs/a~1b"},"y":{"$ref":"#/$defs/c~0d"}}}`,
			`{"x":1,"y":1}`, []Finding{typeFinding("/x", "string", "number"), typeFinding("/y", "null", "number")}},
		{"ref recursive ok", treeSchema, `{"name":"r","children":[{"name":"a"},{"name":"b","children":[{"name":"c","children":[]}]}]}`, nil},
		{"ref recursive", treeSchema, `{"name":"r","children":[{"name":"a","x":1},{"children":[{"name":2}]}]}`,
			[]Finding{unknownFinding("/children/0/x"), typeFinding("/children/1/children/0/name", "string", "number"), requiredFinding("/children/1", "name")}},
		{"ref root", `{"properties":{"self":{"$ref":"#"}},"type":"object"}`, `{"self":{"self":{"self":1}}}`,
			[]Finding{typeFinding("/self/self/self", "object", "number")}},
		{"ref siblings ok", siblingSchema, `{"a":{"x":"s","y":1}}`, nil},
		{"ref siblings", siblingSchema, `{"a":{"x":1,"y":"s"}}`, []Finding{typeFinding("/a/x", "string", "number"), typeFinding("/a/y", "integer", "string")}},
		{"ref siblings required", siblingSchema, `{"a":{"y":1}}`, []Finding{requiredFinding("/a", "x")}},
		{"ref siblings type", siblingSchema, `{"a":[]}`, []Finding{typeFinding("/a", "object", "array")}},

		// boolean schemas
		{"true", `true`, `{"a":[1,{"b":null}]}`, nil},
		{"empty", `{}`, `"x"`, nil},
		{"false", `false`, `1`, []Finding{falseFinding("")}},
		{"false object", `false`, `{}`, []Finding{falseFinding("")}},
		{"property false", `{"properties":{"a":false,"b":true}}`, `{"a":null,"b":null}`, []Finding{falseFinding("/a")}},
		{"property false absent", `{"properties":{"a":false}}`, `{"b":1}`, nil},

		// duplicate keys: the last one wins, as in encoding/json
		{"duplicate last valid", `{"properties":{"a":{"type":"string"}}}`, `{"a":1,"a":"x"}`, nil},
		{"duplicate last invalid", `{"properties":{"a":{"type":"string"}}}`, `{"a":"x","a":1}`, []Finding{typeFinding("/a", "string", "number")}},
		{"duplicate nested", `{"properties":{"a":{"properties":{"b":{"type":"string"}}}}}`, `{"a":{"b":1},"a":{"b":"x"}}`, nil},
		{"duplicate keeps others", `{"properties":{"a":{"type":"string"},"b":{"type":"string"}}}`, `{"b":1,"a":1,"a":"x"}`,
			[]Finding{typeFinding("/b", "string", "number")}},
		{"duplicate required", `{"required":["a"],"properties":{"a":true}}`, `{"a":1,"a":2}`, nil},
		{"duplicate unknown", `{"additionalProperties":false}`, `{"x":1,"x":2}`, []Finding{unknownFinding("/x")}},
		{"duplicate additional schema", `{"additionalProperties":{"type":"string"}}`, `{"x":1,"x":"s"}`, nil},
		{"duplicate additional schema invalid", `{"additionalProperties":{"type":"string"}}`, `{"x":"s","x":1}`, []Finding{typeFinding("/x", "string", "number")}},
		{"duplicate escaped", `{"properties":{"a":{"type":"string"}}}`, `{"a":1,"\u0061":"x"}`, nil},

		// pointers escape ~ and /; names are compared after unescaping
		{"escape ok", escapeSchema, `{"a/b":"x","m~n":"y","é":"z","":"e"}`, nil},
		{"escape pointer", escapeSchema, `{"a/b":1,"m~n":2,"":3}`,
			[]Finding{typeFinding("/a~1b", "string", "number"), typeFinding("/m~0n", "string", "number"), typeFinding("/", "string", "number")}},
		{"escape unknown", escapeSchema, `{"~/x":1,"a~1b":"x"}`, []Finding{unknownFinding("/~0~1x"), unknownFinding("/a~01b")}},
		{"escape unicode key", escapeSchema, `{"\u00e9":1,"a\/b":2,"m\u007en":"ok"}`,
			[]Finding{typeFinding("/é", "string", "number"), typeFinding("/a~1b", "string", "number")}},
		{"escape unicode unknown", escapeSchema, `{"\u0041":1}`, []Finding{unknownFinding("/A")}},

		// every error of an event, not only the first
		{"all errors", `{
			"type": "object",
			"properties": {
				"s": {"type": "string"},
				"o": {"type": "object", "properties": {"i": {"type": "integer"}}, "required": ["r"], "additionalProperties": false},
				"l": {"items": {"type": "string", "format": "date-time"}}
			},
			"required": ["s", "q"],
			"additionalProperties": false
		}`, `{"s":1,"o":{"i":1.5,"x":0},"l":["2025-11-03T09:00:00Z","nope",3],"u":{}}`,
			[]Finding{
				typeFinding("/s", "string", "number"),
				typeFinding("/o/i", "integer", "number"),
				unknownFinding("/o/x"),
				requiredFinding("/o", "r"),
				{Path: "/l/1", Keyword: "format", Message: `"nope" is not an RFC 3339 date-time: too short for YYYY-MM-DDTHH:MM:SSZ`},
				typeFinding("/l/2", "string", "number"),
				unknownFinding("/u"),
				requiredFinding("", "q"),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compiled, ref := validators(t, tt.schema)
			got := mustValidate(t, compiled, tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("compiled findings:\n got %+v\nwant %+v", got, tt.want)
			}
			if refPaths := paths(mustValidate(t, ref, tt.in)); !reflect.DeepEqual(refPaths, paths(tt.want)) {
				t.Errorf("reference finding paths %q, want %q", refPaths, paths(tt.want))
			}
		})
	}
}

// TestValidateAppends checks that Validate appends to the findings it is
// given and leaves the ones already there alone, even at the same path.
func TestValidateAppends(t *testing.T) {
	compiled, ref := validators(t, `{"properties":{"a":{"type":"string"}}}`)
	for _, v := range []Validator{compiled, ref} {
		prior := []Finding{{Path: "/a", Keyword: "type", Message: "from an earlier value"}}
		_, got, err := v.Validate([]byte(`{"a":1,"a":"x"}`), 0, prior)
		if err != nil || len(got) != 1 || got[0] != prior[0] {
			t.Errorf("compiled=%v: Validate with prior findings = %+v, %v; want them kept, nothing added", v.Compiled(), got, err)
		}
		_, got, err = v.Validate([]byte(`{"a":2}`), 0, prior)
		if err != nil || len(got) != 2 || got[0] != prior[0] || got[1].Path != "/a" {
			t.Errorf("compiled=%v: Validate with prior findings = %+v, %v; want them kept and one added", v.Compiled(), got, err)
		}
	}
}

// TestValidateStream checks that Validate scans one value from start and
// returns where it ends, so a caller can walk several values in a record.
func TestValidateStream(t *testing.T) {
	compiled, ref := validators(t, `{"type":"object","required":["a"]}`)
	data := []byte(` {"a":1} {"b":2}  [3] `)
	for _, v := range []Validator{compiled, ref} {
		var all [][]Finding
		for pos := jsonscan.SkipSpace(data, 0); pos < len(data); pos = jsonscan.SkipSpace(data, pos) {
			end, findings, err := v.Validate(data, pos, nil)
			if err != nil {
				t.Fatalf("compiled=%v: Validate at %d: %v", v.Compiled(), pos, err)
			}
			all = append(all, findings)
			pos = end
		}
		if len(all) != 3 || len(all[0]) != 0 || len(all[1]) != 1 || len(all[2]) != 1 || all[2][0].Keyword != "type" {
			t.Errorf("compiled=%v: findings per value %+v; want none, required, type", v.Compiled(), all)
		}
	}
}

func TestValidateSyntax(t *testing.T) {
	compiled, ref := validators(t, nestedSchema)
	tests := []struct {
		in     string
		offset int
	}{
		{``, 0},
		{`{`, 1},
		{`{"a":{"b":{"n":1}}`, 18},
		{`{"a":{"b":{"n":01}}}`, 16},
		{`{"a":{"b":{"n":1.}}}`, 17},
		{`{"a":{"b":{"n":1,}}}`, 17},
		{`{"a":{"b":{"n":1 "m":2}}}`, 17},
		{`{"a":{"x":[1,]}}`, 13},
		{`{"z":[1 2]}`, 8},
		{`{"a" 1}`, 5},
		{`{a:1}`, 1},
		{`{"a":tru}`, 8},
		{"{\"a\":\"\x01\"}", 6},
		{`{"a":{"b":{"n":1}}]`, 18},
		{`[1,2,]`, 5},
		{`}`, 0},
	}
	for _, tt := range tests {
		for _, v := range []Validator{compiled, ref} {
			_, _, err := v.Validate([]byte(tt.in), 0, nil)
			if err == nil {
				t.Errorf("compiled=%v: Validate(%s) found no syntax error", v.Compiled(), tt.in)
				continue
			}
			if v.Compiled() && err.Offset != tt.offset {
				t.Errorf("compiled: Validate(%s): syntax error at %d (%s), want %d", tt.in, err.Offset, err.Msg, tt.offset)
			}
		}
	}
}

// TestValidateDepth checks the nesting limit where the schema walks the
// value itself (a recursive schema) and where it hands it to the skipper.
func TestValidateDepth(t *testing.T) {
	schemas := []string{
		`{"$ref":"#/$defs/a","$defs":{"a":{"type":"array","items":{"$ref":"#/$defs/a"}}}}`,
		`{"$ref":"#/$defs/o","$defs":{"o":{"type":"object","additionalProperties":{"$ref":"#/$defs/o"}}}}`,
		`{"type":"array"}`,
		`{"type":"object"}`,
	}
	for _, doc := range schemas {
		compiled, ref := validators(t, doc)
		open, close, leaf := "[", "]", "[]"
		if strings.Contains(doc, "object") {
			open, close, leaf = `{"a":`, "}", "{}"
		}
		ok := strings.Repeat(open, jsonscan.MaxDepth-1) + leaf + strings.Repeat(close, jsonscan.MaxDepth-1)
		deep := strings.Repeat(open, jsonscan.MaxDepth) + leaf + strings.Repeat(close, jsonscan.MaxDepth)
		hostile := strings.Repeat(open, 200000)
		for _, v := range []Validator{compiled, ref} {
			if findings := mustValidate(t, v, ok); len(findings) != 0 {
				t.Errorf("compiled=%v: %s: depth %d: findings %v", v.Compiled(), doc, jsonscan.MaxDepth, findings[:1])
			}
			if _, _, err := v.Validate([]byte(deep), 0, nil); err == nil || !strings.Contains(err.Msg, "depth") {
				t.Errorf("compiled=%v: %s: depth %d: %v, want a depth error", v.Compiled(), doc, jsonscan.MaxDepth+1, err)
			}
			if _, _, err := v.Validate([]byte(hostile), 0, nil); err == nil || !strings.Contains(err.Msg, "depth") {
				t.Errorf("compiled=%v: %s: 200000 open brackets: %v, want a depth error", v.Compiled(), doc, err)
			}
		}
	}
}

// TestNewVocabulary checks the keywords the CSM schemas do not use, each
// with a value it allows and one it does not, against the reference too.
func TestNewVocabulary(t *testing.T) {
	tests := []struct {
		schema, valid, invalid string
	}{
		{`{"enum":["a","b",1]}`, `1.0`, `"c"`},
		{`{"const":{"a":[1,{"b":null}]}}`, `{"a":[1e0,{"b":null}]}`, `{"a":[1,{"b":false}]}`},
		{`{"items":{"const":1}}`, `[1,1]`, `[1,2]`},
		{`{"properties":{"n":{"minimum":3}}}`, `{"n":3}`, `{"n":2.999}`},
		{`{"maximum":3,"exclusiveMinimum":-1}`, `-0.5`, `-1`},
		{`{"exclusiveMaximum":1e2}`, `99.99`, `100`},
		{`{"multipleOf":0.1}`, `0.3`, `0.35`},
		{`{"minLength":2,"maxLength":3}`, `"é\u00e9"`, `"abcd"`},
		{`{"properties":{"s":{"pattern":"^x"}}}`, `{"s":"xy"}`, `{"s":"yx"}`},
		{`{"type":"string","format":"email"}`, `"a@example.com"`, `"not an address"`},
		{`{"format":"ipv4"}`, `"10.0.0.1"`, `"10.0.0.256"`},
		{`{"format":"ipv6"}`, `"fe80::1"`, `"10.0.0.1"`},
		{`{"format":"uuid"}`, `"0e8b4f2c-5b1a-4c1e-9f0a-1b2c3d4e5f60"`, `"0e8b4f2c5b1a4c1e9f0a1b2c3d4e5f60"`},
		{`{"format":"date"}`, `"2025-02-28"`, `"2025-02-30"`},
		{`{"format":"hostname"}`, `"agent-1.example.com"`, `"-x.example.com"`},
		{`{"format":"uri"}`, `"https://example.com/a"`, `"/relative"`},
		{`{"format":"regex"}`, `"^a+$"`, `"("`},
		{`{"anyOf":[{"type":"string"},{"type":"null"}]}`, `null`, `1`},
		{`{"oneOf":[{"type":"integer"},{"minimum":2}]}`, `1`, `3`},
		{`{"allOf":[{"type":"integer"},{"minimum":2}]}`, `3`, `1`},
		{`{"not":{"type":"null"}}`, `0`, `null`},
		{`{"if":{"type":"integer"},"then":{"minimum":0},"else":{"type":"string"}}`, `"x"`, `-1`},
		{`{"if":{"type":"integer"},"then":{"minimum":0},"else":{"type":"string"}}`, `2`, `true`},
		{`{"minItems":1,"maxItems":2}`, `[1]`, `[]`},
		{`{"maxItems":2}`, `[1,2]`, `[1,2,3]`},
		{`{"uniqueItems":true}`, `[1,"1",{"a":1},{"a":2}]`, `[{"a":1,"b":2},{"b":2,"a":1.0}]`},
		{`{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}`, `["a",1,2]`, `["a","b"]`},
		{`{"prefixItems":[{"type":"string"},{"type":"integer"}]}`, `["a",1,null]`, `[1]`},
		{`{"contains":{"type":"string"}}`, `[1,"a"]`, `[1,2]`},
		{`{"contains":{"type":"string"},"minContains":2,"maxContains":2}`, `["a","b",1]`, `["a","b","c"]`},
		{`{"minProperties":1,"maxProperties":2}`, `{"a":1,"a":2}`, `{}`},
		{`{"maxProperties":1}`, `{"a":1}`, `{"a":1,"b":2}`},
		{`{"patternProperties":{"^x_":{"type":"integer"}},"additionalProperties":false}`, `{"x_a":1}`, `{"x_a":"s"}`},
		{`{"patternProperties":{"^x_":{"type":"integer"}},"additionalProperties":false}`, `{"x_a":1}`, `{"y":1}`},
		{`{"propertyNames":{"maxLength":3}}`, `{"abc":1}`, `{"abcd":1}`},
		{`{"dependentRequired":{"a":["b"]}}`, `{"a":1,"b":2}`, `{"a":1}`},
		{`{"dependentSchemas":{"a":{"required":["b"]}}}`, `{"c":1}`, `{"a":1}`},
		{`{"x-annotation":{"minimum":5},"type":"integer"}`, `1`, `"1"`},
		// The fragment is URI-encoded: %25 is "%", so the ref names "a%b".
		{`{"$defs":{"a%b":{"type":"string"},"a%25b":{"type":"integer"}},"properties":{"x":{"$ref":"#/$defs/a%25b"}}}`, `{"x":"s"}`, `{"x":1}`},
	}
	for _, tt := range tests {
		compiled, ref := validators(t, tt.schema)
		for _, tc := range []struct {
			value string
			valid bool
		}{{tt.valid, true}, {tt.invalid, false}} {
			findings, refFindings := mustValidate(t, compiled, tc.value), mustValidate(t, ref, tc.value)
			if (len(findings) == 0) != tc.valid || (len(refFindings) == 0) != tc.valid {
				t.Errorf("%s: %s: findings %v, reference %v; want valid %v", tt.schema, tc.value, findings, refFindings, tc.valid)
			}
			// contains fails at the array; the reference points at each item.
			if !strings.Contains(tt.schema, "contains") && !slices.Equal(paths(findings), paths(refFindings)) {
				t.Errorf("%s: %s: paths %q, reference %q", tt.schema, tc.value, paths(findings), paths(refFindings))
			}
		}
	}
	// Numbers the reference cannot compare (it panics): held as floats,
	// at no more cost than their length.
	for _, tc := range []struct {
		schema, value string
		want          int
	}{
		{`{"minimum":0}`, `1e999999999`, 0},
		{`{"minimum":0}`, `-1e999999999`, 1},
		{`{"exclusiveMinimum":0}`, `1e-999999999`, 0},
		{`{"exclusiveMinimum":0}`, `-1e-999999999`, 1},
		{`{"maximum":1e999999999}`, `1e999999998`, 0},
		// Beyond float64, exact: 1e400 / 3 is no integer.
		{`{"multipleOf":3}`, `3e400`, 0},
		{`{"multipleOf":3}`, `1e400`, 1},
		{`{"multipleOf":3}`, `1e-400`, 1},
	} {
		v, err := New([]byte(tc.schema))
		if err != nil {
			t.Fatal(err)
		}
		if got := mustValidate(t, v, tc.value); len(got) != tc.want {
			t.Errorf("%s: %s: findings %v, want %d", tc.schema, tc.value, got, tc.want)
		}
	}
}

// TestNewRefusesUnimplemented checks that a schema using what csmctl does
// not implement is refused, with the keyword and its place in the schema.
func TestNewRefusesUnimplemented(t *testing.T) {
	for _, tc := range []struct{ schema, want string }{
		{`{"properties":{"a":{"unevaluatedProperties":false}}}`, "keyword unevaluatedProperties (at /properties/a/unevaluatedProperties in the schema)"},
		{`{"items":{"$dynamicRef":"#x"}}`, "keyword $dynamicRef (at /items/$dynamicRef in the schema)"},
		{`{"$schema":"http://json-schema.org/draft-07/schema#","type":"string"}`, "only draft 2020-12 (at /$schema in the schema)"},
		{`{"properties":{"a":{"$ref":"other.json"}}}`, "$ref other.json: only references within the schema (at /properties/a/$ref in the schema)"},
		{`{"format":"idn-email"}`, "format idn-email (at /format in the schema)"},
	} {
		_, err := New([]byte(tc.schema))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%s) = %v, want an error with %q", tc.schema, err, tc.want)
		}
	}
}

func TestNewInvalidSchema(t *testing.T) {
	for _, doc := range []string{
		`{"type": 12}`,
		`{"type": "integr"}`,
		`{"required": "a"}`,
		`{"properties": []}`,
		`{"$ref": "#/$defs/missing"}`,
		`{"additionalProperties": 1}`,
		`{"type": "string"`,
		`not json`,
		``,
	} {
		if v, err := New([]byte(doc)); err == nil {
			t.Errorf("New(%s) = %v (compiled %v), want an error", doc, v, v.Compiled())
		}
	}
}

func TestLoad(t *testing.T) {
	for _, name := range []string{"windows", "linux"} {
		v, err := Load(name)
		if err != nil {
			t.Fatalf("Load(%q): %v", name, err)
		}
		if !v.Compiled() {
			t.Errorf("Load(%q) is not compiled: the built-in schemas must take the fast path", name)
		}
	}
	if _, err := Load("testdata/no-such-schema.json"); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}

// TestValidateManyMembers checks that findings and duplicate keys cost time
// in proportion to the input: a hostile line with a huge object of unknown
// and repeated names must not take quadratic time.
func TestValidateManyMembers(t *testing.T) {
	compiled, ref := validators(t, `{"properties":{"d":{"type":"string"}},"additionalProperties":false}`)
	member := func(n int, dup bool) string {
		var b strings.Builder
		b.WriteString("{")
		for k := range n {
			fmt.Fprintf(&b, `"k%d":1,"d":%d,`, k, k)
			if dup {
				b.WriteString(`"k0":2,`)
			}
		}
		b.WriteString(`"d":"last"}`)
		return b.String()
	}
	for _, dup := range []bool{false, true} {
		small := member(50, dup)
		got, want := paths(mustValidate(t, compiled, small)), paths(mustValidate(t, ref, small))
		if !slices.Equal(got, want) || len(got) != 50 {
			t.Errorf("dup=%v: compiled paths %q, reference %q; want 50", dup, got, want)
		}
		const n = 50000
		start := time.Now()
		findings := mustValidate(t, compiled, member(n, dup))
		if len(findings) != n {
			t.Errorf("dup=%v: %d findings, want %d", dup, len(findings), n)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("dup=%v: %d members took %v", dup, 2*n, d)
		}
	}
}

// TestValidateQuotesAsText pins the escaping of event data in findings: a
// value is cut on a rune boundary (never inventing a byte) and escaped by
// escape.Text's rule (\x07, not \a), and a key that is not UTF-8 shows its
// bytes as \xNN in the pointer, not as U+FFFD. Expected texts are written
// by hand from those rules.
func TestValidateQuotesAsText(t *testing.T) {
	const schema = `{"properties":{"d":{"type":"string","format":"date-time"}},"additionalProperties":false}`
	x63 := strings.Repeat("x", 63)
	tests := []struct {
		name, in string
		want     Finding
	}{
		{"cut inside a character", `{"d":"` + x63 + `中中中"}`,
			Finding{Path: "/d", Keyword: "format", Message: `"` + x63 + `"… is not an RFC 3339 date-time: date is not YYYY-MM-DD`}},
		{"cut after a character", `{"d":"` + x63[1:] + `éy"}`,
			Finding{Path: "/d", Keyword: "format", Message: `"` + x63[1:] + `é"… is not an RFC 3339 date-time: date is not YYYY-MM-DD`}},
		{"no cut at 64 bytes", `{"d":"` + x63 + `y"}`,
			Finding{Path: "/d", Keyword: "format", Message: `"` + x63 + `y" is not an RFC 3339 date-time: date is not YYYY-MM-DD`}},
		{"bell", `{"d":"a\u0007b"}`,
			Finding{Path: "/d", Keyword: "format", Message: `"a\x07b" is not an RFC 3339 date-time: too short for YYYY-MM-DDTHH:MM:SSZ`}},
		{"escape sequence", `{"d":"\u001b[2J"}`,
			Finding{Path: "/d", Keyword: "format", Message: `"\x1b[2J" is not an RFC 3339 date-time: too short for YYYY-MM-DDTHH:MM:SSZ`}},
		{"invalid UTF-8 value", "{\"d\":\"\xff\"}",
			Finding{Path: "/d", Keyword: "format", Message: `"\xff" is not an RFC 3339 date-time: too short for YYYY-MM-DDTHH:MM:SSZ`}},
		{"invalid UTF-8 key", "{\"\xff\xfe\":1}", unknownFinding(`/\xff\xfe`)},
		{"invalid UTF-8 key with an escape", "{\"a\\/b\xff\":1}", unknownFinding(`/a~1b\xff`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			compiled, _ := validators(t, schema)
			got := mustValidate(t, compiled, tt.in)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("findings:\n got %+v\nwant [%+v]", got, tt.want)
			}
		})
	}
}
