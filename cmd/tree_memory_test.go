package cmd

import (
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// Past --max-processes, new processes are left out with the events that
// name them, counted once on standard error, and the status is 1.
func TestTreeMaxProcesses(t *testing.T) {
	const events = `{"agent":{"rule_id":"r1"},"process":{"pid":10,"exec_time":"2025-11-03T10:00:01Z","executable":{"name":"cmd.exe"},"ancestors":[{"pid":4,"executable":{"name":"System"}}]}}
{"agent":{"rule_id":"r2"},"process":{"pid":11,"exec_time":"2025-11-03T10:00:02Z","executable":{"name":"whoami.exe"},"ancestors":[{"pid":10,"exec_time":"2025-11-03T10:00:01Z"},{"pid":4}]}}
{"agent":{"rule_id":"r3"},"process":{"pid":10,"exec_time":"2025-11-03T10:00:01Z","ancestors":[{"pid":4}]}}
{"agent":{"rule_id":"r4"},"process":{"pid":12,"exec_time":"2025-11-03T10:00:03Z","executable":{"name":"net.exe"},"ancestors":[{"pid":9,"exec_time":"2025-11-03T10:00:00Z","executable":{"name":"evil.exe"}},{"pid":10,"exec_time":"2025-11-03T10:00:01Z"},{"pid":4}]}}
`
	const all = `System  pid 4
└─ cmd.exe  pid 10  2025-11-03T10:00:01Z
   │  ● r1 ×1
   │  ● r3 ×1
   ├─ evil.exe  pid 9  2025-11-03T10:00:00Z
   │  └─ net.exe  pid 12  2025-11-03T10:00:03Z
   │        ● r4 ×1
   └─ whoami.exe  pid 11  2025-11-03T10:00:02Z
         ● r2 ×1
`
	tests := []struct {
		name     string
		max      string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"no bound", "0", 0, all, ""},
		{"bound not reached", "5", 0, all, ""},
		// evil.exe is the fourth: left out, and net.exe, under it, with
		// its event.
		{"bound reached", "3", 1, `System  pid 4
└─ cmd.exe  pid 10  2025-11-03T10:00:01Z
   │  ● r1 ×1
   │  ● r3 ×1
   └─ whoami.exe  pid 11  2025-11-03T10:00:02Z
         ● r2 ×1
`, "csmctl: 1 event named processes past the first 3, left out (--max-processes)\n"},
		{"two left out", "2", 1, `System  pid 4
└─ cmd.exe  pid 10  2025-11-03T10:00:01Z
      ● r1 ×1
      ● r3 ×1
`, "csmctl: 2 events named processes past the first 2, left out (--max-processes)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, events, "tree", "--max-processes", tt.max)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d", code, tt.wantCode)
			}
			if out != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.wantOut)
			}
			if errOut != tt.wantErr {
				t.Errorf("stderr %q, want %q", errOut, tt.wantErr)
			}
		})
	}
	_, errOut, code := run(t, events, "tree", "--max-processes", "-1")
	if code != 2 || !strings.HasPrefix(errOut, "csmctl: invalid --max-processes -1") {
		t.Errorf("--max-processes -1: exit status %d, stderr %q", code, errOut)
	}
}

func TestTreeMaxProcessesFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want int
	}{
		{nil, defaultMaxProcesses},
		{[]string{"--max-processes", "1000"}, 1000},
		{[]string{"--max-processes", "0"}, 0},
	} {
		io, _, _, _ := iostreams.Test()
		var got *TreeOptions
		cmd := newTreeCmd(io, nil, func(o *TreeOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.MaxProcesses != tt.want {
			t.Errorf("%v: MaxProcesses %d, want %d", tt.args, got.MaxProcesses, tt.want)
		}
	}
}
