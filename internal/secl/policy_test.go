package secl

import (
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func loadPolicy(t *testing.T) *Policy {
	t.Helper()
	data, err := os.ReadFile("testdata/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pol, err := ParsePolicy("policy.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return pol
}

func TestParsePolicy(t *testing.T) {
	pol := loadPolicy(t)
	if len(pol.Macros) != 3 || pol.Macros[0].ID != "shells" || !reflect.DeepEqual(pol.Macros[0].Values, []string{"bash", "sh", "zsh"}) {
		t.Errorf("macros: %+v", pol.Macros)
	}
	if len(pol.Rules) != 7 {
		t.Fatalf("%d rules, want 7", len(pol.Rules))
	}
	r := pol.Rules[0]
	if r.ID != "download_from_shell" || r.Line != 10 || len(r.Actions) != 3 {
		t.Errorf("first rule: %+v", r)
	}
	set := r.Actions[0].Set
	if set == nil || set.Name != "downloaded" || set.Value != true || set.Scope != "process" || time.Duration(set.TTL) != 10*time.Second {
		t.Errorf("set action: %+v", set)
	}
	if !pol.Rules[3].Disabled || pol.Rules[4].Filters[0] != "kernel.version.major >= 5" || pol.Rules[5].AgentVersion != ">= 7.50" {
		t.Errorf("disabled, filters, agent_version: %+v", pol.Rules[3:6])
	}
}

func TestParsePolicyErrors(t *testing.T) {
	for data, want := range map[string]string{
		"rules: [":                            "p.yaml:1: not a policy: did not find expected node content",
		"- a\n- b\n":                          "p.yaml:1: not a policy: expected a mapping with macros and rules",
		"rules:\n  - expression: true\n":      "p.yaml:2: a rule has no id",
		"rules:\n  - id: x\n    actions: 3\n": "p.yaml:3: cannot unmarshal !!int `3` into []secl.ActionDefinition",
		"rules:\n  - id: x\n    actions:\n      - set: {name: a, value: 1, ttl: soon}\n": "p.yaml:4: ttl \"soon\" is not a duration such as 10s",
		"macros: 3\n": "p.yaml:1: expected a list",
		"rules:\n  - id: x\n    actions:\n      - set: {name: a, value: 1, ttl: [1]}\n": "p.yaml:4: ttl must be a duration such as 10s",
		"rules:\n  - id: x\n    actions:\n      - set: {name: a, value: 1, ttl: -5}\n":  "p.yaml:4: ttl \"-5\" is not a duration such as 10s",
	} {
		_, err := ParsePolicy("p.yaml", []byte(data))
		if err == nil || err.Error() != want {
			t.Errorf("ParsePolicy(%q)\n got %v\nwant %s", data, err, want)
		}
	}
	pol, err := ParsePolicy("p.yaml", []byte("rules:\n  - id: x\n    actions:\n      - set: {name: a, value: 1, ttl: 1500000000}\n"))
	if err != nil || time.Duration(pol.Rules[0].Actions[0].Set.TTL) != 1500*time.Millisecond {
		t.Errorf("an integer TTL is nanoseconds, as in the agent: %v", err)
	}
	if pol, err := ParsePolicy("empty.yaml", nil); err != nil || len(pol.Rules) != 0 {
		t.Errorf("an empty policy: %v %v", pol, err)
	}
}

func TestPolicyCompile(t *testing.T) {
	rs, problems, err := loadPolicy(t).Compile(testFields)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs.Rules() {
		ids = append(ids, r.ID)
	}
	if want := []string{"download_from_shell", "write_after_download", "tools_seen", "versioned"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("rules %v, want %v (disabled, filtered and broken left out)", ids, want)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	want := []string{
		"policy.yaml:35: rule kernel_filtered: filters kernel.version.major >= 5 are about the host running the agent and cannot be checked offline: rule left out",
		"policy.yaml:39: rule versioned: agent_version >= 7.50 is not checked: rule evaluated",
		"policy.yaml:43:34: rule broken: expected a value after ==",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("problems\n got %q\nwant %q", msgs, want)
	}
	if !problems[1].Kept || problems[0].Kept {
		t.Error("Kept is wrong")
	}
	var e *Error
	if !errors.As(problems[2], &e) || e.Pos.Line != 43 {
		t.Errorf("the broken rule's error: %#v", problems[2].Err)
	}
}

// TestRulesetVariables replays events in time order: the set actions of a
// rule that fires feed later rules and events, within their scope and TTL.
func TestRulesetVariables(t *testing.T) {
	rs, _, err := loadPolicy(t).Compile(testFields)
	if err != nil {
		t.Fatal(err)
	}
	vars := NewVariables()
	curl := execEvent() // pid 4242, from bash
	write := func(pid string, at time.Duration) *fakeEvent {
		return &fakeEvent{typ: "open", at: t0.Add(at), scopes: map[string]string{"process": pid},
			vals: map[string][]Value{"open.file.path": str("/tmp/x"), "process.comm": str("sh")}}
	}
	steps := []struct {
		name string
		ev   *fakeEvent
		want []string
	}{
		{"a write before the download matches nothing", write("4242", -time.Second), nil},
		{"the download sets the variables; tools_seen reads them at once", curl, []string{"download_from_shell", "tools_seen", "versioned"}},
		{"a write by the same process, 5s later", write("4242", 5*time.Second), []string{"write_after_download"}},
		{"a write by another process", write("99", 5*time.Second), nil},
		{"a write after the TTL", write("4242", 11*time.Second), nil},
	}
	for _, s := range steps {
		if got := rs.Eval(s.ev, vars); !reflect.DeepEqual(got, s.want) {
			t.Errorf("%s: %v, want %v", s.name, got, s.want)
		}
	}
	// tools is global, an array (a set) of size 2: curl is there, wget
	// comes, curl again only refreshes it, ls is no downloader
	for i, name := range []string{"wget", "curl", "ls"} {
		ev := execEvent()
		ev.at = t0.Add(time.Duration(20+i) * time.Second)
		ev.vals["exec.file.name"] = str(name)
		rs.Eval(ev, vars)
	}
	tools := vars.get(execEvent(), varDecl{name: "tools"}, t0.Add(time.Minute).UnixNano())
	if !reflect.DeepEqual(tools, str("curl", "wget")) {
		t.Errorf("tools = %v", tools)
	}
	comm := execEvent()
	comm.vals["process.comm"] = str("wget")
	comm.vals["exec.file.name"] = str("true")
	comm.at = t0.Add(time.Minute)
	if got := rs.Eval(comm, vars); !reflect.DeepEqual(got, []string{"tools_seen"}) {
		t.Errorf("a read of an array variable: %v", got)
	}
}

func TestVariablesTTL(t *testing.T) {
	v := NewVariables()
	ev := execEvent()
	d := varDecl{name: "seen", typ: TypeString, array: true}
	now := t0.UnixNano()
	v.set(ev, d, str("a"), true, 10*time.Second, 0, now)
	if got := v.get(ev, d, now); !reflect.DeepEqual(got, str("a")) {
		t.Errorf("at +0: %v", got)
	}
	v.set(ev, d, str("b"), true, 20*time.Second, 0, now+int64(5*time.Second))
	for _, tt := range []struct {
		at   time.Duration
		want []Value
	}{
		{9 * time.Second, str("a", "b")},
		{10 * time.Second, str("b")},
		{25 * time.Second, nil},
	} {
		if got := v.get(ev, d, now+int64(tt.at)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("at +%v: %v, want %v", tt.at, got, tt.want)
		}
	}
	// appending a value again refreshes its expiry
	v.set(ev, d, str("c"), true, 10*time.Second, 0, now+int64(30*time.Second))
	v.set(ev, d, str("c"), true, 10*time.Second, 0, now+int64(35*time.Second))
	if got := v.get(ev, d, now+int64(42*time.Second)); !reflect.DeepEqual(got, str("c")) {
		t.Errorf("refreshed value: %v", got)
	}
	// a TTL past the year 2262 never runs out: now plus the TTL does not
	// wrap into the past
	long := varDecl{name: "long", typ: TypeString}
	v.set(ev, long, str("x"), false, time.Duration(math.MaxInt64), 0, now)
	if got := v.get(ev, long, now+int64(time.Hour)); !reflect.DeepEqual(got, str("x")) {
		t.Errorf("a 292-year TTL: %v an hour later", got)
	}
	// a scoped variable needs the event's scope key
	s := varDecl{name: "container.x", scope: "container", typ: TypeBool}
	v.set(ev, s, []Value{{Bool: true}}, false, 0, 0, now)
	if got := v.get(ev, s, now); got != nil {
		t.Errorf("an event with no container scope read %v", got)
	}
	var nilVars *Variables
	if nilVars.get(ev, d, now) != nil {
		t.Error("nil Variables")
	}
	if !strings.Contains(declName("x", "process"), "process.x") || declName("process.x", "process") != "process.x" {
		t.Error("declName")
	}
}

func TestPolicyDuplicateRule(t *testing.T) {
	pol, err := ParsePolicy("p.yaml", []byte("rules:\n  - id: a\n    expression: process.pid == 1\n  - id: a\n    expression: process.pid == 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	rs, problems, err := pol.Compile(testFields)
	if err != nil || len(rs.Rules()) != 1 || len(problems) != 1 ||
		problems[0].Error() != "p.yaml:4: rule a: the id is already the rule's at line 2: rule left out" {
		t.Errorf("a duplicate id: %v %v %v", rs.Rules(), problems, err)
	}
}

// TestActionFilter: a set action with a filter runs only on the events
// that match it.
func TestActionFilter(t *testing.T) {
	pol, err := ParsePolicy("p.yaml", []byte(`rules:
  - id: mark
    expression: exec.file.name != ""
    actions:
      - filter: process.uid == 0
        set: {name: by_root, value: true, scope: process}
  - id: root_child
    expression: ${process.by_root}
`))
	if err != nil {
		t.Fatal(err)
	}
	rs, problems, err := pol.Compile(testFields)
	if err != nil || len(problems) != 0 {
		t.Fatal(err, problems)
	}
	vars := NewVariables()
	user := execEvent() // uid 1000
	if got := rs.Eval(user, vars); !reflect.DeepEqual(got, []string{"mark"}) {
		t.Errorf("a user's exec: %v", got)
	}
	root := execEvent()
	root.vals["process.uid"] = ints(0)
	if got := rs.Eval(root, vars); !reflect.DeepEqual(got, []string{"mark", "root_child"}) {
		t.Errorf("root's exec: %v", got)
	}
}

// TestPolicyNoRuleLeft: when no rule of a policy can be evaluated, the
// error says why for each rule, since it is all the user sees; a position
// with no line is written without one. A policy with no rules at all (an
// empty file, macros alone, "rule:" for "rules:") is an error too.
func TestPolicyNoRuleLeft(t *testing.T) {
	tests := []struct {
		policy string
		want   string
	}{
		{"rules:\n  - id: a\n    expression: exec.file.name ==\n",
			"p.yaml: no rule of the policy can be evaluated: p.yaml:3:34: rule a: expected a value after =="},
		{"rules:\n  - id: a\n    disabled: true\n    expression: exec.file.name == \"x\"\n",
			"p.yaml: no rule of the policy can be evaluated: p.yaml:2: rule a: disabled"},
		{"macros:\n  - id: m\n    expression: m\nrules:\n  - id: a\n    expression: m\n  - id: b\n    expression: process.nope == 1\n",
			"p.yaml: no rule of the policy can be evaluated: p.yaml:6:17: rule a: in macro m: macro m uses itself; p.yaml:8:17: rule b: unknown field process.nope"},
		{"", `p.yaml: the policy has no rules (a list under "rules")`},
		{"rules: []\n", `p.yaml: the policy has no rules (a list under "rules")`},
		{"macros:\n  - id: m\n    expression: exec.file.name == \"x\"\n", `p.yaml: the policy has no rules (a list under "rules")`},
		{"rule:\n  - id: a\n    expression: exec.file.name == \"x\"\n", `p.yaml: the policy has no rules (a list under "rules")`},
	}
	for _, tt := range tests {
		pol, err := ParsePolicy("p.yaml", []byte(tt.policy))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = pol.Compile(testFields)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Compile(%q)\n got %v\nwant %s", tt.policy, err, tt.want)
		}
	}
	if _, err := ParsePolicy("p.yaml", []byte("rules:\n\x01")); err == nil || strings.Contains(err.Error(), "p.yaml:0") {
		t.Errorf("a YAML error with no line: %v", err)
	}
}

// TestPolicyErrorPositions: an error in a rule's expression is placed at
// its line and column in the policy file, whatever the scalar style the
// expression is written in, on one line or several.
func TestPolicyErrorPositions(t *testing.T) {
	const head = "rules:\n  - id: a\n    expression: "
	tests := []struct {
		name, expr string
		want       string
	}{
		{"plain", `exec.file.name == "x" && process.pid >`, "p.yaml:3:55"},
		{"plain on two lines", "exec.file.name == \"x\" &&\n      process.pid >", "p.yaml:4:20"},
		{"double quoted", `"exec.file.name == \"x\" && process.nope == 1"`, "p.yaml:3:45"},
		{"double quoted on two lines", "\"exec.file.name == \\\"x\\\" &&\n      process.pid > \"", "p.yaml:4:20"},
		{"single quoted on two lines", "'exec.file.name == \"x\" &&\n      process.nope == 1'", "p.yaml:4:7"},
		{"literal", "|\n      exec.file.name == \"x\"\n      && process.pid >\n", "p.yaml:5:23"},
		{"literal, unknown field", "|\n      exec.file.name == \"x\"\n      && process.nope == 1\n", "p.yaml:5:10"},
		{"folded", ">-\n      exec.file.name == \"x\"\n      && process.pid >\n", "p.yaml:5:23"},
		{"folded, unknown field", ">\n      exec.file.name == \"x\"\n\n      && process.nope == 1\n", "p.yaml:6:10"},
	}
	for _, tt := range tests {
		pol, err := ParsePolicy("p.yaml", []byte(head+tt.expr+"\n  - id: b\n    expression: process.pid == 1\n"))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		_, problems, err := pol.Compile(testFields)
		if err != nil || len(problems) != 1 {
			t.Fatalf("%s: %v %v", tt.name, err, problems)
		}
		var e *Error
		if !errors.As(problems[0], &e) || e.Pos.String() != tt.want {
			t.Errorf("%s: %v, want it at %s", tt.name, problems[0], tt.want)
		}
	}
}

// TestPolicyBrokenMacro: a rule that uses a macro that does not parse says
// so, rather than reading the macro's name as an unknown field.
func TestPolicyBrokenMacro(t *testing.T) {
	pol, err := ParsePolicy("p.yaml", []byte("macros:\n  - id: m\n    expression: exec.file.name in [\n  - id: v\n    values: [a]\nrules:\n  - id: r\n    expression: m\n  - id: s\n    expression: exec.file.name in m\n  - id: ok\n    expression: exec.file.name in v\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, problems, err := pol.Compile(testFields)
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	want := []string{
		"p.yaml:3:36: macro m: expected an array member, found end of expression",
		"p.yaml:8:17: rule r: macro m does not compile (see its error)",
		"p.yaml:10:35: rule s: macro m does not compile (see its error)",
	}
	if err != nil || !reflect.DeepEqual(msgs, want) {
		t.Errorf("problems\n got %q\nwant %q (%v)", msgs, want, err)
	}
}

// TestPolicyMacroBomb: macros that each use the one before twice expand
// to 2^40 comparisons, SECL's billion laughs; the rule is refused with an
// error, at once, rather than compiled until memory runs out.
func TestPolicyMacroBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("macros:\n  - id: m0\n    expression: exec.file.name == \"bash\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  - id: m%d\n    expression: m%d || m%d\n", i, i-1, i-1)
	}
	b.WriteString("rules:\n  - id: bomb\n    expression: m40\n  - id: fine\n    expression: m3\n")
	pol, err := ParsePolicy("p.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		rs       *Ruleset
		problems []*RuleError
		err      error
	}
	done := make(chan result, 1)
	go func() {
		rs, problems, err := pol.Compile(testFields)
		done <- result{rs, problems, err}
	}()
	select {
	case r := <-done:
		if r.err != nil || len(r.rs.Rules()) != 1 || r.rs.Rules()[0].ID != "fine" || len(r.problems) != 1 ||
			!strings.HasPrefix(r.problems[0].Error(), "p.yaml:86:17: rule bomb: ") ||
			!strings.Contains(r.problems[0].Error(), "macros expand to more than") {
			t.Errorf("rules %v, problems %v, error %v", r.rs.Rules(), r.problems, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("compiling a macro bomb did not end in 20 s")
	}
}
