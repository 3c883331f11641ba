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
	input := filepath.Join(t.TempDir(), "mixed.ndjson")
	if err := os.WriteFile(input, []byte("{\"a\":1,\"b\":\"x\\ty\"}\n{\"a\":2,\"c\":3}\n{\"b\":\"z\\u001b[31m\\u202e\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
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
