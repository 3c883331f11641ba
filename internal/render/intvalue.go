package render

import (
	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/model"
)

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
