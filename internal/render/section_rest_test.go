package render

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csmctl/csmctl/internal/model"
)

// leafFiller gives every field of every schema object of an event a value
// of its own, by reflection over the Go types (lists with one item), and
// records what show must print for each: a text or an integer no other
// leaf has, a date, or for a true flag its key.
type leafFiller struct {
	n     int
	wants []filledLeaf
}

type filledLeaf struct {
	path, want string
}

func (f *leafFiller) fill(v reflect.Value, path string) {
	switch v.Type() {
	case reflect.TypeFor[model.Int]():
		f.n++
		n := int64(900000 + f.n)
		v.Set(reflect.ValueOf(model.IntOf(n)))
		f.wants = append(f.wants, filledLeaf{path, strconv.FormatInt(n, 10)})
		return
	case reflect.TypeFor[model.Time]():
		f.n++
		t := time.Date(2025, 1, 1, 0, 0, 0, f.n*1000, time.UTC)
		v.Set(reflect.ValueOf(model.Time{Time: t}))
		f.wants = append(f.wants, filledLeaf{path, t.Format(time.RFC3339Nano)})
		return
	}
	switch v.Kind() {
	case reflect.String:
		f.n++
		s := "v" + strconv.Itoa(f.n) + "z"
		v.SetString(s)
		f.wants = append(f.wants, filledLeaf{path, s})
	case reflect.Bool:
		v.SetBool(true)
		key := path[strings.LastIndexByte(path, '.')+1:]
		f.wants = append(f.wants, filledLeaf{path, key})
	case reflect.Interface:
		f.n++
		s := "v" + strconv.Itoa(f.n) + "z"
		v.Set(reflect.ValueOf(s))
		f.wants = append(f.wants, filledLeaf{path, s})
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		f.fill(v.Index(0), path+".0")
	case reflect.Map:
		if v.Type() == rawMapType {
			return // Extra: other fields' business
		}
		v.Set(reflect.MakeMap(v.Type()))
		item := reflect.New(v.Type().Elem()).Elem()
		f.fill(item, path+".k")
		v.SetMapIndex(reflect.ValueOf("k"), item)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			switch {
			case !sf.IsExported() || key == "-":
			case sf.Anonymous && key == "":
				f.fill(v.Field(i), path)
			default:
				f.fill(v.Field(i), strings.TrimPrefix(path+"."+key, "."))
			}
		}
	}
}

// Every property of every schema object, at every depth, shows in show -v
// when it has a value: a field the model gains is shown by its section's
// rest, or by the generic section, never hidden because no row names it.
func TestShowShowsEveryFilledLeaf(t *testing.T) {
	var ev model.Event
	var f leafFiller
	f.fill(reflect.ValueOf(&ev).Elem(), "")
	if len(f.wants) < 300 {
		t.Fatalf("the filler filled only %d leaves", len(f.wants))
	}
	var buf bytes.Buffer
	ShowEvent(&buf, &ev, Source{File: "f", Line: 1}, ShowLayout{Verbose: true})
	out := buf.String()
	for _, leaf := range f.wants {
		if !strings.Contains(out, leaf.want) {
			t.Errorf("%s: %q is not in the output", leaf.path, leaf.want)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

// A section's rest is one mechanism whichever way a section names what
// its rows showed: restRows with the keys, or coveredRows with the keys
// its rows covered under the same prefix give the same rows, a key without
// an index leaving out that property of every item of a list, and a mode
// decoded.
func TestRestRowsAndCoveredRowsAgree(t *testing.T) {
	tests := []struct {
		name   string
		object any
		shown  []string
		want   string
	}{{
		name: "list items by a key without index",
		object: &model.NetworkFlowMonitor{Flows: []model.Flow{
			{L3Protocol: "ETH_P_IP", L4Protocol: "TCP"},
			{L3Protocol: "ETH_P_IPV6", L4Protocol: "UDP"},
		}},
		shown: []string{"flows.l3_protocol"},
		want: "x.flows.0.l4_protocol  TCP\n" +
			"x.flows.1.l4_protocol  UDP\n",
	}, {
		name:   "mode decoded",
		object: &model.File{Path: "/a", Inode: model.IntOf(5), Mode: model.IntOf(0o100600)},
		shown:  []string{"path"},
		want: "x.inode  5\n" +
			"x.mode   33152 (0100600 -rw-------)\n",
	}, {
		name:   "nil object",
		object: (*model.File)(nil),
		want:   "",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var viaKeys, viaCovers bytes.Buffer
			keys := NewTable(&viaKeys, TableOptions{})
			restRows(keys, "x.", tt.object, tt.shown...)
			covers := NewTable(&viaCovers, TableOptions{})
			r := coveredRows{t: covers}
			for _, k := range tt.shown {
				r.cover("x." + k)
			}
			r.restOf(tt.object, "x.")
			for _, tbl := range []*Table{keys, covers} {
				if err := tbl.Render(); err != nil {
					t.Fatal(err)
				}
			}
			checkText(t, viaKeys.String(), tt.want)
			checkText(t, viaCovers.String(), tt.want)
		})
	}
}

// A rest over an object that embeds another whose rest was shown (a
// FileEvent its File) shows each property once.
func TestCoveredRowsRestOfEmbeddingObject(t *testing.T) {
	fe := &model.FileEvent{File: model.File{Path: "/a", Inode: model.IntOf(5)}, Fstype: "ext4"}
	var buf bytes.Buffer
	tbl := NewTable(&buf, TableOptions{})
	r := coveredRows{t: tbl}
	r.restOf(&fe.File, "")
	r.restOf(fe, "")
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
	checkText(t, buf.String(), "path    /a\n"+
		"inode   5\n"+
		"fstype  ext4\n")
}
