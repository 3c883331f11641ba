package validation

import (
	"slices"
	"testing"

	"github.com/csmctl/csmctl/internal/schema"
)

var (
	linux   = schema.Choice{Schema: "linux", By: schema.ByAgentOS}
	windows = schema.Choice{Schema: "windows", By: schema.ByAgentOS}
	guessed = schema.Choice{Schema: "windows", By: schema.ByDefault}
	byShape = schema.Choice{Schema: "linux", By: schema.ByShape}
	hostile = schema.Choice{Schema: "evil\x1b[2J.json", By: schema.ByOption}
)

func TestSummary(t *testing.T) {
	tests := []struct {
		name  string
		tally Tally
		want  []string
	}{
		{
			name:  "one event, one schema the events named: one line",
			tally: Tally{Events: 1, BySchema: []SchemaTally{{Schema: linux, Valid: 1}}},
			want:  []string{"1 event: 1 valid, 0 invalid"},
		},
		{
			name:  "nothing read",
			tally: Tally{},
			want:  []string{"0 events: 0 valid, 0 invalid"},
		},
		{
			name: "warnings, lines not JSON and an input not read whole",
			tally: Tally{Events: 12, Invalid: 3, Syntax: 1, Warned: 2, Unread: 1,
				BySchema: []SchemaTally{{Schema: windows, Valid: 9, Invalid: 2}}},
			want: []string{"12 events: 9 valid (2 with warnings), 3 invalid (1 not JSON); incomplete: 1 input could not be read whole"},
		},
		{
			name: "two schemas: a second line, sorted by label, invalid only when some are",
			tally: Tally{Events: 7, Invalid: 1, Unread: 2, BySchema: []SchemaTally{
				{Schema: windows, Valid: 2}, {Schema: linux, Valid: 4, Invalid: 1}}},
			want: []string{
				"7 events: 6 valid, 1 invalid; incomplete: 2 inputs could not be read whole",
				"schemas: linux 4 valid, 1 invalid; windows 2 valid",
			},
		},
		{
			name:  "one schema, guessed: news",
			tally: Tally{Events: 2, BySchema: []SchemaTally{{Schema: guessed, Valid: 2}}},
			want:  []string{"2 events: 2 valid, 0 invalid", "schemas: windows (guessed) 2 valid"},
		},
		{
			name:  "one schema, by shape: news",
			tally: Tally{Events: 1, BySchema: []SchemaTally{{Schema: byShape, Valid: 1}}},
			want:  []string{"1 event: 1 valid, 0 invalid", "schemas: linux (by shape) 1 valid"},
		},
		{
			// The pipeline escapes what it writes; the summary keeps
			// the name as given.
			name:  "a schema file name is left for the writer to escape",
			tally: Tally{Events: 1, BySchema: []SchemaTally{{Schema: hostile, Valid: 1}, {Schema: linux}}},
			want:  []string{"1 event: 1 valid, 0 invalid", "schemas: evil\x1b[2J.json 1 valid; linux 0 valid"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.tally.Summary(); !slices.Equal(got, tt.want) {
				t.Errorf("Summary() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// Counting grades each verdict once: valid, valid with warnings, invalid,
// not JSON; the per-schema counts leave out what is not JSON.
func TestTallyCount(t *testing.T) {
	unknown := []schema.Finding{{Keyword: "additionalProperties", Path: "/x", Message: "unknown property"}}
	verdicts := []schema.Verdict{
		{Schema: linux},
		{Schema: linux, Findings: []schema.Finding{{Keyword: "type", Path: "/process/pid", Message: "want integer"}}},
		{Schema: windows, Findings: unknown},
		{Findings: []schema.Finding{{Keyword: schema.KeywordSyntax, Message: "unexpected end of input"}}},
	}
	tests := []struct {
		policy schema.Policy
		want   Tally
	}{
		{schema.Policy{}, Tally{Events: 4, Invalid: 3, Syntax: 1, BySchema: []SchemaTally{
			{Schema: linux, Valid: 1, Invalid: 1}, {Schema: windows, Invalid: 1}}}},
		{schema.Policy{AllowUnknown: true}, Tally{Events: 4, Invalid: 2, Syntax: 1, Warned: 1, BySchema: []SchemaTally{
			{Schema: linux, Valid: 1, Invalid: 1}, {Schema: windows, Valid: 1}}}},
	}
	for _, tt := range tests {
		var got Tally
		printed := 0
		for i := range verdicts {
			vd := verdicts[i]
			vd.Findings = slices.Clone(vd.Findings)
			if got.count(&vd, tt.policy) {
				printed++
			}
		}
		if printed != 3 {
			t.Errorf("policy %+v: %d verdicts to print, want the 3 with findings", tt.policy, printed)
		}
		if got.Events != tt.want.Events || got.Invalid != tt.want.Invalid || got.Syntax != tt.want.Syntax ||
			got.Warned != tt.want.Warned || !slices.Equal(got.BySchema, tt.want.BySchema) {
			t.Errorf("policy %+v: tally %+v, want %+v", tt.policy, got, tt.want)
		}
		var sum Tally
		sum.add(got)
		sum.add(got)
		if sum.Events != 2*got.Events || sum.BySchema[0].Valid != 2*got.BySchema[0].Valid {
			t.Errorf("add twice: %+v, want double %+v", sum, got)
		}
	}
}
