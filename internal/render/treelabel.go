package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"strconv"
	"strings"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/lineage"
)

// treeCommandLine is the process's command line, sanitized: the event's
// cmdline (Windows), else argv0 and args quoted (Linux), "" when neither;
// truncated says the agent cut the args.
func treeCommandLine(n *lineage.Node) (cmdline string, truncated bool) {
	switch {
	case n.Cmdline != "":
		return escape.Text(n.Cmdline), false
	case n.Linux != nil && n.Linux.CommandLine != "":
		return escape.Text(n.Linux.CommandLine), n.Linux.ArgsTruncated
	}
	return "", false
}

// shortContainerID is as much of a container id as `docker ps` shows.
func shortContainerID(id string) string {
	if len(id) > 12 {
		id = id[:12]
	}
	return escape.Text(id)
}

// maxLabelRules is how many rules a picture's node lists before "+N more".
const maxLabelRules = 4

// treeLabel is the text of a process's node in a picture, one sanitized
// line per element: name; pid, user and container; exec time; a Linux
// process's command line; then its rules with their counts.
func treeLabel(n *lineage.Node) []string {
	lines := []string{escape.Text(n.DisplayName())}
	var who []string
	if n.Key.PID.Present() {
		who = append(who, "pid "+escape.Text(record.IntText(n.Key.PID)))
	}
	if n.User != "" {
		who = append(who, escape.Text(n.User))
	}
	if n.ContainerID != "" {
		who = append(who, shortContainerID(n.ContainerID))
	}
	if len(who) > 0 {
		lines = append(lines, strings.Join(who, " · "))
	}
	if t := n.ExecTimeText(); t != "" {
		lines = append(lines, t)
	}
	if n.Cmdline == "" { // a Windows one, often long, is only DOT's tooltip
		if cmdline, truncated := treeCommandLine(n); cmdline != "" {
			if truncated {
				cmdline += " …"
			}
			lines = append(lines, cmdline)
		}
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
