package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// runTTY runs csmctl with standard output a terminal of width columns.
func runTTY(t *testing.T, width int, args ...string) (string, string, int) {
	t.Helper()
	io, _, out, errOut := iostreams.Test()
	io.SetStdoutTTY(true)
	io.SetWidth(width)
	code := Main(io, args)
	return out.String(), errOut.String(), code
}

func TestStatsGolden(t *testing.T) {
	const (
		events   = "../examples/events.ndjson"
		linux    = "../examples/linux.ndjson"
		archive  = "../examples/archive_20251103_0900.json.gz"
		broken   = "../examples/violations.ndjson"
		timeline = "../examples/timeline"
	)
	runGoldenCases(t, "stats-", 72, []goldenCase{
		{"by-rule-json", false, []string{"stats", "--by", "rule", "-o", "json", events}, 0},
		{"by-rule-csv", false, []string{"stats", "--by", "rule", "-o", "csv", events}, 0},
		{"by-os-user-pipe", false, []string{"stats", "--by", "os,user", events, linux}, 0},
		{"by-host-hour-csv", false, []string{"stats", "--by", "host,hour", "-o", "csv", archive, timeline}, 0},
		{"by-day-container-json", false, []string{"stats", "--by", "day,container,outcome", "-o", "json", linux, broken}, 1},
		{"no-by-json", false, []string{"stats", "-o", "json", events}, 0},
		{"limit-json", false, []string{"stats", "--by", "event", "--limit", "5", "-o", "json", events}, 0},
		{"rule-selector-json", false, []string{"stats", "--by", "process", "--rule", "registry_run_key_persistence", "-o", "json", events}, 0},
		{"overview-pipe", false, []string{"stats", events, linux}, 0},
		{"overview-broken", false, []string{"stats", broken, timeline}, 1},
		{"overview-tty", true, []string{"--color", "always", "stats", archive, timeline}, 0},
		{"by-rule-tty", true, []string{"--color", "never", "stats", "--by", "rule,event", timeline}, 0},
		{"csv-tty", true, []string{"stats", "--by", "user", "-o", "csv", "testdata/stats-escapes.ndjson"}, 0},
		{"csv-escapes", false, []string{"stats", "--by", "user", "-o", "csv", "testdata/stats-escapes.ndjson"}, 0},
		{"escapes-json", false, []string{"stats", "--by", "user,rule", "-o", "json", "testdata/stats-escapes.ndjson"}, 0},
		// Year 1 is a date like any other; 9999-12-31 at -23:59 is in year
		// 10000 in UTC; the span is longer than a time.Duration holds.
		{"far-dates", false, []string{"stats", "testdata/stats-far-dates.ndjson"}, 0},
		{"far-dates-json", false, []string{"stats", "--by", "day,hour", "-o", "json", "testdata/stats-far-dates.ndjson"}, 0},
	})
}

// goldenCase is one run of csmctl whose output and standard error a golden
// file pins, into a pipe or on a terminal.
type goldenCase struct {
	name     string
	tty      bool
	args     []string
	wantCode int
}

// runGoldenCases runs each case and checks it against
// testdata/PREFIX+NAME.golden; a terminal is width columns wide.
func runGoldenCases(t *testing.T, prefix string, width int, cases []goldenCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut string
			var code int
			if tt.tty {
				out, errOut, code = runTTY(t, width, tt.args...)
			} else {
				out, errOut, code = run(t, "", tt.args...)
			}
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", prefix+tt.name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
}

// stats --by rule counts what a plain count of the rule ids in the file
// says, every event once.
func TestStatsCountsEveryEvent(t *testing.T) {
	for _, file := range []string{"../examples/events.ndjson", "../examples/linux.ndjson", "../examples/attack.ndjson"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		lines := 0
		for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
			var ev struct {
				Agent struct {
					RuleID string `json:"rule_id"`
				} `json:"agent"`
			}
			if err := json.Unmarshal([]byte(line), &ev); err != nil {
				t.Fatal(err)
			}
			want[ev.Agent.RuleID]++
			lines++
		}
		out, errOut, code := run(t, "", "stats", "--by", "rule", "-o", "json", "--workers", "3", file)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", file, code, errOut)
		}
		total := 0
		for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
			var g struct {
				Rule   string `json:"rule"`
				Events int    `json:"events"`
			}
			if err := json.Unmarshal([]byte(line), &g); err != nil {
				t.Fatal(err)
			}
			if want[g.Rule] != g.Events {
				t.Errorf("%s: rule %q: %d events, want %d", file, g.Rule, g.Events, want[g.Rule])
			}
			delete(want, g.Rule)
			total += g.Events
		}
		if total != lines || len(want) != 0 {
			t.Errorf("%s: %d events counted of %d; groups missing: %v", file, total, lines, want)
		}
	}
}

func TestStatsFlags(t *testing.T) {
	for _, args := range [][]string{
		{"stats", "--by", "nope", "../examples/events.ndjson"},
		{"stats", "--by", "rule,rule", "../examples/events.ndjson"},
		{"stats", "-o", "yaml", "../examples/events.ndjson"},
	} {
		_, errOut, code := run(t, "", args...)
		if code != ExitUsage || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want %d and a message", args, code, errOut, ExitUsage)
		}
	}
}
