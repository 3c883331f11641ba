//go:build linux

package cmd

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// openPTY opens a pseudo-terminal cols columns wide: its master, to read
// what is written, and its slave, to write to.
func openPTY(t *testing.T, cols int) (master, slave *os.File) {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { master.Close(); slave.Close() })
	if err := pty.Setsize(slave, &pty.Winsize{Rows: 50, Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	return master, slave
}

// runOnPTY runs the csmctl binary with its standard output on a terminal
// cols columns wide, and returns what it wrote there, lines ending in \n.
func runOnPTY(t *testing.T, bin string, cols int, args ...string) string {
	t.Helper()
	master, slave := openPTY(t, cols)
	cmd := exec.Command(bin, args...)
	cmd.Dir = ".."
	cmd.Stdout = slave
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() { _, _ = io.Copy(&out, master); close(done) }() // ends with EIO once the child is gone
	if err := cmd.Wait(); err != nil {
		t.Fatalf("csmctl %s: %v; stderr: %s", strings.Join(args, " "), err, stderr.String())
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the terminal did not drain")
	}
	return strings.ReplaceAll(out.String(), "\r\n", "\n")
}

// Through a real terminal: csmctl reads its width, cuts tree -v lines
// before their FILE:LINE, and fits show's tables.
func TestTerminalWidthThroughPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := csmctlBinary(t)
	for _, cols := range []int{80, 60} {
		tree := runOnPTY(t, bin, cols, "--color", "never", "tree", "-v", "examples/attack.ndjson")
		if !strings.Contains(tree, "└─ ") {
			t.Errorf("%d columns: no tree drawn:\n%s", cols, tree)
		}
		for _, line := range strings.Split(strings.TrimSuffix(tree, "\n"), "\n") {
			if n := len([]rune(line)); n > cols {
				t.Errorf("tree, %d columns: a line of %d: %s", cols, n, line)
			}
			if strings.Contains(line, "● ") && !hitLocation.MatchString(line) {
				t.Errorf("tree, %d columns: a hit without its FILE:LINE: %s", cols, line)
			}
		}
		show := runOnPTY(t, bin, cols, "--color", "never", "show", "examples/kinds.ndjson")
		if !strings.Contains(show, "┌") {
			t.Errorf("%d columns: show drew no table:\n%.500s", cols, show)
		}
		for _, line := range strings.Split(show, "\n") {
			if n := len([]rune(line)); strings.HasPrefix(line, "  ") && n > cols {
				t.Errorf("show, %d columns: a table line of %d: %s", cols, n, line)
			}
		}
	}
}

// Through a real terminal, a Linux command line labels its process: cut
// short without -v, whole with -v when the terminal is wide enough, every
// line cut to the width, and the escape sequences of an argument shown
// escaped, never sent to the terminal.
func TestTreeLinuxCommandLineThroughPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := csmctlBinary(t)
	const file = "cmd/testdata/tree-linux.ndjson"
	const url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
	tests := []struct {
		cols     int
		verbose  bool
		contains string
	}{
		{200, false, "curl -s -H 'X-aws-ec2-metadata-token: AQAEAKx' http://169.2 …"},
		{200, true, "curl -s -H 'X-aws-ec2-metadata-token: AQAEAKx' " + url + "\n"},
		// 73 columns before the command line, 6 of it, and the … in the 80th.
		{80, false, "├─ curl  pid 4250  alice  c0ffee012345  2025-11-03T09:00:00.1230Z  curl -…\n"},
	}
	for _, tt := range tests {
		args := []string{"--color", "never", "tree", file}
		if tt.verbose {
			args = []string{"--color", "never", "tree", "-v", file}
		}
		out := runOnPTY(t, bin, tt.cols, args...)
		if !strings.Contains(out, tt.contains) {
			t.Errorf("%d columns, -v %v: no %q in\n%s", tt.cols, tt.verbose, tt.contains, out)
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("%d columns, -v %v: an escape character reached the terminal", tt.cols, tt.verbose)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if n := len([]rune(line)); n > tt.cols {
				t.Errorf("%d columns: a line of %d: %s", tt.cols, n, line)
			}
		}
	}
}

// Through a real terminal, show's Linux rows fit its width: the matched
// span of a rule's expression is marked, a mode is decoded, -v details
// each ancestor, and nothing an event holds sends an escape sequence.
func TestShowLinuxThroughPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := csmctlBinary(t)
	for _, cols := range []int{100, 60} {
		out := runOnPTY(t, bin, cols, "--color", "never", "show", "-v",
			"testdata/linux-events.ndjson", "testdata/hostile/linux-show-sections.ndjson")
		for _, want := range []string{
			"[[open.file.path]]", "-rwxr-xr-x", "rwsr-xr-x", "process.ancestors.0",
			"[args truncated]", "ssh [::1]:",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%d columns: no %q in\n%s", cols, want, out)
			}
		}
		if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) {
			t.Errorf("%d columns: a control character from an event reached the terminal", cols)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if n := len([]rune(line)); strings.HasPrefix(line, "  ") && n > cols {
				t.Errorf("%d columns: a table line of %d: %s", cols, n, line)
			}
		}
	}
}
