package model

import "testing"

// A repeated key: the last value wins whole, as in jq and the validator,
// not merged into the first as encoding/json would do for an object.
func TestDecodeRepeatedKeyLastWins(t *testing.T) {
	ev, err := Decode([]byte(`{"agent":{"rule_id":"a","os":"windows"},"title":"t",` +
		`"process":{"pid":1,"executable":{"path":"C:\\a.exe","name":"a.exe"},"executable":{"name":"b.exe"}},` +
		`"agent":{"rule_id":"b"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Agent.RuleID != "b" || ev.Agent.OS != "" {
		t.Errorf("agent = %+v, want the second agent alone", ev.Agent)
	}
	if exe := ev.Process.Executable; exe.Name != "b.exe" || exe.Path != "" {
		t.Errorf("executable = %+v, want the second one alone", exe)
	}
}
