package timeline

import (
	"iter"

	"github.com/csmctl/csmctl/internal/record"
)

// DefaultStreamWindow is how many events each input holds to re-order them
// (a few hundred bytes each, some 3 MiB an input): an hourly archive is in
// order but for events a few seconds late, far fewer than this.
const DefaultStreamWindow = 1 << 13

// MaxStreams is the most inputs merged as streams at once, each holding an
// open file, its window and its read buffers (some 23 MiB of 2 KB events). A run
// over more inputs reads them one after another into the sorter instead
// (see Run): nothing is printed before the last is read, but one file is
// open at a time.
const MaxStreams = 32

// inputBits is how many low bits of an entry's sequence number count its
// place in its input; the bits above are the input's index, so that ties
// between inputs keep the order in which the inputs were named.
const inputBits = 40

// held is an entry in a window, with its sort key.
type held struct {
	key   sortKey
	entry Entry
}

// window is a min-heap of held entries: the earliest first.
type window []held

func (w *window) push(h held) {
	*w = append(*w, h)
	s := *w
	for i := len(s) - 1; i > 0; {
		parent := (i - 1) / 2
		if !s[i].key.less(s[parent].key) {
			break
		}
		s[i], s[parent] = s[parent], s[i]
		i = parent
	}
}

func (w *window) pop() held {
	s := *w
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s[last] = held{} // drop the strings it held
	s = s[:last]
	for i := 0; ; {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(s) && s[l].key.less(s[least].key) {
			least = l
		}
		if r < len(s) && s[r].key.less(s[least].key) {
			least = r
		}
		if least == i {
			break
		}
		s[i], s[least] = s[least], s[i]
		i = least
	}
	*w = s
	return top
}

// stream is one input's dated entries, re-ordered within a window.
type stream struct {
	index uint64
	next  func() (Entry, bool)
	stop  func()
	held  window
	seq   uint64 // entries pulled so far
	done  bool
}

// merger merges streams into one time order. An entry is printed once
// every stream holds a full window or has ended: no stream can then give
// an earlier one, unless its input is out of order by more than its
// window. Such a late entry, earlier than one already printed, and every
// entry without a valid date, goes to rest, printed after the merge.
type merger struct {
	size    int
	streams []*stream // the heap of streams by their earliest entry
	last    sortKey   // the entry printed last
	printed bool
	rest    *sorter
	late    int // entries that came too late for their place
	undated int
}

// fill pulls from s until its window is full or its input ends.
func (m *merger) fill(s *stream) error {
	for !s.done && len(s.held) < m.size {
		e, ok := s.next()
		if !ok {
			s.done = true
			s.stop()
			break
		}
		k := e.key(s.index<<inputBits | s.seq)
		s.seq++
		switch {
		case e.DateState != record.DateValid:
			m.undated++
		case m.printed && k.less(m.last):
			m.late++
		default:
			s.held.push(held{key: k, entry: e})
			continue
		}
		if err := m.rest.addKeyed(&e, k); err != nil {
			return err
		}
	}
	return nil
}

// run merges the streams of sources through print, then prints the
// entries kept for last (m.rest). It stops every source it started.
func (m *merger) run(sources []iter.Seq[Entry], print func(*Entry) error) error {
	all := make([]*stream, len(sources))
	for i, src := range sources {
		next, stop := iter.Pull(src)
		all[i] = &stream{index: uint64(i), next: next, stop: stop}
	}
	defer func() {
		for _, s := range all {
			s.stop()
		}
	}()
	for _, s := range all {
		if err := m.fill(s); err != nil {
			return err
		}
		if len(s.held) > 0 {
			m.streams = append(m.streams, s)
		}
	}
	h := streamHeap(m.streams)
	h.init()
	for len(h) > 0 {
		s := h[0]
		top := s.held.pop()
		m.last, m.printed = top.key, true
		if err := print(&top.entry); err != nil {
			return err
		}
		if err := m.fill(s); err != nil {
			return err
		}
		if len(s.held) == 0 {
			h.pop()
		} else {
			h.down(0)
		}
	}
	return m.rest.each(print)
}

// streamHeap orders streams by their earliest held entry.
type streamHeap []*stream

func (h streamHeap) less(i, j int) bool { return h[i].held[0].key.less(h[j].held[0].key) }

func (h streamHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h streamHeap) down(i int) {
	for {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h.less(l, least) {
			least = l
		}
		if r < len(h) && h.less(r, least) {
			least = r
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

func (h *streamHeap) pop() {
	s := *h
	last := len(s) - 1
	s[0] = s[last]
	s[last] = nil
	*h = s[:last]
	h.down(0)
}
