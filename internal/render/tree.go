package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"io"
	"strconv"

	"github.com/fatih/color"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/lineage"
)

// TreeStyle says how WriteTree draws.
type TreeStyle struct {
	Palette *iostreams.Palette
	// ASCII draws the guides with |, `- and * instead of box drawing.
	ASCII bool
	// Verbose adds Windows command lines and shows Linux ones whole, and
	// lists each hit on its own line instead of counting them by rule.
	Verbose bool
	// Width cuts lines to this many columns; 0 never cuts (not a terminal).
	Width int
}

// treeGlyphs are the marks a tree is drawn with.
type treeGlyphs struct {
	branch, last, pipe, blank string // guides: ├─ └─ │
	hit, times, backRef, more string
}

var (
	boxGlyphs   = treeGlyphs{"├─ ", "└─ ", "│  ", "   ", "●", "×", "↺", "…"}
	asciiGlyphs = treeGlyphs{"|- ", "`- ", "|  ", "   ", "*", "x", "^", "..."}
)

// WriteTree writes forests as text trees, the way pstree draws a live
// system: one line per process (name, pid, user, container, exec time, a
// Linux command line cut to maxTreeCommandLine columns), children
// below their parent, and under each process the rules its hits matched,
// with how many times (or, with Verbose, the command line too and each hit:
// rule, event, detail, date and where it was read). Processes with hits are highlighted. A cycle of
// parents ends in a line marked ↺ that refers back to the process above.
func WriteTree(w io.Writer, forests []*lineage.Forest, st TreeStyle) error {
	t := &treeText{w: w, st: st, g: boxGlyphs, pal: st.Palette}
	if st.ASCII {
		t.g = asciiGlyphs
	}
	for i, f := range forests {
		if f.Host != "" {
			if i > 0 {
				t.flushLine()
			}
			t.span(t.pal.Heading, "host "+escape.Text(f.Host))
			t.flushLine()
		}
		t.forest(f)
	}
	return t.flush()
}

// treeText draws one tree line at a time, as spans of one style each, so
// that a line can be cut to the terminal's width before it is coloured.
type treeText struct {
	w     io.Writer
	st    TreeStyle
	g     treeGlyphs
	pal   *iostreams.Palette
	spans []treeSpan
	out   []byte
	err   error
}

type treeSpan struct {
	c *color.Color // nil: no style
	s string       // sanitized
	// keep marks the end of a line that cutting spares, cutting what is
	// before it instead: a hit's FILE:LINE.
	keep bool
}

// maxTreeCommandLine is how many columns of a Linux command line a
// process's line shows without -v, the rest marked by the "more" glyph.
const maxTreeCommandLine = 60

// maxTreeIndent is the deepest a process is indented: a chain 10 000
// processes deep would otherwise draw 30 000 columns of guides on each of
// its lines, output growing with the square of the input. Deeper processes
// are drawn at this indentation, their depth written after the branch, and
// the guides of the levels past it are not drawn.
const maxTreeIndent = 64

func (t *treeText) forest(f *lineage.Forest) {
	// last[d] says whether the node shown at depth d is its parent's last
	// child: it decides whether the guide goes on below it.
	var last []bool
	f.Walk(func(s lineage.Step) {
		if s.Leave {
			return
		}
		last = append(last[:s.Depth], s.Last)
		shown := min(s.Depth, maxTreeIndent) // depth drawn
		guides := ""
		if s.Depth > 0 {
			guides = t.guides(last[1:shown])
			if s.Last {
				guides += t.g.last
			} else {
				guides += t.g.branch
			}
		}
		t.span(t.pal.Faint, guides)
		if s.Depth > shown {
			t.span(t.pal.Faint, "(depth "+strconv.Itoa(s.Depth)+") ")
		}
		if s.BackRef {
			t.span(t.pal.Faint, t.g.backRef+" ")
			t.process(s.Node, false)
			t.span(t.pal.Faint, "  (cycle)")
			t.flushLine()
			return
		}
		t.process(s.Node, s.Depth == 0)
		t.flushLine()
		if !s.Node.HasHits() {
			return
		}
		// Hit lines hang below the process, left of its children's guide.
		prefix := t.guides(last[1 : shown+1])
		if len(s.Node.Children) > 0 {
			prefix += t.g.pipe
		} else {
			prefix += t.g.blank
		}
		t.hits(prefix, s.Node)
	})
}

// guides draws the columns left of a line, one per ancestor below the root:
// a pipe where that ancestor has siblings still to come.
func (t *treeText) guides(last []bool) string {
	s := ""
	for _, l := range last {
		if l {
			s += t.g.blank
		} else {
			s += t.g.pipe
		}
	}
	return s
}

// process draws the process's own line: name, pid, user, container, exec
// time, and the command line (a Windows one only when verbose).
func (t *treeText) process(n *lineage.Node, root bool) {
	var name *color.Color
	if n.HasHits() {
		name = t.pal.Error
	}
	t.span(name, escape.Text(n.DisplayName()))
	if n.Key.PID.Present() {
		t.span(nil, "  pid "+escape.Text(record.IntText(n.Key.PID)))
	}
	if n.User != "" {
		t.span(t.pal.Faint, "  "+escape.Text(n.User))
	}
	if n.ContainerID != "" {
		t.span(t.pal.Faint, "  "+shortContainerID(n.ContainerID))
	}
	if e := n.ExecTimeText(); e != "" {
		t.span(t.pal.Faint, "  "+e)
	}
	// A Linux command line is the process's label, as pstree -a shows it:
	// cut short unless verbose. A Windows one, often long, waits for -v.
	if cmdline, truncated := treeCommandLine(n); cmdline != "" && (t.st.Verbose || n.Cmdline == "") {
		if !t.st.Verbose && iostreams.DisplayWidth(cmdline) > maxTreeCommandLine {
			cmdline, truncated = CutCells(cmdline, maxTreeCommandLine-iostreams.DisplayWidth(t.g.more)), true
		}
		if truncated {
			cmdline += " " + t.g.more
		}
		t.span(nil, "  "+cmdline)
	}
	if root && n.Parent == nil {
		if n.PPID.Present() {
			t.span(t.pal.Faint, "  ppid "+escape.Text(record.IntText(n.PPID)))
		}
		if n.Truncated {
			t.span(t.pal.Faint, "  (ancestors truncated)")
		}
	}
}

