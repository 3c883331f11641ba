package stats

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"time"
)

// Value is a key's value in a group: Present is false for an event without
// one (null in JSON, empty in CSV).
type Value struct {
	Text    string
	Present bool
}

// Group is the events that share a value of each key, counted.
type Group struct {
	Values []Value // one per key, in --by's order
	Events int
	// Dated counts the group's events with a valid date; First and Last
	// are the instants, in UTC, of the earliest and latest of them, when
	// there are some (0001-01-01T00:00:00Z is a date like any other).
	Dated       int
	First, Last time.Time
}

// span is a count and the time range of the dated events counted.
type span struct {
	events, dated int
	first, last   time.Time // valid when dated > 0
}

func (s *span) add(f *fields) {
	s.events++
	if f.dated {
		s.addInstants(1, f.instant, f.instant)
	}
}

func (s *span) addInstants(n int, first, last time.Time) {
	if s.dated == 0 || first.Before(s.first) {
		s.first = first
	}
	if s.dated == 0 || last.After(s.last) {
		s.last = last
	}
	s.dated += n
}

func (s *span) merge(o *span) {
	s.events += o.events
	if o.dated > 0 {
		s.addInstants(o.dated, o.first, o.last)
	}
}

// table counts events by the values of its keys. Each group is found by
// its keys' values encoded in one string: for each key a byte, 0 for no
// value or 1, then the value's length and bytes.
type table struct {
	keys   []Key
	groups map[string]*span
	buf    []byte
}

func newTable(keys []Key) *table {
	return &table{keys: keys, groups: map[string]*span{}}
}

func (t *table) add(f *fields) {
	b := t.buf[:0]
	for _, k := range t.keys {
		mark := len(b)
		b = append(b, 0)
		b = binary.AppendUvarint(b, 0) // room for a short length
		start := len(b)
		var ok bool
		b, ok = f.appendValue(b, k)
		if !ok {
			b = b[:mark+1]
			continue
		}
		b[mark] = 1
		n := len(b) - start
		if n < 0x80 {
			b[start-1] = byte(n)
			continue
		}
		// A long value: its length takes more bytes; move it right.
		value := append([]byte(nil), b[start:]...)
		b = append(binary.AppendUvarint(b[:mark+1], uint64(n)), value...)
	}
	t.buf = b
	s := t.groups[string(b)]
	if s == nil {
		s = &span{}
		t.groups[string(b)] = s
	}
	s.add(f)
}

func (t *table) merge(o *table) {
	for k, os := range o.groups {
		s := t.groups[k]
		if s == nil {
			s = &span{}
			t.groups[k] = s
		}
		s.merge(os)
	}
}

// sorted returns the groups, most events first, then by their values in
// order (no value first, then by bytes).
func (t *table) sorted() []Group {
	groups := make([]Group, 0, len(t.groups))
	for k, s := range t.groups {
		groups = append(groups, Group{Values: decodeValues(k, len(t.keys)), Events: s.events, Dated: s.dated, First: s.first, Last: s.last})
	}
	slices.SortFunc(groups, func(a, b Group) int {
		if c := cmp.Compare(b.Events, a.Events); c != 0 {
			return c
		}
		for i := range a.Values {
			if c := compareValues(a.Values[i], b.Values[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return groups
}

func compareValues(a, b Value) int {
	if a.Present != b.Present {
		if !a.Present {
			return -1
		}
		return 1
	}
	return strings.Compare(a.Text, b.Text)
}

func decodeValues(k string, n int) []Value {
	values := make([]Value, n)
	b := []byte(k)
	for i := range values {
		present := b[0] == 1
		b = b[1:]
		if !present {
			continue
		}
		l, w := binary.Uvarint(b)
		b = b[w:]
		values[i] = Value{Text: string(b[:l]), Present: true}
		b = b[l:]
	}
	return values
}
