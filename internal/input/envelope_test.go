package input_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
)

func TestEnvelopes(t *testing.T) {
	const ev = `{"agent":{"rule_id":"r"},"title":"t"}`
	tests := []struct {
		name  string
		in    string
		want  []string // "LINE HOST LOGID DATA" per record
		wantC []int    // column of Data[0] (Position(0))
	}{
		{"plain event untouched", ev + "\n", []string{"1   " + ev}, []int{1}},
		{"archive line",
			`{"_id":"AZ1","date":"2025-11-03T09:00:00.000Z","host":"win-01","service":"s","attributes":` + ev + `,"tags":["a"]}` + "\n",
			[]string{"1 win-01 AZ1 " + ev}, []int{91}},
		{"api log",
			`{"attributes":{"attributes":` + ev + `,"host":"win-02","timestamp":"x"},"id":"AZ2","type":"log"}` + "\n",
			[]string{"1 win-02 AZ2 " + ev}, []int{29}},
		{"api page on several lines",
			"{\n \"data\": [\n  {\"id\":\"A\",\"type\":\"log\",\"attributes\":{\"host\":\"h1\",\"attributes\":" + ev + "}},\n  {\"id\":\"B\",\"type\":\"log\",\"attributes\":{\"host\":\"h2\",\"attributes\":" + ev + "}}\n ],\n \"meta\": {}\n}\n",
			[]string{"3 h1 A " + ev, "4 h2 B " + ev}, []int{65, 65}},
		{"envelope without an event stays as it is",
			`{"_id":"AZ3","host":"h"}` + "\n",
			[]string{`1   {"_id":"AZ3","host":"h"}`}, []int{1}},
		{"escaped host",
			`{"_id":"AZ4","host":"h\u00e9","attributes":` + ev + "}\n",
			[]string{"1 h\u00e9 AZ4 " + ev}, []int{44}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var cols []int
			r := input.Open(nil, strings.NewReader(tt.in), input.Options{})
			r.Each(func(rec *input.Record) error {
				got = append(got, strings.Join([]string{itoa(rec.Line), rec.Host, rec.LogID, string(rec.Data)}, " "))
				_, c := rec.Position(0)
				cols = append(cols, c)
				return nil
			}, func(err error) { t.Error(err) })
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := range cols {
				if i < len(tt.wantC) && cols[i] != tt.wantC[i] {
					t.Errorf("record %d at column %d, want %d", i, cols[i], tt.wantC[i])
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A downloaded archive tree given as one argument reads every event file in
// name order, compressed or not, and skips the rest.
func TestDirectories(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"n":2}` + "\n"))
	zw.Close()
	write("dt=20251103/hour=10/archive_b.json.gz", gz.Bytes())
	write("dt=20251103/hour=09/archive_a.json", []byte(`{"n":1}`+"\n"))
	write("dt=20251104/events.ndjson", []byte(`{"n":3}`+"\n"))
	write("dt=20251104/README.md", []byte("not events\n"))
	write(".hidden/x.json", []byte(`{"n":0}`+"\n"))
	var got []string
	input.Open([]string{dir}, nil, input.Options{}).Each(func(rec *input.Record) error {
		got = append(got, string(rec.Data))
		return nil
	}, func(err error) { t.Error(err) })
	if want := `{"n":1} {"n":2} {"n":3}`; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// Of repeated envelope keys the last wins, as in jq.
func TestEnvelopeRepeatedKey(t *testing.T) {
	in := `{"_id":"x","host":"h1","attributes":{"title":"first"},"host":"h2","attributes":{"title":"second"}}` + "\n"
	var got []string
	input.Open(nil, strings.NewReader(in), input.Options{}).Each(func(rec *input.Record) error {
		got = append(got, rec.Host+" "+string(rec.Data))
		return nil
	}, func(err error) { t.Error(err) })
	if len(got) != 1 || got[0] != `h2 {"title":"second"}` {
		t.Errorf("got %q", got)
	}
}
