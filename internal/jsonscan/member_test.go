package jsonscan

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// Member answers as jq does: keys match byte for byte once unescaped, and
// of repeated keys the last wins, at every level of the path.
func TestMember(t *testing.T) {
	tests := []struct {
		name, data string
		keys       []string
		want       string // "" for no value
	}{
		{"one key", `{"date":"a"}`, []string{"date"}, `"a"`},
		{"absent", `{"title":"t"}`, []string{"date"}, ""},
		{"not an object", `["date"]`, []string{"date"}, ""},
		{"empty object", `{ }`, []string{"date"}, ""},
		{"no keys", `{"date":1}`, nil, ""},
		{"last duplicate wins", `{"date":"2030","title":"t","date":"2025"}`, []string{"date"}, `"2025"`},
		{"last of three", `{"date":1,"date":2,"x":{"date":9},"date":3}`, []string{"date"}, `3`},
		{"duplicate after a nested key of that name", `{"date":1,"x":{"date":9}}`, []string{"date"}, `1`},
		{"key in a string is not a key", `{"date":1,"t":"\"date\":2"}`, []string{"date"}, `1`},
		{"escaped duplicate wins", `{"date":1,"d\u0061te":2}`, []string{"date"}, `2`},
		{"escaped first, plain last", `{"d\u0061te":1,"date":2}`, []string{"date"}, `2`},
		{"escapes of other characters", `{"date":1,"p":"C:\\users\\u0064","\u0044ATE":2}`, []string{"date"}, `1`},
		{"escaped duplicate among Windows paths", `{"date":1,"p":"C:\\users","dat\u0065":2,"d\u0041te":3}`, []string{"date"}, `2`},
		{"escape in upper-case hex", `{"os":1,"\u006Fs":2}`, []string{"os"}, `2`},
		{"case differs", `{"date":1,"DATE":2,"Date":3}`, []string{"date"}, `1`},
		{"invalid UTF-8 is not the key", "{\"date\":1,\"dat\xff\":2}", []string{"date"}, `1`},
		{"path, last parent wins", `{"agent":{"os":"windows"},"agent":{"os":"linux"}}`, []string{"agent", "os"}, `"linux"`},
		{"path, last parent without the child", `{"agent":{"os":"windows"},"agent":{}}`, []string{"agent", "os"}, ""},
		{"path, last parent not an object", `{"agent":{"os":"windows"},"agent":null}`, []string{"agent", "os"}, ""},
		{"path, last child wins", `{"agent":{"os":"windows","arch":"x64","os":"linux"}}`, []string{"agent", "os"}, `"linux"`},
		{"path, escaped parent", `{"agent":{"os":"windows"},"\u0061gent":{"os":"linux"}}`, []string{"agent", "os"}, `"linux"`},
		{"whitespace", " { \"date\" :\t\"a\" , \"date\" : \"b\" } ", []string{"date"}, `"b"`},
		{"broken after the match", `{"date":1,"date":`, []string{"date"}, ""},
		{"broken before the match", `{"x":[,"date":1}`, []string{"date"}, ""},
		{"key with escapes of its own", `{"a\"b":1,"a\u0022b":2}`, []string{`a"b`}, `2`},
		{"empty key", `{"":1,"a":"","":2}`, []string{""}, `2`},
		{"key with a slash", `{"a/b":1,"a\/b":2}`, []string{"a/b"}, `2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Member([]byte(tt.data), 0, tt.keys...)); got != tt.want {
				t.Errorf("Member(%s, %q) = %q, want %q", tt.data, tt.keys, got, tt.want)
			}
		})
	}
}

// FuzzMember checks Member against encoding/json, which keeps the last of
// repeated keys and matches them exactly when it decodes into a map.
func FuzzMember(f *testing.F) {
	for _, seed := range []string{
		`{"date":"2030","title":"t","date":"2025"}`,
		`{"agent":{"os":"windows"},"\u0061gent":{"os":"linux"}}`,
		`{"a/b":1,"a\/b":2,"":3}`,
		"{\"dat\xff\":1,\"date\":[{\"date\":2}]}",
	} {
		f.Add([]byte(seed), "date")
		f.Add([]byte(seed), "agent")
		f.Add([]byte(`{"os":{"os":1,"x":{"os":2},"os":3},"os":{"os":4}}`), "os")
	}
	f.Fuzz(func(t *testing.T, data []byte, key string) {
		var doc map[string]any
		if json.Unmarshal(data, &doc) != nil || doc == nil {
			return
		}
		want, ok := doc[key]
		lit := Member(data, 0, key)
		if !ok {
			if lit != nil {
				t.Fatalf("Member(%q, %q) = %q, want none", data, key, lit)
			}
			return
		}
		var got any
		if err := json.Unmarshal(lit, &got); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("Member(%q, %q) = %q, want %#v", data, key, lit, want)
		}
		// One level down, as agent.os is read.
		m, _ := want.(map[string]any) // nil, with no key, if not an object
		inner, ok := m[key]
		lit = Member(data, 0, key, key)
		if !ok {
			if lit != nil {
				t.Fatalf("Member(%q, %q, %q) = %q, want none", data, key, key, lit)
			}
			return
		}
		if err := json.Unmarshal(lit, &got); err != nil || !reflect.DeepEqual(got, inner) {
			t.Fatalf("Member(%q, %q, %q) = %q, want %#v", data, key, key, lit, inner)
		}
	})
}

// BenchmarkMember finds the date of each event of a Windows log, as
// --since's first pass does, and agent.os, as validate does to pick a
// schema: Windows paths hold many \\u.
func BenchmarkMember(b *testing.B) {
	data, err := os.ReadFile("../../examples/attack.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	for _, path := range [][]string{{"date"}, {"agent", "os"}} {
		b.Run(strings.Join(path, "."), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				for _, l := range lines {
					if Member(l, 0, path...) == nil {
						b.Fatal("not found")
					}
				}
			}
		})
	}
}

func TestFirstMember(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"agent":{"os":"linux"}}`, `"linux"`},
		{`{"agent":{"os":"windows"},"agent":{"os":"linux"}}`, `"windows"`},
		{`{"agent":{"os":"windows","os":"linux"}}`, `"windows"`},
		{`{"title":"t","\u0061gent":{"os":"linux"},"x":[}`, `"linux"`},
		{`{"agent":"x","agent":{"os":"linux"}}`, ``},
		{`{"agent":{"o":1}}`, ``},
		{`{"agent":{"os":"li`, ``},
	} {
		if got := string(FirstMember([]byte(tc.in), 0, "agent", "os")); got != tc.want {
			t.Errorf("FirstMember(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
