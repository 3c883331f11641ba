package hunt

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/query"
	"github.com/csmctl/csmctl/internal/secl"
)

// testConstants stands for the agent's table in tests of the accessor
// alone: a few names of each family the examples write.
var testConstants = map[string]int64{
	"AF_INET": 2, "AF_INET6": 10, "O_WRONLY": 1, "O_CREAT": 0x40, "O_TRUNC": 0x200,
	"PROT_READ": 1, "PROT_WRITE": 2, "PROT_EXEC": 4, "SIGKILL": 9, "A": 1,
}

func testConstant(name string) (int64, bool) { n, ok := testConstants[name]; return n, ok }

// readEvents returns the lines of an NDJSON file, gzip or not, that are
// JSON objects.
func readEvents(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	var out [][]byte
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 && line[0] == '{' {
			out = append(out, append([]byte(nil), line...))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no events", name)
	}
	return out
}

var corpora = []string{"../../examples/linux.ndjson", "testdata/linux-contexts.ndjson.gz", "../../testdata/linux-events.ndjson"}

// oracle reads a field's values the slow way: the event decoded whole by
// query's decoder (jq's values, the last duplicate key winning), walked
// along the field's pointer.
func oracle(doc any, f *Field) []secl.Value {
	var vals []secl.Value
	var walk func(v any, keys []string, each bool, inner []string)
	get := func(v any, keys []string) (any, bool) {
		for _, k := range keys {
			o, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = o[k]; !ok {
				return nil, false
			}
		}
		return v, true
	}
	scalar := func(v any) {
		switch f.conv {
		case convString:
			if s, ok := v.(string); ok {
				vals = append(vals, secl.Value{Str: s})
			}
		case convInt:
			if n, ok := v.(json.Number); ok {
				if i, err := n.Int64(); err == nil {
					vals = append(vals, secl.Value{Int: i})
				}
			}
		case convBool:
			if b, ok := v.(bool); ok {
				vals = append(vals, secl.Value{Bool: b})
			}
		}
	}
	walk = func(v any, keys []string, each bool, inner []string) {
		v, ok := get(v, keys)
		if !ok {
			return
		}
		if each {
			arr, _ := v.([]any)
			for _, el := range arr {
				walk(el, inner, false, nil)
			}
			return
		}
		if arr, ok := v.([]any); ok && f.Spec.Array {
			for _, el := range arr {
				scalar(el)
			}
			return
		}
		scalar(v)
	}
	walk(doc, f.ptr.outer, f.ptr.each, f.ptr.inner)
	return vals
}

// TestEventDifferential checks the lazy accessor against the events decoded
// whole, for every exact field read as it is written (strings, integers,
// booleans), on every event of the example files.
func TestEventDifferential(t *testing.T) {
	if checked := differential(t, Linux(), corpora); checked < 1000 {
		t.Errorf("only %d field values compared: the corpora no longer exercise the mapping", checked)
	}
}

// differential compares, on every event of files, the values of every
// exact field of m read lazily with those of the event decoded whole, and
// returns the number of values compared.
func differential(t *testing.T, m *Mapping, files []string) int {
	var dec query.Decoder
	checked := 0
	for _, name := range files {
		for i, raw := range readEvents(t, name) {
			doc, _, serr := dec.Decode(string(raw), 0)
			if serr != nil {
				t.Fatalf("%s:%d: %s", name, i+1, serr.Msg)
			}
			ev := NewEvent(m, testConstant)
			ev.Reset(raw)
			for _, f := range m.Fields() {
				if f.Source != Exact || f.Fallback != "" || f.conv > convBool {
					continue
				}
				got, want := ev.Values(f.Name), oracle(doc, f)
				if len(got) == 0 && len(want) == 0 {
					continue
				}
				checked++
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s event %d: %s = %v, decoded whole: %v", name, i+1, f.Name, got, want)
				}
			}
		}
	}
	return checked
}

