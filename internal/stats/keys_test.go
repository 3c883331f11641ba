package stats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

// recordValue is key k of r as package record defines it.
func recordValue(k Key, r *record.Row) string {
	switch k {
	case Rule:
		return r.RuleID
	case Event:
		return r.Event
	case Category:
		return r.Category
	case Outcome:
		return r.Outcome
	case OS:
		return r.OS
	case Host:
		return r.Host
	case Process:
		return r.ExecutablePath
	case User:
		return r.User
	case Container:
		return r.ContainerID
	case Day:
		if r.DateState == record.DateValid {
			return r.Instant.Format(time.DateOnly)
		}
	case Hour:
		if r.DateState == record.DateValid {
			return r.Instant.Truncate(time.Hour).Format(time.RFC3339)
		}
	}
	return ""
}

// TestKeysAgreeWithRecord reads every key of every event of the examples
// and of the hostile files from the bytes, as stats does, and checks it
// against record's row of the decoded event: one definition of each key.
func TestKeysAgreeWithRecord(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.ndjson")
	hostile, _ := filepath.Glob("../../testdata/hostile/*.ndjson")
	files = append(files, hostile...)
	if len(files) < 10 {
		t.Fatalf("only %d files found", len(files))
	}
	checked := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			ev, err := model.Decode([]byte(line))
			if err != nil {
				continue // not an event: neither reads it
			}
			checkKeys(t, file, i+1, []byte(line), ev)
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d events checked", checked)
	}
}

func checkKeys(t *testing.T, file string, line int, raw []byte, ev *model.Event) {
	t.Helper()
	r := record.Of(ev, "host-1", input.Position{})
	// The keys looked for, then found as the event is delimited.
	var tops [len(topKeys)][2]int
	if _, _, err := jsonscan.Members(raw, 0, topKeys[:], tops[:]); err != nil {
		t.Fatalf("%s:%d: %v", file, line, err)
	}
	for _, f := range []fields{{raw: raw, host: "host-1"}, {raw: raw, host: "host-1", tops: &tops}} {
		checkFields(t, file, line, &f, &r)
	}
}

func checkFields(t *testing.T, file string, line int, f *fields, r *record.Row) {
	t.Helper()
	f.readDate()
	if f.dated != (r.DateState == record.DateValid) || !f.instant.Equal(r.Instant) {
		t.Errorf("%s:%d: date %v %v, record %v %v", file, line, f.dated, f.instant, r.DateState, r.Instant)
	}
	for k := range numKeys {
		b, ok := f.appendValue(nil, k)
		want := recordValue(k, r)
		if string(b) != want || ok != (want != "") {
			t.Errorf("%s:%d: %s = %q (%v), record has %q", file, line, k, b, ok, want)
		}
	}
}

// FuzzKeys holds the keys read from bytes equal to record's on any event.
func FuzzKeys(f *testing.F) {
	for _, s := range []string{
		`{"agent":{"rule_id":"r","os":"linux"},"date":"2025-11-03T10:00:00+01:00","process":{"user":"","credentials":{"user":"u"}}}`,
		`{"agent":{"rule_id":"a\u0062"},"agent":{"rule_id":5},"usr":{"name":"x\xff"},"date":"2025-13-01T00:00:00Z"}`,
		`{"evt":{"name":null},"container":{"id":""},"process":{"container":{"id":"c"},"executable":{"path":"\t"}}}`,
		`{"date":"2025-11-03T09:00:00\u005a","d\u0061te":"2025-11-03T23:59:59.999999999-00:30"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		ev, err := model.Decode(raw)
		if err != nil {
			return
		}
		checkKeys(t, "fuzz", 1, raw, ev)
	})
}

func TestParseKeys(t *testing.T) {
	tests := []struct {
		in      string
		want    []Key
		wantErr string
	}{
		{"", nil, ""},
		{"rule", []Key{Rule}, ""},
		{"host, hour,user", []Key{Host, Hour, User}, ""},
		{"rule,nope", nil, `invalid --by key "nope"`},
		{"rule,rule", nil, `--by names "rule" twice`},
	}
	for _, tt := range tests {
		got, err := ParseKeys(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseKeys(%q) error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("ParseKeys(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParseKeys(%q) = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}
