package secl

import (
	"errors"
	"regexp"
	"strings"
)

// stringMatcher tests one string value against a literal: equality, a
// pattern, a path glob or a regular expression.
type stringMatcher interface {
	match(s string) bool
}

type exactMatcher struct {
	s  string
	ci bool
}

func (m exactMatcher) match(s string) bool {
	if m.ci {
		return strings.EqualFold(m.s, s)
	}
	return m.s == s
}

// patternMatcher is a pattern ~"…" on a field that is not a path: * is any
// run of characters, '/' included, and the pattern covers the whole value.
type patternMatcher struct {
	pattern string
	ci      bool
}

func (m patternMatcher) match(s string) bool {
	if m.ci {
		return wildcard(strings.ToLower(m.pattern), strings.ToLower(s))
	}
	return wildcard(m.pattern, s)
}

// wildcard matches s against a pattern where * is any run of bytes, with
// the agent's algorithm: each part after a * is taken at its first
// occurrence, with no backtracking, so ~"*.so" does not match "a.so.so"
// (a shell glob would). Linear, never exponential.
func wildcard(p, s string) bool {
	if p == "*" {
		return true
	}
	for p != "" {
		star := p[0] == '*'
		p = strings.TrimLeft(p, "*")
		seg := p
		if i := strings.IndexByte(p, '*'); i >= 0 {
			seg = p[:i]
		}
		switch {
		case star && seg == "":
			return true // a trailing * takes the rest
		case star:
			i := strings.Index(s, seg)
			if i < 0 {
				return false
			}
			s = s[i+len(seg):]
		default:
			if !strings.HasPrefix(s, seg) {
				return false
			}
			s = s[len(seg):]
		}
		p = p[len(seg):]
	}
	return s == ""
}

// globMatcher is a pattern on a path field, after the agent's glob: the
// pattern and the path are cut at '/'; * matches within one segment; **
// may only be the last segment and then matches one or more segments.
type globMatcher struct {
	segments []string
	ci       bool
}

var (
	errDoubleStar        = errors.New("`**` is allowed only at the end of patterns")
	errDoubleStarPattern = errors.New("`**` is not allowed in patterns")
)

func newGlob(pattern string, ci bool) (stringMatcher, error) {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if strings.Contains(s, "**") && (s != "**" || i != len(segs)-1) {
			return nil, errDoubleStar
		}
	}
	if !strings.Contains(pattern, "*") {
		return exactMatcher{s: pattern, ci: ci}, nil
	}
	return &globMatcher{segments: segs, ci: ci}, nil
}

// match walks the path a segment at a time, as the agent does. Its corner
// cases are the agent's: a pattern starting with "*/" drops the path's
// first character (reading "*/x" as "/*/x"), and a path ending with '/'
// matches when the pattern's segment there is exactly "*".
func (g *globMatcher) match(path string) bool {
	if path == "" {
		return false
	}
	pat := g.segments
	if pat[0] == "*" {
		path = path[1:]
		if path == "" {
			return false
		}
	}
	for i := 0; ; {
		slash := strings.IndexByte(path, '/')
		if slash < 0 {
			// the last segment of the path, not empty
			return pat[i] == "**" || i == len(pat)-1 && g.segment(pat[i], path)
		}
		if pat[i] != "**" && !g.segment(pat[i], path[:slash]) {
			return false
		}
		i++
		if i == len(pat) {
			// more path than pattern: only a trailing ** takes it
			return pat[i-1] == "**"
		}
		path = path[slash+1:]
		if path == "" {
			return pat[i] == "*"
		}
	}
}

func (g *globMatcher) segment(p, s string) bool {
	if g.ci {
		return wildcard(strings.ToLower(p), strings.ToLower(s))
	}
	return wildcard(p, s)
}

// regexpMatcher is r"…": Go's RE2, unanchored as the agent's (itself a Go
// program) is; on a case-insensitive field it gets the (?i) flag.
type regexpMatcher struct {
	re *regexp.Regexp
}

func (m regexpMatcher) match(s string) bool { return m.re.MatchString(s) }

func newRegexp(expr string, ci bool) (stringMatcher, error) {
	if ci {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return regexpMatcher{re: re}, nil
}

// stringSet is the right side of `in`: scalars looked up in a map, then
// patterns and regular expressions one by one.
type stringSet struct {
	scalars  map[string]struct{}
	matchers []stringMatcher
	ci       bool
}

func (s *stringSet) match(v string) bool {
	if s.ci {
		v = strings.ToLower(v)
	}
	if _, ok := s.scalars[v]; ok {
		return true
	}
	for _, m := range s.matchers {
		if m.match(v) {
			return true
		}
	}
	return false
}

func (s *stringSet) addScalar(v string) {
	if s.scalars == nil {
		s.scalars = map[string]struct{}{}
	}
	if s.ci {
		v = strings.ToLower(v)
	}
	s.scalars[v] = struct{}{}
}
