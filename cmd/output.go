package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// outputFormat is one value of a command's -o: its name, what it prints
// (for the help), and the printer that prints it.
type outputFormat[P any] struct {
	Name    string
	Help    string // a few words; "" when the name says it all
	Printer P
}

// addOutputFlag registers -o on fs, into value, with the formats a command
// prints, listed once; the first is the default.
func addOutputFlag[P any](fs *pflag.FlagSet, value *string, formats []outputFormat[P]) {
	fs.StringVarP(value, "output", "o", formats[0].Name, "output format: "+namesOf(formats))
}

// namesOf lists the formats for a flag's help, each with its few words.
func namesOf[P any](formats []outputFormat[P]) string {
	var list []string
	for _, of := range formats {
		s := of.Name
		if of.Help != "" {
			s += " (" + of.Help + ")"
		}
		list = append(list, s)
	}
	return orList(list)
}

// pickOutput returns the printer of the format named, or an error naming
// the formats there are.
func pickOutput[P any](formats []outputFormat[P], name string) (P, error) {
	return pickNamed("output format", formats, name)
}

// pickNamed returns the printer of the value named of a flag that says
// what (for the error naming the values there are).
func pickNamed[P any](what string, formats []outputFormat[P], name string) (P, error) {
	var names []string
	for _, of := range formats {
		if of.Name == name {
			return of.Printer, nil
		}
		names = append(names, of.Name)
	}
	var none P
	return none, fmt.Errorf("invalid %s %q: want %s", what, name, orList(names))
}

// orList joins items as "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
