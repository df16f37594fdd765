package chart_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/table"
)

const fairness = "The organisation acts fairly with regard to career progression regardless of ethnic background, gender, religion, sexual orientation, disability or age"

// monitoringTables are small monitoring tables for 2024/25. The profile
// lists Ethnic minority before White, so those take the first two colours;
// the casework table lists White first, and keeps the profile's colours.
func monitoringTables() []*table.Table {
	const p = "2024/25"
	profile := catalog.Profile.New()
	profile.Rows = []table.Row{
		{s("2025-03-31"), s("ethnic_minority"), s("Ethnic minority"), in(553), n(8.61), n(9.95), n(7.93), n(9.33)},
		{s("2025-03-31"), s("ethnic_minority"), s("White"), in(5004), n(77.88), n(90.05), n(76.85), n(78.88)},
	}

	rec := catalog.Recruitment.New()
	rrow := func(char, cat string, applied, short, appt, sRate, aRate, rl table.Cell, ref string) table.Row {
		return table.Row{s(p), s(char), s(cat), applied, short, appt, sRate, aRate, rl, s(""), s(ref)}
	}
	rec.Rows = []table.Row{
		// 25 of 60 shortlisted (41.67%), 5 of 25 appointed (20%); White 30 of
		// 100 (30%): relative likelihood 30 ÷ 20 = 1.50.
		rrow("ethnic_minority", "Ethnic minority", in(60), in(25), in(5), n(41.67), n(20), n(1.5), "White"),
		rrow("ethnic_minority", "White", in(200), in(100), in(30), n(50), n(30), z, "White"),
		rrow("ethnic_minority", "Prefer not to say", c, c, c, c, c, c, "White"),
		rrow("ethnic_minority", "Not known", in(40), in(10), c, n(25), c, c, "White"),
		// 0.80: disabled applicants 1 ÷ 0.8 = 1.25 times as likely.
		rrow("disability", "Disabled", in(50), in(30), in(9), n(60), n(30), n(0.8), "Not disabled"),
		rrow("disability", "Not disabled", in(300), in(100), in(24), n(33.33), n(24), z, "Not disabled"),
		rrow("sex", "Female", in(400), in(150), in(40), n(37.5), n(26.67), c, "Male"),
		rrow("sex", "Male", in(150), in(50), in(12), n(33.33), n(24), z, "Male"),
		rrow("age_band", "16-24", in(80), in(20), in(5), n(25), n(25), z, ""),
	}

	turn := catalog.Turnover.New()
	turn.Rows = []table.Row{
		{s(p), s("ethnic_minority"), s("Ethnic minority"), in(70), in(64), n(512), n(12.5)},
		{s(p), s("ethnic_minority"), s("White"), in(500), in(500), n(5000), n(10)},
		{s(p), s("ethnic_minority"), s("Prefer not to say"), c, c, n(300), c},
	}

	cases := catalog.Casework.New()
	crow := func(ct, cat string, k, rate, rl table.Cell) table.Row {
		return table.Row{s(p), s(ct), s("ethnic_minority"), s(cat), k, n(400), rate, rl, s("White")}
	}
	cases.Rows = []table.Row{
		crow("Disciplinary", "White", in(5), n(1.25), z),
		crow("Disciplinary", "Ethnic minority", in(10), n(2.5), n(2)),
		crow("Grievance", "White", in(2), n(0.5), z),
		crow("Grievance", "Ethnic minority", c, c, c),
	}

	train := catalog.Training.New()
	train.Rows = []table.Row{
		// White 25 per 100 ÷ ethnic minority 20 per 100 = 1.25.
		{s(p), s("ethnic_minority"), s("Ethnic minority"), in(120), in(100), n(500), n(20), n(1.25), s("White")},
		{s(p), s("ethnic_minority"), s("White"), in(1500), in(1250), n(5000), n(25), z, s("White")},
	}

	survey := catalog.StaffSurvey.New()
	srow := func(item, cat string, pos table.Cell) table.Row {
		return table.Row{s(p), s(item), s("ethnic_minority"), s(cat), in(40), in(40), in(18), pos, in(553), n(7.23)}
	}
	survey.Rows = []table.Row{
		srow("I feel valued for the work I do", "Ethnic minority", n(45)),
		srow("I feel valued for the work I do", "White", n(60)),
		srow("I feel valued for the work I do", "Prefer not to say", c),
		srow(fairness, "Ethnic minority", c),
		srow(fairness, "White", n(52.5)),
	}

	summary := catalog.ActionPlanSummary.New()
	summary.Rows = []table.Row{
		{s("In progress"), in(10), in(3)},
		{s("Complete"), in(8), in(0)},
		{s("Not started"), in(4), in(2)},
	}
	return []*table.Table{profile, rec, turn, cases, train, survey, summary}
}

func buildMonitoring(t *testing.T) ([]chart.Chart, map[string]chart.Chart) {
	t.Helper()
	charts := chart.Build(monitoringTables(), chart.Options{AsOf: "2025-03-31"})
	byID := map[string]chart.Chart{}
	for _, c := range charts {
		byID[c.ID] = c
	}
	return charts, byID
}

