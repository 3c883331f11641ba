package treeview

import (
	"io"

	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/render"
)

// Printer draws the forests of a run.
type Printer struct {
	Write func(w io.Writer, forests []*lineage.Forest) error
	// ListsEvents says the printer lists each event under its process, so
	// the builder must keep them; otherwise it counts them by rule.
	ListsEvents bool
	// ListsArgs says the printer writes a Linux process's argv0 and args
	// one by one, so the builder must keep them; otherwise it keeps only
	// the command line they make.
	ListsArgs bool
	// ListsDetails says the printer writes each listed event's detail
	// (record.Detail), which reads every event family: each hit's family
	// members are then decoded too (record.DetailOf).
	ListsDetails bool
}

// Style is how the text printer draws on io's standard output: with its
// palette, and cut to its width on a terminal only.
func Style(io *iostreams.IOStreams, ascii, verbose bool) render.TreeStyle {
	st := render.TreeStyle{Palette: io.Palette(), ASCII: ascii, Verbose: verbose}
	if io.IsStdoutTTY() {
		st.Width = io.TerminalWidth()
	}
	return st
}

// TextPrinter draws the forests as text, like pstree.
func TextPrinter(st render.TreeStyle) Printer {
	return Printer{
		Write: func(w io.Writer, forests []*lineage.Forest) error {
			return render.WriteTree(w, forests, st)
		},
		ListsEvents:  st.Verbose,
		ListsDetails: st.Verbose,
	}
}

// JSONPrinter prints an array of root processes with their children nested
// and each event listed.
func JSONPrinter(render.TreeStyle) Printer {
	return Printer{Write: render.WriteTreeJSON, ListsEvents: true, ListsArgs: true}
}

// DOTPrinter draws the forests for Graphviz.
func DOTPrinter(render.TreeStyle) Printer { return Printer{Write: render.WriteTreeDOT} }

// MermaidPrinter draws the forests for Mermaid.
func MermaidPrinter(render.TreeStyle) Printer { return Printer{Write: render.WriteTreeMermaid} }
