package secl

import (
	"os"
	"strings"
	"testing"
)

// TestREADMELanguageExamples compiles the examples of README's "The rule
// language" section, so that the documentation stays true.
func TestREADMELanguageExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "### The rule language\n")
	if !ok {
		t.Fatal(`README.md has no "### The rule language" section`)
	}
	_, block, _ := strings.Cut(section, "```text\n")
	block, _, _ = strings.Cut(block, "```")
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		if _, err := Compile("--expr", line, testFields, nil); err != nil {
			t.Errorf("README example %s: %v", line, err)
		}
		n++
	}
	if n < 3 {
		t.Errorf("%d examples", n)
	}
}

// TestAbsentFields: a scalar field the event lacks reads as its zero
// value, as in the agent's model; an array field has no element.
func TestAbsentFields(t *testing.T) {
	ev := &fakeEvent{typ: "exec", at: t0, vals: map[string][]Value{}}
	for expr, want := range map[string]bool{
		`container.id == ""`:                         true,
		`container.id != ""`:                         false,
		`process.pid == 0`:                           true,
		`process.is_thread == false`:                 true,
		`process.ancestors.file.name == ""`:          false,
		`process.ancestors.file.name != "bash"`:      true,
		`process.ancestors.file.name allin ["bash"]`: false,
		`process.ancestors.file.name in ["bash"]`:    false,
		`process.ancestors.file.name.length == 0`:    false,
		`exec.file.path =~ "/usr/*"`:                 false,
		`exec.file.path.length == 0`:                 true,
	} {
		if got := evalOn(t, expr, ev, nil); got != want {
			t.Errorf("%s = %v, want %v", expr, got, want)
		}
	}
}

// TestIllTypedFields: an empty, non-nil slice is a field that is there but
// ill-typed: it has no value, and none is invented.
func TestIllTypedFields(t *testing.T) {
	ev := &fakeEvent{typ: "exec", at: t0, vals: map[string][]Value{
		"process.pid":  {},
		"container.id": {},
	}}
	for expr, want := range map[string]bool{
		`process.pid == 0`:    false,
		`process.pid != 0`:    true,
		`process.pid >= 0`:    false,
		`container.id == ""`:  false,
		`container.id != "x"`: true,
	} {
		if got := evalOn(t, expr, ev, nil); got != want {
			t.Errorf("%s = %v, want %v", expr, got, want)
		}
	}
}
