package cmd

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/golden"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// Every command that --help lists gets a page, and none other; the page of
// validate is pinned (checked by hand on each -update).
func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man") // created by the command
	ios, _, out, errOut := iostreams.Test()
	root := NewRootCmd(ios)
	root.Version = "v1.2.3 (rev 2c85d35, go1.26.8)"
	date := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	for _, c := range root.Commands() {
		if c.Name() == "man" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(newManCmd(ios, func(opts *ManOptions) error {
		opts.Date = &date
		return runMan(opts)
	}))
	root.SetArgs([]string{"man", "--dir", dir})
	if code := exitCode(ios, root.Execute()); code != ExitOK || out.Len() > 0 || errOut.Len() > 0 {
		t.Fatalf("exit status %d, stdout %q, stderr %q", code, out, errOut)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{
		"csmctl-completion-bash.1", "csmctl-completion-fish.1", "csmctl-completion-powershell.1",
		"csmctl-completion-zsh.1", "csmctl-completion.1", "csmctl-export.1", "csmctl-hunt.1", "csmctl-man.1", "csmctl-query.1", "csmctl-show.1",
		"csmctl-stats.1", "csmctl-timeline.1", "csmctl-tree.1", "csmctl-validate.1", "csmctl-version.1", "csmctl.1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	page, err := os.ReadFile(filepath.Join(dir, "csmctl-validate.1"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "Auto generated") {
		t.Error("the page carries cobra's generated-by line")
	}
	golden.Assert(t, filepath.Join("testdata", "man", "csmctl-validate.1.golden"), page)
}

func TestManUsage(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		wantStderr string
	}{
		{[]string{"man"}, "csmctl: --dir is required: the directory to write the pages into\nRun 'csmctl man --help' for usage.\n"},
		{[]string{"man", "out"}, "csmctl: csmctl man takes no arguments, got \"out\"\nRun 'csmctl man --help' for usage.\n"},
	} {
		_, errOut, code := run(t, "", tt.args...)
		if code != ExitUsage || errOut != tt.wantStderr {
			t.Errorf("csmctl %v: exit status %d, stderr %q; want %d, %q", tt.args, code, errOut, ExitUsage, tt.wantStderr)
		}
	}
}

// The pages' date is the built commit's when Go stamped it, and nil (doc's
// SOURCE_DATE_EPOCH, else now) when it did not or stamped no time.
func TestCommitTime(t *testing.T) {
	stamped := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "2c85d351935507c363fe3e2b7ee4e3a459c2d482"},
		{Key: "vcs.time", Value: "2025-11-03T09:00:00Z"},
	}}
	got := commitTime(stamped, true)
	if want := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC); got == nil || !got.Equal(want) {
		t.Errorf("commitTime = %v, want %v", got, want)
	}
	for name, info := range map[string]*debug.BuildInfo{
		"no vcs.time":  {Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}},
		"bad vcs.time": {Settings: []debug.BuildSetting{{Key: "vcs.time", Value: "yesterday"}}},
	} {
		if got := commitTime(info, true); got != nil {
			t.Errorf("%s: commitTime = %v, want nil", name, got)
		}
	}
	if got := commitTime(nil, false); got != nil {
		t.Errorf("no build information: commitTime = %v, want nil", got)
	}
}
