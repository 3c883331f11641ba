package schema

import (
	"bufio"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestPickOS(t *testing.T) {
	tests := []struct {
		name, event string
		want        Choice
	}{
		{"agent.os linux", `{"agent":{"os":"linux"},"title":"t"}`, Choice{"linux", ByAgentOS}},
		{"agent.os windows", `{"agent":{"os":"windows"},"title":"t"}`, Choice{"windows", ByAgentOS}},
		{"agent.os wins over the shape", `{"agent":{"os":"windows"},"process":{"credentials":{}}}`, Choice{"windows", ByAgentOS}},
		{"linux top-level key", `{"title":"t","dns":{"id":1}}`, Choice{"linux", ByShape}},
		{"linux process key", `{"process":{"pid":1,"comm":"bash"}}`, Choice{"linux", ByShape}},
		{"linux process key, escaped", `{"process":{"pid":1,"\u0063omm":"bash"}}`, Choice{"linux", ByShape}},
		{"raw serializer output", `{"evt":{"name":"exec"},"process":{"args":["-c"],"fork_time":"x"}}`, Choice{"linux", ByShape}},
		{"windows registry", `{"agent":{"rule_id":"r"},"registry":{"key_path":"HKLM"}}`, Choice{"windows", ByShape}},
		{"windows permission_change", `{"permission_change":{}}`, Choice{"windows", ByShape}},
		{"windows cmdline", `{"process":{"pid":4,"cmdline":"cmd.exe"}}`, Choice{"windows", ByShape}},
		{"first marker decides", `{"registry":{},"process":{"comm":"x"}}`, Choice{"windows", ByShape}},
		{"other agent.os: the shape decides", `{"agent":{"os":"darwin"},"process":{"tty":"pts0"}}`, Choice{"linux", ByShape}},
		{"ill-typed agent.os: the shape decides", `{"agent":{"os":7},"dns":{}}`, Choice{"linux", ByShape}},
		{"no marker", `{"agent":{"rule_id":"r"},"title":"t","process":{"pid":1,"executable":{"path":"/x"}}}`, Choice{"windows", ByDefault}},
		{"marker only deeper than process", `{"process":{"parent":{"comm":"bash"}}}`, Choice{"windows", ByDefault}},
		{"marker name as a value", `{"title":"dns","process":{"user":"comm"}}`, Choice{"windows", ByDefault}},
		{"process not an object", `{"process":"comm"}`, Choice{"windows", ByDefault}},
		{"not an object", `["dns"]`, Choice{"windows", ByDefault}},
		{"truncated before a marker", `{"title":"t","proc`, Choice{"windows", ByDefault}},
		{"empty", ``, Choice{"windows", ByDefault}},
	}
	for _, tt := range tests {
		if got := pickOS([]byte(tt.event), 0); got != tt.want {
			t.Errorf("%s: pickOS(%s) = %+v, want %+v", tt.name, tt.event, got, tt.want)
		}
	}
}

// Events from real Linux and Windows agents are judged by their own OS's
// schema whether or not they carry agent.os, and are valid there. (The
// Windows events all have process.cmdline: jq -c 'select(.process | has("cmdline") | not)'
// prints none of them.)
func TestChooseFiles(t *testing.T) {
	v, err := Load(Auto)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want Choice
	}{
		{"../../testdata/linux-events.ndjson", Choice{"linux", ByAgentOS}},
		{"../../testdata/linux-events-no-os.ndjson", Choice{"linux", ByShape}},
		{"../../testdata/windows-events-no-os.ndjson", Choice{"windows", ByShape}},
		{"../../examples/events.ndjson", Choice{"windows", ByAgentOS}},
	}
	for _, tt := range tests {
		f, err := os.Open(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		n := 0
		for sc.Scan() {
			n++
			judge, got := Choose(v, sc.Bytes(), 0)
			if got != tt.want {
				t.Errorf("%s:%d: chose %+v, want %+v", tt.path, n, got, tt.want)
			}
			if _, findings, err := judge.Validate(sc.Bytes(), 0, nil); err != nil || len(findings) > 0 {
				t.Errorf("%s:%d: %v %v, want valid", tt.path, n, err, findings)
			}
		}
		f.Close()
		if n == 0 {
			t.Errorf("%s: no events", tt.path)
		}
	}
}

// A fixed schema is named as --schema gave it.
func TestChooseFixed(t *testing.T) {
	file := filepath.Join(t.TempDir(), "event.schema.json")
	if err := os.WriteFile(file, []byte(`{"type":"object"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"windows", "linux", file} {
		v, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := Choose(v, []byte(`{"agent":{"os":"linux"}}`), 0); got != (Choice{name, ByOption}) {
			t.Errorf("Load(%q): chose %+v", name, got)
		}
	}
}

func TestChoiceLabel(t *testing.T) {
	for c, want := range map[Choice]string{
		{"linux", ByAgentOS}:   "linux",
		{"x.json", ByOption}:   "x.json",
		{"linux", ByShape}:     "linux (by shape)",
		{"windows", ByDefault}: "windows (guessed)",
	} {
		if got := c.Label(); got != want {
			t.Errorf("%+v.Label() = %q, want %q", c, got, want)
		}
	}
}

// The shape markers are exactly the keys one embedded schema has at the top
// level (or in ProcessContext) and the other has not.
func TestShapeMarkers(t *testing.T) {
	props := func(doc []byte, def string) []string {
		var s struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Defs       map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"$defs"`
		}
		if err := json.Unmarshal(doc, &s); err != nil {
			t.Fatal(err)
		}
		m := s.Properties
		if def != "" {
			m = s.Defs[def].Properties
		}
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		return keys
	}
	for _, tt := range []struct {
		def     string
		markers map[string]string
	}{{"", topLevelMarkers.Get()}, {"ProcessContext", processMarkers.Get()}} {
		lin, win := props(linuxSchema, tt.def), props(windowsSchema, tt.def)
		want := map[string]string{}
		for _, k := range lin {
			if !slices.Contains(win, k) {
				want[k] = "linux"
			}
		}
		for _, k := range win {
			if !slices.Contains(lin, k) {
				want[k] = "windows"
			}
		}
		if len(want) == 0 || !maps.Equal(want, tt.markers) {
			t.Errorf("%q markers:\n got %v\nwant %v", tt.def, tt.markers, want)
		}
	}
}
