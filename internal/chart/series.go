package chart

import "math"

// Value returns the series' value for the i-th category, and false when it
// is withheld, missing or not a number, so that every surface leaves the
// same gaps.
func (s Series) Value(i int) (float64, bool) {
	if i >= len(s.Values) || s.Withheld(i) {
		return 0, false
	}
	v := s.Values[i]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// Withheld reports whether the i-th value is marked suppressed (or
// otherwise withheld), as opposed to merely missing.
func (s Series) Withheld(i int) bool {
	return i < len(s.Suppressed) && s.Suppressed[i]
}

// ColourAt returns the series' colour, or the palette's colour for the
// series' position i when the model gives none.
func (s Series) ColourAt(i int) string {
	if s.Colour != "" {
		return s.Colour
	}
	return Colour(i)
}
