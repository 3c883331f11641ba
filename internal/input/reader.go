package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

// Options tune the reader.
type Options struct {
	// MaxRecord is the longest record accepted, in bytes (a line without its
	// newline, or an array element or multi-line value); longer ones are
	// reported as ErrTooLong and skipped. 0 means DefaultMaxRecord.
	MaxRecord int
	// BlockSize is the size of a batch's buffer; 0 means defaultBlockSize. Records
	// longer than a block get a bigger one.
	BlockSize int
	// ReportEmpty makes Next return an *Error that is ErrNoEvents for each
	// input that held no record, and each directory with no event file, so
	// that a command can say so.
	ReportEmpty bool
}

// DefaultMaxRecord is the default limit on one record: large enough for any
// real event, small enough that a hostile file cannot take the machine.
const DefaultMaxRecord = 256 << 20

// defaultBlockSize is how much input is read at once. Smaller blocks keep
// fewer bytes in flight (at most 2 × workers batches of a block each), and
// on a virtual machine every page first touched costs a fault: 256 KiB
// halves peak memory and page faults against 1 MiB at the same speed.
const defaultBlockSize = 256 << 10

// StdinName is how standard input is named in records and messages.
const StdinName = "<stdin>"

// MaxBatchRecords is the most records a batch holds. A batch's bytes are
// bounded too: they are one block's (Options.BlockSize, or one record).
const MaxBatchRecords = 4096

// Batch is a run of consecutive records that share one buffer. Batches let
// several workers process a file in parallel; Release returns the buffer.
type Batch struct {
	Records []Record
	block   *block
}

// Release gives the batch's buffer back for reuse. The records' Data must not
// be used afterwards.
func (b *Batch) Release() {
	if b.block != nil {
		b.block.release()
		b.block = nil
	}
}

// block is a buffer that input is read into, shared by the batches framed
// from it and the source framing it; the last to release it returns it to
// the pool, if it came from there.
type block struct {
	buf  []byte
	refs atomic.Int32
	pool *sync.Pool // nil for a block made bigger than the others
}

func (b *block) release() {
	if b.refs.Add(-1) == 0 && b.pool != nil {
		b.pool.Put(b)
	}
}

// newBlock returns a block of size bytes, referenced once. Blocks of the
// usual size come from the pool; bigger ones, for long records, are left to
// the garbage collector, so that one long record does not keep its memory.
func (r *Reader) newBlock(size int) *block {
	if size == r.opt.BlockSize {
		if b, _ := r.pool.Get().(*block); b != nil {
			b.refs.Store(1)
			return b
		}
	}
	b := &block{buf: make([]byte, size)}
	if size == r.opt.BlockSize {
		b.pool = &r.pool
	}
	b.refs.Store(1)
	return b
}

// Reader reads the records of a list of inputs, in order.
type Reader struct {
	inputs []entry // files to read in order, directories expanded
	stdin  io.Reader
	opt    Options

	cur     *source // the input being read, nil between inputs
	records int     // records of cur so far
	pending error   // an input's read error, reported after its last records
	next    int     // index in inputs of the next one to open
	pool    sync.Pool
	total   int64        // bytes of all inputs, 0 if unknown: see size
	done    atomic.Int64 // bytes read from them so far
}

// Open returns a reader for paths; no paths, or "-", mean stdin. A directory
// stands for the input files below it (see walkDir).
// Files are opened one at a time, when reached.
func Open(paths []string, stdin io.Reader, opt Options) *Reader {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	if opt.MaxRecord <= 0 {
		opt.MaxRecord = DefaultMaxRecord
	}
	if opt.BlockSize <= 0 {
		opt.BlockSize = defaultBlockSize
	}
	r := &Reader{stdin: stdin, opt: opt}
	for _, p := range paths {
		if p == "-" {
			r.inputs = append(r.inputs, entry{path: p})
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			files := walkDir(p)
			if len(files) == 0 && opt.ReportEmpty {
				files = []entry{{path: p, err: errNoFiles}}
			}
			r.inputs = append(r.inputs, files...)
		} else {
			r.inputs = append(r.inputs, entry{path: p})
		}
	}
	r.total = r.size()
	return r
}

// Split returns one reader for each input of r, in order: each file of a
// directory is one, standard input is one. A command that orders events
// across inputs (timeline) reads each as its own stream. Each reader opens
// its file when first read, as r would; r itself must not be read too.
func (r *Reader) Split() []*Reader {
	out := make([]*Reader, len(r.inputs))
	for i, e := range r.inputs {
		sub := &Reader{inputs: []entry{e}, stdin: r.stdin, opt: r.opt}
		sub.total = sub.size()
		out[i] = sub
	}
	return out
}

