package export

import "fmt"

// Lines are the summary of what was written, for standard error.
func (s Summary) Lines() []string {
	lines := []string{fmt.Sprintf("exported %d %s into %d %s under %s (%s)",
		s.Rows, plural(s.Rows, "event"), s.Files, plural(int64(s.Files), "file"), s.Dir, byteCount(s.Bytes))}
	if s.IllTyped > 0 {
		lines = append(lines, fmt.Sprintf("%d %s had values of the wrong type, NULL in their columns and whole in event_json",
			s.IllTyped, plural(s.IllTyped, "event")))
	}
	return lines
}

func plural(n int64, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// byteCount is n in bytes, KiB, MiB or GiB, with one decimal past bytes.
func byteCount(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, i := float64(n)/unit, 0
	for v >= unit && i < 2 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMG"[i])
}
