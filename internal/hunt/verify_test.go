package hunt

import (
	"bytes"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/pipeline"
)

// TestVerifyGeneratedCorpus re-evaluates the rule contexts of a generated
// Linux corpus (gencorpus -os linux -n 200 -seed 1). Every difference left
// is the generator's, not the mapping's: it attaches a rule's expression to
// events that do not satisfy it, and writes rules with fields the agent
// does not have. Each is listed here with why; a new one fails the test.
func TestVerifyGeneratedCorpus(t *testing.T) {
	const file = "testdata/linux-contexts.ndjson.gz"
	var out, errOut bytes.Buffer
	p, err := pipeline.New(pipeline.Options{Files: []string{file}, ErrOut: &errOut, Workers: 2})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	v, err := Verify(p, &out, AgentConstant)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// "/tmp/.ICE-unix/.x" is two segments below /tmp: ~"/tmp/.*" holds
		// one (* stays within a segment, as the agent's path patterns do).
		file + `:6: verdict differs: the agent matched, csmctl does not: rmdir.file.path ["/tmp/.ICE-unix/.x"] is false`,
		// A pcap filter: no backend event says which it passed.
		file + `:22: not evaluable: rule_context:1:1: packet.filter: not available in backend events: a pcap filter the agent compiles into the kernel; events do not say which filter they passed`,
		// The generator's rules name a field the agent spells
		// setxattr.file.destination.namespace.
		file + `:30: not evaluable: rule_context:1:1: setxattr.file.namespace: not available in backend events: not an agent field: the agent names it setxattr.file.destination.namespace`,
		file + `:34: not evaluable: rule_context:1:1: setxattr.file.namespace: not available in backend events: not an agent field: the agent names it setxattr.file.destination.namespace`,
		// connect events of processes in no container, under a rule that
		// wants one.
		file + `:56: verdict differs: the agent matched, csmctl does not: container.id [""] is false`,
		file + `:61: not evaluable: rule_context:1:1: setxattr.file.namespace: not available in backend events: not an agent field: the agent names it setxattr.file.destination.namespace`,
		file + `:103: verdict differs: the agent matched, csmctl does not: container.id [""] is false`,
	}
	if got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v != (Verified{Contexts: 199, Agree: 192, Differ: 3, NotCompile: 4}) {
		t.Errorf("counts %+v", v)
	}
	if got, want := errOut.String(), "199 events with a rule context: 192 agree, 3 differ, 4 not evaluable\n"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}
