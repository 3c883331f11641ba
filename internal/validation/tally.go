package validation

import "github.com/csmctl/csmctl/internal/schema"

// Tally counts verdicts, and the inputs that could not be read whole.
type Tally struct {
	Events, Invalid, Syntax, Warned int
	Unread                          int
	BySchema                        []SchemaTally // JSON events, by the schema that judged them
}

// SchemaTally counts the events one schema judged.
type SchemaTally struct {
	Schema         schema.Choice
	Valid, Invalid int
}

// of returns the counts of the events schema c judged, new ones at first.
func (t *Tally) of(c schema.Choice) *SchemaTally {
	for i := range t.BySchema {
		if t.BySchema[i].Schema == c {
			return &t.BySchema[i]
		}
	}
	t.BySchema = append(t.BySchema, SchemaTally{Schema: c})
	return &t.BySchema[len(t.BySchema)-1]
}

// add adds the counts of u.
func (t *Tally) add(u Tally) {
	t.Events += u.Events
	t.Invalid += u.Invalid
	t.Syntax += u.Syntax
	t.Warned += u.Warned
	for _, st := range u.BySchema {
		mine := t.of(st.Schema)
		mine.Valid += st.Valid
		mine.Invalid += st.Invalid
	}
}

// count counts one verdict, graded by policy, and reports whether it is
// worth printing (it has findings).
func (t *Tally) count(vd *schema.Verdict, policy schema.Policy) bool {
	t.Events++
	if len(vd.Findings) == 0 {
		t.of(vd.Schema).Valid++
		return false
	}
	switch {
	case vd.Syntax():
		t.Invalid++
		t.Syntax++
	case policy.Grade(vd.Findings):
		t.Warned++
		t.of(vd.Schema).Valid++
	default:
		t.Invalid++
		t.of(vd.Schema).Invalid++
	}
	return true
}
