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

// Person is one member of staff as the HR system holds them. The
// characteristics are harmonise categories, Prefer not to say and Not known
// included; how an export spells them is the writers' business.
type Person struct {
	ID          string // employee number, "E012345"
	Grade       int    // 1 to 18
	Point       int    // index into the grade's spine points
	Directorate string
	Contract    string  // Permanent, Fixed term or Casual
	FTE         float64 // 0.2 to 1.0, four decimals
	DateOfBirth time.Time
	StartDate   time.Time

	Sex, Ethnicity, Disability, Religion, SexualOrientation string
	MaritalStatus, GenderIdentity, Carer                    string

	// Circumstances at the snapshot, drawn afresh each year.
	MaternityLeave bool // on maternity or adoption leave
	ReducedPay     bool // on leave on reduced pay, so not "full pay relevant"
	Bonus          int  // pounds paid in the 12 months to the snapshot

	// quirk picks this record's spellings, so a label keeps its spelling
	// from one export of the same system to the next.
	quirk uint64
}

// ageAt is the age in whole years on date d.
func (p *Person) ageAt(d time.Time) int {
	age := d.Year() - p.DateOfBirth.Year()
	if d.Month() < p.DateOfBirth.Month() || d.Month() == p.DateOfBirth.Month() && d.Day() < p.DateOfBirth.Day() {
		age--
	}
	return age
}

// Salary is the person's full-time annual salary at a snapshot.
func (p *Person) Salary(snapshot time.Time) int { return salaryOn(p.Grade, p.Point, snapshot) }

// Year is the workforce at one snapshot (a 31 March, or a quarter's end
// after the last one) and the movements since the snapshot before. The
// monitoring inputs (starters, leavers, recruitment, casework, training,
// the staff survey) are drawn from these same people.
type Year struct {
	Date    time.Time
	Staff   []Person // in employee-number order
	Joiners []Person // joined since the previous snapshot, as at joining
	Leavers []Person // left since the previous snapshot, as at the previous one
}

// History is the whole simulation: the five annual snapshots, then the
// quarters of 2025/26 that the monitoring period runs into.
type History struct {
	Years    []Year // 31 March 2021 to 31 March 2025
	Quarters []Year // 30 June and 30 September 2025
}

// The workforce grows a little each year, to 6,425 at 31 March 2025 (the
// size of Leicestershire's non-school workforce in 2012/13).
const firstYear = 2021

var headcounts = []int{6300, 6330, 6360, 6395, 6425}

func snapshotDate(year int) time.Time { return time.Date(year, time.March, 31, 0, 0, 0, 0, time.UTC) }

// gradePercent is the grade pyramid: most staff in Grades 3–8, Grade 13 and
// above 4.5%.
var gradePercent = [topGrade + 1]float64{
	1: 4, 2: 7, 3: 11.5, 4: 12.5, 5: 13, 6: 12, 7: 10, 8: 8.5, 9: 6, 10: 5, 11: 3.5, 12: 2.5,
	13: 1.7, 14: 1.1, 15: 0.8, 16: 0.5, 17: 0.3, 18: 0.1,
}

var seniorPercent = func() float64 {
	s := 0.0
	for g := seniorFrom; g <= topGrade; g++ {
		s += gradePercent[g]
	}
	return s
}()

// gradeHeadcounts splits a headcount over the grades by largest remainder,
// so the parts add up to the whole.
func gradeHeadcounts(headcount int) [topGrade + 1]int {
	var counts [topGrade + 1]int
	copy(counts[1:], apportion(gradePercent[1:], headcount))
	return counts
}

// apportion splits total in proportion to the weights by largest
// remainder, so the parts add up to the whole (ties go to the earlier).
func apportion(weights []float64, total int) []int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	counts := make([]int, len(weights))
	if sum <= 0 || total <= 0 {
		return counts
	}
	type rest struct {
		index int
		frac  float64
	}
	rests := make([]rest, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(total) * w / sum
		counts[i] = int(exact)
		given += counts[i]
		rests[i] = rest{i, exact - float64(counts[i])}
	}
	slices.SortStableFunc(rests, func(a, b rest) int { return cmp.Compare(b.frac, a.frac) })
	for i := 0; given < total; i = (i + 1) % len(rests) {
		counts[rests[i].index]++
		given++
	}
	return counts
}

