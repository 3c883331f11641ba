package lineage

import (
	"bufio"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/model"
)

// decodeInputs are event logs with valid, ill-typed and hostile events.
var decodeInputs = []string{
	"testdata/corpus.ndjson",
	"testdata/invalid.ndjson",
	"../../examples/events.ndjson",
	"../../examples/violations.ndjson",
	"../../examples/attack.ndjson",
	"../../cmd/testdata/hostile.ndjson",
	"../../testdata/linux-events.ndjson",
	"../../cmd/testdata/linux.ndjson",
	"testdata/linux-ill-typed.ndjson",
}

// Decode must fill its fields exactly as model.Decode does, on every line,
// but for the bytes that are not UTF-8 it keeps and model.Decode replaces.
func TestDecodeAgreesWithModel(t *testing.T) {
	var checked int
	for _, name := range decodeInputs {
		eachLine(t, name, func(line int, data []byte) {
			want, wantErr := model.Decode(data)
			var got model.Event
			end, err := Decode(data, 0, &got)
			if err == nil && jsonscan.SkipSpace(data, end) < len(data) {
				return // several values on one line: model.Decode takes one
			}
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("%s:%d: Decode error %v, model.Decode error %v", name, line, err, wantErr)
			}
			if err != nil {
				return
			}
			replaceInvalidUTF8(reflect.ValueOf(&got))
			if w := lineageFields(want); !reflect.DeepEqual(&got, w) {
				t.Errorf("%s:%d: Decode differs from model.Decode\n got: %+v\nwant: %+v", name, line, got.Process, w.Process)
			}
			checked++
		})
	}
	if checked < 400 {
		t.Errorf("only %d events compared", checked)
	}
}

