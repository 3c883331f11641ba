package model

import (
	"slices"
	"testing"
)

func TestProcessKey(t *testing.T) {
	e, err := Decode([]byte(`{"process":{"pid":42,"exec_time":"2025-11-03T10:00:00.5+01:00",` +
		`"parent":{"pid":7,"exec_time":"2025-11-03T09:00:00Z"},` +
		`"ancestors":[{"pid":7,"exec_time":"2025-11-03T09:00:00Z"},{"pid":4}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	pc := e.Process
	// The same process as seen by another event, with its time in UTC.
	same := Process{PID: IntOf(42)}
	if err := same.ExecTime.UnmarshalJSON([]byte(`"2025-11-03T09:00:00.500Z"`)); err != nil {
		t.Fatal(err)
	}
	reused := Process{PID: IntOf(42), ExecTime: pc.Parent.ExecTime} // the PID, reused later
	if !pc.Key().Equal(same.Key()) {
		t.Errorf("one instant in two offsets gives two keys: %v, %v", pc.Key(), same.Key())
	}
	if pc.Key().Equal(reused.Key()) {
		t.Errorf("a reused PID gives the same key: %v", pc.Key())
	}
	if !pc.Key().Equal(pc.AsProcess().Key()) {
		t.Errorf("ProcessContext.Key %v != AsProcess().Key %v", pc.Key(), pc.AsProcess().Key())
	}
	// An ill-typed pid is its text: equal to the same text read from
	// another event, never to the integer it spells.
	quoted := func() ProcessKey {
		e, err := Decode([]byte(`{"process":{"pid":"42","exec_time":"2025-11-03T09:00:00.5Z"}}`))
		if err != nil {
			t.Fatal(err)
		}
		return e.Process.Key()
	}
	if !quoted().Equal(quoted()) || quoted().Equal(pc.Key()) {
		t.Errorf(`key of pid "42": equal to itself %v, to pid 42 %v`, quoted().Equal(quoted()), quoted().Equal(pc.Key()))
	}

	for _, tt := range []struct {
		key  ProcessKey
		want string
	}{
		{pc.Key(), "42@2025-11-03T09:00:00.5Z"},
		{pc.Ancestors[1].Key(), "4"},
	} {
		if got := tt.key.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestChain(t *testing.T) {
	parent := &Process{PID: IntOf(7)}
	ancestors := []Process{{PID: IntOf(7)}, {PID: IntOf(4)}}
	tests := []struct {
		name string
		pc   ProcessContext
		want []string
	}{
		{"ancestors", ProcessContext{Parent: parent, Ancestors: ancestors}, []string{"7", "4"}},
		{"parent only", ProcessContext{Parent: parent}, []string{"7"}},
		{"neither", ProcessContext{}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range tt.pc.Chain() {
			got = append(got, p.PID.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Chain() PIDs = %v, want %v", tt.name, got, tt.want)
		}
	}
}