func TestBuildMonitoringChartIDsInOrder(t *testing.T) {
	charts, _ := buildMonitoring(t)
	var got []string
	for _, c := range charts {
		if c.Characteristic == "" || c.Characteristic == "ethnic_minority" {
			continue // the workforce charts of the profile table
		}
		got = append(got, c.ID)
	}
	// Age band gets no chart; only ethnic minority has turnover, casework,
	// training and survey rows.
	want := []string{
		"recruitment-ethnic_minority", "recruitment-disability", "recruitment-sex",
		"turnover-ethnic_minority", "casework-ethnic_minority", "training-ethnic_minority", "survey-ethnic_minority",
		"action-plan",
	}
	if !slices.Equal(got, want) {
		t.Errorf("monitoring chart IDs\n got %q\nwant %q", got, want)
	}
}

func TestBuildMonitoringValues(t *testing.T) {
	_, byID := buildMonitoring(t)
	f, tr := false, true
	for _, tt := range []struct {
		id, topic      string
		kind           chart.Kind
		horizontal     bool
		categories     []string
		series         []wantSeries
		colours        []string
		valueLabel     string
		source         string
		characteristic string
	}{
		{
			id: "recruitment-ethnic_minority", kind: chart.Bar,
			categories: []string{"Ethnic minority", "White", "Prefer not to say", "Not known"},
			series: []wantSeries{
				{"Shortlisted (% of applicants)", []float64{41.67, 50, 0, 25}, []bool{f, f, tr, f}},
				{"Appointed (% of shortlisted)", []float64{20, 30, 0, 0}, []bool{f, f, tr, tr}},
			},
			colours: []string{"#0072B2", "#E69F00"}, valueLabel: "%", source: "recruitment", characteristic: "recruitment",
		},
		{
			id: "turnover-ethnic_minority", kind: chart.Bar, horizontal: true,
			categories: []string{"Ethnic minority", "White", "Prefer not to say"},
			series:     []wantSeries{{"Turnover %", []float64{12.5, 10, 0}, []bool{f, f, tr}}},
			colours:    []string{"#0072B2"}, valueLabel: "Turnover %", source: "turnover", characteristic: "turnover",
		},
		{
			// Case types along the axis, one series per category in the
			// table's order, each in its profile colour.
			id: "casework-ethnic_minority", kind: chart.Bar,
			categories: []string{"Disciplinary", "Grievance"},
			series: []wantSeries{
				{"White", []float64{1.25, 0.5}, []bool{f, f}},
				{"Ethnic minority", []float64{2.5, 0}, []bool{f, tr}},
			},
			colours: []string{"#E69F00", "#0072B2"}, valueLabel: "Cases per 100 staff", source: "casework", characteristic: "casework",
		},
		{
			id: "training-ethnic_minority", kind: chart.Bar, horizontal: true,
			categories: []string{"Ethnic minority", "White"},
			series:     []wantSeries{{"Received per 100 staff", []float64{20, 25}, []bool{f, f}}},
			colours:    []string{"#0072B2"}, valueLabel: "Received per 100 staff", source: "training", characteristic: "training",
		},
		{
			// Prefer not to say is left out; the long item is cut at a word.
			id: "survey-ethnic_minority", kind: chart.Bar, horizontal: true,
			categories: []string{"I feel valued for the work I do", "The organisation acts fairly with regard to career…"},
			series: []wantSeries{
				{"Ethnic minority", []float64{45, 0}, []bool{f, tr}},
				{"White", []float64{60, 52.5}, []bool{f, f}},
			},
			colours: []string{"#0072B2", "#E69F00"}, valueLabel: "% positive", source: "staff_survey", characteristic: "staff_survey",
		},
		{
			id: "action-plan", kind: chart.Bar, horizontal: true,
			categories: []string{"In progress", "Complete", "Not started"},
			series: []wantSeries{
				{"Actions", []float64{10, 8, 4}, []bool{f, f, f}},
				{"Overdue", []float64{3, 0, 2}, []bool{f, f, f}},
			},
			colours: []string{"#0072B2", "#D55E00"}, valueLabel: "Actions", source: "action_plan_summary", characteristic: "action_plan",
		},
	} {
		c, ok := byID[tt.id]
		if !ok {
			t.Errorf("no chart %s", tt.id)
			continue
		}
		if c.Kind != tt.kind || c.Horizontal != tt.horizontal {
			t.Errorf("%s: kind %v horizontal %v, want %v %v", tt.id, c.Kind, c.Horizontal, tt.kind, tt.horizontal)
		}
		if !slices.Equal(c.Categories, tt.categories) {
			t.Errorf("%s: categories %q, want %q", tt.id, c.Categories, tt.categories)
		}
		if c.ValueLabel != tt.valueLabel || c.Source != tt.source || c.Characteristic != tt.characteristic {
			t.Errorf("%s: value label %q source %q characteristic %q, want %q %q %q",
				tt.id, c.ValueLabel, c.Source, c.Characteristic, tt.valueLabel, tt.source, tt.characteristic)
		}
		if len(c.Series) != len(tt.series) {
			t.Errorf("%s: %d series, want %d", tt.id, len(c.Series), len(tt.series))
			continue
		}
		for i, w := range tt.series {
			got := c.Series[i]
			if got.Name != w.name || !slices.Equal(got.Values, w.values) || !slices.Equal(got.Suppressed, w.suppressed) {
				t.Errorf("%s series %d = %q %v %v, want %q %v %v", tt.id, i, got.Name, got.Values, got.Suppressed, w.name, w.values, w.suppressed)
			}
			if got.Colour != tt.colours[i] {
				t.Errorf("%s series %q colour %s, want %s", tt.id, got.Name, got.Colour, tt.colours[i])
			}
		}
	}
}

