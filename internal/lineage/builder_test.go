package lineage

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// build decodes one event per line and merges them all, each event a hit.
func build(t testing.TB, lines ...string) *Forest {
	t.Helper()
	b := NewBuilder()
	b.KeepHits = true
	for i, line := range lines {
		var ev model.Event
		if _, err := Decode([]byte(line), 0, &ev); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if n := b.Add("", &ev); n != nil {
			b.Attach(n, "test", i+1, &ev)
		}
	}
	forests := b.Forests()
	if len(forests) != 1 {
		t.Fatalf("%d forests, want 1", len(forests))
	}
	return forests[0]
}

// outline draws the forest as shown, one "name" per line, indented by
// depth, back-references marked "^name", hits counted in brackets.
func outline(f *Forest) string {
	var sb strings.Builder
	f.Walk(func(s Step) {
		if s.Leave {
			return
		}
		sb.WriteString(strings.Repeat("  ", s.Depth))
		if s.BackRef {
			sb.WriteString("^")
		}
		sb.WriteString(s.Node.DisplayName())
		if s.Node.HasHits() && !s.BackRef {
			hits := 0
			for _, rc := range s.Node.Rules {
				hits += rc.Count
			}
			fmt.Fprintf(&sb, " [%d]", hits)
		}
		sb.WriteString("\n")
	})
	return sb.String()
}

// proc writes a process object: pid, exec time (seconds after 10:00:00Z,
// or none when negative) and the executable's name.
func proc(pid int, sec int, name string) string {
	s := fmt.Sprintf(`{"pid":%d,"executable":{"name":%q}`, pid, name)
	if sec >= 0 {
		s += fmt.Sprintf(`,"exec_time":"2025-11-03T10:%02d:%02dZ"`, sec/60, sec%60)
	}
	return s + "}"
}

// event writes an event of the acting process with its ancestors.
func event(acting string, ancestors ...string) string {
	pc := strings.TrimSuffix(acting, "}")
	if len(ancestors) > 0 {
		pc += `,"ancestors":[` + strings.Join(ancestors, ",") + "]"
	}
	return `{"agent":{"rule_id":"r"},"evt":{"name":"exec"},"process":` + pc + "}}"
}

func check(t *testing.T, f *Forest, want string) {
	t.Helper()
	if got := outline(f); got != strings.TrimLeft(want, "\n") {
		t.Errorf("forest:\n%s\nwant:\n%s", got, strings.TrimLeft(want, "\n"))
	}
}

func TestPIDReuse(t *testing.T) {
	system := proc(4, -1, "System")
	cmd := proc(500, 0, "cmd.exe")
	ps := proc(500, 300, "powershell.exe")
	f := build(t,
		event(proc(600, 5, "whoami.exe"), cmd, system),
		event(proc(700, 305, "reg.exe"), ps, system),
		// The same whoami, seen again: one node, two hits.
		event(proc(600, 5, "whoami.exe"), cmd, system),
		// A pid reused with the same parent pid is another process too.
		event(proc(600, 400, "net.exe"), cmd, system),
	)
	check(t, f, `
System
  cmd.exe
    whoami.exe [2]
    net.exe [1]
  powershell.exe
    reg.exe [1]
`)
	if f.Conflicts.Total() != 0 {
		t.Errorf("conflicts %+v, want none", f.Conflicts)
	}
}

// Sightings without exec_time are told apart by their parent in the chain.
func TestMissingExecTime(t *testing.T) {
	systemd := proc(1, -1, "systemd")
	sshd := proc(150, -1, "sshd")
	cron := proc(170, -1, "cron")
	bash := proc(200, -1, "bash")
	f := build(t,
		event(bash, sshd, systemd),
		event(proc(300, -1, "curl"), bash, sshd, systemd),
		event(bash, cron, systemd),                     // pid 200 under cron: another bash
		event(proc(300, -1, "python3")),                // pid 300 with no ancestry: another process
		event(proc(310, 9, "sh"), bash, sshd, systemd), // under the first bash
	)
	check(t, f, `
systemd
  sshd
    bash [1]
      curl [1]
      sh [1]
  cron
    bash [1]
python3 [1]
`)
	if len(f.Nodes) != 8 {
		t.Errorf("%d nodes, want 8", len(f.Nodes))
	}
}

