package memo

import (
	"sync"
	"sync/atomic"
	"testing"
)

var calls atomic.Int32

var table = Value[map[string]int]{New: func() map[string]int {
	calls.Add(1)
	return map[string]int{"a": 1}
}}

// New runs once, on the first Get, however many goroutines ask at once,
// and every caller sees what it built.
func TestValue(t *testing.T) {
	if calls.Load() != 0 {
		t.Fatal("New ran before the first Get")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if table.Get()["a"] != 1 {
				t.Error("Get did not return New's value")
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("New ran %d times, want 1", n)
	}
}
