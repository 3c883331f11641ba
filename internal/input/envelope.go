package input

import (
	"github.com/csmctl/csmctl/internal/jsonscan"
)

// Datadog hands events back wrapped:
//
//   - a log archive line (archive_*.json.gz in object storage):
//     {"_id", "date", "host", "service", "source", "status", "message",
//     "attributes": {…the event…}, "tags"}
//   - a Logs API v2 log: {"id", "type": "log", "attributes": {"attributes":
//     {…the event…}, "host", "service", "status", "tags", "timestamp", "message"}}
//   - a Logs API v2 page: {"data": [log, log, …], "links", "meta"}
//
// unwrap recognises these per record and replaces the record by the events
// inside, keeping the host and log id. A CSM event never has these keys at
// its top level, so the first key tells an envelope from an event without
// scanning the rest of the line: isEnvelopeKey tells whether a top-level
// key is one of an envelope's.
func isEnvelopeKey(key string) bool {
	switch key {
	case "_id", "id", "attributes", "data", "host", "service",
		"source", "status", "message", "tags", "type", "timestamp":
		return true
	}
	return false
}

// mayBeEnvelope looks at the first key of a record only.
func mayBeEnvelope(d []byte) bool {
	i := jsonscan.SkipSpace(d, 0)
	if i >= len(d) || d[i] != '{' {
		return false
	}
	i = jsonscan.SkipSpace(d, i+1)
	if i >= len(d) || d[i] != '"' {
		return false
	}
	end, escaped, err := jsonscan.String(d, i)
	if err != nil || escaped {
		return false
	}
	return isEnvelopeKey(string(d[i+1 : end-1]))
}

// unwrapAll replaces, in place or in a new slice, every envelope record of
// recs by the events it holds.
func unwrapAll(recs []Record) []Record {
	first := -1
	for i := range recs {
		if recs[i].Err == nil && mayBeEnvelope(recs[i].Data) {
			first = i
			break
		}
	}
	if first < 0 {
		return recs
	}
	out := make([]Record, first, len(recs)+8)
	copy(out, recs[:first])
	for _, r := range recs[first:] {
		if r.Err == nil && mayBeEnvelope(r.Data) {
			out = unwrap(out, r)
			continue
		}
		out = append(out, r)
	}
	return out
}

// member is a top-level member of an object: its key and value bounds.
type member struct {
	key        string
	start, end int
}

// members lists the members of the object at d[i], or false if it is not a
// well-formed object.
func members(d []byte, i int) ([]member, bool) {
	i = jsonscan.SkipSpace(d, i)
	if i >= len(d) || d[i] != '{' {
		return nil, false
	}
	var ms []member
	i = jsonscan.SkipSpace(d, i+1)
	if i < len(d) && d[i] == '}' {
		return ms, true
	}
	for {
		if i >= len(d) || d[i] != '"' {
			return nil, false
		}
		kend, escaped, err := jsonscan.String(d, i)
		if err != nil {
			return nil, false
		}
		key := string(d[i+1 : kend-1])
		if escaped {
			key = jsonscan.Unquote(d[i:kend])
		}
		vstart, err := jsonscan.Key(d, i)
		if err != nil {
			return nil, false
		}
		vstart = jsonscan.SkipSpace(d, vstart)
		vend, err := jsonscan.Skip(d, vstart, 1)
		if err != nil {
			return nil, false
		}
		ms = append(ms, member{key, vstart, vend})
		i = jsonscan.SkipSpace(d, vend)
		if i < len(d) && d[i] == ',' {
			i = jsonscan.SkipSpace(d, i+1)
			continue
		}
		if i < len(d) && d[i] == '}' {
			return ms, true
		}
		return nil, false
	}
}

// find returns the member named key; of repeated keys, the last, as jq.
func find(ms []member, key string) (member, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].key == key {
			return ms[i], true
		}
	}
	return member{}, false
}

// stringValue returns a member's value if it is a JSON string.
func stringValue(d []byte, m member, ok bool) string {
	if !ok || m.start >= len(d) || d[m.start] != '"' {
		return ""
	}
	return jsonscan.Unquote(d[m.start:m.end])
}

// unwrap appends the events inside envelope record r to out. A record that
// turns out not to be a well-formed envelope is appended as it is: the
// command reading it reports what is wrong.
func unwrap(out []Record, r Record) []Record {
	d := r.Data
	top, ok := members(d, 0)
	if !ok {
		return append(out, r)
	}
	if data, ok := find(top, "data"); ok && d[data.start] == '[' {
		return unwrapPage(out, r, data)
	}
	attrs, ok := find(top, "attributes")
	if !ok || d[attrs.start] != '{' {
		return append(out, r)
	}
	id, idOK := find(top, "_id")
	if !idOK {
		id, idOK = find(top, "id")
	}
	host, hostOK := find(top, "host")
	if _, archive := find(top, "_id"); !archive {
		// An API log: the event is attributes.attributes, host beside it.
		inner, ok := members(d, attrs.start)
		if ev, found := find(inner, "attributes"); ok && found && d[ev.start] == '{' {
			if !hostOK {
				host, hostOK = find(inner, "host")
			}
			return append(out, inside(r, ev, stringValue(d, host, hostOK), stringValue(d, id, idOK)))
		}
	}
	return append(out, inside(r, attrs, stringValue(d, host, hostOK), stringValue(d, id, idOK)))
}

// unwrapPage appends the events of every log in an API page's data array.
func unwrapPage(out []Record, r Record, data member) []Record {
	d := r.Data
	i := jsonscan.SkipSpace(d, data.start+1)
	for i < data.end && d[i] != ']' {
		end, err := jsonscan.Skip(d, i, 2)
		if err != nil {
			return append(out, r)
		}
		item := Record{File: r.File, Data: d[i:end]}
		item.Line, item.col = r.Position(i)
		item.col-- // Position's column is 1-based
		out = unwrap(out, item)
		i = jsonscan.SkipSpace(d, end)
		if i < data.end && d[i] == ',' {
			i = jsonscan.SkipSpace(d, i+1)
		}
	}
	return out
}

// inside makes the record of the event at m within envelope record r.
func inside(r Record, m member, host, id string) Record {
	ev := Record{File: r.File, Data: r.Data[m.start:m.end], Host: host, LogID: id, Envelope: r.Data}
	ev.Line, ev.col = r.Position(m.start)
	ev.col--
	return ev
}
