package secl

import (
	"strconv"
	"time"
)

// maxDepth bounds the parser's recursion (a parenthesis costs four levels,
// a unary operator or a && / || one) so that hostile input cannot exhaust
// the stack, here or in the evaluator.
const maxDepth = 1000

// parser is a recursive-descent parser of the agent's grammar:
//
//	expr       = comparison [ ("||" | "or" | "&&" | "and") expr ]
//	comparison = arith [ scalarOp comparison | ("in" | "not" "in" | "allin") array ]
//	arith      = bitop { ("+" | "-") bitop }
//	bitop      = unary [ ("&" | "|" | "^") bitop ]
//	unary      = ("!" | "not" | "-" | "^") unary | primary
//	primary    = Ident | CIDR | IP | Int | Variable | String | Pattern | Regexp | Duration | "(" expr ")"
//	array      = CIDR | Variable | Ident | "[" member { "," member } "]"
type parser struct {
	toks  []token
	pos   int
	depth int
	err   *parseError
}

type parseError struct {
	tok token
	msg string
}

func (e *parseError) Error() string { return e.msg }

// newParser lexes src into a parser.
func newParser(src string) (*parser, *parseError) {
	lx := lexer{src: src, line: 1, col: 1}
	toks, lerr := lx.tokens()
	if lerr != nil {
		return nil, &parseError{tok: token{off: lerr.off, line: lerr.line, col: lerr.col}, msg: lerr.msg}
	}
	return &parser{toks: toks}, nil
}

// end checks that the whole source was read.
func (p *parser) end() *parseError {
	if p.err == nil && p.peek().kind != tokEOF {
		p.fail(p.peek(), "unexpected "+describe(p.peek()))
	}
	return p.err
}

// parse parses a whole expression.
func parse(src string) (node, *parseError) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	n := p.expr("")
	if err := p.end(); err != nil {
		return nil, err
	}
	return n, nil
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) fail(t token, msg string) {
	if p.err == nil {
		p.err = &parseError{tok: t, msg: msg}
	}
}

// is reports whether the current token is the operator or keyword s.
func (p *parser) is(s string) bool {
	t := p.peek()
	return (t.kind == tokPunct || t.kind == tokIdent) && t.text == s
}

func describe(t token) string {
	if t.kind == tokEOF {
		return "end of expression"
	}
	return t.kind.String() + " " + strconv.Quote(t.text)
}

func tokSpan(t token) region { return region{off: t.off, len: len(t.text), line: t.line, col: t.col} }

func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.peek(), "expression nested too deeply")
		return false
	}
	return true
}

// expr parses a boolean chain. after names the operator before it, for
// the "expected a value after …" message.
func (p *parser) expr(after string) node {
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	left := p.comparison(after)
	if p.err != nil {
		return nil
	}
	var op string
	switch {
	case p.is("&&") || p.is("and"):
		op = "&&"
	case p.is("||") || p.is("or"):
		op = "||"
	default:
		return left
	}
	opTok := p.next()
	right := p.expr(opTok.text)
	if p.err != nil {
		return nil
	}
	return &binaryExpr{region: left.where().to(right.where()), op: op, left: left, right: right}
}

// isScalarOp reports whether op compares two values.
func isScalarOp(op string) bool {
	switch op {
	case "==", "!=", "<", "<=", ">", ">=", "=~", "!~":
		return true
	}
	return false
}

func (p *parser) comparison(after string) node {
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	left := p.arith(after)
	if p.err != nil {
		return nil
	}
	t := p.peek()
	switch {
	case t.kind == tokPunct && isScalarOp(t.text):
		p.next()
		right := p.comparison(t.text)
		if p.err != nil {
			return nil
		}
		return &comparison{region: left.where().to(right.where()), op: t.text, left: left, right: right}
	case p.is("in") || p.is("allin"):
		p.next()
		return p.membership(left, t.text, t.text)
	case p.is("not") && p.toks[p.pos+1].kind == tokIdent && p.toks[p.pos+1].text == "in":
		p.next()
		p.next()
		return p.membership(left, "notin", "not in")
	}
	return left
}

func (p *parser) membership(left node, op, written string) node {
	arr := p.array(written)
	if p.err != nil {
		return nil
	}
	return &membership{region: left.where().to(arr.region), op: op, left: left, array: arr}
}

