package cmd

import (
	"debug/buildinfo"
	"strings"
	"testing"
)

// The modules only the tests use (README's Dependencies table), and those
// they bring, stay out of the binary: each cost every run its package inits.
func TestTestOnlyModulesNotLinked(t *testing.T) {
	info, err := buildinfo.ReadFile(csmctlBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	testOnly := []string{
		"github.com/olekukonko/", // tablewriter, the reference of our box, and its own modules
		"github.com/mattn/go-runewidth",
		"github.com/parquet-go/", // the reference reader of export's Parquet files
		"github.com/santhosh-tekuri/jsonschema",
		"github.com/creack/pty",
		"golang.org/x/text",
	}
	if len(info.Deps) == 0 {
		t.Fatal("the binary lists no module: the check would pass whatever is linked")
	}
	for _, dep := range info.Deps {
		for _, m := range testOnly {
			if strings.HasPrefix(dep.Path, m) {
				t.Errorf("%s %s is linked into csmctl; only the tests should use it", dep.Path, dep.Version)
			}
		}
	}
}
