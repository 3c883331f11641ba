package export

import (
	"sync"

	"github.com/csmctl/csmctl/internal/zstd"
)

// zstdCodec compresses Parquet pages with zstd, one frame per page, with
// encoders kept for the whole run: a pool loses its encoders at each
// garbage collection, and a new encoder allocates its hash table.
type zstdCodec struct {
	mu   sync.Mutex
	idle []*zstd.Encoder // at most maxIdleEncoders
}

// maxIdleEncoders is how many encoders a codec keeps between pages; one
// more, at a busy moment, is dropped after its page.
const maxIdleEncoders = 4

// CompressionCodec is ZSTD's number in the Parquet format.
func (c *zstdCodec) CompressionCodec() int32 { return 6 }

// Encode compresses a page into dst's storage.
func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	c.mu.Lock()
	var e *zstd.Encoder
	if n := len(c.idle); n > 0 {
		e, c.idle = c.idle[n-1], c.idle[:n-1]
	}
	c.mu.Unlock()
	if e == nil {
		e = new(zstd.Encoder)
	}
	dst = e.EncodeAll(src, dst[:0])
	c.mu.Lock()
	if len(c.idle) < maxIdleEncoders {
		c.idle = append(c.idle, e)
	}
	c.mu.Unlock()
	return dst, nil
}
