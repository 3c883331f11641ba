//go:build linux

package cmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// On a real terminal, csmctl query prints what the tests' pretend terminal
// gets (pinned by golden files): -o table bordered and fitted to the width,
// -r and JSON output escaped.
func TestQueryOnTerminal(t *testing.T) {
	bin := csmctlBinary(t)
	input := ptyInput(t, "mixed.ndjson", "{\"a\":1,\"b\":\"x\\ty\"}\n{\"a\":2,\"c\":3}\n{\"b\":\"z\\u001b[31m\\u202e\"}\n")
	for _, args := range [][]string{
		{"-o", "table", "."},
		{"-r", ".b // empty"},
		{"-c", "."},
	} {
		args = append(append([]string{"--color", "never", "query"}, args...), input)
		master, slave := openPTY(t, 60)
		c := exec.Command(bin, args...)
		c.Stdout = slave
		c.Stderr = io.Discard
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		slave.Close()
		var got bytes.Buffer
		_, err := io.Copy(&got, master) // ends with EIO once the command is gone
		var pe *os.PathError
		if err != nil && !(errors.As(err, &pe) && errors.Is(pe.Err, syscall.EIO)) {
			t.Fatal(err)
		}
		_ = c.Wait()
		io, _, want, _ := iostreams.Test()
		io.SetStdoutTTY(true)
		io.SetWidth(60)
		Main(io, args)
		// The terminal turns each line break into CR LF.
		if out := strings.ReplaceAll(got.String(), "\r\n", "\n"); out != want.String() {
			t.Errorf("csmctl %s on a terminal:\n%s\nwant:\n%s", strings.Join(args, " "), out, want)
		}
	}
}

// ptyInput writes an input file for a command run on a terminal.
func ptyInput(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// On a real terminal, query's JSON is escaped for it, and otherwise is
// gojq's bytes: \b and \f by name, DEL as \u007f, U+202E as \u202e; -r
// keeps the tab and shows the other controls as text does.
func TestQueryEscapesOnPTY(t *testing.T) {
	bin := csmctlBinary(t)
	input := ptyInput(t, "escapes.ndjson", `{"b":"x\b\f\u007f\u202e\ty"}`+"\n")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--color", "never", "query", "-c", ".b", input}, `"x\b\f\u007f\u202e\ty"` + "\n"},
		{[]string{"--color", "never", "query", "-r", ".b", input}, `x\x08\x0c\x7f\u202e` + "\ty\n"},
	} {
		if got := runOnPTY(t, bin, 80, tt.args...); got != tt.want {
			t.Errorf("%v on a terminal: %q, want %q", tt.args, got, tt.want)
		}
	}
}
