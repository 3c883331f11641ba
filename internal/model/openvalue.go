package model

import (
	"reflect"
	"slices"
	"strconv"

	"github.com/csmctl/csmctl/internal/jsonscan"
)

// The schema leaves some values open: rule variables and rule actions hold
// any JSON. They decode as encoding/json decodes into any: objects as
// map[string]any (the last of repeated keys wins), arrays as []any,
// numbers as float64. A number beyond float64's range makes the whole
// value not fit, as it fails encoding/json.

// decodeVariables decodes an object of variables; null is a nil map.
func decodeVariables(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	vars := fv.Addr().Interface().(*Variables)
	v, end, fits, err := openValue(in, i, depth, '{')
	*vars, _ = v.(map[string]any)
	return end, fits, err
}

// decodeArrayOfAny decodes an array of any values; null is a nil slice.
func decodeArrayOfAny(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	items := fv.Addr().Interface().(*[]any)
	v, end, fits, err := openValue(in, i, depth, '[')
	*items, _ = v.([]any)
	return end, fits, err
}

// decodeStrings decodes an array of strings; null is a nil slice, a null
// item "". An item of another type makes the whole array not fit. The
// strings are read straight into the slice: through openValue, each was
// boxed into an interface first, and a Linux event's args and envs, in
// every ancestor, made that a sixth of show's time on Linux events.
// TestDecodeStringsMatchesOpenValue holds it to openValue.
func decodeStrings(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	items := fv.Addr().Interface().(*[]string)
	*items = nil
	b := in.b
	switch b[i] {
	case 'n':
		return null(b, i)
	case '[':
	default:
		return skipMismatch(b, i, depth)
	}
	if depth+1 > jsonscan.MaxDepth {
		return i, false, errMalformed
	}
	k := jsonscan.SkipSpace(b, i+1)
	if k < len(b) && b[k] == ']' {
		*items = []string{}
		return k + 1, true, nil
	}
	// The items are gathered on the stack and copied once, at their
	// number: appending to the field itself grew it again and again for
	// a long argv or environment.
	var room [32]string
	strs, fits := room[:0], true
	for more := true; more; {
		if k >= len(b) {
			return k, false, errMalformed
		}
		var err *jsonscan.SyntaxError
		switch b[k] {
		case '"':
			var s string
			k, s, err = scanString(in, k)
			strs = append(strs, s)
		case 'n':
			strs = append(strs, "") // as encoding/json leaves a string for null
			k, err = jsonscan.Literal(b, k)
		default: // the array does not fit: the rest is only checked
			fits = false
			k, err = jsonscan.Skip(b, k, depth+1)
		}
		if err == nil {
			k, more, err = jsonscan.AfterElement(b, k, ']')
		}
		if err != nil {
			return k, false, err
		}
	}
	if fits {
		*items = slices.Clone(strs)
	}
	return k, fits, nil
}

// decodeOpenObject decodes an object the schema leaves open (sysctl's
// proc); null is a nil map.
func decodeOpenObject(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	m := fv.Addr().Interface().(*map[string]any)
	v, end, fits, err := openValue(in, i, depth, '{')
	*m, _ = v.(map[string]any)
	return end, fits, err
}

// decodeStringLists decodes an object of arrays of strings (a user
// session's k8s_extra); null is a nil map. A value of another type makes
// the whole object not fit.
func decodeStringLists(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	m := fv.Addr().Interface().(*map[string][]string)
	*m = nil
	v, end, fits, err := openValue(in, i, depth, '{')
	object, _ := v.(map[string]any)
	if !fits || object == nil {
		return end, fits, err
	}
	lists := make(map[string][]string, len(object))
	for key, value := range object {
		items, ok := value.([]any)
		if !ok && value != nil {
			return end, false, nil
		}
		list := make([]string, len(items))
		for k, item := range items {
			if list[k], ok = item.(string); !ok {
				return end, false, nil
			}
		}
		lists[key] = list
	}
	*m = lists
	return end, true, nil
}

// decodeAny decodes a value the schema leaves untyped (credentials'
// destination): any JSON value fits.
func decodeAny(in *input, fv reflect.Value, i, depth int) (int, bool, *jsonscan.SyntaxError) {
	v, end, fits, err := openValue(in, i, depth, in.b[i])
	if v != nil {
		fv.Set(reflect.ValueOf(v))
	} else {
		fv.SetZero()
	}
	return end, fits, err
}

// openValue scans the value at b[i] and, if it is null or its first byte is
// open, decodes it as any. fits is false for a value of another JSON type,
// or one holding a number beyond float64's range; v is then nil.
func openValue(in *input, i, depth int, open byte) (v any, end int, fits bool, err *jsonscan.SyntaxError) {
	b := in.b
	end, err = jsonscan.Skip(b, i, depth)
	switch {
	case err != nil:
		return nil, end, false, err
	case b[i] == 'n':
		return nil, end, true, nil
	case b[i] != open:
		return nil, end, false, nil
	}
	if v, _, fits = anyValue(in, i); !fits {
		v = nil
	}
	return v, end, fits, nil
}

// anyValue decodes the valid JSON value at b[i] as encoding/json decodes
// into any. ok is false if a number in it is beyond float64's range.
func anyValue(in *input, i int) (v any, end int, ok bool) {
	d := jsonscan.AnyDecoder{
		String: func(_ []byte, i, end int, escaped bool) string {
			if escaped {
				return in.unquote(i, end)
			}
			return in.str(i+1, end-1)
		},
		Number: func(lit []byte) (any, bool) {
			f, err := strconv.ParseFloat(string(lit), 64)
			return f, err == nil
		},
	}
	return d.Decode(in.b, i)
}
