package selector

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/model"
)

// events are one per line, lines 1 to 5.
var events = []string{
	`{"agent":{"rule_id":"r1"},"evt":{"name":"exec"},"date":"2025-11-03T09:00:00Z","process":{"pid":10},"exit":{"cause":"EXITED","code":0}}`,
	`{"agent":{"rule_id":"r2"},"evt":{"name":"exit"},"date":"2025-11-03T10:30:00+01:00","process":{"pid":20},"exit":{"cause":"EXITED","code":1}}`,
	`{"agent":{"rule_id":"r1"},"evt":{"name":"open_key"},"date":"2025-11-03T10:00:00Z","process":{"pid":10}}`,
	`{"agent":{"rule_id":"r3"},"date":"not a date","process":{"pid":"30"}}`,
	`{"title":"no agent, no evt, no process","date":"2025-11-03T11:00:00.5Z"}`,
}

// anchor is the latest date of events.
var anchor = time.Date(2025, 11, 3, 11, 0, 0, 5e8, time.UTC)

// selected runs a selector built from o over events and returns the lines
// it selects.
func selected(t *testing.T, o Options) []int {
	t.Helper()
	s, err := New(o, anchor)
	if err != nil {
		t.Fatalf("New(%+v): %v", o, err)
	}
	var lines []int
	for i, data := range events {
		ev, err := model.Decode([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if s.NeedsDoc() {
			if err := json.Unmarshal([]byte(data), &doc); err != nil {
				t.Fatal(err)
			}
		}
		ok, err := s.Match(jqlib.Location{File: "f", Line: i + 1}, ev, doc)
		if err != nil {
			t.Fatalf("Match line %d: %v", i+1, err)
		}
		if ok {
			lines = append(lines, i+1)
		}
	}
	return lines
}

func TestMatch(t *testing.T) {
	all := []int{1, 2, 3, 4, 5}
	tests := []struct {
		name string
		o    Options
		want []int
	}{
		{"nothing", Options{}, all},
		{"line", Options{Lines: []string{"2"}}, []int{2}},
		{"line range", Options{Lines: []string{"2-4"}}, []int{2, 3, 4}},
		{"line range with spaces", Options{Lines: []string{" 2 - 3 "}}, []int{2, 3}},
		{"lines", Options{Lines: []string{"5", "1-2"}}, []int{1, 2, 5}},
		{"line beyond", Options{Lines: []string{"6-9"}}, nil},
		{"rule", Options{Rules: []string{"r1"}}, []int{1, 3}},
		{"rules", Options{Rules: []string{"r2", "r3"}}, []int{2, 4}},
		{"rule none", Options{Rules: []string{"nope"}}, nil},
		{"event", Options{Events: []string{"exit"}}, []int{2}},
		{"events", Options{Events: []string{"exec", "open_key"}}, []int{1, 3}},
		{"pid", Options{PIDs: []int64{10}}, []int{1, 3}},
		{"pid ill-typed is not matched", Options{PIDs: []int64{30}}, nil},
		{"since", Options{Since: "2025-11-03T09:30:00Z"}, []int{2, 3, 5}},
		{"since is inclusive", Options{Since: "2025-11-03T10:00:00Z"}, []int{3, 5}},
		{"since with offset", Options{Since: "2025-11-03T10:00:00+01:00"}, []int{1, 2, 3, 5}},
		{"until", Options{Until: "2025-11-03T09:30:00Z"}, []int{1, 2}},
		{"until is inclusive", Options{Until: "2025-11-03T09:00:00Z"}, []int{1}},
		{"since and until", Options{Since: "2025-11-03T09:15:00Z", Until: "2025-11-03T10:00:00Z"}, []int{2, 3}},
		{"since nanoseconds", Options{Since: "2025-11-03T11:00:00.4999Z"}, []int{5}},
		{"since duration", Options{Since: "1h"}, []int{5}}, // from 10:00:00.5
		{"since duration seconds", Options{Since: "3601s"}, []int{3, 5}},
		{"since duration minutes", Options{Since: "91m"}, []int{2, 3, 5}},
		{"until duration", Options{Until: "1h30m"}, []int{1, 2}},
		{"where", Options{Where: ".exit.code == 1"}, []int{2}},
		{"where truthy", Options{Where: ".exit"}, []int{1, 2}},
		{"where on ill-typed data", Options{Where: `.process.pid == "30"`}, []int{4}},
		{"where false and null", Options{Where: ".nope"}, nil},
		{"where with csmctl's helpers", Options{Where: "lineage | length == 0"}, []int{5}},
		{"where with input_line", Options{Where: `input_line | .file == "f" and .line > 3`}, []int{4, 5}},
		{"where with input_host", Options{Where: "input_host == null"}, all},
		{"where empty output", Options{Where: "empty"}, nil},
		{"limit", Options{Limit: 2}, []int{1, 2}},
		{"limit counts selected events only", Options{Rules: []string{"r1", "r3"}, Limit: 2}, []int{1, 3}},
		{"limit above count", Options{Limit: 10}, all},
		{"everything", Options{Lines: []string{"1-3"}, Rules: []string{"r1"}, Events: []string{"open_key"}, PIDs: []int64{10},
			Since: "1h30m", Until: "2025-11-03T12:00:00Z", Where: ".process.pid > 5", Limit: 1}, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := selected(t, tt.o); !slices.Equal(got, tt.want) {
				t.Errorf("selected lines %v, want %v", got, tt.want)
			}
		})
	}
}

// --pid matches integer pids only: an ill-typed pid is shown as written,
// never read as 0 nor as the number its text spells.
func TestMatchPIDIllTyped(t *testing.T) {
	tests := []struct {
		pid     string // as written; "" for none
		matches []int64
		misses  []int64
	}{
		{`10420`, []int64{10420}, []int64{0}},
		{`1e3`, []int64{1000}, []int64{0, 1}},
		{`0`, []int64{0}, []int64{1}},
		{``, nil, []int64{0}},
		{`"10420"`, nil, []int64{0, 10420}},
		{`1e999`, nil, []int64{0, 1}},
		{`9223372036854775808`, nil, []int64{0, -1 << 63, 1<<63 - 1}},
		{`1.5`, nil, []int64{0, 1, 2}},
		{`"123"`, nil, []int64{0, 123}},
		{`null`, nil, []int64{0}},
		{`true`, nil, []int64{0, 1}},
		{`{}`, nil, []int64{0}},
	}
	for _, tt := range tests {
		data := `{"process":{"pid":` + tt.pid + `}}`
		if tt.pid == "" {
			data = `{"process":{}}`
		}
		ev, err := model.Decode([]byte(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, pid := range append(tt.matches, tt.misses...) {
			s, err := New(Options{PIDs: []int64{pid}}, anchor)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Contains(tt.matches, pid)
			if got, err := s.Match(jqlib.Location{File: "f", Line: 1}, ev, nil); got != want || err != nil {
				t.Errorf("--pid %d on pid %s: match %v, %v; want %v", pid, data, got, err, want)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name    string
		o       Options
		anchor  time.Time
		wantErr string
	}{
		{"line zero", Options{Lines: []string{"0"}}, anchor, `--line "0"`},
		{"line reversed", Options{Lines: []string{"5-2"}}, anchor, `--line "5-2"`},
		{"line not a number", Options{Lines: []string{"x"}}, anchor, `--line "x"`},
		{"line open range", Options{Lines: []string{"3-"}}, anchor, `--line "3-"`},
		{"since neither time nor duration", Options{Since: "yesterday"}, anchor, `--since "yesterday": want an RFC 3339 time`},
		{"until without offset", Options{Until: "2025-11-03T10:00:00"}, anchor, `--until "2025-11-03T10:00:00"`},
		{"where syntax", Options{Where: ".["}, anchor, "--where"},
		{"where undefined function", Options{Where: "nope(1)"}, anchor, "--where"},
		{"where with jq's input_filename, which is query's alone", Options{Where: "input_filename"}, anchor, "--where: function not defined: input_filename/0"},
		{"negative limit", Options{Limit: -1}, anchor, "--limit must not be negative"},
		{"since negative duration", Options{Since: "-2h"}, time.Time{}, "--since -2h: a duration goes back from the last event; write 2h"},
		{"until negative duration", Options{Until: "-1h30m"}, anchor, "--until -1h30m: a duration goes back from the last event; write 1h30m"},
		{"since later than until", Options{Since: "2025-11-03T10:00:00Z", Until: "2025-11-03T09:00:00+00:00"}, time.Time{},
			"--since 2025-11-03T10:00:00Z is later than --until 2025-11-03T09:00:00+00:00"},
		{"since later than until, offsets", Options{Since: "2025-11-03T10:30:00+01:00", Until: "2025-11-03T09:00:00Z"}, time.Time{},
			"--since 2025-11-03T10:30:00+01:00 is later than --until 2025-11-03T09:00:00Z"},
		{"since later than until, durations", Options{Since: "30m", Until: "1h"}, time.Time{}, "--since 30m is later than --until 1h"},
		// anchor is 2025-11-03T11:00:00.5Z: --since 2h is 09:00:00.5.
		{"since later than until, once anchored", Options{Since: "2h", Until: "2025-11-03T09:00:00Z"}, anchor,
			"--since 2h (2025-11-03T09:00:00.5Z) is later than --until 2025-11-03T09:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.o, tt.anchor)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// A --where expression that fails on an event does not select it, and
// says why.
func TestWhereRuntimeError(t *testing.T) {
	s, err := New(Options{Where: `.title | ascii_downcase`}, anchor)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := s.Match(jqlib.Location{File: "f", Line: 1}, &model.Event{}, map[string]any{"title": 1.0})
	if ok || err == nil || !strings.HasPrefix(err.Error(), "--where: ") {
		t.Errorf("Match = %v, %v; want false and a --where error", ok, err)
	}
}

func TestLimitDone(t *testing.T) {
	s, err := New(Options{Limit: 1}, anchor)
	if err != nil {
		t.Fatal(err)
	}
	ev := &model.Event{}
	if s.Done() {
		t.Fatal("done before anything was selected")
	}
	if ok, _ := s.Match(jqlib.Location{File: "f", Line: 1}, ev, nil); !ok {
		t.Fatal("first event not selected")
	}
	if !s.Done() {
		t.Error("not done after the limit")
	}
	if ok, _ := s.Match(jqlib.Location{File: "f", Line: 2}, ev, nil); ok {
		t.Error("selected past the limit")
	}
}

func TestMatchLine(t *testing.T) {
	s, err := New(Options{Lines: []string{"3-4", "10"}}, anchor)
	if err != nil {
		t.Fatal(err)
	}
	for line, want := range map[int]bool{1: false, 3: true, 4: true, 5: false, 10: true, 11: false} {
		if got := s.MatchLine(line); got != want {
			t.Errorf("MatchLine(%d) = %v, want %v", line, got, want)
		}
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		o                   Options
		active, needsAnchor bool
	}{
		{Options{}, false, false},
		{Options{Limit: 3}, true, false},
		{Options{Since: "2025-11-03T10:00:00Z"}, true, false},
		{Options{Since: "2h"}, true, true},
		{Options{Until: "90m"}, true, true},
		{Options{Where: "."}, true, false},
	}
	for _, tt := range tests {
		if got := tt.o.Active(); got != tt.active {
			t.Errorf("%+v: Active() = %v", tt.o, got)
		}
		if got := tt.o.NeedsAnchor(); got != tt.needsAnchor {
			t.Errorf("%+v: NeedsAnchor() = %v", tt.o, got)
		}
	}
}

func TestAddFlags(t *testing.T) {
	var o Options
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	o.AddFlags(fs)
	err := fs.Parse([]string{"--line", "1-2,5", "--rule", "a", "--rule", "b", "--event", "exec", "--pid", "4,8",
		"--since", "2h", "--until", "2025-11-03T10:00:00Z", "--where", ".x", "--limit", "3"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.Lines, []string{"1-2", "5"}) || !slices.Equal(o.Rules, []string{"a", "b"}) ||
		!slices.Equal(o.Events, []string{"exec"}) || !slices.Equal(o.PIDs, []int64{4, 8}) ||
		o.Since != "2h" || o.Until != "2025-11-03T10:00:00Z" || o.Where != ".x" || o.Limit != 3 {
		t.Errorf("parsed %+v", o)
	}
}

func TestAnchor(t *testing.T) {
	in := strings.Join(events, "\n") + "\nnot json\n"
	got := Anchor(input.Open(nil, strings.NewReader(in), input.Options{}))
	if !got.Equal(anchor) {
		t.Errorf("Anchor = %v, want %v", got, anchor)
	}
	if got := Anchor(input.Open(nil, strings.NewReader(`{"date":"bad"}`), input.Options{})); !got.IsZero() {
		t.Errorf("Anchor with no valid date = %v, want zero", got)
	}
}

// A window that can hold events is accepted: --since equal to --until, and
// a duration against a time before the input is read for its last date.
func TestNewAcceptsWindows(t *testing.T) {
	for _, o := range []Options{
		{Since: "2025-11-03T10:00:00Z", Until: "2025-11-03T10:00:00Z"},
		{Since: "1h", Until: "30m"},
		{Since: "0s"},
		{Since: "2h", Until: "2025-11-03T09:00:00Z"},
		{Since: "2025-11-03T10:00:00Z", Until: "1h"},
	} {
		if _, err := New(o, time.Time{}); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
}

// With no dated event to count back from, a duration selects nothing:
// no event has a date in range. It is not a usage error.
func TestDurationWithoutAnchor(t *testing.T) {
	s, err := New(Options{Since: "2h"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Match(jqlib.Location{File: "f", Line: 1}, &model.Event{Title: "t"}, nil); ok {
		t.Error("an event without a date was selected")
	}
}

// An absolute --since is read as event dates are: lower-case t and z too.
func TestSinceRFC3339(t *testing.T) {
	if _, err := New(Options{Since: "2025-11-03t09:00:00z"}, time.Time{}); err != nil {
		t.Error(err)
	}
}

// Anchor reads every event of a line, and only the exact "date" key.
func TestAnchorEveryValueExactKey(t *testing.T) {
	in := `{"date":"2025-11-03T09:00:00Z"} {"date":"2025-11-03T10:00:00Z"}` + "\n" +
		`{"DATE":"2099-01-01T00:00:00Z","date":"2025-11-03T09:30:00Z"}` + "\n"
	got := Anchor(input.Open(nil, strings.NewReader(in), input.Options{}))
	if want := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Anchor = %v, want %v", got, want)
	}
}

// --pid takes decimal integers, repeated or comma-separated; anything else
// is a *strconv.NumError, which the command words for the user.
func TestPIDFlag(t *testing.T) {
	tests := []struct {
		args    []string
		want    []int64
		wantErr bool
	}{
		{[]string{"--pid", "4"}, []int64{4}, false},
		{[]string{"--pid", "4,7040", "--pid", "12"}, []int64{4, 7040, 12}, false},
		{[]string{"--pid", "010"}, []int64{10}, false}, // decimal, as pids are written
		{[]string{"--pid", "x"}, nil, true},
		{[]string{"--pid", "4,"}, nil, true},
		{[]string{"--pid", "99999999999999999999"}, nil, true},
	}
	for _, tt := range tests {
		var o Options
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		o.AddFlags(fs)
		err := fs.Parse(tt.args)
		var ne *strconv.NumError
		if tt.wantErr != errors.As(err, &ne) || !tt.wantErr && !slices.Equal(o.PIDs, tt.want) {
			t.Errorf("%v: pids %v, error %v; want %v, error %v", tt.args, o.PIDs, err, tt.want, tt.wantErr)
		}
	}
}
