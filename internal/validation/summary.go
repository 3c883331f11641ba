package validation

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/csmctl/csmctl/internal/render"
	"github.com/csmctl/csmctl/internal/schema"
)

// Summary is what a run says at its end on standard error, unescaped: a
// line of counts, and a second one by schema when that is news.
//
//	12 events: 10 valid (1 with warnings), 2 invalid (1 not JSON)
//	schemas: linux 4 valid; windows (guessed) 6 valid, 1 invalid
func (t *Tally) Summary() []string {
	s := fmt.Sprintf("%s: %d valid", render.Count(t.Events, "event", "events"), t.Events-t.Invalid)
	if t.Warned > 0 {
		s += fmt.Sprintf(" (%d with warnings)", t.Warned)
	}
	s += fmt.Sprintf(", %d invalid", t.Invalid)
	if t.Syntax > 0 {
		s += fmt.Sprintf(" (%d not JSON)", t.Syntax)
	}
	if t.Unread > 0 {
		// The counts are of what could be read: say they are not the input's.
		s += "; incomplete: " + render.Count(t.Unread, "input", "inputs") + " could not be read whole"
	}
	if bySchema := schemaSummary(t.BySchema); bySchema != "" {
		return []string{s, bySchema}
	}
	return []string{s}
}

// schemaSummary is a line saying which schema judged how many events, when
// that is news: more than one schema judged them, or an event did not say
// its OS. It is empty otherwise.
//
//	schemas: linux 40 valid, 2 invalid; windows (guessed) 10 valid
func schemaSummary(bySchema []SchemaTally) string {
	news := len(bySchema) > 1
	for _, st := range bySchema {
		news = news || st.Schema.By == schema.ByShape || st.Schema.By == schema.ByDefault
	}
	if !news {
		return ""
	}
	sorted := slices.SortedFunc(slices.Values(bySchema), func(a, b SchemaTally) int {
		return cmp.Compare(a.Schema.Label(), b.Schema.Label())
	})
	s := "schemas: "
	for i, st := range sorted {
		if i > 0 {
			s += "; "
		}
		s += fmt.Sprintf("%s %d valid", st.Schema.Label(), st.Valid)
		if st.Invalid > 0 {
			s += fmt.Sprintf(", %d invalid", st.Invalid)
		}
	}
	return s
}
