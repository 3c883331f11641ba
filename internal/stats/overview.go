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
		o.field("first", timeText(ov.First))
		o.field("last", timeText(ov.Last))
		o.field("span", spanText(ov.Last.Sub(ov.First)))
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

// spanText is a duration to the second, or to the millisecond when shorter
// than a minute.
func spanText(d time.Duration) string {
	if d >= time.Minute {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Millisecond).String()
}

// bucketOf is the shortest bucket that draws first to last in at most
// maxBuckets rows.
func bucketOf(first, last time.Time) time.Duration {
	for _, b := range histogramBuckets {
		if last.Truncate(b).Sub(first.Truncate(b))/b+1 <= maxBuckets {
			return b
		}
	}
	days := last.Sub(first)/(maxBuckets*24*time.Hour) + 1
	return days * 24 * time.Hour
}

func (o *overviewText) histogram(ov *Overview) {
	b := bucketOf(ov.First, ov.Last)
	start := ov.First.Truncate(b)
	n := int(ov.Last.Truncate(b).Sub(start)/b) + 1
	counts := make([]int, n)
	for m, c := range ov.Minutes {
		t := time.Unix(m*60, 0)
		i := int(t.Sub(start) / b)
		counts[min(max(i, 0), n-1)] += c
	}
	most := 0
	for _, c := range counts {
		most = max(most, c)
	}
	layout := time.DateTime[:len("2006-01-02 15:04")]
	switch {
	case b >= 24*time.Hour:
		layout = time.DateOnly
	case start.YearDay() == ov.Last.YearDay() && start.Year() == ov.Last.Year():
		layout = "15:04"
	}
	o.styled(o.pal.Heading, "events per "+bucketName(b)+" (UTC)")
	o.line()
	countWidth := len(strconv.Itoa(most))
	barWidth := max(o.width-len(layout)-countWidth-2, 10)
	for i, c := range counts {
		o.styled(o.pal.Faint, start.Add(time.Duration(i)*b).UTC().Format(layout))
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

// bucketName says a bucket's length: "minute", "5 minutes", "hour", "day".
func bucketName(b time.Duration) string {
	switch {
	case b%(24*time.Hour) == 0:
		return unitName(int(b/(24*time.Hour)), "day")
	case b%time.Hour == 0:
		return unitName(int(b/time.Hour), "hour")
	}
	return unitName(int(b/time.Minute), "minute")
}

func unitName(n int, unit string) string {
	if n == 1 {
		return unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
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
