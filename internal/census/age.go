package census

import (
	"math"
	"regexp"
	"strconv"

	"github.com/equip-project/equip/internal/harmonise"
)

// adultAge is the lower age of the population base: the census asked sexual
// orientation and gender identity of residents aged 16 and over, and the
// workforce's youngest default band starts there too.
const adultAge = 16

// openEnd is the upper age of an "and over" category.
const openEnd = math.MaxInt

// ageRange is the residents of one census age category, ages lo to hi
// inclusive.
type ageRange struct {
	lo, hi int
	count  float64
}

func (r ageRange) contains(o ageRange) bool { return r.lo <= o.lo && o.hi <= r.hi }

// ageTable is one file's age categories, finest first-class partition only.
type ageTable struct {
	source string
	ranges []ageRange
}

// singleYear reports whether the table gives every age on its own (apart
// from the open-ended top category such as "Aged 100 years and over").
func (t ageTable) singleYear() bool {
	for _, r := range t.ranges {
		if r.lo != r.hi && r.hi != openEnd {
			return false
		}
	}
	return len(t.ranges) > 0
}

// agePatterns turn the numbers an age label gives into its range.
var agePatterns = []struct {
	re     *regexp.Regexp
	lo, hi func(n []int) int
}{
	{regexp.MustCompile(`^aged under (\d+) years?$`), func([]int) int { return 0 }, func(n []int) int { return n[0] - 1 }},
	{regexp.MustCompile(`^aged (\d+) to (\d+) years?$`), func(n []int) int { return n[0] }, func(n []int) int { return n[1] }},
	{regexp.MustCompile(`^aged (\d+) years? and under$`), func([]int) int { return 0 }, func(n []int) int { return n[0] }},
	{regexp.MustCompile(`^aged (\d+) years? and over$`), func(n []int) int { return n[0] }, func([]int) int { return openEnd }},
	{regexp.MustCompile(`^aged (\d+) years?$`), func(n []int) int { return n[0] }, func(n []int) int { return n[0] }},
}

// parseAge reads a Census 2021 age label ("Aged 16 to 24 years", "Aged 4
// years", "Aged under 1 year", "Aged 15 years and under", "Aged 75 years and
// over").
func parseAge(label string) (lo, hi int, ok bool) {
	l := normalise(label)
	for _, p := range agePatterns {
		m := p.re.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var nums []int
		for _, s := range m[1:] {
			n, err := strconv.Atoi(s)
			if err != nil {
				return 0, 0, false
			}
			nums = append(nums, n)
		}
		lo, hi = p.lo(nums), p.hi(nums)
		return lo, hi, lo <= hi
	}
	return 0, 0, false
}

const validAges = `"Aged 16 years", "Aged 16 to 24 years", "Aged under 1 year", "Aged 15 years and under" or "Aged 75 years and over"`

// finest keeps the categories that contain no other category: a nomis bulk
// table lists subtotals ("Aged 16 to 19 years", "Aged 85 years and over")
// beside the single years they add up, and counting both would double them.
func finest(ranges []ageRange) []ageRange {
	var kept []ageRange
	for i, r := range ranges {
		parent := false
		for j, o := range ranges {
			if i != j && r.contains(o) && r != o {
				parent = true
				break
			}
		}
		if !parent {
			kept = append(kept, r)
		}
	}
	return kept
}

// overlap returns two categories that share an age, if any.
func overlap(ranges []ageRange) (a, b ageRange, found bool) {
	for i, r := range ranges {
		for _, o := range ranges[i+1:] {
			if r.lo <= o.hi && o.lo <= r.hi {
				return r, o, true
			}
		}
	}
	return ageRange{}, ageRange{}, false
}

// AgeShares returns the share (0–100) of each of the given age bands among
// residents aged at least the first bound, keyed by the bands' labels
// ("16-24", …, "65+"). It uses single-year ages when any file gave them, else
// banded ages when every census band falls inside one of the given bands;
// nil when neither can give the bands exactly.
func (b *Benchmark) AgeShares(bands harmonise.AgeBands) map[string]float64 {
	if bands.Validate() != nil {
		return nil
	}
	for _, t := range []*ageTable{b.singleAges, b.bandedAges} {
		if t == nil {
			continue
		}
		if shares := t.shares(bands); shares != nil {
			return shares
		}
	}
	return nil
}

// shares sums the table's categories into the bands, or returns nil when a
// category straddles a band boundary.
func (t ageTable) shares(bounds harmonise.AgeBands) map[string]float64 {
	counts := make([]float64, len(bounds))
	var total float64
	for _, r := range t.ranges {
		if r.hi < bounds[0] {
			continue
		}
		band := -1
		for i, lo := range bounds {
			if r.lo >= lo {
				band = i
			}
		}
		if band < 0 {
			return nil // straddles the first bound
		}
		if band < len(bounds)-1 && r.hi >= bounds[band+1] {
			return nil
		}
		counts[band] += r.count
		total += r.count
	}
	if total <= 0 {
		return nil
	}
	shares := make(map[string]float64, len(bounds))
	for i, label := range bounds.Labels() {
		shares[label] = counts[i] / total * 100
	}
	return shares
}
