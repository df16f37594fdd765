// Package reporttest gives report formats a small, realistic publication to
// test against: the annual profile's tables for two characteristics over
// three snapshots, with suppressed and not-available cells, and a chart of
// each kind.
package reporttest

import (
	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

var (
	c  = table.Marked(table.Suppressed)
	z  = table.Marked(table.NotApplicable)
	s  = table.Str
	n  = table.Num
	in = table.Int
)

// Publication returns a fresh fixture publication (callers may modify it).
func Publication() *report.Publication {
	const asOf = "2025-03-31"
	profile := catalog.Profile.New()
	profile.Rows = []table.Row{
		{s(asOf), s("sex"), s("Female"), in(4690), n(73.0), n(73.0), n(71.9), n(74.1)},
		{s(asOf), s("sex"), s("Male"), in(1735), n(27.0), n(27.0), n(25.9), n(28.1)},
		{s(asOf), s("ethnic_minority"), s("Ethnic minority"), in(553), n(8.61), n(9.95), n(7.93), n(9.33)},
		{s(asOf), s("ethnic_minority"), s("White"), in(5004), n(77.88), n(90.05), n(76.85), n(78.88)},
		{s(asOf), s("ethnic_minority"), s("Prefer not to say"), in(301), n(4.68), z, n(4.19), n(5.23)},
		{s(asOf), s("ethnic_minority"), s("Not known"), in(567), n(8.82), z, n(8.16), n(9.54)},
		{s(asOf), s("religion"), s("Sikh"), c, c, c, c, c},
		{s(asOf), s("religion"), s("Jewish"), c, c, c, c, c},
		{s(asOf), s("religion"), s("Christian"), in(1801), n(28.03), n(68.9), n(26.95), n(29.14)},
	}
	decl := catalog.Declaration.New()
	decl.Rows = []table.Row{
		{s(asOf), s("sex"), in(6425), in(6425), in(0), in(0), n(100)},
		{s(asOf), s("ethnic_minority"), in(6425), in(5557), in(301), in(567), n(86.49)},
	}
	grades := catalog.RepresentationByGrade.New()
	for i, g := range []string{"Grade 1", "Grade 2", "Grade 13", "Grade 18"} {
		f, m := []int64{600, 550, 120, 6}[i], []int64{180, 200, 110, 9}[i]
		tot := f + m
		fp, mp := n(float64(f)/float64(tot)*100), n(float64(m)/float64(tot)*100)
		fc, mc := in(f), in(m)
		if g == "Grade 18" {
			fc, fp = c, c // small group: a ratio on it would disclose
		}
		grades.Rows = append(grades.Rows,
			table.Row{s(asOf), s("sex"), s("Female"), s(g), fc, in(tot), fp},
			table.Row{s(asOf), s("sex"), s("Male"), s(g), mc, in(tot), mp})
	}
	senior := catalog.SeniorRepresentation.New()
	senior.Rows = []table.Row{
		{s(asOf), s("sex"), s("Female"), in(152), in(288), n(52.78), in(4690), n(3.24), n(73.0), n(47.01), n(58.48), s("Yes")},
		{s(asOf), s("sex"), s("Male"), in(136), in(288), n(47.22), in(1735), n(7.84), n(27.0), n(41.52), n(52.99), s("Yes")},
		{s(asOf), s("ethnic_minority"), s("Ethnic minority"), in(14), in(288), n(4.86), in(553), n(2.53), n(8.61), n(2.92), n(7.99), s("Yes")},
		{s(asOf), s("ethnic_minority"), s("White"), in(250), in(288), n(86.81), in(5004), n(5.0), n(77.88), n(82.43), n(90.16), s("Yes")},
		{s(asOf), s("ethnic_minority"), s("Prefer not to say"), c, in(288), c, in(301), c, n(4.68), c, c, c},
		{s(asOf), s("ethnic_minority"), s("Not known"), in(20), in(288), n(6.94), in(567), n(3.53), n(8.82), n(4.53), n(10.5), s("No")},
	}
	bench := catalog.Benchmark.New()
	base := s("Census 2021, usual residents aged 16 and over")
	bench.Rows = []table.Row{
		{s(asOf), s("sex"), s("Female"), n(73.0), n(50.9), n(1.43), base},
		{s(asOf), s("sex"), s("Male"), n(27.0), n(49.1), n(0.55), base},
		{s(asOf), s("ethnic_minority"), s("Ethnic minority"), n(9.95), n(11.23), n(0.89), base},
		{s(asOf), s("ethnic_minority"), s("White"), n(90.05), n(88.77), n(1.01), base},
	}
	targets := catalog.Targets.New()
	targets.Rows = []table.Row{
		{s("senior-ethnic-minority"), s("ethnic_minority"), s("Ethnic minority"), s("senior"), s("percent_of_senior"), n(10), n(4.86), n(-5.14), s("2026-03-31"), s("Improving"), s("at_least"), n(4.2), s("2024-03-31")},
		{s("senior-women"), s("sex"), s("Female"), s("senior"), s("percent_of_senior"), n(50), n(52.78), n(2.78), s("2026-03-31"), s("Met"), s("at_least"), n(51.9), s("2024-03-31")},
		{s("declaration-ethnicity"), s("ethnic_minority"), s(""), s("all"), s("declaration_rate"), n(95), n(86.49), n(-8.51), s("2025-03-31"), s("Not met"), s("at_least"), n(87.1), s("2024-03-31")},
		{s("senior-disabled"), s("disability"), s("Disabled"), s("senior"), s("percent_of_senior"), n(5), c, c, s("2026-03-31"), s("No data"), s("at_least"), c, s("2024-03-31")},
	}
	trend := catalog.Trend.New()
	for i, d := range []string{"2023-03-31", "2024-03-31", "2025-03-31"} {
		trend.Rows = append(trend.Rows,
			table.Row{s(d), s("ethnic_minority"), s("Ethnic minority"), s("all"), n([]float64{7.9, 8.2, 8.61}[i]), in([]int64{497, 520, 553}[i])},
			table.Row{s(d), s("ethnic_minority"), s("Ethnic minority"), s("senior"), n([]float64{3.9, 4.2, 4.86}[i]), in([]int64{11, 12, 14}[i])},
			table.Row{s(d), s("sex"), s("Female"), s("senior"), n([]float64{50.4, 51.9, 52.78}[i]), in([]int64{141, 148, 152}[i])},
		)
	}

	return &report.Publication{
		Meta: report.Meta{
			Pipeline: "annual-workforce-profile", Title: "Workforce equality profile",
			Organisation: "Shire County Council", AsOf: asOf,
			Snapshots: []string{"2023-03-31", "2024-03-31", asOf}, Generated: "2025-04-10T09:00:00Z",
			Version: "0.1.0", SeniorFrom: "Grade 13",
			PopulationBase: "Census 2021, usual residents aged 16 and over (7 areas)", MinCount: 5, PayMinCount: 10,
		},
		Tables: []*table.Table{profile, decl, grades, senior, bench, targets, trend},
		Charts: []chart.Chart{
			{
				ID: "profile-sex", Title: "Staff by sex", Subtitle: "31 March 2025, all staff", Kind: chart.Bar, Horizontal: true,
				AltText:    "Bar chart: 73.0% of staff are female and 27.0% male.",
				Categories: []string{"Female", "Male"}, ValueLabel: "% of all staff", ValueMax: 100, Source: "profile", Characteristic: "sex",
				Series: []chart.Series{{Name: "% of all staff", Values: []float64{73.0, 27.0}, Suppressed: []bool{false, false}, Colour: chart.Colour(0)}},
			},
			{
				ID: "grade-sex", Title: "Sex by grade", Subtitle: "31 March 2025, % of each grade", Kind: chart.StackedBar,
				AltText:    "Stacked bar chart of the share of women and men in each grade; women are 77% of Grade 1 and 52% of Grade 13.",
				Categories: []string{"Grade 1", "Grade 2", "Grade 13", "Grade 18"}, ValueLabel: "% of grade", ValueMax: 100, Source: "representation_by_grade", Characteristic: "sex",
				Series: []chart.Series{
					{Name: "Female", Values: []float64{76.92, 73.33, 52.17, 0}, Suppressed: []bool{false, false, false, true}, Colour: chart.Colour(0)},
					{Name: "Male", Values: []float64{23.08, 26.67, 47.83, 60}, Suppressed: []bool{false, false, false, false}, Colour: chart.Colour(1)},
				},
			},
			{
				ID: "trend-ethnic_minority", Title: "Ethnic minority staff over time", Subtitle: "% of all staff and of Grade 13+ staff", Kind: chart.Line,
				AltText:    "Line chart: the ethnic minority share of all staff rose from 7.9% in 2023 to 8.6% in 2025, and of senior staff from 3.9% to 4.9%, against a target of 10% of senior staff.",
				Categories: []string{"2023-03-31", "2024-03-31", "2025-03-31"}, ValueLabel: "%", Source: "trend", Characteristic: "ethnic_minority",
				Series: []chart.Series{
					{Name: "All staff", Values: []float64{7.9, 8.2, 8.61}, Suppressed: []bool{false, false, false}, Colour: chart.Colour(0)},
					{Name: "Grade 13+", Values: []float64{3.9, 4.2, 4.86}, Suppressed: []bool{false, false, false}, Colour: chart.Colour(1)},
				},
				Targets: []chart.Target{{Value: 10, Label: "Target 10% of Grade 13+"}},
			},
		},
		Findings: []report.Finding{
			{Text: "Women hold 52.8% of Grade 13+ posts against 73.0% of all posts; the difference is statistically clear.", Table: "senior_representation"},
			{Text: "Ethnic minority staff hold 4.9% of Grade 13+ posts against 8.6% of all posts, below the 10% target (improving from 4.2% in 2024).", Table: "targets"},
			{Text: "86.5% of staff have declared their ethnicity; 4.7% preferred not to say and 8.8% are not known.", Table: "declaration"},
		},
		Notes: []report.Note{
			{Title: "Suppression", Text: "Counts from 1 to 4, and the cells from which they could be worked out, are shown as [c]; so are percentages built on them."},
			{Title: "Senior grades", Text: "Grade 13 and above. '% of senior staff' is a group's share of senior posts; '% of group in senior grades' is the share of the group holding a senior post."},
			{Title: "Population benchmark", Text: "Census 2021, usual residents aged 16 and over in the seven districts of Leicestershire."},
		},
		Quality: report.Quality{
			Inputs: []report.Input{
				{Path: "inputs/workforce/staff-2025-03-31.xlsx", Kind: "workforce", Snapshot: asOf, Rows: 6425},
				{Path: "inputs/workforce/staff-2024-03-31.csv", Kind: "workforce", Snapshot: "2024-03-31", Rows: 6390, Rejected: 2},
			},
			Warnings: map[string]int{"unmapped label": 12, "invalid date": 2},
			Unmapped: []report.Unmapped{{File: "inputs/workforce/staff-2025-03-31.xlsx", Column: "Ethnic Origin", Characteristic: "ethnicity", Label: "BME", Count: 5}},
		},
	}
}
