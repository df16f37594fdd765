package demo

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"
)

var trainingHeader = headers([]string{"Employee Number", "Course", "Status", "Date"}, personHeaders, beliefHeaders)

// Training statuses: an application not (yet) taken up, and a course
// received. A row is one application, at its furthest status.
const (
	trainingApplied  = "Applied"
	trainingReceived = "Received"
)

// trainingPerYear is how many applications for non-mandatory training
// staff make in a year.
const trainingPerYear = 1000

// receivedChance is the share of applications that lead to training, and
// the factor by which it is lower for ethnic minority and for disabled
// applicants (WRES indicator 4, which counts training received).
const (
	receivedChance    = 0.72
	receivedDisparity = 0.8
)

// course is a non-mandatory course and the grades it is open to.
type course struct {
	name   string
	lowest int
	weight float64
}

var courses = []course{
	{"Leadership programme", 9, 3},
	{"ILM Level 5 in Leadership and Management", 8, 2},
	{"Aspiring managers programme", 5, 3},
	{"Coaching skills", 4, 3},
	{"Mentoring scheme", 1, 3},
	{"Project management (PRINCE2 Foundation)", 5, 2},
	{"Level 3 Team Leader apprenticeship", 3, 2},
	{"Mental health first aider", 1, 2},
	{"Presentation skills", 3, 2},
	{"Data skills (Excel and Power BI)", 3, 2},
}

type trainingRecord struct {
	person  *Person
	course  string
	applied time.Time
	status  string
	date    time.Time
}

// training draws each step's applications from the staff in post (more
// from the middle grades, fewer from part-time and casual staff) and, class
// by class, how many were received, so the ethnic minority and disabled
// shortfall holds.
func (m *monitoring) training(r *rand.Rand) [][]cell {
	var records []*trainingRecord
	for i := range m.steps {
		s := &m.steps[i]
		// Applications are shared among the equality classes by their
		// staff's pull first, so every class applies at its expected rate
		// and only receiving differs.
		byClass := make([][]*Person, 9)
		pull := make([]float64, 9)
		for j := range s.after.Staff {
			q := &s.after.Staff[j]
			c := equalityClass(q)
			byClass[c] = append(byClass[c], q)
			pull[c] += trainingPull(q)
		}
		var step []*trainingRecord
		for c, n := range apportion(pull, int(math.Round(trainingPerYear*s.share()))) {
			cumulative := make([]float64, len(byClass[c]))
			total := 0.0
			for j, q := range byClass[c] {
				total += trainingPull(q)
				cumulative[j] = total
			}
			for range n {
				q := byClass[c][sort.SearchFloat64s(cumulative, r.Float64()*total)]
				step = append(step, &trainingRecord{
					person: q, course: pickCourse(r, q.Grade), status: trainingApplied,
					applied: dayIn(r, latest(s.first(), q.StartDate), s.last()),
				})
			}
		}
		receive(r, step)
		for _, t := range step {
			t.date = t.applied
			if t.status == trainingReceived {
				t.date = earliest(t.applied.AddDate(0, 0, 14+r.IntN(60)), s.last())
			}
		}
		records = append(records, step...)
	}
	slices.SortStableFunc(records, func(a, b *trainingRecord) int {
		return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.person.ID, b.person.ID))
	})
	m.found.training = summariseTraining(m.steps, records)
	rows := make([][]cell, len(records))
	for i, t := range records {
		rows[i] = append([]cell{text(t.person.ID), text(t.course), text(t.status), date(t.date)}, personCells(t.person, true)...)
	}
	return rows
}

// receive marks as received, in each equality class, as many applications
// as the class's chance gives (largest remainder over the classes).
func receive(r *rand.Rand, records []*trainingRecord) {
	byClass := make([][]*trainingRecord, 9)
	expected := make([]float64, 9)
	total := 0.0
	for _, t := range records {
		c := equalityClass(t.person)
		byClass[c] = append(byClass[c], t)
		p := receivedChance
		if ethnicOf(t.person) == classMinority {
			p *= receivedDisparity
		}
		if disabilityOf(t.person) == classDisabled {
			p *= receivedDisparity
		}
		expected[c] += p
		total += p
	}
	for c, n := range apportion(expected, int(math.Round(total))) {
		for _, j := range r.Perm(len(byClass[c]))[:min(n, len(byClass[c]))] {
			byClass[c][j].status = trainingReceived
		}
	}
}

// trainingPull is how likely a member of staff is to apply.
func trainingPull(q *Person) float64 {
	w := 1.0
	switch {
	case q.Grade <= 3:
		w = 0.5
	case q.Grade >= 9 && !isSenior(q.Grade):
		w = 1.4
	}
	if q.Contract == "Casual" {
		w *= 0.3
	}
	return w * (0.5 + 0.5*q.FTE)
}

func pickCourse(r *rand.Rand, grade int) string {
	var open []share
	for _, c := range courses {
		if grade >= c.lowest {
			open = append(open, share{c.name, c.weight})
		}
	}
	return pick(r, open)
}
