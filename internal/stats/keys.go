package stats

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/rfc3339"
)

// Key is one thing events are grouped by.
type Key uint8

// The keys of --by. Each reads the event as package record does (a
// differential test holds them equal): a string that is absent, empty or
// not a string is no value (null).
const (
	Rule      Key = iota // agent.rule_id
	Event                // evt.name
	Category             // evt.category
	Outcome              // evt.outcome
	OS                   // agent.os
	Host                 // the Datadog envelope's host
	Process              // process.executable.path
	User                 // process.user, else usr.name, else process.credentials.user
	Container            // container.id, else process.container.id
	Day                  // the UTC day of date: 2025-11-03
	Hour                 // the UTC hour of date: 2025-11-03T09:00:00Z
	numKeys
)

var keyNames = [numKeys]string{"rule", "event", "category", "outcome", "os", "host", "process", "user", "container", "day", "hour"}

// String is the key's name in --by and in the output.
func (k Key) String() string { return keyNames[k] }

// KeyNames lists the keys' names, in their order.
func KeyNames() []string { return keyNames[:] }

// ParseKeys reads --by's comma-separated list of key names. A key named
// twice is an error: it would be the same column twice.
func ParseKeys(s string) ([]Key, error) {
	if s == "" {
		return nil, nil
	}
	var keys []Key
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		k, ok := keyNamed(name)
		if !ok {
			return nil, fmt.Errorf("invalid --by key %q: want %s", name, strings.Join(keyNames[:], ", "))
		}
		for _, seen := range keys {
			if seen == k {
				return nil, fmt.Errorf("--by names %q twice", name)
			}
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func keyNamed(name string) (Key, bool) {
	for k, n := range keyNames {
		if n == name {
			return Key(k), true
		}
	}
	return 0, false
}

// fields is what the keys read of one event: the raw event and its host,
// and its date, parsed once.
type fields struct {
	raw  []byte
	host string
	// tops, when set, are where the members the keys start from are in
	// raw (topKeys; {-1, -1} for none), found as the event was delimited;
	// otherwise they are looked for.
	tops    *[len(topKeys)][2]int
	instant time.Time // UTC; zero when the date is absent or not valid
	dated   bool
}

// topKeys are the members of an event the keys start from.
var topKeys = [...]string{"agent", "evt", "date", "process", "usr", "container"}

// member is the value at path in the event, as jsonscan.Member finds it.
func (f *fields) member(path ...string) []byte {
	if f.tops == nil {
		return jsonscan.Member(f.raw, 0, path...)
	}
	for i, k := range topKeys {
		if k != path[0] {
			continue
		}
		b := f.tops[i]
		if b[0] < 0 {
			return nil
		}
		v := f.raw[b[0]:b[1]]
		if len(path) == 1 {
			return v
		}
		return jsonscan.Member(v, 0, path[1:]...)
	}
	return jsonscan.Member(f.raw, 0, path...)
}

// readDate sets f's instant from the event's date, as record.Date reads
// it: a string holding an RFC 3339 date-time, in UTC.
func (f *fields) readDate() {
	f.instant, f.dated = time.Time{}, false
	lit := f.member("date")
	if len(lit) < 2 || lit[0] != '"' {
		return
	}
	text := lit[1 : len(lit)-1]
	if bytes.IndexByte(text, '\\') >= 0 {
		text = []byte(jsonscan.Unquote(lit))
	}
	t, err := rfc3339.Parse(text)
	if err != nil {
		return
	}
	f.instant, f.dated = t.UTC(), true
}

// appendValue appends the key's value to dst, and reports whether there is
// one.
func (f *fields) appendValue(dst []byte, k Key) ([]byte, bool) {
	switch k {
	case Rule:
		return f.appendString(dst, "agent", "rule_id")
	case Event:
		return f.appendString(dst, "evt", "name")
	case Category:
		return f.appendString(dst, "evt", "category")
	case Outcome:
		return f.appendString(dst, "evt", "outcome")
	case OS:
		return f.appendString(dst, "agent", "os")
	case Host:
		return append(dst, f.host...), f.host != ""
	case Process:
		return f.appendString(dst, "process", "executable", "path")
	case User:
		return f.appendFirst(dst, []string{"process", "user"}, []string{"usr", "name"}, []string{"process", "credentials", "user"})
	case Container:
		return f.appendFirst(dst, []string{"container", "id"}, []string{"process", "container", "id"})
	case Day:
		if !f.dated {
			return dst, false
		}
		return f.instant.AppendFormat(dst, time.DateOnly), true
	case Hour:
		if !f.dated {
			return dst, false
		}
		return f.instant.Truncate(time.Hour).AppendFormat(dst, time.RFC3339), true
	}
	return dst, false
}

// appendFirst appends the first of the paths that holds a string that is
// not empty.
func (f *fields) appendFirst(dst []byte, paths ...[]string) ([]byte, bool) {
	for _, p := range paths {
		if out, ok := f.appendString(dst, p...); ok {
			return out, true
		}
	}
	return dst, false
}

// appendString appends the string at path, decoded as model.Decode decodes
// strings (escapes resolved, invalid UTF-8 replaced by U+FFFD), and
// reports whether it is a string that is not empty.
func (f *fields) appendString(dst []byte, path ...string) ([]byte, bool) {
	lit := f.member(path...)
	if len(lit) <= 2 || lit[0] != '"' {
		return dst, false
	}
	text := lit[1 : len(lit)-1]
	if bytes.IndexByte(text, '\\') < 0 && utf8.Valid(text) {
		return append(dst, text...), true
	}
	s := jsonscan.Unquote(lit)
	return append(dst, s...), s != ""
}
