package cmd

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestShowListsIllTypedLinuxFields checks show against validate on events
// with ill-typed Linux fields: every value the schema rejects is under
// "other fields" with the pointer validate names, the well-typed events on
// either side are shown, and nothing else of the event is listed there.
func TestShowListsIllTypedLinuxFields(t *testing.T) {
	const path = "../testdata/hostile/linux-ill-typed.ndjson"
	verdicts, _, code := runWithin(t, 30*time.Second, false, "validate", path)
	if code != 1 {
		t.Fatalf("validate: exit status %d, want 1", code)
	}
	var want []string
	for _, m := range regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(path)+`:2: (/\S+):`).FindAllStringSubmatch(verdicts, -1) {
		want = append(want, m[1])
	}
	if len(want) != 7 {
		t.Fatalf("validate names %d bad values, want the fixture's 7:\n%s", len(want), verdicts)
	}
	out, _, code := runWithin(t, 30*time.Second, false, "show", "--color", "never", path)
	if code != 0 {
		t.Fatalf("show: exit status %d", code)
	}
	if n := strings.Count(out, "Interactive shell spawned over SSH"); n != 3 {
		t.Errorf("show: %d events, want 3", n)
	}
	_, second, _ := strings.Cut(out, path+":2\n")
	second, _, _ = strings.Cut(second, path+":3\n")
	_, other, ok := strings.Cut(second, "other fields")
	if !ok {
		t.Fatalf("show: no other fields section in event 2:\n%s", second)
	}
	var got []string
	for _, line := range strings.Split(other, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(f[0], "/") {
			got = append(got, f[0])
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("show's other fields %q, want validate's %q", got, want)
	}
}
