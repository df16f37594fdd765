package peers

import (
	"math"
	"sort"

	"github.com/equip-project/equip/internal/table"
)

// Position says where the organisation's value of one measure sits among the
// peers' values of it.
type Position struct {
	Measure string  // one of Measures
	Value   float64 // the organisation's figure; NaN when it has none
	// The peers' median and quartiles; NaN when no peer has a figure.
	PeerMedian, PeerLowerQuartile, PeerUpperQuartile float64
	// Percentile is the organisation's percentile rank among the peers, 0–100;
	// NaN when the organisation or every peer lacks a figure.
	Percentile float64
	PeerCount  int // peers with a figure for the measure
}

// Compare places the organisation's figures, keyed by measure name
// (MeanGap, MedianGap, FemaleTopQuartile), among the peers' figures, one
// Position per measure in the order of Measures. Peers without a figure for
// a measure are left out of that measure.
//
// Percentile rank (the mid-rank definition): the percentage of peers whose
// figure is strictly below the organisation's, plus half the percentage whose
// figure equals it — so an organisation in the middle of a tie is not pushed
// to either end of it. The organisation's figure is compared as published,
// to one decimal place (the precision of the government's figures), so that
// a reader can check ties against the published numbers.
//
// Peer median: the middle value, or the mean of the two middle values for an
// even count (METRICS.md). Quartiles: linear interpolation between order
// statistics (Hyndman and Fan type 7, the default of R and of spreadsheet
// QUARTILE.INC): with the n values sorted x[0] ≤ … ≤ x[n−1] and
// h = (n − 1)·p, Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). At p = 0.5
// this is the median above.
func Compare(org map[string]float64, peers []Employer) []Position {
	out := make([]Position, 0, len(Measures))
	for _, m := range Measures {
		value, ok := org[m]
		if !ok {
			value = math.NaN()
		}
		var vals []float64
		for _, p := range peers {
			if v := p.Value(m); !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		sort.Float64s(vals)
		out = append(out, Position{
			Measure:           m,
			Value:             value,
			PeerMedian:        quantile(vals, 0.5),
			PeerLowerQuartile: quantile(vals, 0.25),
			PeerUpperQuartile: quantile(vals, 0.75),
			Percentile:        percentileRank(table.Round(value, 1), vals),
			PeerCount:         len(vals),
		})
	}
	return out
}

// quantile is the type 7 quantile of sorted values; NaN for none.
func quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// percentileRank is the mid-rank percentile rank of v among values.
func percentileRank(v float64, values []float64) float64 {
	if math.IsNaN(v) || len(values) == 0 {
		return math.NaN()
	}
	below, equal := 0, 0
	for _, x := range values {
		switch {
		case x < v:
			below++
		case x == v:
			equal++
		}
	}
	return (float64(below) + float64(equal)/2) / float64(len(values)) * 100
}
