package timeline

import (
	"encoding/binary"
	"errors"
	"strings"
	"time"

	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

// Entry is one line of the timeline: the columns of an event's record.Row
// that the timeline prints.
type Entry struct {
	Instant   time.Time // UTC; zero unless DateState is record.DateValid
	DateState record.DateState
	Host      string
	OS        string
	Rule      string
	Event     string
	Outcome   string
	PID       model.Int
	Process   string // the executable's path
	User      string
	Detail    string
	File      string
	Line      int
	// Lead, printed first by a text printer with Style.Lead, is what the
	// line is about beyond the event (hunt's rule id).
	Lead string
	// Below, printed under the line by a text printer as it is, is more
	// about it (hunt's --explain), escaped already.
	Below string
	// Raw is the event's bytes, kept only when Options.Raw asks (hunt
	// evaluates its rules on them in time order).
	Raw []byte
}

// EntryOf returns the timeline's columns of r.
func EntryOf(r *record.Row) Entry {
	return Entry{
		Instant: r.Instant, DateState: r.DateState,
		Host: r.Host, OS: r.OS, Rule: r.RuleID, Event: r.Event, Outcome: r.Outcome,
		PID: r.PID, Process: r.ExecutablePath, User: r.User, Detail: r.Detail,
		File: r.SourceFile, Line: r.SourceLine,
	}
}

// compact gives e strings of its own, one allocation for all, so that an
// entry held in a window keeps its columns alive and not the whole decoded
// event its strings were cut from.
func (e *Entry) compact() {
	fields := [...]*string{&e.Host, &e.OS, &e.Rule, &e.Event, &e.Outcome, &e.Process, &e.User, &e.Detail, &e.File}
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range fields {
		b.WriteString(*f)
	}
	all, at := b.String(), 0
	for _, f := range fields {
		l := len(*f)
		*f = all[at : at+l]
		at += l
	}
	if e.PID.IllTyped() {
		e.PID = model.IllTypedInt(strings.Clone(e.PID.Raw()))
	}
}

// sortKey orders entries: by instant, the undated last, then in input
// order (seq).
type sortKey struct {
	undated bool
	sec     int64
	nsec    int32
	seq     uint64
}

func (k sortKey) less(o sortKey) bool {
	switch {
	case k.undated != o.undated:
		return !k.undated
	case k.sec != o.sec:
		return k.sec < o.sec
	case k.nsec != o.nsec:
		return k.nsec < o.nsec
	}
	return k.seq < o.seq
}

func (e *Entry) key(seq uint64) sortKey {
	if e.DateState != record.DateValid {
		return sortKey{undated: true, seq: seq}
	}
	return sortKey{sec: e.Instant.Unix(), nsec: int32(e.Instant.Nanosecond()), seq: seq}
}

// pid states, as encoded
const (
	pidAbsent byte = iota
	pidInteger
	pidIllTyped
)

// appendEntry appends e, encoded, to dst. The instant is kept in the sort
// key, which is encoded beside it.
func appendEntry(dst []byte, e *Entry) []byte {
	dst = append(dst, byte(e.DateState))
	for _, s := range [...]string{e.Host, e.OS, e.Rule, e.Event, e.Outcome, e.Process, e.User, e.Detail, e.File, e.Lead, string(e.Raw)} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	dst = binary.AppendUvarint(dst, uint64(e.Line))
	switch n, ok := e.PID.Int64(); {
	case ok:
		dst = binary.AppendVarint(append(dst, pidInteger), n)
	case e.PID.IllTyped():
		raw := e.PID.Raw()
		dst = binary.AppendUvarint(append(dst, pidIllTyped), uint64(len(raw)))
		dst = append(dst, raw...)
	default:
		dst = append(dst, pidAbsent)
	}
	return dst
}

var errCorrupt = errors.New("timeline: corrupt spilled entry")

// decodeEntry decodes what appendEntry wrote, the instant from k.
func decodeEntry(b []byte, k sortKey) (Entry, error) {
	var e Entry
	if len(b) == 0 {
		return e, errCorrupt
	}
	e.DateState = record.DateState(b[0])
	b = b[1:]
	if !k.undated {
		e.Instant = time.Unix(k.sec, int64(k.nsec)).UTC()
	}
	var raw string
	for _, s := range [...]*string{&e.Host, &e.OS, &e.Rule, &e.Event, &e.Outcome, &e.Process, &e.User, &e.Detail, &e.File, &e.Lead, &raw} {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return e, errCorrupt
		}
		*s = string(b[w : w+int(n)])
		b = b[w+int(n):]
	}
	if raw != "" {
		e.Raw = []byte(raw)
	}
	line, w := binary.Uvarint(b)
	if w <= 0 || len(b) == w {
		return e, errCorrupt
	}
	e.Line = int(line)
	b = b[w:]
	switch b[0] {
	case pidInteger:
		n, w := binary.Varint(b[1:])
		if w <= 0 {
			return e, errCorrupt
		}
		e.PID = model.IntOf(n)
	case pidIllTyped:
		n, w := binary.Uvarint(b[1:])
		if w <= 0 || uint64(len(b)-1-w) < n {
			return e, errCorrupt
		}
		e.PID = model.IllTypedInt(string(b[1+w : 1+w+int(n)]))
	}
	return e, nil
}
