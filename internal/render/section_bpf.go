package render

import "github.com/csmctl/csmctl/internal/model"

func init() { showSections.register(&bpfSection) }

var bpfSection = showSection{
	name: "bpf", order: 254, shows: []string{"bpf"},
	has:   func(ev *model.Event) bool { return ev.BPF != nil },
	write: (*eventView).bpf,
}

// bpf shows the bpf(2) command and what it was about, "BPF_PROG_LOAD
// program trace_return BPF_PROG_TYPE_KPROBE", then every other field as
// written.
func (v *eventView) bpf() {
	b := v.ev.BPF
	v.section("bpf", func(t *Table) {
		line := b.Cmd
		if p := b.Program; p != nil {
			line = joinNonEmpty(" ", line, "program", p.Name, p.ProgramType)
		}
		if m := b.Map; m != nil {
			line = joinNonEmpty(" ", line, "map", m.Name, m.MapType)
		}
		fieldRow(t, "cmd", line)
		restRows(t, "", v.ev.BPF, "cmd", "program.name", "program.program_type", "map.name", "map.map_type")
	})
}
