package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/lineage"
)

// formatTreeTime writes a time as RFC 3339 with as many fractional digits
// as it has, in its own offset.
func formatTreeTime(t time.Time) string { return t.Format(time.RFC3339Nano) }

// maxLabelRules is how many rules a picture's node lists before "+N more".
const maxLabelRules = 4

// treeLabel is the text of a process's node in a picture, one sanitized
// line per element: name; pid and user; exec time; then its rules with
// their counts.
func treeLabel(n *lineage.Node) []string {
	lines := []string{escape.Text(n.DisplayName())}
	var who []string
	if n.Key.PID.Present() {
		who = append(who, "pid "+escape.Text(intText(n.Key.PID)))
	}
	if n.User != "" {
		who = append(who, escape.Text(n.User))
	}
	if len(who) > 0 {
		lines = append(lines, strings.Join(who, " · "))
	}
	if !n.Key.ExecTime.IsZero() {
		lines = append(lines, formatTreeTime(n.Key.ExecTime))
	}
	rules := n.Rules
	for i, rc := range rules {
		if i == maxLabelRules {
			lines = append(lines, "+"+strconv.Itoa(len(rules)-i)+" more rules")
			break
		}
		lines = append(lines, treeRuleID(rc.RuleID)+" ×"+strconv.Itoa(rc.Count))
	}
	return lines
}
