package schema

import (
	"bytes"
	"encoding/json"
	"math/big"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// fuzzSchema packs the keywords the compiler takes into a few properties,
// so short inputs reach all of them.
const fuzzSchema = `{
	"type": "object",
	"properties": {
		"i": {"type": "integer"},
		"n": {"type": ["number", "null"]},
		"s": {"type": "string"},
		"d": {"type": "string", "format": "date-time"},
		"f": false,
		"a": {"items": {"$ref": "#"}},
		"o": {"$ref": "#/$defs/o", "required": ["k"]},
		"c": {"type": "object", "properties": {"x": {"type": "boolean"}}, "additionalProperties": false},
		"~/": {"type": "array", "items": {"type": "integer"}}
	},
	"additionalProperties": {"type": ["string", "object"]},
	"required": ["i"],
	"$defs": {"o": {"type": "object", "properties": {"k": {"type": "string"}}, "additionalProperties": {"$ref": "#/$defs/o"}}}
}`

// fuzzVocabularySchema packs the keywords the CSM schemas do not use into
// a few properties (contains and propertyNames aside: the reference points
// at each item for the one, at the root for the other; TestNewVocabulary
// has them).
const fuzzVocabularySchema = `{
	"properties": {
		"e": {"enum": [1, "a", null, {"k": [true]}]},
		"c": {"const": [1, 2]},
		"n": {"minimum": -5, "exclusiveMaximum": 1e3, "multipleOf": 0.5},
		"x": {"exclusiveMinimum": 0, "maximum": 10},
		"s": {"minLength": 1, "maxLength": 4, "pattern": "^[a-z]"},
		"f": {"format": "ipv4"},
		"u": {"format": "uuid"},
		"a": {"prefixItems": [{"type": "string"}], "items": {"type": "integer"}, "minItems": 1, "maxItems": 3, "uniqueItems": true},
		"o": {"minProperties": 1, "maxProperties": 2,
		      "patternProperties": {"^p": {"type": "boolean"}}, "dependentRequired": {"a": ["b"]},
		      "dependentSchemas": {"b": {"required": ["c"]}}},
		"any": {"anyOf": [{"type": "string"}, {"minimum": 3}]},
		"one": {"oneOf": [{"type": "integer"}, {"multipleOf": 2}]},
		"not": {"not": {"type": "object"}},
		"if": {"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "integer"}},
		"all": {"allOf": [{"$ref": "#/properties/x"}, {"type": "integer"}]}
	}
}`

// FuzzValidate holds the compiled validator to the reference on arbitrary
// input, for the Windows schema and for fuzzSchema: no panic, the same idea
// of what is JSON as encoding/json, and on JSON the same verdict and the
// same finding paths as the reference.
func FuzzValidate(f *testing.F) {
	lines := corpusLines(f)
	for _, n := range []int{0, 1, 2} {
		f.Add(lines[n])
	}
	for _, line := range lines {
		if !json.Valid(line) {
			f.Add(line)
			break
		}
	}
	for _, s := range []string{
		`{"i":1,"n":null,"s":"x","d":"2025-06-30T23:59:60Z","a":[{"i":2.0}],"o":{"k":"v","z":{"k":"w"}},"c":{"x":true},"~/":[1e3]}`,
		`{"i":1.5,"f":0,"c":{"y":1},"o":{},"q":1,"~/":[0.5]}`,
		`{"i":1,"i":"x","c":{"x":1,"x":true},"u":1,"u":"s"}`,
		`{"\u0069":1,"\u0064":"2025-11-03t09:00:00.5z","\u007e\/":[]}`,
		`{"i":123456789012345678901234567890,"d":"2025-02-29T00:00:00Z"}`,
		`{"agent":{"rule_id":"r"},"date":"2025-11-03T+9:00:00Z"}`,
		`[{"a":1},{"a":[01]}]`,
		"{\"s\":\"\xff\",\"d\":\"\t\"}",
		` {"i":1} `,
		`{"i":1} {"i":2}`,
	} {
		f.Add([]byte(s))
	}
	type pair struct{ compiled, ref Validator }
	var pairs []pair
	for _, s := range []string{
		`{"e":{"k":[true]},"c":[1.0,2],"n":-4.5,"x":1e1,"s":"abcd","f":"1.2.3.4","u":"0e8b4f2c-5b1a-4c1e-9f0a-1b2c3d4e5f60"}`,
		`{"a":["s",1,2],"o":{"pa":true,"b":1,"c":2},"any":4,"one":3,"not":[],"if":"ab","all":5}`,
		`{"e":2,"c":[2,1],"n":1e3,"x":0,"s":"","f":"1.2.3","a":[1,1],"o":{"abc":1,"a":1},"any":true,"one":2,"not":{},"if":"a","all":5.5}`,
	} {
		f.Add([]byte(s))
	}
	for _, doc := range [][]byte{windowsSchema, []byte(fuzzSchema), []byte(fuzzVocabularySchema)} {
		c, r := validators(f, string(doc))
		pairs = append(pairs, pair{c, r})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		valid := json.Valid(b)
		for _, p := range pairs {
			end, findings, err := p.compiled.Validate(b, 0, nil)
			if err != nil {
				if err.Offset < 0 || err.Offset > len(b) {
					t.Fatalf("syntax error offset %d out of range 0..%d", err.Offset, len(b))
				}
				if valid {
					t.Fatalf("compiled: syntax error on valid JSON at %d: %s", err.Offset, err.Msg)
				}
				continue
			}
			if end <= 0 || end > len(b) {
				t.Fatalf("end %d out of range 1..%d", end, len(b))
			}
			if !valid {
				if jsonscan.SkipSpace(b, end) == len(b) {
					t.Fatalf("compiled: accepted input encoding/json rejects (findings %+v)", findings)
				}
				continue
			}
			refFindings, refErr, panicked := validateRecovering(p.ref, b)
			if panicked {
				t.Skip("the reference panics here (a number beyond its range)")
			}
			if refErr != nil {
				t.Fatalf("reference: syntax error on valid JSON: %s", refErr.Msg)
			}
			// A key that is not UTF-8 shows in a pointer as \xNN (as show
			// shows it), where the reference has U+FFFD: only the verdicts
			// compare.
			samePaths := !utf8.Valid(b) || slices.Equal(paths(findings), paths(refFindings))
			if (len(findings) == 0) == (len(refFindings) == 0) && samePaths {
				continue
			}
			if reason := refQuirk(b); reason != "" {
				t.Skipf("reference is lax here (%s): compiled %+v, reference %+v", reason, findings, refFindings)
			}
			t.Fatalf("compiled %+v\nreference %+v", findings, refFindings)
		}
	})
}

