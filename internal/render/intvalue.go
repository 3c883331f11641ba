package render

import (
	"encoding/json"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/model"
)

// illTypedMark follows an ill-typed integer (a pid of "10420", 1.5, 1e999,
// null) where it is shown as text, so that it is never read as a number.
const illTypedMark = " (invalid)"

// intText is an integer field as shown in text: its decimal digits, ""
// when absent, and an ill-typed value as written, on one line, marked
// `"10420" (invalid)`. It is not sanitized: tables sanitize their cells.
func intText(v model.Int) string {
	if !v.IllTyped() {
		return v.String()
	}
	return compactRaw(json.RawMessage(v.Raw())) + illTypedMark
}

// appendIntJSON appends an integer field as JSON: its digits, or an
// ill-typed value as written (compacted, its strings escaped for a
// terminal as all of csmctl's JSON), never a 0 it did not hold. v must be
// present.
func appendIntJSON(dst []byte, v model.Int) []byte {
	if !v.IllTyped() {
		return append(dst, v.String()...)
	}
	return escape.AppendCompactJSON(dst, []byte(v.Raw()), escape.Terminal)
}
