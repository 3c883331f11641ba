package stats

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/fatih/color"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
	"github.com/csmctl/csmctl/internal/render"
)

// overviewWidth is how wide the overview is drawn when not on a terminal.
const overviewWidth = 80

// maxBuckets is the most rows the histogram has: its bucket is the
// shortest of histogramBuckets that cuts the span into no more.
const maxBuckets = 24

var histogramBuckets = []time.Duration{
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour,
}

// topN is how many values of each key the overview lists.
const topN = 10

// eighths are the bar glyphs: a bar is whole blocks then one of these.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// topTitles name overviewKeys' lists.
var topTitles = []string{"rules", "events", "hosts", "processes", "users"}

type overviewText struct {
	b     []byte
	pal   *iostreams.Palette
	width int
}

func (o *overviewText) styled(c *color.Color, s string) {
	if c == nil || s == "" {
		o.b = append(o.b, s...)
		return
	}
	o.b = o.pal.Append(o.b, c, s)
}
func (o *overviewText) plain(s string) { o.b = append(o.b, s...) }
func (o *overviewText) line()          { o.b = append(o.b, '\n') }

// writeOverview writes the overview: the counts and the span, the events
// over time as a histogram (UTC), and the top values of each key.
func writeOverview(w io.Writer, ov *Overview, st Style) error {
	o := &overviewText{pal: st.Palette, width: st.Width}
	if o.width <= 0 {
		o.width = overviewWidth
	}
	o.field("events", strconv.Itoa(ov.Events))
	if ov.Dated > 0 {
		o.field("first", ov.First.Format(time.RFC3339Nano))
		o.field("last", ov.Last.Format(time.RFC3339Nano))
		o.field("span", spanText(ov.First, ov.Last))
	}
	if n := ov.Events - ov.Dated; n > 0 {
		o.field("undated", render.Count(n, "event", "events")+" without a valid date")
	}
	if ov.Problems > 0 {
		o.field("not read", render.Count(ov.Problems, "problem", "problems")+" with the input, reported above")
	}
	if ov.Dated > 0 {
		o.line()
		o.histogram(ov)
	}
	for i, top := range ov.Top {
		if len(top) == 0 || len(top) == 1 && !top[0].Values[0].Present {
			continue // no event has one: a list of "(none)" says nothing
		}
		o.line()
		o.top(topTitles[i], overviewKeys[i], top)
	}
	_, err := w.Write(o.b)
	return err
}

func (o *overviewText) field(name, value string) {
	o.styled(o.pal.Heading, name)
	o.plain(strings.Repeat(" ", max(1, 10-len(name))))
	o.plain(value)
	o.line()
}

// spanText is the time from first to last: to the millisecond under a
// minute, to the second under 100 days, else in days (a time.Duration
// holds 292 years at most; a hostile date may be year 1 or 9999).
func spanText(first, last time.Time) string {
	secs := last.Unix() - first.Unix()
	switch {
	case secs < 60:
		return last.Sub(first).Round(time.Millisecond).String()
	case secs < 100*day:
		return last.Sub(first).Round(time.Second).String()
	}
	return strconv.FormatInt(secs/day, 10) + " days"
}

// day is a day in seconds.
const day = 24 * 60 * 60

// floorDiv is a / b rounded down, b > 0: the bucket of a time before 1970
// starts before it too.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// bucketOf is the shortest bucket, in seconds, that draws first to last
// (Unix seconds) in at most maxBuckets rows: one of histogramBuckets, else
// whole days.
func bucketOf(first, last int64) int64 {
	for _, d := range histogramBuckets {
		b := int64(d / time.Second)
		if floorDiv(last, b)-floorDiv(first, b)+1 <= maxBuckets {
			return b
		}
	}
	// Rows start on the first event's day (histogramOrigin), so a span of
	// fewer than maxBuckets-1 buckets, plus that day, takes maxBuckets rows
	// at most.
	days := (last-first)/((maxBuckets-1)*day) + 1
	return days * day
}

// histogramOrigin is where the histogram's first row starts, in Unix
// seconds: the bucket holding first, counting whole buckets from 1970,
// for histogramBuckets; for a bucket of many days, first's day, so that
// rows are labelled from the data's first day, not from a day that a
// count from 1970 puts centuries before it (or before year 1).
func histogramOrigin(first, b int64) int64 {
	if b > int64(histogramBuckets[len(histogramBuckets)-1]/time.Second) {
		return floorDiv(first, day) * day
	}
	return floorDiv(first, b) * b
}

func (o *overviewText) histogram(ov *Overview) {
	first, last := ov.First.Unix(), ov.Last.Unix()
	b := bucketOf(first, last)
	origin := histogramOrigin(first, b)
	n := floorDiv(last-origin, b) + 1
	counts := make([]int, n)
	for m, c := range ov.Minutes {
		i := floorDiv(m*60-origin, b)
		counts[min(max(i, 0), n-1)] += c
	}
	most := 0
	for _, c := range counts {
		most = max(most, c)
	}
	layout := time.DateTime[:len("2006-01-02 15:04")]
	switch {
	case b >= day:
		layout = time.DateOnly
	case floorDiv(first, day) == floorDiv(last, day):
		layout = "15:04"
	}
	o.styled(o.pal.Heading, "events per "+bucketName(b)+" (UTC)")
	o.line()
	countWidth := len(strconv.Itoa(most))
	barWidth := max(o.width-len(layout)-countWidth-2, 10)
	for i, c := range counts {
		o.styled(o.pal.Faint, time.Unix(origin+int64(i)*b, 0).UTC().Format(layout))
		o.plain(" ")
		eights := c * barWidth * 8 / most
		if c > 0 && eights == 0 {
			eights = 1 // an event is never drawn as none
		}
		o.styled(o.pal.Rule, strings.Repeat("█", eights/8)+eighths[eights%8])
		o.plain(strings.Repeat(" ", barWidth-(eights+7)/8+1))
		count := strconv.Itoa(c)
		o.plain(strings.Repeat(" ", countWidth-len(count)) + count)
		o.line()
	}
}

// bucketName says a bucket's length, given in seconds: "minute",
// "5 minutes", "hour", "day", "3 days".
func bucketName(b int64) string {
	switch {
	case b%day == 0:
		return unitName(b/day, "day")
	case b%3600 == 0:
		return unitName(b/3600, "hour")
	}
	return unitName(b/60, "minute")
}

func unitName(n int64, unit string) string {
	if n == 1 {
		return unit
	}
	return strconv.FormatInt(n, 10) + " " + unit + "s"
}

func (o *overviewText) top(title string, k Key, groups []Group) {
	o.styled(o.pal.Heading, "top "+title)
	if len(groups) > topN {
		o.styled(o.pal.Faint, " (of "+strconv.Itoa(len(groups))+")")
	}
	o.line()
	groups = groups[:min(len(groups), topN)]
	countWidth := len(strconv.Itoa(groups[0].Events))
	for _, g := range groups {
		count := strconv.Itoa(g.Events)
		o.plain(strings.Repeat(" ", countWidth-len(count)) + count + "  ")
		v := g.Values[0]
		if !v.Present {
			o.styled(o.pal.Faint, noValue)
			o.line()
			continue
		}
		text := escape.Text(v.Text)
		if room := max(o.width-countWidth-2, 2); iostreams.DisplayWidth(text) > room {
			text = render.CutCells(text, room-1) + "…"
		}
		o.styled(valueCell(k, v, o.pal).Style, text)
		o.line()
	}
}
