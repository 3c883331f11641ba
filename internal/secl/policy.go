package secl

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/csmctl/csmctl/internal/input"
)

// Policy is a parsed policy file, the agent's YAML format: macros with an
// expression or values, rules with an id, an expression, disabled,
// filters, agent_version and actions. Keys csmctl has no use for (tags,
// description, version…) are accepted and ignored.
type Policy struct {
	Name   string
	Macros []MacroDefinition
	Rules  []RuleDefinition
	src    []byte // the file, where errors are placed
}

// MacroDefinition is a macro of a policy file.
type MacroDefinition struct {
	ID         string   `yaml:"id"`
	Expression string   `yaml:"expression"`
	Values     []string `yaml:"values"`
	Line       int      `yaml:"-"`
	exprNode   *yaml.Node
}

// RuleDefinition is a rule of a policy file.
type RuleDefinition struct {
	ID           string             `yaml:"id"`
	Expression   string             `yaml:"expression"`
	Disabled     bool               `yaml:"disabled"`
	Filters      []string           `yaml:"filters"`
	AgentVersion string             `yaml:"agent_version"`
	Actions      []ActionDefinition `yaml:"actions"`
	Line         int                `yaml:"-"`
	exprNode     *yaml.Node
}

// ActionDefinition is an action of a rule. Only set changes what csmctl
// evaluates; the others (kill, hash, coredump, log…) act on hosts and are
// ignored. Filter, when given, is an expression the event must match for
// the action to run.
type ActionDefinition struct {
	Filter string         `yaml:"filter"`
	Set    *SetDefinition `yaml:"set"`
}

// SetDefinition is a set action: it gives variable Name the static Value,
// or the value of Field on the event; Append adds to an array instead;
// Scope ties the variable to a process, container…; TTL makes the values
// expire; Size bounds an array.
type SetDefinition struct {
	Name   string   `yaml:"name"`
	Value  any      `yaml:"value"`
	Field  string   `yaml:"field"`
	Append bool     `yaml:"append"`
	Scope  string   `yaml:"scope"`
	TTL    Duration `yaml:"ttl"`
	Size   int      `yaml:"size"`
}

// Duration is a TTL as a policy writes it: a Go duration ("10s", "1h30m"),
// or an integer, which the agent reads as nanoseconds.
type Duration time.Duration

// UnmarshalYAML reads "10s" or 10000000000.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: ttl must be a duration such as 10s", n.Line)
	}
	if ns, err := strconv.ParseInt(n.Value, 10, 64); err == nil && ns >= 0 {
		*d = Duration(ns)
		return nil
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: ttl %q is not a duration such as 10s", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// ParsePolicy parses a policy file. Errors name the file and line.
func ParsePolicy(name string, data []byte) (*Policy, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{Pos: input.Position{File: name, Line: yamlLine(err)}, Msg: "not a policy: " + yamlMessage(err)}
	}
	pol := &Policy{Name: name, src: data}
	if len(doc.Content) == 0 {
		return pol, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Pos: input.Position{File: name, Line: root.Line}, Msg: "not a policy: expected a mapping with macros and rules"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "macros":
			if err := decodeList(name, val, &pol.Macros, func(m *MacroDefinition, n *yaml.Node) {
				m.Line, m.exprNode = n.Line, valueNode(n, "expression")
			}); err != nil {
				return nil, err
			}
		case "rules":
			if err := decodeList(name, val, &pol.Rules, func(r *RuleDefinition, n *yaml.Node) {
				r.Line, r.exprNode = n.Line, valueNode(n, "expression")
			}); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range pol.Rules {
		if r.ID == "" {
			return nil, &Error{Pos: input.Position{File: name, Line: r.Line}, Msg: "a rule has no id"}
		}
	}
	for _, m := range pol.Macros {
		if m.ID == "" {
			return nil, &Error{Pos: input.Position{File: name, Line: m.Line}, Msg: "a macro has no id"}
		}
	}
	return pol, nil
}

// decodeList decodes a sequence of mappings, each with its line.
func decodeList[T any](name string, seq *yaml.Node, out *[]T, mark func(*T, *yaml.Node)) error {
	if seq.Kind != yaml.SequenceNode {
		return &Error{Pos: input.Position{File: name, Line: seq.Line}, Msg: "expected a list"}
	}
	for _, n := range seq.Content {
		var v T
		if err := n.Decode(&v); err != nil {
			line, msg := n.Line, yamlMessage(err)
			var te *yaml.TypeError
			if errors.As(err, &te) && len(te.Errors) > 0 {
				msg = te.Errors[0]
			}
			// "line N: cannot unmarshal…": the line of the value itself
			if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
				msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
			}
			return &Error{Pos: input.Position{File: name, Line: line}, Msg: msg}
		}
		mark(&v, n)
		*out = append(*out, v)
	}
	return nil
}

