package model

import (
	"unsafe"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// input is the event being decoded: its bytes, and the same as one string,
// made on first use, from which the decoded strings without escapes are
// cut. One copy of the event then backs most of its strings, instead of one
// allocation each; a decoded event keeps that copy alive while it keeps any
// of them.
type input struct {
	b    []byte
	text string
	// shared makes text b's own memory, not a copy (DecodeValueShared).
	shared bool
	// escaped holds, one after the other, the texts of the event's string
	// literals with escapes; see unquote.
	escaped []byte
}

// escapedChunk is the least room made at a time for the texts of escaped
// literals: the escaped strings of a typical Windows event (paths, command
// lines, users, with their backslashes) fit in one or two.
const escapedChunk = 1024

// str returns the text of b[i:j].
func (in *input) str(i, j int) string {
	if in.text == "" {
		if in.shared {
			in.text = unsafe.String(unsafe.SliceData(in.b), len(in.b))
		} else {
			in.text = string(in.b)
		}
	}
	return in.text[i:j]
}

// unquote returns the text of the valid string literal with escapes at
// b[i:end], as encoding/json decodes it.
//
// The text is appended to in.escaped and returned as a string over those
// bytes, without a copy: they are never written again, since unquote only
// ever appends, and a full chunk is left to the strings that use it. So an
// event's escaped strings cost an allocation per chunk, not one each.
func (in *input) unquote(i, end int) string {
	// A literal's text is at most three times as long as its bytes: an
	// invalid byte becomes U+FFFD, three bytes; an escape is shorter than
	// what it stands for. With that much room, append never moves the
	// bytes of earlier strings.
	if room := 3 * (end - i); cap(in.escaped)-len(in.escaped) < room {
		in.escaped = make([]byte, 0, max(room, escapedChunk))
	}
	start := len(in.escaped)
	in.escaped, _, _ = jsonscan.AppendUnquoted(in.escaped, in.str(0, end), i+1)
	text := in.escaped[start:]
	if len(text) == 0 {
		return ""
	}
	return unsafe.String(&text[0], len(text))
}
