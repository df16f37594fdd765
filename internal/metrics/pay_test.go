package metrics_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/table"
	"github.com/equip-project/equip/internal/warehouse"
)

// earner is one person of a hand-worked pay example.
type earner struct {
	sex      string
	hourly   float64
	fullPay  bool
	bonus    float64 // NaN: no bonus data
	disabled string
}

var snapshot = time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)

func payTables(t *testing.T, people []earner) map[string]*table.Table {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	_, err = w.Load(ctx, warehouse.Snapshot{Date: snapshot, Source: "test", SHA256: "x", SettingsHash: "x"},
		func(emit func(*ingest.Record) error) (ingest.Summary, error) {
			for i, p := range people {
				fp := p.fullPay
				d := p.disabled
				if d == "" {
					d = "Not disabled"
				}
				r := &ingest.Record{Row: i + 2, PersonKey: string(rune('a' + i)), Age: ingest.NoAgeColumn, FullPayRelevant: &fp,
					FTE: math.NaN(), WeeklyHours: math.NaN(), HourlyPay: p.hourly, OrdinaryPay: math.NaN(), AnnualSalary: math.NaN(), FTESalary: math.NaN(), BonusPay: p.bonus,
					Chars: ingest.CharsOf(map[harmonise.Characteristic]string{harmonise.Sex: p.sex, harmonise.Disability: d})}
				if err := emit(r); err != nil {
					return ingest.Summary{}, err
				}
			}
			return ingest.Summary{Rows: len(people)}, nil
		}, func() []quality.Problem { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := func() error {
		_, err := metrics.Compute(ctx, w.Conn(), metrics.Settings{AsOf: snapshot, AgeBands: harmonise.DefaultAgeBands})
		return err
	}(); err != nil {
		t.Fatal(err)
	}
	out := map[string]*table.Table{}
	for _, e := range []catalog.Entry{catalog.GenderPayGap, catalog.PayGap, catalog.PayQuartiles} {
		tb, err := metrics.Query(ctx, w.Conn(), e)
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name] = tb
	}
	return out
}

func gpgRow(t *testing.T, people []earner) map[string]string {
	t.Helper()
	g := payTables(t, people)["gender_pay_gap"]
	if len(g.Rows) != 1 {
		t.Fatalf("%d gender pay gap rows, want 1", len(g.Rows))
	}
	out := map[string]string{}
	for i, c := range g.Columns {
		out[c.Name] = g.Rows[0][i].Format(c)
	}
	return out
}

func checkAll(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %s, want %s", k, got[k], v)
		}
	}
}

var none = math.NaN()

// Ten full-pay relevant employees (even; bands 3, 3, 2, 2 as 10 is not
// divisible by four) and one man on reduced pay who had a bonus. The three
// people on £12 (one man, two women) sit at positions 3–5, across the
// lower/lower-middle boundary: one place in the lower band, two in the next.
var exampleA = []earner{
	{"Female", 10, true, 0, ""}, {"Female", 10, true, 0, ""},
	{"Male", 12, true, 0, ""}, {"Female", 12, true, 0, ""}, {"Female", 12, true, 0, ""},
	{"Male", 14, true, 0, ""},
	{"Male", 20, true, 0, ""}, {"Female", 20, true, 0, ""},
	{"Male", 30, true, 500, ""}, {"Male", 30, true, 0, ""},
	{"Male", 5, false, 1000, ""}, // on reduced pay: out of the hourly figures, in the bonus figures
}

func TestGenderPayGapEvenHeadcountAndExclusions(t *testing.T) {
	checkAll(t, gpgRow(t, exampleA), map[string]string{
		// Men 12, 14, 20, 30, 30: mean 21.2, median 20. Women 10, 10, 12, 12, 20: mean 12.8, median 12.
		"DiffMeanHourlyPercent":   "39.6", // (21.2 − 12.8) ÷ 21.2
		"DiffMedianHourlyPercent": "40.0", // (20 − 12) ÷ 20
		// Only men had bonuses: no gap can be formed.
		"DiffMeanBonusPercent":   "[x]",
		"DiffMedianBonusPercent": "[x]",
		"MaleBonusPercent":       "33.3", // 2 of the 6 relevant men, the man on reduced pay included
		"FemaleBonusPercent":     "0.0",
		// Lower: £10, £10 and one third of the £12 rate → men 1/3 of 3.
		"MaleLowerQuartile": "11.1", "FemaleLowerQuartile": "88.9",
		// Lower middle: two thirds of the £12 rate ×2 places plus the £14 man → men 5/3 of 3.
		"MaleLowerMiddleQuartile": "55.6", "FemaleLowerMiddleQuartile": "44.4",
		"MaleUpperMiddleQuartile": "50.0", "FemaleUpperMiddleQuartile": "50.0",
		"MaleTopQuartile": "100.0", "FemaleTopQuartile": "0.0",
		"male_full_pay_relevant": "5", "female_full_pay_relevant": "5",
	})
}

