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

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Options tune the reader.
type Options struct {
	// MaxRecord is the longest record accepted, in bytes (a line without its
	// newline, or an array element or multi-line value); longer ones are
	// reported as ErrTooLong and skipped. 0 means DefaultMaxRecord.
	MaxRecord int
	// BlockSize is the size of a batch's buffer; 0 means 1 MiB. Records
	// longer than a block get a bigger one.
	BlockSize int
}

// DefaultMaxRecord is the default limit on one record: large enough for any
// real event, small enough that a hostile file cannot take the machine.
const DefaultMaxRecord = 256 << 20

const defaultBlockSize = 1 << 20

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
	pending error   // an input's read error, reported after its last records
	next    int     // index in inputs of the next one to open
	pool    sync.Pool
	total   int64        // bytes of all regular files, for progress
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
			r.inputs = append(r.inputs, walkDir(p)...)
		} else {
			r.inputs = append(r.inputs, entry{path: p})
		}
	}
	for _, e := range r.inputs {
		if fi, err := os.Stat(e.path); e.err == nil && err == nil && fi.Mode().IsRegular() {
			r.total += fi.Size()
		}
	}
	return r
}

// Progress reports how many bytes of the input files have been read and
// their total size (0 when unknown, as for stdin).
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
			r.cur = src
		}
		b, err := r.cur.batch(r)
		if err != nil {
			if err != io.EOF {
				// Hand out the records read before the failure first.
				r.pending = &Error{File: r.cur.name, Err: err, Data: !r.cur.raw.failed(err)}
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
// counts them for progress, and keeps the error reading them failed with, to
// tell the system's failures from bad data (a decompressor's errors).
type rawReader struct {
	r   io.Reader
	n   *atomic.Int64 // nil when not counted
	err error
}

func (c *rawReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil {
		c.n.Add(int64(n))
	}
	if err != nil && err != io.EOF {
		c.err = err
	}
	return n, err
}

// failed reports whether err is the error reading the raw bytes failed with.
func (c *rawReader) failed(err error) bool {
	return c.err != nil && errors.Is(err, c.err)
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

func (r *Reader) openSource(p string) (*source, error) {
	name := p
	raw := &rawReader{}
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
		raw.r, raw.n, closer = fh, &r.done, fh
	}
	br := bufio.NewReaderSize(raw, 64<<10)
	magic, _ := br.Peek(4)
	src := &source{name: name, stdin: p == "-", max: r.opt.MaxRecord, raw: raw}
	if closer != nil {
		src.closers = append(src.closers, closer)
	}
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			src.close()
			return nil, &Error{File: name, Err: fmt.Errorf("gzip: %w", err), Data: !raw.failed(err)}
		}
		src.closers = append(src.closers, zr)
		src.r = zr
	case bytes.HasPrefix(magic, zstdMagic):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<31))
		if err != nil {
			src.close()
			return nil, &Error{File: name, Err: fmt.Errorf("zstd: %w", err), Data: !raw.failed(err)}
		}
		src.closers = append(src.closers, zstdCloser{zr})
		src.r = zr
	default:
		src.r = br
	}
	src.line = 1
	src.atStart = true
	return src, nil
}

type zstdCloser struct{ d *zstd.Decoder }

func (z zstdCloser) Close() error { z.d.Close(); return nil }

// unwrapPathError drops the "open FILE:" prefix, as the file is named anyway.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
