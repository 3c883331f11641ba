package selector

import (
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/spf13/pflag"
)

// stringList is the value of --line, --rule and --event: comma-separated
// and repeatable, read as pflag's StringSlice reads it (as a CSV record, so
// a value may quote a comma), the first use replacing the default. pflag's
// own type writes its default with a CSV writer, a 4 KiB buffer, when the
// flag is defined: in every command that has these flags, at every start.
type stringList struct {
	values *[]string
	set    bool
}

// StringList is a flag value of that kind, filling *values.
func StringList(values *[]string) pflag.Value { return &stringList{values: values} }

func (l *stringList) Set(s string) error {
	var vals []string
	if s != "" {
		var err error
		if vals, err = csv.NewReader(strings.NewReader(s)).Read(); err != nil {
			return err
		}
	}
	if l.set {
		*l.values = append(*l.values, vals...)
	} else {
		*l.values = append([]string{}, vals...)
	}
	l.set = true
	return nil
}

// String is the values as pflag's StringSlice writes them, one CSV record
// in brackets, but nothing for none: help shows no default then.
func (l *stringList) String() string {
	vals := *l.values
	if len(vals) == 0 {
		return ""
	}
	plain := true
	for _, v := range vals {
		plain = plain && v != "" && !strings.ContainsAny(v, ",\"\r\n") && v[0] != ' ' && v[0] != '\t'
	}
	if plain {
		return "[" + strings.Join(vals, ",") + "]"
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(vals) // a bytes.Buffer does not fail
	w.Flush()
	return "[" + strings.TrimSuffix(b.String(), "\n") + "]"
}

// Type is StringSlice's, so that help names the argument the same way.
func (l *stringList) Type() string { return "stringSlice" }