// Seven employees (odd; bands 2, 2, 2, 1). £10: a man and two women at
// positions 1–3, across the first boundary; £20: a man and a woman at
// positions 4–5, across the second.
var exampleB = []earner{
	{"Male", 10, true, 100, ""}, {"Female", 10, true, 0, ""}, {"Female", 10, true, 0, ""},
	{"Male", 20, true, 0, ""}, {"Female", 20, true, 150, ""},
	{"Male", 30, true, 0, ""}, {"Male", 40, true, 300, ""},
}

func TestGenderPayGapOddHeadcountAndTies(t *testing.T) {
	checkAll(t, gpgRow(t, exampleB), map[string]string{
		// Men 10, 20, 30, 40: mean 25, median (20 + 30) ÷ 2 = 25. Women 10, 10, 20: mean 13.33, median 10.
		"DiffMeanHourlyPercent":   "46.7",
		"DiffMedianHourlyPercent": "60.0",
		// Bonuses: men 100, 300 (mean and median 200); woman 150.
		"DiffMeanBonusPercent": "25.0", "DiffMedianBonusPercent": "25.0",
		"MaleBonusPercent": "50.0", "FemaleBonusPercent": "33.3",
		// Lower: two places of the £10 rate (1 man in 3) → men 2/3 of 2.
		"MaleLowerQuartile": "33.3", "FemaleLowerQuartile": "66.7",
		// Lower middle: one place of £10 (men 1/3) and one of £20 (men 1/2) → men 5/6 of 2.
		"MaleLowerMiddleQuartile": "41.7", "FemaleLowerMiddleQuartile": "58.3",
		// Upper middle: one place of £20 (men 1/2) and the £30 man → men 1.5 of 2.
		"MaleUpperMiddleQuartile": "75.0", "FemaleUpperMiddleQuartile": "25.0",
		"MaleTopQuartile": "100.0", "FemaleTopQuartile": "0.0",
	})
}

// Eight employees (bands of 2): the £6 rate (two men, a woman) at
// positions 6–8 straddles the upper-middle/top boundary.
func TestGenderPayGapTieAtTopBoundary(t *testing.T) {
	people := []earner{
		{"Female", 1, true, none, ""}, {"Male", 2, true, none, ""}, {"Female", 3, true, none, ""}, {"Male", 4, true, none, ""},
		{"Female", 5, true, none, ""}, {"Male", 6, true, none, ""}, {"Female", 6, true, none, ""}, {"Male", 6, true, none, ""},
	}
	checkAll(t, gpgRow(t, people), map[string]string{
		"MaleLowerQuartile": "50.0", "MaleLowerMiddleQuartile": "50.0",
		// Upper middle: the £5 woman and one place of £6 (men 2/3) → men 2/3 of 2.
		"MaleUpperMiddleQuartile": "33.3", "FemaleUpperMiddleQuartile": "66.7",
		// Top: two places of £6 → men 4/3 of 2.
		"MaleTopQuartile": "66.7", "FemaleTopQuartile": "33.3",
		// No bonus column: the bonus figures are not available.
		"MaleBonusPercent": "[x]", "DiffMeanBonusPercent": "[x]",
	})
}

func TestPayGapAgainstReference(t *testing.T) {
	// Disabled: 10, 20 (mean 15, median 15); not disabled: 20, 30, 40 (mean 30, median 30).
	people := []earner{
		{"Female", 10, true, none, "Disabled"}, {"Male", 20, true, none, "Disabled"},
		{"Female", 20, true, none, "Not disabled"}, {"Male", 30, true, none, "Not disabled"}, {"Male", 40, true, none, "Not disabled"},
		{"Male", 40, true, none, harmonise.PreferNotToSay},
	}
	pg := payTables(t, people)["pay_gap"]
	at := []string{"characteristic", "disability", "category", "Disabled"}
	expect(t, pg, "reference_category", "Not disabled", at...)
	expect(t, pg, "headcount", "2", at...)
	expect(t, pg, "mean_hourly_gap_percent", "50.0", at...)   // (30 − 15) ÷ 30
	expect(t, pg, "median_hourly_gap_percent", "50.0", at...) // (30 − 15) ÷ 30
	expect(t, pg, "declaration_rate", "83.33", at...)         // 5 of 6 declared
	expect(t, pg, "mean_hourly_gap_percent", "[z]", "characteristic", "disability", "category", "Not disabled")
	expect(t, pg, "mean_hourly_gap_percent", "-33.3", "characteristic", "disability", "category", harmonise.PreferNotToSay) // (30 − 40) ÷ 30

	q := payTables(t, people)["pay_quartiles"]
	// Six people, bands 2, 2, 1, 1: lower = £10 (disabled) and £20 (two people, one disabled):
	// rate £20 spans positions 2–3, one place in the lower band → disabled 1 + 1/2 = 1.5 of 2.
	expect(t, q, "percent", "75.00", "characteristic", "disability", "category", "Disabled", "quartile", "Lower")
	expect(t, q, "percent", "0.00", "characteristic", "disability", "category", "Disabled", "quartile", "Top")
}
