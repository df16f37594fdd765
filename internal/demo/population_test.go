package demo

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

func TestSimulateMovements(t *testing.T) {
	years := Simulate(DefaultSeed)
	wantHeadcount := []int{6300, 6330, 6360, 6395, 6425}
	if len(years) != len(wantHeadcount) {
		t.Fatalf("%d years, want %d", len(years), len(wantHeadcount))
	}
	idPattern := regexp.MustCompile(`^E\d{6}$`)
	for i, y := range years {
		if y.Date != snapshotDate(2021+i) {
			t.Errorf("year %d is dated %s", i, y.Date)
		}
		if len(y.Staff) != wantHeadcount[i] {
			t.Errorf("%d: %d staff, want %d", y.Date.Year(), len(y.Staff), wantHeadcount[i])
		}
		seen := make(map[string]bool, len(y.Staff))
		for _, p := range y.Staff {
			if !idPattern.MatchString(p.ID) || seen[p.ID] {
				t.Fatalf("%d: bad or repeated employee number %q", y.Date.Year(), p.ID)
			}
			seen[p.ID] = true
			if age := p.ageAt(y.Date); age < 16 || age > 70 {
				t.Errorf("%d: %s is aged %d", y.Date.Year(), p.ID, age)
			}
			if p.StartDate.After(y.Date) || p.StartDate.Before(p.DateOfBirth.AddDate(16, 0, 0)) {
				t.Errorf("%d: %s started on %s, born %s", y.Date.Year(), p.ID, p.StartDate, p.DateOfBirth)
			}
		}
		if i == 0 {
			continue
		}
		prev := years[i-1]
		if rate := float64(len(y.Leavers)) / float64(len(prev.Staff)); rate < 0.09 || rate > 0.11 {
			t.Errorf("%d: %.1f%% left, want 9–11%%", y.Date.Year(), 100*rate)
		}
		// Everyone now was there before or joined; joiners are new numbers.
		before := make(map[string]bool, len(prev.Staff))
		for _, p := range prev.Staff {
			before[p.ID] = true
		}
		joined := make(map[string]bool, len(y.Joiners))
		for _, p := range y.Joiners {
			joined[p.ID] = true
			if before[p.ID] {
				t.Errorf("%d: joiner %s was on the staff before", y.Date.Year(), p.ID)
			}
			if !p.StartDate.After(prev.Date) {
				t.Errorf("%d: joiner %s started on %s", y.Date.Year(), p.ID, p.StartDate)
			}
		}
		for _, p := range y.Staff {
			if !before[p.ID] && !joined[p.ID] {
				t.Errorf("%d: %s came from nowhere", y.Date.Year(), p.ID)
			}
		}
		if got, want := len(prev.Staff)-len(y.Leavers)+len(y.Joiners), len(y.Staff); got != want {
			t.Errorf("%d: %d before − %d leavers + %d joiners = %d, not %d", y.Date.Year(), len(prev.Staff), len(y.Leavers), len(y.Joiners), got, want)
		}
	}
}

// Stayers are promoted one grade at most, and their attributes persist
// except for the ones that may change.
func TestSimulateStayers(t *testing.T) {
	years := Simulate(DefaultSeed)
	promoted := 0
	for i := 1; i < len(years); i++ {
		before := make(map[string]Person)
		for _, p := range years[i-1].Staff {
			before[p.ID] = p
		}
		for _, p := range years[i].Staff {
			b, ok := before[p.ID]
			if !ok {
				continue
			}
			switch p.Grade - b.Grade {
			case 0:
			case 1:
				promoted++
			default:
				t.Errorf("%s went from grade %d to %d", p.ID, b.Grade, p.Grade)
			}
			if p.DateOfBirth != b.DateOfBirth || p.StartDate != b.StartDate || p.Sex != b.Sex {
				t.Errorf("%s changed date of birth, start date or sex", p.ID)
			}
			// A declared ethnicity stays as it was.
			if !harmonise.IsMissing(b.Ethnicity) && p.Ethnicity != b.Ethnicity {
				t.Errorf("%s changed ethnicity from %q to %q", p.ID, b.Ethnicity, p.Ethnicity)
			}
		}
	}
	// About 4% of ~6,400 promoted each year, over four years: roughly a thousand.
	if promoted < 600 || promoted > 1200 {
		t.Errorf("%d promotions in four years, want about 1,000", promoted)
	}
}

