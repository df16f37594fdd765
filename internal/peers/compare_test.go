package peers

import (
	"math"
	"testing"
)

func TestCompare(t *testing.T) {
	nan := math.NaN()
	peers := []Employer{
		{Name: "A", DiffMeanHourly: 8, DiffMedianHourly: 1, FemaleTopQuartile: 40},
		{Name: "B", DiffMeanHourly: 5, DiffMedianHourly: 20, FemaleTopQuartile: 60},
		{Name: "C", DiffMeanHourly: 12, DiffMedianHourly: nan, FemaleTopQuartile: 30},
		{Name: "D", DiffMeanHourly: 2, DiffMedianHourly: 4, FemaleTopQuartile: 50},
		{Name: "E", DiffMeanHourly: 10, DiffMedianHourly: 3, FemaleTopQuartile: 45},
		{Name: "F", DiffMeanHourly: 5, DiffMedianHourly: 7, FemaleTopQuartile: 55},
	}
	// FemaleTopQuartile is absent: the organisation has no figure for it.
	org := map[string]float64{MeanGap: 5.04, MedianGap: 10}
	got := Compare(org, peers)
	want := []Position{
		// Mean: sorted 2, 5, 5, 8, 10, 12 (n = 6, even).
		// 5.04 is compared as published, 5.0: one below (2), two equal (5, 5),
		// so (1 + 2/2) / 6 × 100 = 33.333…
		// Median = (5 + 8) / 2 = 6.5. Type 7: Q1 at h = 5 × 0.25 = 1.25:
		// x[1] + 0.25 × (x[2] − x[1]) = 5 + 0.25 × 0 = 5; Q3 at h = 3.75:
		// x[3] + 0.75 × (x[4] − x[3]) = 8 + 0.75 × 2 = 9.5.
		{Measure: MeanGap, Value: 5.04, PeerMedian: 6.5, PeerLowerQuartile: 5, PeerUpperQuartile: 9.5, Percentile: 100.0 / 3, PeerCount: 6},
		// Median: C has none, so sorted 1, 3, 4, 7, 20 (n = 5, odd).
		// 10: four below, none equal: 4/5 × 100 = 80.
		// Median x[2] = 4; Q1 at h = 1: x[1] = 3; Q3 at h = 3: x[3] = 7.
		{Measure: MedianGap, Value: 10, PeerMedian: 4, PeerLowerQuartile: 3, PeerUpperQuartile: 7, Percentile: 80, PeerCount: 5},
		// Top quartile: sorted 30, 40, 45, 50, 55, 60. Median (45 + 50) / 2 = 47.5;
		// Q1 at h = 1.25: 40 + 0.25 × 5 = 41.25; Q3 at h = 3.75: 50 + 0.75 × 5 = 53.75.
		// No organisation figure, so no percentile.
		{Measure: FemaleTopQuartile, Value: nan, PeerMedian: 47.5, PeerLowerQuartile: 41.25, PeerUpperQuartile: 53.75, Percentile: nan, PeerCount: 6},
	}
	checkPositions(t, got, want)
}

func TestCompareEdges(t *testing.T) {
	nan := math.NaN()
	mean := func(vs ...float64) []Employer {
		var es []Employer
		for _, v := range vs {
			es = append(es, Employer{DiffMeanHourly: v, DiffMedianHourly: nan, FemaleTopQuartile: nan})
		}
		return es
	}
	tests := []struct {
		name  string
		org   float64
		peers []Employer
		want  Position
	}{
		// Sorted 1, 2, 4, 8: median (2 + 4) / 2 = 3; Q1 at h = 0.75: 1 + 0.75 × 1 = 1.75;
		// Q3 at h = 2.25: 4 + 0.25 × 4 = 5. 3 sits above two of four: 50.
		{"interpolated quartiles", 3, mean(8, 1, 4, 2), Position{Value: 3, PeerMedian: 3, PeerLowerQuartile: 1.75, PeerUpperQuartile: 5, Percentile: 50, PeerCount: 4}},
		// All tied with the organisation: half of 3 peers, 1.5 / 3 = 50%.
		{"all tied", 3, mean(3, 3, 3), Position{Value: 3, PeerMedian: 3, PeerLowerQuartile: 3, PeerUpperQuartile: 3, Percentile: 50, PeerCount: 3}},
		{"below every peer", -2, mean(0, 1), Position{Value: -2, PeerMedian: 0.5, PeerLowerQuartile: 0.25, PeerUpperQuartile: 0.75, Percentile: 0, PeerCount: 2}},
		{"above every peer", 9, mean(0, 1), Position{Value: 9, PeerMedian: 0.5, PeerLowerQuartile: 0.25, PeerUpperQuartile: 0.75, Percentile: 100, PeerCount: 2}},
		// One peer: every quantile is its value; 4 is below 6, equal to none.
		{"one peer", 6, mean(4), Position{Value: 6, PeerMedian: 4, PeerLowerQuartile: 4, PeerUpperQuartile: 4, Percentile: 100, PeerCount: 1}},
		{"no peers", 6, nil, Position{Value: 6, PeerMedian: nan, PeerLowerQuartile: nan, PeerUpperQuartile: nan, Percentile: nan, PeerCount: 0}},
		{"no peer has a figure", 6, mean(nan, nan), Position{Value: 6, PeerMedian: nan, PeerLowerQuartile: nan, PeerUpperQuartile: nan, Percentile: nan, PeerCount: 0}},
		{"organisation figure NaN", nan, mean(1, 2, 3), Position{Value: nan, PeerMedian: 2, PeerLowerQuartile: 1.5, PeerUpperQuartile: 2.5, Percentile: nan, PeerCount: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Compare(map[string]float64{MeanGap: tc.org}, tc.peers)
			tc.want.Measure = MeanGap
			checkPositions(t, got[:1], []Position{tc.want})
			if len(got) != 3 || got[1].Measure != MedianGap || got[2].Measure != FemaleTopQuartile {
				t.Errorf("measures: got %+v", got)
			}
		})
	}
}

func checkPositions(t *testing.T, got, want []Position) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d positions, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Measure != w.Measure || g.PeerCount != w.PeerCount {
			t.Errorf("position %d: got %s n=%d, want %s n=%d", i, g.Measure, g.PeerCount, w.Measure, w.PeerCount)
		}
		for _, f := range []struct {
			name      string
			got, want float64
		}{{"value", g.Value, w.Value}, {"median", g.PeerMedian, w.PeerMedian}, {"lower quartile", g.PeerLowerQuartile, w.PeerLowerQuartile},
			{"upper quartile", g.PeerUpperQuartile, w.PeerUpperQuartile}, {"percentile", g.Percentile, w.Percentile}} {
			if !sameFloat(f.got, f.want) {
				t.Errorf("%s %s: got %v, want %v", w.Measure, f.name, f.got, f.want)
			}
		}
	}
}
