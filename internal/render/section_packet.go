package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&packetSection) }

var packetSection = showSection{
	name: "packet", order: 212, shows: []string{"packet"},
	has:   func(ev *model.Event) bool { return ev.Packet != nil },
	write: (*eventView).packet,
}

// packet shows a raw packet as network shows a flow, its type after it.
func (v *eventView) packet() {
	p := v.ev.Packet
	v.section("packet", func(t *Table) {
		fieldRow(t, "flow", joinNonEmpty(" ", flowText(p.Source, p.Destination, p.L4Protocol, p.NetworkDirection, deviceName(p.Device)), p.Type))
		restRows(t, "", v.ev.Packet, "source", "destination", "device.ifname", "type")
	})
}
