package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&mmapSection) }

var mmapSection = showSection{
	name: "mmap", order: 260, shows: []string{"mmap"},
	has:   func(ev *model.Event) bool { return ev.Mmap != nil },
	write: (*eventView).mmap,
}

// mmap shows the mapping's protection as written and as access (r-x),
// then every other field as written.
func (v *eventView) mmap() {
	m := v.ev.Mmap
	v.section("mmap", func(t *Table) {
		fieldRow(t, "protection", protectionText(m.Protection))
		restRows(t, "", v.ev.Mmap, "protection")
	})
}
