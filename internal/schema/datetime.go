package schema

import "errors"

// checkDateTime asserts RFC 3339 section 5.6 date-time, as JSON Schema's
// format "date-time" defines it:
//
//	date-time = full-date ("T" / "t") full-time
//	full-date = YYYY "-" MM "-" DD            (day valid for its month and year)
//	full-time = HH ":" MM ":" SS ["." 1*DIGIT] ("Z" / "z" / ("+" / "-") HH ":" MM)
//
// A leap second (SS = 60) is valid only at 23:59 UTC, once the offset is
// applied, which is how the JSON Schema test suite reads the RFC.
func checkDateTime(s []byte) error {
	// Check piece by piece, so the message names the first piece that is wrong.
	if len(s) < 10 {
		return errors.New("too short for YYYY-MM-DDTHH:MM:SSZ")
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return errors.New("date is not YYYY-MM-DD")
	}
	if month < 1 || month > 12 {
		return errors.New("month out of range")
	}
	if day < 1 || day > daysIn(month, year) {
		return errors.New("day out of range for its month")
	}
	if len(s) < 11 {
		return errors.New("missing time")
	}
	if s[10] != 'T' && s[10] != 't' {
		return errors.New("date and time must be separated by 'T'")
	}
	t := s[11:]
	if len(t) < 8 {
		return errors.New("time is not HH:MM:SS")
	}
	hour, ok1 := digits(t[0:2])
	minute, ok2 := digits(t[3:5])
	second, ok3 := digits(t[6:8])
	if !ok1 || !ok2 || !ok3 || t[2] != ':' || t[5] != ':' {
		return errors.New("time is not HH:MM:SS")
	}
	if hour > 23 || minute > 59 || second > 60 {
		return errors.New("hour, minute or second out of range")
	}
	t = t[8:]
	if len(t) > 0 && t[0] == '.' {
		n := 1
		for n < len(t) && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n == 1 {
			return errors.New("no digits after the decimal point")
		}
		t = t[n:]
	}
	utcMinutes := hour*60 + minute
	switch {
	case len(t) == 1 && (t[0] == 'Z' || t[0] == 'z'):
	case len(t) == 6 && (t[0] == '+' || t[0] == '-') && t[3] == ':':
		oh, ok1 := digits(t[1:3])
		om, ok2 := digits(t[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return errors.New("offset out of range")
		}
		if t[0] == '+' {
			utcMinutes -= oh*60 + om
		} else {
			utcMinutes += oh*60 + om
		}
		utcMinutes = (utcMinutes + 24*60) % (24 * 60)
	case len(t) == 0:
		return errors.New("missing time zone offset (Z or ±HH:MM)")
	default:
		return errors.New("time zone offset is not Z or ±HH:MM")
	}
	if second == 60 && utcMinutes != 23*60+59 {
		return errors.New("leap second not at 23:59:60 UTC")
	}
	return nil
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
