package parquet

import (
	"encoding/binary"
	"strings"
)

// Column takes the values of one leaf, row after row, and keeps its
// chunk of the current row group: the pages written so far, compressed,
// and the page being filled.
type Column struct {
	leaf Leaf
	w    *Writer

	// The page being filled: levels of each value (NULLs included), and
	// the values present, PLAIN encoded or as dictionary indexes.
	reps, defs []uint8
	plain      []byte
	indexes    []uint32
	values     int // levels taken, NULLs included

	// The chunk: its data pages, with their headers, and what the footer
	// says of them.
	pages        []byte
	chunkValues  int64
	uncompressed int64 // of the data pages, headers included
	dictPages    bool  // a data page is dictionary encoded
	plainPages   bool  // a data page is PLAIN
	stats        stats

	// The dictionary of the chunk, while the column is dictionary encoded.
	dictOn    bool
	dict      map[string]uint32
	dictVals  []string
	dictBytes int // PLAIN size of dictVals
}

// Leaf is the column's leaf of the schema.
func (c *Column) Leaf() Leaf { return c.leaf }

// Null takes a NULL (or an empty list) at levels rep and def, def below
// the leaf's MaxDef.
func (c *Column) Null(rep, def int) {
	c.levels(rep, def)
	c.stats.nulls++
}

// Int64 takes a value present at repetition level rep.
func (c *Column) Int64(rep int, v int64) {
	c.levels(rep, c.leaf.MaxDef)
	c.stats.int64(v)
	c.plain = binary.LittleEndian.AppendUint64(c.plain, uint64(v))
}

// String takes a value present at repetition level rep: its bytes as
// they are.
func (c *Column) String(rep int, v string) {
	c.levels(rep, c.leaf.MaxDef)
	c.stats.string(v)
	if c.dictOn {
		i, ok := c.dict[v]
		if !ok {
			i = uint32(len(c.dictVals))
			v = strings.Clone(v) // not to keep the row's memory alive
			c.dict[v] = i
			c.dictVals = append(c.dictVals, v)
			c.dictBytes += 4 + len(v)
		}
		c.indexes = append(c.indexes, i)
		if c.dictBytes > c.w.opts.DictionaryMaxBytes {
			c.fallBack()
		}
		return
	}
	c.plain = appendPlainString(c.plain, v)
}

func appendPlainString(dst []byte, v string) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(v)))
	return append(dst, v...)
}

func (c *Column) levels(rep, def int) {
	if c.leaf.MaxRep > 0 {
		c.reps = append(c.reps, uint8(rep))
	}
	if c.leaf.MaxDef > 0 {
		c.defs = append(c.defs, uint8(def))
	}
	c.values++
}

// fallBack stops dictionary encoding for the rest of the chunk, as its
// dictionary has grown too large: the page being filled becomes PLAIN.
// Pages written already keep the dictionary; if there are none, it is
// dropped.
func (c *Column) fallBack() {
	c.dictOn = false
	for _, i := range c.indexes {
		c.plain = appendPlainString(c.plain, c.dictVals[i])
	}
	c.indexes = c.indexes[:0]
	if !c.dictPages {
		c.resetDict()
	}
}

func (c *Column) resetDict() {
	clear(c.dict)
	clear(c.dictVals)
	c.dictVals, c.dictBytes = c.dictVals[:0], 0
}

// pageBytes is about what the page being filled will encode to.
func (c *Column) pageBytes() int {
	return len(c.plain) + 4*len(c.indexes) + len(c.defs)/4 + len(c.reps)/4
}

// Page and data page types, and encodings, of the format.
const (
	pageData       = 0
	pageDictionary = 2

	encodingPlain          = 0
	encodingRLE            = 3
	encodingRLEDictionary  = 8
	levelsLengthPrefixSize = 4
)

// endPage encodes, compresses and keeps the page being filled, a data
// page v1: repetition levels, definition levels (each RLE/bit-packed and
// prefixed with its length) and the values. Version 1 rather than 2:
// every reader reads it (v2 is still not parquet-mr's default), its levels
// are compressed with the values, and this writer needs none of what v2
// adds (pages that can be skipped without decompressing their levels).
func (c *Column) endPage() error {
	if c.values == 0 {
		return nil
	}
	w := c.w
	body := w.body[:0]
	if c.leaf.MaxRep > 0 {
		body = appendLevels(body, c.reps, c.leaf.MaxRep)
	}
	if c.leaf.MaxDef > 0 {
		body = appendLevels(body, c.defs, c.leaf.MaxDef)
	}
	encoding := int32(encodingPlain)
	if c.dictOn {
		encoding = encodingRLEDictionary
		width := max(bitWidth(len(c.dictVals)-1), 1) // 1 for an empty dictionary too
		body = append(body, byte(width))
		body = appendHybrid(body, c.indexes, width)
		c.dictPages = true
	} else {
		body = append(body, c.plain...)
		c.plainPages = true
	}
	w.body = body
	err := c.appendPage(&c.pages, body, pageData, func(t *thriftWriter) {
		t.structField(5) // DataPageHeader
		t.i32(1, int32(c.values))
		t.i32(2, encoding)
		t.i32(3, encodingRLE)
		t.i32(4, encodingRLE)
		t.end()
	})
	c.chunkValues += int64(c.values)
	c.reps, c.defs, c.plain, c.indexes, c.values = c.reps[:0], c.defs[:0], c.plain[:0], c.indexes[:0], 0
	return err
}

// appendLevels appends levels up to max, prefixed with their length.
func appendLevels(dst []byte, levels []uint8, max int) []byte {
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	dst = appendHybrid(dst, levels, bitWidth(max))
	binary.LittleEndian.PutUint32(dst[at:], uint32(len(dst)-at-levelsLengthPrefixSize))
	return dst
}

// appendPage compresses body and appends it to dst with its page header,
// of type typ, its sizes, and what header writes (the header of its type);
// it counts the page's uncompressed size.
func (c *Column) appendPage(dst *[]byte, body []byte, typ int32, header func(t *thriftWriter)) error {
	w := c.w
	compressed := body
	if w.opts.Codec != nil {
		var err error
		if w.packed, err = w.opts.Codec.Encode(w.packed[:0], body); err != nil {
			return err
		}
		compressed = w.packed
	}
	t := &w.thrift
	t.buf = t.buf[:0]
	t.begin()
	t.i32(1, typ)
	t.i32(2, int32(len(body)))
	t.i32(3, int32(len(compressed)))
	header(t)
	t.end()
	*dst = append(append(*dst, t.buf...), compressed...)
	c.uncompressed += int64(len(t.buf) + len(body))
	return nil
}
