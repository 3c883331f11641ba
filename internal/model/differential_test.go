package model

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// sameAsReference reports how Decode and the reference decoder differ on
// data, or "" when they return the same Event, or fail alike: both with a
// syntax error, or both with ErrNotObject.
func sameAsReference(data []byte) string {
	got, err := Decode(data)
	want, wantErr := referenceDecode(data)
	switch {
	case (err == nil) != (wantErr == nil) || errors.Is(err, ErrNotObject) != errors.Is(wantErr, ErrNotObject):
		return fmt.Sprintf("error %v, reference error %v", err, wantErr)
	case err != nil:
		if se := new(jsonscan.SyntaxError); !errors.Is(err, ErrNotObject) && !errors.As(err, &se) {
			return fmt.Sprintf("error %T %v, want a *jsonscan.SyntaxError", err, err)
		}
	case !reflect.DeepEqual(got, want):
		return firstDifference("Event", reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem())
	}
	return ""
}

// firstDifference describes where a and b, two values of one type that
// reflect.DeepEqual finds different, first differ, for a failure message.
func firstDifference(path string, a, b reflect.Value) string {
	switch t := a.Type(); {
	case t == reflect.TypeFor[Int]() || t == reflect.TypeFor[Time]() || t == reflect.TypeFor[json.RawMessage]():
	case t.Kind() == reflect.Pointer && !a.IsNil() && !b.IsNil():
		return firstDifference(path, a.Elem(), b.Elem())
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			if fa, fb := a.Field(i), b.Field(i); t.Field(i).IsExported() && !reflect.DeepEqual(fa.Interface(), fb.Interface()) {
				return firstDifference(path+"."+t.Field(i).Name, fa, fb)
			}
		}
	case t.Kind() == reflect.Slice && a.Len() == b.Len() && a.IsNil() == b.IsNil():
		for i := range a.Len() {
			if !reflect.DeepEqual(a.Index(i).Interface(), b.Index(i).Interface()) {
				return firstDifference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
			}
		}
	case t.Kind() == reflect.Map && a.Len() == b.Len() && a.IsNil() == b.IsNil():
		for _, k := range a.MapKeys() {
			if va, vb := a.MapIndex(k), b.MapIndex(k); !vb.IsValid() || !reflect.DeepEqual(va.Interface(), vb.Interface()) {
				if !vb.IsValid() {
					return fmt.Sprintf("%s[%q]: %s, reference has none", path, k, describe(va))
				}
				return firstDifference(fmt.Sprintf("%s[%q]", path, k), va, vb)
			}
		}
	}
	return fmt.Sprintf("%s: %s, reference %s", path, describe(a), describe(b))
}

// describe shows a value for firstDifference: raw JSON as text, an Int in
// its state, a Time by its text and instant.
func describe(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case json.RawMessage:
		return fmt.Sprintf("raw %q (nil %v)", x, x == nil)
	case Int:
		return fmt.Sprintf("Int %q (present %v, ill-typed %v)", x.String(), x.Present(), x.IllTyped())
	case Time:
		return fmt.Sprintf("Time %q %v (valid %v)", x.Raw(), x.Time, x.Valid())
	}
	if v.Kind() == reflect.Map || v.Kind() == reflect.Slice {
		return fmt.Sprintf("%#v (nil %v)", v.Interface(), v.IsNil())
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// differentialInputs returns every line of the committed event files, each
// whole .json file, and every object and array nested in them, by name.
func differentialInputs(t *testing.T) map[string][]byte {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"testdata/*.ndjson", "../../testdata/*.ndjson", "../../testdata/hostile/*", "../../examples/*",
		"../../examples/timeline/*",
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d input files: %v", len(files), files)
	}
	inputs := map[string][]byte{}
	for _, name := range files {
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			continue // its files are matched on their own
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// A truncated archive still yields its first lines.
			data, _ = io.ReadAll(zr)
		}
		inputs[name] = data
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for line := 1; sc.Scan(); line++ {
			at := fmt.Sprintf("%s:%d", name, line)
			inputs[at] = bytes.Clone(sc.Bytes())
			for k, m := range members(sc.Bytes(), nil) {
				if c := sc.Bytes()[m.valStart]; c == '{' || c == '[' {
					inputs[fmt.Sprintf("%s member %d", at, k)] = sc.Bytes()[m.valStart:m.valEnd]
				}
			}
		}
	}
	return inputs
}