// Rates of movement in a year.
const (
	leaverRateLow   = 0.095
	leaverRateHigh  = 0.105
	promotionRate   = 0.04
	retirementAge   = 70 // nobody is older than this at a snapshot
	maternityChance = 0.015
	sickChance      = 0.016 // long-term sick on reduced pay
	onsetChance     = 0.002 // a not-disabled person becomes disabled
	conversionRate  = 0.25  // fixed-term contracts made permanent
	transferChance  = 0.01  // moves to another directorate
)

var directorates = []share{
	{"Adults and Communities", 31}, {"Children and Family Services", 29}, {"Environment and Transport", 14},
	{"Corporate Resources", 19}, {"Chief Executive's", 4}, {"Public Health", 3},
}

// population is the workforce as it moves from one snapshot to the next.
type population struct {
	r      *rand.Rand
	date   time.Time
	staff  []*Person
	nextID int
}

// Simulate runs the workforce from 31 March 2021 to 31 March 2025. The same
// seed gives the same people.
func Simulate(seed uint64) []Year { return SimulateHistory(seed).Years }

// SimulateHistory runs the workforce from 31 March 2021 to 30 September
// 2025. The quarters draw from a stream of their own, so the annual
// snapshots are the same whether or not the quarters follow.
func SimulateHistory(seed uint64) History {
	p := &population{r: rand.New(rand.NewPCG(seed, 0x5348495245))} // "SHIRE"
	years := []Year{p.start(snapshotDate(firstYear), headcounts[0])}
	for i := 1; i < len(headcounts); i++ {
		years = append(years, p.advance(snapshotDate(firstYear+i), headcounts[i]))
	}
	p.r = rand.New(rand.NewPCG(seed, streamOf("quarters")))
	var quarters []Year
	for _, q := range quarterEnds {
		quarters = append(quarters, p.advanceQuarter(q.date, q.headcount))
	}
	return History{Years: years, Quarters: quarters}
}

// start builds the first snapshot's workforce, with the larger not-declared
// shares of four years before the 2025 targets.
func (p *population) start(date time.Time, headcount int) Year {
	p.date = date
	yearsBefore := len(headcounts) - 1
	counts := gradeHeadcounts(headcount)
	for g := 1; g <= topGrade; g++ {
		group := make(map[harmonise.Characteristic]float64)
		for i := range traits {
			if t := &traits[i]; t.gap != nil {
				group[t.characteristic] = t.groupPercent(isSenior(g), yearsBefore)
			}
		}
		p.staff = append(p.staff, p.newPeople(g, counts[g], yearsBefore, false, group)...)
	}
	// Long-serving staff have the lower numbers.
	slices.SortStableFunc(p.staff, func(a, b *Person) int { return a.StartDate.Compare(b.StartDate) })
	p.nextID = 10000 + p.r.IntN(500)
	for _, person := range p.staff {
		person.ID = p.issueID()
	}
	p.refreshCircumstances()
	return p.record(nil, nil)
}

func (p *population) issueID() string {
	id := fmt.Sprintf("E%06d", p.nextID)
	p.nextID += 1 + p.r.IntN(3) // numbers go to posts that were never filled, too
	return id
}

// advance moves the workforce on a year: leavers go, stayers progress and
// some are promoted, joiners fill the grades to the new headcount, and a
// declaration drive gets some people to complete their equality data.
func (p *population) advance(date time.Time, headcount int) Year {
	prev := p.date
	p.date = date
	leavers := p.leave(prev, 1, false)
	for _, person := range p.staff {
		p.progress(person)
	}
	yearsBefore := len(headcounts) - 1 - (date.Year() - firstYear)
	p.promote(gradeHeadcounts(headcount), promotionRate)
	joiners := p.join(prev, gradeHeadcounts(headcount), yearsBefore)
	p.declarationDrive(yearsBefore)
	slices.SortFunc(p.staff, func(a, b *Person) int { return cmp.Compare(a.ID, b.ID) })
	p.refreshCircumstances()
	return p.record(joiners, leavers)
}

