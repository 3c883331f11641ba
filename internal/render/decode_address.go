package render

import "github.com/csmctl/csmctl/internal/model"

// addrRows adds the row of a socket address, "10.0.0.5:1337 AF_INET
// (IPv4)", for bind, connect and accept; absent, nothing.
func addrRows(t *Table, a *model.IPPortFamily) {
	if a == nil {
		return
	}
	fieldRow(t, "addr", joinNonEmpty(" ", endpointText(a.IP, a.Port), addressFamilyText(a.Family)))
}

// addrShows lists the properties addrRows shows.
var addrShows = []string{"addr.ip", "addr.port", "addr.family"}
