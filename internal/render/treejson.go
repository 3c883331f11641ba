package render

import (
	"io"
	"strconv"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/model"
)

// WriteTreeJSON writes forests as one JSON array of their root processes,
// indented down to processes maxTreeIndent deep and compact below them,
// each process an object with its children nested:
//
//	{"pid", "ppid", "exec_time", "exit_time", "executable": {"path", "name"},
//	 "cmdline", "argv0", "args", "args_truncated", "comm", "tid", "user",
//	 "uid", "fork_time", "container_id", "ancestors_truncated",
//	 "events": [{"file", "line", "date", "rule_id", "evt", "path",
//	             "registry_key", "value_name", "exit_code"}],
//	 "children": [...]}
//
// "events" needs the hits kept (lineage.Builder.KeepHits). Absent values
// are left out. A root also has "host" when its forest has
// one. The edge that closes a cycle of parents is a child
// {"pid", "exec_time", "cycle": true} referring back to a process above.
// Strings are escaped for a terminal (escape.Terminal). Times are written as the
// event wrote them. A pid, ppid, tid, uid or exit code that is not an
// integer, or a fork_time that is not a date-time, is written as the event
// wrote it (a string, 1.5, null...), compacted, never as a value it did not
// hold. "argv0" and "args" are there when the Builder kept them
// (lineage.Builder.KeepArgs).
func WriteTreeJSON(w io.Writer, forests []*lineage.Forest) error {
	j := &treeJSON{w: w}
	j.open('[')
	for _, f := range forests {
		f.Walk(func(s lineage.Step) {
			switch {
			case s.BackRef:
				j.elem()
				j.open('{')
				j.process(s.Node, true)
				j.key("cycle")
				j.buf = append(j.buf, "true"...)
				j.close('}')
			case !s.Leave:
				j.elem()
				j.open('{')
				if s.Depth == 0 && f.Host != "" {
					j.str("host", f.Host)
				}
				j.process(s.Node, false)
				if len(s.Node.Children) > 0 {
					j.key("children")
					j.open('[')
				}
			default:
				if len(s.Node.Children) > 0 {
					j.close(']')
				}
				j.close('}')
			}
			if len(j.buf) >= 64<<10 {
				j.flush()
			}
		})
	}
	j.close(']')
	j.buf = append(j.buf, '\n')
	return j.flush()
}

// treeJSON writes indented JSON: it tracks, per open object or array,
// whether a member has been written yet.
type treeJSON struct {
	w     io.Writer
	buf   []byte
	empty []bool // per open container: nothing written in it yet
	err   error
}

func (j *treeJSON) open(c byte) {
	j.buf = append(j.buf, c)
	j.empty = append(j.empty, true)
}

func (j *treeJSON) close(c byte) {
	empty := j.empty[len(j.empty)-1]
	j.empty = j.empty[:len(j.empty)-1]
	if !empty {
		j.newline()
	}
	j.buf = append(j.buf, c)
}

// elem starts an array element or object member.
func (j *treeJSON) elem() {
	if top := len(j.empty) - 1; j.empty[top] {
		j.empty[top] = false
	} else {
		j.buf = append(j.buf, ',')
	}
	j.newline()
}

// maxJSONIndent is how many open objects and arrays are indented, those
// of a process maxTreeIndent deep: past it, JSON is written compact, as
// indentation growing with a chain 10 000 processes deep made output grow
// with the square of the input.
const maxJSONIndent = 2*maxTreeIndent + 2

func (j *treeJSON) newline() {
	if len(j.empty) > maxJSONIndent {
		return
	}
	j.buf = append(j.buf, '\n')
	for range j.empty {
		j.buf = append(j.buf, ' ', ' ')
	}
}

func (j *treeJSON) key(k string) {
	j.elem()
	j.buf = escape.AppendJSONString(j.buf, k, escape.Terminal)
	j.buf = append(j.buf, ':', ' ')
}

// str writes a string member, unless the value is empty.
func (j *treeJSON) str(k, v string) {
	if v != "" {
		j.key(k)
		j.buf = escape.AppendJSONString(j.buf, v, escape.Terminal)
	}
}

func (j *treeJSON) int(k string, v int64) {
	j.key(k)
	j.buf = strconv.AppendInt(j.buf, v, 10)
}

// intValue writes an integer field of an event, unless it is absent: an
// ill-typed one as it was written.
func (j *treeJSON) intValue(k string, v model.Int) {
	if v.Present() {
		j.key(k)
		j.buf = appendIntJSON(j.buf, v)
	}
}

// process writes a process's members; a back-reference gets only those
// that identify it.
func (j *treeJSON) process(n *lineage.Node, ref bool) {
	j.intValue("pid", n.Key.PID)
	if ref {
		j.str("exec_time", n.ExecTimeText())
		return
	}
	switch {
	case n.PPID.Present():
		j.intValue("ppid", n.PPID)
	case n.Parent != nil:
		j.intValue("ppid", n.Parent.Key.PID)
	}
	j.str("exec_time", n.ExecTimeText())
	j.str("exit_time", n.ExitTimeText())
	if n.Path != "" || n.Name != "" {
		j.key("executable")
		j.open('{')
		j.str("path", n.Path)
		j.str("name", n.Name)
		j.close('}')
	}
	j.str("cmdline", n.Cmdline)
	if l := n.Linux; l != nil {
		j.str("argv0", l.Argv0)
		if l.Args != nil {
			j.key("args")
			j.open('[')
			for _, a := range l.Args {
				j.elem()
				j.buf = escape.AppendJSONString(j.buf, a, escape.Terminal)
			}
			j.close(']')
		}
		if l.ArgsTruncated {
			j.key("args_truncated")
			j.buf = append(j.buf, "true"...)
		}
		j.str("comm", l.Comm)
		j.intValue("tid", l.TID)
	}
	j.str("user", n.User)
	if l := n.Linux; l != nil {
		j.intValue("uid", l.UID)
		switch {
		case l.ForkTime.Valid():
			j.str("fork_time", l.ForkTime.Written())
		case !l.ForkTime.IsZero():
			j.key("fork_time")
			j.buf = escape.AppendCompactJSON(j.buf, []byte(l.ForkTime.Raw()), escape.Terminal)
		}
	}
	j.str("container_id", n.ContainerID)
	if n.Truncated && n.Parent == nil {
		j.key("ancestors_truncated")
		j.buf = append(j.buf, "true"...)
	}
	if len(n.Hits) > 0 {
		j.key("events")
		j.open('[')
		for i := range n.Hits {
			j.hit(&n.Hits[i])
		}
		j.close(']')
	}
}

func (j *treeJSON) hit(h *lineage.Hit) {
	j.elem()
	j.open('{')
	j.str("file", h.File)
	j.int("line", int64(h.Line))
	if h.Date.Valid() {
		j.str("date", h.Date.Written())
	}
	j.str("rule_id", h.RuleID)
	j.str("evt", h.Evt)
	j.str("path", h.Path)
	j.str("registry_key", h.RegistryKey)
	j.str("value_name", h.RegistryValue)
	j.intValue("exit_code", h.ExitCode)
	j.close('}')
}

func (j *treeJSON) flush() error {
	if j.err == nil && len(j.buf) > 0 {
		_, j.err = j.w.Write(j.buf)
	}
	j.buf = j.buf[:0]
	return j.err
}
