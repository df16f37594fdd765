package demo

import (
	"cmp"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

// quarterEnds are the snapshots after 31 March 2025, so that a quarterly
// dashboard for the first two quarters of 2025/26 has its workforce. The
// workforce keeps growing by about thirty a year.
var quarterEnds = []struct {
	date      time.Time
	headcount int
}{
	{time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC), 6433},
	{time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC), 6441},
}

// leavingDisparityFactor is how much more likely to leave in a quarter
// ethnic minority and disabled staff are than others: the disparity the
// turnover tables of 2025/26 should find.
const leavingDisparityFactor = 1.4

// streamOf names a random stream of the seed, so that each generated file
// has its own and adding one leaves the others as they were.
func streamOf(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// quarterly is the chance in a quarter of an event with the given chance in
// a year.
func quarterly(annual float64) float64 { return 1 - math.Pow(1-annual, 0.25) }

// advanceQuarter moves the workforce on a quarter: a quarter's share of the
// year's leavers, promotions and movements, the spine increment in the
// quarter holding 1 April, and joiners to the new headcount. There is no
// declaration drive: those run once a year.
func (p *population) advanceQuarter(date time.Time, headcount int) Year {
	prev := p.date
	p.date = date
	leavers := p.leave(prev, 0.25, true)
	april := time.Date(date.Year(), time.April, 1, 0, 0, 0, 0, time.UTC)
	increment := prev.Before(april) && !date.Before(april)
	for _, q := range p.staff {
		p.progressQuarter(q, increment)
	}
	target := gradeHeadcounts(headcount)
	p.promote(target, promotionRate/4)
	joiners := p.join(prev, target, 0)
	slices.SortFunc(p.staff, func(a, b *Person) int { return cmp.Compare(a.ID, b.ID) })
	p.refreshCircumstances()
	return p.record(joiners, leavers)
}

// progressQuarter is a stayer's quarter: the annual increment when due, and
// a quarter's chance of the changes progress makes in a year.
func (p *population) progressQuarter(q *Person, increment bool) {
	if increment && q.Point < len(spine[q.Grade])-1 {
		q.Point++
	}
	if q.Contract == "Fixed term" && p.r.Float64() < quarterly(conversionRate) {
		q.Contract = "Permanent"
	}
	if p.r.Float64() < quarterly(transferChance) {
		q.Directorate = pick(p.r, directorates)
	}
	if q.Disability == "Not disabled" && p.r.Float64() < quarterly(onsetChance) {
		q.Disability = "Disabled"
	}
	if p.r.Float64() < 0.25 {
		q.MaritalStatus = p.maritalChange(q)
	}
}

// leavingDisparity weighs a person's chance of leaving by the groups that
// leave more often.
func leavingDisparity(q *Person) float64 {
	w := 1.0
	if ethnicClass(q.Ethnicity) == classMinority {
		w *= leavingDisparityFactor
	}
	if disabilityClass(q.Disability) == classDisabled {
		w *= leavingDisparityFactor
	}
	return w
}

// The classes the monitoring disparities are planted between: for
// ethnicity White, ethnic minority and not declared; for disability
// Disabled, not disabled and not declared.
const (
	classWhite = iota
	classMinority
	classUndeclared
)

const (
	classNotDisabled = iota
	classDisabled
	classDisabilityUndeclared
)

var ethnicMinority = ethnicMinorityCategories()

func ethnicClass(category string) int {
	switch {
	case harmonise.IsMissing(category):
		return classUndeclared
	case slices.Contains(ethnicMinority, category):
		return classMinority
	}
	return classWhite
}

func disabilityClass(category string) int {
	switch category {
	case "Disabled":
		return classDisabled
	case "Not disabled":
		return classNotDisabled
	}
	return classDisabilityUndeclared
}

// equalityClass combines the two: nine classes, 0 to 8.
func equalityClass(q *Person) int { return ethnicClass(q.Ethnicity)*3 + disabilityClass(q.Disability) }

// stratifiedSample picks k of the items without replacement in proportion
// to their weights, as weightedSample does, but first shares k among the
// classes by their total weight (largest remainder), so each class gets
// close to its expected number rather than whatever chance gives it.
func stratifiedSample(r *rand.Rand, items []*Person, k int, weight func(*Person) float64, class func(*Person) int) []*Person {
	groups := map[int][]*Person{}
	var order []int
	for _, it := range items {
		c := class(it)
		if _, seen := groups[c]; !seen {
			order = append(order, c)
		}
		groups[c] = append(groups[c], it)
	}
	slices.Sort(order)
	weights := make([]float64, len(order))
	for i, c := range order {
		for _, it := range groups[c] {
			weights[i] += weight(it)
		}
	}
	var out []*Person
	for i, n := range apportion(weights, min(k, len(items))) {
		out = append(out, weightedSample(r, groups[order[i]], n, weight)...)
	}
	return out
}
