package cmd

import (
	"bytes"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// ptyScreen is what a process wrote to its terminal, read as it comes.
type ptyScreen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *ptyScreen) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.Write(p)
}

func (t *ptyScreen) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

// waitFor waits until the terminal shows s.
func (t *ptyScreen) waitFor(tb testing.TB, s string) {
	tb.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(t.String(), s) {
			return
		}
	}
	tb.Fatalf("terminal never showed %q; it shows %q", s, t.String())
}

// On a terminal, csmctl says it reads standard input, and one Ctrl-D ends
// it, as for jq and cat, typed events or not.
func TestStdinTerminal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no pseudo-terminals")
	}
	bin := csmctlBinary(t)
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	event := string(events[:bytes.IndexByte(events, '\n')+1])
	for _, c := range []struct {
		name  string
		args  []string
		typed string
		want  string
	}{
		{"validate, nothing typed", []string{"validate"}, "", "0 events: 0 valid, 0 invalid"},
		{"validate, an event typed", []string{"validate"}, event, "1 event: 1 valid, 0 invalid"},
		{"tree, nothing typed", []string{"tree"}, "", "csmctl: <stdin>: no events"},
		{"query, an event typed", []string{"query", "-c", ".process.pid"}, event, "18744"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			tty, err := pty.Start(cmd)
			if err != nil {
				t.Skipf("no pseudo-terminal: %v", err)
			}
			defer tty.Close()
			var screen ptyScreen
			go func() { _, _ = copyAll(&screen, tty) }()
			screen.waitFor(t, "csmctl: reading events from standard input (Ctrl-D to end)\r\n")
			tty.WriteString(c.typed + "\x04") // one Ctrl-D
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still reading after one Ctrl-D; the terminal shows %q", screen.String())
			}
			screen.waitFor(t, c.want)
			if n := strings.Count(screen.String(), "reading events from standard input"); n != 1 {
				t.Errorf("the note shows %d times, want once: %q", n, screen.String())
			}
		})
	}
	// The note goes with standard input's being a terminal, as iostreams
	// says, and with reading it: not for files.
	for _, c := range []struct {
		tty   bool
		args  []string
		notes int
	}{
		{false, []string{"validate"}, 0},
		{true, []string{"validate"}, 1},
		{true, []string{"validate", "-", "-"}, 1},
		{true, []string{"validate", "../examples/events.ndjson"}, 0},
		{true, []string{"query", "-n", "1"}, 0},
	} {
		io, _, _, errOut := iostreams.Test()
		io.SetStdinTTY(c.tty)
		Main(io, c.args)
		if n := strings.Count(errOut.String(), "csmctl: reading events from standard input (Ctrl-D to end)\n"); n != c.notes {
			t.Errorf("stdin a terminal: %v, csmctl %s: %d notes, want %d (%q)", c.tty, strings.Join(c.args, " "), n, c.notes, errOut)
		}
	}
}

// copyAll copies r to w until r fails, as a pseudo-terminal does when its
// process ends.
func copyAll(w *ptyScreen, r *os.File) (int64, error) {
	var n int64
	buf := make([]byte, 4096)
	for {
		m, err := r.Read(buf)
		w.Write(buf[:m])
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
}
