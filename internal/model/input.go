package model

import "github.com/csmctl/csmctl/internal/jsonscan"

// input is the event being decoded: its bytes, and the same as one string,
// made on first use, from which the decoded strings without escapes are
// cut. One copy of the event then backs most of its strings, instead of one
// allocation each; a decoded event keeps that copy alive while it keeps any
// of them.
type input struct {
	b        []byte
	text     string
	unquoted []byte // scratch space for unquoting string literals with escapes
}

// str returns the text of b[i:j].
func (in *input) str(i, j int) string {
	if in.text == "" {
		in.text = string(in.b)
	}
	return in.text[i:j]
}

// unquote returns the text of the valid string literal with escapes at
// b[i:end], as encoding/json decodes it.
func (in *input) unquote(i, end int) string {
	in.unquoted, _, _ = jsonscan.AppendUnquoted(in.unquoted[:0], in.str(0, end), i+1)
	return string(in.unquoted)
}
