package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&bindSection) }

var bindSection = showSection{
	name: "bind", order: 230, shows: []string{"bind"},
	has:   func(ev *model.Event) bool { return ev.Bind != nil },
	write: (*eventView).bind,
}

// bind shows the address the socket bound as ip:port with its family,
// then every other field as written.
func (v *eventView) bind() {
	e := v.ev.Bind
	v.section("bind", func(t *Table) {
		addrRows(t, e.Addr)
		restRows(t, "", v.ev.Bind, addrShows...)
	})
}
