package record

import (
	"bytes"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

// Members are the parts of an event that a caller reads: DecodeMembers
// decodes them only.
type Members struct {
	Top     []string // members of the event
	Process []string // members of its process; none without "process" in Top
}

// DetailMembers are the members Detail reads.
var DetailMembers = Members{Top: detailMembers[:]}

// ColumnMembers are the members the timeline's columns read (date, os,
// rule, event, outcome, pid, process, user, detail) and the selectors
// (--rule, --event, --pid, --since, --until): not the process's ancestors,
// parent or command line, most of an event.
var ColumnMembers = Members{
	Top:     append([]string{"date", "agent", "evt", "usr", "process"}, detailMembers[:]...),
	Process: []string{"pid", "executable", "user", "credentials"},
}

// maxMembers is the most members a list names without an allocation to
// find them.
const maxMembers = 40

// DecodeMembers decodes the event whose JSON text is raw as model.Decode
// does, but only its members m names: those a caller reads are the same,
// the rest are left out. The members are copied into buf (scratch memory,
// returned for the next call) as an object of their own, the last of each
// name as the decoder would take it, and decoded from there.
func DecodeMembers(raw []byte, m Members, buf []byte) (*model.Event, []byte, error) {
	var stack [maxMembers][2]int // no allocation for the usual lists
	found := stack[:0]
	if len(m.Top) > maxMembers {
		found = make([][2]int, 0, len(m.Top))
	}
	found = found[:len(m.Top)]
	end, object, serr := jsonscan.Members(raw, 0, m.Top, found)
	switch {
	case serr != nil:
		return nil, buf, serr
	case !object:
		return nil, buf, model.ErrNotObject
	case len(bytes.TrimLeft(raw[end:], " \t\r\n")) > 0: // JSON's white space
		// Something after the object: the whole decoder says what.
		ev, err := model.Decode(raw)
		return ev, buf, err
	}
	buf = append(buf[:0], '{')
	for i, b := range found {
		if b[0] < 0 {
			continue
		}
		if len(buf) > 1 {
			buf = append(buf, ',')
		}
		buf = append(append(append(buf, '"'), m.Top[i]...), `":`...)
		value := raw[b[0]:b[1]]
		if m.Top[i] == "process" && len(m.Process) > 0 {
			buf = appendMembers(buf, value, m.Process)
			continue
		}
		buf = append(buf, value...)
	}
	buf = append(buf, '}')
	ev, err := model.Decode(buf)
	return ev, buf, err
}

// appendMembers appends the members keys of the object value, as an
// object; a value that is not an object as it is, for the decoder to
// judge.
func appendMembers(buf, value []byte, keys []string) []byte {
	var stack [maxMembers][2]int
	found := stack[:0]
	if len(keys) > maxMembers {
		found = make([][2]int, 0, len(keys))
	}
	found = found[:len(keys)]
	if _, object, serr := jsonscan.Members(value, 0, keys, found); serr != nil || !object {
		return append(buf, value...)
	}
	buf = append(buf, '{')
	first := true
	for i, b := range found {
		if b[0] < 0 {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(append(append(buf, '"'), keys[i]...), `":`...)
		buf = append(buf, value[b[0]:b[1]]...)
	}
	return append(buf, '}')
}
