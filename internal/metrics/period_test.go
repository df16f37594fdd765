package metrics

import (
	"testing"
	"time"
)

func TestPeriodEnding(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }
	cases := []struct{ kind, asOf, label, start, end string }{
		{"financial_year", "2025-03-31", "2024/25", "2024-04-01", "2025-03-31"},
		{"financial_year", "2025-06-30", "2024/25", "2024-04-01", "2025-03-31"}, // the latest complete year
		{"financial_year", "2025-03-30", "2023/24", "2023-04-01", "2024-03-31"},
		{"quarter", "2025-06-30", "2025/26 Q1", "2025-04-01", "2025-06-30"},
		{"quarter", "2025-09-30", "2025/26 Q2", "2025-07-01", "2025-09-30"},
		{"quarter", "2025-05-15", "2024/25 Q4", "2025-01-01", "2025-03-31"},
		{"quarter", "2024-12-31", "2024/25 Q3", "2024-10-01", "2024-12-31"},
		{"calendar_year", "2024-12-31", "2024", "2024-01-01", "2024-12-31"},
		{"calendar_year", "2025-03-31", "2024", "2024-01-01", "2024-12-31"},
	}
	for _, c := range cases {
		p := PeriodEnding(c.kind, d(c.asOf))
		if p.Label != c.label || !p.Start.Equal(d(c.start)) || !p.End.Equal(d(c.end)) {
			t.Errorf("%s at %s = %s %s–%s, want %s %s–%s", c.kind, c.asOf, p.Label, p.Start.Format(time.DateOnly), p.End.Format(time.DateOnly), c.label, c.start, c.end)
		}
	}
}