// leave takes out about a tenth of the staff a year (share of a year's
// worth): everyone past retirement age, then others chosen with the young,
// the old, new starters and temporary contracts more likely to go. With
// disparity, ethnic minority and disabled staff are more likely to go too,
// and the leavers are drawn stratified by ethnicity and disability so the
// groups lose close to their expected numbers.
func (p *population) leave(prev time.Time, share float64, disparity bool) []Person {
	rate := (leaverRateLow + p.r.Float64()*(leaverRateHigh-leaverRateLow)) * share
	want := int(math.Round(rate * float64(len(p.staff))))
	var forced, others []*Person
	for _, person := range p.staff {
		if person.ageAt(p.date) > retirementAge {
			forced = append(forced, person)
		} else {
			others = append(others, person)
		}
	}
	going := forced
	if more := want - len(forced); more > 0 {
		weight := func(q *Person) float64 {
			w := 1.0
			switch age := q.ageAt(p.date); {
			case age >= 65:
				w *= 4
			case age >= 60:
				w *= 2.5
			case age < 25:
				w *= 1.8
			}
			if q.StartDate.After(prev.AddDate(-2, 0, 0)) {
				w *= 1.5
			}
			switch q.Contract {
			case "Fixed term":
				w *= 2
			case "Casual":
				w *= 2.5
			}
			if disparity {
				w *= leavingDisparity(q)
			}
			return w
		}
		if disparity {
			going = append(going, stratifiedSample(p.r, others, more, weight, equalityClass)...)
		} else {
			going = append(going, weightedSample(p.r, others, more, weight)...)
		}
	}
	gone := make(map[*Person]bool, len(going))
	leavers := make([]Person, 0, len(going))
	for _, q := range going {
		gone[q] = true
		leavers = append(leavers, *q)
	}
	p.staff = slices.DeleteFunc(p.staff, func(q *Person) bool { return gone[q] })
	slices.SortFunc(leavers, func(a, b Person) int { return cmp.Compare(a.ID, b.ID) })
	return leavers
}

// progress is a stayer's year: a spine increment, and now and then a change
// of contract, directorate or circumstances.
func (p *population) progress(q *Person) {
	if q.Point < len(spine[q.Grade])-1 {
		q.Point++
	}
	if q.Contract == "Fixed term" && p.r.Float64() < conversionRate {
		q.Contract = "Permanent"
	}
	if p.r.Float64() < transferChance {
		q.Directorate = pick(p.r, directorates)
	}
	if q.Disability == "Not disabled" && p.r.Float64() < onsetChance {
		q.Disability = "Disabled"
	}
	q.MaritalStatus = p.maritalChange(q)
}

// maritalChange: some single or cohabiting people marry, some marriages
// end, and a few older people are widowed.
func (p *population) maritalChange(q *Person) string {
	u := p.r.Float64()
	age := q.ageAt(p.date)
	switch q.MaritalStatus {
	case "Single":
		if age >= 22 && age < 50 && u < 0.05 {
			if u < 0.02 {
				return "Married or in a civil partnership"
			}
			return "Cohabiting"
		}
	case "Cohabiting":
		if u < 0.08 {
			return "Married or in a civil partnership"
		}
	case "Married or in a civil partnership":
		switch {
		case u < 0.006:
			return "Separated"
		case u < 0.012:
			return "Divorced or civil partnership dissolved"
		case age >= 60 && u < 0.018:
			return "Widowed or surviving civil partner"
		}
	case "Separated":
		if u < 0.3 {
			return "Divorced or civil partnership dissolved"
		}
	}
	return q.MaritalStatus
}

