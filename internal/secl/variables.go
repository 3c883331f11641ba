package secl

import (
	"math"
	"strings"
	"time"
)

// varDecl is what the compiler knows of a variable: the set actions of a
// policy declare them.
type varDecl struct {
	name  string // as referenced: "foo", or "process.foo" for one scoped to process
	scope string // "" for a global variable
	typ   Type
	array bool
}

// Variables hold the values of ${…} variables: global ones and those of a
// scope (process, container…), each value with its expiry when its set
// action has a TTL. Events must come in time order.
type Variables struct {
	slots map[string]*varSlot // "name" or "scope\x00key\x00name"
}

type varSlot struct {
	vals    []Value
	expires []int64 // per value, Unix nanoseconds; 0 never expires
}

// NewVariables returns an empty set of variables.
func NewVariables() *Variables { return &Variables{slots: map[string]*varSlot{}} }

// slotKey is the key of a variable's slot for an event, false when the
// event is outside every instance of the variable's scope.
func slotKey(ev Event, d varDecl) (string, bool) {
	if d.scope == "" {
		return d.name, true
	}
	k, ok := ev.ScopeKey(d.scope)
	if !ok {
		return "", false
	}
	return d.scope + "\x00" + k + "\x00" + d.name, true
}

// get returns the live values of a variable at time now, dropping the
// expired ones.
func (v *Variables) get(ev Event, d varDecl, now int64) []Value {
	if v == nil {
		return nil
	}
	k, ok := slotKey(ev, d)
	if !ok {
		return nil
	}
	s := v.slots[k]
	if s == nil {
		return nil
	}
	s.expire(now)
	if len(s.vals) == 0 {
		return nil
	}
	return s.vals
}

func (s *varSlot) expire(now int64) {
	j := 0
	for i := range s.vals {
		if s.expires[i] != 0 && s.expires[i] <= now {
			continue
		}
		s.vals[j], s.expires[j] = s.vals[i], s.expires[i]
		j++
	}
	s.vals, s.expires = s.vals[:j], s.expires[:j]
}

// set replaces the variable's values, or appends to them; size bounds an
// array (the oldest values go first), ttl makes the new values expire.
func (v *Variables) set(ev Event, d varDecl, vals []Value, appendTo bool, ttl time.Duration, size int, now int64) {
	k, ok := slotKey(ev, d)
	if !ok {
		return
	}
	s := v.slots[k]
	if s == nil {
		s = &varSlot{}
		v.slots[k] = s
	}
	var exp int64
	if ttl > 0 {
		exp = math.MaxInt64 // a TTL past what Unix nanoseconds hold
		if now < 0 || int64(ttl) < math.MaxInt64-now {
			exp = now + int64(ttl)
		}
	}
	if !appendTo {
		s.vals, s.expires = s.vals[:0], s.expires[:0]
	} else {
		s.expire(now)
	}
	for _, x := range vals {
		if appendTo && containsValue(s.vals, x) {
			// an array variable is a set: a value appended again gets
			// the new expiry
			for i := range s.vals {
				if s.vals[i] == x {
					s.expires[i] = exp
				}
			}
			continue
		}
		s.vals = append(s.vals, x)
		s.expires = append(s.expires, exp)
	}
	if size > 0 && len(s.vals) > size {
		drop := len(s.vals) - size
		s.vals = append(s.vals[:0], s.vals[drop:]...)
		s.expires = append(s.expires[:0], s.expires[drop:]...)
	}
}

func containsValue(vs []Value, x Value) bool {
	for _, v := range vs {
		if v == x {
			return true
		}
	}
	return false
}

// declName is how an expression names a variable set with a scope.
func declName(name, scope string) string {
	if scope == "" || strings.HasPrefix(name, scope+".") {
		return name
	}
	return scope + "." + name
}
