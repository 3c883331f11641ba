package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestOtherFields(t *testing.T) {
	type field struct{ pointer, raw string }
	for _, tc := range []struct {
		name     string
		in       string
		platform Platform
		want     []field
	}{
		{"clean windows event", `{"agent":{"rule_id":"r"},"process":{"pid":1,"cmdline":"a"}}`, Windows, nil},
		{"clean linux event", `{"agent":{"rule_id":"r"},"process":{"pid":1,"tid":1,"uid":0,"gid":0}}`, Linux, nil},
		{"linux fields judged by windows",
			`{"process":{"pid":1,"tid":2,"credentials":{"uid":0,"bogus":1}},"network":{"size":3}}`, Windows,
			[]field{{"/process/tid", `2`}, {"/process/credentials", `{"uid":0,"bogus":1}`}, {"/network", `{"size":3}`}}},
		{"the same judged by linux",
			`{"process":{"pid":1,"tid":2,"credentials":{"uid":0,"bogus":1}},"network":{"size":3}}`, Linux,
			[]field{{"/process/credentials/bogus", `1`}}},
		{"windows fields judged by linux",
			`{"process":{"cmdline":"a b","executable":{"device_path":"\\Device\\X"}},"registry":{"key_name":"k"}}`, Linux,
			[]field{{"/process/executable/device_path", `"\\Device\\X"`}, {"/process/cmdline", `"a b"`}, {"/registry", `{"key_name":"k"}`}}},
		{"ill-typed linux fields judged by linux",
			`{"process":{"pid":1,"tid":"x","comm":"bash","credentials":{"uid":"root","gid":0}}}`, Linux,
			[]field{{"/process/tid", `"x"`}, {"/process/credentials/uid", `"root"`}}},
		{"an ill-typed foreign field is listed once, as written",
			`{"process":{"tid":"x"}}`, Windows, []field{{"/process/tid", `"x"`}}},
		{"an ill-typed field inside a foreign object",
			`{"dns":{"id":"7","is_query":true}}`, Windows, []field{{"/dns", `{"is_query":true,"id":"7"}`}}},
		{"unknown properties, in ancestors too",
			`{"hostname":"h","process":{"ancestors":[{"pid":1},{"pid":2,"user_sid":"S"}]}}`, Windows,
			[]field{{"/hostname", `"h"`}, {"/process/ancestors/1/user_sid", `"S"`}}},
		{"pointer escapes", `{"a/b~c":1}`, Linux, []field{{"/a~1b~0c", `1`}}},
		{"dotted keys and HTML characters as written",
			`{"mount":{"mountpoint.path":"/mnt<&>","mount_id":1}}`, Windows,
			[]field{{"/mount", `{"mount_id":1,"mountpoint.path":"/mnt<&>"}`}}},
		{"a foreign array of objects", `{"syscalls":[{"name":"open","id":2,"x":0}]}`, Windows,
			[]field{{"/syscalls", `[{"name":"open","id":2,"x":0}]`}}},
		{"a --schema file: Extra entries only", `{"process":{"tid":2,"cmdline":"c"},"x":1}`, "custom",
			[]field{{"/x", `1`}}},
		{"a foreign false is listed: it was written", `{"process":{"is_thread":false}}`, Windows,
			[]field{{"/process/is_thread", `false`}}},
		{"an absent boolean is not", `{"process":{"is_thread":null}}`, Windows, nil},
		{"an ill-typed ancestor is listed alone; the others keep their indexes",
			`{"process":{"ancestors":[{"pid":1},"bad",{"pid":0,"x":1},null,[2]]}}`, Linux,
			[]field{{"/process/ancestors/1", `"bad"`}, {"/process/ancestors/4", `[2]`}, {"/process/ancestors/2/x", `1`}}},
		{"ancestors that are no array", `{"process":{"ancestors":"x"}}`, Windows, []field{{"/process/ancestors", `"x"`}}},
		{"a foreign list with an ill-typed item is listed whole, as written",
			`{"syscalls":[{"name":"open"}, 5]}`, Windows, []field{{"/syscalls", `[{"name":"open"}, 5]`}}},
		{"the same judged by linux", `{"syscalls":[{"name":"open"}, 5]}`, Linux, []field{{"/syscalls/1", `5`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := Decode([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []field
			for _, f := range OtherFields(ev, tc.platform) {
				got = append(got, field{f.Pointer, string(f.Raw)})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("OtherFields(%s, %s)\n got %q\nwant %q", tc.in, tc.platform, got, tc.want)
			}
			if has := HasOtherFields(ev, tc.platform); has != (len(tc.want) > 0) {
				t.Errorf("HasOtherFields(%s, %s) = %v", tc.in, tc.platform, has)
			}
		})
	}
	if got := OtherFields(nil, Linux); got != nil || HasOtherFields(nil, Linux) {
		t.Errorf("OtherFields(nil) = %v", got)
	}
}

// FuzzOtherFields checks that OtherFields never panics, that every field
// it returns has a pointer and a valid JSON value, on either platform, and
// that HasOtherFields says whether it returns any.
func FuzzOtherFields(f *testing.F) {
	for _, s := range []string{
		`{"process":{"tid":"x","credentials":{"uid":"root"},"cmdline":"c"},"network":{"source":{"port":"p"}}}`,
		`{"mount":{"mountpoint.path":7},"syscalls":[{"id":1},2],"user_session":{"k8s_extra":{"a":[1]}}}`,
		`{"process":{"ancestors":[{"pid":1,"syscalls":null}],"user_session":{"ssh_port":1e999}}}`,
		`{"sysctl":{"proc":{"a":{"b":[null]}}},"registry":{"key_name":"k","x":"\u001b"}}`,
	} {
		f.Add([]byte(s))
	}
	forEachLine(f, "testdata/linux-sections.ndjson.gz", func(_ int, data []byte) {
		f.Add(bytes.Clone(data))
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := Decode(data)
		if err != nil {
			return
		}
		for _, platform := range []Platform{Windows, Linux, ""} {
			fields := OtherFields(ev, platform)
			if has := HasOtherFields(ev, platform); has != (len(fields) > 0) {
				t.Fatalf("%s: HasOtherFields %v, OtherFields %d fields", platform, has, len(fields))
			}
			for _, field := range fields {
				if !strings.HasPrefix(field.Pointer, "/") || !json.Valid(field.Raw) {
					t.Fatalf("%s: field %q = %q", platform, field.Pointer, field.Raw)
				}
			}
		}
	})
}

// BenchmarkOtherFields walks the committed Linux events, which have
// hundreds of typed fields and nothing to list: the cost show pays on every
// valid event.
func BenchmarkOtherFields(b *testing.B) {
	var events []*Event
	forEachLine(b, "testdata/linux-sections.ndjson.gz", func(_ int, data []byte) {
		ev, err := Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		events = append(events, ev)
	})
	b.ReportAllocs()
	for b.Loop() {
		for _, ev := range events {
			OtherFields(ev, Linux)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(events)), "ns/event")
}

// TestFieldSchemas holds the description tables to the schema tags that
// OtherFields judges fields by, read once when the tables are built.
func TestFieldSchemas(t *testing.T) {
	for _, tc := range []struct {
		path []string
		want []Platform
	}{
		{[]string{"agent"}, []Platform{Windows, Linux}},
		{[]string{"registry"}, []Platform{Windows}},
		{[]string{"process", "tid"}, []Platform{Linux}},
		{[]string{"process", "pid"}, []Platform{Windows, Linux}},
	} {
		of := eventObject.Get()
		var f *objectField
		for _, key := range tc.path {
			if f = of.field(key); f == nil {
				t.Fatalf("%v: no field %q", tc.path, key)
			}
			of = f.elem
		}
		if !reflect.DeepEqual(f.schemas, tc.want) {
			t.Errorf("%v: schemas %v, want %v", tc.path, f.schemas, tc.want)
		}
	}
}
