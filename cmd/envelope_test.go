package cmd

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/golden"
)

// Events that come wrapped by Datadog (a gzip'ed log archive, a Logs API
// export page) read like plain ones, with their host kept.
func TestEnvelopesGolden(t *testing.T) {
	const archive, api = "../examples/archive_20251103_0900.json.gz", "../examples/api-export.json"
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"validate", []string{"validate", archive, api}, 0},
		{"show-archive", []string{"show", "--limit", "2", archive}, 0},
		{"show-api-json", []string{"show", "-o", "json", "--line", "3-40", api}, 0},
		{"tree-api", []string{"tree", "--hits-only", api}, 0},
		{"tree-directory", []string{"tree", "-o", "json", "--rule", "registry_run_key_persistence", "../examples"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			golden.Assert(t, filepath.Join("testdata", "envelope-"+tt.name+".golden"), []byte(out+"--- stderr ---\n"+errOut))
		})
	}
}

// show -o json keeps each selected event's envelope, so that csmctl reading
// its output again sees the same hosts: tree over it draws the forests tree
// draws over the original, one per host, not one merged forest.
func TestShowJSONKeepsEnvelopes(t *testing.T) {
	for _, file := range []string{"../examples/archive_20251103_0900.json.gz", "../examples/api-export.json"} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			direct, _, code := run(t, "", "tree", file)
			if code != 0 || strings.Count(direct, "host ") < 2 {
				t.Fatalf("tree %s: exit %d, want the forests of several hosts:\n%s", file, code, direct)
			}
			shown, errOut, code := run(t, "", "show", "-o", "json", file)
			if code != 0 {
				t.Fatalf("show -o json: exit %d: %s", code, errOut)
			}
			for i, line := range strings.Split(strings.TrimSuffix(shown, "\n"), "\n") {
				if !json.Valid([]byte(line)) || !strings.Contains(line, `"host":`) {
					t.Errorf("show -o json line %d is not one JSON envelope with its host: %.200s", i+1, line)
				}
			}
			again, errOut, code := run(t, shown, "tree")
			if code != 0 || again != direct {
				t.Errorf("tree over show -o json: exit %d, %s\n%s\nwant, as tree over %s:\n%s", code, errOut, again, file, direct)
			}
		})
	}
}
