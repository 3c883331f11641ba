// Command gen writes the model's Go types from the backend event schemas:
// one struct per $def of the Windows and Linux schema files, the union of
// the two where both define it, each field tagged with the schemas that
// define it. The model package runs it through go generate; its test fails
// when the committed output differs from a fresh run.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

func main() {
	windows := flag.String("windows", "../schema/windows.schema.json", "Windows backend event schema")
	linux := flag.String("linux", "../schema/linux.schema.json", "Linux backend event schema")
	out := flag.String("o", "zz_generated_types.go", "output file")
	flag.Parse()
	src, err := generateFiles(*windows, *linux)
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// generateFiles reads the two schema files and returns the Go source.
func generateFiles(windowsPath, linuxPath string) ([]byte, error) {
	var schemas []namedSchema
	for _, s := range []struct{ name, path string }{{"windows", windowsPath}, {"linux", linuxPath}} {
		data, err := os.ReadFile(s.path)
		if err != nil {
			return nil, err
		}
		var doc schemaDoc
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", s.path, err)
		}
		schemas = append(schemas, namedSchema{s.name, doc})
	}
	return generate(schemas)
}
