package manpage

import (
	"bufio"
	"io"
	"strings"
	"time"
)

// Page is one man page.
type Page struct {
	Name     string // csmctl-validate
	Section  string // 1
	Date     time.Time
	Source   string // csmctl v1.2.3
	Manual   string // csmctl manual
	Short    string // what follows the name's dash in NAME
	Synopsis string // csmctl validate [FILE...] [flags]
	// Description is text in paragraphs split by blank lines; a paragraph
	// whose lines are all indented is shown as it is, not filled.
	Description string
	Options     []Option
	Inherited   []Option // options of the parent commands
	Example     string   // shown as it is
	SeeAlso     []string // page names, in section Section
}

// Option is one command-line option.
type Option struct {
	Short, Long string // "o", "output"
	Value       string // the value's name, "" for none
	Default     string // "" for none worth saying
	Usage       string
}

// Write writes p as roff to w.
func Write(w io.Writer, p *Page) error {
	b := bufio.NewWriter(w)
	b.WriteString(`.TH ` + quoted(strings.ToUpper(p.Name)) + ` ` + quoted(p.Section) + ` ` +
		quoted(p.Date.Format("Jan 2006")) + ` ` + quoted(p.Source) + ` ` + quoted(p.Manual) + "\n")
	b.WriteString(".nh\n.ad l\n") // no hyphenation, no justification: commands and paths stay whole
	b.WriteString(".SH NAME\n" + line(p.Name) + ` \- ` + roff(p.Short) + "\n")
	b.WriteString(".SH SYNOPSIS\n" + `\fB` + line(p.Synopsis) + `\fR` + "\n")
	if p.Description != "" {
		b.WriteString(".SH DESCRIPTION\n")
		writeText(b, p.Description)
	}
	writeOptions(b, "OPTIONS", p.Options)
	writeOptions(b, "OPTIONS INHERITED FROM PARENT COMMANDS", p.Inherited)
	if p.Example != "" {
		b.WriteString(".SH EXAMPLES\n.nf\n")
		lines := strings.Split(strings.Trim(p.Example, "\n"), "\n")
		n := indent(lines) // the section indents them already
		for _, l := range lines {
			b.WriteString(line(l[min(n, len(l)):]) + "\n")
		}
		b.WriteString(".fi\n")
	}
	if len(p.SeeAlso) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, name := range p.SeeAlso {
			sep := ","
			if i == len(p.SeeAlso)-1 {
				sep = ""
			}
			b.WriteString(".BR " + quoted(name) + ` "(` + roff(p.Section) + `)` + sep + "\"\n")
		}
	}
	return b.Flush()
}

// writeText writes paragraphs: filled text, or, indented, as they are.
func writeText(b *bufio.Writer, text string) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		lines := strings.Split(strings.Trim(para, "\n"), "\n")
		if i > 0 {
			b.WriteString(".PP\n")
		}
		if n := indent(lines); n > 0 {
			b.WriteString(".RS\n.nf\n")
			for _, l := range lines {
				b.WriteString(line(strings.TrimRight(l[min(n, len(l)):], " ")) + "\n")
			}
			b.WriteString(".fi\n.RE\n")
			continue
		}
		for _, l := range lines {
			b.WriteString(line(strings.TrimSpace(l)) + "\n")
		}
	}
}

// indent is how many spaces every line of a paragraph starts with.
func indent(lines []string) int {
	n := -1
	for _, l := range lines {
		k := len(l) - len(strings.TrimLeft(l, " "))
		if n < 0 || k < n {
			n = k
		}
	}
	return n
}

func writeOptions(b *bufio.Writer, title string, opts []Option) {
	if len(opts) == 0 {
		return
	}
	b.WriteString(".SH " + title + "\n")
	for _, o := range opts {
		b.WriteString(".TP\n")
		if o.Short != "" {
			b.WriteString(`\fB\-` + roff(o.Short) + `\fR, `)
		}
		b.WriteString(`\fB\-\-` + roff(o.Long) + `\fR`)
		if o.Value != "" {
			b.WriteString(` \fI` + roff(o.Value) + `\fR`)
		}
		b.WriteString("\n" + line(o.Usage))
		if o.Default != "" {
			b.WriteString(" (default: " + roff(o.Default) + ")")
		}
		b.WriteString("\n")
	}
}