// promote moves some staff (rate of each grade) up one grade, from the top grade down so nobody
// goes up twice, never past what the grade above has room for. Promotion
// into the senior grades favours groups by how the senior make-up differs.
func (p *population) promote(target [topGrade + 1]int, rate float64) {
	var byGrade [topGrade + 1][]*Person
	for _, q := range p.staff {
		byGrade[q.Grade] = append(byGrade[q.Grade], q)
	}
	for g := topGrade - 1; g >= 1; g-- {
		room := target[g+1] - len(byGrade[g+1])
		k := min(int(math.Round(rate*float64(len(byGrade[g])))), max(room, 0))
		if k == 0 {
			continue
		}
		chosen := weightedSample(p.r, byGrade[g], k, func(q *Person) float64 {
			w := 1.0
			if q.Point == len(spine[q.Grade])-1 {
				w *= 2
			}
			if isSenior(g + 1) {
				for i := range traits {
					w *= traits[i].promotionWeight(q)
				}
			}
			return w
		})
		promoted := make(map[*Person]bool, k)
		for _, q := range chosen {
			q.Grade++
			q.Point = 0
			promoted[q] = true
		}
		byGrade[g+1] = append(byGrade[g+1], chosen...)
		byGrade[g] = slices.DeleteFunc(byGrade[g], func(q *Person) bool { return promoted[q] })
	}
}

// join fills each grade up to its headcount with people who started since
// the previous snapshot. Joiners declare at the 2025 rates.
func (p *population) join(prev time.Time, target [topGrade + 1]int, yearsBefore int) []Person {
	var have [topGrade + 1]int
	for _, q := range p.staff {
		have[q.Grade]++
	}
	var joiners []Person
	for _, senior := range []bool{false, true} {
		group := p.recruitmentMix(senior, target, have, yearsBefore)
		for g := 1; g <= topGrade; g++ {
			if isSenior(g) != senior || target[g] <= have[g] {
				continue
			}
			for _, q := range p.newPeople(g, target[g]-have[g], 0, true, group) {
				q.StartDate = p.startSince(prev, q)
				q.ID = p.issueID()
				p.staff = append(p.staff, q)
				joiners = append(joiners, *q)
			}
		}
	}
	slices.SortFunc(joiners, func(a, b Person) int { return cmp.Compare(a.ID, b.ID) })
	return joiners
}

// startSince is a start date after prev and by the current snapshot, on or
// after the joiner's 16th birthday.
func (p *population) startSince(prev time.Time, q *Person) time.Time {
	first := prev.AddDate(0, 0, 1)
	if sixteen := q.DateOfBirth.AddDate(16, 0, 0); sixteen.After(first) {
		first = sixteen
	}
	days := int(p.date.Sub(first).Hours()/24) + 1
	return first.AddDate(0, 0, p.r.IntN(days))
}

// recruitmentMix is, for each gap group, its share (percent) of the joiners
// to the senior grades or to the others that brings that band back to its
// intended make-up. Recruitment in this model keeps the profile: the shares
// move only through declaration, not through chance in who leaves.
func (p *population) recruitmentMix(senior bool, target, have [topGrade + 1]int, yearsBefore int) map[harmonise.Characteristic]float64 {
	after, joining := 0, 0
	for g := 1; g <= topGrade; g++ {
		if isSenior(g) == senior {
			after += max(target[g], have[g])
			joining += max(target[g]-have[g], 0)
		}
	}
	mix := make(map[harmonise.Characteristic]float64)
	if joining == 0 {
		return mix
	}
	for i := range traits {
		t := &traits[i]
		if t.gap == nil {
			continue
		}
		members := 0
		for _, q := range p.staff {
			if isSenior(q.Grade) == senior && t.gap.contains(*t.field(q)) {
				members++
			}
		}
		want := t.groupPercent(senior, yearsBefore) / 100 * float64(after)
		mix[t.characteristic] = (want - float64(members)) / float64(joining) * 100
	}
	return mix
}

