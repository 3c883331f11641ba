package secl

import (
	"testing"
)

// TestGlob pins the agent's glob on path fields: * within one segment, **
// only at the end and then one or more segments, a trailing / never a
// file.
func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/usr/bin/*", "/usr/bin/ls", true},
		{"/usr/bin/*", "/usr/bin/", true}, // the agent's glob: an empty last segment matches "*"
		{"/usr/bin/*x", "/usr/bin/", false},
		{"/usr/bin/*", "/usr/bin", false},
		{"/usr/bin/*", "/usr/bin/x/ls", false},
		{"/usr/*/ls", "/usr/bin/ls", true},
		{"/usr/*/ls", "/usr/bin/sbin/ls", false},
		{"/etc/**", "/etc/a", true},
		{"/etc/**", "/etc/a/b/c", true},
		{"/etc/**", "/etc/a/", true},
		{"/etc/**", "/etc", false},
		{"/etc/**", "/etc/", false},
		{"/etc/cron.*/**", "/etc/cron.d/job", true},
		{"/etc/cron.*/**", "/etc/crontab", false},
		{"/tmp/.*", "/tmp/.x", true},
		{"/tmp/.*", "/tmp/x", false},
		{"/tmp/.*", "/tmp/.ICE-unix/.x", false},
		{"/a/*/b", "/a/", true}, // the agent stops at the empty segment
		{"*", "/", false},
		{"/tmp/a*b", "/tmp/axbyz", false},
		{"/tmp/a*b", "/tmp/axyb", true},
		{"*/bin/ls", "/usr/bin/ls", true},
		{"*/bin/ls", "/usr/bin/ls/x", false},
		{"*/ls", "/ls", false},
		{"*/ls", "/a/ls", true},
		{"*", "/ls", true},
		{"*", "/a/ls", false},
		{"/a/b", "/a/b", true},
		{"/a/b", "/a/B", false},
		{"", "", true},
		{"/x/*", "", false},
	}
	for _, tt := range tests {
		m, err := newGlob(tt.pattern, false)
		if err != nil {
			t.Fatalf("newGlob(%q): %v", tt.pattern, err)
		}
		if got := m.match(tt.path); got != tt.want {
			t.Errorf("glob %q on %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
	ci, _ := newGlob("/Users/*/Desktop/**", true)
	if !ci.match("/users/bob/desktop/x") {
		t.Error("a case-insensitive glob is not")
	}
	for _, bad := range []string{"/a/**/b", "/a/b**", "**/a", "/a/***"} {
		if _, err := newGlob(bad, false); err == nil {
			t.Errorf("newGlob(%q) accepted", bad)
		}
	}
}

func TestWildcard(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything/at all", true},
		{"a*", "abc", true},
		{"a*", "ba", false},
		{"*c", "abc", true},
		{"*c", "abcd", false},
		{"a*c", "a/b/c", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXcYb", false},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"*.so", "a.so.so", false}, // the agent takes the first ".so" and stops
		{"a*b", "axbyb", false},
		{"a*b", "axyb", true},
		{"", "", true},
		{"", "x", false},
		{"a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	}
	for _, tt := range tests {
		if got := wildcard(tt.pattern, tt.s); got != tt.want {
			t.Errorf("wildcard(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}
