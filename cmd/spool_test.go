package cmd

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A duration --since on standard input copies it to a temporary file; the
// copy must not outlive the run, however the run ends.
func TestSpoolLeavesNoFile(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("watches /proc for the spool file")
	}
	bin := csmctlBinary(t)
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		end  func(t *testing.T, cmd *exec.Cmd, stdin *os.File, stdout *os.File)
	}{
		{"interrupted while spooling", func(t *testing.T, cmd *exec.Cmd, stdin, stdout *os.File) {
			stdin.Write(events) // and no end: csmctl waits for more
			waitForSpool(t, cmd.Process.Pid, cmd.Env)
			cmd.Process.Signal(os.Interrupt)
			stdin.Close()
		}},
		{"stdout closed, as by head -1", func(t *testing.T, cmd *exec.Cmd, stdin, stdout *os.File) {
			go func() {
				stdin.Write(bytes.Repeat(events, 50))
				stdin.Close()
			}()
			if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil {
				t.Errorf("no first line: %v", err)
			}
			stdout.Close()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			cmd := exec.Command(bin, "show", "--since", "1000h")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			inR, inW, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			outR, outW, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdin, cmd.Stdout = inR, outW
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			inR.Close()
			outW.Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			c.end(t, cmd, inW, outR)
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("csmctl did not end")
			}
			left, _ := os.ReadDir(tmp)
			if len(left) > 0 {
				t.Errorf("%s left in TMPDIR: %v", left[0].Name(), left)
			}
		})
	}
}

// waitForSpool waits until the process has its spool file open, so that a
// test stops it while the copy exists.
func waitForSpool(t *testing.T, pid int, env []string) {
	t.Helper()
	var tmp string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "TMPDIR="); ok {
			tmp = v
		}
	}
	fds := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		list, _ := os.ReadDir(fds)
		for _, fd := range list {
			if target, err := os.Readlink(filepath.Join(fds, fd.Name())); err == nil && strings.HasPrefix(target, tmp+"/csmctl-stdin-") {
				return
			}
		}
	}
	t.Fatal("csmctl never opened its spool file")
}
