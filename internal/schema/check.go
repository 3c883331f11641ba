package schema

import (
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
}

// Syntax reports whether the verdict is about input that is not JSON.
func (v *Verdict) Syntax() bool {
	return len(v.Findings) == 1 && v.Findings[0].Keyword == KeywordSyntax
}

// CheckRecord validates every JSON value in a record (a line usually holds
// one; jq reads several on one line, and so do we) and calls emit with each
// verdict, valid ones included. The verdict and its findings are reused
// after emit returns.
func CheckRecord(v Validator, rec *input.Record, scratch []Finding, emit func(*Verdict)) []Finding {
	if rec.Err != nil {
		verdict := Verdict{File: rec.File, Line: rec.Line, Column: 1}
		if se, ok := rec.SyntaxError(); ok {
			verdict.Line, verdict.Column = rec.Position(se.Offset)
		}
		scratch = append(scratch[:0], Finding{Keyword: KeywordSyntax, Message: rec.Err.Error()})
		verdict.Findings = scratch
		emit(&verdict)
		return scratch
	}
	data := rec.Data
	for pos := jsonscan.SkipSpace(data, 0); pos < len(data); pos = jsonscan.SkipSpace(data, pos) {
		end, findings, err := v.Validate(data, pos, scratch[:0])
		scratch = findings
		if err != nil {
			verdict := Verdict{File: rec.File}
			verdict.Line, verdict.Column = rec.Position(err.Offset)
			scratch = append(scratch[:0], Finding{Keyword: KeywordSyntax, Message: err.Msg})
			verdict.Findings = scratch
			emit(&verdict)
			return scratch // the rest of the record cannot be framed
		}
		verdict := Verdict{File: rec.File, Findings: findings}
		verdict.Line, _ = rec.Position(pos)
		emit(&verdict)
		pos = end
	}
	return scratch
}
