package render

import (
	"io"
	"strconv"

	"github.com/csmctl/csmctl/internal/lineage"
)

// Colours of a picture's processes with hits.
const (
	hitFill   = "#f8d7da"
	hitStroke = "#b02a37"
)

// WriteTreeDOT writes forests as a Graphviz digraph, parents left of their
// children: one box per process (name, pid, user, exec time, and its rules
// with counts; the command line is its tooltip), filled red when it has hits; a dashed edge marked "cycle"
// closes a cycle of parents. Render it with `dot -Tsvg`. Labels and
// tooltips are sanitized, cut when too long for dot (appendCut), then
// escaped for DOT's quoted strings.
func WriteTreeDOT(w io.Writer, forests []*lineage.Forest) error {
	return writeGraph(w, forests, graphSyntax{
		head: "digraph lineage {\n" +
			"  rankdir=LR;\n" +
			"  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n" +
			"  edge [color=\"#555555\"];\n",
		node: func(buf []byte, id int, n *lineage.Node) []byte {
			buf = append(buf, "  p"...)
			buf = strconv.AppendInt(buf, int64(id), 10)
			buf = append(buf, " [label=\""...)
			buf = appendLabel(buf, n, `\n`, appendDOTLabelEscaped)
			buf = append(buf, '"')
			if cmdline, _ := treeCommandLine(n); cmdline != "" {
				buf = append(buf, `, tooltip="`...)
				buf = appendCut(buf, cmdline, maxTooltipBytes, appendDOTTooltipEscaped)
				buf = append(buf, '"')
			}
			if n.HasHits() {
				buf = append(buf, ", fillcolor=\""+hitFill+"\", color=\""+hitStroke+"\", penwidth=2"...)
			}
			return append(buf, "];\n"...)
		},
		edge: func(buf []byte, parent, child int, cycle bool) []byte {
			buf = append(buf, "  p"...)
			buf = strconv.AppendInt(buf, int64(parent), 10)
			buf = append(buf, " -> p"...)
			buf = strconv.AppendInt(buf, int64(child), 10)
			if cycle {
				buf = append(buf, ` [style=dashed, constraint=false, label="cycle"]`...)
			}
			return append(buf, ";\n"...)
		},
		tail: "}\n",
	})
}

// maxTooltipBytes bounds a DOT tooltip, escaped: dot rejects the whole
// file for one quoted string over 16 KiB, and a Windows command line (an
// encoded PowerShell) reaches 32 767 characters.
const maxTooltipBytes = 8 << 10

// appendDOTLabelEscaped escapes sanitized text for a DOT label: a quote
// would end the string, a backslash starts Graphviz's escapes (\n, \l,
// \N...), so it is doubled, and Graphviz reads HTML entities (&lt;), so an
// ampersand is written &amp;.
func appendDOTLabelEscaped(dst []byte, s string) []byte {
	return appendDOTEscaped(dst, s, `\\`)
}

// appendDOTTooltipEscaped escapes sanitized text for a DOT tooltip as
// appendDOTLabelEscaped does for a label, except for backslashes: Graphviz
// reads a tooltip's escapes twice, so \\N still became the node's name
// (C:\Users\alice\AppData\Local showed the label in place of \L); it
// takes four to write one.
func appendDOTTooltipEscaped(dst []byte, s string) []byte {
	return appendDOTEscaped(dst, s, `\\\\`)
}

func appendDOTEscaped(dst []byte, s, backslash string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			dst = append(dst, '\\', c)
		case '\\':
			dst = append(dst, backslash...)
		case '&':
			dst = append(dst, "&amp;"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
