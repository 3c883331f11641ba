package secl

// node is a node of the syntax tree, with the span of source it covers.
type node interface {
	where() region
}

// region is a byte range of the source, with the line and column of its start.
type region struct {
	off, len  int
	line, col int
}

func (s region) where() region { return s }

// to extends s up to the end of e.
func (s region) to(e region) region {
	s.len = e.off + e.len - s.off
	return s
}

// binaryExpr is a boolean chain element: the agent groups `a && b || c`
// as `a && (b || c)`, with no precedence between && and ||.
type binaryExpr struct {
	region
	op          string // "&&" or "||" ("and" and "or" are folded into these)
	left, right node
}

// comparison is `left op right` with a scalar operator.
type comparison struct {
	region
	op          string // == != < <= > >= =~ !~
	left, right node
}

// membership is `left in array`, `left not in array` or `left allin array`.
type membership struct {
	region
	op    string // "in", "notin", "allin"
	left  node
	array *arrayLit
}

// arith is an integer operation: & | ^ (right-grouped, as the agent's
// grammar) or + - (left to right).
type arith struct {
	region
	op          string
	left, right node
}

// unary is ! / not, - or ^ applied to what follows.
type unary struct {
	region
	op string // "!" (also for "not"), "-", "^"
	x  node
}

// literal kinds.
type litKind uint8

const (
	litIdent litKind = iota // a field, a constant or a macro
	litString
	litPattern
	litRegexp
	litInt
	litDuration
	litIP
	litCIDR
	litVariable
)

// literal is a primary: a name or a value as written.
type literal struct {
	region
	kind  litKind
	text  string // unquoted for strings, patterns, regexps; the name for idents and variables
	value int64  // integers and durations (nanoseconds)
}

// paren is a parenthesised expression, kept so spans cover the parentheses.
type paren struct {
	region
	x node
}

// arrayLit is the right side of in / not in / allin: a list of literals, or
// a single name (macro, field, variable) or CIDR.
type arrayLit struct {
	region
	items   []*literal
	bracket bool // written [ … ]
}
