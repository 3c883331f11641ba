// Package render turns csmctl's results into what a person or a program
// reads: text lines, tables, JSON. Everything that comes from event data is
// untrusted and is written through package escape (escape.Text for text,
// escape.AppendJSONString and escape.AppendCompactJSON for JSON); only
// csmctl's own colour codes reach the terminal raw.
package render
