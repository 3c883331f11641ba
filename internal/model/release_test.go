package model

import (
	"maps"
	"slices"
	"testing"
)

// TestDecodeAfterRelease decodes every committed input into the objects
// of the input before it, given back with Release, and checks each
// against the reference decoder: a reused object holds nothing of the
// event it held before.
func TestDecodeAfterRelease(t *testing.T) {
	inputs := differentialInputs(t)
	var previous *Event
	failed := 0
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		Release(previous)
		if diff := sameAsReference(inputs[name]); diff != "" {
			t.Errorf("%s: %s", name, diff)
			if failed++; failed > 10 {
				t.Fatal("too many differences")
			}
		}
		previous, _ = Decode(inputs[name])
	}
}

// TestReleaseReuses checks that the decoder takes the objects Release gave
// back, and that Release empties the event.
func TestReleaseReuses(t *testing.T) {
	// A pool may drop what it holds (at a garbage collection): try a few
	// times.
	for range 10 {
		ev, err := Decode([]byte(execEvent))
		if err != nil {
			t.Fatal(err)
		}
		process, parent, ancestors := ev.Process, ev.Process.Parent, &ev.Process.Ancestors[0]
		Release(ev)
		if ev.Process != nil || ev.Agent != nil {
			t.Fatalf("released event still holds objects: %+v", ev)
		}
		again, err := Decode([]byte(execEvent))
		if err != nil {
			t.Fatal(err)
		}
		if again.Process == process && again.Process.Parent == parent && &again.Process.Ancestors[0] == ancestors {
			return
		}
	}
	t.Error("the decoder never took the objects Release gave back")
}

// TestReleaseNil checks that Release of nil does nothing.
func TestReleaseNil(t *testing.T) { Release(nil) }
