package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/parquet-go/parquet-go"

	"github.com/csmctl/csmctl/internal/export"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// hostileCase is one file of ../testdata/hostile (or one made here, when it
// is too big to commit) and what every subcommand must make of it.
type hostileCase struct {
	file     string
	objects  int   // JSON objects in it: every one must come through
	badLines []int // lines that must be named as FILE:LINE
	// nonObjects counts the badLines that are JSON but not objects: not
	// events, but values jq reads, so query passes them through.
	nonObjects int
}

// queryBadLines are, by file, the events only query rejects (a number too
// long for jq's arithmetic): among the objects for the other commands.
var queryBadLines = map[string][]int{"long-number.ndjson": {2}}

// huntSummary is a line of hunt's summary on standard error, not a
// diagnostic: a rule's count of matches, or --verify's counts.
var huntSummary = regexp.MustCompile(`^([a-z0-9_]+: \d+ match(es)?|\d+ events? with a rule context: .*)$`)

var hostileCases = []hostileCase{
	{"empty.ndjson", 0, nil, 0},
	{"blank.ndjson", 0, nil, 0},
	{"crlf.ndjson", 2, nil, 0},
	{"bom.ndjson", 2, nil, 0},
	{"no-final-newline.ndjson", 2, nil, 0},
	{"garbage.ndjson", 3, []int{2, 3, 5, 6, 7}, 0},
	{"nul.ndjson", 3, []int{2, 4}, 0},
	{"invalid-utf8.ndjson", 3, nil, 0},
	{"array.json", 3, nil, 0},
	{"two-per-line.ndjson", 3, nil, 0},
	{"duplicate-keys.ndjson", 2, nil, 0},
	{"duplicate-date.ndjson", 3, nil, 0},
	{"invalid-utf8-title.ndjson", 3, nil, 0},
	{"wide-objects.ndjson", 3, nil, 0}, // objects of more than 64 properties; repeated keys of mixed types
	{"non-object.ndjson", 2, []int{2, 3, 4, 5, 6}, 5},
	{"escapes.ndjson", 3, nil, 0},
	{"pid-cycle.ndjson", 3, nil, 0},
	{"pid-reuse.ndjson", 2, nil, 0},
	{"ill-typed-pids.ndjson", 14, nil, 0},
	{"invisible.ndjson", 3, nil, 0},
	{"ill-typed-date.ndjson", 3, nil, 0},      // a date with escapes, dates that are no strings
	{"ill-typed-ancestors.ndjson", 2, nil, 0}, // ancestors lists with items that are no objects
	{"os-shape.ndjson", 6, nil, 0},            // agent.os hostile or absent: the keys choose the schema
	{"lineage-variables.ndjson", 3, nil, 0},
	{"linux-ill-typed.ndjson", 3, nil, 0},         // ill-typed Linux fields, escapes in Linux-only ones
	{"linux-ill-typed-lineage.ndjson", 4, nil, 0}, // Linux process fields of the wrong type, escapes in args
	{"linux-families.ndjson", 4, nil, 0},          // Linux family fields of the wrong type, escapes in every family
	{"linux-show-sections.ndjson", 3, nil, 0},     // rule_context spans out of range or inside a character, ill-typed modes and owners
	{"validate-quoting.ndjson", 3, nil, 0},        // a date cut inside a character, a BEL in a date, a key not UTF-8 with an escape sequence
	{"linux-backslash-names.ndjson", 2, nil, 0},
	{"invalid-utf8-lineage.ndjson", 2, nil, 0}, // bytes that are not UTF-8 in tree's names, rules and command lines   // backslashes inside Linux executable names, paths ending in "/"
	{"events.ndjson.gz", 3, []int{3}, 0},
	{"pretty-broken.json", 7, []int{5}, 0},   // `jq .` output, one value broken
	{"stray-bracket.ndjson", 3, []int{1}, 0}, // "[" alone before NDJSON
	{"long-line.ndjson", 3, nil, 0},          // made by writeBigHostileFiles
	{"deep-nesting.ndjson", 2, []int{2}, 0},  // made by writeBigHostileFiles
	{"long-number.ndjson", 3, nil, 0},        // made by writeBigHostileFiles
	{"utf16.ndjson", 0, nil, 0},
	{"truncated.ndjson.gz", 2, []int{3}, 0}, // line 3 is cut by the truncation
	{"trailing-garbage.ndjson.gz", 2, nil, 0},
}

// hostileUnread are the hostile files that cannot be read whole, and what
// every command must say of them (exit status 2) after the events before
// the break.
var hostileUnread = map[string]string{
	"utf16.ndjson":               "input is UTF-16; convert it with iconv -f UTF-16 -t UTF-8",
	"truncated.ndjson.gz":        "truncated gzip stream after 1087 bytes", // the whole file
	"trailing-garbage.ndjson.gz": "trailing garbage after gzip stream at byte 725",
}

