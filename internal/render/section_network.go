package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&networkSection) }

var networkSection = showSection{
	name: "network", order: 210, shows: []string{"network"},
	has:   func(ev *model.Event) bool { return ev.Network != nil },
	write: (*eventView).network,
}

// network shows the packet the event saw: source → destination, protocol,
// direction and device on one line, then every field as written.
func (v *eventView) network() {
	n := v.ev.Network
	v.section("network", func(t *Table) {
		fieldRow(t, "flow", flowText(n.Source, n.Destination, n.L4Protocol, n.NetworkDirection, deviceName(n.Device)))
		restRows(t, "", v.ev.Network, "source", "destination", "device.ifname")
	})
}

// deviceName is a network device's interface name, "" when absent.
func deviceName(d *model.NetworkDevice) string {
	if d == nil {
		return ""
	}
	return d.Ifname
}
