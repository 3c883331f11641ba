package model

import (
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// edit replaces the first old in s by new, and panics if s has no old, so
// that a case built from a corpus event cannot silently test the original.
func edit(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("edit: " + old + " not found")
	}
	return strings.Replace(s, old, new, 1)
}

// wantExtra checks that an Extra map holds exactly the raw values in want.
func wantExtra(t *testing.T, what string, got map[string]json.RawMessage, want map[string]string) {
	t.Helper()
	gotText := map[string]string{}
	for k, v := range got {
		gotText[k] = string(v)
	}
	if len(want) == 0 && got != nil {
		t.Errorf("%s.Extra = %v, want nil", what, gotText)
	} else if !maps.Equal(gotText, want) {
		t.Errorf("%s.Extra = %v, want %v", what, gotText, want)
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, e *Event)
	}{
		{"exec with ancestors", execEvent, func(t *testing.T, e *Event) {
			if e.Agent.RuleID != "windows_cryptominer_process" || e.Agent.OS != "windows" || e.Agent.Arch != "x64" {
				t.Errorf("Agent = %+v", e.Agent)
			}
			if e.Title != "A known cryptominer process was executed" {
				t.Errorf("Title = %q", e.Title)
			}
			if e.Evt.Name != "exec" || e.Evt.Category != "Process Activity" || e.Evt.Outcome != "unknown" {
				t.Errorf("Evt = %+v", e.Evt)
			}
			if want := time.Date(2025, 11, 3, 9, 0, 0, 7995500, time.UTC); !e.Date.Valid() || !e.Date.Equal(want) {
				t.Errorf("Date = %v (valid %v), want %v", e.Date.Time, e.Date.Valid(), want)
			}
			if e.File.Path != `C:\Windows\System32\cmd.exe` || e.File.Name != "cmd.exe" {
				t.Errorf("File = %+v", e.File)
			}
			p := e.Process
			if !p.PID.Is(42968) || !p.PPID.Is(61332) || p.User != `CORP\alice` || p.Executable.Name != "cmd.exe" {
				t.Errorf("Process = %+v", p.Process)
			}
			if p.Cmdline != `"C:\Windows\System32\cmd.exe" /c whoami /all` {
				t.Errorf("Cmdline = %q", p.Cmdline)
			}
			if !p.Parent.PID.Is(61332) || p.Parent.Executable.Name != "userinit.exe" {
				t.Errorf("Parent = %+v", p.Parent)
			}
			if len(p.Ancestors) != 4 {
				t.Fatalf("%d ancestors, want 4", len(p.Ancestors))
			}
			if sys := p.Ancestors[3]; !sys.PID.Is(4) || sys.PPID.Present() || !sys.ExecTime.IsZero() || sys.Executable.Name != "System" {
				t.Errorf("last ancestor = %+v", sys)
			}
			if e.Usr.Name != `CORP\alice` || e.Usr.SID != "S-1-5-21-3623811015-3361044348-30300820-1031" {
				t.Errorf("Usr = %+v", e.Usr)
			}
			if e.Exit != nil || e.Registry != nil || e.Container != nil || e.PermissionChange != nil {
				t.Errorf("absent objects decoded as present: %+v", e)
			}
			wantExtra(t, "Event", e.Extra, nil)
			wantExtra(t, "Process", p.Extra, nil)
		}},
		{"permission change with variables", permissionEvent, func(t *testing.T, e *Event) {
			pc := e.PermissionChange
			if pc.Username != "SYSTEM" || pc.UserDomain != "NT AUTHORITY" || pc.Type != "Key" ||
				pc.Path != `HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\WinDefend` {
				t.Errorf("PermissionChange = %+v", pc)
			}
			if !strings.HasSuffix(pc.OldSD, "Sddl: O:BAG:BAD:(A;;FA;;;SY)(A;;FA;;;BA)\n") ||
				!strings.HasSuffix(pc.NewSD, "Sddl: O:BAG:BAD:(A;;FA;;;SY)(A;;FA;;;BA)(A;;FA;;;AU)\n") {
				t.Errorf("security descriptors = %q, %q", pc.OldSD, pc.NewSD)
			}
			want := Variables{"first_seen": "2025-11-03T09:00:00.001Z", "spawn_count": 3.0}
			if !maps.Equal(e.Process.Variables, want) {
				t.Errorf("Process.Variables = %v, want %v", e.Process.Variables, want)
			}
		}},
		{"offset kept", offsetEvent, func(t *testing.T, e *Event) {
			if got := e.Date.Format(time.RFC3339Nano); got != "2025-11-03T10:00:00.2389609+01:00" {
				t.Errorf("Date = %s, want the event's own +01:00", got)
			}
			if _, offset := e.Date.Zone(); offset != 3600 {
				t.Errorf("Date offset = %ds, want 3600", offset)
			}
			// exec_time is the same instant, written in UTC.
			if !e.Date.Equal(e.Process.ExecTime.Time) {
				t.Errorf("Date %v and exec_time %v should be one instant", e.Date.Time, e.Process.ExecTime.Time)
			}
		}},
		{"unknown properties kept where they appear", edit(edit(edit(execEvent,
			`{"agent"`, `{"hostname":"win-host-01","agent"`),
			`"user":"NT AUTHORITY\\SYSTEM"}]`, `"user":"NT AUTHORITY\\SYSTEM","user_sid":"S-1-5-18"}]`),
			`"pid":42968,`, `"pid":42968,"integrity":"high",`),
			func(t *testing.T, e *Event) {
				wantExtra(t, "Event", e.Extra, map[string]string{"hostname": `"win-host-01"`})
				wantExtra(t, "Process", e.Process.Extra, map[string]string{"integrity": `"high"`})
				wantExtra(t, "Ancestors[3]", e.Process.Ancestors[3].Extra, map[string]string{"user_sid": `"S-1-5-18"`})
				wantExtra(t, "Ancestors[0]", e.Process.Ancestors[0].Extra, nil)
				if e.Title == "" || !e.Process.PID.Is(42968) || len(e.Process.Ancestors) != 4 || e.Process.Ancestors[3].User != `NT AUTHORITY\SYSTEM` {
					t.Errorf("known fields lost: %+v", e.Process)
				}
			}},
		{"bad date kept as text", edit(execEvent, `"date":"2025-11-03T09:00:00.0079955Z"`, `"date":"2025-13-45 25:61:00"`), func(t *testing.T, e *Event) {
			if e.Date.Valid() || e.Date.IsZero() || !e.Date.Time.IsZero() || e.Date.Raw() != `"2025-13-45 25:61:00"` {
				t.Errorf("Date: valid %v, zero %v, time %v, raw %s", e.Date.Valid(), e.Date.IsZero(), e.Date.Time, e.Date.Raw())
			}
			if e.Title == "" || !e.Process.PID.Is(42968) {
				t.Error("a bad date lost other fields")
			}
			wantExtra(t, "Event", e.Extra, nil)
		}},
		{"date of the wrong JSON type", edit(execEvent, `"date":"2025-11-03T09:00:00.0079955Z"`, `"date":{}`), func(t *testing.T, e *Event) {
			if e.Date.Valid() || e.Date.Raw() != `{}` {
				t.Errorf("Date: valid %v, raw %s", e.Date.Valid(), e.Date.Raw())
			}
		}},
		{"pid as string", edit(execEvent, `"pid":42968`, `"pid":"42968"`), func(t *testing.T, e *Event) {
			p := e.Process
			if p.PID.Raw() != `"42968"` || p.PID.Is(0) {
				t.Errorf("PID = %#v, want the ill-typed \"42968\"", p.PID)
			}
			wantExtra(t, "Process", p.Extra, map[string]string{"pid": `"42968"`})
			wantExtra(t, "Event", e.Extra, nil)
			if !p.PPID.Is(61332) || p.Parent == nil || len(p.Ancestors) != 4 || p.Cmdline == "" || e.Agent.RuleID == "" {
				t.Errorf("an ill-typed pid lost other fields: %+v", p)
			}
		}},
		{"boolean as string", edit(execEvent, `"outcome":"unknown"`, `"outcome":"unknown","async":"true"`), func(t *testing.T, e *Event) {
			if e.Evt.Name != "exec" || e.Evt.Async.True() {
				t.Errorf("Evt = %+v", e.Evt)
			}
			wantExtra(t, "Evt", e.Evt.Extra, map[string]string{"async": `"true"`})
			wantExtra(t, "Event", e.Extra, nil)
		}},
		{"title as number", edit(execEvent, `"title":"A known cryptominer process was executed"`, `"title":42`), func(t *testing.T, e *Event) {
			if e.Title != "" {
				t.Errorf("Title = %q", e.Title)
			}
			wantExtra(t, "Event", e.Extra, map[string]string{"title": "42"})
		}},
		{"rule_version as number", edit(execEvent, `"rule_version":"1.0.0"`, `"rule_version":3`), func(t *testing.T, e *Event) {
			if e.Agent.RuleID != "windows_cryptominer_process" || e.Agent.RuleVersion != "" {
				t.Errorf("Agent = %+v", e.Agent)
			}
			wantExtra(t, "Agent", e.Agent.Extra, map[string]string{"rule_version": "3"})
		}},
		{"object of the wrong JSON type", `{"agent":{"rule_id":"r"},"title":"t","process":5}`, func(t *testing.T, e *Event) {
			if e.Process != nil || e.Agent.RuleID != "r" || e.Title != "t" {
				t.Errorf("Event = %+v", e)
			}
			wantExtra(t, "Event", e.Extra, map[string]string{"process": "5"})
		}},
		{"array item of the wrong JSON type", edit(execEvent, `"ancestors":[`, `"ancestors":[7,`), func(t *testing.T, e *Event) {
			// The bad item is a zero one, the others keep their indexes.
			p := e.Process
			if len(p.Ancestors) != 5 || !p.Ancestors[0].PID.IsZero() || !p.Ancestors[1].PID.Is(61332) || p.Parent == nil || !p.PID.Is(42968) {
				t.Errorf("Process = %+v", p)
			}
			if raw := string(p.Extra["ancestors"]); !strings.HasPrefix(raw, `[7,{"pid":61332`) {
				t.Errorf("Process.Extra[ancestors] = %.40s...", raw)
			}
		}},
		{"exit code 0 and containers", `{"agent":{"rule_id":"process_exit"},"title":"Process exited",` +
			`"date":"2025-11-03T09:00:01Z","exit":{"cause":"EXITED","code":0},` +
			`"process":{"pid":8,"exec_time":"2025-11-03T09:00:00Z","exit_time":"2025-11-03T09:00:01Z","container":{"id":"abc"}},` +
			`"container":{"id":"abc","created_at":"2025-11-03T04:00:00-05:00","variables":{"n":1}}}`,
			func(t *testing.T, e *Event) {
				if e.Exit.Cause != "EXITED" || !e.Exit.Code.Is(0) {
					t.Errorf("Exit = %+v", e.Exit)
				}
				if !e.Process.ExitTime.Valid() || e.Process.Container.ID != "abc" {
					t.Errorf("Process = %+v", e.Process)
				}
				if _, offset := e.Container.CreatedAt.Zone(); offset != -5*3600 || e.Container.Variables["n"] != 1.0 {
					t.Errorf("Container = %+v (offset %d)", e.Container, offset)
				}
			}},
		{"required properties missing", `{"title":"no agent"}`, func(t *testing.T, e *Event) {
			if e.Agent != nil || e.Title != "no agent" {
				t.Errorf("Event = %+v", e)
			}
		}},
		{"nulls are absent", `{"agent":null,"title":"t","date":null,"process":{"pid":1,"parent":null,"ancestors":null}}`, func(t *testing.T, e *Event) {
			if e.Agent != nil || !e.Date.IsZero() || e.Process.Parent != nil || e.Process.Ancestors != nil {
				t.Errorf("Event = %+v", e)
			}
		}},
		// Keys match exactly, as in the schema and jq: a key in another
		// case is an unknown property, and never stands in for the real one.
		{"keys match exactly", `{"Title":"t","AGENT":{"Rule_ID":"r"}}`, func(t *testing.T, e *Event) {
			if e.Title != "" || e.Agent != nil {
				t.Errorf("Event = %+v", e)
			}
			wantExtra(t, "Event", e.Extra, map[string]string{"Title": `"t"`, "AGENT": `{"Rule_ID":"r"}`})
		}},
		{"a key in another case does not replace the real one", `{"process":{"pid":1},"PROCESS":{"pid":666}}`, func(t *testing.T, e *Event) {
			if e.Process == nil || !e.Process.PID.Is(1) {
				t.Errorf("Process = %+v", e.Process)
			}
			wantExtra(t, "Event", e.Extra, map[string]string{"PROCESS": `{"pid":666}`})
		}},
		{"integers as JSON Schema reads them", `{"process":{"pid":1e3,"ppid":4.0},"exit":{"cause":"EXITED","code":-1.0737e9}}`, func(t *testing.T, e *Event) {
			if !e.Process.PID.Is(1000) || !e.Process.PPID.Is(4) || !e.Exit.Code.Is(-1073700000) {
				t.Errorf("Event = %+v %+v", e.Process, e.Exit)
			}
		}},
		{"repeated key, lenient: last wins", `{"title":"a","process":{"pid":1},"title":"b","process":{"ppid":2},"hostname":1}`, func(t *testing.T, e *Event) {
			if e.Title != "b" || e.Process.PID.Present() || !e.Process.PPID.Is(2) {
				t.Errorf("Event = %+v", e)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			tt.check(t, e)
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		in        string
		notObject bool // ErrNotObject rather than a *jsonscan.SyntaxError
	}{
		{in: ""},
		{in: "  \n"},
		{in: "{"},
		{in: `{"title":`},
		{in: `{"title":"t"} x`},
		{in: `{"title":"t"}{}`},
		{in: `{"title":42} ]`}, // trailing data after an ill-typed event
		{in: `{"title":"t",}`},
		{in: "null", notObject: true},
		{in: " [] ", notObject: true},
		{in: `"event"`, notObject: true},
		{in: "42", notObject: true},
	}
	for _, tt := range tests {
		e, err := Decode([]byte(tt.in))
		if e != nil {
			t.Errorf("Decode(%q) returned an event", tt.in)
		}
		var syntaxErr *jsonscan.SyntaxError
		switch {
		case tt.notObject && !errors.Is(err, ErrNotObject):
			t.Errorf("Decode(%q) = %v, want ErrNotObject", tt.in, err)
		case !tt.notObject && !errors.As(err, &syntaxErr):
			t.Errorf("Decode(%q) = %v, want a *jsonscan.SyntaxError", tt.in, err)
		}
	}
}

// json.Unmarshal into an Event goes through the same lenient decoding.
func TestUnmarshalIsLenient(t *testing.T) {
	var e Event
	if err := json.Unmarshal([]byte(`{"title":42,"hostname":"h"}`), &e); err != nil {
		t.Fatal(err)
	}
	wantExtra(t, "Event", e.Extra, map[string]string{"title": "42", "hostname": `"h"`})
}

// Input buffers are reused by the input package, so a decoded event must
// not point into them.
func TestDecodeDoesNotRetainInput(t *testing.T) {
	in := []byte(edit(edit(execEvent, `{"agent"`, `{"hostname":"h","agent"`), `"date":"2025-11-03T09:00:00.0079955Z"`, `"date":"not a date"`))
	e, err := Decode(in)
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		in[i] = 'x'
	}
	if e.Title != "A known cryptominer process was executed" || string(e.Extra["hostname"]) != `"h"` ||
		e.Date.Raw() != `"not a date"` || e.Process.Ancestors[0].ExecTime.Raw() != `"2025-11-03T09:00:00.004Z"` {
		t.Errorf("event changed with its input: %+v", e)
	}
}

// An array of objects costs the allocations of its growth, not one for
// every item: 64 ancestors without objects of their own, about ten.
func TestDecodeArrayAllocations(t *testing.T) {
	items := strings.Repeat(`{"pid":1},`, 63) + `{"pid":1}`
	data := []byte(`{"process":{"ancestors":[` + items + `]}}`)
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := Decode(data); err != nil {
			t.Fatal(err)
		}
	})
	// The event, its process, the slice made for 4 items and grown 4
	// times to hold 64, and a little room for the runtime.
	if allocs > 10 {
		t.Errorf("decoding 64 ancestors: %.0f allocations, want at most 10", allocs)
	}
}
