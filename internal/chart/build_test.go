package chart_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

var fixtureOptions = chart.Options{
	AsOf:            "2025-03-31",
	SeniorFrom:      "Grade 13",
	Characteristics: []string{"sex", "age_band", "ethnic_group", "ethnic_minority", "disability", "religion", "lgb"},
	GradeOrder:      []string{"Grade 1", "Grade 2", "Grade 13", "Grade 18"},
}

func buildFixture(t *testing.T) map[string]chart.Chart {
	t.Helper()
	charts := chart.Build(reporttest.Publication().Tables, fixtureOptions)
	byID := map[string]chart.Chart{}
	for _, c := range charts {
		if _, dup := byID[c.ID]; dup {
			t.Fatalf("chart %s built twice", c.ID)
		}
		byID[c.ID] = c
	}
	return byID
}

func TestBuildChartIDsInOrder(t *testing.T) {
	var got []string
	for _, c := range chart.Build(reporttest.Publication().Tables, fixtureOptions) {
		got = append(got, c.ID)
	}
	// The fixture has grade rows for sex only, benchmark rows for sex and
	// ethnic minority, profile rows (only) for religion and no rows at all
	// for age band, ethnic group, disability or LGB+.
	want := []string{
		"profile-sex", "grade-sex", "senior-sex", "trend-sex", "benchmark-sex",
		"profile-ethnic_minority", "senior-ethnic_minority", "trend-ethnic_minority", "benchmark-ethnic_minority",
		"profile-religion",
		"declaration", "targets",
	}
	if !slices.Equal(got, want) {
		t.Errorf("chart IDs\n got %q\nwant %q", got, want)
	}
}

type wantSeries struct {
	name       string
	values     []float64
	suppressed []bool
}

