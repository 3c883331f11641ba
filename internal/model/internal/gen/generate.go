package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/format"
	"slices"
	"strings"
)

// schemaDoc is the part of a JSON Schema file the generator reads.
type schemaDoc struct {
	Defs       orderedProps `json:"$defs"`
	Properties orderedProps `json:"properties"`
}

// namedSchema is a schema file and the platform name its fields are tagged
// with.
type namedSchema struct {
	name string
	doc  schemaDoc
}

// prop is a schema (a property's or a $def's), as far as the generator
// reads it. Items and AdditionalProperties may be the boolean true.
type prop struct {
	Ref                  string          `json:"$ref"`
	Type                 string          `json:"type"`
	Format               string          `json:"format"`
	Description          string          `json:"description"`
	Items                json.RawMessage `json:"items"`
	AdditionalProperties json.RawMessage `json:"additionalProperties"`
	Properties           orderedProps    `json:"properties"`
}

// orderedProps is a JSON object of schemas, in the file's order: the
// generated fields follow the schema's order.
type orderedProps struct {
	keys  []string
	byKey map[string]prop
}

func (o *orderedProps) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return err
	}
	o.byKey = map[string]prop{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // an object key is always a string
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		var p prop
		if string(raw) != "true" { // "items": true allows anything
			if err := json.Unmarshal(raw, &p); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		if _, dup := o.byKey[key]; !dup {
			o.keys = append(o.keys, key)
		}
		o.byKey[key] = p
	}
	return nil
}

// embeds lists the $defs whose Go type embeds another's, because the schema
// repeats all of the other's properties in it: lineage treats the event's
// process as one of its ancestors, and show renders the event's file as any
// other file.
var embeds = map[string]string{"ProcessContext": "Process", "FileEvent": "File"}

// topDocs are the doc comments of Event's fields, which the schemas do not
// describe: they only refer to a $def, whose description goes on its type.
var topDocs = map[string]string{
	"agent":             "Agent identifies the rule that matched and the agent that reported it.",
	"title":             "Title is the human-readable title of the rule that matched.",
	"evt":               "Evt says what kind of event this is and how it ended.",
	"date":              "Date is when the event happened, in the reporting host's offset.",
	"file":              "File is the file the event is about (exec, open, write, ...).",
	"exit":              "Exit is how the process ended, for exit events.",
	"process":           "Process is the process that caused the event, with its ancestors.",
	"container":         "Container is the container the event happened in, if any.",
	"usr":               "Usr is the user the process ran as.",
	"registry":          "Registry is the Windows registry key the event is about.",
	"permission_change": "PermissionChange is the security descriptor change, for change_permission events.",
}

// notes document the properties that the schemas leave undescribed and
// that the model has more to say about than their key.
var notes = map[string]string{
	"AgentContext.rule_id":        "ID of the rule that matched (required by the schema).",
	"AgentContext.rule_version":   "Version of the rule that matched.",
	"AgentContext.rule_actions":   "Actions the rule triggered. The schema leaves the items untyped.",
	"AgentContext.policy_name":    "Name of the policy the rule comes from.",
	"AgentContext.policy_version": "Version of the policy the rule comes from.",
	"AgentContext.version":        "Version of the Agent that reported the event.",
	"AgentContext.os":             "Operating system of the reporting host, for example \"windows\" or \"linux\".",
	"AgentContext.arch":           "CPU architecture of the reporting host, for example \"x64\".",
	"AgentContext.origin":         "Origin of the event inside the Agent: the probe that produced it.",
	"AgentContext.kernel_version": "Kernel version of the reporting host.",
	"AgentContext.distribution":   "Linux distribution of the reporting host.",
}

// words are the words whose Go spelling is not their capitalized key.
var words = map[string]string{"cgroup": "CGroup", "selinux": "SELinux", "k8s": "K8s"}

// initialisms are the words written in capitals in Go names.
var initialisms = map[string]bool{
	"abi": true, "auid": true, "mp": true, "aws": true, "bpf": true, "dd": true, "dns": true,
	"egid": true, "euid": true, "fsgid": true, "fsuid": true, "gid": true, "id": true,
	"imds": true, "ip": true, "os": true, "pid": true, "ppid": true, "sd": true,
	"sid": true, "ssh": true, "tid": true, "tls": true, "tty": true, "uid": true,
	"upx": true, "url": true, "v2": true,
}

