package manpage

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Header is what every page of a tree shares.
type Header struct {
	Section string
	Date    time.Time
	Source  string
	Manual  string
}

// WriteTree writes a page for root and each of its commands, but help
// topics and hidden or deprecated ones, into dir as NAME.SECTION, NAME
// being the command's path with dashes (csmctl-completion-bash.1).
func WriteTree(root *cobra.Command, h Header, dir string) error {
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := WriteTree(c, h, dir); err != nil {
			return err
		}
	}
	p := FromCommand(root, h)
	f, err := os.Create(filepath.Join(dir, p.Name+"."+h.Section))
	if err != nil {
		return err
	}
	return errors.Join(Write(f, p), f.Close())
}

// FromCommand is the page of c: its --help in roff.
func FromCommand(c *cobra.Command, h Header) *Page {
	c.InitDefaultHelpFlag() // as --help lists it
	p := &Page{
		Name:     pageName(c),
		Section:  h.Section,
		Date:     h.Date,
		Source:   h.Source,
		Manual:   h.Manual,
		Short:    c.Short,
		Synopsis: c.UseLine(),
		Example:  c.Example,
	}
	p.Description = c.Long
	if p.Description == "" {
		p.Description = c.Short
	}
	p.Options = options(c.NonInheritedFlags())
	p.Inherited = options(c.InheritedFlags())
	if c.HasParent() {
		p.SeeAlso = append(p.SeeAlso, pageName(c.Parent()))
	}
	var subs []string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() && !s.IsAdditionalHelpTopicCommand() {
			subs = append(subs, pageName(s))
		}
	}
	sort.Strings(subs)
	p.SeeAlso = append(p.SeeAlso, subs...)
	return p
}

func pageName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "-")
}

// options lists the flags of fs, but hidden and deprecated ones, as --help
// does.
func options(fs *pflag.FlagSet) []Option {
	var opts []Option
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		value, usage := pflag.UnquoteUsage(f)
		o := Option{Short: f.Shorthand, Long: f.Name, Value: value, Usage: usage}
		if t := f.Value.Type(); t != "bool" && f.DefValue != "" && f.DefValue != "0" && f.DefValue != "[]" {
			o.Default = f.DefValue
			if t == "string" {
				o.Default = strconv.Quote(f.DefValue)
			}
		}
		opts = append(opts, o)
	})
	return opts
}

// BuildDate is the pages' date when the build does not say its commit's:
// SOURCE_DATE_EPOCH, for reproducible builds, else now.
func BuildDate() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now()
}