// TestDecodeDifferential checks Decode against the reference decoder on
// every committed event, broken, hostile and well-formed alike.
func TestDecodeDifferential(t *testing.T) {
	inputs := differentialInputs(t)
	failed := 0
	for name, data := range inputs {
		if diff := sameAsReference(data); diff != "" {
			t.Errorf("%s: %s", name, diff)
			if failed++; failed > 10 {
				t.Fatal("too many differences")
			}
		}
	}
	t.Logf("%d inputs", len(inputs))
}

// valueMutations replace a property's value: every JSON type, nulls,
// integers Int reads and ones it does not, a number beyond float64, valid
// and invalid timestamps, strings with escapes and invalid UTF-8.
var valueMutations = []string{
	`"x"`, `"123"`, `42`, `-1.5`, `1e3`, `1e999`, `9223372036854775808`, `true`, `false`, `null`,
	`{}`, `{"zz":1,"zz":[2]}`, `{"pid":"1"}`, `[]`, `[7]`, `[{}]`, `[null]`, `[{"pid":1},null]`, `["a",null]`, `[1e999]`,
	`"2025-11-03T09:00:00Z"`, `"2025-11-03T09:00:00\u005a"`, `"2025-13-45"`, `"a\u0000\ud800b\"\\"`, "\"\xff\xfe\"",
	` { "name" : "n" , "path" : "p" } `,
}

// mutations returns the one-change variants of the valid JSON event line:
// the first property of each name of each schema object type (not those
// inside unknown or open values, which are kept raw whatever they hold)
// with its value replaced (valueMutations), its key unknown, in upper
// case, escaped, or with invalid UTF-8, the property repeated with the same
// or another value before or after, or removed.
func mutations(line []byte) []string {
	s := string(line)
	var out []string
	type property struct {
		of   *objectFields
		name string
	}
	seen := map[property]bool{} // the ancestors repeat one process's properties
	for _, m := range members(line, eventObject.Get()) {
		if p := (property{m.of, string(line[m.keyStart:m.keyEnd])}); seen[p] {
			continue
		} else {
			seen[p] = true
		}
		key, value := s[m.keyStart:m.keyEnd], s[m.valStart:m.valEnd]
		before, after := s[:m.keyStart], s[m.valEnd:]
		replace := func(member string) { out = append(out, before+member+after) }
		for _, v := range valueMutations {
			replace(key + ":" + v)
		}
		name := key[1 : len(key)-1]
		replace(`"zz_` + name + `":` + value)
		replace(strings.ToUpper(key) + ":" + value)
		if name != "" && name[0] < 0x80 {
			replace(fmt.Sprintf(`"\u%04x%s":%s`, name[0], name[1:], value))
		}
		replace("\"" + name + "\xff\":" + value)
		replace(key + ":" + value + "," + key + ":" + value)
		replace(key + `:"x",` + key + ":" + value)
		replace(key + ":" + value + "," + key + `:{}`)
		replace(key + ":" + value + "," + key + `:null`)
		// Removed, with the comma that separated it.
		if rest := strings.TrimLeft(after, " \t"); strings.HasPrefix(rest, ",") {
			out = append(out, before+rest[1:])
		} else if trimmed := strings.TrimRight(before, " \t"); strings.HasSuffix(trimmed, ",") {
			out = append(out, trimmed[:len(trimmed)-1]+after)
		}
	}
	return out
}

// TestDecodeDifferentialMutations checks Decode against the reference
// decoder on one-change mutations of some events of every kind.
func TestDecodeDifferentialMutations(t *testing.T) {
	perFile := 1
	if testing.Short() {
		perFile = 0
	}
	var lines []string
	for _, name := range []string{
		"testdata/events.ndjson", "../../testdata/linux-events.ndjson", "../../examples/kinds.ndjson",
		"../../testdata/hostile/escapes.ndjson", "../../testdata/hostile/ill-typed-pids.ndjson",
	} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for line := range bytes.Lines(data) {
			if text := bytes.TrimSpace(line); n < perFile && len(text) > 0 && jsonscan.KindOf(text[0]) == jsonscan.KindObject {
				lines = append(lines, string(text))
				n++
			}
		}
	}
	lines = append(lines, execEvent, permissionEvent)
	count, failed := 0, 0
	for _, line := range lines {
		for _, m := range mutations([]byte(line)) {
			count++
			if diff := sameAsReference([]byte(m)); diff != "" {
				t.Errorf("%s\n%s", m, diff)
				if failed++; failed > 5 {
					t.Fatal("too many differences")
				}
			}
		}
	}
	t.Logf("%d mutations of %d events", count, len(lines))
	if count < 1000 {
		t.Errorf("only %d mutations", count)
	}
}