// writeBigHostileFiles makes the cases too big to commit: an 8 MiB line and
// 200 000 nested arrays inside variables, each between good events.
func writeBigHostileFiles(t *testing.T, dir string) {
	good, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitN(good, []byte("\n"), 3)
	g1, g2 := string(lines[0]), string(lines[1])
	long := fmt.Sprintf(`{"agent":{"rule_id":"r"},"title":"t","process":{"pid":1,"cmdline":"%s","variables":{"blob":"%s"}}}`,
		strings.Repeat("A", 4<<20), strings.Repeat("B", 4<<20))
	deep := `{"agent":{"rule_id":"r"},"title":"t","process":{"variables":{"x":` + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + `}}}`
	number := `{"agent":{"rule_id":"r"},"title":"t","process":{"pid":` + strings.Repeat("9", 10_000_000) + `}}`
	files := map[string]string{
		"long-line.ndjson":    g1 + "\n" + long + "\n" + g2 + "\n",
		"deep-nesting.ndjson": g1 + "\n" + deep + "\n" + g2 + "\n",
		"long-number.ndjson":  g1 + "\n" + number + "\n" + g2 + "\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// exportSummary matches the lines of export's summary.
var exportSummary = regexp.MustCompile(`^(exported \d+ events? into \d+ files? under |\d+ events? had values of the wrong type)`)

// checkExported checks that an export of a hostile file wrote every
// event, in files the library reads, and no temporary file.
func checkExported(t *testing.T, name, dir string, objects int) {
	t.Helper()
	rows := 0
	for _, f := range exportedFiles(t, dir) {
		path := filepath.Join(dir, f)
		switch filepath.Ext(f) {
		case ".parquet":
			r, err := parquet.ReadFile[export.Row](path)
			if err != nil {
				t.Errorf("%s: %s: %v", name, f, err)
			}
			rows += len(r)
		case ".jsonl":
			b, _ := os.ReadFile(path)
			for line := range strings.SplitSeq(strings.TrimSuffix(string(b), "\n"), "\n") {
				if !json.Valid([]byte(line)) {
					t.Errorf("%s: %s: a line that is not JSON: %q", name, f, line)
				}
				rows++
			}
		default:
			t.Errorf("%s: %s left in the output directory", name, f)
		}
	}
	if rows != objects {
		t.Errorf("%s: %d rows exported, want %d", name, rows, objects)
	}
}

// inventedPID finds a pid 0 in tree's text or JSON.
var inventedPID = regexp.MustCompile(`pid 0\b|"pid": 0\b`)

// invisibleRune returns the first character of s that shows as nothing or
// as a blank, or reorders text: a name holding one could pass for another.
func invisibleRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r), r == 0x034f, r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0,
			r >= 0xe0000 && r <= 0xe007f:
			return r, true
		}
	}
	return 0, false
}

// runWithin runs csmctl and fails the test if it takes longer than d: a
// hostile file must never make a command hang.
func runWithin(t *testing.T, d time.Duration, tty bool, args ...string) (out, errOut string, code int) {
	t.Helper()
	io, _, stdout, stderr := iostreams.Test()
	io.SetStdoutTTY(tty)
	done := make(chan int, 1)
	go func() { done <- Main(io, args) }()
	select {
	case code = <-done:
	case <-time.After(d):
		t.Fatalf("csmctl %s did not finish in %v", strings.Join(args, " "), d)
	}
	return stdout.String(), stderr.String(), code
}

