package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&setsockoptSection) }

var setsockoptSection = showSection{
	name: "setsockopt", order: 272, shows: []string{"setsockopt"},
	has:   func(ev *model.Event) bool { return ev.Setsockopt != nil },
	write: (*eventView).setsockopt,
}

// setsockopt shows the option set and on what socket, "SOL_SOCKET
// SO_ATTACH_FILTER on AF_PACKET (raw packets) SOCK_DGRAM", then every
// field as written.
func (v *eventView) setsockopt() {
	s := v.ev.Setsockopt
	v.section("setsockopt", func(t *Table) {
		socket := joinNonEmpty(" ", addressFamilyText(s.SocketFamily), s.SocketType, s.SocketProtocol)
		if socket != "" {
			socket = "on " + socket
		}
		fieldRow(t, "option", joinNonEmpty(" ", s.Level, s.Optname, socket))
		restRows(t, "", v.ev.Setsockopt, "level", "optname", "socket_family", "socket_type", "socket_protocol")
	})
}
