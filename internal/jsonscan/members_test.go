package jsonscan

import (
	"bytes"
	"testing"
)

func TestMembers(t *testing.T) {
	keys := []string{"date", "agent"}
	tests := []struct {
		data        string
		date, agent string // "" for none
		object      bool
		err         bool
	}{
		{`{"agent":{"os":"x"},"date":"d1","date":"d2"}`, `"d2"`, `{"os":"x"}`, true, false},
		{`{"d\u0061te":1, "DATE":2}`, `1`, ``, true, false},
		{` {} `, ``, ``, true, false},
		{`[1,{"date":1}]`, ``, ``, false, false},
		{`"date"`, ``, ``, false, false},
		{`{"date":1,`, ``, ``, true, true},
		{`{"date":1 "agent":2}`, ``, ``, true, true},
		{`{"a":[}`, ``, ``, true, true},
	}
	for _, tt := range tests {
		var found [2][2]int
		end, object, err := Members([]byte(tt.data), 0, keys, found[:])
		if (err != nil) != tt.err || object != tt.object {
			t.Errorf("Members(%s): object %v err %v, want %v %v", tt.data, object, err, tt.object, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if wantEnd, _ := Skip([]byte(tt.data), 0, 0); end != wantEnd {
			t.Errorf("Members(%s) ends at %d, Skip at %d", tt.data, end, wantEnd)
		}
		for k, want := range []string{tt.date, tt.agent} {
			got := ""
			if f := found[k]; f[0] >= 0 {
				got = tt.data[f[0]:f[1]]
			}
			if got != want {
				t.Errorf("Members(%s) %s = %q, want %q", tt.data, keys[k], got, want)
			}
		}
	}
}

// FuzzMembers holds Members to Skip (where a value ends, and its syntax
// errors, word for word) and to Member (which member a key names).
func FuzzMembers(f *testing.F) {
	for _, seed := range []string{
		`{"date":"2030","title":"t","date":"2025"}`,
		`{"agent":{"os":"windows"},"\u0061gent":{"os":"linux"}}`,
		`{"a":1,}`, `{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,`, `[{"date":1}]`, ` 12 `, `{"date":[[[`,
		"{\"dat\xff\":1,\"date\":[{\"date\":2}]}",
	} {
		f.Add([]byte(seed))
	}
	keys := []string{"date", "agent", ""}
	f.Fuzz(func(t *testing.T, data []byte) {
		var found [3][2]int
		end, object, err := Members(data, 0, keys, found[:])
		wantEnd, wantErr := Skip(data, 0, 0)
		if (err == nil) != (wantErr == nil) || err != nil && *err != *wantErr || err == nil && end != wantEnd {
			t.Fatalf("Members(%q) = %d, %v; Skip = %d, %v", data, end, err, wantEnd, wantErr)
		}
		if err != nil {
			return
		}
		isObject := data[SkipSpace(data, 0)] == '{'
		if object != isObject {
			t.Fatalf("Members(%q): object %v", data, object)
		}
		for k, key := range keys {
			want := Member(data, 0, key)
			var got []byte
			if found[k][0] >= 0 {
				got = data[found[k][0]:found[k][1]]
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("Members(%q) %q = %q, Member = %q", data, key, got, want)
			}
		}
	})
}
