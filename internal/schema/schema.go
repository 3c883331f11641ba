// Package schema validates CSM Threats events against the backend event JSON
// schema (draft 2020-12, with format "date-time" asserted).
//
// A schema is compiled into a validator that checks syntax and schema in
// one pass over the event's bytes, without decoding it. A schema with a
// keyword csmctl does not implement is refused (New says which, and where),
// so that no keyword is ever silently ignored. The tests hold the validator
// to a complete implementation, santhosh-tekuri/jsonschema/v6, which
// csmctl itself does not link.
package schema

import (
	_ "embed"
	"os"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

//go:embed windows.schema.json
var windowsSchema []byte

//go:embed linux.schema.json
var linuxSchema []byte

// Builtin returns the schema embedded in csmctl under name ("windows",
// "linux"), for --schema.
func Builtin(name string) ([]byte, bool) {
	switch name {
	case "windows":
		return windowsSchema, true
	case "linux":
		return linuxSchema, true
	}
	return nil, false
}

// Finding is one way an event fails the schema.
type Finding struct {
	// Path is the JSON pointer (RFC 6901) of the offending value; for an
	// unknown property it is the property itself, not its parent object.
	Path    string `json:"path"`
	Keyword string `json:"keyword"` // the schema keyword that failed: type, required, syntax…
	Message string `json:"message"`
	// Hint explains a deviation known from real agents, when this is one.
	Hint string `json:"hint,omitempty"`
	// Warning marks a finding that does not make the event invalid
	// (unknown properties under --allow-unknown).
	Warning bool `json:"warning,omitempty"`
}

// Validator checks one JSON value at a time.
type Validator interface {
	// Validate checks the JSON value that starts at data[start] (after any
	// whitespace), appends what is wrong with it to findings, and returns the
	// offset just past the value. A syntax error ends the scan: the value is
	// not JSON and its findings so far are meaningless.
	Validate(data []byte, start int, findings []Finding) (end int, out []Finding, err *jsonscan.SyntaxError)
	// Compiled reports whether this is csmctl's one-pass validator (true) or
	// the reference library (false).
	Compiled() bool
}

// Load returns a validator for the named built-in schema ("windows",
// "linux", or "auto" for the one matching each event's OS) or for the
// schema in the file at that path. Choose tells which schema it holds each
// event to.
func Load(nameOrPath string) (Validator, error) {
	if nameOrPath == Auto {
		return newByOS(), nil
	}
	v, err := loadOne(nameOrPath)
	if err != nil {
		return nil, err
	}
	return named{v, Choice{Schema: nameOrPath}}, nil
}

func loadOne(nameOrPath string) (Validator, error) {
	if doc, ok := Builtin(nameOrPath); ok {
		return builtin(doc)
	}
	doc, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, err
	}
	return New(doc)
}

// builtin compiles an embedded schema.
func builtin(doc []byte) (Validator, error) { return New(doc) }

// New returns the validator for the schema document doc, or an error
// naming what in it csmctl does not implement (see errUnsupported) or
// what is not a valid schema.
func New(doc []byte) (Validator, error) {
	root, err := decodeSchema(doc)
	if err != nil {
		return nil, err
	}
	return compile(root)
}

// KeywordSyntax is the keyword of a finding about input that is not JSON.
const KeywordSyntax = "syntax"