func valueNode(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func yamlLine(err error) int {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return 0
	}
	var line int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); e == nil {
		return line
	}
	return 0
}

func yamlMessage(err error) string {
	msg := err.Error()
	var line int
	var rest string
	if n, _ := fmt.Sscanf(msg, "yaml: line %d: %s", &line, &rest); n == 2 {
		if i := len(fmt.Sprintf("yaml: line %d: ", line)); i <= len(msg) {
			return msg[i:]
		}
	}
	return msg
}

// exprPosition maps a position in an expression to the policy file. It
// walks the scalar's text in the file alongside the expression, so that
// lines folded into one, indentation, quotes and escapes move the position
// as they moved the text; where the two cannot be aligned (an empty
// expression) the position is the scalar's.
func exprPosition(file string, src []byte, n *yaml.Node, expr string, e *Error) input.Position {
	if n == nil {
		return input.Position{File: file}
	}
	if line, col, ok := scalarPosition(src, n, expr, e.Offset); ok {
		return input.Position{File: file, Line: line, Col: col}
	}
	return input.Position{File: file, Line: n.Line, Col: n.Column}
}

// scalarPosition is the line and column in src of byte off of expr, the
// value of scalar n. An offset at the end of the expression, or in the
// blanks that end it, is placed just after its last character.
func scalarPosition(src []byte, n *yaml.Node, expr string, off int) (line, col int, ok bool) {
	if off < 0 || off > len(expr) {
		return 0, 0, false
	}
	end := len(strings.TrimRight(expr, " \t\r\n"))
	after := off >= end && end > 0
	if after {
		off = end - 1
	}
	if off >= len(expr) {
		return 0, 0, false // an empty expression
	}
	i, ok := lineStart(src, n.Line)
	if !ok {
		return 0, 0, false
	}
	for c := 1; c < n.Column && i < len(src) && src[i] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		i++
	case yaml.LiteralStyle, yaml.FoldedStyle:
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return 0, 0, false
		}
		i += nl + 1
	}
	blank := func(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
	for j := 0; j < off; {
		switch {
		case i >= len(src):
			return 0, 0, false
		case n.Style == yaml.DoubleQuotedStyle && src[i] == '\\':
			i += escapeLen(src[i:])
			_, size := utf8.DecodeRuneInString(expr[j:])
			j += size
		case n.Style == yaml.SingleQuotedStyle && src[i] == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i += 2
			j++
		case src[i] == expr[j]:
			i++
			j++
		case blank(src[i]) || blank(expr[j]):
			// a line folded into a space, or indentation
			for i < len(src) && blank(src[i]) {
				i++
			}
			for j < off && blank(expr[j]) {
				j++
			}
		default:
			return 0, 0, false
		}
	}
	for i < len(src) && blank(src[i]) && !blank(expr[off]) {
		i++ // the blanks before the character, folded away
	}
	line = 1 + bytes.Count(src[:i], []byte("\n"))
	col = 1 + utf8.RuneCount(src[bytes.LastIndexByte(src[:i], '\n')+1:i])
	if after {
		col++
	}
	return line, col, true
}

// lineStart is the byte offset of line (1-based) in src.
func lineStart(src []byte, line int) (int, bool) {
	i := 0
	for l := 1; l < line; l++ {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return 0, false
		}
		i += nl + 1
	}
	return i, true
}

// escapeLen is the length of the escape sequence a double-quoted YAML
// scalar holds at the start of b, a backslash: \xNN, \uNNNN, \UNNNNNNNN
// or a backslash and one character.
func escapeLen(b []byte) int {
	n := 2
	if len(b) > 1 {
		switch b[1] {
		case 'x':
			n = 4
		case 'u':
			n = 6
		case 'U':
			n = 10
		}
	}
	return min(n, len(b))
}

// relocate turns an expression error into one at its place in the policy
// file, its message naming the rule or macro.
func relocate(pol *Policy, n *yaml.Node, expr string, err error, what string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	msg := e.Msg
	if !strings.HasPrefix(msg, what+": ") {
		msg = what + ": " + msg
	}
	return &Error{Pos: exprPosition(pol.Name, pol.src, n, expr, e), Offset: e.Offset, Msg: msg}
}
