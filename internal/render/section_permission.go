package render

import (
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
)

func init() { showSections.register(&permissionSection) }

var permissionSection = showSection{
	name: "permission_change", order: 600, shows: []string{"permission_change"},
	has:   func(ev *model.Event) bool { return ev.PermissionChange != nil },
	write: (*eventView).permissionChange,
}

// permissionChange shows who changed which object's security descriptor,
// then the descriptors line by line: as a diff when both are present, so
// the ACEs the change added or removed stand out.
func (v *eventView) permissionChange() {
	pc := v.ev.PermissionChange
	v.section("permission_change", func(t *Table) {
		user := pc.Username
		if pc.UserDomain != "" {
			user = pc.UserDomain + `\` + pc.Username
		}
		fieldRow(t, "user", user)
		fieldRow(t, "path", pc.Path)
		fieldRow(t, "type", pc.Type)
	})
	oldSD, newSD := splitLines(pc.OldSD), splitLines(pc.NewSD)
	switch {
	case oldSD != nil && newSD != nil:
		diff := diffLines(oldSD, newSD)
		v.section("permission_change.old_sd -> new_sd ("+diffSummary(diff)+")", func(t *Table) {
			for _, d := range diff {
				switch d.op {
				case '+':
					t.StyledRow(Cell{Text: "+", Style: v.p.Added}, Cell{Text: d.text, Style: v.p.Added})
				case '-':
					t.StyledRow(Cell{Text: "-", Style: v.p.Removed}, Cell{Text: d.text, Style: v.p.Removed})
				default:
					t.Row("", d.text)
				}
			}
		})
	case oldSD != nil:
		v.lines("permission_change.old_sd", oldSD)
	case newSD != nil:
		v.lines("permission_change.new_sd", newSD)
	}
}

// lines shows multi-line text as a one-column table.
func (v *eventView) lines(title string, lines []string) {
	v.section(title, func(t *Table) {
		for _, l := range lines {
			t.Row(l)
		}
	})
}

// diffSummary counts a diff's changes: "2 added, 1 removed", "no change".
func diffSummary(diff []diffLine) string {
	added, removed := 0, 0
	for _, d := range diff {
		switch d.op {
		case '+':
			added++
		case '-':
			removed++
		}
	}
	if added == 0 && removed == 0 {
		return "no change"
	}
	return strconv.Itoa(added) + " added, " + strconv.Itoa(removed) + " removed"
}
