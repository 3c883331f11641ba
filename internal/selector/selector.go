// Package selector picks events by the flags that show, tree and query share:
// --line, --rule, --event, --pid, --since, --until, --where and --limit. It
// is defined once so the flags mean the same thing in every command.
package selector

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/itchyny/gojq"
	"github.com/spf13/pflag"

	"github.com/csmctl/csmctl/internal/jqlib"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/rfc3339"
)

// Options are the selector flags as given.
type Options struct {
	Lines  []string // "N" or "N-M", repeatable and comma-separated
	Rules  []string // agent.rule_id values
	Events []string // evt.name values
	PIDs   []int64  // process.pid values
	Since  string   // RFC 3339, or a duration back from the last event
	Until  string
	Where  string // a jq expression; events for which it is truthy
	Limit  int    // at most this many events; 0: no limit
}

// AddFlags registers the selector flags on a command's flag set.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.Var(&stringList{values: &o.Lines}, "line", "only the events on line `N` or lines N-M of their file (repeatable)")
	fs.Var(&stringList{values: &o.Rules}, "rule", "only events of rule `ID` (agent.rule_id; repeatable)")
	fs.Var(&stringList{values: &o.Events}, "event", "only events named `NAME` (evt.name, e.g. exec, set_key_value; repeatable)")
	fs.Var(pidList{&o.PIDs}, "pid", "only events whose process has pid `N` (repeatable)")
	fs.StringVar(&o.Since, "since", "", "only events at or after `TIME` (RFC 3339, or a duration like 2h back from the last event)")
	fs.StringVar(&o.Until, "until", "", "only events at or before `TIME` (RFC 3339, or a duration back from the last event)")
	fs.StringVar(&o.Where, "where", "", "only events for which the jq `EXPR` is true, e.g. '.exit.code != 0' or is_run_key (query's functions too)")
	fs.IntVar(&o.Limit, "limit", 0, "stop after `N` selected events (0: no limit)")
}

// Active reports whether any selector is set.
func (o *Options) Active() bool {
	return len(o.Lines) > 0 || len(o.Rules) > 0 || len(o.Events) > 0 || len(o.PIDs) > 0 ||
		o.Since != "" || o.Until != "" || o.Where != "" || o.Limit > 0
}

// NeedsAnchor reports whether --since or --until is a duration, which is
// counted back from the date of the last event: the input must be read once
// to find it (see Anchor).
func (o *Options) NeedsAnchor() bool {
	return isDuration(o.Since) || isDuration(o.Until)
}

func isDuration(s string) bool {
	if s == "" {
		return false
	}
	_, err := time.ParseDuration(s)
	return err == nil
}

// Selector decides, event by event, which are selected. It counts what it
// selects for --limit, so Match must be called in input order from one
// goroutine.
type Selector struct {
	lines        [][2]int
	rules        map[string]bool
	events       map[string]bool
	pids         map[int64]bool
	since, until time.Time
	where        *gojq.Code
	at           jqlib.Location // the event Match looks at, for --where's input_line and input_host
	limit        int
	taken        int
	anchor       time.Time
}

// New checks the options and builds a selector. anchor is the date of the
// last event of the input, used when --since or --until is a duration.
func New(o Options, anchor time.Time) (*Selector, error) {
	s := &Selector{limit: o.Limit, anchor: anchor}
	if o.Limit < 0 {
		return nil, errors.New("--limit must not be negative")
	}
	for _, spec := range o.Lines {
		r, err := parseLineRange(spec)
		if err != nil {
			return nil, err
		}
		s.lines = append(s.lines, r)
	}
	s.rules = set(o.Rules)
	s.events = set(o.Events)
	if len(o.PIDs) > 0 {
		s.pids = map[int64]bool{}
		for _, p := range o.PIDs {
			s.pids[p] = true
		}
	}
	var err error
	if s.since, err = parseTime("--since", o.Since, anchor); err != nil {
		return nil, err
	}
	if s.until, err = parseTime("--until", o.Until, anchor); err != nil {
		return nil, err
	}
	if err := checkWindow(o, s.since, s.until, anchor); err != nil {
		return nil, err
	}
	if o.Where != "" {
		q, err := gojq.Parse(o.Where)
		if err != nil {
			return nil, fmt.Errorf("--where: %w", err)
		}
		// The functions a query filter has, so that what selects an
		// event in query selects it in show and tree.
		jqlib.Define(q)
		if s.where, err = gojq.Compile(q, jqlib.Functions(&s.at)...); err != nil {
			return nil, fmt.Errorf("--where: %w", err)
		}
	}
	return s, nil
}

func set(list []string) map[string]bool {
	if len(list) == 0 {
		return nil
	}
	m := make(map[string]bool, len(list))
	for _, v := range list {
		m[v] = true
	}
	return m
}