func TestCyclesTerminate(t *testing.T) {
	a := proc(10, 0, "a")
	b, c, d := proc(20, 2, "b"), proc(30, 3, "c"), proc(40, 4, "d")
	f := build(t,
		event(a, a),    // its own parent
		event(b, c, d), // b → c → d ...
		event(d, b),    // ... → b: a cycle of three
		event(proc(50, 5, "e"), c, d, b),
	)
	check(t, f, `
a [1]
  ^a
d [1]
  c
    b [1]
      ^d
    e [1]
`)
	entered := map[*Node]int{}
	f.Walk(func(s Step) {
		if !s.Leave && !s.BackRef {
			entered[s.Node]++
		}
	})
	if len(entered) != len(f.Nodes) {
		t.Errorf("walk entered %d nodes of %d", len(entered), len(f.Nodes))
	}
}

func TestTruncatedAncestors(t *testing.T) {
	x, y, w := proc(900, 10, "x"), proc(800, 9, "y"), proc(700, 8, "w")
	f := build(t,
		strings.Replace(event(x, y), `"ancestors"`, `"truncated_ancestors":true,"ancestors"`, 1),
		strings.Replace(event(proc(950, 12, "q"), proc(940, 11, "r")), `"ancestors"`, `"truncated_ancestors":true,"ancestors"`, 1),
		event(proc(910, 11, "z"), y, w), // tells y's parent: not truncated any more
	)
	check(t, f, `
w
  y
    x [1]
    z [1]
r
  q [1]
`)
	for _, n := range f.Nodes {
		if want := n.Name == "r"; n.Truncated != want {
			t.Errorf("%s: Truncated %v, want %v", n.Name, n.Truncated, want)
		}
	}
}

func TestLaterEventsWin(t *testing.T) {
	f := build(t,
		`{"process":{"pid":2,"exec_time":"2025-11-03T10:00:02Z","cmdline":"first","user":"alice","ancestors":[{"pid":1,"exec_time":"2025-11-03T10:00:01Z"}]}}`,
		// Another parent, another command line, the same user, no ppid.
		`{"process":{"pid":2,"exec_time":"2025-11-03T10:00:02Z","cmdline":"second","user":"alice","ancestors":[{"pid":3,"exec_time":"2025-11-03T10:00:01Z"}]}}`,
		// Nothing said about the user: no conflict.
		`{"process":{"pid":2,"exec_time":"2025-11-03T10:00:02+00:00","exit_time":"2025-11-03T10:00:09Z"}}`,
		`{"process":{"pid":2,"exec_time":"2025-11-03T10:00:02Z","exit_time":"2025-11-03T10:00:10Z"}}`,
	)
	if f.Conflicts != (Conflicts{Parent: 1, Facts: 2}) {
		t.Errorf("conflicts %+v, want 1 parent, 2 facts", f.Conflicts)
	}
	var n *Node
	for _, m := range f.Nodes {
		if m.Key.PID.Is(2) {
			n = m
		}
	}
	if !n.Parent.Key.PID.Is(3) || n.Cmdline != "second" || n.User != "alice" || n.ExitTime().Second() != 10 || len(n.Hits) != 4 {
		t.Errorf("merged node %+v", n)
	}
}

func TestEventsWithoutProcess(t *testing.T) {
	f := build(t, `{"agent":{"rule_id":"r"}}`, event(proc(1, 0, "a")))
	if f.NoProcess != 1 || len(f.Nodes) != 1 {
		t.Errorf("NoProcess %d, %d nodes", f.NoProcess, len(f.Nodes))
	}
}

func TestHostsAreSeparateForests(t *testing.T) {
	b := NewBuilder()
	var ev model.Event
	Decode([]byte(event(proc(1, 0, "a"))), 0, &ev)
	b.Add("web-2", &ev)
	b.Add("web-1", &ev)
	b.Add("web-1", &ev)
	forests := b.Forests()
	if len(forests) != 2 || forests[0].Host != "web-1" || forests[1].Host != "web-2" || len(forests[0].Nodes) != 1 {
		t.Errorf("forests %+v", forests)
	}
}

// focusForest has hits only where the events name rule "hit".
func focusForest(t *testing.T) *Forest {
	b := NewBuilder()
	root, mid, leaf, other := proc(1, 0, "root"), proc(2, 1, "mid"), proc(3, 2, "leaf"), proc(4, 3, "other")
	for _, line := range []string{
		event(proc(5, 4, "below"), leaf, mid, root),
		event(mid, root),
		event(other, root),
		event(proc(6, 5, "sibling"), mid, root),
	} {
		var ev model.Event
		Decode([]byte(line), 0, &ev)
		n := b.Add("", &ev)
		if ev.Process.Executable.Name == "mid" {
			b.Attach(n, "test", 1, &ev)
		}
	}
	return b.Forests()[0]
}

func TestFocusHits(t *testing.T) {
	f := focusForest(t)
	f.FocusHits()
	check(t, f, `
root
  mid [1]
    leaf
      below
    sibling
`)
	f.HitsOnly()
	check(t, f, `
root
  mid [1]
`)
}

