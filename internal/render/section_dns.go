package render

import (
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/record"
)

func init() { showSections.register(&dnsSection) }

var dnsSection = showSection{
	name: "dns", order: 220, shows: []string{"dns"},
	has:   func(ev *model.Event) bool { return ev.DNS != nil },
	write: (*eventView).dns,
}

// dns shows the question and the response on one line, "example.com A IN
// → NOERROR", then every field as written, the response code named.
func (v *eventView) dns() {
	d := v.ev.DNS
	v.section("dns", func(t *Table) {
		summary := ""
		if q := d.Question; q != nil {
			summary = joinNonEmpty(" ", q.Name, q.Type, dnsClassName(q.Class))
		}
		if r := d.Response; r != nil && r.Code.Present() {
			answer := dnsResponseCodeName(r.Code)
			if answer == "" {
				answer = "response code " + record.IntText(r.Code)
			}
			summary = joinNonEmpty(" → ", summary, answer)
		}
		fieldRow(t, "question", summary)
		if r := d.Response; r != nil {
			fieldRow(t, "response.code", dnsResponseCodeText(r.Code))
		}
		restRows(t, "", v.ev.DNS, "question.name", "question.type", "response.code")
	})
}
