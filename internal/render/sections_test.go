package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

var rawMapType = reflect.TypeFor[map[string]json.RawMessage]()

// keepsExtra reports whether t is a struct that keeps unknown properties.
func keepsExtra(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	f, ok := t.FieldByName("Extra")
	return ok && f.Type == rawMapType
}

// extraFiller builds, by reflection and independently of the model's own
// table, an event in which every struct that keeps unknown properties
// exists (lists with two items) and holds one in its Extra: "zz", whose
// value is the object's JSON pointer, worked out from the json tags.
type extraFiller struct {
	pointers []string // every "zz" planted, by pointer
}

func (f *extraFiller) object(v reflect.Value, at string) {
	v.FieldByName("Extra").Set(reflect.ValueOf(map[string]json.RawMessage{"zz": json.RawMessage(strconv.Quote(at))}))
	f.pointers = append(f.pointers, at+"/zz")
	f.fields(v, at)
}

func (f *extraFiller) fields(v reflect.Value, at string) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		fv := v.Field(i)
		switch {
		case !sf.IsExported() || key == "-":
		case sf.Anonymous && key == "" && sf.Type.Kind() == reflect.Struct:
			f.fields(fv, at) // promoted: the same JSON object
		case sf.Type.Kind() == reflect.Pointer && keepsExtra(sf.Type.Elem()):
			fv.Set(reflect.New(sf.Type.Elem()))
			f.object(fv.Elem(), at+"/"+key)
		case sf.Type.Kind() == reflect.Slice && keepsExtra(sf.Type.Elem()):
			fv.Set(reflect.MakeSlice(sf.Type, 2, 2))
			for j := range 2 {
				f.object(fv.Index(j), at+"/"+key+"/"+strconv.Itoa(j))
			}
		case keepsExtra(sf.Type):
			f.object(fv, at+"/"+key)
		}
	}
}

// sectionRows returns the rows of the section titled title in show's
// output for a pipe, each split into its cells.
func sectionRows(out, title string) [][]string {
	var rows [][]string
	in := false
	for line := range strings.Lines(out) {
		switch {
		case strings.HasPrefix(line, title):
			in = true
		case in && strings.HasPrefix(line, "  "):
			rows = append(rows, strings.Fields(line))
		default:
			in = false
		}
	}
	return rows
}