// declarationDrive gets enough people who had not declared a characteristic
// to declare it that the not-declared share is back on its yearly path.
// yearsBefore is the number of years from this snapshot to 2025.
func (p *population) declarationDrive(yearsBefore int) {
	for i := range traits {
		t := &traits[i]
		if t.fall == 0 {
			continue
		}
		share := (total(t.missing) + float64(yearsBefore)*t.fall) / 100
		var undeclared []*Person
		for _, q := range p.staff {
			if harmonise.IsMissing(*t.field(q)) {
				undeclared = append(undeclared, q)
			}
		}
		excess := len(undeclared) - int(math.Round(share*float64(len(p.staff))))
		for _, j := range p.r.Perm(len(undeclared))[:max(excess, 0)] {
			q := undeclared[j]
			*t.field(q) = t.drawDeclared(p.r, q, p.date)
		}
	}
}

// refreshCircumstances draws who is on maternity leave, on reduced pay and
// paid a bonus in the year to the snapshot.
func (p *population) refreshCircumstances() {
	for _, q := range p.staff {
		age := q.ageAt(p.date)
		q.MaternityLeave = q.Sex == "Female" && age >= 20 && age <= 45 && p.r.Float64() < maternityChance
		if q.MaternityLeave {
			q.ReducedPay = p.r.Float64() < 0.75 // past the weeks of full pay
		} else {
			q.ReducedPay = p.r.Float64() < sickChance
		}
		bonusChance := 0.027
		if q.Sex == "Male" {
			bonusChance = 0.038
		}
		q.Bonus = 0
		if p.r.Float64() < bonusChance {
			q.Bonus = bonusAmounts[p.r.IntN(len(bonusAmounts))]
		}
	}
}

// bonusAmounts are honoraria and recognition payments; the small ones are
// listed more than once because they are paid more often.
var bonusAmounts = []int{100, 100, 100, 150, 200, 200, 250, 250, 300, 400, 500, 500, 750, 1000, 1500}

func (p *population) record(joiners, leavers []Person) Year {
	staff := make([]Person, len(p.staff))
	for i, q := range p.staff {
		staff[i] = *q
	}
	return Year{Date: p.date, Staff: staff, Joiners: joiners, Leavers: leavers}
}

// newPeople draws n people for a grade at the current date. yearsBefore
// inflates the not-declared shares (see trait.missingPercent); group gives
// each gap group's share of the batch (see trait.shares). Joiners are
// younger, more often on temporary contracts and on the first spine points.
// Each characteristic is drawn stratified, one uniform number in each n-th
// of [0, 1), so even a small batch has close to the intended make-up.
func (p *population) newPeople(grade, n, yearsBefore int, joiner bool, group map[harmonise.Characteristic]float64) []*Person {
	r := p.r
	people := make([]*Person, n)
	for j := range people {
		q := &Person{Grade: grade, quirk: r.Uint64()}
		q.DateOfBirth = p.date.AddDate(-drawAge(r, grade, joiner), 0, -r.IntN(365))
		people[j] = q
	}
	for i := range traits {
		t := &traits[i]
		strata := r.Perm(n)
		for j, q := range people {
			u := (float64(strata[j]) + r.Float64()) / float64(n)
			*t.field(q) = pickAt(t.shares(q, p.date, yearsBefore, group[t.characteristic]), u)
		}
	}
	for _, q := range people {
		q.Contract = drawContract(r, grade, joiner)
		q.FTE = drawFTE(r, q)
		q.Directorate = pick(r, directorates)
		if joiner && r.Float64() < 0.6 {
			q.Point = 0
		} else {
			q.Point = r.IntN(len(spine[grade]))
		}
		if !joiner {
			q.StartDate = drawStartDate(r, q, p.date)
		}
	}
	return people
}

// ageBands are the lower bounds of 16–24, 25–44, 45–64 and 65–70.
var ageBands = []int{16, 25, 45, 65, retirementAge + 1}

