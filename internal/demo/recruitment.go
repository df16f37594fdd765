package demo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

var recruitmentHeader = headers(
	[]string{"Application ID", "Vacancy Ref", "Post Grade", "Directorate", "Date Received", "Stage Reached"},
	personHeaders, beliefHeaders)

// Stages an application can reach, the furthest written.
const (
	stageApplied     = "Applied"
	stageShortlisted = "Shortlisted"
	stageInterviewed = "Interviewed"
	stageOffered     = "Offered"
	stageAppointed   = "Appointed"
	stageWithdrawn   = "Withdrawn"
)

// funnel holds, by ethnicity class, the shortlisting rate (shortlisted ÷
// applied) and the appointment rate (appointed ÷ shortlisted) the
// recruitment file is built to: ethnic minority applicants are shortlisted
// at much the same rate as White ones but appointed from shortlisting 1.36
// times less often (the WRES indicator 2 relative likelihood).
var funnel = [3]struct{ shortlist, appoint float64 }{
	classWhite:      {0.45, 0.28},
	classMinority:   {0.42, 0.28 / appointmentLikelihood},
	classUndeclared: {0.45, 0.28},
}

const (
	appointmentLikelihood = 1.36
	// disabledShortlisting is disabled applicants' shortlisting rate as a
	// share of everyone else's; their appointment rate from shortlisting
	// is the same.
	disabledShortlisting = 0.85
)

// stageVariants are the spellings data entry gives a stage now and then.
var stageVariants = map[string][]string{
	stageApplied:     {"applied", "Applied "},
	stageShortlisted: {"Short-listed", "Short listed", "shortlisted"},
	stageInterviewed: {"interviewed", "INTERVIEWED"},
	stageOffered:     {"offered"},
	stageAppointed:   {"appointed", "Appointed "},
	stageWithdrawn:   {"withdrawn"},
}

// stageVariantChance is how often a stage is written in a variant spelling.
const stageVariantChance = 0.03

// vacancy is one advertised post, filled by one of the model's joiners.
type vacancy struct {
	ref          string
	grade        int
	directorate  string
	opens, close time.Time
	appointee    *Person
}

// application is one row of the recruitment export.
type application struct {
	id        string
	vacancy   *vacancy
	person    *Person // the appointee, or an unsuccessful applicant made up for the file
	received  time.Time
	stage     string
	ethnicity string // the label written, when not the person's own (an oddity)
	order     uint64 // breaks ties between applications received on one day
}

// recruitment builds the applications of the period: one vacancy per joiner
// of the model, the joiner its appointee, and around them as many
// unsuccessful applicants of each ethnicity and disability class as the
// funnel's rates need, step by step so each period's rates hold.
func (m *monitoring) recruitment(r *rand.Rand) [][]cell {
	var apps []*application
	var vacancies []*vacancy
	for i := range m.steps {
		s := &m.steps[i]
		v, a := m.stepApplications(r, s)
		vacancies = append(vacancies, v...)
		apps = append(apps, a...)
	}
	numberVacancies(r, vacancies)
	slices.SortStableFunc(apps, func(a, b *application) int {
		return cmp.Or(a.received.Compare(b.received), cmp.Compare(a.order, b.order))
	})
	numberApplications(r, apps)
	m.found.recruitment = summariseRecruitment(m.steps, apps)

	// A few applicants who did not give an ethnicity typed a term the
	// forms do not offer.
	var blank []*application
	for _, a := range apps {
		if a.stage != stageAppointed && a.person.Ethnicity == harmonise.NotKnown {
			blank = append(blank, a)
		}
	}
	for _, i := range r.Perm(len(blank))[:min(3, len(blank))] {
		blank[i].ethnicity = "BAME"
	}

	rows := make([][]cell, len(apps))
	for i, a := range apps {
		stage := a.stage
		if variants := stageVariants[stage]; r.Float64() < stageVariantChance {
			stage = variants[r.IntN(len(variants))]
		}
		v := a.vacancy
		row := append([]cell{text(a.id), text(v.ref), text(gradeLabel(v.grade)), text(v.directorate), date(a.received), text(stage)},
			personCells(a.person, true)...)
		if a.ethnicity != "" {
			row[8] = text(a.ethnicity)
		}
		rows[i] = row
	}
	return rows
}

