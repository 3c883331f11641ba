package schema

import (
	"reflect"
	"testing"
)

func TestAgentOS(t *testing.T) {
	tests := map[string]string{
		`{"agent":{"rule_id":"r","os":"linux"},"title":"t"}`:       "linux",
		` {"title":"t","agent":{"os":"windows"}}`:                  "windows",
		`{"title":"t","process":{"agent":{"os":"linux"}}}`:         "",
		`{"variables":{"os":"linux"},"agent":{"os":"lin\u0075x"}}`: "linux",
		`{"agent":{"os":5}}`:                                       "",
		`{"agent":"linux"}`:                                        "",
		`[{"agent":{}}]`:                                           "",
		`{"agent":{"os":"li`:                                       "",
		``:                                                         "",
		// The last of repeated keys wins, as in the validator and jq.
		`{"agent":{"os":"windows"},"title":"t","agent":{"os":"linux"}}`: "linux",
		`{"agent":{"os":"linux"},"agent":{"rule_id":"r"}}`:              "",
		`{"agent":{"os":"windows","arch":"x64","os":"linux"}}`:          "linux",
		`{"agent":{"os":"linux"},"\u0061gent":{"os":"windows"}}`:        "windows",
	}
	for in, want := range tests {
		if got := agentOS([]byte(in), 0); got != want {
			t.Errorf("agentOS(%s) = %q, want %q", in, got, want)
		}
	}
}

// With the auto schema a Linux event is held to the Linux schema (which
// requires process.uid) and a Windows event to the Windows one.
func TestAutoSchema(t *testing.T) {
	v, err := Load(Auto)
	if err != nil {
		t.Fatal(err)
	}
	linux := `{"agent":{"rule_id":"r","os":"linux"},"title":"t","process":{"pid":1,"gid":0}}`
	windows := `{"agent":{"rule_id":"r","os":"windows"},"title":"t","process":{"pid":1,"gid":0}}`
	_, f, _ := v.Validate([]byte(linux), 0, nil)
	if len(f) != 1 || f[0].Path != "/process" || f[0].Keyword != "required" {
		t.Errorf("linux event: %v, want process.uid required", f)
	}
	_, f, _ = v.Validate([]byte(windows), 0, nil)
	if len(f) != 1 || f[0].Path != "/process/gid" || f[0].Keyword != "additionalProperties" {
		t.Errorf("windows event: %v, want gid not allowed", f)
	}
	// The schema is the last agent's, the one the validator checks.
	twoAgents := `{"agent":{"rule_id":"r","os":"windows"},"title":"t","process":{"pid":1,"gid":0},"agent":{"rule_id":"r","os":"linux"}}`
	_, f, _ = v.Validate([]byte(twoAgents), 0, nil)
	if len(f) != 1 || f[0].Path != "/process" || f[0].Keyword != "required" {
		t.Errorf("event whose last agent is linux: %v, want process.uid required", f)
	}
}

func TestPolicyGrade(t *testing.T) {
	tests := []struct {
		name      string
		policy    Policy
		findings  []Finding
		wantValid bool
		wantHints int
	}{
		{"user_sid hinted", Policy{}, []Finding{{Path: "/process/ancestors/12/user_sid", Keyword: "additionalProperties"}}, false, 1},
		{"user_sid on parent", Policy{}, []Finding{{Path: "/process/parent/user_sid", Keyword: "additionalProperties"}}, false, 1},
		{"user_sid elsewhere not hinted", Policy{}, []Finding{{Path: "/usr/user_sid", Keyword: "additionalProperties"}}, false, 0},
		{"empty date hinted", Policy{}, []Finding{{Path: "/date", Keyword: "type", Message: "expected string, got object"}}, false, 1},
		{"numeric date not hinted", Policy{}, []Finding{{Path: "/date", Keyword: "type", Message: "expected string, got number"}}, false, 0},
		{"user_sid hinted once an event", Policy{}, []Finding{
			{Path: "/process/user_sid", Keyword: "additionalProperties"},
			{Path: "/process/parent/user_sid", Keyword: "additionalProperties"},
			{Path: "/process/ancestors/0/user_sid", Keyword: "additionalProperties"},
		}, false, 1},
		{"user_sid suffix of another name", Policy{}, []Finding{{Path: "/process/xuser_sid", Keyword: "additionalProperties"}}, false, 0},
		{"auid hinted", Policy{}, []Finding{{Path: "/process/credentials", Keyword: "required", Message: `missing required property "auid"`}}, false, 1},
		{"auid in every ancestor hinted once", Policy{}, []Finding{
			{Path: "/process/credentials", Keyword: "required", Message: `missing required property "auid"`},
			{Path: "/process/parent/credentials", Keyword: "required", Message: `missing required property "auid"`},
			{Path: "/process/ancestors/0/credentials", Keyword: "required", Message: `missing required property "auid"`},
			{Path: "/process/ancestors/17/credentials", Keyword: "required", Message: `missing required property "auid"`},
		}, false, 1},
		{"another credential not hinted", Policy{}, []Finding{{Path: "/process/credentials", Keyword: "required", Message: `missing required property "euid"`}}, false, 0},
		{"auid elsewhere not hinted", Policy{}, []Finding{{Path: "/process/credentials/destination", Keyword: "required", Message: `missing required property "auid"`}}, false, 0},
		{"dns response null hinted", Policy{}, []Finding{{Path: "/dns/response", Keyword: "type", Message: "expected object, got null"}}, false, 1},
		{"dns response string not hinted", Policy{}, []Finding{{Path: "/dns/response", Keyword: "type", Message: "expected object, got string"}}, false, 0},
		{"raw serializer output hinted once", Policy{}, []Finding{
			{Path: "", Keyword: "required", Message: `missing required property "agent"`},
			{Path: "", Keyword: "required", Message: `missing required property "title"`},
		}, false, 1},
		{"agent missing alone not hinted", Policy{}, []Finding{{Path: "", Keyword: "required", Message: `missing required property "agent"`}}, false, 0},
		{"title missing alone not hinted", Policy{}, []Finding{{Path: "", Keyword: "required", Message: `missing required property "title"`}}, false, 0},
		{"unknown allowed", Policy{AllowUnknown: true}, []Finding{{Path: "/hostname", Keyword: "additionalProperties"}}, true, 0},
		{"unknown allowed, type still fails", Policy{AllowUnknown: true}, []Finding{{Path: "/hostname", Keyword: "additionalProperties"}, {Path: "/title", Keyword: "type"}}, false, 0},
	}
	for _, tt := range tests {
		valid := tt.policy.Grade(tt.findings)
		hints := 0
		for _, f := range tt.findings {
			if f.Hint != "" {
				hints++
			}
			if f.Warning != (tt.policy.AllowUnknown && f.Keyword == "additionalProperties") {
				t.Errorf("%s: %+v warning %v", tt.name, f, f.Warning)
			}
		}
		if valid != tt.wantValid || hints != tt.wantHints {
			t.Errorf("%s: valid %v hints %d, want %v and %d", tt.name, valid, hints, tt.wantValid, tt.wantHints)
		}
	}
}

