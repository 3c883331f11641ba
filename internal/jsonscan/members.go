package jsonscan

import "fmt"

// Members scans the whole value at b[i] (after any whitespace), as Skip
// does, and returns the index just past it; when it is an object, it sets
// found[k] to the bounds of the value of its last member named keys[k]
// (by KeyIs, as Member matches), or to {-1, -1} when there is none, and
// reports that it is one. It reads the value once, where a Skip then a
// Member for each key would read it again for each (Member must look for
// a repeated key to the end of the object).
func Members(b []byte, i int, keys []string, found [][2]int) (end int, object bool, err *SyntaxError) {
	for k := range found {
		found[k] = [2]int{-1, -1}
	}
	i = SkipSpace(b, i)
	if i >= len(b) || b[i] != '{' {
		end, err = Skip(b, i, 0)
		return end, false, err
	}
	i = SkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, true, nil
	}
	for {
		kstart := i
		v, err := Key(b, i)
		if err != nil {
			return v, true, err
		}
		kend := v - 1 // the colon
		for kend > kstart && b[kend-1] != '"' {
			kend--
		}
		v = SkipSpace(b, v)
		vend, err := Skip(b, v, 1)
		if err != nil {
			return vend, true, err
		}
		for k, key := range keys {
			if keyLiteralIs(b[kstart:kend], key) {
				found[k] = [2]int{v, vend}
			}
		}
		i = SkipSpace(b, vend)
		switch {
		case i < len(b) && b[i] == ',':
			i = SkipSpace(b, i+1)
		case i < len(b) && b[i] == '}':
			return i + 1, true, nil
		case i >= len(b):
			return i, true, &SyntaxError{i, "unexpected end of input"}
		default:
			return i, true, &SyntaxError{i, fmt.Sprintf("invalid character %s after object value (expecting ',' or '}')", DescribeByte(b[i]))}
		}
	}
}

// keyLiteralIs is KeyIs for a key literal not yet known to have escapes.
func keyLiteralIs(lit []byte, key string) bool {
	if len(lit) == len(key)+2 && string(lit[1:len(lit)-1]) == key {
		return true
	}
	for _, c := range lit {
		if c == '\\' {
			return KeyIs(lit, true, key)
		}
	}
	return false
}
