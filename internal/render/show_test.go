package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

func TestDiffLines(t *testing.T) {
	tests := []struct {
		old, new string
		want     string // one line per diff line: op and text
	}{
		{"a\nb\nc\n", "a\nb\nc\n", " a| b| c"},
		{"a\nb\n", "a\nx\nb\n", " a|+x| b"},
		{"a\nx\nb", "a\nb", " a|-x| b"},
		{"a\nb\nS1\n", "a\nb\nc\nS2\n", " a| b|-S1|+c|+S2"},
		{"x\ny", "p\nq", "-x|-y|+p|+q"},
		{"a\nb\nc\nd", "b\nd\ne", "-a| b|-c| d|+e"},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range diffLines(splitLines(tt.old), splitLines(tt.new)) {
			got = append(got, string(d.op)+d.text)
		}
		if s := strings.Join(got, "|"); s != tt.want {
			t.Errorf("diff(%q, %q) = %q, want %q", tt.old, tt.new, s, tt.want)
		}
	}
}

// A diff too big for the LCS table still lists every line.
func TestDiffLinesHuge(t *testing.T) {
	a := make([]string, 2000)
	b := make([]string, 2000)
	for i := range a {
		a[i], b[i] = "a"+strings.Repeat("x", i%7), "b"
	}
	d := diffLines(a, b)
	if len(d) != 4000 {
		t.Errorf("got %d lines, want 4000", len(d))
	}
}

func TestExitCodeText(t *testing.T) {
	tests := []struct {
		code  int64
		cause string
		want  string
	}{
		{0, "EXITED", "0"},
		{1, "EXITED", "1"},
		{259, "EXITED", "259 (STILL_ACTIVE)"},
		{-1073741510, "EXITED", "-1073741510 (0xC000013A STATUS_CONTROL_C_EXIT)"},
		{-1073741819, "EXITED", "-1073741819 (0xC0000005 STATUS_ACCESS_VIOLATION)"},
		{3221225786, "EXITED", "3221225786 (0xC000013A STATUS_CONTROL_C_EXIT)"},
		{-2, "", "-2 (0xFFFFFFFE)"},
		{-1 << 40, "", "-1099511627776"},
		{9, "SIGNALED", "9 (SIGKILL)"},
		{11, "COREDUMPED", "11 (SIGSEGV)"},
		{99, "SIGNALED", "99"},
	}
	for _, tt := range tests {
		if got := exitCodeText(tt.code, tt.cause); got != tt.want {
			t.Errorf("exitCodeText(%d, %q) = %q, want %q", tt.code, tt.cause, got, tt.want)
		}
	}
}

func TestRelativeAge(t *testing.T) {
	now := time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want string
	}{
		{now.Add(-45 * time.Second), "45s ago"},
		{now.Add(-12*time.Minute - 5*time.Second), "12m5s ago"},
		{now.Add(-3*time.Hour - 12*time.Minute), "3h12m ago"},
		{now.Add(-3 * time.Hour), "3h ago"},
		{now.Add(-50 * time.Hour), "2d2h ago"},
		{now.Add(-40 * 24 * time.Hour), ""},
		{now.Add(5 * time.Minute), "5m in the future"},
		{now.Add(-300 * time.Millisecond), ""},
	}
	for _, tt := range tests {
		if got := relativeAge(tt.t, now); got != tt.want {
			t.Errorf("relativeAge(now-%s) = %q, want %q", now.Sub(tt.t), got, tt.want)
		}
	}
	if got := relativeAge(now, time.Time{}); got != "" {
		t.Errorf("no now: got %q", got)
	}
}

