package schema

import (
	"errors"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Verdict is what validation found for one event, or for a stretch of input
// that is not JSON at all.
type Verdict struct {
	File     string
	Line     int
	Column   int       // for a syntax error: where parsing stopped (1-based, bytes)
	Findings []Finding // empty for a valid event
	// Schema is the schema the event was judged by; zero for input that
	// is not JSON.
	Schema Choice
}

// Syntax reports whether the verdict is about input that is not JSON.
func (v *Verdict) Syntax() bool {
	return len(v.Findings) == 1 && v.Findings[0].Keyword == KeywordSyntax
}

// CheckRecord validates every JSON value in a record (a line usually holds
// one; jq reads several on one line, and so do we) and calls emit with each
// verdict, valid ones included. The verdict and its findings are reused
// after emit returns. The validator delimits each value as it checks it, so
// every byte is read once.
func CheckRecord(v Validator, rec *input.Record, scratch []Finding, emit func(*Verdict)) []Finding {
	var choice Choice
	validate := func(data []byte, pos int) (int, *jsonscan.SyntaxError) {
		end, findings, c, err := validateChoosing(v, data, pos, scratch[:0])
		scratch, choice = findings, c
		return end, err
	}
	for val := range rec.ScanValues(validate) {
		verdict := Verdict{File: rec.File, Line: val.Line, Schema: choice}
		choice = Choice{}
		if val.Err != nil {
			verdict.Schema = Choice{}
			// A syntax error has a column; a record skipped whole (too
			// long) has none, and is reported as FILE:LINE: … everywhere.
			if se := (*jsonscan.SyntaxError)(nil); errors.As(val.Err.Err, &se) {
				verdict.Column = val.Column
			}
			scratch = append(scratch[:0], Finding{Keyword: KeywordSyntax, Message: val.Err.Err.Error()})
		}
		verdict.Findings = scratch
		emit(&verdict)
	}
	return scratch
}
