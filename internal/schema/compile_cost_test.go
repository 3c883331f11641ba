package schema

import "testing"

// Every run compiles the embedded schema its first event needs, so that
// compile is part of csmctl's start-up. Building a strings.Replacer for
// each JSON pointer token of each $ref made it 5 014 allocations (2.3 ms)
// for the Windows schema; the bounds leave room for the schemas to grow.
func TestBuiltinCompileAllocations(t *testing.T) {
	for _, tt := range []struct {
		name string
		doc  []byte
		max  float64
	}{
		{"windows", windowsSchema, 2500},
		{"linux", linuxSchema, 15000},
	} {
		got := testing.AllocsPerRun(5, func() {
			if _, err := builtin(tt.doc); err != nil {
				t.Fatal(err)
			}
		})
		if got > tt.max {
			t.Errorf("%s schema: %.0f allocations to compile, want at most %.0f", tt.name, got, tt.max)
		}
	}
}

// lookup follows a $ref's JSON pointer, unescaping each token as RFC 6901
// says: "~1" to "/" first, then "~0" to "~" (so "~01" is "~1").
func TestLookupEscapedTokens(t *testing.T) {
	doc := map[string]any{"a/b": map[string]any{"c~d": "x"}, "~1": "y", "~": "z", "": "empty"}
	for _, tt := range []struct{ ptr, want string }{
		{"/a~1b/c~0d", "x"},
		{"/~01", "y"},
		{"/~0", "z"},
		{"/", "empty"},
	} {
		got, err := lookup(doc, tt.ptr)
		if err != nil || got != tt.want {
			t.Errorf("lookup(%q) = %v, %v; want %q", tt.ptr, got, err, tt.want)
		}
	}
	if _, err := lookup(doc, "/a~1b/c~1d"); err == nil {
		t.Error(`lookup("/a~1b/c~1d"): no error, want no such location`)
	}
}

// BenchmarkBuiltinCompile: what the first event of a validate run pays.
func BenchmarkBuiltinCompile(b *testing.B) {
	for b.Loop() {
		if _, err := builtin(windowsSchema); err != nil {
			b.Fatal(err)
		}
	}
}
