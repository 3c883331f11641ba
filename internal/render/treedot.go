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
// closes a cycle of parents. Render it with `dot -Tsvg`. Labels are
// sanitized, then escaped for DOT's quoted strings.
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
			buf = appendLabel(buf, n, `\n`, appendDOTEscaped)
			buf = append(buf, '"')
			if n.Cmdline != "" {
				buf = append(buf, `, tooltip="`...)
				buf = appendDOTEscaped(buf, Sanitize(n.Cmdline))
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

// appendDOTEscaped escapes sanitized text for a DOT double-quoted string:
// a quote would end it, a backslash starts Graphviz's own escapes (\n, \l,
// \N...), so Windows paths need theirs doubled, and Graphviz reads HTML
// entities (&lt;) in labels, so an ampersand is written &amp;.
func appendDOTEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '&':
			dst = append(dst, "&amp;"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
