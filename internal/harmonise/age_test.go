package harmonise

import (
	"slices"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestAgeAt(t *testing.T) {
	tests := []struct {
		name    string
		dob, at time.Time
		want    int
	}{
		{"birthday today", date(1980, time.March, 31), date(2025, time.March, 31), 45},
		{"day before birthday", date(1980, time.April, 1), date(2025, time.March, 31), 44},
		{"day after birthday", date(1980, time.March, 30), date(2025, time.March, 31), 45},
		{"earlier month", date(1980, time.January, 15), date(2025, time.March, 31), 45},
		{"later month, earlier day", date(1980, time.December, 1), date(2025, time.March, 31), 44},
		{"29 Feb, 28 Feb of a non-leap year", date(2000, time.February, 29), date(2023, time.February, 28), 22},
		{"29 Feb, 1 Mar of a non-leap year", date(2000, time.February, 29), date(2023, time.March, 1), 23},
		{"29 Feb, 29 Feb of a leap year", date(2000, time.February, 29), date(2024, time.February, 29), 24},
		{"29 Feb, 28 Feb of a leap year", date(2000, time.February, 29), date(2024, time.February, 28), 23},
		{"born on the snapshot date", date(2025, time.March, 31), date(2025, time.March, 31), 0},
		{"born after the snapshot date", date(2025, time.April, 1), date(2025, time.March, 31), -1},
		{"time of day does not count", time.Date(1990, time.June, 5, 23, 59, 0, 0, time.UTC), date(2025, time.June, 5), 35},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeAt(tt.dob, tt.at); got != tt.want {
				t.Errorf("AgeAt(%s, %s) = %d, want %d", tt.dob.Format(time.DateOnly), tt.at.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

func TestAgeBandsValidate(t *testing.T) {
	tests := []struct {
		bands   AgeBands
		wantErr string
	}{
		{DefaultAgeBands, ""},
		{AgeBands{16, 25, 45, 65}, ""},
		{AgeBands{0}, ""},
		{AgeBands{16}, ""},
		{nil, "age bands: need at least one lower bound"},
		{AgeBands{}, "age bands: need at least one lower bound"},
		{AgeBands{-1, 16}, "age bands: first lower bound -1 is negative"},
		{AgeBands{16, 25, 25}, "age bands: lower bounds must ascend, but 25 follows 25"},
		{AgeBands{25, 16}, "age bands: lower bounds must ascend, but 16 follows 25"},
		{AgeBands{16, 121}, "age bands: lower bound 121 is above 120"},
	}
	for _, tt := range tests {
		err := tt.bands.Validate()
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%v.Validate() = %v, want nil", tt.bands, err)
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("%v.Validate() = %v, want %q", tt.bands, err, tt.wantErr)
		}
	}
}

func TestAgeBandsLabels(t *testing.T) {
	tests := []struct {
		bands AgeBands
		want  []string
	}{
		{DefaultAgeBands, []string{"16-24", "25-34", "35-44", "45-54", "55-64", "65+"}},
		{AgeBands{16, 25, 45, 65}, []string{"16-24", "25-44", "45-64", "65+"}},
		{AgeBands{18}, []string{"18+"}},
		{AgeBands{16, 17}, []string{"16-16", "17+"}},
		{nil, []string{}},
	}
	for _, tt := range tests {
		if got := tt.bands.Labels(); !slices.Equal(got, tt.want) {
			t.Errorf("%v.Labels() = %q, want %q", tt.bands, got, tt.want)
		}
	}
}

func TestAgeBandsBand(t *testing.T) {
	tests := []struct {
		bands AgeBands
		age   int
		want  string
	}{
		{DefaultAgeBands, 15, NotKnown},
		{DefaultAgeBands, 16, "16-24"},
		{DefaultAgeBands, 24, "16-24"},
		{DefaultAgeBands, 25, "25-34"},
		{DefaultAgeBands, 44, "35-44"},
		{DefaultAgeBands, 45, "45-54"},
		{DefaultAgeBands, 64, "55-64"},
		{DefaultAgeBands, 65, "65+"},
		{DefaultAgeBands, 120, "65+"},
		{DefaultAgeBands, 121, NotKnown},
		{DefaultAgeBands, -1, NotKnown},
		{AgeBands{16, 25, 45, 65}, 30, "25-44"},
		{AgeBands{0, 16}, 0, "0-15"},
		{AgeBands{0, 16}, -3, NotKnown},
		{nil, 30, NotKnown},
	}
	for _, tt := range tests {
		if got := tt.bands.Band(tt.age); got != tt.want {
			t.Errorf("%v.Band(%d) = %q, want %q", tt.bands, tt.age, got, tt.want)
		}
	}
}
