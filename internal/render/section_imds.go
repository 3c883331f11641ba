package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&imdsSection) }

var imdsSection = showSection{
	name: "imds", order: 222, shows: []string{"imds"},
	has:   func(ev *model.Event) bool { return ev.IMDS != nil },
	write: (*eventView).imds,
}

// imds shows a cloud instance metadata request or response: provider,
// request or response, host and URL on one line, then every other field as written.
func (v *eventView) imds() {
	m := v.ev.IMDS
	v.section("imds", func(t *Table) {
		fieldRow(t, "request", joinNonEmpty(" ", m.CloudProvider, m.Type, m.Host+m.URL))
		restRows(t, "", v.ev.IMDS, "cloud_provider", "type", "host", "url")
	})
}
