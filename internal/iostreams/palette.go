package iostreams

import "github.com/fatih/color"

// Palette is csmctl's colour scheme. With colour off every style prints its
// text unchanged, so callers never branch on colour themselves.
type Palette struct {
	enabled bool

	Location *color.Color // file:line
	Pointer  *color.Color // a JSON pointer
	Error    *color.Color // what went wrong
	Warning  *color.Color
	OK       *color.Color
	Rule     *color.Color // rule ids
	Event    *color.Color // event names
	Heading  *color.Color // section and table titles
	Faint    *color.Color // secondary detail
	Added    *color.Color // what a change added
	Removed  *color.Color // what a change removed

	// JSON colours query's output; nil with colour off.
	JSON *JSONColors
}

// JSONColors are jq's colours as gojq prints them by default (object keys
// in bold blue, as jq 1.7 does): the escape sequences that start each kind
// of value, and the one that ends it. query writes them straight into its
// output, byte for byte as gojq does, which a *color.Color cannot.
type JSONColors struct {
	Null, False, True, Number, String, Key, Reset string
}

// jqColors is jq's scheme.
var jqColors = JSONColors{
	Null:   "\x1b[90m",
	False:  "\x1b[33m",
	True:   "\x1b[33m",
	Number: "\x1b[36m",
	String: "\x1b[32m",
	Key:    "\x1b[34;1m",
	Reset:  "\x1b[0m",
}

// NewPalette returns the scheme, with colour on or off. Commands get theirs
// from IOStreams.Palette; this is for tests and for output that is never a
// terminal's.
func NewPalette(enabled bool) *Palette {
	p := &Palette{
		enabled:  enabled,
		Location: color.New(color.FgCyan),
		Pointer:  color.New(color.FgYellow),
		Error:    color.New(color.FgRed),
		Warning:  color.New(color.FgYellow),
		OK:       color.New(color.FgGreen),
		Rule:     color.New(color.FgMagenta, color.Bold),
		Event:    color.New(color.FgCyan, color.Bold),
		Heading:  color.New(color.Bold),
		Faint:    color.New(color.Faint),
		Added:    color.New(color.FgGreen),
		Removed:  color.New(color.FgRed),
	}
	for _, c := range []*color.Color{p.Location, p.Pointer, p.Error, p.Warning, p.OK, p.Rule, p.Event, p.Heading, p.Faint, p.Added, p.Removed} {
		if enabled {
			c.EnableColor() // overrides fatih/color's own terminal guess
		} else {
			c.DisableColor()
		}
	}
	if enabled {
		p.JSON = &jqColors
	}
	return p
}

// Enabled reports whether the palette colours.
func (p *Palette) Enabled() bool { return p.enabled }

// Append appends s in style c. s must already be escaped (escape.Text).
func (p *Palette) Append(dst []byte, c *color.Color, s string) []byte {
	if !p.enabled {
		return append(dst, s...)
	}
	return append(dst, c.Sprint(s)...)
}