func TestHitsOnlyKeepsAncestors(t *testing.T) {
	f := build(t, event(proc(3, 2, "c"), proc(2, 1, "b"), proc(1, 0, "a")))
	f.Nodes[len(f.Nodes)-1].Rules = nil // the acting process, seen last, loses its hit
	f.HitsOnly()
	if len(f.Roots) != 0 {
		t.Errorf("roots %v, want none", outline(f))
	}
}

// A chain deep enough to exhaust a recursive walk's stack is walked.
func TestDeepChain(t *testing.T) {
	const depth = 200_000
	ancestors := make([]string, depth)
	for i := range ancestors {
		ancestors[i] = fmt.Sprintf(`{"pid":%d}`, depth-i)
	}
	f := build(t, event(proc(depth+1, -1, "deep"), ancestors...))
	maxDepth := 0
	f.Walk(func(s Step) { maxDepth = max(maxDepth, s.Depth) })
	if maxDepth != depth || len(f.Nodes) != depth+1 {
		t.Errorf("depth %d, %d nodes", maxDepth, len(f.Nodes))
	}
}

func TestDisplayName(t *testing.T) {
	for _, tt := range []struct {
		n    Node
		want string
	}{
		{Node{Name: "a.exe", Path: `C:\b.exe`}, "a.exe"},
		{Node{Path: `C:\Windows\b.exe`}, "b.exe"},
		{Node{Path: "/usr/bin/curl"}, "curl"},
		{Node{Cmdline: `"C:\Program Files\x.exe" -y`}, "x.exe"},
		{Node{Cmdline: "/bin/sh -c id"}, "sh"},
		{Node{Cmdline: `"`}, "?"},
		{Node{}, "?"},
	} {
		if got := tt.n.DisplayName(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.n, got, tt.want)
		}
	}
}

// The agent's security-profile test events reuse pids 12, 13 and 14 under
// one parent for other executables, with no exec or fork time: each program
// is a process of its own, and apache stays under webserver. The fifth
// event names no executable: its pids match the processes already seen.
func TestPidReusedForAnotherExecutable(t *testing.T) {
	data, err := os.ReadFile("testdata/profile-pid-reuse.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	f := build(t, strings.Split(strings.TrimSpace(string(data)), "\n")...)
	check(t, f, `
init
  webserver [1]
    apache [2]
      ls [1]
  ls [1]
  ls [1]
`)
	if c := f.Conflicts.Total(); c != 0 {
		t.Errorf("%d conflicts, want 0: %+v", c, f.Conflicts)
	}
}

// An exec in place keeps the pid: the agent lists the image before the exec
// as the parent, with the same pid and an older exec time (or, with no
// times, another executable). Each image is a process, drawn as the chain
// carries them.
func TestExecInPlace(t *testing.T) {
	img := func(pid, sec int, path string, execChild bool) string {
		s := fmt.Sprintf(`{"pid":%d,"executable":{"path":%q}`, pid, path)
		if sec >= 0 {
			s += fmt.Sprintf(`,"exec_time":"2025-11-03T10:00:%02dZ"`, sec)
		}
		if execChild {
			s += `,"is_exec_child":true`
		}
		return s + "}"
	}
	f := build(t,
		event(img(50, 1, "/bin/bash", false), img(1, 0, "/sbin/init", false)),
		event(img(50, 2, "/bin/ls", true), img(50, 1, "/bin/bash", false), img(1, 0, "/sbin/init", false)),
		event(img(60, -1, "/bin/sh", false), img(1, 0, "/sbin/init", false)),
		event(img(60, -1, "/usr/bin/env", true), img(60, -1, "/bin/sh", false), img(1, 0, "/sbin/init", false)),
		event(img(60, -1, "/usr/bin/python3", true), img(60, -1, "/usr/bin/env", true), img(60, -1, "/bin/sh", false), img(1, 0, "/sbin/init", false)),
	)
	check(t, f, `
init
  sh [1]
    env [1]
      python3 [1]
  bash [1]
    ls [1]
`)
}

// Exec and exit times are kept as the events wrote them, the later text
// for one instant written two ways (which is one process, no conflict).
func TestTimesAsWritten(t *testing.T) {
	at := func(exec, exit string) string {
		s := `{"pid":7,"exec_time":"` + exec + `"`
		if exit != "" {
			s += `,"exit_time":"` + exit + `"`
		}
		return event(s + "}")
	}
	tests := []struct {
		name               string
		events             []string
		wantExec, wantExit string
	}{
		{"canonical", []string{at("2025-11-03T09:00:00.5Z", "")}, "2025-11-03T09:00:00.5Z", ""},
		{"trailing zeros", []string{at("2025-11-03T09:00:00.1334550Z", "2025-11-03T09:29:00.1279000Z")},
			"2025-11-03T09:00:00.1334550Z", "2025-11-03T09:29:00.1279000Z"},
		{"offset", []string{at("2025-11-03T10:00:00+01:00", "")}, "2025-11-03T10:00:00+01:00", ""},
		{"later text wins", []string{at("2025-11-03T10:00:00+01:00", "2025-11-03T10:00:01+01:00"), at("2025-11-03T09:00:00Z", "2025-11-03T09:00:01.000Z")},
			"2025-11-03T09:00:00Z", "2025-11-03T09:00:01.000Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := build(t, tt.events...)
			if len(f.Nodes) != 1 {
				t.Fatalf("%d nodes, want 1", len(f.Nodes))
			}
			n := f.Nodes[0]
			if got := n.ExecTimeText(); got != tt.wantExec {
				t.Errorf("exec time %q, want %q", got, tt.wantExec)
			}
			if got := n.ExitTimeText(); got != tt.wantExit {
				t.Errorf("exit time %q, want %q", got, tt.wantExit)
			}
			if c := f.Conflicts.Total(); c != 0 {
				t.Errorf("%d conflicts, want 0", c)
			}
		})
	}
}