func parseLineRange(spec string) ([2]int, error) {
	lo, hi, isRange := strings.Cut(spec, "-")
	a, err1 := strconv.Atoi(strings.TrimSpace(lo))
	b := a
	var err2 error
	if isRange {
		b, err2 = strconv.Atoi(strings.TrimSpace(hi))
	}
	if err1 != nil || err2 != nil || a < 1 || b < a {
		return [2]int{}, fmt.Errorf("--line %q: want N or N-M, with 1 <= N <= M", spec)
	}
	return [2]int{a, b}, nil
}

// parseTime reads an RFC 3339 time, or a duration back from anchor.
func parseTime(flag, v string, anchor time.Time) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(v); err == nil {
		if d < 0 {
			return time.Time{}, fmt.Errorf("%s %s: a duration goes back from the last event; write %s", flag, v, strings.TrimPrefix(v, "-"))
		}
		// With no dated event to count back from, anchor is zero: the
		// bound is still set, and selects nothing, as no event has a date.
		return anchor.Add(-d), nil
	}
	t, err := rfc3339.Parse([]byte(v)) // as event dates are read
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: want an RFC 3339 time (2025-11-03T09:00:00Z) or a duration (90m, 2h)", flag, v)
	}
	return t, nil
}

// checkWindow rejects a --since later than --until: it would select
// nothing, silently. A duration and a time can only be compared once the
// anchor, the last event's date, is known.
func checkWindow(o Options, since, until, anchor time.Time) error {
	if since.IsZero() || until.IsZero() || !since.After(until) {
		return nil
	}
	if isDuration(o.Since) != isDuration(o.Until) && anchor.IsZero() {
		return nil
	}
	return fmt.Errorf("--since %s is later than --until %s", windowBound(o.Since, since, o.Until), windowBound(o.Until, until, o.Since))
}

// windowBound words a bound as given, with the time a duration stands for
// when the other bound is a time.
func windowBound(v string, t time.Time, other string) string {
	if isDuration(v) && !isDuration(other) {
		return fmt.Sprintf("%s (%s)", v, t.Format(time.RFC3339Nano))
	}
	return v
}

// Anchor is the date durations count back from: the last event's.
func (s *Selector) Anchor() time.Time { return s.anchor }

// NeedsDoc reports whether Match needs the event as a JSON value (for
// --where); callers can skip decoding it otherwise.
func (s *Selector) NeedsDoc() bool { return s.where != nil }

// Done reports whether --limit has been reached: reading can stop.
func (s *Selector) Done() bool { return s.limit > 0 && s.taken >= s.limit }

// SelectsLines reports whether --line picks some lines only.
func (s *Selector) SelectsLines() bool { return len(s.lines) > 0 }

// MatchLine reports whether a line passes --line, before anything is decoded.
func (s *Selector) MatchLine(line int) bool {
	if len(s.lines) == 0 {
		return true
	}
	for _, r := range s.lines {
		if line >= r[0] && line <= r[1] {
			return true
		}
	}
	return false
}

// Match reports whether the event at is selected, and counts it towards
// --limit if so. doc is the event as the value a query filter runs on (see
// query.Decoder: every command gives --where the same value), needed only
// when NeedsDoc. An error is a --where expression that failed on this
// event; the event is then not selected.
func (s *Selector) Match(at jqlib.Location, ev *model.Event, doc any) (bool, error) {
	if s.Done() || !s.MatchLine(at.Line) {
		return false, nil
	}
	if s.rules != nil && (ev.Agent == nil || !s.rules[ev.Agent.RuleID]) {
		return false, nil
	}
	if s.events != nil && (ev.Evt == nil || !s.events[ev.Evt.Name]) {
		return false, nil
	}
	if s.pids != nil && !s.matchPID(ev.Process) {
		return false, nil
	}
	if !s.since.IsZero() || !s.until.IsZero() {
		if !ev.Date.Valid() {
			return false, nil
		}
		if !s.since.IsZero() && ev.Date.Time.Before(s.since) || !s.until.IsZero() && ev.Date.Time.After(s.until) {
			return false, nil
		}
	}
	if s.where != nil {
		s.at = at
		ok, err := s.truthy(doc)
		if err != nil || !ok {
			return false, err
		}
	}
	s.taken++
	return true, nil
}

// truthy runs --where on doc: selected when its first output is neither
// false nor null, as jq's select does.
func (s *Selector) truthy(doc any) (bool, error) {
	iter := s.where.Run(doc)
	v, ok := iter.Next()
	if !ok {
		return false, nil
	}
	if err, isErr := v.(error); isErr {
		return false, fmt.Errorf("--where: %w", err)
	}
	return v != nil && v != false, nil
}

// matchPID reports whether pc's pid is one of --pid's. Only an integer pid
// matches: an absent pid is not 0, and a string "10420" is not the pid
// 10420 (the agent did not write a pid there, and validate says so).
func (s *Selector) matchPID(pc *model.ProcessContext) bool {
	if pc == nil {
		return false
	}
	pid, ok := pc.PID.Int64()
	return ok && s.pids[pid]
}
