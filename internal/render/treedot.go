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
	buf := []byte("digraph lineage {\n" +
		"  rankdir=LR;\n" +
		"  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n" +
		"  edge [color=\"#555555\"];\n")
	ids := map[*lineage.Node]int{}
	var err error
	for _, f := range forests {
		f.Walk(func(s lineage.Step) {
			if s.Leave {
				return
			}
			if !s.BackRef {
				ids[s.Node] = len(ids) + 1
				buf = append(buf, "  p"...)
				buf = strconv.AppendInt(buf, int64(ids[s.Node]), 10)
				buf = append(buf, " [label=\""...)
				for i, line := range treeLabel(s.Node) {
					if i > 0 {
						buf = append(buf, `\n`...)
					}
					buf = appendDOTEscaped(buf, line)
				}
				buf = append(buf, '"')
				if s.Node.Cmdline != "" {
					buf = append(buf, `, tooltip="`...)
					buf = appendDOTEscaped(buf, Sanitize(s.Node.Cmdline))
					buf = append(buf, '"')
				}
				if s.Node.HasHits() {
					buf = append(buf, ", fillcolor=\""+hitFill+"\", color=\""+hitStroke+"\", penwidth=2"...)
				}
				buf = append(buf, "];\n"...)
			}
			if s.Parent != nil {
				buf = append(buf, "  p"...)
				buf = strconv.AppendInt(buf, int64(ids[s.Parent]), 10)
				buf = append(buf, " -> p"...)
				buf = strconv.AppendInt(buf, int64(ids[s.Node]), 10)
				if s.BackRef {
					buf = append(buf, ` [style=dashed, constraint=false, label="cycle"]`...)
				}
				buf = append(buf, ";\n"...)
			}
			if len(buf) >= 64<<10 && err == nil {
				_, err = w.Write(buf)
				buf = buf[:0]
			}
		})
	}
	buf = append(buf, "}\n"...)
	if err == nil {
		_, err = w.Write(buf)
	}
	return err
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
