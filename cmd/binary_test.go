package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// built is the csmctl binary, built once for the tests that must run it as
// a process: signals, pipes closed under it, terminals.
var built struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// csmctlBinary builds csmctl (once per test run) and returns its path.
func csmctlBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "csmctl-test-")
		if built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "csmctl")
		built.out, built.err = exec.Command("go", "build", "-o", built.path, "..").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("building csmctl: %v\n%s", built.err, built.out)
	}
	return built.path
}