// FuzzDecodeDifferential checks Decode against the reference decoder on
// arbitrary input, decoded into the objects of an event given back:
//
//	go test ./internal/model -run '^$' -fuzz FuzzDecodeDifferential -fuzztime 60s
func FuzzDecodeDifferential(f *testing.F) {
	for _, s := range []string{
		execEvent, permissionEvent, offsetEvent,
		`{"title":42,"hostname":"h","process":{"pid":"1","ancestors":[{"pid":2,"user_sid":"x"},7]}}`,
		`{"title":"a","title":42,"process":{"pid":"1"},"process":{"pid":2,"parent":{}}}`,
		`{"evt":{"variables":{"a":[1,{"b":null}],"a":1e999},"matched_rules":[{"tags":["x",null]}]}}`,
		`{"agent":{"rule_actions":[{"k":[]},1.5,"s"]},"container":{"created_at":"2025-11-03T09:00:00\u005a"}}`,
		"{\"ti\\u0074le\":\"\xff\",\"\xff\":1}",
		`null`, `[]`, `{`, `{} x`, `{"a":}`, `{"process":{"ancestors":[{},]}}`,
	} {
		f.Add([]byte(s))
	}
	for _, line := range corpusLines(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Decoded into given-back objects (see Release) when the pool
		// keeps them, as show decodes: the result must not change.
		if ev, err := Decode([]byte(execEvent)); err == nil {
			Release(ev)
		}
		if diff := sameAsReference(data); diff != "" {
			t.Fatal(diff)
		}
	})
}

// member is where one object property is in a JSON text.
type member struct {
	keyStart, keyEnd, valStart, valEnd int
	of                                 *objectFields // of the object holding it, if a schema object
}

// members lists the properties of the valid JSON value b, outer ones last:
// those of every object in it if of is nil, else those of the schema
// objects in it, which b holds as an object of the type of describes. It
// returns nil if b is not valid.
func members(b []byte, of *objectFields) []member {
	if _, err := jsonscan.Skip(b, 0, 0); err != nil {
		return nil
	}
	everywhere := of == nil
	var out []member
	// walk returns the end of the value at b[i]; of describes it if it is
	// a schema object, items if it is an array of them.
	var walk func(i int, of, items *objectFields) int
	walk = func(i int, of, items *objectFields) int {
		i = jsonscan.SkipSpace(b, i)
		switch b[i] {
		case '{', '[':
			closing := byte('}')
			if b[i] == '[' {
				closing = ']'
			}
			object := b[i] == '{'
			i = jsonscan.SkipSpace(b, i+1)
			for b[i] != closing {
				if !object {
					i = walk(i, items, nil)
				} else {
					keyEnd, _, _ := jsonscan.String(b, i)
					valStart := jsonscan.SkipSpace(b, jsonscan.SkipSpace(b, keyEnd)+1)
					var valOf, valItems *objectFields
					if f := of.fieldOrNil(jsonscan.Unquote(b[i:keyEnd])); f != nil && f.slice {
						valItems = f.elem
					} else if f != nil {
						valOf = f.elem
					}
					valEnd := walk(valStart, valOf, valItems)
					if everywhere || of != nil {
						out = append(out, member{i, keyEnd, valStart, valEnd, of})
					}
					i = valEnd
				}
				if next, more, _ := jsonscan.AfterElement(b, i, closing); !more {
					return next
				} else {
					i = next
				}
			}
			return i + 1
		}
		end, _ := jsonscan.Skip(b, i, 0)
		return end
	}
	walk(0, of, nil)
	return out
}

// fieldOrNil is field for a schema object, nil outside one.
func (of *objectFields) fieldOrNil(key string) *objectField {
	if of == nil {
		return nil
	}
	return of.field(key)
}
