package cmd

import (
	"path/filepath"
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