func TestEventValues(t *testing.T) {
	const raw = `{"evt":{"name":"exec"},"date":"2025-11-03T09:00:00Z",` +
		`"process":{"pid":42,"pid":43,"tty":"pts0","args":["-ln","--version","--width=8","-T","8"],"envs":["PATH=/bin","LANG"],` +
		`"executable":{"path":"/usr/bin/curl"},"ancestors":[{"executable":{"name":"bash"}},{"executable":{"path":"/usr/sbin/sshd","name":"sshd"}},{"executable":{"name":7}}]},` +
		`"file":{"flags":["O_WRONLY","O_CREAT"]},"mmap":{"protection":"PROT_EXEC | PROT_READ","flags":"MAP_UNKNOWN"},` +
		`"connect":{"addr":{"ip":"10.0.0.1","family":"AF_INET","port":null}},"exit":{"code":"1"},"splice":{"pipe_exit_flag":""}}`
	s := func(v ...string) []secl.Value {
		var out []secl.Value
		for _, x := range v {
			out = append(out, secl.Value{Str: x})
		}
		return out
	}
	n := func(v int64) []secl.Value { return []secl.Value{{Int: v}} }
	ill := []secl.Value{} // there, ill-typed: no value
	tests := []struct {
		field string
		want  []secl.Value
	}{
		{"process.pid", n(43)}, // the last duplicate wins
		{"process.tty_name", s("pts0")},
		{"exec.file.path", s("/usr/bin/curl")},
		{"exec.file.name", s("curl")}, // derived from the path
		{"process.argv", s("-ln", "--version", "--width=8", "-T", "8")},
		{"process.args", s("-ln --version --width=8 -T 8")},
		// -T is a flag too: without the program's usage, whether 8 is its
		// value cannot be told, so it counts both ways.
		{"process.args_flags", s("l", "n", "version", "T")},
		{"process.args_options", s("width=8", "T=8")},
		{"process.envs", s("PATH", "LANG")},
		{"process.ancestors.file.name", s("bash", "sshd")}, // 7 is not a name
		{"process.ancestors.length", n(3)},
		{"process.ancestors.file.path", s("/usr/sbin/sshd")},
		{"open.flags", n(0x41)},
		{"mmap.protection", n(5)},
		{"mmap.flags", ill},             // an unknown constant: no value rather than a partial one
		{"exit.code", ill},              // "1" is not an integer: not invented, not absent either
		{"connect.addr.port", nil},      // null: absent
		{"splice.pipe_exit_flag", n(0)}, // no flag set
		{"connect.addr.family", n(2)},
		{"exec.file.path.length", n(13)},
		{"process.argv.length", append(append(append(append(n(3), n(9)...), n(9)...), n(2)...), n(1)...)}, // each element's
		{"process.ancestors.file.name.length", append(n(4), n(4)...)},
		{"container.id", nil},
		{"no.such.field", nil},
	}
	ev := NewEvent(Linux(), testConstant)
	ev.Reset([]byte(raw))
	for _, tt := range tests {
		if got := ev.Values(tt.field); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.field, got, tt.want)
		}
	}
	if got := ev.Values("connect.addr.ip"); len(got) != 1 || got[0].IP.String() != "10.0.0.1/32" {
		t.Errorf("connect.addr.ip = %v, want 10.0.0.1/32", got)
	}
	if ev.Type() != "exec" {
		t.Errorf("Type() = %q, want exec", ev.Type())
	}
	if got := ev.Time().UTC().Format("2006-01-02T15:04:05Z"); got != "2025-11-03T09:00:00Z" {
		t.Errorf("Time() = %s", got)
	}
	if k, ok := ev.ScopeKey("process"); !ok || k != "43@" {
		t.Errorf(`ScopeKey("process") = %q, %v; want "43@", true`, k, ok)
	}
	if _, ok := ev.ScopeKey("container"); ok {
		t.Error(`ScopeKey("container") found a container the event has none of`)
	}
	// Reset forgets the previous event's values.
	ev.Reset([]byte(`{"process":{"pid":7}}`))
	if got := ev.Values("process.pid"); !reflect.DeepEqual(got, n(7)) {
		t.Errorf("after Reset, process.pid = %v, want 7", got)
	}
}