func (p *parser) array(after string) *arrayLit {
	t := p.peek()
	switch t.kind {
	case tokCIDR, tokVariable, tokIdent:
		lit := p.primaryLiteral()
		if lit == nil {
			return nil
		}
		return &arrayLit{region: lit.region, items: []*literal{lit}}
	}
	if !p.is("[") {
		p.fail(t, "expected an array after "+after+", found "+describe(t))
		return nil
	}
	open := p.next()
	arr := &arrayLit{region: tokSpan(open), bracket: true}
	for {
		m := p.peek()
		switch m.kind {
		case tokString, tokPattern, tokRegexp, tokInt, tokIP, tokCIDR, tokIdent:
		default:
			if len(arr.items) == 0 && p.is("]") {
				p.fail(m, "empty array")
			} else {
				p.fail(m, "expected an array member, found "+describe(m))
			}
			return nil
		}
		lit := p.primaryLiteral()
		if lit == nil {
			return nil
		}
		arr.items = append(arr.items, lit)
		if p.is(",") {
			p.next()
			continue
		}
		if p.is("]") {
			arr.region = arr.region.to(tokSpan(p.next()))
			return arr
		}
		p.fail(p.peek(), "expected , or ] in array, found "+describe(p.peek()))
		return nil
	}
}

func (p *parser) arith(after string) node {
	left := p.bitop(after)
	for p.err == nil && (p.is("+") || p.is("-")) {
		op := p.next()
		right := p.bitop(op.text)
		if p.err != nil {
			return nil
		}
		left = &arith{region: left.where().to(right.where()), op: op.text, left: left, right: right}
	}
	if p.err != nil {
		return nil
	}
	return left
}

func (p *parser) bitop(after string) node {
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	left := p.unary(after)
	if p.err != nil {
		return nil
	}
	if p.is("&") || p.is("|") || p.is("^") {
		op := p.next()
		right := p.bitop(op.text)
		if p.err != nil {
			return nil
		}
		return &arith{region: left.where().to(right.where()), op: op.text, left: left, right: right}
	}
	return left
}

func (p *parser) unary(after string) node {
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	t := p.peek()
	if p.is("!") || p.is("not") || p.is("-") || p.is("^") {
		p.next()
		x := p.unary(t.text)
		if p.err != nil {
			return nil
		}
		op := t.text
		if op == "not" {
			op = "!"
		}
		return &unary{region: tokSpan(t).to(x.where()), op: op, x: x}
	}
	if p.is("(") {
		p.next()
		x := p.expr("(")
		if p.err != nil {
			return nil
		}
		if !p.is(")") {
			p.fail(p.peek(), "expected ) to close the ( at column "+strconv.Itoa(t.col)+", found "+describe(p.peek()))
			return nil
		}
		end := p.next()
		return &paren{region: tokSpan(t).to(tokSpan(end)), x: x}
	}
	switch t.kind {
	case tokIdent, tokString, tokPattern, tokRegexp, tokInt, tokDuration, tokIP, tokCIDR, tokVariable:
		if lit := p.primaryLiteral(); lit != nil {
			return lit
		}
		return nil
	}
	if after == "" {
		p.fail(t, "expected a value, found "+describe(t))
	} else {
		p.fail(t, "expected a value after "+after)
	}
	return nil
}

// primaryLiteral turns the current token into a literal.
func (p *parser) primaryLiteral() *literal {
	t := p.next()
	lit := &literal{region: tokSpan(t), text: t.text}
	switch t.kind {
	case tokIdent:
		lit.kind = litIdent
	case tokString:
		lit.kind, lit.text = litString, t.text[1:len(t.text)-1]
	case tokPattern:
		lit.kind, lit.text = litPattern, t.text[2:len(t.text)-1]
	case tokRegexp:
		lit.kind, lit.text = litRegexp, t.text[2:len(t.text)-1]
	case tokInt:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			p.fail(t, "integer out of range: "+t.text)
			return nil
		}
		lit.kind, lit.value = litInt, v
	case tokDuration:
		d, err := time.ParseDuration(t.text)
		if err != nil {
			p.fail(t, "invalid duration "+strconv.Quote(t.text))
			return nil
		}
		lit.kind, lit.value = litDuration, int64(d)
	case tokIP:
		lit.kind = litIP
	case tokCIDR:
		lit.kind = litCIDR
	case tokVariable:
		lit.kind, lit.text = litVariable, t.text[2:len(t.text)-1]
	default:
		p.fail(t, "expected a value, found "+describe(t))
		return nil
	}
	return lit
}

// parseArray parses a macro written as an array: [ member, … ].
func parseArray(src string) (*arrayLit, *parseError) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	arr := p.array("macro")
	if err := p.end(); err != nil {
		return nil, err
	}
	return arr, nil
}
