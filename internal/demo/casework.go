package demo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

var caseworkHeader = headers([]string{"Case Ref", "Case Type", "Date Opened", "Outcome", "Employee Number"}, personHeaders, beliefHeaders)

// Case types.
const (
	caseGrievance    = "Grievance"
	caseDisciplinary = "Disciplinary"
	caseCapability   = "Capability"
	caseBullying     = "Bullying and harassment"
)

// Outcomes.
const (
	outcomeDismissal = "Dismissal"
	outcomeOngoing   = "Ongoing"
)

// caseKind is how often a type of case is opened, per 100 staff a year,
// and how much likelier a group is to be its subject: ethnic minority staff
// enter the disciplinary process 1.75 times as often as White staff (WRES
// indicator 3), disabled staff the capability process 2.5 times as often.
// Each kind's cases are shared among its classes by their expected numbers
// (stratified), so the ratios hold.
type caseKind struct {
	name     string
	per100   float64
	class    func(*Person) int
	weights  [3]float64 // by class
	outcomes []share    // of concluded cases; dismissals come from the leavers
}

var caseKinds = []caseKind{
	{
		name: caseDisciplinary, per100: 1.0, class: ethnicOf, weights: [3]float64{classWhite: 1, classMinority: 1.75, classUndeclared: 1.1},
		outcomes: []share{{"No case to answer", 22}, {"Informal action", 20}, {"Written warning", 28}, {"Final written warning", 14}, {"Withdrawn", 6}},
	},
	{
		name: caseGrievance, per100: 0.55, class: ethnicOf, weights: [3]float64{classWhite: 1, classMinority: 1.3, classUndeclared: 1},
		outcomes: []share{{"Upheld", 25}, {"Not upheld", 52}, {"Withdrawn", 18}},
	},
	{
		name: caseCapability, per100: 0.35, class: disabilityOf, weights: [3]float64{classNotDisabled: 1, classDisabled: 2.5, classDisabilityUndeclared: 1.1},
		outcomes: []share{{"Informal action", 45}, {"Written warning", 22}, {"Final written warning", 10}, {"Withdrawn", 8}, {"No case to answer", 5}},
	},
	{
		name: caseBullying, per100: 0.25, class: ethnicOf, weights: [3]float64{classWhite: 1, classMinority: 1.5, classUndeclared: 1},
		outcomes: []share{{"Upheld", 30}, {"Not upheld", 48}, {"Withdrawn", 17}},
	},
}

// ongoingWeeks: a case opened this many weeks or less before the export
// may still be open, the more likely the more recent.
const ongoingWeeks = 14

// workCase is one row of the casework export.
type workCase struct {
	ref     string
	kind    string
	opened  time.Time
	outcome string
	person  *Person
	order   uint64
}

// casework opens each step's cases: first one for every dismissal among
// its leavers (a disciplinary, or for a few a capability, case that ended
// in it), then the rest of each kind among the staff in post, class by
// class.
func (m *monitoring) casework(r *rand.Rand) [][]cell {
	var cases []*workCase
	for i := range m.steps {
		s := &m.steps[i]
		opened := map[string][3]int{}
		for _, l := range m.leavers {
			if l.step != i || l.reason != reasonDismissal {
				continue
			}
			kind := caseDisciplinary
			if r.Float64() < 0.2 || disabilityOf(l.person) == classDisabled && r.Float64() < 0.5 {
				kind = caseCapability
			}
			day := latest(latest(s.first(), l.person.StartDate), l.date.AddDate(0, 0, -(21+r.IntN(100))))
			cases = append(cases, &workCase{kind: kind, opened: day, outcome: outcomeDismissal, person: l.person, order: r.Uint64()})
			k := kindNamed(kind)
			n := opened[kind]
			n[k.class(l.person)]++
			opened[kind] = n
		}
		staff := make([]*Person, len(s.after.Staff))
		for j := range s.after.Staff {
			staff[j] = &s.after.Staff[j]
		}
		for _, k := range caseKinds {
			want := int(math.Round(k.per100 / 100 * float64(len(staff)) * s.share()))
			groups := make([][]*Person, 3)
			weights := make([]float64, 3)
			for _, q := range staff {
				c := k.class(q)
				groups[c] = append(groups[c], q)
				weights[c] += k.weights[c]
			}
			for c, n := range apportion(weights, want) {
				for _, q := range pickPeople(r, groups[c], n-opened[k.name][c]) {
					day := dayIn(r, earliest(latest(s.first(), q.StartDate.AddDate(0, 0, 28)), s.last()), s.last())
					cases = append(cases, &workCase{kind: k.name, opened: day, outcome: outcome(r, k, day), person: q, order: r.Uint64()})
				}
			}
		}
	}
	slices.SortStableFunc(cases, func(a, b *workCase) int { return cmp.Or(a.opened.Compare(b.opened), cmp.Compare(a.order, b.order)) })
	next := map[int]int{2024: 40 + r.IntN(15)} // the cases of January to March 2024
	for _, c := range cases {
		next[c.opened.Year()]++
		c.ref = fmt.Sprintf("ER-%d-%04d", c.opened.Year(), next[c.opened.Year()])
	}
	m.found.casework = summariseCasework(m.steps, cases)
	rows := make([][]cell, len(cases))
	for i, c := range cases {
		rows[i] = append([]cell{text(c.ref), text(c.kind), date(c.opened), text(c.outcome), text(c.person.ID)}, personCells(c.person, true)...)
	}
	return rows
}

func kindNamed(name string) *caseKind {
	for i := range caseKinds {
		if caseKinds[i].name == name {
			return &caseKinds[i]
		}
	}
	return &caseKinds[0]
}

// pickPeople chooses n of the people at random, with repeats allowed (one
// person can have two cases), none when n is not positive.
func pickPeople(r *rand.Rand, people []*Person, n int) []*Person {
	if len(people) == 0 || n <= 0 {
		return nil
	}
	out := make([]*Person, n)
	for i := range out {
		out[i] = people[r.IntN(len(people))]
	}
	return out
}

// outcome of a case opened on a day: a recent one is likely still open.
func outcome(r *rand.Rand, k caseKind, opened time.Time) string {
	weeks := float64(days(opened, exportedAt)) / 7
	if weeks < ongoingWeeks && r.Float64() < 1-weeks/ongoingWeeks {
		return outcomeOngoing
	}
	return pick(r, k.outcomes)
}
