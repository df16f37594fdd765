package peers

import (
	"math"
	"slices"
	"testing"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		f     Filter
		count int
		want  string
	}{
		{Filter{SIC: []string{"84110"}, Sizes: []string{"250 to 499"}}, 412, "SIC 84110; 250 to 499 employees; 412 employers"},
		{Filter{SIC: []string{"84110", "84120", "85421"}}, 1, "SIC 84110, 84120 or 85421; 1 employer"},
		{Filter{Sizes: []string{"1000 to 4999", "5000 to 19,999"}}, 2641, "1000 to 4999 or 5000 to 19,999 employees; 2,641 employers"},
		{Filter{Employers: []string{"Alpha Council", " ", "Beta Council"}}, 2, "named: Alpha Council, Beta Council; 2 employers"},
		{Filter{Employers: []string{"A", "B", "C", "D"}}, 4, "4 named employers; 4 employers"},
		{Filter{}, 10498, "all employers in the file; 10,498 employers"},
	}
	for _, tc := range tests {
		if got := Describe(tc.f, tc.count); got != tc.want {
			t.Errorf("Describe(%+v, %d) = %q, want %q", tc.f, tc.count, got, tc.want)
		}
	}
}

// positions are the hand-worked results of TestCompare.
func positions() []Position {
	nan := math.NaN()
	return []Position{
		{Measure: MeanGap, Value: 5.04, PeerMedian: 6.5, PeerLowerQuartile: 5, PeerUpperQuartile: 9.5, Percentile: 100.0 / 3, PeerCount: 6},
		{Measure: MedianGap, Value: 10, PeerMedian: 4, PeerLowerQuartile: 3, PeerUpperQuartile: 7, Percentile: 80, PeerCount: 5},
		{Measure: FemaleTopQuartile, Value: nan, PeerMedian: 47.5, PeerLowerQuartile: 41.25, PeerUpperQuartile: 53.75, Percentile: nan, PeerCount: 6},
	}
}

func TestTable(t *testing.T) {
	tb := Table("2025-03-31", positions(), "SIC 84110; 6 employers", "inputs/peers/uk_gender_pay_gap_2021_22.csv")
	if tb.Name != "pay_gap_peers" {
		t.Errorf("name %q", tb.Name)
	}
	wantCols := []string{"snapshot_date", "measure", "organisation_value", "peer_median", "peer_lower_quartile", "peer_upper_quartile", "percentile", "peer_count", "peer_group", "source"}
	var cols []string
	for _, c := range tb.Columns {
		cols = append(cols, c.Name)
	}
	if !slices.Equal(cols, wantCols) {
		t.Fatalf("columns %q, want %q", cols, wantCols)
	}
	// As the tidy CSV shows it: percentages to one decimal place, NaN as [x].
	want := [][]string{
		{"2025-03-31", "DiffMeanHourlyPercent", "5.0", "6.5", "5.0", "9.5", "33.3", "6", "SIC 84110; 6 employers", "uk_gender_pay_gap_2021_22.csv"},
		{"2025-03-31", "DiffMedianHourlyPercent", "10.0", "4.0", "3.0", "7.0", "80.0", "5", "SIC 84110; 6 employers", "uk_gender_pay_gap_2021_22.csv"},
		{"2025-03-31", "FemaleTopQuartile", "[x]", "47.5", "41.3", "53.8", "[x]", "6", "SIC 84110; 6 employers", "uk_gender_pay_gap_2021_22.csv"},
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(tb.Rows), len(want))
	}
	for r, w := range want {
		var got []string
		for i, c := range tb.Rows[r] {
			got = append(got, c.Format(tb.Columns[i]))
		}
		if !slices.Equal(got, w) {
			t.Errorf("row %d:\n got %q\nwant %q", r, got, w)
		}
	}
}
