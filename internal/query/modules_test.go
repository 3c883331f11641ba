package query

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ~/.jq is loaded before the filter, as jq and gojq load it; one that cannot
// be read is ignored, as a missing one is, and one that does not parse is an
// error.
func TestHomeJqFile(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "file")
	withDefs := filepath.Join(dir, "defs")
	withBadDefs := filepath.Join(dir, "bad")
	for path, text := range map[string]string{
		notADir:                           "",
		filepath.Join(withDefs, ".jq"):    `def greeting: "hello";`,
		filepath.Join(withBadDefs, ".jq"): `def greeting: ;`,
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, home, filter string
		wantErr            string // "" for no error
	}{
		{"missing", filepath.Join(dir, "nohome"), "1", ""},
		{"home is a file", notADir, "1", ""},
		{"definitions", withDefs, "greeting", ""},
		{"does not parse", withBadDefs, "1", "invalid query: " + filepath.Join(withBadDefs, ".jq")},
	}
	if os.Geteuid() != 0 { // root reads whatever the permissions say
		locked := filepath.Join(dir, "locked")
		if err := os.MkdirAll(locked, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(locked, ".jq"), []byte(`def greeting: "hello";`), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(locked, 0o700) })
		tests = append(tests, struct{ name, home, filter, wantErr string }{"unreadable home", locked, "1", ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", tt.home)
			_, err := Compile(Options{Filter: tt.filter, ModulePaths: []string{"~/.jq"}})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("HOME=%s: %v", tt.home, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("HOME=%s: error %v, want one containing %q", tt.home, err, tt.wantErr)
			}
		})
	}
}