// hits draws the process's hits: one line per rule with a count, or one per
// hit when verbose (and the hits were kept).
func (t *treeText) hits(prefix string, n *lineage.Node) {
	if !t.st.Verbose || len(n.Hits) == 0 {
		for _, rc := range n.Rules {
			t.span(t.pal.Faint, prefix)
			t.span(t.pal.Error, t.g.hit+" ")
			t.span(t.pal.Rule, treeRuleID(rc.RuleID))
			t.span(nil, " "+t.g.times+strconv.Itoa(rc.Count))
			t.flushLine()
		}
		return
	}
	for i := range n.Hits {
		h := &n.Hits[i]
		t.span(t.pal.Faint, prefix)
		t.span(t.pal.Error, t.g.hit+" ")
		t.span(t.pal.Rule, treeRuleID(h.RuleID))
		if h.Evt != "" {
			t.span(nil, "  ")
			t.span(t.pal.Event, escape.Text(h.Evt))
		}
		if h.Detail != "" {
			t.span(nil, "  "+escape.Text(h.Detail))
		}
		if h.Date.Valid() {
			t.span(t.pal.Faint, "  "+h.Date.Written())
		}
		t.keepSpan(nil, "  ")
		t.keepSpan(t.pal.Location, escape.Text(input.Position{File: h.File, Line: h.Line}.String()))
		t.flushLine()
	}
}

func treeRuleID(id string) string {
	if id == "" {
		return "(no rule id)"
	}
	return escape.Text(id)
}

func (t *treeText) span(c *color.Color, s string) { t.appendSpan(treeSpan{c: c, s: s}) }

// keepSpan adds a span to the end of the line that cutting spares.
func (t *treeText) keepSpan(c *color.Color, s string) { t.appendSpan(treeSpan{c: c, s: s, keep: true}) }

func (t *treeText) appendSpan(sp treeSpan) {
	switch {
	case sp.s == "":
	case len(t.spans) > 0 && t.spans[len(t.spans)-1].c == sp.c && t.spans[len(t.spans)-1].keep == sp.keep:
		t.spans[len(t.spans)-1].s += sp.s
	default:
		t.spans = append(t.spans, sp)
	}
}

// flushLine ends the line: cut to the width, coloured, buffered.
func (t *treeText) flushLine() {
	if t.st.Width > 0 {
		t.spans = cutTreeSpans(t.spans, t.st.Width, t.g.more, t.pal.Faint)
	}
	for _, sp := range t.spans {
		if sp.s == "" {
			continue
		}
		if sp.c == nil {
			t.out = append(t.out, sp.s...)
		} else {
			t.out = t.pal.Append(t.out, sp.c, sp.s)
		}
	}
	t.out = append(t.out, '\n')
	t.spans = t.spans[:0]
	if len(t.out) >= 64<<10 {
		t.flush()
	}
}

func (t *treeText) flush() error {
	if t.err == nil && len(t.out) > 0 {
		_, t.err = t.w.Write(t.out)
	}
	t.out = t.out[:0]
	return t.err
}

// cutTreeSpans cuts a line wider than width columns, marking the cut with
// more: at the end, or before the spans to keep when they fit.
func cutTreeSpans(spans []treeSpan, width int, more string, c *color.Color) []treeSpan {
	total := 0
	for _, sp := range spans {
		total += iostreams.DisplayWidth(sp.s)
	}
	if total <= width {
		return spans
	}
	head := len(spans) // spans[head:] are kept
	kept := 0
	for head > 0 && spans[head-1].keep {
		head--
		kept += iostreams.DisplayWidth(spans[head].s)
	}
	if head == len(spans) || kept+iostreams.DisplayWidth(more) >= width {
		return cutTreeSpansEnd(spans, width, more, c)
	}
	tail := append([]treeSpan(nil), spans[head:]...)
	return append(cutTreeSpansEnd(spans[:head], width-kept, more, c), tail...)
}

// cutTreeSpansEnd cuts a line to width columns, ending it with more.
func cutTreeSpansEnd(spans []treeSpan, width int, more string, c *color.Color) []treeSpan {
	room := width - iostreams.DisplayWidth(more)
	for i, sp := range spans {
		w := iostreams.DisplayWidth(sp.s)
		if w <= room {
			room -= w
			continue
		}
		spans[i].s = CutCells(sp.s, room)
		return append(spans[:i+1], treeSpan{c: c, s: more})
	}
	return spans
}

// CutCells is as much of s as takes at most width columns: s must be
// sanitized already.
func CutCells(s string, width int) string {
	for j, r := range s {
		rw := iostreams.RuneWidth(r)
		if rw > width {
			return s[:j]
		}
		width -= rw
	}
	return s
}
