package schema

import "github.com/csmctl/csmctl/internal/rfc3339"

// checkDateTime asserts format "date-time": RFC 3339 section 5.6, leap
// seconds included (see package rfc3339).
func checkDateTime(s []byte) error { return rfc3339.Check(s) }
