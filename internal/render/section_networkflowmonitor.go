package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&networkflowmonitorSection) }

var networkflowmonitorSection = showSection{
	name: "network_flow_monitor", order: 214, shows: []string{"network_flow_monitor"},
	has:   func(ev *model.Event) bool { return ev.NetworkFlowMonitor != nil },
	write: (*eventView).networkFlowMonitor,
}

// networkFlowMonitor shows each flow the monitor counted on one line,
// with its traffic each way, then every other field as written.
func (v *eventView) networkFlowMonitor() {
	m := v.ev.NetworkFlowMonitor
	v.section("network_flow_monitor", func(t *Table) {
		fieldRow(t, "device", deviceName(m.Device))
		for i := range m.Flows {
			f := &m.Flows[i]
			key := "flows." + strconv.Itoa(i)
			t.Row(key, joinNonEmpty(" ", flowText(f.Source, f.Destination, f.L4Protocol, "", ""),
				trafficText("in", f.Ingress), trafficText("out", f.Egress)))
		}
		restRows(t, "", v.ev.NetworkFlowMonitor, "device.ifname",
			"flows.source", "flows.destination", "flows.l4_protocol", "flows.ingress", "flows.egress")
	})
}

// trafficText is one direction's traffic: "in 1255178 bytes 612 packets",
// "" when the flow has no statistics for it.
func trafficText(direction string, s *model.NetworkStats) string {
	if s == nil || (!s.DataSize.Present() && !s.PacketCount.Present()) {
		return ""
	}
	text := direction
	if s.DataSize.Present() {
		text += " " + record.IntText(s.DataSize) + " bytes"
	}
	if s.PacketCount.Present() {
		text += " " + record.IntText(s.PacketCount) + " packets"
	}
	return text
}
