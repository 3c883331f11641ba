package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&acceptSection) }

var acceptSection = showSection{
	name: "accept", order: 234, shows: []string{"accept"},
	has:   func(ev *model.Event) bool { return ev.Accept != nil },
	write: (*eventView).accept,
}

// accept shows the address the socket accepted from as ip:port with its family,
// then every other field as written.
func (v *eventView) accept() {
	e := v.ev.Accept
	v.section("accept", func(t *Table) {
		addrRows(t, e.Addr)
		restRows(t, "", v.ev.Accept, addrShows...)
	})
}
