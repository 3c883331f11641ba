package model

import "testing"

// illTypedPIDs are pid values that are not integers an int64 holds, each as
// written in an event.
var illTypedPIDs = []string{`1e999`, `9223372036854775808`, `1.5`, `"123"`, `null`, `true`, `{}`, `[]`, `-9223372036854775809`}

func TestIllTypedIntKeptAsWritten(t *testing.T) {
	for _, raw := range illTypedPIDs {
		t.Run(raw, func(t *testing.T) {
			e, err := Decode([]byte(`{"process":{"pid":` + raw + `,"ppid":4,"cmdline":"x"},"exit":{"code":` + raw + `}}`))
			if err != nil {
				t.Fatal(err)
			}
			p := e.Process
			if !p.PID.IllTyped() || !p.PID.Present() || p.PID.Raw() != raw || p.PID.String() != raw {
				t.Errorf("PID = %#v, want ill-typed %s", p.PID, raw)
			}
			if n, ok := p.PID.Int64(); ok || p.PID.Is(0) || p.PID.Is(n) {
				t.Errorf("PID %s reads as the integer %d", raw, n)
			}
			if p.PID.Equal(IntOf(0)) || p.PID.IsZero() {
				t.Errorf("PID %s is 0 or absent", raw)
			}
			if !e.Exit.Code.IllTyped() || e.Exit.Code.Raw() != raw {
				t.Errorf("exit code = %#v, want ill-typed %s", e.Exit.Code, raw)
			}
			// Still listed among the ill-typed properties, for show's "other fields".
			wantExtra(t, "Process", p.Extra, map[string]string{"pid": raw})
			wantExtra(t, "Exit", e.Exit.Extra, map[string]string{"code": raw})
			if !p.PPID.Is(4) || p.Cmdline != "x" {
				t.Errorf("the other fields were lost: %+v", p)
			}
		})
	}
}

func TestIntStates(t *testing.T) {
	tests := []struct {
		json     string
		want     Int
		str      string
		present  bool
		illTyped bool
	}{
		{`{}`, Int{}, "", false, false},
		{`{"pid":0}`, IntOf(0), "0", true, false},
		{`{"pid":1e3}`, IntOf(1000), "1000", true, false},
		{`{"pid":1.0}`, IntOf(1), "1", true, false},
		{`{"pid":-9223372036854775808}`, IntOf(-9223372036854775808), "-9223372036854775808", true, false},
		{`{"pid":"10420"}`, IllTypedInt(`"10420"`), `"10420"`, true, true},
		{`{"pid": [ 1 ,2 ] }`, IllTypedInt(`[ 1 ,2 ]`), `[ 1 ,2 ]`, true, true},
	}
	for _, tt := range tests {
		e, err := Decode([]byte(`{"process":` + tt.json + `}`))
		if err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		p := e.Process
		if !p.PID.Equal(tt.want) || p.PID.String() != tt.str || p.PID.Present() != tt.present || p.PID.IllTyped() != tt.illTyped {
			t.Errorf("%s: PID = %#v %q present %v ill-typed %v, want %#v %q %v %v", tt.json,
				p.PID, p.PID.String(), p.PID.Present(), p.PID.IllTyped(), tt.want, tt.str, tt.present, tt.illTyped)
		}
	}
	if IllTypedInt(`"123"`).Equal(IntOf(123)) || IllTypedInt(`"123"`).Is(123) {
		t.Error(`"123" is the integer 123`)
	}
}

func TestIntCompare(t *testing.T) {
	ordered := []Int{{}, IntOf(-1), IntOf(0), IntOf(7), IllTypedInt(`"0"`), IllTypedInt(`"7"`), IllTypedInt(`null`)}
	for i, x := range ordered {
		for j, y := range ordered {
			got := x.Compare(y)
			if (i < j) != (got < 0) || (i == j) != (got == 0) {
				t.Errorf("%#v.Compare(%#v) = %d", x, y, got)
			}
		}
	}
}
