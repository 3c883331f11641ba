package iostreams

import "testing"

// The palette follows the colour decision, is built once for every caller,
// and is built again when the decision changes (query's -C and -M come
// after the root's --color).
func TestPalette(t *testing.T) {
	s, _, _, _ := Test()
	p := s.Palette()
	if p.Enabled() || p.JSON != nil {
		t.Fatalf("into a buffer: enabled %v, JSON colours %v", p.Enabled(), p.JSON)
	}
	if s.Palette() != p {
		t.Error("a second call built another palette")
	}
	if got := string(p.Append(nil, p.Error, "x")); got != "x" {
		t.Errorf("colour off: %q", got)
	}
	s.SetColorMode(ColorAlways)
	p = s.Palette()
	if !p.Enabled() || p.JSON == nil {
		t.Fatalf("--color always: enabled %v, JSON colours %v", p.Enabled(), p.JSON)
	}
	if got := string(p.Append(nil, p.Error, "x")); got != "\x1b[31mx\x1b[0m" {
		t.Errorf("colour on: %q", got)
	}
	// jq's scheme, as gojq prints it (cli/color.go).
	want := JSONColors{Null: "\x1b[90m", False: "\x1b[33m", True: "\x1b[33m", Number: "\x1b[36m",
		String: "\x1b[32m", Key: "\x1b[34;1m", Reset: "\x1b[0m"}
	if *p.JSON != want {
		t.Errorf("JSON colours %q, want %q", *p.JSON, want)
	}
	s.SetColorMode(ColorNever)
	if s.Palette().Enabled() {
		t.Error("--color never after always: still coloured")
	}
}
