package model

import "encoding/json"

// EventContext says what kind of event this is and how it ended (schema:
// "EventContextSerializer serializes an event context to JSON").
type EventContext struct {
	// Event name
	Name string `json:"name,omitempty"`
	// Event category
	Category string `json:"category,omitempty"`
	// Event outcome
	Outcome string `json:"outcome,omitempty"`
	// True if the event was asynchronous
	Async bool `json:"async,omitempty"`
	// The list of rules that the event matched (only valid in the context of an anomaly)
	MatchedRules []MatchedRule `json:"matched_rules,omitempty"`
	// Variables values
	Variables Variables `json:"variables,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}

// MatchedRule is one rule an anomaly event matched (schema:
// "MatchedRuleSerializer serializes a rule").
type MatchedRule struct {
	// ID of the rule
	ID string `json:"id,omitempty"`
	// Version of the rule
	Version string `json:"version,omitempty"`
	// Tags of the rule
	Tags []string `json:"tags,omitempty"`
	// Name of the policy that introduced the rule
	PolicyName string `json:"policy_name,omitempty"`
	// Version of the policy that introduced the rule
	PolicyVersion string `json:"policy_version,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}

// Variables holds the values of rule variables (schema: "Variables
// serializes the variable values"). The schema leaves its content open, so
// it stays a map; numbers decode as float64.
type Variables map[string]any