// refQuirk tells whether a JSON value holds something on which the
// reference is known to be wrong, and what. It is narrow on purpose: each
// case names a value the reference misjudges, not a kind of input.
//
//   - A string our date-time check rejects but would accept with its signs
//     replaced by zeros: the reference parses time and offset fields with
//     strconv.Atoi, which takes "+9" as an hour.
//   - A whole number big.Rat refuses (an exponent beyond ±1e6): the reference
//     tests "integer" with big.Rat.SetString, and calls such numbers not
//     integers.
func refQuirk(b []byte) string {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return ""
	}
	var reason string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case string:
			if checkDateTime([]byte(v)) != nil && checkDateTime(unsigned([]byte(v))) == nil {
				reason = "signed date-time field " + v
			}
		case json.Number:
			if _, integral, _ := jsonscan.Number([]byte(v), 0); integral {
				if _, ok := new(big.Rat).SetString(string(v)); !ok {
					reason = "huge exponent " + string(v)
				}
			}
		}
	}
	walk(v)
	return reason
}

// unsigned replaces by '0' the signs in the time of a date-time, except the
// offset's own sign.
func unsigned(s []byte) []byte {
	s = bytes.Clone(s)
	for i := 11; i < len(s); i++ {
		if (s[i] == '+' || s[i] == '-') && i != len(s)-6 {
			s[i] = '0'
		}
	}
	return s
}

// validateRecovering validates b with the reference, which panics on some
// numbers (it compares a minimum with a nil big.Rat for 1e999999999).
func validateRecovering(ref Validator, b []byte) (findings []Finding, err *jsonscan.SyntaxError, panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	_, findings, err = ref.Validate(b, 0, nil)
	return findings, err, false
}