// Not-declared shares fall a little each year.
func TestDeclarationImproves(t *testing.T) {
	years := Simulate(DefaultSeed)
	for _, c := range []harmonise.Characteristic{harmonise.Ethnicity, harmonise.Disability, harmonise.SexualOrientation, harmonise.Religion} {
		tr := traitOf(c)
		last := 101.0
		for _, y := range years {
			missing := 0
			for i := range y.Staff {
				if harmonise.IsMissing(*tr.field(&y.Staff[i])) {
					missing++
				}
			}
			share := 100 * float64(missing) / float64(len(y.Staff))
			if share >= last {
				t.Errorf("%s: not declared %.2f%% in %d, not below %.2f%% the year before", c, share, y.Date.Year(), last)
			}
			last = share
		}
	}
}

func TestSalary(t *testing.T) {
	tests := []struct {
		grade, point, year int
		want               int
	}{
		{1, 0, 2025, 23656},
		{1, 0, 2024, 23656 - 1290},
		{1, 0, 2022, 23656 - 1290 - 1925 - 1925},
		{1, 0, 2021, 18198}, // 18,516 / 1.0175 = 18,197.5
		{12, 2, 2022, 52805 - 1290 - 1925 - 1925},
		{13, 0, 2023, 51955}, // 55,320 / 1.025 = 53,970.7 → 53,971; / 1.0388 = 51,955.1
		{18, 2, 2025, 115000},
		{18, 2, 2024, 112195}, // 115,000 / 1.025 = 112,195.1
	}
	for _, tt := range tests {
		if got := salary(tt.grade, tt.point, tt.year); got != tt.want {
			t.Errorf("salary(grade %d, point %d, %d) = %d, want %d", tt.grade, tt.point, tt.year, got, tt.want)
		}
	}
}

func TestGradeHeadcounts(t *testing.T) {
	// 6,425 × the pyramid's percentages, largest remainders rounded up:
	// Grade 1 4% = 257.0, Grade 3 11.5% = 738.875 → 739, Grade 18 0.1% = 6.425 → 6.
	got := gradeHeadcounts(6425)
	sum := 0
	for _, n := range got {
		sum += n
	}
	if sum != 6425 || got[1] != 257 || got[3] != 739 || got[18] != 6 {
		t.Errorf("gradeHeadcounts(6425) = %v (sum %d)", got, sum)
	}
}

