package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&connectSection) }

var connectSection = showSection{
	name: "connect", order: 232, shows: []string{"connect"},
	has:   func(ev *model.Event) bool { return ev.Connect != nil },
	write: (*eventView).connect,
}

// connect shows the address the socket connected to as ip:port with its family,
// then every other field as written.
func (v *eventView) connect() {
	e := v.ev.Connect
	v.section("connect", func(t *Table) {
		addrRows(t, e.Addr)
		restRows(t, "", v.ev.Connect, addrShows...)
	})
}
