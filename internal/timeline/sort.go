package timeline

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/csmctl/csmctl/internal/input"
)

// DefaultWindow is how many entries the sorter holds in memory by default: a few
// hundred bytes each, some 30 MiB. Archives are hourly files each nearly
// in order, which a window of this size sorts in one run per file.
const DefaultWindow = 1 << 16

// sorter orders entries by time with at most window of them in memory. Up
// to window entries are sorted in memory alone. Past it, it sorts by
// replacement selection: the earliest entry held goes out to a run on disk,
// and an entry earlier than the one that just went out waits for the next
// run. An input in order, or out of order by less than the window, makes
// one run; each further input that goes back in time makes one more
// (hourly archives of several hosts, read one after another, make one run
// per file at most). The runs, sorted each, are merged at the end.
//
// The runs are one file in $TMPDIR, removed from its directory as soon as
// it is made (input.TempFile), so that nothing is left behind however the
// run ends.
type sorter struct {
	window int
	held   itemHeap
	seq    uint64 // entries added so far: the input order

	// Once spilled:
	run     int     // the run being written
	last    sortKey // the entry written last
	file    *os.File
	cleanup func()
	w       *bufio.Writer
	written int64
	runs    []int64 // where each run ends in file
	buf     []byte
}

func newSorter(window int) *sorter {
	if window < 1 {
		window = 1
	}
	return &sorter{window: window}
}

// item is an entry held in memory: its key, the run it goes to, and its
// encoding.
type item struct {
	key  sortKey
	run  int
	data []byte
}

type itemHeap []item

func (h itemHeap) Len() int { return len(h) }
func (h itemHeap) Less(i, j int) bool {
	if h[i].run != h[j].run {
		return h[i].run < h[j].run
	}
	return h[i].key.less(h[j].key)
}
func (h itemHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *itemHeap) Push(x any)   { *h = append(*h, x.(item)) }
func (h *itemHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// add takes one entry, in input order.
func (s *sorter) add(e *Entry) error {
	k := e.key(s.seq)
	s.seq++
	return s.addKeyed(e, k)
}

// addKeyed takes one entry with its key: the merge numbers entries itself.
func (s *sorter) addKeyed(e *Entry, k sortKey) error {
	it := item{key: k, data: appendEntry(nil, e)}
	if len(s.held) >= s.window {
		out := heap.Pop(&s.held).(item)
		if err := s.spill(out); err != nil {
			return err
		}
	}
	if s.file != nil {
		it.run = s.run
		if it.key.less(s.last) {
			it.run++ // too late for the run being written
		}
	}
	heap.Push(&s.held, it)
	return nil
}

// spill writes the earliest entry held to its run.
func (s *sorter) spill(it item) error {
	if s.file == nil {
		f, cleanup, err := input.TempFile("csmctl-timeline-*")
		if err != nil {
			return fmt.Errorf("sorting the timeline: %w", err)
		}
		s.file, s.cleanup, s.w = f, cleanup, bufio.NewWriterSize(f, 256<<10)
	}
	if it.run > s.run {
		s.runs = append(s.runs, s.written)
		s.run = it.run
	}
	s.buf = appendSpilled(s.buf[:0], it)
	n, err := s.w.Write(s.buf)
	s.written += int64(n)
	if err != nil {
		return fmt.Errorf("sorting the timeline: %w", err)
	}
	s.last = it.key
	return nil
}

// appendSpilled appends an item as a run holds it: its length, its key,
// its encoding.
func appendSpilled(dst []byte, it item) []byte {
	var head [3*binary.MaxVarintLen64 + 1]byte
	h := head[:0]
	if it.key.undated {
		h = append(h, 1)
	} else {
		h = append(h, 0)
	}
	h = binary.AppendVarint(h, it.key.sec)
	h = binary.AppendUvarint(h, uint64(it.key.nsec))
	h = binary.AppendUvarint(h, it.key.seq)
	dst = binary.AppendUvarint(dst, uint64(len(h)+len(it.data)))
	return append(append(dst, h...), it.data...)
}

// readSpilled reads one item of a run; io.EOF at its end.
func readSpilled(r *bufio.Reader, buf []byte) (item, []byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return item{}, buf, err
	}
	if n > 1<<31 {
		return item{}, buf, errCorrupt
	}
	if cap(buf) < int(n) {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		return item{}, buf, errCorrupt
	}
	var it item
	if len(buf) == 0 {
		return it, buf, errCorrupt
	}
	it.key.undated = buf[0] == 1
	b := buf[1:]
	sec, w := binary.Varint(b)
	if w <= 0 {
		return it, buf, errCorrupt
	}
	b = b[w:]
	nsec, w := binary.Uvarint(b)
	if w <= 0 {
		return it, buf, errCorrupt
	}
	b = b[w:]
	seq, w := binary.Uvarint(b)
	if w <= 0 {
		return it, buf, errCorrupt
	}
	it.key.sec, it.key.nsec, it.key.seq = sec, int32(nsec), seq
	it.data = b[w:]
	return it, buf, nil
}

// Spilled reports whether entries went to disk.
func (s *sorter) spilled() bool { return s.file != nil }

// each calls fn on every entry added, in order, and stops at its first
// error.
func (s *sorter) each(fn func(*Entry) error) error {
	if s.file == nil {
		for len(s.held) > 0 {
			it := heap.Pop(&s.held).(item)
			if err := emit(it, fn); err != nil {
				return err
			}
		}
		return nil
	}
	for len(s.held) > 0 {
		if err := s.spill(heap.Pop(&s.held).(item)); err != nil {
			return err
		}
	}
	s.runs = append(s.runs, s.written)
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("sorting the timeline: %w", err)
	}
	return s.merge(fn)
}

func emit(it item, fn func(*Entry) error) error {
	e, err := decodeEntry(it.data, it.key)
	if err != nil {
		return err
	}
	return fn(&e)
}

// runReader reads one run back.
type runReader struct {
	r   *bufio.Reader
	cur item
	buf []byte
}

type runHeap []*runReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return h[i].cur.key.less(h[j].cur.key) }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	*h = old[:len(old)-1]
	return r
}

// runBuffer is each run's read buffer while they are merged.
const runBuffer = 32 << 10

// merge merges the runs, each in order, into one order.
func (s *sorter) merge(fn func(*Entry) error) error {
	var h runHeap
	start := int64(0)
	for _, end := range s.runs {
		rr := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(s.file, start, end-start), runBuffer)}
		start = end
		var err error
		rr.cur, rr.buf, err = readSpilled(rr.r, rr.buf)
		switch {
		case err == io.EOF:
			continue
		case err != nil:
			return fmt.Errorf("sorting the timeline: %w", err)
		}
		h = append(h, rr)
	}
	heap.Init(&h)
	for len(h) > 0 {
		rr := h[0]
		if err := emit(rr.cur, fn); err != nil {
			return err
		}
		var err error
		rr.cur, rr.buf, err = readSpilled(rr.r, rr.buf)
		switch {
		case err == io.EOF:
			heap.Pop(&h)
		case err != nil:
			return fmt.Errorf("sorting the timeline: %w", err)
		default:
			heap.Fix(&h, 0)
		}
	}
	return nil
}

// close removes the runs.
func (s *sorter) close() {
	if s.cleanup != nil {
		s.cleanup()
		s.cleanup = nil
	}
}
