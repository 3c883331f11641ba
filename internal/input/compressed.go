package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"github.com/csmctl/csmctl/internal/zstd"
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// MaxZstdWindow is the largest zstd window accepted (zstd --long=29): a
// decoder holds a whole window in memory, so a file could otherwise claim
// gigabytes with a few bytes of header.
const MaxZstdWindow = 512 << 20

// gzipStream decompresses every gzip member of an input in turn, as gzip -d
// does, and tells a truncated stream and bytes after the last member apart
// from the end of the input.
type gzipStream struct {
	br  *bufio.Reader // the input; it is an io.ByteReader, so the decompressor never reads past a member
	raw *rawReader
	zr  *gzip.Reader
}

func newGzipStream(br *bufio.Reader, raw *rawReader) (*gzipStream, error) {
	g := &gzipStream{br: br, raw: raw}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, g.describe(err)
	}
	zr.Multistream(false)
	g.zr = zr
	return g, nil
}

func (g *gzipStream) Read(p []byte) (int, error) {
	for {
		n, err := g.zr.Read(p)
		if err != io.EOF {
			return n, g.describe(err)
		}
		if n > 0 {
			return n, nil // the member's end comes back on the next call
		}
		next, err := g.br.Peek(len(gzipMagic))
		switch {
		case len(next) == 0 && err == io.EOF:
			return 0, io.EOF
		case bytes.Equal(next, gzipMagic):
			if err := g.zr.Reset(g.br); err != nil {
				return 0, g.describe(err)
			}
			g.zr.Multistream(false)
		case err != nil && err != io.EOF:
			return 0, err
		default:
			return 0, fmt.Errorf("trailing garbage after gzip stream at byte %d", g.consumed())
		}
	}
}

func (g *gzipStream) Close() error {
	if g.zr == nil {
		return nil
	}
	return g.zr.Close()
}

// consumed is how many bytes of the input the decompressor has taken.
func (g *gzipStream) consumed() int64 { return g.raw.read - int64(g.br.Buffered()) }

// describe words a decompressor's error for the user.
func (g *gzipStream) describe(err error) error {
	if known, ok := g.raw.describe("gzip", err); ok {
		return known
	}
	return fmt.Errorf("corrupt gzip stream after %d bytes: %w", g.consumed(), err)
}

// zstdStream decompresses the zstd frames of an input.
type zstdStream struct {
	zd  *zstd.Reader
	raw *rawReader
}

func newZstdStream(br *bufio.Reader, raw *rawReader) (*zstdStream, error) {
	return &zstdStream{zd: zstd.NewReader(br, zstd.WithMaxWindow(MaxZstdWindow)), raw: raw}, nil
}

func (z *zstdStream) Read(p []byte) (int, error) {
	n, err := z.zd.Read(p)
	if err == io.EOF {
		return n, err
	}
	return n, z.describe(err)
}

func (z *zstdStream) Close() error { return z.zd.Close() }

func (z *zstdStream) describe(err error) error {
	if known, ok := z.raw.describe("zstd", err); ok {
		return known
	}
	var window *zstd.WindowError
	switch {
	case errors.Is(err, zstd.ErrNotZstd):
		return errors.New("trailing garbage after zstd stream")
	case errors.As(err, &window):
		return fmt.Errorf("zstd window of %s exceeds the %s limit", sizeName(window.Window), sizeName(MaxZstdWindow))
	}
	return fmt.Errorf("corrupt zstd stream: %w", err)
}

// describe words what the errors of every decompressor share: a failure to
// read the input itself is passed on as it is, an early end is a truncated
// stream. ok is false for the other errors.
func (c *rawReader) describe(format string, err error) (described error, ok bool) {
	switch {
	case err == nil || c.failed(err):
		return err, true
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("truncated %s stream after %d bytes", format, c.read), true
	}
	return nil, false
}

// sizeName writes a byte count in the largest binary unit that divides it.
func sizeName(n uint64) string {
	for _, u := range []struct {
		name  string
		bytes uint64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.bytes && n%u.bytes == 0 {
			return fmt.Sprintf("%d %s", n/u.bytes, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
