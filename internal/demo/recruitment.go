package demo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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
	appointee    *Person // nil while the vacancy is in progress
	// shown is the share of the advert's days in the export, which gets
	// that share of its applications: less when cut at the period's start
	// or end, or at a reporting period's end.
	shown float64
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

// applicationPeriods are the stretches the recruitment rates are built to
// hold in, by date received as METRICS.md counts them: 2024/25 and the two
// quarters of 2025/26.
var applicationPeriods = []time.Time{snapshotDate(2025), quarterEnds[0].date, quarterEnds[1].date}

func applicationPeriod(d time.Time) int {
	for i, end := range applicationPeriods {
		if !d.After(end) {
			return i
		}
	}
	return len(applicationPeriods) - 1
}

// recruitment builds the applications received in the period: one vacancy
// per joiner of the model whose advert fell in it, the joiner its
// appointee, and around them as many unsuccessful applicants of each
// ethnicity and disability class as the funnel's rates need, period by
// period so each period's rates hold. Starters of the first weeks were
// recruited before the period and are not in it; vacancies for posts
// starting after 30 September 2025 are still in progress at the export.
func (m *monitoring) recruitment(r *rand.Rand) [][]cell {
	var joiners []*Person
	for i := range m.steps {
		for j := range m.steps[i].after.Joiners {
			joiners = append(joiners, &m.steps[i].after.Joiners[j])
		}
	}
	slices.SortStableFunc(joiners, func(a, b *Person) int {
		return cmp.Or(a.StartDate.Compare(b.StartDate), cmp.Compare(a.ID, b.ID))
	})
	byPeriod := make([][]*vacancy, len(applicationPeriods))
	var vacancies []*vacancy
	for _, q := range joiners {
		if v := advertise(r, q.StartDate, q.Grade, q.Directorate); v != nil {
			v.appointee = q
			p := applicationPeriod(v.opens)
			byPeriod[p] = append(byPeriod[p], v)
			vacancies = append(vacancies, v)
		}
	}
	var apps []*application
	var last, lastD [3]int // the last period's applicants by ethnicity class, and by disability
	for _, vs := range byPeriod {
		a, applied, disApplied := m.fill(r, vs)
		apps = append(apps, a...)
		last, lastD = applied, disApplied
	}
	perVacancy := float64(sum(last[:])) / float64(max(1, len(byPeriod[len(byPeriod)-1])))
	live := liveVacancies(r, m.steps[len(m.steps)-1].after.Joiners)
	vacancies = append(vacancies, live...)
	apps = append(apps, m.fillLive(r, live, perVacancy, last, lastD)...)
	m.found.liveVacancies = len(live)

	numberVacancies(r, vacancies)
	slices.SortStableFunc(apps, func(a, b *application) int {
		return cmp.Or(a.received.Compare(b.received), cmp.Compare(a.order, b.order))
	})
	numberApplications(r, apps)
	m.found.recruitment = summariseRecruitment(apps)

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

// fill makes the applications to one period's filled vacancies, and says
// how many applied in each ethnicity and disability class.
func (m *monitoring) fill(r *rand.Rand, vacancies []*vacancy) ([]*application, [3]int, [3]int) {
	var apps []*application
	appointees := make([]Person, len(vacancies))
	for i, v := range vacancies {
		appointees[i] = *v.appointee
		apps = append(apps, &application{vacancy: v, person: v.appointee, stage: stageAppointed, received: dayIn(r, v.opens, v.close), order: r.Uint64()})
	}

	// How many shortlisted and how many applied in each class, from the
	// appointees and the funnel's rates.
	appointed := classCount(appointees, 3, ethnicOf)
	var shortlisted, applied [3]int
	for g, n := range appointed {
		shortlisted[g] = max(n, int(math.Round(float64(n)/funnel[g].appoint)))
		applied[g] = max(shortlisted[g], int(math.Round(float64(shortlisted[g])/funnel[g].shortlist)))
	}
	// Disability splits the same totals: appointment rates equal, the
	// disabled shortlisted less often.
	disabledAppointed := classCount(appointees, 3, disabilityOf)
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
	var disabledApplied [3]int
	copy(disabledApplied[:], apportion(weights, sum(applied[:])))

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
		apps = append(apps, m.applicant(r, v, g, at(restD, i, classNotDisabled), notShortlisted(r)))
	}
	return apps, applied, disabledApplied
}

func notShortlisted(r *rand.Rand) string {
	if r.Float64() < 0.07 {
		return stageWithdrawn
	}
	return stageApplied
}