// A Linux process's user is process.user, else credentials.user; its uid
// is credentials.uid, an ill-typed one kept as written.
func TestLinuxUser(t *testing.T) {
	f := build(t,
		event(`{"pid":1,"user":"root","credentials":{"uid":0,"user":"nobody"}}`),
		event(`{"pid":2,"credentials":{"uid":"1000","user":"alice"}}`),
	)
	tests := []struct {
		user string
		uid  model.Int
	}{{"root", model.IntOf(0)}, {"alice", model.IllTypedInt(`"1000"`)}}
	for i, want := range tests {
		n := f.Nodes[i]
		if n.User != want.user || n.Linux == nil || !n.Linux.UID.Equal(want.uid) {
			t.Errorf("pid %v: user %q, linux %+v; want %q, uid %v", n.Key.PID, n.User, n.Linux, want.user, want.uid)
		}
	}
}

// The tid is the thread that acted: two events of one process from two
// threads do not disagree, and the last tid is kept.
func TestThreadsDoNotDisagree(t *testing.T) {
	f := build(t,
		event(`{"pid":5,"tid":5,"exec_time":"2025-11-03T09:00:00Z","comm":"nginx"}`),
		event(`{"pid":5,"tid":7,"exec_time":"2025-11-03T09:00:00Z","comm":"nginx"}`),
	)
	if c := f.Conflicts.Total(); c != 0 || len(f.Nodes) != 1 || !f.Nodes[0].Linux.TID.Is(7) {
		t.Errorf("%d conflicts, %d nodes, tid %v; want 0, 1, 7", c, len(f.Nodes), f.Nodes[0].Linux.TID)
	}
}

// uncanonicalText's shortcut must agree with formatting the instant: every
// text here is valid, and canonical exactly when it is RFC 3339 in UTC as
// time.RFC3339Nano writes it.
func TestUncanonicalText(t *testing.T) {
	for _, tc := range []struct {
		text      string
		canonical bool
	}{
		{"2025-11-03T09:00:00Z", true},
		{"2025-11-03T09:00:00.5Z", true},
		{"2025-11-03T09:00:00.123456789Z", true},
		{"0001-01-01T00:00:00.000000001Z", true},
		{"2025-11-03T09:00:00.50Z", false},
		{"2025-11-03T09:00:00.000Z", false},
		{"2025-11-03T09:00:00.1234567891Z", false},
		{"2025-11-03t09:00:00Z", false},
		{"2025-11-03T09:00:00z", false},
		{"2025-11-03T09:00:00+00:00", false},
		{"2025-11-03T10:00:00+01:00", false},
		{"2016-12-31T23:59:60Z", false},
	} {
		var tm model.Time
		if err := tm.UnmarshalJSON([]byte(`"` + tc.text + `"`)); err != nil || !tm.Valid() {
			t.Fatalf("%s: not a valid time (%v)", tc.text, err)
		}
		want := tc.text
		if tc.canonical {
			want = ""
		}
		if got := uncanonicalText(tm); got != want {
			t.Errorf("uncanonicalText(%s) = %q, want %q", tc.text, got, want)
		}
		if got := canonicalShape(tc.text); got != tc.canonical {
			t.Errorf("canonicalShape(%s) = %v, want %v", tc.text, got, tc.canonical)
		}
	}
}
