package model

import (
	"reflect"
	"unsafe"
)

// Release gives the objects e points to back to the decoder, which fills
// them again for the events decoded after, and empties e. It is for a
// reader that is done with an event and everything in it, before the
// next is decoded: show prints an event and forgets it. Decoding into
// given-back objects instead of new ones spares the allocation and the
// garbage collector's work for most of an event's memory.
//
// Nothing may use e's objects after Release: they will hold another
// event. An object must be given back once, and only one that Decode or
// DecodeValue made; an Event that holds objects of its own (a test's
// literal) must not be released.
func Release(e *Event) {
	if e == nil {
		return
	}
	eventObject.Get().release(reflect.ValueOf(e).Elem())
	*e = Event{}
}

// release gives back the objects v, a value of the type of describes,
// points to, through its pointers to objects and its lists of them.
func (of *objectFields) release(v reflect.Value) {
	of.ready()
	base := unsafe.Pointer(v.UnsafeAddr())
	for _, f := range of.holders {
		// Most holders are nil (an event has one family's objects): read
		// in place, without a reflect.Value for each (a holder's zero test
		// is its nil test).
		if f.zero(unsafe.Add(base, f.offset)) {
			continue
		}
		fv := v.FieldByIndex(f.index)
		if f.slice {
			for i := range fv.Len() {
				f.elem.release(fv.Index(i))
			}
			if fv.Cap() <= maxSpareList {
				f.elem.spareLists.Put(fv.Interface())
			}
			continue
		}
		f.elem.release(fv.Elem())
		f.elem.spare.Put(fv.Interface())
	}
}

// maxSpareList is the longest list of objects Release gives back: a
// hostile event's 10 000 ancestors are not worth keeping.
const maxSpareList = 256

// list returns an empty list of slice type t, whose items of describes:
// one given back by Release if there is one, else a new one with room
// for a few items. The decoder zeroes each item it appends.
func (of *objectFields) list(t reflect.Type) reflect.Value {
	if l := of.spareLists.Get(); l != nil {
		return reflect.ValueOf(l).Slice(0, 0)
	}
	return reflect.MakeSlice(t, 0, 4)
}

// object returns a pointer to a zero value of t, the type of describes:
// one given back by Release if there is one, else a new one.
func (of *objectFields) object(t reflect.Type) reflect.Value {
	if p := of.spare.Get(); p != nil {
		v := reflect.ValueOf(p)
		v.Elem().SetZero()
		return v
	}
	return reflect.New(t)
}
