package secl

import (
	"testing"
	"time"
)

// staticEvent answers from fixed slices, as an accessor over raw bytes
// would: no allocation of its own, so the benchmark measures the
// evaluator.
type staticEvent struct {
	path, ancestors []Value
}

func (e *staticEvent) Type() string { return "exec" }
func (e *staticEvent) Values(f string) []Value {
	switch f {
	case "exec.file.path":
		return e.path
	case "process.ancestors.file.name":
		return e.ancestors
	}
	return nil
}
func (e *staticEvent) Time() time.Time                { return t0 }
func (e *staticEvent) ScopeKey(string) (string, bool) { return "", false }

var benchEvent = &staticEvent{path: str("/usr/bin/wget"), ancestors: str("bash", "sshd", "systemd")}

func benchProgram(b testing.TB, expr string) *Program {
	p, err := Compile("--expr", expr, testFields, nil)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkEvalEquals(b *testing.B) {
	p := benchProgram(b, `exec.file.path == "/usr/bin/curl"`)
	b.ReportAllocs()
	for b.Loop() {
		p.Eval(benchEvent, nil)
	}
}

func BenchmarkEvalInGlob(b *testing.B) {
	p := benchProgram(b, `exec.file.path in [~"/usr/bin/*", ~"/opt/**"] && process.ancestors.file.name in ["sshd", "cron"]`)
	b.ReportAllocs()
	for b.Loop() {
		p.Eval(benchEvent, nil)
	}
}

// TestEvalDoesNotAllocate: a simple comparison, a membership test and a
// glob evaluate with no allocation per event.
func TestEvalDoesNotAllocate(t *testing.T) {
	for _, expr := range []string{
		`exec.file.path == "/usr/bin/curl"`,
		`exec.file.path != "/usr/bin/curl" && process.ancestors.file.name in ["sshd", "cron"]`,
		`exec.file.path =~ "/usr/bin/*"`,
		`exec.file.path.length > 3`,
	} {
		p := benchProgram(t, expr)
		p.Eval(benchEvent, nil)
		if n := testing.AllocsPerRun(200, func() { p.Eval(benchEvent, nil) }); n != 0 {
			t.Errorf("%s: %v allocations per event", expr, n)
		}
	}
}

// TestEvalConcurrent: one Program evaluated from several goroutines gives
// every one its own context (run with -race).
func TestEvalConcurrent(t *testing.T) {
	p := benchProgram(t, `exec.file.path =~ "/usr/bin/*" && process.ancestors.file.name.length == 7`)
	done := make(chan bool)
	for range 4 {
		go func() {
			ok := true
			for range 500 {
				ok = ok && p.Eval(benchEvent, nil)
				r, m := p.Explain(benchEvent, nil)
				ok = ok && r && len(m) == 2
			}
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("a concurrent evaluation went wrong")
		}
	}
}
