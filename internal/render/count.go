package render

import "strconv"

// Count words a number of things, "1 event" or "3 events", for the
// messages and summaries on standard error.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
