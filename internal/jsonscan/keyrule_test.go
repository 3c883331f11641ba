package jsonscan_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/csmctl/csmctl/internal/lineage"
	"github.com/csmctl/csmctl/internal/model"
	"github.com/csmctl/csmctl/internal/query"
)

// keyRuleObjects are objects whose member named K csmctl must find as jq
// does: keys matched byte for byte once unescaped, the last of repeated
// keys winning. K stands for the key, KE for it spelled with a \u escape,
// KU for it in upper case, QK for it quoted inside a string; A, B and C
// for three string values; want is the value the object holds under K,
// "" for none.
var keyRuleObjects = []struct{ name, object, want string }{
	{"one", `{K:A}`, "A"},
	{"none", `{"x":A}`, ""},
	{"last of two", `{K:A,"x":1,K:B}`, "B"},
	{"last of three", `{K:A,K:B,"y":[K],K:C}`, "C"},
	{"nested key of that name", `{K:A,"x":{K:B}}`, "A"},
	{"key in a string", `{K:A,"t":"QK:1"}`, "A"},
	{"escaped last", `{K:A,KE:B}`, "B"},
	{"escaped first", `{KE:A,K:B}`, "B"},
	{"escaped alone", `{"x":1,KE:A}`, "A"},
	{"other case", `{K:A,KU:B}`, "A"},
	{"other case alone", `{KU:A}`, ""},
	{"null last", `{K:A,K:null}`, ""},
	{"object last", `{K:A,K:{"x":B}}`, ""},
}

// object spells o for key k with the values of a date.
func object(o, k string) string {
	escaped := `"\u` + fmt.Sprintf("%04x", k[0]) + k[1:] + `"`
	return strings.NewReplacer(`QK`, `\"`+k+`\"`, `KE`, escaped, `KU`, `"`+strings.ToUpper(k)+`"`, `K`, `"`+k+`"`,
		`A`, `"2025-11-03T09:00:00Z"`, `B`, `"2025-11-03T10:00:00Z"`, `C`, `"2025-11-03T11:00:00Z"`).Replace(o)
}

// wantValue is the value a keyRuleObjects entry stands for.
func wantValue(v string) string {
	return map[string]string{"A": "2025-11-03T09:00:00Z", "B": "2025-11-03T10:00:00Z", "C": "2025-11-03T11:00:00Z"}[v]
}

// TestKeyRuleEverywhere feeds the same objects to every walker that answers
// "what is key K's value", and checks each answers as jq (and query's
// decoder) does. Each walker reads its own key: date at the top of an
// event, rule_id in agent, host in a Datadog envelope.
func TestKeyRuleEverywhere(t *testing.T) {
	str := func(v any) string { s, _ := v.(string); return s }
	walkers := []struct {
		name string
		read func(t *testing.T, o string) string // the value under K in o
	}{
		{"query.Decoder, date", func(t *testing.T, o string) string {
			var d query.Decoder
			v, _, err := d.Decode(object(o, "date"), 0)
			if err != nil {
				t.Fatal(err)
			}
			return str(v.(map[string]any)["date"])
		}},
		{"jsonscan.Member, date", func(t *testing.T, o string) string {
			lit := jsonscan.Member([]byte(object(o, "date")), 0, "date")
			if len(lit) == 0 || lit[0] != '"' {
				return ""
			}
			return jsonscan.Unquote(lit)
		}},
		{"jsonscan.Member, agent.rule_id", func(t *testing.T, o string) string {
			lit := jsonscan.Member([]byte(`{"agent":`+object(o, "rule_id")+`}`), 0, "agent", "rule_id")
			if len(lit) == 0 || lit[0] != '"' {
				return ""
			}
			return jsonscan.Unquote(lit)
		}},
		{"model.Decode, date", func(t *testing.T, o string) string {
			ev, err := model.Decode([]byte(object(o, "date")))
			if err != nil {
				t.Fatal(err)
			}
			return dateOf(ev.Date)
		}},
		{"model.Decode, agent.rule_id", func(t *testing.T, o string) string {
			ev, err := model.Decode([]byte(`{"agent":` + object(o, "rule_id") + `}`))
			if err != nil {
				t.Fatal(err)
			}
			if ev.Agent == nil {
				return ""
			}
			return ev.Agent.RuleID
		}},
		{"lineage.Decode, date", func(t *testing.T, o string) string {
			var ev model.Event
			if _, err := lineage.Decode([]byte(object(o, "date")), 0, &ev); err != nil {
				t.Fatal(err)
			}
			return dateOf(ev.Date)
		}},
		{"lineage.Decode, agent.rule_id", func(t *testing.T, o string) string {
			var ev model.Event
			if _, err := lineage.Decode([]byte(`{"agent":`+object(o, "rule_id")+`}`), 0, &ev); err != nil {
				t.Fatal(err)
			}
			if ev.Agent == nil {
				return ""
			}
			return ev.Agent.RuleID
		}},
		{"input envelope, host", func(t *testing.T, o string) string {
			// The envelope's own members, the event's first.
			envelope := `{"_id":"1","attributes":{"title":"t"},` + strings.TrimPrefix(object(o, "host"), "{")
			var host string
			err := input.Open(nil, strings.NewReader(envelope+"\n"), input.Options{}).Each(func(r *input.Record) error {
				host = r.Host
				return nil
			}, func(err error) { t.Fatal(err) })
			if err != nil {
				t.Fatal(err)
			}
			return host
		}},
	}
	for _, w := range walkers {
		for _, o := range keyRuleObjects {
			t.Run(w.name+"/"+o.name, func(t *testing.T) {
				if got, want := w.read(t, o.object), wantValue(o.want); got != want {
					t.Errorf("%s: %q, want %q", o.object, got, want)
				}
			})
		}
	}
}

// dateOf is an event's date as its text, "" for none.
func dateOf(t model.Time) string {
	if !t.Valid() {
		return ""
	}
	return t.Time.UTC().Format("2006-01-02T15:04:05Z")
}
