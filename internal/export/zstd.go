package export

import (
	"sync"

	"github.com/klauspost/compress/zstd"
)

// zstdCodec compresses Parquet pages with zstd, with encoders kept for
// the whole run and a window no larger than a page: a pool loses its
// encoders at each garbage collection, and a new one clears its 8 MiB
// history, which took a fifth of export's time.
type zstdCodec struct {
	mu   sync.Mutex
	idle []*zstd.Encoder // at most maxIdleEncoders
}

// maxIdleEncoders is how many encoders a codec keeps between pages; one
// more, at a busy moment, is dropped after its page.
const maxIdleEncoders = 4

// zstdWindow is the most history an encoder keeps: a page is compressed
// on its own, and pages hold about 256 KiB before compression
// (parquet.DefaultPageBytes; smaller pages, 32 KiB, made the files 40%
// larger).
const zstdWindow = 256 << 10

// CompressionCodec is ZSTD's number in the Parquet format.
func (c *zstdCodec) CompressionCodec() int32 { return 6 }

func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	c.mu.Lock()
	var e *zstd.Encoder
	if n := len(c.idle); n > 0 {
		e, c.idle = c.idle[n-1], c.idle[:n-1]
	}
	c.mu.Unlock()
	if e == nil {
		var err error
		e, err = zstd.NewWriter(nil,
			zstd.WithEncoderConcurrency(1),
			zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithWindowSize(zstdWindow),
			zstd.WithZeroFrames(true),
			zstd.WithEncoderCRC(false),
		)
		if err != nil {
			return nil, err
		}
	}
	dst = e.EncodeAll(src, dst[:0])
	c.mu.Lock()
	if len(c.idle) < maxIdleEncoders {
		c.idle = append(c.idle, e)
	}
	c.mu.Unlock()
	return dst, nil
}
