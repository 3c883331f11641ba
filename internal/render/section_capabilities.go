package render

import (
	"strings"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&capabilitiesSection) }

var capabilitiesSection = showSection{
	name: "capabilities", order: 280, shows: []string{"capabilities"},
	has:   func(ev *model.Event) bool { return ev.Capabilities != nil },
	write: (*eventView).capabilities,
}

// capabilities shows the capabilities the process tried to use and those
// it used, one line each, then every other field as written.
func (v *eventView) capabilities() {
	c := v.ev.Capabilities
	v.section("capabilities", func(t *Table) {
		fieldRow(t, "attempted", strings.Join(c.CapsAttempted, " "))
		fieldRow(t, "used", strings.Join(c.CapsUsed, " "))
		restRows(t, "", v.ev.Capabilities, "caps_attempted", "caps_used")
	})
}