// stepApplications are the vacancies and applications of one step.
func (m *monitoring) stepApplications(r *rand.Rand, s *step) ([]*vacancy, []*application) {
	joiners := slices.Clone(s.after.Joiners)
	slices.SortStableFunc(joiners, func(a, b Person) int {
		return cmp.Or(a.StartDate.Compare(b.StartDate), cmp.Compare(a.ID, b.ID))
	})
	vacancies := make([]*vacancy, len(joiners))
	var apps []*application
	for i := range joiners {
		v := advertise(r, s, &joiners[i])
		vacancies[i] = v
		apps = append(apps, &application{vacancy: v, person: v.appointee, stage: stageAppointed, received: dayIn(r, v.opens, v.close), order: r.Uint64()})
	}

	// How many shortlisted and how many applied in each class, from the
	// appointees and the funnel's rates.
	appointed := classCount(joiners, 3, ethnicOf)
	var shortlisted, applied [3]int
	for g, n := range appointed {
		shortlisted[g] = max(n, int(math.Round(float64(n)/funnel[g].appoint)))
		applied[g] = max(shortlisted[g], int(math.Round(float64(shortlisted[g])/funnel[g].shortlist)))
	}
	// Disability splits the same totals: appointment rates equal, the
	// disabled shortlisted less often.
	disabledAppointed := classCount(joiners, 3, disabilityOf)
	weights := make([]float64, 3)
	for d, n := range disabledAppointed {
		weights[d] = float64(n)
	}
	disabledShortlisted := apportion(weights, sum(shortlisted[:]))
	for d, n := range disabledShortlisted {
		weights[d] = float64(n)
		if d == classDisabled {
			weights[d] /= disabledShortlisting
		}
	}
	disabledApplied := apportion(weights, sum(applied[:]))

	// The unsuccessful: those shortlisted and those not, by class.
	var short, rest []int // ethnicity classes
	var shortD, restD []int
	for g := range 3 {
		short = append(short, repeat(g, shortlisted[g]-appointed[g])...)
		rest = append(rest, repeat(g, applied[g]-shortlisted[g])...)
		shortD = append(shortD, repeat(g, max(disabledShortlisted[g]-disabledAppointed[g], 0))...)
		restD = append(restD, repeat(g, max(disabledApplied[g]-disabledShortlisted[g], 0))...)
	}
	r.Shuffle(len(short), func(i, j int) { short[i], short[j] = short[j], short[i] })
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	pull := pullWeights(vacancies)
	for i, g := range short {
		v := vacancies[pickIndex(r, pull)]
		stage := stageInterviewed
		switch u := r.Float64(); {
		case u < 0.05:
			stage = stageOffered // and declined
		case u < 0.17:
			stage = stageShortlisted // and did not come to interview
		}
		apps = append(apps, m.applicant(r, v, g, at(shortD, i, classNotDisabled), stage))
	}
	for i, g := range rest {
		v := vacancies[pickIndex(r, pull)]
		stage := stageApplied
		if r.Float64() < 0.07 {
			stage = stageWithdrawn
		}
		apps = append(apps, m.applicant(r, v, g, at(restD, i, classNotDisabled), stage))
	}
	return vacancies, apps
}

// advertise is the vacancy a joiner was appointed to: advertised for two
// to four weeks, closing three to ten weeks before the start, all within
// the step (early starters' vacancies are squeezed into its first days).
func advertise(r *rand.Rand, s *step, q *Person) *vacancy {
	lastDay := latest(s.first(), q.StartDate.AddDate(0, 0, -1))
	closes := q.StartDate.AddDate(0, 0, -(21 + r.IntN(50)))
	if closes.Before(s.first()) {
		closes = dayIn(r, s.first(), lastDay)
	}
	opens := latest(s.first(), closes.AddDate(0, 0, -(14+r.IntN(15))))
	return &vacancy{grade: q.Grade, directorate: q.Directorate, opens: opens, close: closes, appointee: q}
}

