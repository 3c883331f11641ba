package lineage

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// procRaw is proc with the pid written as raw JSON.
func procRaw(pid string, sec int, name string) string {
	return strings.Replace(proc(0, sec, name), `"pid":0`, `"pid":`+pid, 1)
}

// An ill-typed pid is never turned into a shared value such as 0: it
// identifies by its JSON text, so "123" is not 123, null is not an absent
// pid, and two different ill-typed pids are two processes.
func TestIllTypedPIDsAreNotMerged(t *testing.T) {
	system := proc(4, -1, "System")
	tests := []struct {
		name     string
		a, b     string // the pids of two processes, as written
		sameNode bool
	}{
		{"string and integer", `"123"`, `123`, false},
		{"string and 0", `"123"`, `0`, false},
		{"1.5 and 1e999", `1.5`, `1e999`, false},
		{"2^63 and 0", `9223372036854775808`, `0`, false},
		{"null and absent", `null`, ``, false},
		{"true and {}", `true`, `{}`, false},
		{"two strings", `"123"`, `"124"`, false},
		{"the same string", `"123"`, `"123"`, true},
		{"1e3 and 1000, both integers", `1e3`, `1000`, true},
	}
	for _, tt := range tests {
		for _, exec := range []int{-1, 7} { // identified under a parent, or by exec time
			t.Run(fmt.Sprintf("%s exec %d", tt.name, exec), func(t *testing.T) {
				pidA, pidB := procRaw(tt.a, exec, "a.exe"), procRaw(tt.b, exec, "b.exe")
				if tt.b == "" {
					pidB = strings.Replace(pidB, `"pid":,`, ``, 1)
				}
				f := build(t, event(pidA, system), event(pidB, system))
				// Siblings are ordered by pid: either order is right here.
				lines := strings.Split(outline(f), "\n")
				slices.Sort(lines)
				got := strings.Join(lines, "\n")
				want := "\n  a.exe [1]\n  b.exe [1]\nSystem"
				if tt.sameNode {
					want = "\n  b.exe [2]\nSystem"
				}
				if got != want {
					t.Errorf("forest:\n%s\nwant (sorted):\n%s", outline(f), want)
				}
			})
		}
	}
}
