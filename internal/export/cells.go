package export

import (
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/memo"
)

// cellKind is what a text format writes for one column of a row.
type cellKind uint8

const (
	cellNull   cellKind = iota
	cellString          // s
	cellInt             // n
	cellDate            // n, microseconds since the epoch, UTC
	cellJSON            // s, JSON text
)

// cell is one column's value, for the text formats (CSV, JSON lines).
type cell struct {
	kind cellKind
	s    string
	n    int64
}

// columns are the names of the columns, in the order every format writes
// them: Row's fields, named by their tags.
var columns = memo.Value[[]string]{New: func() []string {
	t := reflect.TypeFor[Row]()
	names := make([]string, t.NumField())
	for i := range names {
		names[i], _, _ = strings.Cut(t.Field(i).Tag.Get("parquet"), ",")
	}
	return names
}}

// cells appends r's values to dst, one for each of columns.
func (r *Row) cells(dst []cell) []cell {
	date := cell{}
	if r.Date != nil {
		date = cell{kind: cellDate, n: *r.Date}
	}
	str, num := stringCell, intCell
	return append(dst,
		date, str(r.DateText), str(r.Host), str(r.OS), str(r.RuleID), str(r.RuleVersion),
		str(r.Title), str(r.Event), str(r.Category), str(r.Outcome), num(r.PID), num(r.PPID),
		str(r.ExecutablePath), str(r.Cmdline), str(r.User), str(r.ContainerID),
		str(r.FilePath), str(r.FileDestinationPath), str(r.RegistryKeyPath),
		str(r.DNSQuestionName), str(r.NetworkDestinationIP), num(r.NetworkDestinationPort),
		num(r.ExitCode), cell{kind: cellJSON, s: string(appendAncestorsJSON(nil, r.Ancestors))},
		cell{kind: cellString, s: r.SourceFile}, cell{kind: cellInt, n: r.SourceLine},
		cell{kind: cellString, s: r.EventJSON},
	)
}

// appendAncestorsJSON appends the ancestors as a JSON array of objects
// with the Parquet struct's keys.
func appendAncestorsJSON(dst []byte, ancestors []Ancestor) []byte {
	dst = append(dst, '[')
	for i, a := range ancestors {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"pid":`...)
		dst = appendJSONCell(dst, intCell(a.PID))
		dst = append(dst, `,"executable_path":`...)
		dst = appendJSONCell(dst, stringCell(a.ExecutablePath))
		dst = append(dst, `,"cmdline":`...)
		dst = appendJSONCell(dst, stringCell(a.Cmdline))
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendJSONCell appends c as a JSON value: null, a string, a number, a
// date as an RFC 3339 string in UTC, or JSON text as it is.
func appendJSONCell(dst []byte, c cell) []byte {
	switch c.kind {
	case cellString:
		return escape.AppendJSONString(dst, c.s, escape.JQ)
	case cellInt:
		return strconv.AppendInt(dst, c.n, 10)
	case cellDate:
		return append(appendDate(append(dst, '"'), c.n), '"')
	case cellJSON:
		return append(dst, c.s...)
	}
	return append(dst, "null"...)
}

// appendDate appends the instant usec microseconds after the epoch in RFC
// 3339, UTC, with as many fractional digits as it needs.
func appendDate(dst []byte, usec int64) []byte {
	return time.UnixMicro(usec).UTC().AppendFormat(dst, time.RFC3339Nano)
}

func stringCell(s string) cell {
	if s == "" {
		return cell{}
	}
	return cell{kind: cellString, s: s}
}

func intCell(n *int64) cell {
	if n == nil {
		return cell{}
	}
	return cell{kind: cellInt, n: *n}
}
