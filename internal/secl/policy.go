package secl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

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
	if ns, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
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
	pol := &Policy{Name: name}
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

// exprPosition maps a position in an expression to the policy file, exact
// for an expression written on the line of its key (plain or quoted, with
// no escapes before the position) and for block scalars (| and >) to the
// line.
func exprPosition(file string, n *yaml.Node, e *Error) input.Position {
	if n == nil {
		return input.Position{File: file}
	}
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		return input.Position{File: file, Line: n.Line + e.Pos.Line}
	}
	if e.Pos.Line > 1 {
		return input.Position{File: file, Line: n.Line + e.Pos.Line - 1}
	}
	col := n.Column + e.Pos.Col - 1
	if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
		col++
	}
	return input.Position{File: file, Line: n.Line, Col: col}
}

// relocate turns an expression error into one at its place in the policy
// file, its message naming the rule or macro.
func relocate(file string, n *yaml.Node, err error, what string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	msg := e.Msg
	if !strings.HasPrefix(msg, what+": ") {
		msg = what + ": " + msg
	}
	return &Error{Pos: exprPosition(file, n, e), Offset: e.Offset, Msg: msg}
}