func TestBuildMonitoringWords(t *testing.T) {
	_, byID := buildMonitoring(t)
	for _, tt := range []struct {
		id, title, subtitle string
		alt                 []string
	}{
		{
			"recruitment-ethnic_minority", "Ethnic minority: shortlisting and appointment",
			"Applications in 2024/25. Ethnic minority applicants were 1.50 times less likely than White applicants to be appointed from shortlisting (relative likelihood 1.50).",
			[]string{"Ethnic minority 41.7% of applicants shortlisted and 20.0% of those shortlisted appointed",
				"Not known 25.0% of applicants shortlisted and suppressed of those shortlisted appointed",
				"1.50 times less likely than White applicants"},
		},
		{
			"recruitment-disability", "Disability: shortlisting and appointment",
			"Applications in 2024/25. Disabled applicants were 1.25 times as likely as not disabled applicants to be appointed from shortlisting (relative likelihood 0.80).",
			nil,
		},
		{
			"recruitment-sex", "Sex: shortlisting and appointment",
			"Applications in 2024/25. The relative likelihood of female applicants to be appointed from shortlisting is withheld to protect confidentiality.",
			nil,
		},
		{
			"turnover-ethnic_minority", "Ethnic minority: staff turnover",
			"Leavers in 2024/25 as a % of the average headcount",
			[]string{"Ethnic minority 12.5%, White 10.0%, Prefer not to say suppressed"},
		},
		{
			"casework-ethnic_minority", "Ethnic minority: casework by case type",
			"Cases opened in 2024/25 per 100 staff of each group (average headcount)",
			[]string{"Disciplinary: White 1.3, Ethnic minority 2.5; Grievance: White 0.5, Ethnic minority suppressed"},
		},
		{
			"training-ethnic_minority", "Ethnic minority: non-mandatory training",
			"Non-mandatory training received in 2024/25 per 100 staff (average headcount). Ethnic minority staff were 1.25 times less likely than White staff to receive non-mandatory training (relative likelihood 1.25).",
			[]string{"Ethnic minority 20.0, White 25.0"},
		},
		{
			"survey-ethnic_minority", "Ethnic minority: staff survey",
			"Staff survey 2024/25, % of respondents who agree or strongly agree, by ethnic minority (declared groups)",
			[]string{"“I feel valued for the work I do”: Ethnic minority 45.0%, White 60.0%",
				"“" + fairness + "”: Ethnic minority suppressed, White 52.5%"},
		},
		{
			"action-plan", "Equality action plan progress",
			"Actions by status at 31 March 2025, with those overdue (due and not complete)",
			[]string{"22 actions by status: In progress 10 (3 overdue); Complete 8 (0 overdue); Not started 4 (2 overdue)."},
		},
	} {
		c := byID[tt.id]
		if c.Title != tt.title {
			t.Errorf("%s title %q, want %q", tt.id, c.Title, tt.title)
		}
		if c.Subtitle != tt.subtitle {
			t.Errorf("%s subtitle\n %q\nwant %q", tt.id, c.Subtitle, tt.subtitle)
		}
		for _, w := range tt.alt {
			if !strings.Contains(c.AltText, w) {
				t.Errorf("%s alt text %q\nlacks %q", tt.id, c.AltText, w)
			}
		}
	}
}

func TestShortItem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"I feel valued for the work I do", "I feel valued for the work I do"},
		// 62 characters up to "progression": cut before it, at 50.
		{fairness, "The organisation acts fairly with regard to career…"},
		{"  My manager supports my wellbeing ", "My manager supports my wellbeing"},
		// A clause ending in a comma loses the comma before the ellipsis.
		{"I have experienced bullying or harassment from colleagues, managers or members of the public",
			"I have experienced bullying or harassment from colleagues…"},
	} {
		if got := chart.ShortItem(tt.in); got != tt.want {
			t.Errorf("ShortItem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildMonitoringWithoutMonitoringTables(t *testing.T) {
	for _, c := range chart.Build(payTables(), chart.Options{AsOf: "2025-03-31"}) {
		if c.Characteristic != chart.PayCharacteristic {
			t.Errorf("chart %s built without its table", c.ID)
		}
	}
}