func TestBuildValuesMatchFixtureCells(t *testing.T) {
	charts := buildFixture(t)
	f, T := false, true
	tests := []struct {
		id         string
		kind       chart.Kind
		categories []string
		series     []wantSeries
		valueMax   float64
		targets    []chart.Target
	}{
		{
			id: "profile-sex", kind: chart.Bar, categories: []string{"Female", "Male"}, valueMax: 100,
			series: []wantSeries{{"% of all staff", []float64{73.0, 27.0}, []bool{f, f}}},
		},
		{
			id: "profile-ethnic_minority", kind: chart.Bar, valueMax: 100,
			categories: []string{"Ethnic minority", "White", "Prefer not to say", "Not known"},
			series:     []wantSeries{{"% of all staff", []float64{8.61, 77.88, 4.68, 8.82}, []bool{f, f, f, f}}},
		},
		{
			id: "profile-religion", kind: chart.Bar, categories: []string{"Sikh", "Jewish", "Christian"}, valueMax: 100,
			series: []wantSeries{{"% of all staff", []float64{0, 0, 28.03}, []bool{T, T, f}}},
		},
		{
			// Female 600/780, 550/750, 120/230, [c]; Male 180/780, 200/750, 110/230, 9/15.
			id: "grade-sex", kind: chart.StackedBar, valueMax: 100,
			categories: []string{"Grade 1", "Grade 2", "Grade 13", "Grade 18"},
			series: []wantSeries{
				{"Female", []float64{76.92, 73.33, 52.17, 0}, []bool{f, f, f, T}},
				{"Male", []float64{23.08, 26.67, 47.83, 60}, []bool{f, f, f, f}},
			},
		},
		{
			id: "senior-sex", kind: chart.Bar, categories: []string{"Female", "Male"},
			series: []wantSeries{
				{"% of all staff", []float64{73.0, 27.0}, []bool{f, f}},
				{"% of Grade 13+ staff", []float64{52.78, 47.22}, []bool{f, f}},
			},
			targets: []chart.Target{{Value: 50, Label: "Target: 50% (Female)"}},
		},
		{
			id: "senior-ethnic_minority", kind: chart.Bar,
			categories: []string{"Ethnic minority", "White", "Prefer not to say", "Not known"},
			series: []wantSeries{
				{"% of all staff", []float64{8.61, 77.88, 4.68, 8.82}, []bool{f, f, f, f}},
				{"% of Grade 13+ staff", []float64{4.86, 86.81, 0, 6.94}, []bool{f, f, T, f}},
			},
			targets: []chart.Target{{Value: 10, Label: "Target: 10% (Ethnic minority)"}},
		},
		{
			id: "trend-ethnic_minority", kind: chart.Line,
			categories: []string{"2023-03-31", "2024-03-31", "2025-03-31"},
			series: []wantSeries{
				{"Ethnic minority", []float64{7.9, 8.2, 8.61}, []bool{f, f, f}},
				{"Ethnic minority (senior)", []float64{3.9, 4.2, 4.86}, []bool{f, f, f}},
			},
			targets: []chart.Target{{Value: 10, Label: "Target for Ethnic minority (senior): 10%"}},
		},
		{
			// The fixture's trend holds only women's senior share for sex.
			id: "trend-sex", kind: chart.Line,
			categories: []string{"2023-03-31", "2024-03-31", "2025-03-31"},
			series:     []wantSeries{{"Female (senior)", []float64{50.4, 51.9, 52.78}, []bool{f, f, f}}},
			targets:    []chart.Target{{Value: 50, Label: "Target for Female (senior): 50%"}},
		},
		{
			id: "benchmark-ethnic_minority", kind: chart.Bar, categories: []string{"Ethnic minority", "White"},
			series: []wantSeries{
				{"% of staff who declared", []float64{9.95, 90.05}, []bool{f, f}},
				{"% of population", []float64{11.23, 88.77}, []bool{f, f}},
			},
		},
		{
			id: "declaration", kind: chart.Bar, categories: []string{"Sex", "Ethnic minority"}, valueMax: 100,
			series:  []wantSeries{{"Declaration rate", []float64{100, 86.49}, []bool{f, f}}},
			targets: []chart.Target{{Value: 95, Label: "Target: 95% (Ethnic minority)"}},
		},
		{
			id: "targets", kind: chart.Bar,
			categories: []string{
				"Ethnic minority, % of Grade 13+ staff", "Female, % of Grade 13+ staff",
				"Ethnic minority, declaration rate", "Disabled, % of Grade 13+ staff",
			},
			series: []wantSeries{
				{"Latest figure", []float64{4.86, 52.78, 86.49, 0}, []bool{f, f, f, T}},
				{"Target", []float64{10, 50, 95, 5}, []bool{f, f, f, f}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c, ok := charts[tt.id]
			if !ok {
				t.Fatalf("no chart %s", tt.id)
			}
			if c.Kind != tt.kind {
				t.Errorf("kind %v, want %v", c.Kind, tt.kind)
			}
			if c.ValueMax != tt.valueMax {
				t.Errorf("ValueMax %v, want %v", c.ValueMax, tt.valueMax)
			}
			if !slices.Equal(c.Categories, tt.categories) {
				t.Errorf("categories %q, want %q", c.Categories, tt.categories)
			}
			if len(c.Series) != len(tt.series) {
				t.Fatalf("%d series, want %d", len(c.Series), len(tt.series))
			}
			for i, ws := range tt.series {
				s := c.Series[i]
				if s.Name != ws.name {
					t.Errorf("series %d name %q, want %q", i, s.Name, ws.name)
				}
				if len(s.Values) != len(ws.values) {
					t.Fatalf("series %q has %d values, want %d", s.Name, len(s.Values), len(ws.values))
				}
				for j, v := range ws.values {
					if math.Abs(s.Values[j]-v) > 0.005 {
						t.Errorf("series %q value %d = %v, want %v", s.Name, j, s.Values[j], v)
					}
				}
				if !slices.Equal(s.Suppressed, ws.suppressed) {
					t.Errorf("series %q suppressed %v, want %v", s.Name, s.Suppressed, ws.suppressed)
				}
			}
			if !slices.Equal(c.Targets, tt.targets) {
				t.Errorf("targets %v, want %v", c.Targets, tt.targets)
			}
		})
	}
}

func TestBuildDescribesEveryChart(t *testing.T) {
	for id, c := range buildFixture(t) {
		if c.Title == "" || c.Subtitle == "" || c.ValueLabel == "" || c.Source == "" || c.AltText == "" {
			t.Errorf("%s: missing title, subtitle, value label, source or alt text: %+v", id, c)
		}
		kind, char, _ := strings.Cut(id, "-")
		if char != c.Characteristic {
			t.Errorf("%s: characteristic %q, want %q", id, c.Characteristic, char)
		}
		if _, ok := catalog.Lookup(c.Source); !ok {
			t.Errorf("%s: source %q is not a published table", id, c.Source)
		}
		if kind == chart.KindProfile && !c.Horizontal {
			t.Errorf("%s: profile bars should run across", id)
		}
	}
}

func TestBuildTitlesAndSubtitles(t *testing.T) {
	charts := buildFixture(t)
	tests := []struct{ id, title, subtitle string }{
		{"profile-sex", "Staff by sex", "31 March 2025, all staff (6,425 people)"},
		{"profile-religion", "Staff by religion or belief", "31 March 2025, all staff"},
		{"grade-sex", "Sex by grade", "31 March 2025, % of each grade's staff"},
		{"senior-ethnic_minority", "Ethnic minority: Grade 13+ staff compared with all staff",
			"31 March 2025, % of all staff and of Grade 13+ staff (288 people in Grade 13+)"},
		{"trend-ethnic_minority", "Ethnic minority over time",
			"From 31 March 2023 to 31 March 2025, % of all staff and of Grade 13+ staff (senior)"},
		{"trend-sex", "Sex over time", "From 31 March 2023 to 31 March 2025, % of Grade 13+ staff (senior)"},
		{"benchmark-sex", "Sex: staff compared with the local population",
			"31 March 2025, staff who declared against the local population (Census 2021, usual residents aged 16 and over)"},
		{"targets", "Equality targets", "Latest figure (31 March 2025) against each target"},
	}
	for _, tt := range tests {
		c := charts[tt.id]
		if c.Title != tt.title {
			t.Errorf("%s title %q, want %q", tt.id, c.Title, tt.title)
		}
		if c.Subtitle != tt.subtitle {
			t.Errorf("%s subtitle %q, want %q", tt.id, c.Subtitle, tt.subtitle)
		}
	}
}

func TestBuildAltTextStatesTheNumbers(t *testing.T) {
	charts := buildFixture(t)
	tests := []struct {
		id   string
		want []string
	}{
		{"profile-sex", []string{"Bar chart of staff by sex at 31 March 2025: Female 73.0%, Male 27.0%."}},
		{"profile-religion", []string{"Sikh suppressed, Jewish suppressed, Christian 28.0%."}},
		{"grade-sex", []string{"Grade 1: Female 76.9%, Male 23.1%", "Grade 18: Female suppressed, Male 60.0%."}},
		{"senior-sex", []string{"Female 73.0% of all staff, 52.8% of Grade 13+ staff", "Target: 50% (Female)."}},
		{"senior-ethnic_minority", []string{"Prefer not to say 4.7% of all staff, Grade 13+ staff suppressed"}},
		{"trend-ethnic_minority", []string{"Ethnic minority 7.9%, 8.2%, 8.6%; Ethnic minority (senior) 3.9%, 4.2%, 4.9%."}},
		{"benchmark-ethnic_minority", []string{"Ethnic minority 10.0% of staff who declared, 11.2% of population"}},
		{"declaration", []string{"Sex 100.0%, Ethnic minority 86.5%."}},
		{"targets", []string{"Ethnic minority, % of Grade 13+ staff 4.9% against a target of 10.0%",
			"Disabled, % of Grade 13+ staff suppressed against a target of 5.0%."}},
	}
	for _, tt := range tests {
		alt := charts[tt.id].AltText
		for _, w := range tt.want {
			if !strings.Contains(alt, w) {
				t.Errorf("%s alt text %q\nlacks %q", tt.id, alt, w)
			}
		}
	}
}

func TestBuildKeepsCategoryColours(t *testing.T) {
	charts := chart.Build(reporttest.Publication().Tables, fixtureOptions)
	byChar := map[string]map[string]string{} // characteristic → series name → colour
	for _, c := range charts {
		seen := map[string]bool{}
		for _, s := range c.Series {
			if seen[s.Colour] {
				t.Errorf("%s: two series share colour %s", c.ID, s.Colour)
			}
			seen[s.Colour] = true
			if !slices.Contains(chart.Palette, s.Colour) {
				t.Errorf("%s: series %q colour %s is not in the palette", c.ID, s.Name, s.Colour)
			}
			if c.Kind == chart.Bar { // bar series are measures, not categories
				continue
			}
			m := byChar[c.Characteristic]
			if m == nil {
				m = map[string]string{}
				byChar[c.Characteristic] = m
			}
			if prev, ok := m[s.Name]; ok && prev != s.Colour {
				t.Errorf("%s: %q is %s here but %s in another chart", c.ID, s.Name, s.Colour, prev)
			}
			m[s.Name] = s.Colour
		}
	}
	// The profile lists Female then Male, so they take the first two colours
	// everywhere; women's senior trend has no all-staff line to tell apart
	// from, so it keeps Female's colour; ethnic minority's senior line takes
	// the first colour after the characteristic's four categories.
	want := map[string]map[string]string{
		"sex":             {"Female": "#0072B2", "Male": "#E69F00", "Female (senior)": "#0072B2"},
		"ethnic_minority": {"Ethnic minority": "#0072B2", "Ethnic minority (senior)": "#56B4E9"},
	}
	for char, names := range want {
		for name, colour := range names {
			if got := byChar[char][name]; got != colour {
				t.Errorf("%s %q colour %s, want %s", char, name, got, colour)
			}
		}
	}
}

func TestBuildGradeOrder(t *testing.T) {
	pub := reporttest.Publication()
	// Grade 2 is left out of the order: it follows the ordered grades.
	opts := chart.Options{Characteristics: []string{"sex"}, GradeOrder: []string{"Grade 18", "Grade 13", "Grade 1"}}
	for _, c := range chart.Build(pub.Tables, opts) {
		if c.ID != "grade-sex" {
			continue
		}
		if want := []string{"Grade 18", "Grade 13", "Grade 1", "Grade 2"}; !slices.Equal(c.Categories, want) {
			t.Errorf("grades %q, want %q", c.Categories, want)
		}
		// Without AsOf the table's latest snapshot is used.
		if !strings.HasPrefix(c.Subtitle, "31 March 2025") {
			t.Errorf("subtitle %q does not name the latest snapshot", c.Subtitle)
		}
		// Female in Grade 18 is [c]; Male is 9 of 15.
		if f, m := c.Series[0], c.Series[1]; !f.Suppressed[0] || f.Values[0] != 0 || m.Values[0] != 60 {
			t.Errorf("Grade 18: Female %v %v, Male %v", f.Values[0], f.Suppressed[0], m.Values[0])
		}
		return
	}
	t.Fatal("no grade-sex chart")
}

func TestBuildTrendKeepsManyCategoriesReadable(t *testing.T) {
	trend := catalog.Trend.New()
	// Latest shares: the five largest plus the focus (Muslim, the target's
	// category) would be six all-staff lines; with Muslim's senior line
	// there is room for five all-staff lines: Muslim and the four largest
	// others (No religion 40, Christian 35, Sikh 4, Hindu 3).
	latest := map[string]float64{
		"No religion": 40, "Christian": 35, "Buddhist": 1, "Hindu": 3, "Jewish": 2,
		"Muslim": 2.5, "Sikh": 4, "Other religion": 1.5, "Not known": 11,
	}
	order := []string{"No religion", "Christian", "Buddhist", "Hindu", "Jewish", "Muslim", "Sikh", "Other religion", "Not known"}
	for _, d := range []string{"2024-03-31", "2025-03-31"} {
		for _, cat := range order {
			v := latest[cat]
			if d == "2024-03-31" {
				v = 1
			}
			trend.Rows = append(trend.Rows, table.Row{table.Str(d), table.Str("religion"), table.Str(cat), table.Str("all"), table.Num(v), table.Int(10)})
		}
		trend.Rows = append(trend.Rows, table.Row{table.Str(d), table.Str("religion"), table.Str("Muslim"), table.Str("senior"), table.Marked(table.Suppressed), table.Marked(table.Suppressed)})
	}
	targets := catalog.Targets.New()
	targets.Rows = []table.Row{{
		table.Str("senior-muslim"), table.Str("religion"), table.Str("Muslim"), table.Str("senior"), table.Str("percent_of_senior"),
		table.Num(5), table.Marked(table.Suppressed), table.Marked(table.Suppressed), table.Str("2026-03-31"), table.Str("No data"),
		table.Str("at_least"), table.Num(4), table.Str("2024-03-31"),
	}}
	charts := chart.Build([]*table.Table{trend, targets}, chart.Options{AsOf: "2025-03-31", Characteristics: []string{"religion"}})
	if len(charts) != 2 || charts[0].ID != "trend-religion" {
		t.Fatalf("charts %v, want trend-religion then targets", charts)
	}
	c := charts[0]
	var names []string
	for _, s := range c.Series {
		names = append(names, s.Name)
	}
	want := []string{"No religion", "Christian", "Hindu", "Muslim", "Sikh", "Muslim (senior)"}
	if !slices.Equal(names, want) {
		t.Errorf("series %q, want %q", names, want)
	}
	if s := c.Series[5]; !slices.Equal(s.Suppressed, []bool{true, true}) {
		t.Errorf("Muslim (senior) suppressed %v, want both", s.Suppressed)
	}
	if !strings.Contains(c.AltText, "Not shown, for readability: Buddhist, Jewish, Other religion") {
		t.Errorf("alt text %q does not name the categories left out", c.AltText)
	}
	if !strings.Contains(c.AltText, "Muslim (senior) suppressed, suppressed") {
		t.Errorf("alt text %q does not say the senior figures are suppressed", c.AltText)
	}
	// Without a senior threshold the subtitle says "senior staff".
	if want := "From 31 March 2024 to 31 March 2025, % of all staff and of senior staff"; c.Subtitle != want {
		t.Errorf("subtitle %q, want %q", c.Subtitle, want)
	}
}

func TestBuildSkipsTablesWithoutTheirColumns(t *testing.T) {
	broken := &table.Table{Name: "profile", Columns: []table.Column{{Name: "characteristic"}, {Name: "category"}},
		Rows: []table.Row{{table.Str("sex"), table.Str("Female")}}}
	short := catalog.Benchmark.New()
	short.Rows = []table.Row{{table.Str("2025-03-31"), table.Str("sex"), table.Str("Female")}} // a short row
	charts := chart.Build([]*table.Table{broken, short, nil}, chart.Options{AsOf: "2025-03-31", Characteristics: []string{"sex"}})
	if len(charts) != 1 || charts[0].ID != "benchmark-sex" {
		t.Fatalf("charts %v, want only benchmark-sex", charts)
	}
	if s := charts[0].Series[0]; !s.Suppressed[0] || s.Values[0] != 0 {
		t.Errorf("a missing cell should be withheld with value 0, got %v %v", s.Values, s.Suppressed)
	}
	if !strings.Contains(charts[0].AltText, "Female staff who declared not available") {
		t.Errorf("alt text %q", charts[0].AltText)
	}
}

func TestLabel(t *testing.T) {
	tests := map[string]string{
		"sex":             "Sex",
		"ethnic_minority": "Ethnic minority",
		"lgb":             "Sexual orientation (LGB+)",
		"age_band":        "Age band",
		"religion":        "Religion or belief",
		"shift_pattern":   "Shift pattern",
		"":                "",
	}
	for in, want := range tests {
		if got := chart.Label(in); got != want {
			t.Errorf("Label(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLongDate(t *testing.T) {
	tests := map[string]string{
		"2025-03-31": "31 March 2025",
		"2024-04-05": "5 April 2024",
		"31/03/2025": "31/03/2025",
		"":           "",
	}
	for in, want := range tests {
		if got := chart.LongDate(in); got != want {
			t.Errorf("LongDate(%q) = %q, want %q", in, got, want)
		}
	}
}
