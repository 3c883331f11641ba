package cmd

import (
	"slices"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/csmctl/csmctl/internal/iostreams"
)

// The command table names each command as its Use does, and the whole
// tree holds exactly the table's commands.
func TestCommandTable(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	var want []string
	for _, c := range commands {
		want = append(want, c.name)
	}
	var got []string
	for _, c := range NewRootCmd(io).Commands() {
		if c.Name() != "help" && c.Name() != "completion" {
			got = append(got, c.Name())
		}
	}
	slices.Sort(want) // cobra lists commands sorted
	if !slices.Equal(got, want) {
		t.Errorf("the whole tree's commands are %q; the table lists %q", got, want)
	}
}

// A root built for one command's arguments gives that command exactly what
// the whole tree gives it: the same help, the same flags with the same
// defaults, the same root flags. Only the siblings are missing (all of
// them are there for man, which reads them).
func TestRootForOneCommand(t *testing.T) {
	flagsOf := func(fs *pflag.FlagSet) (out []string) {
		fs.VisitAll(func(f *pflag.Flag) {
			out = append(out, f.Name+" "+f.Shorthand+" "+f.Value.Type()+" "+f.DefValue+" "+f.NoOptDefVal+" "+f.Usage)
		})
		return out
	}
	describe := func(c *cobra.Command) []string {
		return append(append([]string{c.UsageString(), c.Long, c.Example, c.CommandPath()},
			flagsOf(c.LocalFlags())...), flagsOf(c.InheritedFlags())...)
	}
	for _, tt := range commands {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _, _ := iostreams.Test()
			whole, _, err := NewRootCmd(io).Find([]string{tt.name})
			if err != nil {
				t.Fatal(err)
			}
			io, _, _, _ = iostreams.Test()
			root := newRootCmd(io, []string{tt.name})
			want := 1 // man reads its siblings: it gets the whole tree
			if tt.wholeTree {
				want = len(NewRootCmd(io).Commands())
			}
			if n := len(root.Commands()); n != want {
				t.Errorf("a root built for %s has %d commands, want %d", tt.name, n, want)
			}
			one, _, err := root.Find([]string{tt.name})
			if err != nil {
				t.Fatal(err)
			}
			if one == root {
				t.Fatalf("a root built for %s does not hold it", tt.name)
			}
			if got, want := describe(one), describe(whole); !slices.Equal(got, want) {
				t.Errorf("built alone, %s differs from the whole tree's:\n got %q\nwant %q", tt.name, got, want)
			}
		})
	}
}

// commandWord steps over the root's flags and names a command only when
// it can run without its siblings.
func TestCommandWord(t *testing.T) {
	io, _, _, _ := iostreams.Test()
	flags := NewRootCmd(io).PersistentFlags()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"show", "x.ndjson"}, "show"},
		{[]string{"validate"}, "validate"},
		{[]string{"--color", "never", "tree", "-v"}, "tree"},
		{[]string{"--color=never", "query", "."}, "query"},
		{[]string{"--max-record-size", "1MiB", "--color", "always", "hunt"}, "hunt"},
		{[]string{"--color", "show"}, ""}, // "show" is --color's value; then no command
		{[]string{"man", "--dir", "d"}, ""},
		{[]string{"help", "show"}, ""},
		{[]string{"__complete", "show", ""}, ""},
		{[]string{"completion", "bash"}, ""},
		{[]string{"--help"}, ""},
		{[]string{"--version"}, ""},
		{[]string{"-h", "show"}, ""},
		{[]string{"--", "show"}, ""},
		{[]string{"shw"}, ""},
		{[]string{"--bogus", "show"}, ""},
		{nil, ""},
	} {
		if got := commandWord(flags, tt.args); got != tt.want {
			t.Errorf("commandWord(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}
