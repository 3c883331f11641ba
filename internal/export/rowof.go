package export

import (
	"strings"
	"unicode/utf8"

	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/record"
)

// rowOf is the row of ev, from its flat view (package record), and
// whether a typed column is NULL for a value of the wrong type.
func rowOf(ev *pipeline.Event) (Row, bool) {
	rec := record.Of(ev.Model, ev.Host, ev.Pos)
	var ill illTyped
	r := Row{
		DateText:               validUTF8(rec.DateText),
		Host:                   validUTF8(rec.Host),
		OS:                     validUTF8(rec.OS),
		RuleID:                 validUTF8(rec.RuleID),
		RuleVersion:            validUTF8(rec.RuleVersion),
		Title:                  validUTF8(rec.Title),
		Event:                  validUTF8(rec.Event),
		Category:               validUTF8(rec.Category),
		Outcome:                validUTF8(rec.Outcome),
		PID:                    ill.integer(rec.PID),
		PPID:                   ill.integer(rec.PPID),
		ExecutablePath:         validUTF8(rec.ExecutablePath),
		Cmdline:                validUTF8(rec.Cmdline),
		User:                   validUTF8(rec.User),
		ContainerID:            validUTF8(rec.ContainerID),
		FilePath:               validUTF8(rec.FilePath),
		FileDestinationPath:    validUTF8(rec.FileDestinationPath),
		RegistryKeyPath:        validUTF8(rec.RegistryKeyPath),
		DNSQuestionName:        validUTF8(rec.DNSQuestionName),
		NetworkDestinationIP:   validUTF8(rec.NetworkDestinationIP),
		NetworkDestinationPort: ill.integer(rec.NetworkDestinationPort),
		ExitCode:               ill.integer(rec.ExitCode),
		SourceFile:             validUTF8(rec.SourceFile),
		SourceLine:             int64(rec.SourceLine),
		EventJSON:              validUTF8(string(ev.Raw)),
	}
	switch rec.DateState {
	case record.DateValid:
		usec := rec.Instant.UnixMicro()
		r.Date = &usec
	case record.DateIllTyped:
		ill = true
	}
	if len(rec.Ancestors) > 0 {
		r.Ancestors = make([]Ancestor, len(rec.Ancestors))
		for i, a := range rec.Ancestors {
			r.Ancestors[i] = Ancestor{PID: ill.integer(a.PID), ExecutablePath: validUTF8(a.ExecutablePath), Cmdline: validUTF8(a.Cmdline)}
		}
	}
	return r, bool(ill)
}

// illTyped notes that a value had the wrong type.
type illTyped bool

// integer is v, or nil when absent or ill-typed (noted).
func (ill *illTyped) integer(v model.Int) *int64 {
	n, ok := v.Int64()
	if !ok {
		if v.IllTyped() {
			*ill = true
		}
		return nil
	}
	return &n
}

// validUTF8 is s with each byte that is not UTF-8 (each run of them) replaced by U+FFFD, as
// Parquet's and JSON's strings must be UTF-8 (DuckDB refuses a file with
// one that is not).
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