// Every object of the schema that can hold unknown fields is searched for
// them, and each is shown with its JSON pointer.
func TestCollectExtra(t *testing.T) {
	const ev = `{"zz":1,
	 "agent":{"rule_id":"r","zz":2},
	 "evt":{"name":"exec","zz":3,"matched_rules":[{"id":"m"},{"id":"n","zz":4}]},
	 "file":{"path":"p","zz":5,"destination":{"path":"d","zz":6}},
	 "exit":{"cause":"EXITED","code":"1"},
	 "process":{"pid":1,"zz":7,"executable":{"zz":8},"container":{"zz":9},"tid":"t","credentials":{"uid":"root","gid":0},
	   "parent":{"pid":2,"zz":10,"executable":{"zz":11}},
	   "ancestors":[{"pid":2},{"pid":3,"zz":12,"container":{"zz":13}}]},
	 "container":{"id":"c","zz":14},
	 "registry":{"key_path":"k","zz":15},
	 "usr":{"name":"u","zz":16},
	 "permission_change":{"path":"p","zz":17,"a/b~c":18},
	 "network":{"size":1,"zz":19,"source":{"ip":"i","port":"x"}}}`
	e, err := model.Decode([]byte(ev))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range collectExtra(e) {
		got = append(got, f.pointer+"="+f.value)
	}
	want := []string{"/zz=1", "/agent/zz=2", "/evt/zz=3", "/evt/matched_rules/1/zz=4", "/file/zz=5",
		"/file/destination/zz=6", `/exit/code="1"`, `/process/tid="t"`, "/process/zz=7", "/process/executable/zz=8",
		"/process/container/zz=9", `/process/credentials/uid="root"`, "/process/parent/zz=10", "/process/parent/executable/zz=11",
		"/process/ancestors/1/zz=12", "/process/ancestors/1/container/zz=13", "/container/zz=14",
		"/registry/zz=15", "/usr/zz=16", "/permission_change/a~1b~0c=18", "/permission_change/zz=17",
		"/network/zz=19", `/network/source/port="x"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A field only the other OS's schema defines is another field of an event
// whose agent.os names its own; without one, only what the model kept raw is.
func TestCollectExtraByAgentOS(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"agent":{"os":"windows"},"process":{"pid":1,"tid":5,"cmdline":"c"},"dns":{"id":1}}`, `/process/tid=5 /dns={"id":1}`},
		{`{"agent":{"os":"linux"},"process":{"pid":1,"tid":5,"cmdline":"c"},"dns":{"id":1}}`, `/process/cmdline="c"`},
		{`{"agent":{"os":"Linux"},"process":{"tid":"x","cmdline":"c"}}`, `/process/tid="x"`},
		{`{"process":{"tid":5,"cmdline":"c"}}`, ``},
	} {
		e, err := model.Decode([]byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range collectExtra(e) {
			got = append(got, f.pointer+"="+f.value)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: got %q, want %q", tc.in, strings.Join(got, " "), tc.want)
		}
	}
}

// An event with nothing but a rule still renders, and sections it lacks
// are not printed.
func TestShowEventMinimal(t *testing.T) {
	var buf bytes.Buffer
	ShowEvent(&buf, &model.Event{Agent: &model.AgentContext{RuleID: "r"}}, Source{File: "f", Line: 3}, ShowLayout{})
	if want := "r  f:3\nrule\n  rule  r\n\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// BenchmarkShowEvent renders decoded events of the test corpus for a pipe:
//
//	go test ./internal/render -run '^$' -bench ShowEvent -benchmem
func BenchmarkShowEvent(b *testing.B) {
	data, err := os.ReadFile("../../testdata/corpus.ndjson")
	if err != nil {
		b.Skip(err)
	}
	var events []*model.Event
	for line := range bytes.Lines(data) {
		if ev, err := model.Decode(line); err == nil {
			events = append(events, ev)
		}
		if len(events) == 500 {
			break
		}
	}
	b.SetBytes(int64(len(data)) * int64(len(events)) / int64(bytes.Count(data, []byte{'\n'})))
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		for _, ev := range events {
			ShowEvent(&buf, ev, Source{File: "corpus.ndjson", Line: 1}, ShowLayout{})
		}
	}
}
