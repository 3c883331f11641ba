package manpage

import (
	"reflect"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func TestBuildDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if got, want := BuildDate(), time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC); !got.Equal(want) {
		t.Errorf("BuildDate() = %v, want %v", got, want)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if got := BuildDate(); time.Since(got) > time.Minute {
		t.Errorf("BuildDate() = %v with a malformed SOURCE_DATE_EPOCH, want now", got)
	}
}

// A command's page lists its flags as --help does: hidden and deprecated
// ones left out, the value's name from the usage's backquotes, defaults
// but false, zero and empty ones; its parent and visible children to see.
func TestFromCommand(t *testing.T) {
	root := &cobra.Command{Use: "tool"}
	root.PersistentFlags().String("color", "auto", "colour")
	sub := &cobra.Command{Use: "sub [FILE...]", Short: "Do it", Run: func(*cobra.Command, []string) {}}
	sub.Flags().StringP("output", "o", "text", "write `FORMAT`")
	sub.Flags().Bool("all", false, "every one")
	sub.Flags().Int("workers", 0, "workers")
	sub.Flags().Int("limit", 10, "at most")
	sub.Flags().String("secret", "", "hidden")
	_ = sub.Flags().MarkHidden("secret")
	sub.Flags().String("old", "", "old")
	_ = sub.Flags().MarkDeprecated("old", "use --output")
	root.AddCommand(sub)
	for _, c := range []*cobra.Command{
		{Use: "b", Short: "b", Run: func(*cobra.Command, []string) {}},
		{Use: "a", Short: "a", Run: func(*cobra.Command, []string) {}},
		{Use: "hidden", Hidden: true, Run: func(*cobra.Command, []string) {}},
	} {
		sub.AddCommand(c)
	}
	p := FromCommand(sub, Header{Section: "1"})
	if p.Name != "tool-sub" || p.Synopsis != "tool sub [FILE...] [flags]" || p.Description != "Do it" {
		t.Errorf("name %q, synopsis %q, description %q", p.Name, p.Synopsis, p.Description)
	}
	want := []Option{
		{Long: "all", Usage: "every one"},
		{Short: "h", Long: "help", Usage: "help for sub"},
		{Long: "limit", Value: "int", Default: "10", Usage: "at most"},
		{Short: "o", Long: "output", Value: "FORMAT", Default: `"text"`, Usage: "write FORMAT"},
		{Long: "workers", Value: "int", Usage: "workers"},
	}
	if !reflect.DeepEqual(p.Options, want) {
		t.Errorf("options\n%+v, want\n%+v", p.Options, want)
	}
	if want := []Option{{Long: "color", Value: "string", Default: `"auto"`, Usage: "colour"}}; !reflect.DeepEqual(p.Inherited, want) {
		t.Errorf("inherited %+v, want %+v", p.Inherited, want)
	}
	if want := []string{"tool", "tool-sub-a", "tool-sub-b"}; !reflect.DeepEqual(p.SeeAlso, want) {
		t.Errorf("see also %v, want %v", p.SeeAlso, want)
	}
}
