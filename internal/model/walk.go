package model

import (
	"iter"
	"reflect"
	"strconv"
	"sync"
	"unsafe"

	"github.com/csmctl/csmctl/internal/memo"
)

// Object is a schema object of an event, Event or a value of one of the
// types of its $defs, seen through the model's reflective table, so that
// code can walk an event without naming its types.
type Object struct {
	v  reflect.Value // the struct, addressable
	of *objectFields
}

// ObjectOf returns the schema object p points to, or false when p is nil
// or not a pointer to a schema object type: a struct with an Extra field of
// type map[string]json.RawMessage.
func ObjectOf(p any) (Object, bool) {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return Object{}, false
	}
	of := eventObject.Get()
	if t := v.Type().Elem(); t != reflect.TypeFor[Event]() {
		of = cachedObjectFields(t)
	}
	if of == nil {
		return Object{}, false
	}
	return Object{v: v.Elem(), of: of.ready()}, true
}

// objectFieldsByType caches objectFieldsOf by type: each type is described
// once, wherever it is held (Process alone is held in a dozen places).
var objectFieldsByType sync.Map // reflect.Type → *objectFields

func cachedObjectFields(t reflect.Type) *objectFields {
	if t.Kind() != reflect.Struct {
		return nil // objectFieldsOf's answer, without a map entry for each string and slice type
	}
	if of, ok := objectFieldsByType.Load(t); ok {
		return of.(*objectFields)
	}
	of, _ := objectFieldsByType.LoadOrStore(t, objectFieldsOf(t))
	return of.(*objectFields)
}

// Properties yields the properties the model knows for the object, present
// or not, in the order the Go type declares them.
func (o Object) Properties() iter.Seq[Property] {
	return func(yield func(Property) bool) {
		for i := range o.of.fields {
			if !yield(o.property(&o.of.fields[i])) {
				return
			}
		}
	}
}

// Present yields the properties of the object that are present (see
// Property.IsZero), in the order Properties yields them. It is Properties
// with the absent ones left out, without the cost of looking at them
// through reflect: most properties of an object are absent.
func (o Object) Present() iter.Seq[Property] {
	return func(yield func(Property) bool) {
		base := unsafe.Pointer(o.v.UnsafeAddr())
		for i := range o.of.fields {
			f := &o.of.fields[i]
			if f.absent(unsafe.Add(base, f.offset)) {
				continue
			}
			if !yield(o.property(f)) {
				return
			}
		}
	}
}

func (o Object) property(f *objectField) Property {
	return Property{Key: f.key, object: o.v, f: f}
}

// Property is one property of a schema object that the model knows.
type Property struct {
	// Key is its JSON key.
	Key string
	// object is the struct that holds the property, addressable. The
	// field's own reflect.Value is made only when asked for: show looks
	// at many properties only to skip them, and making it cost more than
	// the rest of Present's walk.
	object reflect.Value
	f      *objectField
}

// field returns the property's field, addressable.
func (p Property) field() reflect.Value { return p.object.FieldByIndex(p.f.index) }

// Value returns the property's Go value: a string, bool, Int, Time,
// Variables or slice, or the pointer or slice holding schema objects.
func (p Property) Value() any { return p.field().Interface() }

// IsZero reports whether the property is absent, as encoding/json's
// omitempty and omitzero options see it: its type's IsZero method, or an
// empty slice or map, or reflect's zero value.
func (p Property) IsZero() bool {
	return p.f.absent(unsafe.Add(unsafe.Pointer(p.object.UnsafeAddr()), p.f.offset))
}

// HoldsObjects reports whether the property holds schema objects: one
// through a pointer (file), or a list of them (process.ancestors).
func (p Property) HoldsObjects() bool { return p.f.elem != nil }

// Objects yields the schema objects the property holds, each with its
// index in the list, or -1 for the one a pointer holds.
func (p Property) Objects() iter.Seq2[int, Object] {
	return func(yield func(int, Object) bool) {
		elem := p.f.elem
		if elem == nil {
			return
		}
		elem.ready()
		field := p.field()
		switch {
		case p.f.slice:
			for i := range field.Len() {
				if !yield(i, Object{v: field.Index(i), of: elem}) {
					return
				}
			}
		case !field.IsNil():
			yield(-1, Object{v: field.Elem(), of: elem})
		}
	}
}

// WalkVariables calls fn for each non-empty Variables property of every
// schema object of ev (evt.variables, process.parent.container.variables),
// with the JSON pointer of the property ("/process/variables"), depth
// first, in the order the Go types declare their fields, but for this: an
// object's own variables come before those of the objects it holds. Only
// objects the model's reflective table reaches are walked, so a new schema
// object type needs no code here. It stops when fn returns false, and
// reports whether fn did.
func WalkVariables(ev *Event, fn func(pointer string, vars Variables) bool) (stopped bool) {
	return walkObjects(ev, objectVisitor{variables: fn})
}

