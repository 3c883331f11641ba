package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// wideObjectType is a schema object type with more properties than a
// 64-bit mask has bits (the Linux schema's union of process properties
// comes close): string properties p0 to p69, then Extra.
func wideObjectType(n int) reflect.Type {
	var fields []reflect.StructField
	for i := range n {
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("P%d", i), Type: reflect.TypeFor[string](),
			Tag: reflect.StructTag(fmt.Sprintf(`json:"p%d,omitempty"`, i)),
		})
	}
	fields = append(fields, reflect.StructField{Name: "Extra", Type: rawMapType, Tag: `json:"-"`})
	return reflect.StructOf(fields)
}

// An object with more than 64 properties decodes as any other: every
// property into its field, the last of repeated keys winning, unknown and
// ill-typed ones into Extra, and without a slower path.
func TestDecodeWideObject(t *testing.T) {
	const n = 70
	typ := wideObjectType(n)
	of := objectFieldsOf(typ)
	var members []string
	for i := range n {
		members = append(members, fmt.Sprintf(`"p%d":"v%d"`, i, i))
	}
	members = append(members, `"p69":"last"`, `"p3":4`, `"zz":true`, `"p68":"v68"`)
	data := []byte("{" + strings.Join(members, ",") + "}")

	v := reflect.New(typ).Elem()
	end, err := of.decodeObject(&input{b: data}, v, 0, 0)
	if err != nil || end != len(data) {
		t.Fatalf("referenceObject = %d, %v; want %d, nil", end, err, len(data))
	}
	for i := range n {
		want := fmt.Sprintf("v%d", i)
		switch i {
		case 3:
			want = "" // its last value is ill-typed
		case 69:
			want = "last"
		}
		if got := v.Field(i).String(); got != want {
			t.Errorf("p%d = %q, want %q", i, got, want)
		}
	}
	wantExtra(t, "wide object", v.FieldByName("Extra").Interface().(map[string]json.RawMessage),
		map[string]string{"p3": "4", "zz": "true"})

	// The reference decoder agrees.
	ref := reflect.New(typ).Elem()
	if err := referenceObject(data, ref, of); err != nil || !reflect.DeepEqual(v.Interface(), ref.Interface()) {
		t.Errorf("reference decoder: %v\n%v\nwant\n%v", err, ref.Interface(), v.Interface())
	}

	// No slow path: the allocations are the values, the Extra map and its
	// two entries, give or take the map's growth.
	allocs := testing.AllocsPerRun(20, func() {
		_, _ = of.decodeObject(&input{b: data}, reflect.New(typ).Elem(), 0, 0)
	})
	if allocs > n+10 {
		t.Errorf("%v allocations to decode %d short strings", allocs, n+3)
	}
}

// An event with an ill-typed value costs a few allocations more than the
// clean one (the Extra map and its entry, the Int's text), not a second,
// slower decoding: that cost 1100 allocations against 86.
func TestDecodeIllTypedCostsLittle(t *testing.T) {
	clean := []byte(execEvent)
	illTyped := []byte(edit(execEvent, `"pid":42968`, `"pid":"42968"`))
	allocs := func(data []byte) float64 {
		return testing.AllocsPerRun(20, func() { _, _ = Decode(data) })
	}
	if c, i := allocs(clean), allocs(illTyped); i > c+12 {
		t.Errorf("%v allocations for the ill-typed event, %v for the clean one", i, c)
	}
}
