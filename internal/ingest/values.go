package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// DateOrder says how to read an all-numeric text date such as 07/10/83.
type DateOrder int

const (
	DayFirst   DateOrder = iota // UK: 31/03/2025
	MonthFirst                  // US: 03/31/2025
)

var errNotDate = errors.New("not a date")

// excelEpoch is day 0 of Excel's 1900 date system as it behaves after
// 28 Feb 1900 (Excel counts a 29 Feb 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

var textDateLayouts = []string{
	"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04",
	"2 Jan 2006", "2 January 2006", "02-Jan-2006", "2-Jan-2006", "02-Jan-06", "2-Jan-06", "Jan 2, 2006", "January 2, 2006",
	"2006/01/02",
}

// ParseDate reads a date as HR extracts write it: an Excel serial number,
// ISO text, day-first (or month-first) numeric text with /, - or . and a
// two- or four-digit year, optionally followed by a time, or a date with a
// month name. Two-digit years are taken as the most recent year not after
// pivotYear's century window (e.g. with pivot 2025, 83 → 1983, 19 → 2019).
func ParseDate(s string, order DateOrder, pivotYear int) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errNotDate
	}
	if !serialLike(s) {
		// Not a number: skip ParseFloat, whose error costs an allocation per date.
	} else if v, err := strconv.ParseFloat(s, 64); err == nil {
		// Serials from 1 (1 Jan 1900) to 2958465 (31 Dec 9999).
		if v < 1 || v > 2958465 || strings.ContainsAny(s, "eE") {
			return time.Time{}, errNotDate
		}
		days := math.Floor(v)
		if days < 60 {
			days++ // before Excel's phantom 29 Feb 1900
		}
		return excelEpoch.AddDate(0, 0, int(days)), nil
	}
	if d, m, y, ok := numericDate(s, order); ok {
		if y < 100 {
			century := pivotYear / 100 * 100
			if century+y > pivotYear {
				century -= 100
			}
			y += century
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || int(t.Month()) != m {
			return time.Time{}, errNotDate // 31/02 and the like
		}
		return t, nil
	}
	for _, layout := range textDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, errNotDate
}

// serialLike reports whether s could be a spreadsheet date serial: digits
// with at most a sign in front and a decimal point.
func serialLike(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, points := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}

// dateParts splits s at '/', '-' and '.' (runs of them count as one, and
// leading or trailing ones are dropped) and reports whether there are
// exactly three parts.
func dateParts(s string) (parts [3]string, ok bool) {
	n, start := 0, -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '/' && s[i] != '-' && s[i] != '.' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if n == 3 {
				return parts, false
			}
			parts[n], n, start = s[start:i], n+1, -1
		}
	}
	return parts, n == 3
}

// numericDate splits "31/03/2025", "3-31-25" or "31.03.2025 0:00" into day,
// month and year by the given order. A part over 12 settles the order.
func numericDate(s string, order DateOrder) (d, m, y int, ok bool) {
	if i := strings.IndexByte(s, ' '); i > 0 {
		s = s[:i] // a trailing time such as "0:00"
	}
	parts, ok := dateParts(s)
	if !ok {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	if len(parts[0]) == 4 { // year first: 2025/03/31
		return n[2], n[1], n[0], n[1] >= 1 && n[1] <= 12
	}
	a, b, y := n[0], n[1], n[2]
	if len(parts[2]) != 2 && len(parts[2]) != 4 {
		return 0, 0, 0, false
	}
	switch {
	case a > 12 && b <= 12:
		d, m = a, b
	case b > 12 && a <= 12:
		d, m = b, a
	case order == MonthFirst:
		d, m = b, a
	default:
		d, m = a, b
	}
	return d, m, y, m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// dateOrderEvidence reports which order a numeric date proves: MonthFirst
// when its second part is over 12, DayFirst when its first is, else -1.
func dateOrderEvidence(s string) DateOrder {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	parts, ok := dateParts(s)
	if !ok || len(parts[0]) == 4 {
		return -1
	}
	a, errA := strconv.Atoi(parts[0])
	b, errB := strconv.Atoi(parts[1])
	if errA != nil || errB != nil {
		return -1
	}
	switch {
	case b > 12 && a <= 12:
		return MonthFirst
	case a > 12 && b <= 12:
		return DayFirst
	}
	return -1
}

var errNotNumber = errors.New("not a number")

// ParseMoney reads an amount written with a currency sign, thousands
// separators, spaces or accounting brackets: "£32,076.00", "$69222.18",
// "71,296.74", "(120.00)".
func ParseMoney(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errNotNumber
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '£', '$', '€', ',', ' ', '\u00a0':
		default:
			b.WriteRune(r)
		}
	}
	t := b.String()
	if strings.HasPrefix(t, "-") {
		neg, t = !neg, t[1:]
	}
	t = strings.TrimPrefix(t, "GBP")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(t, "eExXpP") {
		return 0, errNotNumber
	}
	if neg {
		v = -v
	}
	return v, nil
}

// ParseNumber reads a plain number (FTE, hours, age), allowing a % sign and
// thousands separators.
func ParseNumber(s string) (float64, error) {
	return ParseMoney(strings.TrimSuffix(strings.TrimSpace(s), "%"))
}

// ParseYesNo reads a yes/no flag; ok is false when the text is neither.
func ParseYesNo(s string) (yes bool, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "true", "1", "t":
		return true, true
	case "n", "no", "false", "0", "f":
		return false, true
	}
	return false, false
}
