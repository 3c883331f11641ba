package selector

import (
	"time"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/rfc3339"
)

// Anchor reads every event of r and returns the latest valid top-level
// date: "--since 2h" means the two hours before the last event, so a log
// from last month can be sliced without knowing when it ends. Only each
// event's "date" key is read (matched exactly, as everywhere). Problems are
// left to the command that reads the input for real, which reports them.
func Anchor(r *input.Reader) time.Time {
	var latest time.Time
	_ = r.Each(func(rec *input.Record) error {
		for v := range rec.Values() {
			if v.Err != nil {
				break
			}
			lit := jsonscan.Member(v.Data, 0, "date")
			if len(lit) < 2 || lit[0] != '"' {
				continue
			}
			if t, err := rfc3339.Parse([]byte(jsonscan.Unquote(lit))); err == nil && t.After(latest) {
				latest = t
			}
		}
		return nil
	}, func(error) {})
	return latest
}
