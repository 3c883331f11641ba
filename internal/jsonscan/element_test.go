package jsonscan

import "testing"

func TestAfterElement(t *testing.T) {
	tests := []struct {
		in      string
		closing byte
		next    int
		more    bool
		err     string
	}{
		{` , "k"`, '}', 3, true, ""},
		{`,x`, ']', 1, true, ""},
		{` }`, '}', 2, false, ""},
		{`]`, ']', 1, false, ""},
		{`  `, '}', 2, false, "unexpected end of input"},
		{` ]`, '}', 1, false, `invalid character ']' after object value (expecting ',' or '}')`},
		{"\x1b", ']', 0, false, `invalid character '\x1b' after array element (expecting ',' or ']')`},
	}
	for _, tt := range tests {
		next, more, err := AfterElement([]byte(tt.in), 0, tt.closing)
		msg := ""
		if err != nil {
			msg = err.Msg
			if err.Offset != next {
				t.Errorf("AfterElement(%q): offset %d, next %d", tt.in, err.Offset, next)
			}
		}
		if next != tt.next || more != tt.more || msg != tt.err {
			t.Errorf("AfterElement(%q, %q) = %d, %v, %q; want %d, %v, %q", tt.in, tt.closing, next, more, msg, tt.next, tt.more, tt.err)
		}
	}
}