// ageWeights per grade band, for staff in post and for joiners: apprentices
// and young people join the lowest grades, the senior grades are older.
func ageWeights(grade int, joiner bool) []float64 {
	switch {
	case grade <= 2 && joiner:
		return []float64{40, 35, 23, 2}
	case grade <= 2:
		return []float64{22, 30, 43, 5}
	case grade <= 8 && joiner:
		return []float64{18, 52, 29, 1}
	case grade <= 8:
		return []float64{6, 42, 49, 3}
	case grade < seniorFrom && joiner:
		return []float64{3, 60, 37, 0}
	case grade < seniorFrom:
		return []float64{1, 44, 53, 2}
	case joiner:
		return []float64{0, 45, 55, 0}
	default:
		return []float64{0, 30, 68, 2}
	}
}

func drawAge(r *rand.Rand, grade int, joiner bool) int {
	band := pickIndex(r, ageWeights(grade, joiner))
	return ageBands[band] + r.IntN(ageBands[band+1]-ageBands[band])
}

func drawContract(r *rand.Rand, grade int, joiner bool) string {
	switch {
	case isSenior(grade) && joiner:
		return pick(r, []share{{"Permanent", 85}, {"Fixed term", 15}})
	case isSenior(grade):
		return pick(r, []share{{"Permanent", 97}, {"Fixed term", 3}})
	case joiner:
		return pick(r, []share{{"Permanent", 70}, {"Fixed term", 20}, {"Casual", 10}})
	default:
		return pick(r, []share{{"Permanent", 87}, {"Fixed term", 8.5}, {"Casual", 4.5}})
	}
}

// Part-time contracts as fractions of a 37-hour week, with how common each
// is; the ones with four decimals are whole numbers of hours (10, 15, 20,
// 25, 30).
var (
	partTimeFTE     = []float64{0.2, 0.2703, 0.4, 0.4054, 0.5, 0.5405, 0.6, 0.6757, 0.7, 0.8, 0.8108, 0.9}
	partTimeWeights = []float64{3, 3, 8, 5, 16, 6, 12, 6, 6, 12, 6, 4}
	casualFTE       = []float64{0.2, 0.2703, 0.4, 0.5}
	casualWeights   = []float64{4, 3, 2, 1}
)

// drawFTE: about 40% of staff work part time, women far more often than
// men, senior staff seldom; casual staff work few hours.
func drawFTE(r *rand.Rand, q *Person) float64 {
	if q.Contract == "Casual" {
		return casualFTE[pickIndex(r, casualWeights)]
	}
	chance := 0.18
	if q.Sex == "Female" {
		chance = 0.48
	}
	if isSenior(q.Grade) {
		chance *= 0.35
	}
	if r.Float64() >= chance {
		return 1
	}
	return partTimeFTE[pickIndex(r, partTimeWeights)]
}

// drawStartDate gives someone in post at the first snapshot a length of
// service: mostly under ten years, some a career, never before age 16.
func drawStartDate(r *rand.Rand, q *Person, date time.Time) time.Time {
	years := min(int(r.ExpFloat64()*8), 40)
	start := date.AddDate(-years, 0, -r.IntN(365))
	if earliest := q.DateOfBirth.AddDate(16, 0, 0); start.Before(earliest) {
		start = earliest.AddDate(0, 0, r.IntN(max(int(date.Sub(earliest).Hours()/24), 1)))
	}
	return start
}

// weightedSample picks k of the items without replacement, each with
// probability in proportion to its weight (Efraimidis and Spirakis: the k
// largest of u^(1/w)).
func weightedSample(r *rand.Rand, items []*Person, k int, weight func(*Person) float64) []*Person {
	if k >= len(items) {
		return slices.Clone(items)
	}
	type keyed struct {
		key  float64
		item *Person
	}
	keys := make([]keyed, len(items))
	for i, it := range items {
		keys[i] = keyed{math.Log(1-r.Float64()) / weight(it), it}
	}
	slices.SortStableFunc(keys, func(a, b keyed) int { return cmp.Compare(b.key, a.key) })
	out := make([]*Person, k)
	for i := range out {
		out[i] = keys[i].item
	}
	return out
}
