package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"
)

// Leaving reasons as the HR system lists them.
const (
	reasonResignation = "Resignation"
	reasonRetirement  = "Retirement"
	reasonDismissal   = "Dismissal"
	reasonRedundancy  = "Redundancy"
	reasonFixedTerm   = "End of fixed-term contract"
	reasonIllHealth   = "Ill health retirement"
	reasonDeath       = "Death in service"
)

var (
	startersHeader = headers([]string{"Employee Number", "Start Date", "Pay Grade", "Directorate"}, personHeaders)
	leaversHeader  = headers([]string{"Employee Number", "Leaving Date", "Leaving Reason", "Pay Grade", "Directorate"}, personHeaders)
)

// starters are the joiners of every step, in start-date order.
func (m *monitoring) starters() [][]cell {
	var joiners []Person
	for i := range m.steps {
		joiners = append(joiners, m.steps[i].after.Joiners...)
	}
	slices.SortStableFunc(joiners, func(a, b Person) int {
		return cmp.Or(a.StartDate.Compare(b.StartDate), cmp.Compare(a.ID, b.ID))
	})
	rows := make([][]cell, len(joiners))
	for i := range joiners {
		q := &joiners[i]
		rows[i] = append([]cell{text(q.ID), date(q.StartDate), text(gradeLabel(q.Grade)), text(q.Directorate)}, personCells(q, false)...)
	}
	return rows
}

func (m *monitoring) leaverRows() [][]cell {
	rows := make([][]cell, len(m.leavers))
	for i, l := range m.leavers {
		q := l.person
		rows[i] = append([]cell{text(q.ID), date(l.date), text(l.reason), text(gradeLabel(q.Grade)), text(q.Directorate)}, personCells(q, false)...)
	}
	return rows
}

// leavingDetails gives each leaver of the model a reason and a last day of
// service within the step they left in, before its closing snapshot (which
// they are not in). Retirements and fixed-term contracts mostly end on the
// last day of a month.
func (m *monitoring) leavingDetails(r *rand.Rand) []leaver {
	var out []leaver
	for i := range m.steps {
		s := &m.steps[i]
		last := s.last().AddDate(0, 0, -1)
		for j := range s.after.Leavers {
			q := &s.after.Leavers[j]
			reason := pick(r, leavingReasons(q, s.after.Date))
			day := dayIn(r, s.first(), last)
			if (reason == reasonRetirement || reason == reasonFixedTerm) && r.Float64() < 0.6 {
				day = monthEndIn(r, s.first(), last)
			}
			out = append(out, leaver{person: q, date: day, reason: reason, step: i})
		}
	}
	slices.SortStableFunc(out, func(a, b leaver) int {
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.person.ID, b.person.ID))
	})
	return out
}

// monthEndIn is the last day of a month from a to b, or a day in them when
// no month ends there.
func monthEndIn(r *rand.Rand, a, b time.Time) time.Time {
	var ends []time.Time
	for d := time.Date(a.Year(), a.Month()+1, 0, 0, 0, 0, 0, time.UTC); !d.After(b); d = time.Date(d.Year(), d.Month()+2, 0, 0, 0, 0, 0, time.UTC) {
		ends = append(ends, d)
	}
	if len(ends) == 0 {
		return dayIn(r, a, b)
	}
	return ends[r.IntN(len(ends))]
}

// leavingReasons weighs the reasons by age and contract: mostly
// resignation and, from 60, retirement. Ill-health retirement is likelier
// for disabled staff, and dismissal for ethnic minority staff, in step with
// the disciplinary disparity planted in the casework.
func leavingReasons(q *Person, at time.Time) []share {
	age := q.ageAt(at)
	if age > retirementAge {
		return []share{{reasonRetirement, 1}}
	}
	var shares []share
	switch {
	case q.Contract == "Fixed term":
		shares = []share{{reasonFixedTerm, 58}, {reasonResignation, 37}, {reasonDismissal, 2}, {reasonIllHealth, 1}, {reasonRetirement, 2}}
	case age >= 60:
		shares = []share{{reasonRetirement, 66}, {reasonResignation, 20}, {reasonRedundancy, 5}, {reasonIllHealth, 4}, {reasonDismissal, 2}, {reasonDeath, 1.5}}
	case age >= 55:
		shares = []share{{reasonRetirement, 22}, {reasonResignation, 57}, {reasonRedundancy, 7}, {reasonIllHealth, 6}, {reasonDismissal, 3}, {reasonDeath, 1}}
	default:
		shares = []share{{reasonResignation, 88}, {reasonDismissal, 4}, {reasonRedundancy, 3}, {reasonIllHealth, 1}, {reasonDeath, 0.3}}
	}
	for i := range shares {
		switch {
		case shares[i].category == reasonIllHealth && disabilityOf(q) == classDisabled:
			shares[i].percent *= 5
		case shares[i].category == reasonDismissal && ethnicOf(q) == classMinority:
			shares[i].percent *= 1.75
		}
	}
	return shares
}
