package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

// endpointText is an address as ip:port, an IPv6 address in brackets
// ([::1]:53), the port as written when ill-typed, "?" for a missing ip,
// the ip alone when the port is absent.
func endpointText(ip string, port model.Int) string {
	host := ip
	switch {
	case ip == "":
		host = "?"
	case strings.IndexByte(ip, ':') >= 0:
		host = "[" + ip + "]"
	}
	if !port.Present() {
		return host
	}
	return host + ":" + record.IntText(port)
}

// ipPortText is endpointText of an IPPort, "?" when it is absent.
func ipPortText(a *model.IPPort) string {
	if a == nil {
		return "?"
	}
	return endpointText(a.IP, a.Port)
}

// addressFamilyText is an address family as written with what it is
// beside it: "AF_INET (IPv4)".
func addressFamilyText(written string) string {
	switch written {
	case "AF_INET":
		return withNote(written, "IPv4")
	case "AF_INET6":
		return withNote(written, "IPv6")
	case "AF_UNIX":
		return withNote(written, "Unix socket")
	case "AF_PACKET":
		return withNote(written, "raw packets")
	case "AF_NETLINK":
		return withNote(written, "netlink")
	}
	return written
}

// protocolName is a protocol the agent writes IP_PROTO_TCP or ETH_P_IP as
// people say it: tcp, ip.
func protocolName(written string) string {
	for _, prefix := range [...]string{"IP_PROTO_", "IPPROTO_", "ETH_P_"} {
		if s, ok := strings.CutPrefix(written, prefix); ok {
			return strings.ToLower(s)
		}
	}
	return written
}

// flowText is one line for a flow of packets: "10.0.0.5:51234 →
// 93.184.216.34:443 tcp egress eth0", without the parts the event lacks
// ("?" for one end when only the other is known).
func flowText(src, dst *model.IPPort, l4, direction, ifname string) string {
	ends := ""
	if src != nil || dst != nil {
		ends = ipPortText(src) + " → " + ipPortText(dst)
	}
	return joinNonEmpty(" ", ends, protocolName(l4), strings.ToLower(direction), ifname)
}