// size is the size of all the inputs in bytes, or 0 when one's is unknown
// (a pipe), as the bytes read could then not be measured against it.
func (r *Reader) size() int64 {
	var total int64
	for _, e := range r.inputs {
		if e.err != nil {
			continue
		}
		var fi os.FileInfo
		var err error
		if e.path == "-" {
			f, ok := r.stdin.(interface{ Stat() (os.FileInfo, error) })
			if !ok {
				return 0
			}
			fi, err = f.Stat()
		} else {
			fi, err = os.Stat(e.path)
		}
		switch {
		case err != nil:
			// Not read at all: reported when reached.
		case fi.Mode().IsRegular():
			total += fi.Size()
		case !fi.IsDir():
			return 0
		}
	}
	return total
}

// Progress reports how many bytes of the inputs have been read (compressed
// ones as they are on disk) and their total size (0 when unknown, as for a
// pipe).
func (r *Reader) Progress() (done, total int64) { return r.done.Load(), r.total }

// Next returns the next batch of records. It returns an *Error for an input
// that could not be opened or read (reading goes on with the next input on
// the following call), and io.EOF after the last input.
func (r *Reader) Next() (*Batch, error) {
	for {
		if r.pending != nil {
			err := r.pending
			r.pending = nil
			return nil, err
		}
		if r.cur == nil {
			if r.next >= len(r.inputs) {
				return nil, io.EOF
			}
			in := r.inputs[r.next]
			r.next++
			if in.err != nil {
				return nil, &Error{File: in.path, Err: unwrapPathError(in.err)}
			}
			src, err := r.openSource(in.path)
			if err != nil {
				return nil, err
			}
			r.cur, r.records = src, 0
		}
		b, err := r.cur.batch(r)
		r.records += len(b.Records)
		if err != nil {
			// Hand out the records read before the failure first.
			switch {
			case err != io.EOF:
				r.pending = &Error{File: r.cur.name, Err: err}
			case r.records == 0 && r.opt.ReportEmpty:
				r.pending = &Error{File: r.cur.name, Err: ErrNoEvents}
			}
			r.cur.close()
			r.cur = nil
		}
		if len(b.Records) > 0 {
			return b, nil
		}
		b.Release()
	}
}

// Each calls fn for every record of every input, in order, and stops at the
// first error fn returns. Input errors go to onErr (and reading goes on).
func (r *Reader) Each(fn func(*Record) error, onErr func(error)) error {
	for {
		b, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			onErr(err)
			continue
		}
		for i := range b.Records {
			if err := fn(&b.Records[i]); err != nil {
				b.Release()
				return err
			}
		}
		b.Release()
	}
}

// rawReader reads an input's bytes as they come from the file or pipe. It
// counts them for progress and for messages, and keeps the error reading
// them failed with, to tell the system's failures from bad data (a
// decompressor's errors).
type rawReader struct {
	r    io.Reader
	n    *atomic.Int64 // the reader's count over all inputs, for progress
	read int64         // bytes of this input read so far
	eof  bool
	err  error
}

func (c *rawReader) Read(p []byte) (int, error) {
	// The end is final: a terminal gives one EOF for each Ctrl-D, and asking
	// again after the first would wait for a second one.
	if c.eof {
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	c.n.Add(int64(n))
	if err == io.EOF {
		c.eof = true
	} else if err != nil {
		c.err = err
	}
	return n, err
}

// failed reports whether err is the error reading the raw bytes failed with.
func (c *rawReader) failed(err error) bool {
	return c.err != nil && errors.Is(err, c.err)
}

func (r *Reader) openSource(p string) (*source, error) {
	name := p
	raw := &rawReader{n: &r.done}
	var closer io.Closer
	if p == "-" {
		name = StdinName
		raw.r = r.stdin
	} else {
		fh, err := os.Open(p)
		if err != nil {
			return nil, &Error{File: p, Err: unwrapPathError(err)}
		}
		if fi, err := fh.Stat(); err == nil && fi.IsDir() {
			fh.Close()
			return nil, &Error{File: p, Err: fmt.Errorf("is a directory")}
		}
		raw.r, closer = fh, fh
	}
	br := bufio.NewReaderSize(raw, 64<<10)
	magic, _ := br.Peek(len(zstdMagic))
	src := &source{name: name, stdin: p == "-", max: r.opt.MaxRecord, raw: raw}
	if closer != nil {
		src.closers = append(src.closers, closer)
	}
	var decoded io.ReadCloser
	var err error
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		decoded, err = newGzipStream(br, raw)
	case bytes.HasPrefix(magic, zstdMagic):
		decoded, err = newZstdStream(br, raw)
	}
	if err != nil {
		src.close()
		return nil, &Error{File: name, Err: err}
	}
	if decoded != nil {
		src.closers = append(src.closers, decoded)
		// A small buffer, to look at the first decoded bytes; reads past
		// it go straight through.
		br = bufio.NewReaderSize(decoded, 512)
	}
	if err := checkEncoding(br); err != nil {
		src.close()
		return nil, &Error{File: name, Err: err}
	}
	src.r = br
	src.line = 1
	src.atStart = true
	return src, nil
}

// unwrapPathError drops the "open FILE:" prefix, as the file is named anyway.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
