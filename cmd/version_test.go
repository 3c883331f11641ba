package cmd

import (
	"runtime/debug"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"from a modified checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs", "git", "vcs.revision", "2c85d351935507c363fe3e2b7ee4e3a459c2d482", "vcs.modified", "true")},
			true, "(devel) (rev 2c85d35, modified, go1.26.8)"},
		{"from a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261201174350-87697c49fd81"},
			Settings: settings("vcs.revision", "87697c49fd81af51ecb06fc3cfbecb3d844c43c0", "vcs.modified", "false")},
			true, "v0.0.0-20261201174350-87697c49fd81 (rev 87697c4, go1.26.8)"},
		{"go install of a release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}},
			true, "v1.2.3 (go1.26.8)"},
		{"no version, no VCS", &debug.BuildInfo{}, true, "(devel)"},
		{"short revision", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", "abc")},
			true, "(devel) (rev abc)"},
		{"no build information", nil, false, "unknown (no build information)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildVersion(tt.info, tt.ok); got != tt.want {
				t.Errorf("buildVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

// --version and the version command print the same line, of this binary's
// own build information.
func TestVersionOutput(t *testing.T) {
	want := "csmctl version " + buildVersion(debug.ReadBuildInfo()) + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, errOut, code := run(t, "", args...)
		if code != ExitOK || errOut != "" || out != want {
			t.Errorf("csmctl %v: exit status %d, stdout %q, stderr %q; want stdout %q", args, code, out, errOut, want)
		}
	}
	if _, _, code := run(t, "", "version", "extra"); code != ExitUsage {
		t.Errorf("csmctl version extra: exit status %d, want %d", code, ExitUsage)
	}
}
