package render

import (
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/lineage"
)

// graphSyntax is how a picture language writes the forests' graph: what
// WriteTreeDOT and WriteTreeMermaid do not share.
type graphSyntax struct {
	head, tail string
	// node appends the process numbered id.
	node func(buf []byte, id int, n *lineage.Node) []byte
	// edge appends the edge from a parent to its child; cycle is set for
	// the edge that closes a cycle of parents.
	edge func(buf []byte, parent, child int, cycle bool) []byte
}

// writeGraph writes forests as a graph in syntax g: every process once,
// numbered from 1 in walk order, and an edge from each parent to each child.
// The output goes out in pieces of about 64 KiB.
func writeGraph(w io.Writer, forests []*lineage.Forest, g graphSyntax) error {
	buf := []byte(g.head)
	ids := map[*lineage.Node]int{}
	var err error
	for _, f := range forests {
		f.Walk(func(s lineage.Step) {
			if s.Leave {
				return
			}
			if !s.BackRef {
				ids[s.Node] = len(ids) + 1
				buf = g.node(buf, ids[s.Node], s.Node)
			}
			if s.Parent != nil {
				buf = g.edge(buf, ids[s.Parent], ids[s.Node], s.BackRef)
			}
			if len(buf) >= 64<<10 && err == nil {
				_, err = w.Write(buf)
				buf = buf[:0]
			}
		})
	}
	buf = append(buf, g.tail...)
	if err == nil {
		_, err = w.Write(buf)
	}
	return err
}

// maxLabelLineBytes bounds a line of a process's label in a picture,
// escaped: a box as wide as a 40 000-character name is no picture, and a
// label of a few such lines would pass dot's 16 KiB limit on a string.
const maxLabelLineBytes = 512

// appendLabel appends the lines of a process's label, each cut to
// maxLabelLineBytes and escaped for the picture language, with sep between
// them.
func appendLabel(buf []byte, n *lineage.Node, sep string, escape func([]byte, string) []byte) []byte {
	for i, line := range treeLabel(n) {
		if i > 0 {
			buf = append(buf, sep...)
		}
		buf = appendCut(buf, line, maxLabelLineBytes, escape)
	}
	return buf
}

// appendCut appends s escaped by escape, if that takes at most limit bytes;
// otherwise as much of s as fits, cut between characters, and a marker
// that says how many characters were left out: "… (N more characters)".
func appendCut(dst []byte, s string, limit int, escape func([]byte, string) []byte) []byte {
	start := len(dst)
	if dst = escape(dst, s); len(dst)-start <= limit {
		return dst
	}
	dst = dst[:start]
	room := limit - cutMarkerRoom
	i := 0
	for i < len(s) {
		_, n := utf8.DecodeRuneInString(s[i:])
		before := len(dst)
		if dst = escape(dst, s[i:i+n]); len(dst)-start > room {
			dst = dst[:before]
			break
		}
		i += n
	}
	return escape(dst, "… ("+strconv.Itoa(utf8.RuneCountInString(s[i:]))+" more characters)")
}

// cutMarkerRoom is room enough for appendCut's marker, escaped.
const cutMarkerRoom = 40
