package model

import "encoding/json"

// AgentContext identifies the rule that matched and the Datadog Agent that
// reported the event. The schema gives its fields no descriptions.
type AgentContext struct {
	// ID of the rule that matched (required by the schema).
	RuleID string `json:"rule_id,omitempty"`
	// Version of the rule that matched.
	RuleVersion string `json:"rule_version,omitempty"`
	// Actions the rule triggered. The schema leaves the items untyped.
	RuleActions []any `json:"rule_actions,omitempty"`
	// Name of the policy the rule comes from.
	PolicyName string `json:"policy_name,omitempty"`
	// Version of the policy the rule comes from.
	PolicyVersion string `json:"policy_version,omitempty"`
	// Version of the Agent that reported the event.
	Version string `json:"version,omitempty"`
	// Operating system of the reporting host, for example "windows".
	OS string `json:"os,omitempty"`
	// CPU architecture of the reporting host, for example "x64".
	Arch string `json:"arch,omitempty"`
	// Origin of the event inside the Agent: the probe that produced it.
	Origin string `json:"origin,omitempty"`

	// Extra holds unknown and ill-typed properties, as Event.Extra does.
	Extra map[string]json.RawMessage `json:"-"`
}
