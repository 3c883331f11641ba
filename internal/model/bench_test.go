package model

import (
	"encoding/json"
	"testing"
)

// BenchmarkDecode measures Decode on a valid event (the strict fast path)
// and on one with an ill-typed pid (the lenient path), against plain
// json.Unmarshal into the same types as a baseline:
//
//	go test ./internal/model -run '^$' -bench Decode -benchmem
func BenchmarkDecode(b *testing.B) {
	lenient := []byte(edit(execEvent, `"pid":42968`, `"pid":"42968"`))
	for _, bm := range []struct {
		name string
		data []byte
		run  func([]byte) error
	}{
		{"valid", []byte(execEvent), decode},
		{"ill-typed", lenient, decode},
		{"baseline", []byte(execEvent), func(data []byte) error {
			return json.Unmarshal(data, new(eventFields))
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := bm.run(bm.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func decode(data []byte) error {
	_, err := Decode(data)
	return err
}