func TestDecodeEdgeCases(t *testing.T) {
	tests := []struct {
		name, in string
		want     model.Event
		err      string
	}{
		{"keys match exactly", `{"Process":{"PID":7},"process":{"pid":1,"Ancestors":[{"Pid":3}]}}`,
			model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IntOf(1)}}}, ""},
		{"escaped key", `{"process":{"p\u0069d":7}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IntOf(7)}}}, ""},
		{"last repeated key wins", `{"process":{"pid":7,"pid":"x"}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IllTypedInt(`"x"`)}}}, ""},
		{"integral pid written as a float", `{"process":{"pid":7.0,"ppid":1e3}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IntOf(7), PPID: model.IntOf(1000)}}}, ""},
		{"fractional pid", `{"process":{"pid":7.5}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IllTypedInt(`7.5`)}}}, ""},
		{"huge pid", `{"process":{"pid":9223372036854775808}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IllTypedInt(`9223372036854775808`)}}}, ""},
		{"min pid", `{"process":{"pid":-9223372036854775808}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IntOf(-1 << 63)}}}, ""},
		{"ill-typed ancestor", `{"process":{"pid":1,"ancestors":[{"pid":2},3,{"pid":4}]}}`, model.Event{Process: &model.ProcessContext{Process: model.Process{PID: model.IntOf(1)},
			Ancestors: []model.Process{{PID: model.IntOf(2)}, {}, {PID: model.IntOf(4)}}}}, ""},
		{"null ancestor", `{"process":{"ancestors":[null]}}`, model.Event{Process: &model.ProcessContext{Ancestors: []model.Process{{}}}}, ""},
		{"object not string", `{"agent":{"rule_id":{"a":[1,2]}}}`, model.Event{Agent: &model.AgentContext{}}, ""},
		{"null object", `{"agent":null}`, model.Event{}, ""},
		{"not an object", `[1]`, model.Event{}, "event is not a JSON object"},
		{"truncated", `{"process":{"pid":1`, model.Event{}, "unexpected end of input"},
		{"bad separator", `{"a":1 "b":2}`, model.Event{}, "invalid character '\"' after object value (expecting ',' or '}')"},
		// Bytes that are not UTF-8 are kept, for a terminal to show as \xNN,
		// with or without escapes around them.
		{"invalid UTF-8", "{\"agent\":{\"rule_id\":\"r\xff\xfe\"},\"process\":{\"executable\":{\"path\":\"/x\xff\"}}}",
			model.Event{Agent: &model.AgentContext{RuleID: "r\xff\xfe"}, Process: &model.ProcessContext{Process: model.Process{Executable: &model.File{Path: "/x\xff"}}}}, ""},
		{"invalid UTF-8 between escapes", "{\"process\":{\"cmdline\":\"a\\\\b\xfe\\u00e9\\t\xc3\"}}",
			model.Event{Process: &model.ProcessContext{Process: model.Process{Cmdline: "a\\b\xfe\u00e9\t\xc3"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got model.Event
			_, err := Decode([]byte(tt.in), 0, &got)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeDepthLimit(t *testing.T) {
	deep := []byte(`{"x":` + repeat("[", jsonscan.MaxDepth) + repeat("]", jsonscan.MaxDepth) + `}`)
	var ev model.Event
	_, err := Decode(deep, 0, &ev)
	var se *jsonscan.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want a nesting depth error", err)
	}
}

func repeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for range n {
		b = append(b, s...)
	}
	return string(b)
}

// lineageFields keeps of a fully decoded event only what Decode fills.
func lineageFields(full *model.Event) *model.Event {
	ev := &model.Event{Date: full.Date}
	if a := full.Agent; a != nil {
		ev.Agent = &model.AgentContext{RuleID: a.RuleID}
	}
	if e := full.Evt; e != nil {
		ev.Evt = &model.EventContext{Name: e.Name}
	}
	if f := full.File; f != nil {
		ev.File = &model.FileEvent{File: model.File{Path: f.Path}}
	}
	if r := full.Registry; r != nil {
		ev.Registry = &model.RegistryEvent{KeyPath: r.KeyPath, ValueName: r.ValueName}
	}
	if x := full.Exit; x != nil {
		ev.Exit = &model.ExitEvent{Code: x.Code}
	}
	if c := full.Container; c != nil {
		ev.Container = &model.ContainerContext{ID: c.ID}
	}
	if u := full.Usr; u != nil {
		ev.Usr = &model.UserContext{Name: u.Name}
	}
	if pc := full.Process; pc != nil {
		ev.Process = &model.ProcessContext{Process: processFields(pc.Process), TruncatedAncestors: pc.TruncatedAncestors}
		if pc.Parent != nil {
			p := processFields(*pc.Parent)
			ev.Process.Parent = &p
		}
		for _, a := range pc.Ancestors {
			ev.Process.Ancestors = append(ev.Process.Ancestors, processFields(a))
		}
	}
	return ev
}

func processFields(p model.Process) model.Process {
	out := model.Process{PID: p.PID, PPID: p.PPID, ExecTime: p.ExecTime, ExitTime: p.ExitTime, Cmdline: p.Cmdline, User: p.User}
	if e := p.Executable; e != nil {
		out.Executable = &model.File{Path: e.Path, Name: e.Name}
	}
	if c := p.Container; c != nil {
		out.Container = &model.ContainerContext{ID: c.ID}
	}
	out.TID, out.Comm, out.ForkTime = p.TID, p.Comm, p.ForkTime
	out.Argv0, out.Args, out.ArgsTruncated, out.IsExecChild = p.Argv0, p.Args, p.ArgsTruncated, p.IsExecChild
	if c := p.Credentials; c != nil {
		out.Credentials = &model.ProcessCredentials{UID: c.UID, User: c.User}
	}
	return out
}

// replaceInvalidUTF8 replaces, in every exported string v reaches, each
// byte that is not UTF-8 by U+FFFD, as model.Decode (like encoding/json)
// decodes it.
func replaceInvalidUTF8(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			replaceInvalidUTF8(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				replaceInvalidUTF8(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			replaceInvalidUTF8(v.Index(i))
		}
	case reflect.String:
		var b strings.Builder
		for _, r := range v.String() {
			b.WriteRune(r) // an invalid byte ranges as one utf8.RuneError
		}
		v.SetString(b.String())
	}
}

// eachLine calls fn with each non-blank line of a file.
func eachLine(t testing.TB, name string, fn func(line int, data []byte)) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		if jsonscan.SkipSpace(sc.Bytes(), 0) < len(sc.Bytes()) {
			fn(line, sc.Bytes())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
