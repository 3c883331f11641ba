package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// shellWords splits an example's command line into the words csmctl gets, as
// a POSIX shell would: quotes removed, backslash escapes undone, the line cut
// at the first |, &&, ; or # (what follows is another program or a
// comment), and redirections (> file, 2>&1) dropped.
func shellWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, redirect := false, false
	flush := func() {
		if inWord {
			if redirect {
				redirect = false
			} else {
				words = append(words, cur.String())
			}
		}
		cur.Reset()
		inWord = false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unterminated '")
			}
			cur.WriteString(line[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '"':
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && strings.IndexByte("\\\"$`", line[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(line[i])
			}
			if i == len(line) {
				return nil, errors.New(`unterminated "`)
			}
			inWord = true
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == ' ' || c == '\t':
			flush()
		case c == '|' || c == ';' || strings.HasPrefix(line[i:], "&&") || c == '#' && !inWord:
			flush()
			return words, nil
		case c == '>' || c == '<':
			if inWord && strings.Trim(cur.String(), "0123456789") == "" {
				cur.Reset() // the 2 of 2>
				inWord = false
			}
			flush()
			for i+1 < len(line) && line[i+1] == '>' {
				i++
			}
			if i+1 < len(line) && line[i+1] == '&' { // >&1: no target word
				for i++; i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9'; i++ {
				}
				continue
			}
			redirect = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return words, nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{`csmctl show a.ndjson`, []string{"csmctl", "show", "a.ndjson"}},
		{`csmctl query -r '[.a, "b c"] | @tsv' f | head -2`, []string{"csmctl", "query", "-r", `[.a, "b c"] | @tsv`, "f"}},
		{`csmctl query -c '.x + 1' f 2>&1 | head -4`, []string{"csmctl", "query", "-c", ".x + 1", "f"}},
		{`csmctl tree -o mermaid f > tree.mmd   # then mmdc`, []string{"csmctl", "tree", "-o", "mermaid", "f"}},
		{`csmctl completion zsh > "${fpath[1]}/_csmctl"`, []string{"csmctl", "completion", "zsh"}},
		{`csmctl man --dir man && man ./man/csmctl-show.1`, []string{"csmctl", "man", "--dir", "man"}},
		{`csmctl query "a\"b\\c" x\ y`, []string{"csmctl", "query", `a"b\c`, "x y"}},
		{`csmctl show --line 5 f     # on a terminal`, []string{"csmctl", "show", "--line", "5", "f"}},
	}
	for _, tt := range tests {
		got, err := shellWords(tt.line)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tt.line, got, err, tt.want)
		}
	}
}

// exampleRunner runs documented command lines in a scratch directory where
// examples/ is the repository's, so that whatever an example writes stays
// out of the repository.
type exampleRunner struct {
	repo string // the repository's root, absolute
}

func newExampleRunner(t *testing.T) *exampleRunner {
	t.Helper()
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(repo, "examples"), filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return &exampleRunner{repo: repo}
}

// inputFile matches the words of an example that name an input file.
var inputFile = regexp.MustCompile(`^examples/|\.(ndjson|jsonl|json|log|gz|zst)$`)

// checkFiles fails the test when an example names an input file that is not
// one of the shipped examples: a newcomer could not run it as written.
func (r *exampleRunner) checkFiles(t *testing.T, where string, words []string) {
	t.Helper()
	for _, w := range words[1:] {
		if !inputFile.MatchString(w) {
			continue
		}
		if !strings.HasPrefix(w, "examples/") {
			t.Errorf("%s: %q is not a file under examples/", where, w)
			continue
		}
		if _, err := os.Stat(filepath.Join(r.repo, w)); err != nil {
			t.Errorf("%s: %v", where, err)
		}
	}
}

// run runs the example's csmctl command line and returns its exit status
// and standard error.
func (r *exampleRunner) run(words []string) (int, string) {
	ios, _, _, errOut := iostreams.Test()
	code := Main(ios, words[1:])
	return code, errOut.String()
}

// TestHelpExamples runs every Example line of every command's help as
// written, from the root of a clone: each names only shipped files and
// exits 0 or 1, never with a usage error.
func TestHelpExamples(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewRootCmd(ios)
	r := newExampleRunner(t)
	examples := 0
	for _, c := range append(root.Commands(), root) {
		text := strings.ReplaceAll(c.Example, "\\\n", "")
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			where := c.CommandPath() + " example " + line
			words, err := shellWords(line)
			if err != nil || len(words) < 2 || words[0] != "csmctl" {
				t.Errorf("%s: not a csmctl command line (%v)", where, err)
				continue
			}
			examples++
			r.checkFiles(t, where, words)
			if code, errOut := r.run(words); code != ExitOK && code != ExitData {
				t.Errorf("%s: exit status %d; stderr:\n%s", where, code, errOut)
			}
		}
	}
	if examples < 15 {
		t.Errorf("found %d examples: the help lost some, or this test stopped finding them", examples)
	}
}

// inlineCommand is a csmctl command line in running text.
var inlineCommand = regexp.MustCompile("`(csmctl [^`]*)`")

// TestREADMEExamples runs every csmctl command line of README.md's code
// blocks as written, from the root of a clone: each names only shipped files
// and none ends in a usage error (2). Command lines in running text are
// checked for their files only: they may hold placeholders.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	r := newExampleRunner(t)
	inFence, ran := false, 0
	for i, line := range strings.Split(string(readme), "\n") {
		where := fmt.Sprintf("README.md:%d", i+1)
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
			continue
		}
		if !inFence {
			for _, m := range inlineCommand.FindAllStringSubmatch(line, -1) {
				words, err := shellWords(m[1])
				if err != nil {
					t.Errorf("%s: %v", where, err)
					continue
				}
				r.checkFiles(t, where, words)
			}
			continue
		}
		cmdLine, ok := strings.CutPrefix(trimmed, "$ ")
		if !ok && !strings.HasPrefix(trimmed, "csmctl ") {
			continue
		}
		if !strings.HasPrefix(cmdLine, "csmctl ") {
			continue
		}
		words, err := shellWords(cmdLine)
		if err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		ran++
		r.checkFiles(t, where, words)
		if code, errOut := r.run(words); code == ExitUsage {
			t.Errorf("%s: %s: exit status 2; stderr:\n%s", where, cmdLine, errOut)
		}
	}
	if ran < 20 {
		t.Errorf("ran %d README examples: the README lost some, or this test stopped finding them", ran)
	}
}