// The quarters follow the annual snapshots without changing them, a
// quarter's share of the year's movements each.
func TestSimulateQuarters(t *testing.T) {
	h := SimulateHistory(DefaultSeed)
	years := Simulate(DefaultSeed)
	last := years[len(years)-1]
	if len(h.Years) != len(years) || len(h.Years[4].Staff) != len(last.Staff) || h.Years[4].Staff[100].ID != last.Staff[100].ID {
		t.Fatal("the annual years differ with the quarters after them")
	}
	tests := []struct {
		date      time.Time
		headcount int
	}{
		{time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC), 6433},
		{time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC), 6441},
	}
	if len(h.Quarters) != len(tests) {
		t.Fatalf("%d quarters, want %d", len(h.Quarters), len(tests))
	}
	prev := last
	for i, tt := range tests {
		q := h.Quarters[i]
		if !q.Date.Equal(tt.date) || len(q.Staff) != tt.headcount {
			t.Errorf("quarter %d: %s with %d staff, want %s with %d", i, q.Date, len(q.Staff), tt.date, tt.headcount)
		}
		// A quarter of 9.5–10.5% a year, and the few who turned 71.
		if rate := float64(len(q.Leavers)) / float64(len(prev.Staff)); rate < 0.022 || rate > 0.03 {
			t.Errorf("%s: %.2f%% left, want about 2.5%%", tt.date.Format(time.DateOnly), 100*rate)
		}
		before := map[string]bool{}
		for _, p := range prev.Staff {
			before[p.ID] = true
		}
		for _, p := range q.Joiners {
			if before[p.ID] || !p.StartDate.After(prev.Date) || p.StartDate.After(q.Date) {
				t.Errorf("%s: joiner %s, started %s", tt.date.Format(time.DateOnly), p.ID, p.StartDate.Format(time.DateOnly))
			}
		}
		for _, p := range q.Staff {
			if age := p.ageAt(q.Date); age < 16 || age > retirementAge {
				t.Errorf("%s: %s is aged %d", tt.date.Format(time.DateOnly), p.ID, age)
			}
		}
		if got := len(prev.Staff) - len(q.Leavers) + len(q.Joiners); got != len(q.Staff) {
			t.Errorf("%s: %d before − leavers + joiners = %d, not %d", tt.date.Format(time.DateOnly), len(prev.Staff), got, len(q.Staff))
		}
		prev = q
	}
}

func TestSalaryOn(t *testing.T) {
	tests := []struct {
		grade, point int
		date         time.Time
		want         int
	}{
		{1, 0, snapshotDate(2024), 23656 - 1290},
		{1, 0, snapshotDate(2025), 23656},
		{1, 0, time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC), 23656},        // 2025/26 award not yet paid
		{1, 0, time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC), 24413},   // 23,656 × 1.032 = 24,412.99
		{18, 2, time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC), 118680}, // 115,000 × 1.032
	}
	for _, tt := range tests {
		if got := salaryOn(tt.grade, tt.point, tt.date); got != tt.want {
			t.Errorf("salaryOn(grade %d, point %d, %s) = %d, want %d", tt.grade, tt.point, tt.date.Format(time.DateOnly), got, tt.want)
		}
	}
}

func TestApportion(t *testing.T) {
	tests := []struct {
		weights []float64
		total   int
		want    []int
	}{
		{[]float64{1, 1, 1}, 10, []int{4, 3, 3}},        // 3.33 each: the first gets the one left
		{[]float64{0.5, 0.25, 0.25}, 7, []int{3, 2, 2}}, // 3.5, 1.75, 1.75: the .75s round up
		{[]float64{0, 0}, 3, []int{0, 0}},               // nothing to share by
		{[]float64{2, 0, 6}, 4, []int{1, 0, 3}},         // exact
		{[]float64{}, 5, []int{}},
	}
	for _, tt := range tests {
		if got := apportion(tt.weights, tt.total); !slices.Equal(got, tt.want) {
			t.Errorf("apportion(%v, %d) = %v, want %v", tt.weights, tt.total, got, tt.want)
		}
	}
}

// A stratified sample gives each class its share of the total weight.
func TestStratifiedSample(t *testing.T) {
	var people []*Person
	for i := range 20 {
		class := "A"
		if i >= 10 {
			class = "B"
		}
		people = append(people, &Person{ID: fmt.Sprintf("%s%d", class, i)})
	}
	weight := func(p *Person) float64 {
		if p.ID[0] == 'B' {
			return 3
		}
		return 1
	}
	class := func(p *Person) int { return int(p.ID[0] - 'A') }
	// Class A weighs 10, class B 30: of 8, A gets 2 and B 6.
	got := stratifiedSample(rand.New(rand.NewPCG(1, 2)), people, 8, weight, class)
	counts := [2]int{}
	seen := map[string]bool{}
	for _, p := range got {
		counts[class(p)]++
		if seen[p.ID] {
			t.Errorf("%s picked twice", p.ID)
		}
		seen[p.ID] = true
	}
	if counts != [2]int{2, 6} {
		t.Errorf("picked %v from the classes, want [2 6]", counts)
	}
}
