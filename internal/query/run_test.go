package query

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

// numbered writes n events {"n":1}… to a file, one per line.
func numbered(t testing.TB, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "{\"n\":%d,\"pad\":\"%s\"}\n", i, strings.Repeat("x", i%50))
	}
	path := t.TempDir() + "/numbered.ndjson"
	if err := writeFile(path, b.String()); err != nil {
		t.Fatal(err)
	}
	return path
}

func runFilter(t *testing.T, filter string, o RunOptions) (*Result, string) {
	t.Helper()
	p, err := Compile(Options{Filter: filter})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if o.Out == nil {
		o.Out = &out
	}
	if o.ErrOut == nil {
		o.ErrOut = &out
	}
	res, err := p.Run(o)
	if err != nil {
		t.Fatal(err)
	}
	return res, out.String()
}

// Results come out in input order, with what the filter wrote on standard
// error in its place among them, however the events were spread over
// batches and workers.
func TestRunKeepsOrder(t *testing.T) {
	path := numbered(t, 500)
	var want strings.Builder
	for i := 1; i <= 500; i++ {
		fmt.Fprintf(&want, "[\"DEBUG:\",%d]\n%d\n", i, i+1)
	}
	for _, workers := range []int{1, 2, 5} {
		for _, block := range []int{64, 1000, 0} {
			_, got := runFilter(t, ".n | debug | . + 1", RunOptions{Files: []string{path}, Format: Format{Compact: true}, Workers: workers, Reading: input.Options{BlockSize: block}})
			if got != want.String() {
				t.Errorf("%d workers, blocks of %d: output out of order:\n%s", workers, block, firstDiff(got, want.String()))
			}
		}
	}
}

// halt stops the run where it happens, whatever other workers have done.
func TestRunHalt(t *testing.T) {
	path := numbered(t, 500)
	res, got := runFilter(t, `if .n == 300 then "stop\n" | halt_error(7) else .n end`,
		RunOptions{Files: []string{path}, Format: Format{Compact: true}, Workers: 3, Reading: input.Options{BlockSize: 64}})
	var want strings.Builder
	for i := 1; i < 300; i++ {
		fmt.Fprintf(&want, "%d\n", i)
	}
	want.WriteString("stop\n")
	if got != want.String() || !res.Halted || res.HaltCode != 7 {
		t.Errorf("halted=%v code=%d, output:\n%s", res.Halted, res.HaltCode, firstDiff(got, want.String()))
	}
}

func TestRunLimit(t *testing.T) {
	path := numbered(t, 500)
	for _, filter := range []string{".n", "."} {
		o := RunOptions{Files: []string{path}, Format: Format{Compact: true}, Workers: 3, Reading: input.Options{BlockSize: 64}}
		o.Select.Limit = 3
		o.Select.Where = ".n > 100"
		_, got := runFilter(t, filter+" | .n? // .", o)
		if got != "101\n102\n103\n" {
			t.Errorf("%s: got %q", filter, got)
		}
	}
}

func TestCompileFastPaths(t *testing.T) {
	for _, tt := range []struct {
		filter            string
		identity, literal bool
	}{
		{".", true, false},
		{" . ", true, false},
		{".a", false, false},
		{"def f: .; .", false, false},
		{`select(.a.b == "x") | .c`, false, true},
		{`def x: 1; select(.a.b == "x")`, false, false},
	} {
		p, err := Compile(Options{Filter: tt.filter})
		if err != nil {
			t.Fatal(err)
		}
		if p.identity != tt.identity || (p.literal != nil) != tt.literal {
			t.Errorf("%q: identity %v, literal test %v", tt.filter, p.identity, p.literal != nil)
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

// --limit with `.`, which is printed from the events' text.
func TestRunLimitIdentity(t *testing.T) {
	path := numbered(t, 500)
	o := RunOptions{Files: []string{path}, Format: Format{Compact: true}, Workers: 3, Reading: input.Options{BlockSize: 64}}
	o.Select.Limit = 2
	_, got := runFilter(t, ".", o)
	if got != "{\"n\":1,\"pad\":\"x\"}\n{\"n\":2,\"pad\":\"xx\"}\n" {
		t.Errorf("got %q", got)
	}
}
