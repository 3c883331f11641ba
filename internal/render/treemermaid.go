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
	buf := []byte("flowchart LR\n")
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
				buf = append(buf, `["`...)
				for i, line := range treeLabel(s.Node) {
					if i > 0 {
						buf = append(buf, "<br/>"...)
					}
					buf = appendMermaidEscaped(buf, line)
				}
				buf = append(buf, `"]`...)
				if s.Node.HasHits() {
					buf = append(buf, ":::hit"...)
				}
				buf = append(buf, '\n')
			}
			if s.Parent != nil {
				buf = append(buf, "  p"...)
				buf = strconv.AppendInt(buf, int64(ids[s.Parent]), 10)
				if s.BackRef {
					buf = append(buf, " -. cycle .-> p"...)
				} else {
					buf = append(buf, " --> p"...)
				}
				buf = strconv.AppendInt(buf, int64(ids[s.Node]), 10)
				buf = append(buf, '\n')
			}
			if len(buf) >= 64<<10 && err == nil {
				_, err = w.Write(buf)
				buf = buf[:0]
			}
		})
	}
	buf = append(buf, "  classDef hit fill:"+hitFill+",stroke:"+hitStroke+",stroke-width:2px,color:#000\n"...)
	if err == nil {
		_, err = w.Write(buf)
	}
	return err
}

// appendMermaidEscaped escapes sanitized text for a Mermaid quoted label,
// with Mermaid's entity codes (#NN;): a quote would end the label, # starts
// an entity code, < > & would be read as HTML, and a leading backtick as
// Markdown.
func appendMermaidEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '#', '&', '<', '>', '`':
			dst = append(dst, '#')
			dst = strconv.AppendInt(dst, int64(c), 10)
			dst = append(dst, ';')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
