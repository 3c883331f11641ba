package schema

import (
	"fmt"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// A record that could not be framed gets a column when its error is a
// syntax error, even wrapped; a record skipped whole gets none.
func TestCheckRecordFramingError(t *testing.T) {
	v, err := Load(Auto)
	if err != nil {
		t.Fatal(err)
	}
	syntax := &jsonscan.SyntaxError{Offset: 4, Msg: "unexpected end of input"}
	tests := []struct {
		name    string
		err     error
		wantCol int
	}{
		{"syntax error", syntax, 5},
		{"wrapped syntax error", fmt.Errorf("element: %w", syntax), 5},
		{"too long", input.ErrTooLong, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &input.Record{File: "f.json", Line: 3, Data: []byte(`{"a"`), Err: tt.err}
			var got []Verdict
			CheckRecord(v, rec, nil, func(vd *Verdict) { got = append(got, *vd) })
			if len(got) != 1 {
				t.Fatalf("%d verdicts, want 1", len(got))
			}
			if got[0].Line != 3 || got[0].Column != tt.wantCol || !got[0].Syntax() {
				t.Errorf("verdict at %d:%d (syntax %v), want 3:%d, a syntax verdict", got[0].Line, got[0].Column, got[0].Syntax(), tt.wantCol)
			}
		})
	}
}