// objectVisitor is what a walk does at each object. It is a struct, not a
// func, so that the path stays on the stack: escape analysis cannot see
// what a func value does with it.
type objectVisitor struct {
	variables func(pointer string, vars Variables) bool
}

// visit calls the visitor's function for the object at p, of n's type,
// reached by path; it returns false when the function did.
func (v *objectVisitor) visit(n *objectNode, p unsafe.Pointer, path []pointerStep) bool {
	for _, f := range n.variables {
		vars := *(*Variables)(unsafe.Add(p, f.offset))
		if len(vars) > 0 && !v.variables(string(appendPointer(nil, append(path, pointerStep{f.key, -1}))), vars) {
			return false
		}
	}
	return true
}

// walkObjects visits every schema object of ev, depth first, until v
// returns false; it reports whether it did.
func walkObjects(ev *Event, v objectVisitor) (stopped bool) {
	if ev == nil {
		return false
	}
	var path [8]pointerStep // deep enough for every object of the schema
	return !eventNode.Get().walk(unsafe.Pointer(ev), path[:0], &v)
}

// objectNode is what the walk needs of a schema object type, taken from
// its objectFields once: where its Variables and its properties that hold
// schema objects are. show walks every event it prints, and through
// reflect.Value its walks cost it a tenth of its time, so it reads the
// fields at the offsets reflection gave instead;
// TestWalkVariablesMatchesObjects and FuzzWalkVariables hold it to a walk
// through Object. Like objectFields, a node is filled on first use.
type objectNode struct {
	t    reflect.Type
	of   *objectFields
	once sync.Once

	variables []nodeField
	children  []nodeField
}

// nodeField is a property at an offset: Variables, or a pointer to a schema
// object or a slice of them.
type nodeField struct {
	key    string
	offset uintptr
	list   bool
	size   uintptr // of one item of a list
	node   *objectNode
}

var variablesType = reflect.TypeFor[Variables]()

// eventNode is built on first use, as eventObject is.
var eventNode = memo.Value[*objectNode]{New: func() *objectNode {
	return objectNodeOf(reflect.TypeFor[Event](), eventObject.Get()).ready()
}}

// objectNodesByType holds each type's node, as objectFieldsByType does.
var objectNodesByType sync.Map // reflect.Type → *objectNode

// objectNodeOf returns the node of type t, described by of, to be filled
// by ready.
func objectNodeOf(t reflect.Type, of *objectFields) *objectNode {
	if n, ok := objectNodesByType.Load(t); ok {
		return n.(*objectNode)
	}
	n, _ := objectNodesByType.LoadOrStore(t, &objectNode{t: t, of: of})
	return n.(*objectNode)
}

// ready fills n, once, and returns it.
func (n *objectNode) ready() *objectNode {
	n.once.Do(n.fill)
	return n
}

func (n *objectNode) fill() {
	for _, f := range n.of.ready().fields {
		ft := n.t.FieldByIndex(f.index).Type
		switch {
		case ft == variablesType:
			n.variables = append(n.variables, nodeField{key: f.key, offset: f.offset})
		case f.elem != nil: // a pointer or a slice
			n.children = append(n.children, nodeField{
				key: f.key, offset: f.offset, list: f.slice,
				size: f.itemSize, node: objectNodeOf(ft.Elem(), f.elem),
			})
		}
	}
}

// offsetOf returns the offset in struct type t of the field at index, a
// path through embedded structs held by value.
func offsetOf(t reflect.Type, index []int) uintptr {
	var off uintptr
	for _, i := range index {
		f := t.Field(i)
		off += f.Offset
		t = f.Type
	}
	return off
}

// pointerStep is one step of the way from the event to an object: a key,
// and for a list the item's index.
type pointerStep struct {
	key   string
	index int // -1 for an object held through a pointer
}

// appendPointer appends the JSON pointer path leads to.
func appendPointer(b []byte, path []pointerStep) []byte {
	for _, s := range path {
		b = append(append(b, '/'), s.key...)
		if s.index >= 0 {
			b = strconv.AppendInt(append(b, '/'), int64(s.index), 10)
		}
	}
	return b
}

// walk visits the object at p, of n's type, reached by path, then the
// objects it holds; it returns false when visit did. path is built in
// place, so that walking objects builds no string.
func (n *objectNode) walk(p unsafe.Pointer, path []pointerStep, visit *objectVisitor) bool {
	n.ready()
	if !visit.visit(n, p, path) {
		return false
	}
	for i := range n.children {
		c := &n.children[i]
		field := unsafe.Add(p, c.offset)
		if !c.list {
			if elem := *(*unsafe.Pointer)(field); elem != nil && !c.node.walk(elem, append(path, pointerStep{c.key, -1}), visit) {
				return false
			}
			continue
		}
		items := *(*[]byte)(field) // any slice's data pointer and length
		for j := range len(items) {
			if !c.node.walk(unsafe.Add(unsafe.Pointer(unsafe.SliceData(items)), uintptr(j)*c.size), append(path, pointerStep{c.key, j}), visit) {
				return false
			}
		}
	}
	return true
}
