package export

import "github.com/klauspost/compress/zstd"

// zstdCodec compresses Parquet pages with zstd, with encoders kept for
// the whole run and a window no larger than a page: a pool loses its
// encoders at each garbage collection, and a new one clears its 8 MiB
// history, which took a fifth of export's time.
type zstdCodec struct {
	encoders chan *zstd.Encoder // idle encoders
}

// zstdWindow is the most history an encoder keeps: a page is compressed
// on its own, and pages hold about 256 KiB before compression
// (parquet.DefaultPageBytes; smaller pages, 32 KiB, made the files 40%
// larger).
const zstdWindow = 256 << 10

func newZstdCodec() *zstdCodec { return &zstdCodec{encoders: make(chan *zstd.Encoder, 4)} }

// CompressionCodec is ZSTD's number in the Parquet format.
func (c *zstdCodec) CompressionCodec() int32 { return 6 }

func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	var e *zstd.Encoder
	select {
	case e = <-c.encoders:
	default:
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
	select {
	case c.encoders <- e:
	default:
	}
	return dst, nil
}