// FuzzEvent reads every field of hostile bytes: no panic, no hang.
func FuzzEvent(f *testing.F) {
	f.Add([]byte(`{"process":{"ancestors":[{"executable":{"name":"a"}},1,[],{"executable":null}]}}`))
	f.Add([]byte(`{"process":{"args":["-a",1,"--b=c"]},"file":{"flags":"O_CREAT|"}}`))
	f.Add([]byte(`{"evt":{"name":"exec"},"process":{"pid":1e400,"executable":{"path":"\ud800"}}}`))
	f.Add([]byte(`{"process":{"ancestors":[{"executable":{"name":"a"}`))
	f.Add([]byte(`{"evt":{"rule_context":{"matching_subexprs":[{"field":1,"value":[],"offset":"x"},{"offset":1e99},7]}}}`))
	f.Add([]byte(`{"agent":{"os":"windows"},"registry":{"key_path":7},"usr":{"sid":null},"process":{"ancestors":[{"cmdline":"\u001b"}]}}`))
	f.Add([]byte(`{"agent":{"os":["windows"]},"permission_change":{"path":"C:\\x"},"file":{"destination":[]}}`))
	// Read as --os auto reads: each event with the fields of its OS.
	auto := &Event{mapping: linuxView.Get(), win: windowsView.Get(), constant: testConstant}
	f.Fuzz(func(t *testing.T, raw []byte) {
		ev := NewEvent(Linux(), testConstant)
		ev.Reset(raw)
		ev.Type()
		ev.Time()
		for _, s := range []string{"process", "container", "cgroup"} {
			ev.ScopeKey(s)
		}
		for _, fl := range Linux().Fields() {
			ev.Values(fl.Name)
			ev.Values(fl.Name + ".length")
		}
		auto.Reset(raw)
		for _, fl := range Windows().Fields() {
			auto.Values(fl.Name)
		}
		// --verify's reading of a rule context.
		subexprs(jsonscan.Member(raw, 0, "evt", "rule_context"))
	})
}

// TestOSReadOnlyWhenNeeded: with --os auto an event of a type no rule
// reads is not looked into for its OS either, and one that is, once.
func TestOSReadOnlyWhenNeeded(t *testing.T) {
	rules, err := CompileExpr(`exec.file.path == "/usr/bin/curl"`, Auto)
	if err != nil {
		t.Fatal(err)
	}
	ev := rules.NewEvent(testConstant)
	ev.Reset([]byte(`{"agent":{"os":"linux"},"evt":{"name":"open"}}`))
	if rules.Match(ev, nil) != nil || ev.osRead {
		t.Errorf("an open event: OS read %v, want not read", ev.osRead)
	}
	ev.Reset([]byte(`{"agent":{"os":"linux"},"evt":{"name":"exec"},"process":{"executable":{"path":"/usr/bin/curl"}}}`))
	if ids := rules.Match(ev, nil); len(ids) != 1 || !ev.osRead || ev.windows {
		t.Errorf("a Linux exec event: matched %v, OS read %v, Windows %v", ids, ev.osRead, ev.windows)
	}
}

// TestOtherTypesLeftUnread: an expression of exec fields reads nothing but
// evt.name of an open event.
func TestOtherTypesLeftUnread(t *testing.T) {
	rules, err := FromExpr(`exec.file.path == "/usr/bin/curl" && process.ancestors.file.name == "bash"`, Linux())
	if err != nil {
		t.Fatal(err)
	}
	ev := NewEvent(Linux(), testConstant)
	ev.Reset([]byte(`{"evt":{"name":"open"},"process":{"executable":{"path":"/usr/bin/curl"}}}`))
	if ids := rules.Match(ev, nil); ids != nil || len(ev.cache) != 0 {
		t.Errorf("an open event: matched %v, read %d fields; want nothing read", ids, len(ev.cache))
	}
	ev.Reset([]byte(`{"evt":{"name":"exec"},"process":{"executable":{"path":"/usr/bin/curl"},"ancestors":[{"executable":{"name":"bash"}}]}}`))
	if ids := rules.Match(ev, nil); len(ids) != 1 || len(ev.cache) != 2 {
		t.Errorf("an exec event: matched %v, read %d fields; want a match, 2 fields read", ids, len(ev.cache))
	}
}
