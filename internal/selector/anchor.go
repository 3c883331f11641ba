package selector

import (
	"encoding/json"
	"time"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/model"
)

// Anchor reads every record of r and returns the latest valid top-level
// date: "--since 2h" means the two hours before the last event, so a log
// from last month can be sliced without knowing when it ends. Records that
// are not JSON are skipped here; the command reading the input for real
// reports them.
func Anchor(r *input.Reader) time.Time {
	var latest time.Time
	var probe struct {
		Date model.Time `json:"date"`
	}
	_ = r.Each(func(rec *input.Record) error {
		probe.Date = model.Time{}
		if rec.Err == nil && json.Unmarshal(rec.Data, &probe) == nil && probe.Date.Valid() && probe.Date.Time.After(latest) {
			latest = probe.Date.Time
		}
		return nil
	}, func(error) {})
	return latest
}