// goName turns a schema key ("path_resolution_error", "mountpoint.path")
// into an exported Go name.
func goName(key string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(key, func(r rune) bool { return r == '_' || r == '.' }) {
		if s, ok := words[w]; ok {
			b.WriteString(s)
		} else if initialisms[w] {
			b.WriteString(strings.ToUpper(w))
		} else {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// field is one Go field: a property, with the schemas that define it.
type field struct {
	key       string
	p         prop
	platforms []string
}

// object is a $def, or the top level (name "Event"), merged over the
// schemas.
type object struct {
	name      string
	p         prop // from the first schema that defines it
	fields    []field
	platforms []string
}

// merge collects the objects of all schemas: each object's fields in the
// first schema's order, then those only the next schema defines, in its
// order.
func merge(schemas []namedSchema) (objects []*object) {
	byName := map[string]*object{}
	add := func(name string, p prop, platform string) {
		o := byName[name]
		if o == nil {
			o = &object{name: name, p: p}
			byName[name] = o
			objects = append(objects, o)
		}
		if o.p.Description == "" {
			o.p.Description = p.Description
		}
		o.platforms = append(o.platforms, platform)
		for _, key := range p.Properties.keys {
			i := slices.IndexFunc(o.fields, func(f field) bool { return f.key == key })
			if i < 0 {
				o.fields = append(o.fields, field{key: key, p: p.Properties.byKey[key]})
				i = len(o.fields) - 1
			}
			f := &o.fields[i]
			if f.p.Description == "" {
				f.p.Description = p.Properties.byKey[key].Description
			}
			f.platforms = append(f.platforms, platform)
		}
	}
	// In the order of the schemas: Windows first, so that a Windows event,
	// whose fields the agent writes in its schema's order, re-encodes byte
	// for byte.
	for _, s := range schemas {
		add("Event", prop{Properties: s.doc.Properties}, s.name)
		for _, name := range s.doc.Defs.keys {
			add(name, s.doc.Defs.byKey[name], s.name)
		}
	}
	return objects
}

// generate returns the Go source of the model's types.
func generate(schemas []namedSchema) ([]byte, error) {
	objects := merge(schemas)
	byName := map[string]*object{}
	for _, o := range objects {
		byName[o.name] = o
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/gen from the backend event schemas; DO NOT EDIT.\n\n")
	b.WriteString("package model\n\nimport \"encoding/json\"\n")
	for _, o := range objects {
		if err := writeObject(&b, o, byName); err != nil {
			return nil, fmt.Errorf("%s: %w", o.name, err)
		}
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the output: %w\n%s", err, b.Bytes())
	}
	return src, nil
}

func writeObject(b *bytes.Buffer, o *object, byName map[string]*object) error {
	b.WriteString("\n")
	platforms := strings.Join(o.platforms, ", ")
	switch {
	case o.name == "Event":
		fmt.Fprintf(b, "// Event is one CSM Threats event: the rule that matched, what happened, and\n"+
			"// what it happened to. Decode (or json.Unmarshal) fills it; a decoded Event\n"+
			"// never refers to the input bytes. Its fields are the top-level properties\n"+
			"// of the schemas (%s).\n", platforms)
	case o.p.Description != "":
		writeComment(b, "", fmt.Sprintf("%s is the schema object %s (%s): %q.", o.name, o.name, platforms, o.p.Description))
	default:
		writeComment(b, "", fmt.Sprintf("%s is the schema object %s (%s), which the schema does not describe.", o.name, o.name, platforms))
	}
	switch {
	case o.p.Type == "array":
		item, err := goType(o.p, byName)
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "type %s %s\n", o.name, item)
		return nil
	case o.name != "Event" && len(o.fields) == 0:
		// An object with no properties is open: its values decode as
		// encoding/json decodes into any (numbers as float64).
		fmt.Fprintf(b, "type %s map[string]any\n", o.name)
		return nil
	}
	fmt.Fprintf(b, "type %s struct {\n", o.name)
	fields := o.fields
	if base, ok := embeds[o.name]; ok {
		var err error
		if fields, err = embedded(o, byName[base]); err != nil {
			return err
		}
		writeComment(b, "\t", fmt.Sprintf("%s holds the properties %s shares with %s. "+
			"Its Extra holds the unknown and ill-typed properties of the %s.", base, o.name, base, o.name))
		fmt.Fprintf(b, "\t%s\n\n", base)
	}
	for _, f := range fields {
		t, err := goType(f.p, byName)
		if err != nil {
			return fmt.Errorf("%s: %w", f.key, err)
		}
		doc := cmp.Or(notes[o.name+"."+f.key], f.p.Description)
		if o.name == "Event" {
			doc = cmp.Or(topDocs[f.key], fmt.Sprintf("%s is the event's %s section.", goName(f.key), f.key))
		}
		if doc == "" {
			doc = "(The schema does not describe " + f.key + ".)"
		}
		omit := "omitempty"
		if t == "Int" || t == "Time" || t == "Bool" {
			omit = "omitzero" // omitempty has no effect on structs
		}
		writeComment(b, "\t", doc)
		fmt.Fprintf(b, "\t%s %s `json:\"%s,%s\" schema:\"%s\"`\n",
			goName(f.key), t, f.key, omit, strings.Join(f.platforms, ","))
	}
	if _, ok := embeds[o.name]; ok {
		b.WriteString("}\n") // the embedded type's Extra is this one's
		return nil
	}
	if o.name == "Event" {
		b.WriteString("\n\t// Extra holds, raw and under their own keys, the properties that no schema\n" +
			"\t// defines here and the defined ones whose value has the wrong JSON type\n" +
			"\t// (for example \"hostname\", or a numeric \"title\"). It is nil for an\n" +
			"\t// object that decoded cleanly, and it is not re-encoded.\n")
	} else {
		b.WriteString("\n\t// Extra holds unknown and ill-typed properties, as Event.Extra does.\n")
	}
	b.WriteString("\tExtra map[string]json.RawMessage `json:\"-\"`\n}\n")
	return nil
}

// writeComment writes text as a // comment indented by indent, wrapped
// at 80 columns (a tab counts 4).
func writeComment(b *bytes.Buffer, indent, text string) {
	width := 80 - 4*len(indent) - len("// ")
	line := 0
	b.WriteString(indent + "//")
	for _, w := range strings.Fields(text) {
		if line > 0 && line+1+len(w) > width {
			b.WriteString("\n" + indent + "//")
			line = 0
		}
		b.WriteString(" " + w)
		line += 1 + len(w)
	}
	b.WriteString("\n")
}

// embedded returns o's fields but those it shares with base, checking that
// base's fields are all o's, defined by the same schemas.
func embedded(o, base *object) ([]field, error) {
	var rest []field
	for _, f := range o.fields {
		i := slices.IndexFunc(base.fields, func(g field) bool { return g.key == f.key })
		switch {
		case i < 0:
			rest = append(rest, f)
		case !slices.Equal(base.fields[i].platforms, f.platforms):
			return nil, fmt.Errorf("%s is defined by %v but by %v in %s", f.key, f.platforms, base.fields[i].platforms, base.name)
		}
	}
	if len(o.fields)-len(rest) != len(base.fields) {
		return nil, fmt.Errorf("does not have all of %s's properties", base.name)
	}
	return rest, nil
}

// goType is the Go type of a property. Schema integers are Ints and
// date-times are Times, so that an ill-typed value is kept as written.
func goType(p prop, byName map[string]*object) (string, error) {
	if p.Ref != "" {
		name, ok := strings.CutPrefix(p.Ref, "#/$defs/")
		def := byName[name]
		if !ok || def == nil {
			return "", fmt.Errorf("unknown $ref %q", p.Ref)
		}
		if def.p.Type == "array" || len(def.fields) == 0 {
			return name, nil // a slice or a map: nil when absent
		}
		return "*" + name, nil
	}
	switch p.Type {
	case "":
		return "any", nil // untyped: anything goes
	case "string":
		if p.Format == "date-time" {
			return "Time", nil
		}
		return "string", nil
	case "integer":
		return "Int", nil
	case "number":
		return "float64", nil
	case "boolean":
		return "Bool", nil
	case "array":
		item, err := subschema(p.Items, byName)
		if err != nil {
			return "", fmt.Errorf("items: %w", err)
		}
		return "[]" + strings.TrimPrefix(item, "*"), nil
	case "object":
		if len(p.Properties.keys) > 0 {
			return "", fmt.Errorf("inline object properties are not supported: make it a $def")
		}
		value, err := subschema(p.AdditionalProperties, byName)
		if err != nil {
			return "", fmt.Errorf("additionalProperties: %w", err)
		}
		return "map[string]" + value, nil
	}
	return "", fmt.Errorf("unsupported type %q", p.Type)
}

// subschema is the Go type of the items or additionalProperties schema raw,
// which may be absent or true (anything).
func subschema(raw json.RawMessage, byName map[string]*object) (string, error) {
	if len(raw) == 0 || string(raw) == "true" {
		return "any", nil
	}
	var p prop
	if err := json.Unmarshal(raw, &p); err != nil {
		return "", err
	}
	return goType(p, byName)
}
