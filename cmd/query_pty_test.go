//go:build linux

package cmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// openPTY opens a pseudo-terminal of the given width: the test reads the
// master, the command writes the slave.
func openPTY(t *testing.T, width int) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	ioctl := func(f *os.File, req uintptr, arg unsafe.Pointer) {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
			t.Skipf("pseudo-terminal ioctl %#x: %v", req, errno)
		}
	}
	var unlock int32
	ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	var n uint32
	ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n))
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	size := [4]uint16{24, uint16(width), 0, 0} // rows, columns, pixels
	ioctl(slave, syscall.TIOCSWINSZ, unsafe.Pointer(&size))
	return master, slave
}

// buildCsmctl builds the command, to run it on a real terminal.
func buildCsmctl(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build csmctl with")
	}
	bin := filepath.Join(t.TempDir(), "csmctl")
	if out, err := exec.Command(goTool, "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// On a real terminal, csmctl query prints what the tests' pretend terminal
// gets (pinned by golden files): -o table bordered and fitted to the width,
// -r and JSON output escaped.
func TestQueryOnTerminal(t *testing.T) {
	bin := buildCsmctl(t)
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