// TestHostileInputs runs every subcommand over every hostile file: no panic,
// no hang, exit 0 or 1 (2, with the reason, for a file that cannot be read
// whole), every good event still processed, every bad line named, nothing
// from the data printed raw.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	writeBigHostileFiles(t, dir)
	for _, c := range hostileCases {
		path := filepath.Join("..", "testdata", "hostile", c.file)
		if _, err := os.Stat(path); err != nil {
			path = filepath.Join(dir, c.file)
		}
		t.Run(c.file, func(t *testing.T) {
			for _, args := range [][]string{
				{"validate"},
				{"validate", "-o", "json"},
				{"show", "-o", "json"},
				{"show", "--color", "never"},
				{"tree"},
				{"tree", "-o", "json"},
				{"tree", "-o", "dot"},
				{"tree", "-o", "mermaid"},
				{"query", "-M", "-c", "."},
				{"export", "--format", "jsonl", "--partition", "hour"},
				{"export", "--format", "parquet"},
				{"hunt", "--explain", "--expr", `process.file.path != "" || process.pid > 0`},
				{"hunt", "--verify"},
				// rules with variables: evaluated in time order
				{"hunt", "--policy", "../examples/hunt-policy.yaml"},
				// Windows fields, on each event by its OS, and on every event
				{"hunt", "--policy", "../examples/hunt-windows-policy.yaml"},
				{"hunt", "--os", "windows", "--explain", "--expr", `process.cmdline != "" || process.user_sid != ""`},
				{"timeline", "--sort-window", "1"},
				{"stats"},
				{"stats", "-o", "json"},
				{"stats", "--by", "rule,user,process,hour", "-o", "json"},
				{"stats", "--by", "host,container,day", "-o", "csv"},
				{"timeline"},
				{"timeline", "-o", "json"},
				{"timeline", "-o", "csv"},
			} {
				name := strings.Join(args, " ")
				if args[0] == "export" {
					args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
				}
				// query keeps gojq's bytes in a pipe (U+202E and C1 controls
				// included, as jq prints them): it is checked on a terminal,
				// where it must escape them as every command does.
				// CSV keeps the data's bytes in a pipe, for the engines
				// that read it: it too is checked on a terminal.
				tty := args[0] == "query" || slices.Contains(args, "csv")
				out, errOut, code := runWithin(t, 30*time.Second, tty, append(args, path)...)
				unread, isUnread := hostileUnread[c.file]
				switch {
				case isUnread && code != 2:
					t.Errorf("%s: exit status %d, want 2; stderr: %s", name, code, errOut)
				case isUnread && strings.Count(errOut, unread) != 1:
					t.Errorf("%s: stderr %q, want %q once", name, errOut, path+": "+unread)
				case !isUnread && code != 0 && code != 1:
					t.Errorf("%s: exit status %d, want 0 or 1; stderr: %s", name, code, errOut)
				}
				bad := c.badLines
				if args[0] == "query" && c.nonObjects > 0 {
					bad = nil // jq's values, not errors
				}
				if args[0] == "query" {
					bad = append(bad, queryBadLines[c.file]...)
				}
				// hunt's 1 is grep's: nothing matched.
				if (code == 1) != (len(bad) > 0) && args[0] != "validate" && args[0] != "hunt" && !isUnread {
					t.Errorf("%s: exit status %d with bad lines %v", name, code, bad)
				}
				for _, line := range bad {
					loc := fmt.Sprintf("%s:%d:", path, line)
					if name == "validate -o json" {
						loc = fmt.Sprintf(`"line":%d,`, line)
					}
					if !strings.Contains(out+errOut, loc) {
						t.Errorf("%s: %s not named; stderr:\n%s", name, loc, errOut)
					}
				}
				// Every diagnostic starts with csmctl's name, in every
				// command; validate's summary (its counts, and by schema)
				// is not a diagnostic.
				for _, l := range strings.Split(strings.TrimSuffix(errOut, "\n"), "\n") {
					summary := strings.Contains(l, " valid, ") || strings.HasPrefix(l, "schemas: ")
					if args[0] == "hunt" {
						summary = huntSummary.MatchString(l)
					}
					exported := exportSummary.MatchString(l)
					if l != "" && !strings.HasPrefix(l, "csmctl: ") && !((args[0] == "validate" || args[0] == "hunt") && summary) && !(args[0] == "export" && exported) {
						t.Errorf("%s: stderr line %q does not start with \"csmctl: \"", name, l)
					}
				}
				for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
					if strings.Contains(out, bad) || strings.Contains(errOut, bad) {
						t.Errorf("%s: output holds %q raw", name, bad)
					}
				}
				// No hostile file has a pid 0: one in the output was invented
				// for an ill-typed or absent pid.
				if args[0] == "tree" && inventedPID.MatchString(out) {
					t.Errorf("%s: a pid 0 the input does not hold:\n%s", name, out)
				}
				if r, ok := invisibleRune(out + errOut); ok {
					t.Errorf("%s: output holds the invisible %U raw", name, r)
				}
				if name == "query -M -c ." {
					if got, want := strings.Count(out, "\n"), c.objects+c.nonObjects-len(queryBadLines[c.file]); got != want {
						t.Errorf("query: %d values out, want %d", got, want)
					}
				}
				if name == "timeline -o json" {
					if got := strings.Count(out, "\n"); got != c.objects {
						t.Errorf("timeline -o json: %d events out, want %d", got, c.objects)
					}
				}
				if name == "stats -o json" && c.objects > 0 {
					if want := fmt.Sprintf(`{"events":%d,`, c.objects); !strings.HasPrefix(out, want) {
						t.Errorf("stats -o json: %q, want %s…", out, want)
					}
				}
				if name == "show -o json" {
					if got := strings.Count(out, "\n"); got != c.objects {
						t.Errorf("show -o json: %d events out, want %d", got, c.objects)
					}
				}
				if args[0] == "export" {
					checkExported(t, name, args[len(args)-1], c.objects)
				}
				if args[0] == "validate" && len(args) == 1 {
					want := fmt.Sprintf("%d events", c.objects+len(c.badLines))
					if c.objects+len(c.badLines) == 1 {
						want = "1 event"
					}
					if !strings.Contains(errOut, want) {
						t.Errorf("validate: summary %q, want %s", errOut, want)
					}
				}
			}
		})
	}
}
