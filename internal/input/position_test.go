package input

import "testing"

func TestPositionString(t *testing.T) {
	tests := []struct {
		name string
		pos  Position
		want string
	}{
		{"line", Position{File: "a.ndjson", Line: 12}, "a.ndjson:12"},
		{"column", Position{File: "a.ndjson", Line: 12, Col: 7}, "a.ndjson:12:7"},
		{"stdin", Position{File: StdinName, Line: 1}, "<stdin>:1"},
		{"name with a colon", Position{File: "c:/x.json", Line: 3, Col: 1}, "c:/x.json:3:1"},
		// Escaping is the printer's job: the name is kept as given.
		{"control character kept", Position{File: "a\x1b.json", Line: 2}, "a\x1b.json:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := string(tt.pos.Append([]byte("> "))); got != "> "+tt.want {
				t.Errorf("Append() = %q, want %q", got, "> "+tt.want)
			}
		})
	}
}
