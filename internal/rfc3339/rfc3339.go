// Package rfc3339 reads RFC 3339 date-times (section 5.6) exactly as JSON
// Schema's format "date-time" defines them:
//
//	date-time = full-date ("T" / "t") full-time
//	full-date = YYYY "-" MM "-" DD            (day valid for its month and year)
//	full-time = HH ":" MM ":" SS ["." 1*DIGIT] ("Z" / "z" / ("+" / "-") HH ":" MM)
//
// A leap second (SS = 60) is valid only at 23:59 UTC, once the offset is
// applied, which is how the JSON Schema test suite reads the RFC. Package time
// is not used for parsing because it disagrees at the edges: it accepts ','
// before the fraction, a +24:00 offset and one-digit hours, and rejects a
// lower-case 't' or 'z' and leap seconds. The validator and the event model
// both read timestamps here, so "valid" means one thing in csmctl.
package rfc3339

import (
	"errors"
	"time"
)

// fields are the parts of a date-time.
type fields struct {
	year, month, day, hour, minute, second, nsec int
	offset                                       int // seconds east of UTC
	utc                                          bool
}

// Check reports why s is not an RFC 3339 date-time, or nil if it is. It
// does not allocate.
func Check(s []byte) error {
	_, err := parse(s)
	return err
}

// Parse returns the time s denotes, in its own offset. A leap second reads as
// the second after it, the nearest instant a time.Time can hold.
func Parse(s []byte) (time.Time, error) {
	f, err := parse(s)
	if err != nil {
		return time.Time{}, err
	}
	loc := time.UTC
	if !f.utc {
		loc = time.FixedZone("", f.offset)
	}
	leap := f.second == 60
	if leap {
		f.second = 59
	}
	t := time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.second, f.nsec, loc)
	if leap {
		t = t.Add(time.Second)
	}
	return t, nil
}

func parse(s []byte) (fields, error) {
	var f fields
	// Check piece by piece, so the message names the first piece that is wrong.
	if len(s) < 10 {
		return f, errors.New("too short for YYYY-MM-DDTHH:MM:SSZ")
	}
	var ok1, ok2, ok3 bool
	f.year, ok1 = digits(s[0:4])
	f.month, ok2 = digits(s[5:7])
	f.day, ok3 = digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return f, errors.New("date is not YYYY-MM-DD")
	}
	if f.month < 1 || f.month > 12 {
		return f, errors.New("month out of range")
	}
	if f.day < 1 || f.day > daysIn(f.month, f.year) {
		return f, errors.New("day out of range for its month")
	}
	if len(s) < 11 {
		return f, errors.New("missing time")
	}
	if s[10] != 'T' && s[10] != 't' {
		return f, errors.New("date and time must be separated by 'T'")
	}
	t := s[11:]
	if len(t) < 8 {
		return f, errors.New("time is not HH:MM:SS")
	}
	f.hour, ok1 = digits(t[0:2])
	f.minute, ok2 = digits(t[3:5])
	f.second, ok3 = digits(t[6:8])
	if !ok1 || !ok2 || !ok3 || t[2] != ':' || t[5] != ':' {
		return f, errors.New("time is not HH:MM:SS")
	}
	if f.hour > 23 || f.minute > 59 || f.second > 60 {
		return f, errors.New("hour, minute or second out of range")
	}
	t = t[8:]
	if len(t) > 0 && t[0] == '.' {
		n := 1
		for ; n < len(t) && t[n] >= '0' && t[n] <= '9'; n++ {
			if n <= 9 { // finer than a nanosecond is dropped
				f.nsec = f.nsec*10 + int(t[n]-'0')
			}
		}
		if n == 1 {
			return f, errors.New("no digits after the decimal point")
		}
		for scale := n; scale <= 9; scale++ {
			f.nsec *= 10
		}
		t = t[n:]
	}
	utcMinutes := f.hour*60 + f.minute
	switch {
	case len(t) == 1 && (t[0] == 'Z' || t[0] == 'z'):
		f.utc = true
	case len(t) == 6 && (t[0] == '+' || t[0] == '-') && t[3] == ':':
		oh, ok1 := digits(t[1:3])
		om, ok2 := digits(t[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return f, errors.New("offset out of range")
		}
		f.offset = (oh*60 + om) * 60
		if t[0] == '-' {
			f.offset = -f.offset
		}
		utcMinutes = ((utcMinutes-f.offset/60)%(24*60) + 24*60) % (24 * 60)
	case len(t) == 0:
		return f, errors.New("missing time zone offset (Z or ±HH:MM)")
	default:
		return f, errors.New("time zone offset is not Z or ±HH:MM")
	}
	if f.second == 60 && utcMinutes != 23*60+59 {
		return f, errors.New("leap second not at 23:59:60 UTC")
	}
	return f, nil
}

// digits parses ASCII decimal digits, and nothing else (no sign, no space).
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
