package metrics_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/table"
	"github.com/equip-project/equip/internal/warehouse"
)

// person is one row of the hand-worked example.
type person struct {
	sex, grade, ethnicity, disability string
	age                               int
}

// The hand-worked example: ten staff at 31 March 2025 on three grades,
// Grade 3 senior. The expected figures below were worked out by hand from
// this list.
var staff2025 = []person{
	{"Female", "Grade 1", harmonise.WhiteBritish, "Disabled", 30},                 // 1
	{"Female", "Grade 1", harmonise.GroupAsian + ": Indian", "Not disabled", 40},  // 2
	{"Female", "Grade 2", harmonise.WhiteBritish, "Not disabled", 50},             // 3
	{"Female", "Grade 2", harmonise.PreferNotToSay, "Not disabled", 22},           // 4
	{"Female", "Grade 3", harmonise.WhiteBritish, "Not disabled", 60},             // 5
	{"Male", "Grade 1", harmonise.WhiteBritish, "Not disabled", 35},               // 6
	{"Male", "Grade 2", harmonise.NotKnown, "Not disabled", 45},                   // 7
	{"Male", "Grade 3", harmonise.GroupAsian + ": Pakistani", "Not disabled", 55}, // 8
	{"Male", "Grade 3", harmonise.WhiteBritish, harmonise.PreferNotToSay, 66},     // 9
	{"Female", "Grade 3", "White: Irish", harmonise.NotKnown, 28},                 // 10
}

func load(t *testing.T, w *warehouse.Warehouse, date time.Time, people []person) {
	t.Helper()
	ctx := context.Background()
	_, err := w.Load(ctx, warehouse.Snapshot{Date: date, Source: "test", SHA256: date.String(), SettingsHash: "x"},
		func(emit func(*ingest.Record) error) (ingest.Summary, error) {
			for i, p := range people {
				r := &ingest.Record{Row: i + 2, PersonKey: string(rune('a' + i)), Grade: p.grade, Age: p.age,
					FTE: math.NaN(), WeeklyHours: math.NaN(), HourlyPay: math.NaN(), OrdinaryPay: math.NaN(), AnnualSalary: math.NaN(), BonusPay: math.NaN(),
					Chars: ingest.CharsOf(map[harmonise.Characteristic]string{harmonise.Sex: p.sex, harmonise.Ethnicity: p.ethnicity, harmonise.Disability: p.disability})}
				if err := emit(r); err != nil {
					return ingest.Summary{}, err
				}
			}
			return ingest.Summary{Rows: len(people)}, nil
		}, func() []quality.Problem { return nil })
	if err != nil {
		t.Fatal(err)
	}
}

func compute(t *testing.T) map[string]*table.Table {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	load(t, w, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), staff2025[:5])
	load(t, w, time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), staff2025)
	res, err := metrics.Compute(ctx, w.Conn(), metrics.Settings{
		AsOf:       time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC),
		GradeOrder: []string{"Grade 1", "Grade 2", "Grade 3"}, SeniorFrom: "Grade 3",
		AgeBands:       harmonise.DefaultAgeBands,
		Population:     []metrics.Population{{Characteristic: "sex", Category: "Female", Percent: 51}, {Characteristic: "sex", Category: "Male", Percent: 49}},
		PopulationBase: "test population",
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Tables
}

// expect checks one cell, formatted as the CSV shows it.
func expect(t *testing.T, tb *table.Table, column, want string, pairs ...string) {
	t.Helper()
	rows := tb.Filter(pairs...)
	if len(rows) != 1 {
		t.Fatalf("%s %v: %d rows, want 1", tb.Name, pairs, len(rows))
	}
	i := tb.MustIndex(column)
	if got := rows[0][i].Format(tb.Columns[i]); got != want {
		t.Errorf("%s %v %s = %s, want %s", tb.Name, pairs, column, got, want)
	}
}

func TestProfile(t *testing.T) {
	ts := compute(t)
	p := ts["profile"]
	at := func(c, cat string) []string {
		return []string{"snapshot_date", "2025-03-31", "characteristic", c, "category", cat}
	}
	expect(t, p, "headcount", "6", at("sex", "Female")...)
	expect(t, p, "percent", "60.00", at("sex", "Female")...)
	expect(t, p, "percent_of_declared", "60.00", at("sex", "Female")...)
	// Wilson, O=6, n=10: (12 + 3.8416 ∓ 1.96·√(3.8416 + 4·6·0.4)) ÷ (2·13.8416).
	expect(t, p, "ci_low", "31.27", at("sex", "Female")...)
	expect(t, p, "ci_high", "83.18", at("sex", "Female")...)
	expect(t, p, "ci_low", "16.82", at("sex", "Male")...)
	// Ethnic minority: Indian + Pakistani = 2 of 10; 2 of the 8 who declared.
	expect(t, p, "headcount", "2", at("ethnic_minority", "Ethnic minority")...)
	expect(t, p, "percent", "20.00", at("ethnic_minority", "Ethnic minority")...)
	expect(t, p, "percent_of_declared", "25.00", at("ethnic_minority", "Ethnic minority")...)
	expect(t, p, "percent_of_declared", "75.00", at("ethnic_minority", "White")...)
	expect(t, p, "percent_of_declared", "[z]", at("ethnic_minority", "Prefer not to say")...)
	expect(t, p, "percent", "10.00", at("ethnic_minority", "Not known")...)
	// ethnic_group: White British (people 1, 3, 5, 6, 9) + White Irish (10) = 6 White.
	expect(t, p, "headcount", "6", at("ethnic_group", "White")...)
	// Zero categories are listed.
	expect(t, p, "headcount", "0", at("ethnicity", harmonise.GroupBlack+": African")...)
	// Age bands 16-24: 22 → 1; 25-34: 30, 28 → 2; 65+: 66 → 1.
	expect(t, p, "headcount", "1", at("age_band", "16-24")...)
	expect(t, p, "headcount", "2", at("age_band", "25-34")...)
	expect(t, p, "headcount", "1", at("age_band", "65+")...)
	// A characteristic the file has no column for is not reported.
	if rows := p.Filter("characteristic", "religion"); len(rows) != 0 {
		t.Errorf("religion has %d rows; the example has no religion column", len(rows))
	}
}

