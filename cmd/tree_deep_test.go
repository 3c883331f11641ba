package cmd

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// writeDeepChain writes one event whose process has an ancestor chain
// depth processes deep, with exec times or without, and returns its path
// and size.
func writeDeepChain(t *testing.T, depth int, execTimes bool) (string, int) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"agent":{"rule_id":"r"},"evt":{"name":"exec"},"process":{"pid":1,"executable":{"name":"leaf.exe"},"ancestors":[`)
	for i := range depth {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"pid":%d,"executable":{"name":"p%d.exe"}`, i+2, depth-i)
		if execTimes {
			b.WriteString(`,"exec_time":"2025-11-03T09:00:00Z"`)
		}
		b.WriteByte('}')
	}
	b.WriteString("]}}\n")
	path := t.TempDir() + string(os.PathSeparator) + "deep.ndjson"
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b.Len()
}

// balancedJSON reports whether the brackets of a JSON text balance, outside
// its strings: encoding/json cannot check a text nested deeper than 10 000.
func balancedJSON(s string) bool {
	var open []byte
	inString := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			open = append(open, c)
		case c == '}' || c == ']':
			if len(open) == 0 || open[len(open)-1] != map[byte]byte{'}': '{', ']': '['}[c] {
				return false
			}
			open = open[:len(open)-1]
		}
	}
	return len(open) == 0 && !inString
}

// A chain thousands of processes deep is drawn in output proportional to
// it, quickly, in every format: indentation stops growing past a depth.
func TestTreeDeepChainOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds chains of 100 000 processes")
	}
	for _, c := range []struct {
		depth     int
		execTimes bool
	}{{10_000, true}, {10_000, false}, {100_000, true}} {
		path, size := writeDeepChain(t, c.depth, c.execTimes)
		formats := [][]string{{"tree"}, {"tree", "-v"}, {"tree", "--ascii"}, {"tree", "-o", "json"}, {"tree", "-o", "dot"}, {"tree", "-o", "mermaid"}}
		if c.depth > 10_000 {
			formats = [][]string{{"tree"}, {"tree", "-o", "json"}}
		}
		for _, args := range formats {
			name := fmt.Sprintf("%d deep, exec times %v: %s", c.depth, c.execTimes, strings.Join(args, " "))
			out, errOut, code := runWithin(t, 60*time.Second, false, append(args, path)...)
			if code != 0 {
				t.Errorf("%s: exit status %d; stderr: %s", name, code, errOut)
			}
			if len(out) > 8*size {
				t.Errorf("%s: %d bytes out of %d in, more than 8 times", name, len(out), size)
			}
			if strings.Count(out, "leaf.exe") != 1 {
				t.Errorf("%s: the acting process is not shown once", name)
			}
			if args[len(args)-1] == "json" && !balancedJSON(out) {
				t.Errorf("%s: brackets do not balance", name)
			}
		}
	}
}
