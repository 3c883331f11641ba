package query

import (
	"reflect"
	"testing"

	"github.com/itchyny/gojq"
)

func TestLiteralTestOf(t *testing.T) {
	for _, tt := range []struct {
		filter string
		path   []string // nil: not recognized
		needle string
	}{
		{`select(.agent.rule_id == "x")`, []string{"agent", "rule_id"}, "x"},
		{`select(.agent.rule_id=="x") | .process.pid`, []string{"agent", "rule_id"}, "x"},
		{`select("x" == .a) | .b | .c`, []string{"a"}, "x"},
		{`select(."a"."b c" == "x" and .z > 1)`, []string{"a", "b c"}, "x"},
		{`select(.a == "x") | select(.b == "y")`, []string{"a"}, "x"},
		{`select(.a == "x" or .b)`, nil, ""},
		{`select(.a != "x")`, nil, ""},
		{`select(.a[] == "x")`, nil, ""},
		{`select(.a? == "x")`, nil, ""},
		{`select(.a == "x\(1)")`, nil, ""},
		{`select(.a == "with/slash")`, nil, ""},
		{`select(.a == "with\\backslash")`, nil, ""},
		{`select(.a == "quote\"")`, nil, ""},
		{`select(.a == "")`, nil, ""},
		{`def select(f): .; select(.a == "x")`, nil, ""},
		{`.x as $v | select(.a == "x")`, nil, ""},
		{`1, select(.a == "x")`, nil, ""},
		{`(select(.a == "x"))`, nil, ""},
	} {
		q, err := gojq.Parse(tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		lt := literalTestOf(q)
		switch {
		case tt.path == nil && lt != nil:
			t.Errorf("%s: recognized as %v == %q", tt.filter, lt.path, lt.needle)
		case tt.path != nil && lt == nil:
			t.Errorf("%s: not recognized", tt.filter)
		case lt != nil && (!reflect.DeepEqual(lt.path, tt.path) || string(lt.needle) != tt.needle):
			t.Errorf("%s: got %v == %q", tt.filter, lt.path, lt.needle)
		}
	}
}

func TestCannotMatch(t *testing.T) {
	lt := &literalTest{path: []string{"agent", "rule_id"}, needle: []byte("dump")}
	for _, tt := range []struct {
		data string
		want bool
	}{
		{`{"agent":{"rule_id":"other"},"x":"C:\\Windows"}`, true},
		{`{"agent":{"rule_id":"dump"}}`, false},
		{`{"agent":{"rule_id":"other"},"title":"a dump"}`, false}, // the bytes occur: decode
		{`{"agent":{"rule_id":"d\u0075mp"}}`, false},              // an escape could hide them
		{`{"agent":"a string"}`, false},                           // .agent.rule_id fails
		{`{"agent":[1]}`, false},
		{`{"agent":null}`, true},
		{`{}`, true},
		{`null`, true},
		{`"top-level string"`, false},
		{`[1]`, false},
		{`{"agent":{"rule_id":"x"}} {"agent":{"rule_id":"y"}}`, true},
		{`{"agent":{"rule_id":"x"}} 1`, false},
		{`{"agent":{"rule_id":"x"},}`, false}, // invalid: must be reported
		{`{"agent":{"rule_id":"x"}`, false},
		{`{"ag\"ent":1,"agent":{}}`, true},
		{`{"a\\u0067ent":1}`, true},
		{``, false},
	} {
		if got := lt.CannotMatch([]byte(tt.data)); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.data, got, tt.want)
		}
	}
}

// FuzzCannotMatch: whenever the test says an event cannot match, running
// the filter on it indeed yields nothing and fails on nothing.
func FuzzCannotMatch(f *testing.F) {
	for _, s := range []string{`{"agent":{"rule_id":"other"}}`, `{"agent":"x"}`, `{"a":{"b":1}} {"agent":null}`, `{"agent":{"rule_id":"d\u0075mp"}}`} {
		f.Add([]byte(s))
	}
	q, err := gojq.Parse(`select(.agent.rule_id == "dump") | 1`)
	if err != nil {
		f.Fatal(err)
	}
	lt := literalTestOf(q)
	code, err := gojq.Compile(q)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !lt.CannotMatch(data) {
			return
		}
		s := string(data)
		var d Decoder
		for i := skipSpace(s, 0); i < len(s); i = skipSpace(s, i) {
			v, end, err := d.Decode(s, i)
			if err != nil {
				t.Fatalf("%q: cannot match, yet not JSON: %v", data, err)
			}
			if out, ok := code.Run(v).Next(); ok {
				t.Fatalf("%q: cannot match, yet the filter yields %v", data, out)
			}
			i = end
		}
	})
}
