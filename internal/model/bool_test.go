package model

import "testing"

// A written false is a value, told apart from an absent one, in Decode and
// in the reference decoder alike.
func TestBoolKeepsPresence(t *testing.T) {
	for _, tt := range []struct {
		in            string // the value of security_profile.event_in_profile
		present, true bool
		extra         bool // kept in Extra as ill-typed
	}{
		{`true`, true, true, false},
		{`false`, true, false, false},
		{`null`, false, false, false},
		{`"false"`, false, false, true},
		{`0`, false, false, true},
	} {
		data := []byte(`{"security_profile":{"name":"p","event_in_profile":` + tt.in + `}}`)
		for name, decode := range map[string]func([]byte) (*Event, error){"Decode": Decode, "reference": referenceDecode} {
			ev, err := decode(data)
			if err != nil {
				t.Fatalf("%s(%s): %v", name, data, err)
			}
			b := ev.SecurityProfile.EventInProfile
			_, extra := ev.SecurityProfile.Extra["event_in_profile"]
			if b.Present() != tt.present || b.True() != tt.true || extra != tt.extra {
				t.Errorf("%s: event_in_profile %s: present %v, true %v, in Extra %v; want %v, %v, %v",
					name, tt.in, b.Present(), b.True(), extra, tt.present, tt.true, tt.extra)
			}
		}
	}
}
