package model

import "github.com/csmctl/csmctl/internal/jsonscan"

// knownKeys reports whether every key of the JSON object starting at b[i],
// and of the schema objects nested in it, names a field of of, once: for a
// repeated key encoding/json would merge the two values where jq and the
// validator keep the last, so the slow path, which does, takes over. It is how
// Decode's fast path finds unknown properties without encoding/json's
// Decoder, which would copy the event into a buffer of its own. b must be
// valid JSON, and the value at b[i] an object or null. end is the index
// just past the value.
func knownKeys(b []byte, i int, of *objectFields) (end int, ok bool) {
	i = jsonscan.SkipSpace(b, i)
	if b[i] != '{' { // null
		end, err := jsonscan.Skip(b, i, 0)
		return end, err == nil
	}
	i = jsonscan.SkipSpace(b, i+1)
	if b[i] == '}' {
		return i + 1, true
	}
	var seen uint64 // fields met, by pos
	for {
		keyEnd, escaped, err := jsonscan.String(b, i)
		if err != nil {
			return i, false
		}
		name := string(b[i+1 : keyEnd-1]) // does not escape: no copy for short keys
		if escaped {
			name = jsonscan.Unquote(b[i:keyEnd])
		}
		f, known := of.lookup(name)
		if !known || f.pos >= 64 || seen&(1<<f.pos) != 0 {
			return i, false
		}
		seen |= 1 << f.pos
		if i, err = jsonscan.Key(b, i); err != nil {
			return i, false
		}
		switch {
		case f.elem != nil && !f.slice:
			i, ok = knownKeys(b, i, f.elem)
		case f.elem != nil:
			i, ok = knownKeysOfItems(b, i, f.elem)
		default:
			i, err = jsonscan.Skip(b, i, 0)
			ok = err == nil
		}
		if !ok {
			return i, false
		}
		i = jsonscan.SkipSpace(b, i)
		if b[i] == '}' {
			return i + 1, true
		}
		i = jsonscan.SkipSpace(b, i+1) // past ','
	}
}

// knownKeysOfItems is knownKeys for a JSON array of objects (or null).
func knownKeysOfItems(b []byte, i int, of *objectFields) (end int, ok bool) {
	i = jsonscan.SkipSpace(b, i)
	if b[i] != '[' { // null
		end, err := jsonscan.Skip(b, i, 0)
		return end, err == nil
	}
	i = jsonscan.SkipSpace(b, i+1)
	if b[i] == ']' {
		return i + 1, true
	}
	for {
		if i, ok = knownKeys(b, i, of); !ok {
			return i, false
		}
		i = jsonscan.SkipSpace(b, i)
		if b[i] == ']' {
			return i + 1, true
		}
		i++ // past ','
	}
}
