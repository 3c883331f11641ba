package export

import (
	"maps"
	"slices"
)

// How rows wait, in memory, before they are written. Rows are gathered by
// partition and handed to a partition's file a chunk at a time; a file
// keeps its rows until it writes them out as a row group. Sizes are of the
// events as written (event_json): a row holds about twice that, its
// columns' strings and the event's text. Together they bound memory
// whatever the input's size or its spread over partitions.
const (
	// chunkBytes of rows of one partition go to its file at once.
	chunkBytes = 4 << 20
	// maxPending is the most rows wait for a chunk, in all partitions;
	// past it, the partition with most goes to its file.
	maxPending = 16 << 20
	// rowGroupBytes of rows make a file write a row group out; when the
	// open files hold more than maxBuffered together, the one holding most
	// writes its row group out.
	rowGroupBytes = 16 << 20
	maxBuffered   = 24 << 20
	// maxOpenFiles is the most part files open at once (each keeps page
	// buffers of 256 KiB for its columns): a partition whose file was
	// closed for another goes on in its next part (part-1, part-2, …).
	// Archives come nearly in time order, so a file is rarely closed
	// early; rows spread over many hours at once make more parts, each of
	// a chunk or more.
	maxOpenFiles = 8
)

// limits are the bounds above, as a writer uses them (tests lower them).
type limits struct {
	chunk, waitCap, rowGroup, bufferCap, openCap int
}

var defaultLimits = limits{chunkBytes, maxPending, rowGroupBytes, maxBuffered, maxOpenFiles}

// partitionWriter writes rows into the part files of their partitions.
type partitionWriter struct {
	limits
	dir       *outDir
	partition Partitioning
	pending   map[int64]*pendingRows // by bucket; nullBucket for no date
	waiting   int                    // bytes pending in all buckets
	open      map[int64]*openPart    // by bucket
	clock     int64                  // counts chunks written, for least recently used
	rows      int64
}

// nullBucket is the bucket of rows with no valid date: no date's bucket,
// since dates are years 0000 to 9999.
const nullBucket = -1 << 62

// pendingRows are rows of one partition waiting for a chunk.
type pendingRows struct {
	rows  []Row
	bytes int
}

// openPart is one part file being written and when it was last used.
type openPart struct {
	*partWriter
	used int64
}

func newPartitionWriter(dir *outDir, p Partitioning) *partitionWriter {
	return &partitionWriter{limits: defaultLimits, dir: dir, partition: p, pending: map[int64]*pendingRows{}, open: map[int64]*openPart{}}
}

// write takes rows, in order, each for its partition.
func (w *partitionWriter) write(rows []Row) error {
	for i := range rows {
		r := &rows[i]
		b := w.bucket(r)
		p := w.pending[b]
		if p == nil {
			p = &pendingRows{}
			w.pending[b] = p
		}
		p.rows = append(p.rows, *r)
		size := len(r.EventJSON) + rowOverhead
		p.bytes += size
		w.waiting += size
		w.rows++
		if p.bytes >= w.chunk {
			if err := w.flush(b); err != nil {
				return err
			}
		}
		if w.waiting > w.waitCap {
			if err := w.flush(w.largest()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *partitionWriter) bucket(r *Row) int64 {
	if r.Date == nil {
		if w.partition.unit == 0 {
			return 0 // one file for all
		}
		return nullBucket
	}
	return w.partition.bucket(*r.Date)
}

// largest is the bucket with most rows pending.
func (w *partitionWriter) largest() int64 {
	var most int64
	n := 0
	for b, p := range w.pending {
		if p.bytes > n {
			most, n = b, p.bytes
		}
	}
	return most
}

// flush hands the rows pending in bucket b to its file.
func (w *partitionWriter) flush(b int64) error {
	p := w.pending[b]
	w.waiting -= p.bytes
	part, err := w.file(b)
	if err != nil {
		return err
	}
	err = part.Write(p.rows)
	// The file has copied the rows: the slice is kept for the next ones,
	// cleared so as not to keep their strings alive.
	clear(p.rows)
	p.rows, p.bytes = p.rows[:0], 0
	if err != nil {
		return err
	}
	return w.bound(part)
}

// file returns the open file of bucket b, opening it (and closing the
// least recently used one if there are too many).
func (w *partitionWriter) file(b int64) (*openPart, error) {
	w.clock++
	if part := w.open[b]; part != nil {
		part.used = w.clock
		return part, nil
	}
	if len(w.open) >= w.openCap {
		var lru int64
		var oldest *openPart
		for k, part := range w.open {
			if oldest == nil || part.used < oldest.used {
				lru, oldest = k, part
			}
		}
		delete(w.open, lru)
		if p := w.pending[lru]; p != nil && p.bytes == 0 {
			delete(w.pending, lru) // and the room its slice kept
		}
		if err := w.dir.commit(oldest.partWriter); err != nil {
			return nil, err
		}
	}
	dir := w.partition.nullDir()
	if b != nullBucket {
		dir = w.partition.dir(b)
	}
	pw, err := w.dir.create(dir)
	if err != nil {
		return nil, err
	}
	part := &openPart{partWriter: pw, used: w.clock}
	w.open[b] = part
	return part, nil
}

// bound writes out part's row group when it is large, or the largest one
// when the open files hold too much together.
func (w *partitionWriter) bound(part *openPart) error {
	if part.Buffered() >= w.rowGroup {
		return part.Flush()
	}
	total := 0
	var largest *openPart
	for _, p := range w.open {
		n := p.Buffered()
		total += n
		if largest == nil || n > largest.Buffered() {
			largest = p
		}
	}
	if total > w.bufferCap {
		return largest.Flush()
	}
	return nil
}

// close writes the rows still pending, in date order, and completes every
// open file.
func (w *partitionWriter) close() error {
	for _, b := range slices.Sorted(maps.Keys(w.pending)) {
		// A partition may have gone since the keys were taken: its file
		// closed for another's, with no row waiting.
		if p := w.pending[b]; p == nil || p.bytes == 0 {
			continue
		}
		if err := w.flush(b); err != nil {
			return err
		}
	}
	var first error
	for _, b := range slices.Sorted(maps.Keys(w.open)) {
		if err := w.dir.commit(w.open[b].partWriter); err != nil && first == nil {
			first = err
		}
		delete(w.open, b)
	}
	return first
}
