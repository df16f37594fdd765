package metrics

import (
	"fmt"
	"time"
)

// Period is the monitoring period a run reports on: the last complete
// financial year, quarter or calendar year ending on or before the as-of
// date (METRICS.md "Employment monitoring"; CONTRACT.md `period:`).
type Period struct {
	Label      string // "2024/25", "2025/26 Q1", "2024"
	Start, End time.Time
}

// PeriodEnding returns the period of the given kind (financial_year,
// quarter, calendar_year) that ends on or before asOf, latest first: an
// as-of date of 31 March 2025 gives financial year 2024/25; 30 June 2025
// gives the first quarter of 2025/26; 15 May 2025 gives the last quarter of
// 2024/25, the latest complete one.
func PeriodEnding(kind string, asOf time.Time) Period {
	asOf = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	next := asOf.AddDate(0, 0, 1) // a period ending on asOf ends before this day
	switch kind {
	case "quarter":
		// Financial quarters start in April, July, October and January.
		m := ((int(next.Month())-1)/3)*3 + 1
		end := time.Date(next.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		start := end.AddDate(0, -3, 0)
		fy := start.Year()
		if start.Month() < time.April {
			fy--
		}
		q := (int(start.Month())-4+12)%12/3 + 1
		return Period{Label: fmt.Sprintf("%d/%02d Q%d", fy, (fy+1)%100, q), Start: start, End: end.AddDate(0, 0, -1)}
	case "calendar_year":
		y := next.Year() - 1
		return Period{Label: fmt.Sprintf("%d", y), Start: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)}
	}
	y := next.Year()
	if next.Month() < time.April {
		y--
	}
	start := time.Date(y-1, time.April, 1, 0, 0, 0, 0, time.UTC)
	return Period{Label: fmt.Sprintf("%d/%02d", y-1, y%100), Start: start, End: start.AddDate(1, 0, -1)}
}