func TestDeclaration(t *testing.T) {
	d := compute(t)["declaration"]
	at := []string{"snapshot_date", "2025-03-31", "characteristic", "disability"}
	expect(t, d, "total", "10", at...)
	expect(t, d, "declared", "8", at...)
	expect(t, d, "prefer_not_to_say", "1", at...)
	expect(t, d, "not_known", "1", at...)
	expect(t, d, "declaration_rate", "80.00", at...)
}

func TestRepresentationByGrade(t *testing.T) {
	g := compute(t)["representation_by_grade"]
	at := func(cat, grade string) []string {
		return []string{"characteristic", "sex", "category", cat, "grade", grade}
	}
	expect(t, g, "headcount", "2", at("Female", "Grade 1")...)
	expect(t, g, "grade_headcount", "3", at("Female", "Grade 1")...)
	expect(t, g, "percent_of_grade", "66.67", at("Female", "Grade 1")...)
	expect(t, g, "percent_of_grade", "33.33", at("Male", "Grade 2")...)
	expect(t, g, "grade_headcount", "4", at("Male", "Grade 3")...)
	expect(t, g, "percent_of_grade", "50.00", at("Male", "Grade 3")...)
	// Grades in the pipeline's order.
	var grades []string
	for _, r := range g.Filter("characteristic", "sex", "category", "Female") {
		grades = append(grades, r[g.MustIndex("grade")].Text)
	}
	if len(grades) != 3 || grades[0] != "Grade 1" || grades[2] != "Grade 3" {
		t.Errorf("grade order %v", grades)
	}
}

func TestSeniorRepresentation(t *testing.T) {
	s := compute(t)["senior_representation"]
	at := func(c, cat string) []string {
		return []string{"snapshot_date", "2025-03-31", "characteristic", c, "category", cat}
	}
	// Grade 3 holds people 5, 8, 9, 10: two women, two men.
	expect(t, s, "senior_headcount", "2", at("sex", "Female")...)
	expect(t, s, "senior_total", "4", at("sex", "Female")...)
	expect(t, s, "percent_of_senior", "50.00", at("sex", "Female")...)
	expect(t, s, "group_total", "6", at("sex", "Female")...)
	expect(t, s, "percent_of_group_in_senior", "33.33", at("sex", "Female")...)
	expect(t, s, "percent_of_group_in_senior", "50.00", at("sex", "Male")...)
	expect(t, s, "percent_of_all_staff", "60.00", at("sex", "Female")...)
	// Wilson O=2, n=4: 15.00 to 85.00, which holds 60: no clear difference.
	expect(t, s, "ci_low", "15.00", at("sex", "Female")...)
	expect(t, s, "ci_high", "85.00", at("sex", "Female")...)
	expect(t, s, "significant", "No", at("sex", "Female")...)
	expect(t, s, "percent_of_senior", "25.00", at("ethnic_minority", "Ethnic minority")...)
}

func TestBenchmark(t *testing.T) {
	b := compute(t)["benchmark"]
	at := func(cat string) []string { return []string{"characteristic", "sex", "category", cat} }
	expect(t, b, "workforce_percent", "60.00", at("Female")...)
	expect(t, b, "population_percent", "51.00", at("Female")...)
	expect(t, b, "representation_ratio", "1.18", at("Female")...) // 60 ÷ 51 = 1.176
	expect(t, b, "representation_ratio", "0.82", at("Male")...)   // 40 ÷ 49 = 0.816
	expect(t, b, "population_base", "test population", at("Male")...)
}

func TestTrend(t *testing.T) {
	tr := compute(t)["trend"]
	at := func(date, scope, cat string) []string {
		return []string{"snapshot_date", date, "characteristic", "sex", "scope", scope, "category", cat}
	}
	// 2024: people 1–5, all women; 2025: 6 of 10.
	expect(t, tr, "percent", "100.00", at("2024-03-31", "all", "Female")...)
	expect(t, tr, "percent", "60.00", at("2025-03-31", "all", "Female")...)
	// Senior 2024: person 5 alone in Grade 3; 2025: 2 of 4.
	expect(t, tr, "percent", "100.00", at("2024-03-31", "senior", "Female")...)
	expect(t, tr, "percent", "50.00", at("2025-03-31", "senior", "Female")...)
}

func TestNaturalGradeOrder(t *testing.T) {
	got := metrics.OrderGrades([]string{"Grade 10", "Not known", "Grade 2", "Grade 1", "M1", "10", "9"}, nil)
	want := []string{"9", "10", "Grade 1", "Grade 2", "Grade 10", "M1", "Not known"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("OrderGrades = %v, want %v", got, want)
		}
	}
	got = metrics.OrderGrades([]string{"Band B", "Band A", "Chief"}, []string{"Chief", "Band B"})
	if got[0] != "Chief" || got[1] != "Band B" || got[2] != "Band A" {
		t.Errorf("pipeline order first, then natural: %v", got)
	}
}
