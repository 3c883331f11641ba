package export

// maxOpenFiles bounds the part files open at once: rows of a new
// partition past it complete the least recently used file, and a later row
// of that partition starts its next part (part-1, part-2, …). Archives
// come nearly in time order, so a file is rarely closed early.
const maxOpenFiles = 16

// rowGroupBytes is the event_json bytes after which a Parquet writer
// writes its row group out; maxBuffered, those of all the open writers
// together, past which the one holding most writes its row group. A row
// group is kept in memory until it is written, compressed; these bound
// memory whatever the input's size or spread over partitions.
const (
	rowGroupBytes = 32 << 20
	maxBuffered   = 96 << 20
)

// partitionWriter writes rows into the part files of their partitions.
type partitionWriter struct {
	dir       *outDir
	partition Partitioning
	open      map[int64]*openPart // by bucket; nullBucket for no date
	clock     int64               // counts writes, for least recently used
	rows      int64
	dirs      map[int64]string // directories of the buckets seen
}

// nullBucket is the bucket of rows with no valid date: no date's bucket,
// since dates are years 0000 to 9999.
const nullBucket = -1 << 62

// openPart is one part file being written and when it was last used.
type openPart struct {
	*partWriter
	used int64
}

func newPartitionWriter(dir *outDir, p Partitioning) *partitionWriter {
	return &partitionWriter{dir: dir, partition: p, open: map[int64]*openPart{}, dirs: map[int64]string{}}
}

// write writes rows, in order, each into its partition's file.
func (w *partitionWriter) write(rows []Row) error {
	for len(rows) > 0 {
		b := w.bucket(&rows[0])
		n := 1
		for n < len(rows) && w.bucket(&rows[n]) == b {
			n++
		}
		part, err := w.file(b)
		if err != nil {
			return err
		}
		if err := part.Write(rows[:n]); err != nil {
			return err
		}
		w.rows += int64(n)
		rows = rows[n:]
		if err := w.bound(part); err != nil {
			return err
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

// file returns the open file of bucket b, opening it (and closing the
// least recently used one if there are too many).
func (w *partitionWriter) file(b int64) (*openPart, error) {
	w.clock++
	if part := w.open[b]; part != nil {
		part.used = w.clock
		return part, nil
	}
	if len(w.open) >= maxOpenFiles {
		var lru int64
		var oldest *openPart
		for k, part := range w.open {
			if oldest == nil || part.used < oldest.used {
				lru, oldest = k, part
			}
		}
		delete(w.open, lru)
		if err := w.dir.commit(oldest.partWriter); err != nil {
			return nil, err
		}
	}
	dir, ok := w.dirs[b]
	if !ok {
		if b == nullBucket {
			dir = w.partition.nullDir()
		} else {
			dir = w.partition.dir(b)
		}
		w.dirs[b] = dir
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
	if part.Buffered() >= rowGroupBytes {
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
	if total > maxBuffered {
		return largest.Flush()
	}
	return nil
}

// close completes every open file.
func (w *partitionWriter) close() error {
	var first error
	for b, part := range w.open {
		delete(w.open, b)
		if err := w.dir.commit(part.partWriter); err != nil && first == nil {
			first = err
		}
	}
	return first
}