// advertise is the vacancy for a post starting on a day: advertised for
// two to four weeks, closing three to ten weeks before the start. Only
// what falls in the period is in the export: nil when the advert closed
// before it, its first days cut when it opened before. An advert that
// straddles the end of a reporting period is cut to the side holding most
// of it, so that a vacancy's applications are all counted in one period.
func advertise(r *rand.Rand, start time.Time, grade int, directorate string) *vacancy {
	closes := start.AddDate(0, 0, -(21 + r.IntN(50)))
	opens := closes.AddDate(0, 0, -(14 + r.IntN(15)))
	if closes.Before(periodStart) {
		return nil
	}
	advertised := days(opens, closes) + 1
	opens = latest(opens, periodStart)
	if end := applicationPeriods[applicationPeriod(opens)]; closes.After(end) {
		if days(opens, end) >= days(end, closes) {
			closes = end
		} else {
			opens = end.AddDate(0, 0, 1)
		}
	}
	return &vacancy{grade: grade, directorate: directorate, opens: opens, close: closes, shown: float64(days(opens, closes)+1) / float64(advertised)}
}

// liveVacancies are the adverts of the last weeks of the period for posts
// starting after it, as many a day as the last quarter's joiners, each
// like one of them in grade and directorate: nobody is appointed yet.
func liveVacancies(r *rand.Rand, lastJoiners []Person) []*vacancy {
	if len(lastJoiners) == 0 {
		return nil
	}
	perDay := float64(len(lastJoiners)) / float64(days(snapshotDate(2025).AddDate(0, 3, 0), periodEnd))
	var out []*vacancy
	owed := 0.0
	for d := periodEnd.AddDate(0, 0, 1); d.Before(periodEnd.AddDate(0, 0, 100)); d = d.AddDate(0, 0, 1) {
		owed += perDay
		for ; owed >= 1; owed-- {
			like := &lastJoiners[r.IntN(len(lastJoiners))]
			v := advertise(r, d, like.Grade, like.Directorate)
			if v != nil && !v.opens.After(periodEnd) {
				if v.close.After(periodEnd) {
					v.shown *= float64(days(v.opens, periodEnd)+1) / float64(days(v.opens, v.close)+1)
					v.close = periodEnd
				}
				out = append(out, v)
			}
		}
	}
	return out
}

// shortlistingDone is how long after an advert closes the shortlist is
// drawn up; applications to one that closed more recently are all still at
// Applied.
const shortlistingDone = 14

// fillLive makes the applications to the vacancies still in progress:
// applicants of each class in the shares of the last period's, and once
// shortlisting is done, each class shortlisted at the funnel's rate, the
// counts apportioned so the rates hold as in the filled vacancies.
func (m *monitoring) fillLive(r *rand.Rand, vacancies []*vacancy, perVacancy float64, applied, disApplied [3]int) []*application {
	n := int(math.Round(perVacancy * float64(len(vacancies))))
	ethnicW, disW := make([]float64, 3), make([]float64, 3)
	for c := range 3 {
		ethnicW[c], disW[c] = float64(applied[c]), float64(disApplied[c])
	}
	var ethnic, disability []int
	for c, k := range apportion(ethnicW, n) {
		ethnic = append(ethnic, repeat(c, k)...)
	}
	for c, k := range apportion(disW, n) {
		disability = append(disability, repeat(c, k)...)
	}
	r.Shuffle(len(ethnic), func(i, j int) { ethnic[i], ethnic[j] = ethnic[j], ethnic[i] })

	// Applicants to vacancies past shortlisting, by their joint class.
	pull := pullWeights(vacancies)
	var apps []*application
	done := make([][]*application, 9)
	for i := range n {
		v := vacancies[pickIndex(r, pull)]
		g, d := ethnic[i], at(disability, i, classNotDisabled)
		a := m.applicant(r, v, g, d, notShortlisted(r))
		apps = append(apps, a)
		if days(v.close, periodEnd) >= shortlistingDone {
			done[g*3+d] = append(done[g*3+d], a)
		}
	}
	for c, group := range done {
		chance := funnel[c/3].shortlist
		if c%3 == classDisabled {
			chance *= disabledShortlisting
		}
		k := int(math.Round(chance * float64(len(group))))
		for _, j := range r.Perm(len(group))[:k] {
			group[j].stage = stageShortlisted
			if r.Float64() < 0.7 {
				group[j].stage = stageInterviewed
			}
		}
	}
	return apps
}

// pullWeights are how many applicants each vacancy draws: many for the
// lower grades, few for the senior ones, in proportion to the share of
// its advert shown.
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
		w[i] *= v.shown
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
