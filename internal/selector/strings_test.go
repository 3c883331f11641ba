package selector

import (
	"slices"
	"testing"

	"github.com/spf13/pflag"
)

// stringList must read its flags as pflag's StringSlice does: the reference
// is a StringSlice flag given the same arguments.
func TestStringListReadsAsStringSlice(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--x=a"},
		{"--x=a,b", "--x=c"},
		{"--x=", "--x=a"},
		{"--x=a", "--x="},
		{`--x="a,b",c`},
		{`--x=" spaced ",x y`},
		{`--x="quo""te"`},
		{`--x="unterminated`},
		{"--x=a,,b"},
	} {
		var got, want []string
		ours := pflag.NewFlagSet("ours", pflag.ContinueOnError)
		ours.Var(&stringList{values: &got}, "x", "")
		ref := pflag.NewFlagSet("ref", pflag.ContinueOnError)
		ref.StringSliceVar(&want, "x", nil, "")
		err, refErr := ours.Parse(args), ref.Parse(args)
		if (err != nil) != (refErr != nil) || !slices.Equal(got, want) {
			t.Errorf("%q: %q, %v; StringSlice gives %q, %v", args, got, err, want, refErr)
		}
		if refErr == nil && len(want) > 0 {
			if s, refS := ours.Lookup("x").Value.String(), ref.Lookup("x").Value.String(); s != refS {
				t.Errorf("%q: written %s, StringSlice writes %s", args, s, refS)
			}
		}
	}
}