// Every object of every schema object type, at every depth, is searched
// for properties the schema does not know, and each shows up under other
// fields with its JSON pointer: the event is built from the Go types, so a
// type or a field added to the model is covered without editing this test.
func TestOtherFieldsReachEveryObject(t *testing.T) {
	var ev model.Event
	var f extraFiller
	f.object(reflect.ValueOf(&ev).Elem(), "")
	var buf bytes.Buffer
	ShowEvent(&buf, &ev, Source{File: "f", Line: 1}, ShowLayout{})
	var got []string
	for _, row := range sectionRows(buf.String(), "other fields") {
		if len(row) != 2 || row[1] != strconv.Quote(strings.TrimSuffix(row[0], "/zz")) {
			t.Errorf("row %q: want POINTER/zz and the pointer of its object, quoted", row)
		}
		got = append(got, row[0])
	}
	want := slices.Clone(f.pointers)
	if len(want) < 20 {
		t.Fatalf("the filler planted only %d properties", len(want))
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("other fields shows\n%s\nwant\n%s\nfull output:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), buf.String())
	}
}

// checkText fails t when got is not want, showing both.
func checkText(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// registryWithout returns a registry of every show section but the one
// named name.
func registryWithout(t *testing.T, name string) *sectionRegistry {
	t.Helper()
	r := new(sectionRegistry)
	for _, s := range showSections.sections {
		if s.name != name {
			r.register(s)
		}
	}
	if len(r.sections) != len(showSections.sections)-1 {
		t.Fatalf("no show section is named %q", name)
	}
	return r
}

// A top-level property no section shows is not lost: the generic section
// shows it from the model's table, its keys in the order the model declares
// them.
func TestGenericSectionShowsUncoveredProperty(t *testing.T) {
	ev, err := model.Decode([]byte(`{"registry":{"value_name":"evil","key_path":"HKLM\\Run","key_name":"Run","hive":"HKLM"}}`))
	if err != nil {
		t.Fatal(err)
	}
	r := registryWithout(t, "registry")
	if got := r.uncoveredProperties(); !slices.Equal(got, []string{"registry"}) {
		t.Errorf("uncovered %q, want registry alone", got)
	}
	var buf bytes.Buffer
	r.show(&buf, ev, Source{File: "f", Line: 1}, ShowLayout{})
	want := "f:1\n" +
		"registry\n" +
		"  key_name    Run\n" +
		"  key_path    HKLM\\Run\n" +
		"  value_name  evil\n" +
		"other fields (not in the schema, or of the wrong type)\n" +
		"  /registry/hive  \"HKLM\"\n" +
		"\n"
	checkText(t, buf.String(), want)
	// With every section, no property is left to the generic one.
	if got := showSections.uncoveredProperties(); len(got) != 0 {
		t.Errorf("properties no section shows: %q", got)
	}
}

// linuxOnlyProperties returns the top-level properties only the Linux
// schema defines, in the model's order.
func linuxOnlyProperties() []string {
	var keys []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[model.Event]()) {
		if f.Tag.Get("schema") == "linux" {
			key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			keys = append(keys, key)
		}
	}
	return keys
}

// fakeFamily stands for an event family the model might gain: a schema
// object type (it has an Extra) that no section knows.
type fakeFamily struct {
	Name   string          `json:"name,omitempty"`
	Count  model.Int       `json:"count,omitzero"`
	When   model.Time      `json:"when,omitzero"`
	Absent model.Int       `json:"absent,omitzero"`
	Flag   model.Bool      `json:"flag,omitzero"`
	Tags   []string        `json:"tags,omitempty"`
	Vars   model.Variables `json:"vars,omitempty"`
	Target *fakeTarget     `json:"target,omitempty"`
	Items  []fakeTarget    `json:"items,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

type fakeTarget struct {
	Path string    `json:"path,omitempty"`
	PID  model.Int `json:"pid,omitzero"`

	Extra map[string]json.RawMessage `json:"-"`
}

// The generic section flattens nested objects and lists with dotted keys,
// shows each value as the dedicated sections do (an ill-typed integer as
// written, never as a number), and leaves absent values out.
func TestGenericRowsFlattenObjects(t *testing.T) {
	f := &fakeFamily{
		Name:   "n",
		Count:  model.IllTypedInt(`"7"`),
		When:   model.Time{Time: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)},
		Flag:   model.BoolOf(true),
		Tags:   []string{"a", "b"},
		Vars:   model.Variables{"k": 1.5},
		Target: &fakeTarget{Path: "/x", PID: model.IntOf(5)},
		Items:  []fakeTarget{{Path: "a\x1b[2J"}, {PID: model.IntOf(0)}},
	}
	o, ok := model.ObjectOf(f)
	if !ok {
		t.Fatal("fakeFamily is not a schema object")
	}
	var buf bytes.Buffer
	tbl := NewTable(&buf, TableOptions{})
	for p := range o.Properties() {
		if !p.IsZero() {
			propertyRows(tbl, p.Key, p)
		}
	}
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
	want := "name          n\n" +
		"count         \"7\" (invalid)\n" +
		"when          2025-11-03T09:00:00Z\n" +
		"flag          true\n" +
		"tags          [\"a\",\"b\"]\n" +
		"vars          {\"k\":1.5}\n" +
		"target.path   /x\n" +
		"target.pid    5\n" +
		"items.0.path  a\\x1b[2J\n" +
		"items.1.pid   0\n"
	checkText(t, buf.String(), want)
}

// fillValue gives v, and everything it holds, a value: marker for text,
// one item for a list.
func fillValue(v reflect.Value, marker string) {
	switch v.Type() {
	case reflect.TypeFor[model.Int]():
		v.Set(reflect.ValueOf(model.IntOf(7)))
		return
	case reflect.TypeFor[model.Time]():
		v.Set(reflect.ValueOf(model.Time{Time: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(marker)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Interface:
		v.Set(reflect.ValueOf(marker))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillValue(v.Elem(), marker)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillValue(v.Index(0), marker)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		item := reflect.New(v.Type().Elem()).Elem()
		fillValue(item, marker)
		v.SetMapIndex(reflect.ValueOf("k"), item)
	case reflect.Struct:
		for i := range v.NumField() {
			if sf := v.Type().Field(i); sf.IsExported() && sf.Tag.Get("json") != "-" {
				fillValue(v.Field(i), marker)
			}
		}
	}
}

// Every top-level property of model.Event is shown by the header, by a
// section or by the generic section: an event that has nothing else shows
// something for it. And every property a section says it shows exists, so
// that a misspelt one cannot leave the real one to the generic section as
// well.
func TestEveryEventPropertyIsShown(t *testing.T) {
	show := func(ev *model.Event) string {
		var buf bytes.Buffer
		ShowEvent(&buf, ev, Source{File: "f", Line: 1}, ShowLayout{})
		return buf.String()
	}
	empty := show(&model.Event{})
	root, _ := model.ObjectOf(&model.Event{})
	var keys []string
	for p := range root.Properties() {
		keys = append(keys, p.Key)
	}
	evType := reflect.TypeFor[model.Event]()
	for i := range evType.NumField() {
		sf := evType.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if key == "-" {
			continue
		}
		if !slices.Contains(keys, key) {
			t.Errorf("model.Event.%s (%q) is not among the model's properties", sf.Name, key)
		}
		var ev model.Event
		fillValue(reflect.ValueOf(&ev).Elem().Field(i), "v-"+key)
		if got := show(&ev); got == empty {
			t.Errorf("an event with only %q shows nothing of it:\n%s", key, got)
		}
	}
	for _, s := range showSections.sections {
		for _, key := range s.shows {
			if !slices.Contains(keys, key) {
				t.Errorf("section %q shows %q, which model.Event does not have", s.name, key)
			}
		}
	}
	for _, key := range headerShows {
		if !slices.Contains(keys, key) {
			t.Errorf("the header shows %q, which model.Event does not have", key)
		}
	}
}

// Rule variables are shown wherever the schema allows them, the containers
// of the parent and of ancestors included, each under its context's dotted
// path, a context's own before those of the contexts it holds.
func TestVariablesOfEveryContext(t *testing.T) {
	ev, err := model.Decode([]byte(`{"evt":{"variables":{"e":"1"}},"container":{"variables":{"c":2}},
	 "process":{"container":{"variables":{"pc":true}},"variables":{"p":"x"},
	   "parent":{"container":{"variables":{"ppc":"y"}}},
	   "ancestors":[{"pid":1},{"container":{"variables":{"a1":[1]}}}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	ShowEvent(&buf, ev, Source{File: "f", Line: 1}, ShowLayout{})
	var got []string
	for _, row := range sectionRows(buf.String(), "variables") {
		got = append(got, strings.Join(row, " "))
	}
	want := []string{
		"evt.variables.e 1",
		"process.variables.p x",
		"process.container.variables.pc true",
		"process.parent.container.variables.ppc y",
		"process.ancestors.1.container.variables.a1 [1]",
		"container.variables.c 2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("variables\n%s\nwant\n%s\nfull output:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), buf.String())
	}
}

// Two sections cannot share a place in the order, or a name: which would
// come first would depend on the order Go runs the files' init functions.
func TestRegisterRejectsSharedOrderOrName(t *testing.T) {
	noop := showSection{has: func(*model.Event) bool { return false }, write: func(*eventView) {}}
	for _, second := range []showSection{{name: "b", order: 1}, {name: "a", order: 2}} {
		r := new(sectionRegistry)
		first := noop
		first.name, first.order = "a", 1
		r.register(&first)
		second.has, second.write = noop.has, noop.write
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("registering %q at %d after \"a\" at 1 did not panic", second.name, second.order)
				}
			}()
			r.register(&second)
		}()
	}
	// Sections are kept in order whatever order they register in.
	r := new(sectionRegistry)
	for _, order := range []int{300, 100, 200} {
		s := noop
		s.name, s.order = strconv.Itoa(order), order
		r.register(&s)
	}
	var got []string
	for _, s := range r.sections {
		got = append(got, s.name)
	}
	if want := []string{"100", "200", "300"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

func TestJoinNonEmpty(t *testing.T) {
	for _, tc := range []struct {
		parts  []string
		want   string
		allocs float64 // at most
	}{
		{nil, "", 0},
		{[]string{"", ""}, "", 0},
		{[]string{"", "a", ""}, "a", 0}, // one part is returned as it is
		{[]string{"a", "", "b", "c"}, "a, b, c", 1},
		{[]string{"", "", "b", "c"}, "b, c", 1},
	} {
		if got := joinNonEmpty(", ", tc.parts...); got != tc.want {
			t.Errorf("joinNonEmpty(%q) = %q, want %q", tc.parts, got, tc.want)
		}
		if n := testing.AllocsPerRun(100, func() { joinNonEmpty(", ", tc.parts...) }); n > tc.allocs {
			t.Errorf("joinNonEmpty(%q): %v allocations, want %v at most", tc.parts, n, tc.allocs)
		}
	}
}

func TestEventKind(t *testing.T) {
	for _, tc := range []struct {
		evt    model.EventContext
		want   string
		allocs float64 // at most
	}{
		{model.EventContext{}, "", 0},
		{model.EventContext{Name: "exec"}, "exec", 0},
		{model.EventContext{Name: "exec", Category: "process", Outcome: "success"}, "exec/process/success", 1},
		{model.EventContext{Category: "process", Async: model.BoolOf(true)}, "process async", 1},
		{model.EventContext{Name: "open", Outcome: "denied", Async: model.BoolOf(true)}, "open/denied async", 2},
	} {
		if got := eventKind(&tc.evt); got != tc.want {
			t.Errorf("eventKind(%+v) = %q, want %q", tc.evt, got, tc.want)
		}
		if n := testing.AllocsPerRun(100, func() { eventKind(&tc.evt) }); n > tc.allocs {
			t.Errorf("eventKind(%+v): %v allocations, want %v at most", tc.evt, n, tc.allocs)
		}
	}
}
