package cmd

import (
	"debug/buildinfo"
	"debug/elf"
	"runtime"
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
		"github.com/klauspost/compress", // the reference of internal/zstd's decoder and encoder
		"github.com/cespare/xxhash",     // the reference of internal/zstd's xxhash64
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

// No method is looked up by a name the linker cannot see (reflect's
// MethodByName with a variable, a template run by text/template): the
// linker then keeps every exported method of every type, which made the
// binary 2 MB larger and every run slower to start. text/template's field
// evaluator is the telltale: cobra links it only when such a lookup keeps
// its template setters.
func TestNoMethodLookupByName(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the ELF symbol table")
	}
	f, err := elf.Open(csmctlBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range syms {
		seen[s.Name] = true
	}
	if !seen["main.main"] {
		t.Fatal("no main.main in the symbol table: the check would pass whatever is linked")
	}
	if seen["text/template.(*state).evalField"] {
		t.Error("text/template's evaluator is linked: some code looks a method up by a name that is not a constant")
	}
}
