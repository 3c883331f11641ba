package hunt

import (
	"testing"

	"github.com/csmctl/csmctl/internal/secl"
)

// BenchmarkSelective is the accessor's part of a selective expression: one
// exec field, on events mostly of other types, which are left after evt.name.
func BenchmarkSelective(b *testing.B) {
	events := readEvents(b, "testdata/linux-contexts.ndjson.gz")
	rules, err := FromExpr(`exec.file.path == "/usr/bin/curl"`, Linux())
	if err != nil {
		b.Fatal(err)
	}
	benchRules(b, events, rules)
}

// BenchmarkAncestors reads an array field of every event.
func BenchmarkAncestors(b *testing.B) {
	events := readEvents(b, "testdata/linux-contexts.ndjson.gz")
	rules, err := FromExpr(`process.ancestors.file.name in ["cron", "crond"]`, Linux())
	if err != nil {
		b.Fatal(err)
	}
	benchRules(b, events, rules)
}

func benchRules(b *testing.B, events [][]byte, rules *Rules) {
	size := 0
	for _, e := range events {
		size += len(e)
	}
	b.SetBytes(int64(size))
	ev := NewEvent(Linux(), AgentConstant)
	vars := secl.NewVariables()
	b.ResetTimer()
	for range b.N {
		for _, raw := range events {
			ev.Reset(raw)
			rules.Match(ev, vars)
		}
	}
}
