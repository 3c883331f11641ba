package cmd

import (
	"strings"
	"testing"
	"time"
)

// No two sections of one event share a title: with -v, a process that has
// a parent and no ancestors list shows the parent's lineage row under
// process.parent and its details under process.parent (details).
func TestShowVerboseSectionTitlesDiffer(t *testing.T) {
	out, _, code := runWithin(t, 10*time.Second, false, "show", "-v", "../testdata/hostile/linux-backslash-names.ndjson")
	if code != 0 {
		t.Fatalf("exit status %d, want 0", code)
	}
	events := strings.Split(strings.TrimSuffix(out, "\n\n"), "\n\n")
	if len(events) != 2 {
		t.Fatalf("got %d events, want 2:\n%s", len(events), out)
	}
	for _, ev := range events {
		seen := map[string]bool{}
		for line := range strings.Lines(ev) {
			if strings.HasPrefix(line, " ") {
				continue
			}
			if seen[line] {
				t.Errorf("title %q twice in one event:\n%s", strings.TrimSpace(line), ev)
			}
			seen[line] = true
		}
		if !strings.Contains(ev, "\nprocess.parent (details)\n  pid ") {
			t.Errorf("no process.parent (details) section:\n%s", ev)
		}
	}
}