// pullWeights are how many applicants each vacancy draws: many for the
// lower grades, few for the senior ones.
func pullWeights(vacancies []*vacancy) []float64 {
	w := make([]float64, len(vacancies))
	for i, v := range vacancies {
		switch {
		case v.grade <= 4:
			w[i] = 1.4
		case v.grade <= 8:
			w[i] = 1
		case isSenior(v.grade):
			w[i] = 0.45
		default:
			w[i] = 0.7
		}
	}
	return w
}

// applicant makes up an unsuccessful applicant to a vacancy, of the given
// ethnicity and disability classes, with the rest of their
// characteristics drawn as the model draws a joiner's.
func (m *monitoring) applicant(r *rand.Rand, v *vacancy, ethnic, disability int, stage string) *application {
	received := dayIn(r, v.opens, v.close)
	q := &Person{Grade: v.grade, Directorate: v.directorate, quirk: r.Uint64()}
	q.DateOfBirth = received.AddDate(-drawAge(r, v.grade, true), 0, -r.IntN(365))
	sex := traitOf(harmonise.Sex)
	q.Sex = pick(r, sex.shares(q, received, 0, sex.groupPercent(isSenior(v.grade), 0)))
	q.Ethnicity = pick(r, ethnicShares(ethnic))
	switch disability {
	case classDisabled:
		q.Disability = "Disabled"
	case classNotDisabled:
		q.Disability = "Not disabled"
	default:
		q.Disability = pick(r, traitOf(harmonise.Disability).missing)
	}
	for _, c := range []harmonise.Characteristic{harmonise.Religion, harmonise.SexualOrientation} {
		t := traitOf(c)
		*t.field(q) = pick(r, t.shares(q, received, 0, 0))
	}
	return &application{vacancy: v, person: q, received: received, stage: stage, order: r.Uint64()}
}

// ethnicShares are the detailed ethnicities of a class, weighted as the
// workforce has them.
func ethnicShares(class int) []share {
	t := traitOf(harmonise.Ethnicity)
	if class == classUndeclared {
		return t.missing
	}
	var out []share
	for _, s := range t.declared {
		if ethnicClass(s.category) == class {
			out = append(out, s)
		}
	}
	return out
}

// numberVacancies gives the vacancies references in the order advertised,
// numbered from the start of each calendar year (the council advertised
// about 230 posts in January to March 2024, before the period).
func numberVacancies(r *rand.Rand, vacancies []*vacancy) {
	slices.SortStableFunc(vacancies, func(a, b *vacancy) int { return a.opens.Compare(b.opens) })
	next := map[int]int{2024: 230 + r.IntN(20)}
	for _, v := range vacancies {
		y := v.opens.Year()
		next[y]++
		v.ref = fmt.Sprintf("SCC-%02d-%04d", y%100, next[y])
	}
}

// numberApplications gives applications their IDs in the order received,
// numbered from the start of each calendar year, with the gaps that
// applications started and never submitted leave.
func numberApplications(r *rand.Rand, apps []*application) {
	next := map[int]int{2024: 1300 + r.IntN(200)}
	for _, a := range apps {
		y := a.received.Year()
		next[y]++
		if r.IntN(12) == 0 {
			next[y] += 1 + r.IntN(3)
		}
		a.id = fmt.Sprintf("A-%d-%06d", y, next[y])
	}
}

func repeat(v, n int) []int {
	out := make([]int, max(n, 0))
	for i := range out {
		out[i] = v
	}
	return out
}

// at is list[i], or fallback past its end.
func at(list []int, i, fallback int) int {
	if i < len(list) {
		return list[i]
	}
	return fallback
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// furthest reads a stage label as written, variants included.
func furthest(label string) string {
	key := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(label)), "-", ""), " ", "")
	for _, s := range []string{stageApplied, stageShortlisted, stageInterviewed, stageOffered, stageAppointed, stageWithdrawn} {
		if strings.ToLower(s) == key {
			return s
		}
	}
	return ""
}
