package chart_test

import (
	"math"
	"testing"

	"github.com/equip-project/equip/internal/chart"
)

func TestSeriesValueWithheldAndColour(t *testing.T) {
	s := chart.Series{Values: []float64{12.5, 0, math.Inf(1), -3}, Suppressed: []bool{false, true, false}}
	for _, tc := range []struct {
		i        int
		want     float64
		ok       bool
		withheld bool
	}{
		{0, 12.5, true, false},
		{1, 0, false, true},  // suppressed
		{2, 0, false, false}, // not a number: missing, not withheld
		{3, -3, true, false}, // Suppressed shorter than Values
		{4, 0, false, false}, // past the end
	} {
		got, ok := s.Value(tc.i)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Value(%d) = %v, %v; want %v, %v", tc.i, got, ok, tc.want, tc.ok)
		}
		if w := s.Withheld(tc.i); w != tc.withheld {
			t.Errorf("Withheld(%d) = %v, want %v", tc.i, w, tc.withheld)
		}
	}
	if got := s.ColourAt(1); got != "#E69F00" {
		t.Errorf("ColourAt(1) without a colour = %q, want the palette's second, #E69F00", got)
	}
	s.Colour = "#123456"
	if got := s.ColourAt(1); got != "#123456" {
		t.Errorf("ColourAt(1) = %q, want the series' own #123456", got)
	}
}
