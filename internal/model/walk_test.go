package model

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// eachObject calls fn for o, at pointer at, then for every schema object
// under it, depth first, through Object and Property alone: the plain
// reflective walk that WalkVariables must agree with.
func eachObject(o Object, at string, fn func(o Object, at string)) {
	fn(o, at)
	for p := range o.Properties() {
		for i, child := range p.Objects() {
			where := at + "/" + p.Key
			if i >= 0 {
				where += "/" + strconv.Itoa(i)
			}
			eachObject(child, where, fn)
		}
	}
}

func mustDecode(t *testing.T, s string) *Event {
	t.Helper()
	ev, err := Decode([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// FuzzWalkVariables holds WalkVariables to the walk through Object on any
// input:
//
//	go test ./internal/model -run '^$' -fuzz FuzzWalkVariables -fuzztime 30s
func FuzzWalkVariables(f *testing.F) {
	f.Add([]byte(`{"evt":{"variables":{"e":1}},"process":{"ancestors":[{"container":{"variables":{"a":1}}}]}}`))
	for _, line := range corpusLines(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkWalkVariables(t, data, nil)
	})
}

func TestObjectOf(t *testing.T) {
	for _, x := range []any{nil, Event{}, (*Event)(nil), new(int), new(Variables), new(Int), new(Time)} {
		if _, ok := ObjectOf(x); ok {
			t.Errorf("ObjectOf(%T) is a schema object", x)
		}
	}
	ev := mustDecode(t, `{"title":"t","process":{"pid":1,"ancestors":[{"pid":2},{"pid":"3"}]},"exit":{"code":0}}`)
	root, ok := ObjectOf(ev)
	if !ok {
		t.Fatal("ObjectOf(*Event) is not a schema object")
	}
	var got []string
	for p := range root.Properties() {
		s := p.Key
		if !p.IsZero() {
			s += "*"
		}
		got = append(got, s)
	}
	// The top-level properties in declaration order; * marks those the
	// event has: an exit code of 0 is there, an absent date is not.
	want := "agent title* evt date file exit* process* container registry usr permission_change " +
		"network dd security_profile cgroup selinux bpf mmap mprotect ptrace module signal splice dns imds " +
		"accept bind connect mount syscalls syscall packet network_flow_monitor sysctl setsockopt " +
		"cgroup_write capabilities prctl"
	if strings.Join(got, " ") != want {
		t.Errorf("properties %q, want %q", strings.Join(got, " "), want)
	}
	for p := range root.Properties() {
		if p.Key != "process" {
			continue
		}
		for i, pc := range p.Objects() {
			if i != -1 {
				t.Errorf("process: index %d", i)
			}
			for q := range pc.Properties() {
				if q.Key == "ancestors" {
					var pids []string
					for j, a := range q.Objects() {
						for r := range a.Properties() {
							if r.Key == "pid" {
								pids = append(pids, strconv.Itoa(j)+":"+r.Value().(Int).String())
							}
						}
					}
					if strings.Join(pids, " ") != `0:2 1:"3"` {
						t.Errorf("ancestors' pids %q", pids)
					}
				}
			}
		}
	}
}

// variablesByObjects lists the pointer and sorted names of every non-empty
// Variables under o.
func variablesByObjects(o Object) []string {
	var out []string
	eachObject(o, "", func(o Object, at string) {
		for p := range o.Properties() {
			if vars, ok := p.Value().(Variables); ok && len(vars) > 0 {
				out = append(out, at+"/"+p.Key+" "+strings.Join(slices.Sorted(maps.Keys(vars)), ","))
			}
		}
	})
	return out
}

func checkWalkVariables(t *testing.T, data []byte, want []string) {
	t.Helper()
	e, err := Decode(data)
	if err != nil {
		return
	}
	var got []string
	WalkVariables(e, func(at string, vars Variables) bool {
		got = append(got, at+" "+strings.Join(slices.Sorted(maps.Keys(vars)), ","))
		return true
	})
	root, _ := ObjectOf(e)
	if byObjects := variablesByObjects(root); !slices.Equal(got, byObjects) {
		t.Fatalf("%s\nWalkVariables:\n%s\nObject walk:\n%s", data, strings.Join(got, "\n"), strings.Join(byObjects, "\n"))
	}
	if want != nil && !slices.Equal(got, want) {
		t.Errorf("WalkVariables:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// WalkVariables finds every context's variables, at every depth, as a walk
// through Object does.
func TestWalkVariablesMatchesObjects(t *testing.T) {
	const ev = `{"evt":{"variables":{"e":1}},"container":{"variables":{"c":1}},
	 "process":{"container":{"variables":{"pc":1}},"variables":{"p":1,"q":2},
	   "parent":{"container":{"variables":{"ppc":1}}},
	   "ancestors":[{"container":{"variables":{}}},{"container":{"variables":{"a1":1}}}]}}`
	want := []string{"/evt/variables e", "/process/variables p,q", "/process/container/variables pc",
		"/process/parent/container/variables ppc", "/process/ancestors/1/container/variables a1", "/container/variables c"}
	checkWalkVariables(t, []byte(ev), want)
	for _, line := range corpusLines(t) {
		checkWalkVariables(t, line, nil)
	}
}
