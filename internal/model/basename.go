package model

import "strings"

// BaseName is the last element of an executable or file path, as the
// platform that wrote it reads it. The path's shape tells the platform: one
// that starts with "/" is POSIX, where "\" is an ordinary character of a
// file name (so /tmp/evil\systemd is not systemd); any other is Windows,
// where both "\" and "/" separate. Trailing separators are dropped, as
// path.Base does; a path of separators alone is its own base name.
func BaseName(path string) string {
	separators := `\/`
	if strings.HasPrefix(path, "/") {
		separators = "/"
	}
	trimmed := strings.TrimRight(path, separators)
	if trimmed == "" {
		return path
	}
	return trimmed[strings.LastIndexAny(trimmed, separators)+1:]
}
