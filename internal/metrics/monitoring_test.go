package metrics_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/disclose"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/table"
	"github.com/equip-project/equip/internal/warehouse"
)

const (
	white = harmonise.WhiteBritish
	asian = harmonise.GroupAsian + ": Indian"
)

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

// event is one row of a hand-worked monitoring file.
type event struct {
	ethnicity string
	date      string
	text      map[ingest.Field]string
	other     []ingest.Answer
}

func blankRecord(i int, ethnicity string) *ingest.Record {
	return &ingest.Record{Row: i + 2, PersonKey: string(rune('A' + i)), Age: ingest.NoAgeColumn,
		FTE: math.NaN(), WeeklyHours: math.NaN(), HourlyPay: math.NaN(), OrdinaryPay: math.NaN(), AnnualSalary: math.NaN(), FTESalary: math.NaN(), BonusPay: math.NaN(),
		Chars: ingest.CharsOf(map[harmonise.Characteristic]string{harmonise.Ethnicity: ethnicity})}
}

func repeat(n int, ethnicity string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = ethnicity
	}
	return out
}

// monitoringTables loads the hand-worked example and computes its tables
// (unsuppressed). Workforce: 31 March 2024 White 8, ethnic minority 2;
// 31 March 2025 White 10, ethnic minority 2 — average headcounts 9 and 2.
func monitoringTables(t *testing.T, files map[string][]event) map[string]*table.Table {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	none := func() []quality.Problem { return nil }
	for date, staff := range map[string][]string{
		"2024-03-31": append(repeat(8, white), repeat(2, asian)...),
		"2025-03-31": append(repeat(10, white), repeat(2, asian)...),
	} {
		_, err := w.Load(ctx, warehouse.Snapshot{Date: day(date), Source: "staff", SHA256: date, SettingsHash: "x"},
			func(emit func(*ingest.Record) error) (ingest.Summary, error) {
				for i, e := range staff {
					if err := emit(blankRecord(i, e)); err != nil {
						return ingest.Summary{}, err
					}
				}
				return ingest.Summary{Rows: len(staff)}, nil
			}, none)
		if err != nil {
			t.Fatal(err)
		}
	}
	sources := map[string]string{}
	for kind, events := range files {
		sources[kind] = kind + ".csv"
		_, err := w.LoadEvents(ctx, warehouse.MonitoringFile{Kind: kind, Source: kind + ".csv", SHA256: "x", SettingsHash: "x"},
			func(emit func(*ingest.Record) error) (ingest.Summary, error) {
				for i, e := range events {
					r := blankRecord(i, e.ethnicity)
					r.Date, r.Text, r.Other = day(e.date), e.text, e.other
					if err := emit(r); err != nil {
						return ingest.Summary{}, err
					}
				}
				return ingest.Summary{Rows: len(events)}, nil
			}, none)
		if err != nil {
			t.Fatal(err)
		}
	}
	res, err := metrics.Compute(ctx, w.Conn(), metrics.Settings{
		AsOf: day("2025-03-31"), Snapshots: []time.Time{day("2024-03-31"), day("2025-03-31")}, AgeBands: harmonise.DefaultAgeBands,
		Period: metrics.PeriodEnding("financial_year", day("2025-03-31")), Sources: sources,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Tables
}

func stage(s string) map[ingest.Field]string  { return map[ingest.Field]string{ingest.Stage: s} }
func status(s string) map[ingest.Field]string { return map[ingest.Field]string{ingest.Status: s} }

func applications(ethnicity string, stages map[string]int) []event {
	var out []event
	for s, n := range stages {
		for range n {
			out = append(out, event{ethnicity: ethnicity, date: "2024-10-01", text: stage(s)})
		}
	}
	return out
}

func em(cat string) []string { return []string{"characteristic", "ethnic_minority", "category", cat} }

func TestRecruitment(t *testing.T) {
	// White: 10 applications — 4 appointed, 2 interviewed, 1 withdrawn, 3 applied → shortlisted 6, appointed 4.
	// Ethnic minority: 8 — 1 appointed, 1 offered, 2 shortlisted, 4 applied → shortlisted 4, appointed 1.
	apps := append(applications(white, map[string]int{"Appointed": 4, "interviewed": 2, "Withdrawn": 1, "Applied": 3}),
		applications(asian, map[string]int{"appointed": 1, "Offered": 1, "Short-listed": 2, "applied": 4})...)
	apps = append(apps, event{ethnicity: asian, date: "2025-04-02", text: stage("Appointed")}) // after the period: not counted
	r := monitoringTables(t, map[string][]event{"recruitment": apps})["recruitment"]
	expect(t, r, "applied", "10", em("White")...)
	expect(t, r, "shortlisted", "6", em("White")...)
	expect(t, r, "appointed", "4", em("White")...)
	expect(t, r, "shortlist_rate", "60.00", em("White")...)
	expect(t, r, "appointment_rate", "66.67", em("White")...)
	expect(t, r, "applied", "8", em("Ethnic minority")...)
	expect(t, r, "shortlisted", "4", em("Ethnic minority")...)
	expect(t, r, "appointment_rate", "25.00", em("Ethnic minority")...)
	// WRES indicator 2: White rate ÷ ethnic minority rate = 66.67 ÷ 25 = 2.67.
	expect(t, r, "relative_likelihood", "2.67", em("Ethnic minority")...)
	expect(t, r, "relative_likelihood", "[z]", em("White")...)
	// Four-fifths: 25 < 0.8 × 66.67 = 53.3.
	expect(t, r, "adverse_impact", "Yes", em("Ethnic minority")...)
	expect(t, r, "adverse_impact", "No", em("White")...)
	expect(t, r, "period", "2024/25", em("White")...)

	// With disclosure control the ratio built on one appointment is not printed.
	disclose.Apply(r, catalog.Recruitment.Disclosure, 5)
	expect(t, r, "appointed", "[c]", em("Ethnic minority")...)
	expect(t, r, "relative_likelihood", "[c]", em("Ethnic minority")...)
	expect(t, r, "adverse_impact", "[c]", em("Ethnic minority")...)
}

func TestTurnover(t *testing.T) {
	tb := monitoringTables(t, map[string][]event{
		"leavers": {
			{ethnicity: white, date: "2024-06-01"}, {ethnicity: asian, date: "2024-09-01"},
			{ethnicity: white, date: "2025-05-01"}, // after the period
		},
		"starters": {{ethnicity: white, date: "2024-05-01"}, {ethnicity: white, date: "2024-07-01"}, {ethnicity: white, date: "2025-01-06"}},
	})["turnover"]
	// White: 1 leaver ÷ average headcount (8 + 10) ÷ 2 = 9 → 11.11%; ethnic minority 1 ÷ 2 → 50%.
	expect(t, tb, "leavers", "1", em("White")...)
	expect(t, tb, "starters", "3", em("White")...)
	expect(t, tb, "average_headcount", "9.0", em("White")...)
	expect(t, tb, "turnover_rate", "11.11", em("White")...)
	expect(t, tb, "turnover_rate", "50.00", em("Ethnic minority")...)
	expect(t, tb, "starters", "0", em("Ethnic minority")...)
}

func TestCaseworkAndTraining(t *testing.T) {
	disc := map[ingest.Field]string{ingest.CaseType: "Disciplinary investigation"}
	ts := monitoringTables(t, map[string][]event{
		"casework": {{ethnicity: white, date: "2024-05-01", text: disc}, {ethnicity: asian, date: "2024-06-01", text: disc}},
		"training": {
			{ethnicity: white, date: "2024-05-01", text: status("Received")}, {ethnicity: white, date: "2024-05-01", text: status("Received")},
			{ethnicity: white, date: "2024-05-01", text: status("received")}, {ethnicity: white, date: "2024-05-01", text: status("Applied")},
			{ethnicity: asian, date: "2024-05-01", text: status("Received")}, {ethnicity: asian, date: "2024-05-01", text: status("Applied")},
		},
	})
	c := ts["casework"]
	at := func(cat string) []string { return append([]string{"case_type", "Disciplinary"}, em(cat)...) }
	// White 1 case ÷ 9 × 100 = 11.11; ethnic minority 1 ÷ 2 × 100 = 50; 50 ÷ 11.11 = 4.50 (WRES 3: more likely).
	expect(t, c, "rate_per_100", "11.11", at("White")...)
	expect(t, c, "rate_per_100", "50.00", at("Ethnic minority")...)
	expect(t, c, "relative_likelihood", "4.50", at("Ethnic minority")...)
	tr := ts["training"]
	// White 3 received ÷ 9 = 33.33 per 100; ethnic minority 1 ÷ 2 = 50; WRES 4: 33.33 ÷ 50 = 0.67 (more likely to receive).
	expect(t, tr, "applied", "4", em("White")...)
	expect(t, tr, "received", "3", em("White")...)
	expect(t, tr, "received_rate", "33.33", em("White")...)
	expect(t, tr, "relative_likelihood", "0.67", em("Ethnic minority")...)
}

func TestStaffSurvey(t *testing.T) {
	item := func(a string) []ingest.Answer {
		return []ingest.Answer{{Item: "I feel valued", Value: a}, {Item: "My manager supports me"}}
	}
	s := monitoringTables(t, map[string][]event{"staff_survey": {
		{ethnicity: harmonise.GroupWhite, other: item("Agree")}, {ethnicity: harmonise.GroupWhite, other: item("Strongly agree")},
		{ethnicity: harmonise.GroupWhite, other: item("Disagree")}, {ethnicity: harmonise.GroupAsian, other: item("Neither agree nor disagree")},
	}})["staff_survey"]
	at := func(cat string) []string { return append([]string{"item", "I feel valued"}, em(cat)...) }
	// White: 2 of 3 agree → 66.67%; 3 responses ÷ 10 White staff at the closing snapshot → 30%.
	expect(t, s, "positive_percent", "66.67", at("White")...)
	expect(t, s, "response_rate", "30.00", at("White")...)
	expect(t, s, "positive_percent", "0.00", at("Ethnic minority")...)
	expect(t, s, "response_rate", "50.00", at("Ethnic minority")...)
	// An item nobody answered: no respondents, so no percentage.
	expect(t, s, "positive_percent", "[x]", "item", "My manager supports me", "characteristic", "ethnic_minority", "category", "White")
}
