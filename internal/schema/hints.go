package schema

import "strings"

// Deviations real agents are known to emit. They are still errors (the
// schema says so) but the user learns where they come from.
const (
	hintUserSID   = "older Windows agents emit process.user_sid; the schema has no such property (the SID is in usr.sid)"
	hintEmptyDate = `some agent builds emit "date": {} instead of a timestamp`
)

// Policy says how findings are graded after validation.
type Policy struct {
	// AllowUnknown makes unknown properties warnings instead of errors, as
	// Datadog's own test harness treats them.
	AllowUnknown bool
}

// Grade adds hints to known deviations and applies the policy. It reports
// whether the event is still valid: it has no finding that is not a warning.
func (p Policy) Grade(findings []Finding) (valid bool) {
	valid = true
	for i := range findings {
		f := &findings[i]
		switch {
		case f.Keyword == "additionalProperties" && isProcessUserSID(f.Path):
			f.Hint = hintUserSID
		case f.Keyword == "type" && f.Path == "/date" && strings.HasSuffix(f.Message, "got object"):
			f.Hint = hintEmptyDate
		}
		if p.AllowUnknown && f.Keyword == "additionalProperties" {
			f.Warning = true
		}
		if !f.Warning {
			valid = false
		}
	}
	return valid
}

// isProcessUserSID matches /process/user_sid, /process/parent/user_sid and
// /process/ancestors/N/user_sid.
func isProcessUserSID(path string) bool {
	rest, ok := strings.CutPrefix(path, "/process/")
	if !ok || !strings.HasSuffix(rest, "user_sid") {
		return false
	}
	rest = strings.TrimSuffix(rest, "user_sid")
	if rest == "" || rest == "parent/" {
		return true
	}
	idx, ok := strings.CutPrefix(rest, "ancestors/")
	idx, ok2 := strings.CutSuffix(idx, "/")
	return ok && ok2 && idx != "" && strings.Trim(idx, "0123456789") == ""
}
