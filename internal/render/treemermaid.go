package render

import (
	"io"
	"strconv"

	"github.com/csmctl/csmctl/internal/lineage"
)

// WriteTreeMermaid writes forests as a Mermaid flowchart, parents left of
// their children, with the same labels as WriteTreeDOT; processes with hits
// are in the "hit" class, filled red, and a dotted edge marked "cycle"
// closes a cycle of parents. Labels are sanitized, then escaped for
// Mermaid's quoted strings.
func WriteTreeMermaid(w io.Writer, forests []*lineage.Forest) error {
	return writeGraph(w, forests, graphSyntax{
		head: "flowchart LR\n",
		node: func(buf []byte, id int, n *lineage.Node) []byte {
			buf = append(buf, "  p"...)
			buf = strconv.AppendInt(buf, int64(id), 10)
			buf = append(buf, `["`...)
			buf = appendLabel(buf, n, "<br/>", appendMermaidEscaped)
			buf = append(buf, `"]`...)
			if n.HasHits() {
				buf = append(buf, ":::hit"...)
			}
			return append(buf, '\n')
		},
		edge: func(buf []byte, parent, child int, cycle bool) []byte {
			buf = append(buf, "  p"...)
			buf = strconv.AppendInt(buf, int64(parent), 10)
			if cycle {
				buf = append(buf, " -. cycle .-> p"...)
			} else {
				buf = append(buf, " --> p"...)
			}
			buf = strconv.AppendInt(buf, int64(child), 10)
			return append(buf, '\n')
		},
		tail: "  classDef hit fill:" + hitFill + ",stroke:" + hitStroke + ",stroke-width:2px,color:#000\n",
	})
}

// appendMermaidEscaped escapes sanitized text for a Mermaid quoted label,
// with Mermaid's entity codes (#NN;): a quote would end the label, # starts
// an entity code, < > & would be read as HTML, a leading backtick as
// Markdown, and % because Mermaid reads a %%{init: ...}%% directive
// anywhere, even inside a quoted label, where it could restyle the picture
// (hide the hits). Line breaks, which sanitized text has not, would end
// the statement.
func appendMermaidEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '#', '%', '&', '<', '>', '`', '\n', '\r':
			dst = append(dst, '#')
			dst = strconv.AppendInt(dst, int64(c), 10)
			dst = append(dst, ';')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
