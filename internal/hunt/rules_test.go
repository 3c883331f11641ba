package hunt

import "testing"

// TestSequential: rules that set or read variables must see the events in
// input order, one at a time; the others may run in parallel.
func TestSequential(t *testing.T) {
	tests := []struct {
		name, policy string
		want         bool
	}{
		{"plain", `rules:
  - id: a
    expression: exec.file.path == "/bin/sh"
`, false},
		{"set", `rules:
  - id: a
    expression: exec.file.path == "/bin/sh"
    actions:
      - set:
          name: shell
          value: true
          scope: process
  - id: b
    expression: open.file.path == "/etc/shadow" && ${process.shell}
`, true},
		{"a macro reads a variable", `macros:
  - id: m
    expression: open.file.path == "/etc/${process.pid}"
rules:
  - id: a
    expression: m
`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := FromPolicy("p.yaml", []byte(tt.policy), Linux())
			if err != nil {
				t.Fatal(err)
			}
			if r.Sequential != tt.want {
				t.Errorf("Sequential = %v, want %v", r.Sequential, tt.want)
			}
		})
	}
}