// The embedded schemas are valid draft 2020-12 schemas (the reference
// accepts them) and compile: Load skips both checks at run time.
func TestBuiltinSchemas(t *testing.T) {
	for _, name := range []string{"windows", "linux"} {
		doc, ok := Builtin(name)
		if !ok {
			t.Fatalf("no built-in schema %q", name)
		}
		if _, err := Reference(doc); err != nil {
			t.Errorf("%s: the reference rejects it: %v", name, err)
		}
		root, err := decodeSchema(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := compile(root); err != nil {
			t.Errorf("%s: does not compile: %v", name, err)
		}
	}
}

// checkValidateChoosing holds byOS.validate, which chooses the schema by
// the first agent.os and checks it against the last, to choosing first by
// pickOS and validating after.
func checkValidateChoosing(t *testing.T, b *byOS, data []byte) {
	t.Helper()
	end, got, choice, err := b.validate(data, 0, nil)
	v, wantChoice := b.choose(data, 0)
	wantEnd, want, wantErr := v.Validate(data, 0, nil)
	if err != nil || wantErr != nil {
		if err == nil || wantErr == nil || err.Error() != wantErr.Error() || end != wantEnd {
			t.Fatalf("%s: error %v at %d, want %v at %d", data, err, end, wantErr, wantEnd)
		}
		return
	}
	if choice != wantChoice || end != wantEnd || !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v %d %v\nwant %+v %d %v", data, choice, end, got, wantChoice, wantEnd, want)
	}
}

var validateChoosingCases = []string{
	`{"agent":{"rule_id":"r","os":"linux"},"title":"t","process":{"pid":1,"gid":0}}`,
	`{"agent":{"rule_id":"r","os":"windows"},"title":"t","process":{"pid":1,"gid":0}}`,
	`{"agent":{"os":"windows"},"process":{"gid":0},"agent":{"os":"linux"}}`,
	`{"agent":{"os":"linux"},"process":{"gid":0},"agent":{"rule_id":"r"}}`,
	`{"agent":{"os":"linux","os":"windows"},"process":{"gid":0}}`,
	`{"agent":{"os":"linux"},"\u0061gent":{"os":"windows"},"process":{"gid":0}}`,
	`{"agent":{"os":"linux"},"process":{"gid":0},"agent":"x"}`,
	`{"agent":{"os":"linux"},"process":{"gid":0},"x":[}`,
	`{"agent":{"os":"windows"},"process":{"credentials":{"uid":0}}}`,
	`{"process":{"credentials":{"uid":0}}}`,
	`{"agent":{"os":5},"registry":{}}`,
	`[{"agent":{"os":"linux"}}]`,
	`{"agent":{"os":"lin`,
	`{}`,
}

func TestValidateChoosingMatchesChooseThenValidate(t *testing.T) {
	b := newByOS().(*byOS)
	for _, s := range validateChoosingCases {
		checkValidateChoosing(t, b, []byte(s))
	}
}

// FuzzValidateChoosing holds the one-pass choice to pickOS's on any input:
//
//	go test ./internal/schema -run '^$' -fuzz FuzzValidateChoosing -fuzztime 30s
func FuzzValidateChoosing(f *testing.F) {
	for _, s := range validateChoosingCases {
		f.Add([]byte(s))
	}
	b := newByOS().(*byOS)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkValidateChoosing(t, b, data)
	})
}
