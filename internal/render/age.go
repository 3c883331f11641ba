package render

import (
	"strconv"
	"time"
)

// maxAge is how old an event can be for its age to be worth showing: past
// a month, the date itself says it better.
const maxAge = 30 * 24 * time.Hour

// relativeAge says how long before now t was ("3h12m ago"), or after it
// ("5m in the future", clock skew), or "" when that is not useful: no now,
// an old event, or less than a second either way of now.
func relativeAge(t, now time.Time) string {
	if now.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d >= time.Second && d < maxAge:
		return formatAge(d) + " ago"
	case d <= -time.Second && -d < maxAge:
		return formatAge(-d) + " in the future"
	}
	return ""
}

// formatAge prints a duration with its two largest units: 45s, 12m5s,
// 3h12m, 2d4h.
func formatAge(d time.Duration) string {
	const day = 24 * time.Hour
	two := func(a int64, ua string, b int64, ub string) string {
		s := strconv.FormatInt(a, 10) + ua
		if b > 0 {
			s += strconv.FormatInt(b, 10) + ub
		}
		return s
	}
	switch {
	case d >= day:
		return two(int64(d/day), "d", int64(d%day/time.Hour), "h")
	case d >= time.Hour:
		return two(int64(d/time.Hour), "h", int64(d%time.Hour/time.Minute), "m")
	case d >= time.Minute:
		return two(int64(d/time.Minute), "m", int64(d%time.Minute/time.Second), "s")
	}
	return strconv.FormatInt(int64(d/time.Second), 10) + "s"
}
