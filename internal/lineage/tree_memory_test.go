package lineage

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

// distinctExecutables are the programs of the generated processes: like a
// real host's, a few dozen paths are shared by millions of processes.
var distinctExecutables = []string{
	`C:\Windows\System32\svchost.exe`, `C:\Windows\System32\cmd.exe`,
	`C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, `C:\Windows\explorer.exe`,
	`C:\Windows\System32\conhost.exe`, `C:\Windows\System32\rundll32.exe`,
	`C:\Windows\System32\taskhostw.exe`, `C:\Windows\System32\wbem\WmiPrvSE.exe`,
	`C:\Program Files\Google\Chrome\Application\chrome.exe`, `C:\Windows\System32\reg.exe`,
	`C:\Windows\System32\schtasks.exe`, `C:\Windows\System32\net.exe`,
}

var distinctUsers = []string{`NT AUTHORITY\SYSTEM`, `NT AUTHORITY\LOCAL SERVICE`, `CORP\alice`, `CORP\bob`}

var distinctRules = []string{"windows_credential_dump_tool", "registry_run_key_persistence", "windows_defender_registry_tampering"}

// writeDistinctProcesses writes n events in which every process is new: the
// acting process and an ancestor chain of 3 to 5 processes, none of them
// seen before, so the forest gets 4 to 6 nodes per event (5 on average),
// one root per event. Executables, users and rules come from short lists;
// command lines are distinct per process. The worst case for `tree`'s
// memory, and what a hostile file would do.
func writeDistinctProcesses(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	base := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	// Process number k has exec time base+k ms and pid 4(1+k mod 65000):
	// pids are reused, exec times never.
	pid := func(k int) int { return 4 * (1 + k%65000) }
	proc := func(b []byte, k, parent int) []byte {
		exe := distinctExecutables[k%len(distinctExecutables)]
		b = append(b, `{"pid":`...)
		b = strconv.AppendInt(b, int64(pid(k)), 10)
		if parent >= 0 {
			b = append(b, `,"ppid":`...)
			b = strconv.AppendInt(b, int64(pid(parent)), 10)
		}
		b = append(b, `,"exec_time":"`...)
		b = base.Add(time.Duration(k)*time.Millisecond).AppendFormat(b, "2006-01-02T15:04:05.000Z")
		b = append(b, `","executable":{"path":`...)
		b = strconv.AppendQuote(b, exe)
		b = append(b, `,"name":`...)
		b = strconv.AppendQuote(b, model.BaseName(exe))
		b = append(b, `},"cmdline":`...)
		b = strconv.AppendQuote(b, `"`+exe+`" /job `+strconv.Itoa(k))
		b = append(b, `,"user":`...)
		b = strconv.AppendQuote(b, distinctUsers[k%len(distinctUsers)])
		return append(b, '}')
	}
	var line []byte
	k := 0 // the processes of the event are k (the far end) to k+depth (the acting one)
	for i := range n {
		depth := 3 + i%3
		acting := k + depth
		line = append(line[:0], `{"agent":{"rule_id":"`...)
		line = append(line, distinctRules[i%len(distinctRules)]...)
		line = append(line, `"},"evt":{"name":"exec"},"date":"`...)
		line = base.Add(time.Duration(acting)*time.Millisecond).AppendFormat(line, "2006-01-02T15:04:05.000Z")
		line = append(line, `","process":`...)
		line = proc(line, acting, acting-1)
		line = append(line[:len(line)-1], `,"ancestors":[`...)
		for a := acting - 1; a >= k; a-- {
			parent := a - 1
			if a == k {
				parent = -1
			}
			line = proc(line, a, parent)
			if a > k {
				line = append(line, ',')
			}
		}
		line = append(line, "]}}\n"...)
		k = acting + 1
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// TestWriteDistinctProcesses writes the file the memory figures of
// BENCHMARKS.md are measured on, when asked to:
//
//	CSMCTL_DISTINCT_FILE=/tmp/distinct.ndjson CSMCTL_DISTINCT_EVENTS=2000000 \
//	  go test ./internal/lineage -run TestWriteDistinctProcesses
func TestWriteDistinctProcesses(t *testing.T) {
	path := os.Getenv("CSMCTL_DISTINCT_FILE")
	if path == "" {
		t.Skip("CSMCTL_DISTINCT_FILE not set")
	}
	n, err := strconv.Atoi(os.Getenv("CSMCTL_DISTINCT_EVENTS"))
	if err != nil {
		t.Fatalf("CSMCTL_DISTINCT_EVENTS: %v", err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeDistinctProcesses(f, n); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestDistinctProcessesGenerator checks that the generator makes what it
// says: every process new, 5 per event on average, one root per event.
func TestDistinctProcessesGenerator(t *testing.T) {
	var buf bytes.Buffer
	if err := writeDistinctProcesses(&buf, 300); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	for i, line := range lines {
		var ev model.Event
		if _, err := Decode(line, 0, &ev); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		b.Attach(b.Add("", &ev), "gen", i+1, &ev)
	}
	forests := b.Forests()
	if len(forests) != 1 {
		t.Fatalf("%d forests, want 1", len(forests))
	}
	f := forests[0]
	if got, want := len(f.Nodes), 300*5; got != want {
		t.Errorf("%d processes, want %d", got, want)
	}
	if got := len(f.Roots); got != 300 {
		t.Errorf("%d roots, want 300", got)
	}
	if c := f.Conflicts.Total(); c != 0 {
		t.Errorf("%d conflicts, want none", c)
	}
	for _, n := range f.Nodes {
		if n.Parent != nil && !n.PPID.Equal(n.Parent.Key.PID) {
			t.Fatalf("process %v: ppid %v, parent %v", n.Key, n.PPID, n.Parent.Key)
		}
	}
}

// BenchmarkDistinctProcesses measures the memory the forest keeps per
// process when every process is new (writeDistinctProcesses): the heap in
// use over the number of processes, while building (the forest and the
// Builder's indexes: the peak) and once the forest is finished.
// CSMCTL_DISTINCT_EVENTS sets the number of events (100 000 by default).
//
//	go test ./internal/lineage -run '^$' -bench DistinctProcesses -benchtime 1x
func BenchmarkDistinctProcesses(b *testing.B) {
	events := 100_000
	if s := os.Getenv("CSMCTL_DISTINCT_EVENTS"); s != "" {
		var err error
		if events, err = strconv.Atoi(s); err != nil {
			b.Fatalf("CSMCTL_DISTINCT_EVENTS: %v", err)
		}
	}
	for b.Loop() {
		r, w := io.Pipe()
		go func() { w.CloseWithError(writeDistinctProcesses(w, events)) }()
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 1<<20)
		var before, building, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		bld := NewBuilder()
		var ev model.Event
		for line := 1; sc.Scan(); line++ {
			ev = model.Event{}
			if _, err := Decode(sc.Bytes(), 0, &ev); err != nil {
				b.Fatal(err)
			}
			bld.Attach(bld.Add("", &ev), "gen", line, &ev)
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		ev = model.Event{}
		runtime.GC()
		runtime.ReadMemStats(&building)
		forests := bld.Forests()
		runtime.GC()
		runtime.ReadMemStats(&after)
		nodes := float64(len(forests[0].Nodes))
		b.ReportMetric(nodes, "processes")
		b.ReportMetric(float64(building.HeapAlloc-before.HeapAlloc)/nodes, "B/process-building")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/nodes, "B/process")
		runtime.KeepAlive(forests)
	}
}

// buildMax is build with the Builder bounded to max processes, events on
// the hosts given ("" for all when hosts is nil).
func buildMax(t *testing.T, max int, hosts []string, lines ...string) []*Forest {
	t.Helper()
	b := NewBuilder()
	b.MaxProcesses = max
	for i, line := range lines {
		var ev model.Event
		if _, err := Decode([]byte(line), 0, &ev); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		host := ""
		if hosts != nil {
			host = hosts[i]
		}
		if n := b.Add(host, &ev); n != nil {
			b.Attach(n, "test", i+1, &ev)
		}
	}
	return b.Forests()
}

func TestMaxProcesses(t *testing.T) {
	system := proc(4, -1, "System")
	cmd := proc(500, 0, "cmd.exe")
	bash := proc(510, -1, "bash")
	forests := buildMax(t, 4, nil,
		event(bash, cmd, system),
		event(proc(600, 5, "whoami.exe"), cmd, system),
		// Full: a new acting process is left out with its event.
		event(proc(700, 6, "net.exe"), cmd, system),
		// A new ancestor is left out, and the chain cut there: cmd.exe
		// keeps its parent, bash is still found under cmd.exe and takes
		// the hit.
		event(bash, cmd, proc(650, 4, "evil.exe"), system),
		// Below a cut, a process without exec time cannot be identified.
		event(system, proc(3, 1, "ghost.exe")),
		// Known processes still take hits.
		event(system),
	)
	f := forests[0]
	check(t, f, `
System [1]
  cmd.exe
    bash [2]
    whoami.exe [1]
`)
	if len(f.Nodes) != 4 {
		t.Errorf("%d processes, want 4", len(f.Nodes))
	}
	if f.Dropped != 3 {
		t.Errorf("Dropped %d, want 3", f.Dropped)
	}
	if c := f.Conflicts.Total(); c != 0 {
		t.Errorf("conflicts %+v, want none", f.Conflicts)
	}
}

// The bound is on the processes of all hosts together.
func TestMaxProcessesHosts(t *testing.T) {
	forests := buildMax(t, 3, []string{"a", "b", "b", "a"},
		event(proc(1, 0, "a1"), proc(2, -1, "a0")),
		event(proc(1, 0, "b1")),
		event(proc(2, 0, "b2")),
		event(proc(1, 0, "a1")),
	)
	if len(forests) != 2 {
		t.Fatalf("%d forests, want 2", len(forests))
	}
	a, b := forests[0], forests[1]
	if len(a.Nodes) != 2 || a.Dropped != 0 {
		t.Errorf("host a: %d processes, %d dropped; want 2, 0", len(a.Nodes), a.Dropped)
	}
	if len(b.Nodes) != 1 || b.Dropped != 1 {
		t.Errorf("host b: %d processes, %d dropped; want 1, 1", len(b.Nodes), b.Dropped)
	}
}

// With no bound, or one not reached, nothing is dropped and the forest is
// the one an unbounded builder makes.
func TestMaxProcessesNotReached(t *testing.T) {
	var buf bytes.Buffer
	if err := writeDistinctProcesses(&buf, 30); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	for _, max := range []int{0, 150} {
		f := buildMax(t, max, nil, lines...)[0]
		if len(f.Nodes) != 150 || f.Dropped != 0 {
			t.Errorf("MaxProcesses %d: %d processes, %d dropped; want 150, 0", max, len(f.Nodes), f.Dropped)
		}
	}
	// The last event's processes are the 145th (its far end) to the 150th:
	// its chain is cut after the 146th, and the event left out.
	f := buildMax(t, 146, nil, lines...)[0]
	if len(f.Nodes) != 146 || f.Dropped != 1 {
		t.Errorf("MaxProcesses 146: %d processes, %d dropped; want 146, 1", len(f.Nodes), f.Dropped)
	}
}

// The index finds every value, however badly their hashes collide: the
// same tag and start slot for many values, probes wrapping round the end.
func TestIndexCollisions(t *testing.T) {
	hashes := []func(v uint32) uint64{
		func(v uint32) uint64 { return 7 },                             // all collide
		func(v uint32) uint64 { return uint64(v%3)<<32 | 0xffff_ffff }, // same slot, three tags, wrapping
		func(v uint32) uint64 { return uint64(v) * 0x9e3779b97f4a7c15 },
	}
	for hi, hash := range hashes {
		var x index
		var vals []uint32 // position → value
		for v := uint32(0); v < 500; v++ {
			eq := func(pos uint32) bool { return vals[pos] == v }
			if pos, _ := x.find(hash(v), eq); pos >= 0 {
				t.Fatalf("hash %d: value %d found before it was inserted", hi, v)
			}
			_, slot := x.find(hash(v), eq)
			vals = append(vals, v)
			x.insert(slot, hash(v), uint32(len(vals)-1), func(pos uint32) uint64 { return hash(vals[pos]) })
		}
		for v := uint32(0); v < 500; v++ {
			pos, _ := x.find(hash(v), func(pos uint32) bool { return vals[pos] == v })
			if pos < 0 || vals[pos] != v {
				t.Fatalf("hash %d: value %d at position %d", hi, v, pos)
			}
		}
		if load := float64(x.n) / float64(len(x.slots)); load > 0.75 {
			t.Errorf("hash %d: load %.2f", hi, load)
		}
	}
}

// FuzzBuilderBounded feeds arbitrary lines to a builder bounded to a few
// processes: it keeps no more, and every process it keeps is in the tree.
//
//	go test -run=^$ -fuzz=FuzzBuilderBounded ./internal/lineage
func FuzzBuilderBounded(f *testing.F) {
	system, cmd := proc(4, -1, "System"), proc(500, 0, "cmd.exe")
	f.Add(uint8(2), []byte(event(proc(600, 5, "a"), cmd, system)+"\n"+event(proc(601, 6, "b"), proc(510, -1, "c"), cmd, system)))
	f.Add(uint8(3), []byte(`{"process":{"pid":1,"ancestors":[{"pid":1},{"pid":1},null]}}`+"\n"+`{"process":{"pid":2,"parent":{"pid":1}}}`))
	f.Fuzz(func(t *testing.T, max uint8, data []byte) {
		b := NewBuilder()
		b.MaxProcesses = int(max%8) + 1
		for line, rec := range bytes.Split(data, []byte("\n")) {
			var ev model.Event
			if _, err := Decode(rec, 0, &ev); err != nil {
				continue
			}
			if n := b.Add("", &ev); n != nil {
				b.Attach(n, "fuzz", line+1, &ev)
			}
		}
		for _, f := range b.Forests() {
			if len(f.Nodes) > int(max%8)+1 {
				t.Fatalf("%d processes kept, bound %d", len(f.Nodes), max%8+1)
			}
			entered := 0
			f.Walk(func(s Step) {
				if !s.Leave && !s.BackRef {
					entered++
				}
			})
			if entered != len(f.Nodes) {
				t.Fatalf("walk entered %d of %d processes", entered, len(f.Nodes))
			}
		}
	})
}
