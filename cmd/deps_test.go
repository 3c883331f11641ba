package cmd

import (
	"os/exec"
	"strings"
	"testing"
)

// The modules that are the tests' references are not linked into
// csmctl: parquet-go's package inits and code made every run start
// slower (README's Dependencies).
func TestTestOnlyModulesNotLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "..").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, module := range []string{"github.com/parquet-go/", "github.com/santhosh-tekuri/jsonschema", "github.com/creack/pty"} {
			if strings.HasPrefix(pkg, module) {
				t.Errorf("csmctl links %s, a test-only dependency", pkg)
			}
		}
	}
}
