// Package secl is the Security Evaluation Classification Language of the
// Datadog agent's Workload Protection rules, as csmctl reads it: a lexer and
// parser with positions, type checking against field specs, the agent's
// constants, patterns, regular expressions, CIDRs, durations, bitwise
// operators, macros, variables and their set actions with scope and TTL,
// policy files, evaluation and explanation.
//
// The package knows nothing of backend JSON: an Event hands it the values of
// the fields an expression reads, and Fields says what a field is.
package secl

import (
	"net/netip"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
)

// Type is the type of a field, a value or a literal.
type Type uint8

// The types a field or a value can have.
const (
	TypeUnknown Type = iota
	TypeString
	TypeInt
	TypeBool
	TypeIP // an address or a CIDR, both held as a netip.Prefix
	// TypeTime is an int field holding a time as Unix nanoseconds
	// (process.created_at): compared with a duration it means the age of
	// that time at the event's time.
	TypeTime
)

// FieldSpec is what the compiler knows of a field.
type FieldSpec struct {
	Type Type
	// Array: several values per event, comparisons mean "any element"
	// (!= and not in: "no element").
	Array bool
	// Path: a path, so in patterns ~"…" * stays within one segment and **
	// is only allowed at the end.
	Path bool
	// CaseInsensitive: string comparisons ignore case (dns.question.name).
	CaseInsensitive bool
	// EventType is the event type the field belongs to ("exec", "open",
	// "dns"…), "" for fields of every event (process.*, container.*…).
	EventType string
}

// Fields resolves field names when an expression is compiled. An unknown
// field, or one backend events do not carry, is an error whose message names
// the field.
type Fields interface {
	Lookup(name string) (FieldSpec, error)
}

// Value is one value of a field on one event; which member is set follows
// the field's Type (Int for TypeInt and TypeTime).
type Value struct {
	Str  string
	Int  int64
	Bool bool
	IP   netip.Prefix
}

// Event is one event as the evaluator reads it. Values are fetched lazily,
// only for the fields an expression reads.
type Event interface {
	// Type is the event type, evt.name.
	Type() string
	// Values returns the values of a field on this event. nil means the
	// event does not carry the field: a scalar field then reads as its
	// type's zero value ("", 0, false), which is what the agent's model
	// holds for it, and an array field has no element. An empty, non-nil
	// slice means the field is there but holds no usable value (ill-typed
	// in the backend JSON): no value is invented, so == is false and != is
	// true. The evaluator does not keep the slice past the call that reads
	// it.
	Values(field string) []Value
	// Time is the event's time: the reference for durations and TTLs.
	Time() time.Time
	// ScopeKey names the instance of a variables' scope ("process",
	// "container", "cgroup"…) this event belongs to; false when the event
	// has none.
	ScopeKey(scope string) (string, bool)
}

// Error is a syntax, type or field error, written "SOURCE:LINE:COL: message",
// e.g. "--expr:1:31: expected a value after &&". Pos.File is "--expr" or a
// policy file name (then the message names the rule id).
type Error struct {
	Pos    input.Position
	Offset int // byte offset in the expression
	Msg    string
}

// Error writes the error with every character that could act on a
// terminal escaped: expressions and policies are untrusted input too.
// A position with no line, about a whole file, is written as the file.
func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return escape.Text(e.Pos.File + ": " + e.Msg)
	}
	return escape.Text(e.Pos.String() + ": " + e.Msg)
}

// ExitCode is 2: an expression that does not compile is a usage error.
func (e *Error) ExitCode() int { return 2 }

// Match is one comparison of an expression as it was evaluated on one event.
// Offset, Length, Field and Values are the shape of the agent's
// evt.rule_context.matching_subexprs: the span is where the field is
// written in the expression (the whole comparison when it reads no field),
// Values every value the field had.
type Match struct {
	Offset int // byte offset of the field in the expression
	Length int // its length in bytes
	Field  string
	Values []Value
	// Matched are the values that made the comparison true (one for ==
	// and in, all of them for allin); empty when it is false or negative.
	Matched []Value
	Type    Type // how to read Values
	Result  bool
	// ExprOffset and ExprLength are the span of the whole comparison.
	ExprOffset int
	ExprLength int
	Op         string // ==, !=, <, <=, >, >=, =~, !~, in, not in, allin, or "" for a boolean on its own
}
