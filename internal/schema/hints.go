package schema

import "strings"

// knownDeviation is a way real agents are known to fail the schema. Such
// findings are still errors (the schema says so) but the user learns where
// they come from.
type knownDeviation struct {
	hint string
	// is reports whether f, one of an event's findings, is this deviation.
	is func(f *Finding, all []Finding) bool
}

var knownDeviations = []knownDeviation{
	{
		"older Windows agents emit process.user_sid; the schema has no such property (the SID is in usr.sid)",
		func(f *Finding, _ []Finding) bool {
			return f.Keyword == "additionalProperties" && isProcessField(f.Path, "user_sid")
		},
	},
	{
		`some agent builds emit "date": {} instead of a timestamp`,
		func(f *Finding, _ []Finding) bool {
			return f.Keyword == "type" && f.Path == "/date" && strings.HasSuffix(f.Message, "got object")
		},
	},
	{
		"Linux agents older than credentials.auid (the login UID) do not emit it; the schema requires it",
		func(f *Finding, _ []Finding) bool {
			return f.Keyword == "required" && f.Message == missingAuid && isProcessField(f.Path, "credentials")
		},
	},
	{
		`the agent's serializer writes "response": null on DNS queries (it has no omitempty there); the schema wants an object`,
		func(f *Finding, _ []Finding) bool {
			return f.Keyword == "type" && f.Path == "/dns/response" && strings.HasSuffix(f.Message, "got null")
		},
	},
	{
		"no agent and no title: this looks like the agent's own serializer output, not the backend event, which adds both",
		func(f *Finding, all []Finding) bool {
			return f.Path == "" && f.Keyword == "required" && f.Message == missingAgent &&
				hasFinding(all, Finding{Keyword: "required", Message: missingTitle})
		},
	},
}

// The messages of the compiled validator (validate.go) for these missing
// properties.
const (
	missingAuid  = `missing required property "auid"`
	missingAgent = `missing required property "agent"`
	missingTitle = `missing required property "title"`
)

// Policy says how findings are graded after validation.
type Policy struct {
	// AllowUnknown makes unknown properties warnings instead of errors, as
	// Datadog's own test harness treats them.
	AllowUnknown bool
}

// Grade adds hints to known deviations and applies the policy. It reports
// whether the event is still valid: it has no finding that is not a warning.
// A hint is given once an event, on the first finding it explains: an old
// agent's event missing auid in each of 30 ancestors reads the hint once.
func (p Policy) Grade(findings []Finding) (valid bool) {
	valid = true
	var given uint64 // bit k: knownDeviations[k]'s hint is given
	for i := range findings {
		f := &findings[i]
		for k := range knownDeviations {
			if given&(1<<k) == 0 && knownDeviations[k].is(f, findings) {
				f.Hint = knownDeviations[k].hint
				given |= 1 << k
				break
			}
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

// hasFinding reports whether findings has one with want's path, keyword and
// message.
func hasFinding(findings []Finding, want Finding) bool {
	for _, f := range findings {
		if f.Path == want.Path && f.Keyword == want.Keyword && f.Message == want.Message {
			return true
		}
	}
	return false
}

// isProcessField matches /process/NAME, /process/parent/NAME and
// /process/ancestors/N/NAME.
func isProcessField(path, name string) bool {
	rest, ok := strings.CutPrefix(path, "/process/")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, name)
	if !ok {
		return false
	}
	if rest == "" || rest == "parent/" {
		return true
	}
	idx, ok := strings.CutPrefix(rest, "ancestors/")
	idx, ok2 := strings.CutSuffix(idx, "/")
	return ok && ok2 && idx != "" && strings.Trim(idx, "0123456789") == ""
}
