package secl

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestParseGeneratorExpressions parses every rule expression the corpus
// generator writes in evt.rule_context (testdata/generator_expressions.txt,
// one a line).
func TestParseGeneratorExpressions(t *testing.T) {
	f, err := os.Open("testdata/generator_expressions.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if _, perr := parse(sc.Text()); perr != nil {
			t.Errorf("%s: %d:%d: %s", sc.Text(), perr.tok.line, perr.tok.col, perr.msg)
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d expressions", n)
	}
}

// TestGrouping pins the agent's grouping by printing the tree.
func TestGrouping(t *testing.T) {
	for expr, want := range map[string]string{
		`a && b || c`:              `(a && (b || c))`,
		`a || b && c`:              `(a || (b && c))`,
		`a and b or c and d`:       `(a && (b || (c && d)))`,
		`(a && b) || c`:            `((a && b) || c)`,
		`!a && b`:                  `(!a && b)`,
		`not a == b`:               `(!a == b)`,
		`!(a == b)`:                `!(a == b)`,
		`a == b == c`:              `(a == (b == c))`,
		`x & 1 | 2 == 3`:           `((x & (1 | 2)) == 3)`,
		`x + 1 - 2 > 0`:            `(((x + 1) - 2) > 0)`,
		`x not in [1, 2] && y`:     `((x notin [1 2]) && y)`,
		`x allin ["a", ~"b*"]`:     `(x allin ["a" ~"b*"])`,
		`-x == ^y`:                 `(-x == ^y)`,
		"a\n&& # comment\n b":      `(a && b)`,
		`a // comment`:             `a`,
		`x in 10.0.0.0/8`:          `(x in [10.0.0.0/8])`,
		`x == ::1 || y == 1.2.3.4`: `((x == ::1) || (y == 1.2.3.4))`,
		`x < 5s && y > 10ms`:       `((x < 5000000000) && (y > 10000000))`,
		`p.ancestors[_].pid > 1`:   `(p.ancestors[_].pid > 1)`,
		`x in ${v}`:                `(x in [${v}])`,
		`r"a\"b" == x`:             `(r"a\"b" == x)`,
	} {
		n, err := parse(expr)
		if err != nil {
			t.Errorf("parse(%q): %s", expr, err.msg)
			continue
		}
		if got := show(n); got != want {
			t.Errorf("parse(%q) = %s, want %s", expr, got, want)
		}
	}
}

// show writes a tree with every operation in parentheses.
func show(n node) string {
	switch n := n.(type) {
	case *binaryExpr:
		return "(" + show(n.left) + " " + n.op + " " + show(n.right) + ")"
	case *comparison:
		return "(" + show(n.left) + " " + n.op + " " + show(n.right) + ")"
	case *arith:
		return "(" + show(n.left) + " " + n.op + " " + show(n.right) + ")"
	case *membership:
		var items []string
		for _, it := range n.array.items {
			items = append(items, show(it))
		}
		return "(" + show(n.left) + " " + n.op + " [" + strings.Join(items, " ") + "])"
	case *unary:
		return n.op + show(n.x)
	case *paren:
		return show(n.x)
	case *literal:
		switch n.kind {
		case litString:
			return `"` + n.text + `"`
		case litPattern:
			return `~"` + n.text + `"`
		case litRegexp:
			return `r"` + n.text + `"`
		case litInt, litDuration:
			return strconv.FormatInt(n.value, 10)
		case litVariable:
			return "${" + n.text + "}"
		}
		return n.text
	}
	return "?"
}

// TestAgentSpans: the agent's evt.rule_context.matching_subexprs give each
// matching field with its offset and length in the expression; in the
// generator's Linux corpus (testdata/generator_rule_contexts.ndjson) every
// one is where our parser puts that field, so Explain's spans line up
// with the agent's.
func TestAgentSpans(t *testing.T) {
	data, err := os.ReadFile("testdata/generator_rule_contexts.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var rc struct {
			Expression string `json:"expression"`
			Subexprs   []struct {
				Field          string
				Offset, Length int
			} `json:"matching_subexprs"`
		}
		if err := json.Unmarshal([]byte(line), &rc); err != nil {
			t.Fatal(err)
		}
		tree, perr := parse(rc.Expression)
		if perr != nil {
			t.Errorf("%s: %s", rc.Expression, perr.msg)
			continue
		}
		idents := map[[2]int]string{}
		walk(tree, func(l *literal) {
			if l.kind == litIdent {
				idents[[2]int{l.off, l.len}] = l.text
			}
		})
		for _, s := range rc.Subexprs {
			n++
			if got := idents[[2]int{s.Offset, s.Length}]; got != s.Field {
				t.Errorf("%s: the agent has %s at %d+%d, we have %q there", rc.Expression, s.Field, s.Offset, s.Length, got)
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d spans checked", n)
	}
}

func walk(n node, f func(*literal)) {
	switch n := n.(type) {
	case *binaryExpr:
		walk(n.left, f)
		walk(n.right, f)
	case *comparison:
		walk(n.left, f)
		walk(n.right, f)
	case *arith:
		walk(n.left, f)
		walk(n.right, f)
	case *membership:
		walk(n.left, f)
		for _, it := range n.array.items {
			f(it)
		}
	case *unary:
		walk(n.x, f)
	case *paren:
		walk(n.x, f)
	case *literal:
		f(n)
	}
}
