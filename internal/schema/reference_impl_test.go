package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/csmctl/csmctl/internal/jsonscan"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// reference validates with santhosh-tekuri/jsonschema/v6, a complete draft
// 2020-12 implementation: slower (it decodes every event), but it knows every
// keyword. It is the tests' oracle only: linked into csmctl, its package
// init (the metaschemas of five drafts) cost every run a few milliseconds.
type reference struct {
	schema *jsonschema.Schema
}

const referenceURL = "csmctl:///schema.json"

func newReference(doc []byte) (*reference, error) {
	parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(referenceURL, parsed); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s, err := c.Compile(referenceURL)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return &reference{schema: s}, nil
}

func (r *reference) Compiled() bool { return false }

// Validate implements Validator: find the value's extent (checking its
// syntax), decode it, validate it, and flatten the library's error tree.
func (r *reference) Validate(data []byte, start int, findings []Finding) (int, []Finding, *jsonscan.SyntaxError) {
	start = jsonscan.SkipSpace(data, start)
	end, serr := jsonscan.Skip(data, start, 0)
	if serr != nil {
		return end, findings, serr
	}
	d := json.NewDecoder(bytes.NewReader(data[start:end]))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return end, findings, &jsonscan.SyntaxError{Offset: start, Msg: err.Error()}
	}
	err := r.schema.Validate(v)
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		findings = appendLeaves(findings, ve)
	}
	return end, findings, nil
}

// appendLeaves turns the leaves of the library's error tree into findings.
func appendLeaves(dst []Finding, e *jsonschema.ValidationError) []Finding {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			dst = appendLeaves(dst, c)
		}
		return dst
	}
	path := e.InstanceLocation
	if ap, ok := e.ErrorKind.(*kind.AdditionalProperties); ok {
		// Point at each unknown property itself, as the compiled validator does.
		for _, name := range ap.Properties {
			dst = append(dst, Finding{Path: pointer(append(path[:len(path):len(path)], name)),
				Keyword: "additionalProperties", Message: "property not allowed by the schema"})
		}
		return dst
	}
	keyword := "schema"
	if kp := e.ErrorKind.KeywordPath(); len(kp) > 0 {
		keyword = kp[len(kp)-1]
	}
	msg := e.ErrorKind.LocalizedString(printer)
	return append(dst, Finding{Path: pointer(path), Keyword: keyword, Message: msg})
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapePointer(t))
	}
	return b.String()
}
