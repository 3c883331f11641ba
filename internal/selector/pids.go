package selector

import (
	"strconv"
	"strings"
)

// pidList is the --pid flag's value: integers, repeatable and
// comma-separated. pflag's own int64 slice would show "(default [])" in
// the help.
type pidList struct{ pids *[]int64 }

func (p pidList) Set(s string) error {
	for _, field := range strings.Split(s, ",") {
		// A *strconv.NumError: the command words it for the user.
		pid, err := strconv.ParseInt(strings.TrimSpace(field), 10, 64)
		if err != nil {
			return err
		}
		*p.pids = append(*p.pids, pid)
	}
	return nil
}

func (p pidList) String() string {
	if p.pids == nil {
		return ""
	}
	var b strings.Builder
	for i, pid := range *p.pids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(pid, 10))
	}
	return b.String()
}

func (p pidList) Type() string { return "N" }
