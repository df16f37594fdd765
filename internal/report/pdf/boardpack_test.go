package pdf

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// monitoringTables are small employment monitoring tables for 2024/25,
// with suppressed cells, two overdue actions and one complete one.
func monitoringTables() []*table.Table {
	const p = "2024/25"
	s, n, in := table.Str, table.Num, table.Int
	c, z := table.Marked(table.Suppressed), table.Marked(table.NotApplicable)

	rec := catalog.Recruitment.New()
	rrow := func(char, cat string, applied, sRate, aRate, rl table.Cell, impact, ref string) table.Row {
		return table.Row{s(p), s(char), s(cat), applied, in(0), in(0), sRate, aRate, rl, s(impact), s(ref)}
	}
	rec.Rows = []table.Row{
		rrow("ethnic_minority", "Ethnic minority", in(602), n(41.67), n(20), n(1.5), "Yes", "White"),
		rrow("ethnic_minority", "White", in(4253), n(50), n(30), z, "No", "White"),
		rrow("ethnic_minority", "Not known", in(40), n(25), c, c, "", "White"),
		rrow("disability", "Disabled", in(50), n(60), n(30), n(0.8), "No", "Not disabled"),
		rrow("disability", "Not disabled", in(300), n(33.33), n(24), z, "No", "Not disabled"),
		rrow("sex", "Female", in(400), n(37.5), n(26.67), c, "No", "Male"),
		rrow("sex", "Male", in(150), n(33.33), n(24), z, "No", "Male"),
	}
	turn := catalog.Turnover.New()
	turn.Rows = []table.Row{
		{s(p), s("ethnic_minority"), s("Ethnic minority"), in(52), in(45), n(555.5), n(8.1)},
		{s(p), s("ethnic_minority"), s("White"), in(536), in(502), n(4957.5), n(10.13)},
	}
	cases := catalog.Casework.New()
	crow := func(ct, cat string, k, rate, rl table.Cell) table.Row {
		return table.Row{s(p), s(ct), s("ethnic_minority"), s(cat), k, n(555.5), rate, rl, s("White")}
	}
	cases.Rows = []table.Row{
		crow("Disciplinary", "Ethnic minority", in(9), n(1.62), n(1.75)),
		crow("Disciplinary", "White", in(46), n(0.93), z),
		crow("Grievance", "Ethnic minority", c, c, c),
		crow("Grievance", "White", in(26), n(0.52), z),
	}
	train := catalog.Training.New()
	train.Rows = []table.Row{
		{s(p), s("ethnic_minority"), s("Ethnic minority"), in(87), in(50), n(555.5), n(9.0), n(1.24), s("White")},
		{s(p), s("ethnic_minority"), s("White"), in(778), in(555), n(4957.5), n(11.2), z, s("White")},
	}
	survey := catalog.StaffSurvey.New()
	srow := func(item, cat string, pos, rate float64) table.Row {
		return table.Row{s(p), s(item), s("ethnic_minority"), s(cat), in(200), in(200), in(100), n(pos), in(555), n(rate)}
	}
	survey.Rows = []table.Row{
		srow("I feel valued for the work I do", "Ethnic minority", 47.1, 41.5),
		srow("I feel valued for the work I do", "White", 56.8, 44.4),
		srow("My manager supports my wellbeing", "Ethnic minority", 68.8, 41.5),
		srow("My manager supports my wellbeing", "White", 71.5, 44.4),
	}
	summary := catalog.ActionPlanSummary.New()
	summary.Rows = []table.Row{{s("Complete"), in(1), in(0)}, {s("Overdue"), in(1), in(1)}, {s("On track"), in(1), in(1)}}
	plan := catalog.ActionPlan.New()
	plan.Rows = []table.Row{
		{s("Fair pay"), s("Open reporting"), s("Publish the ethnicity pay gap"), s("Reward and Pay"), s("2025-03-31"), s("Complete"), s("Published"), s("No")},
		{s("A representative workforce"), s("Staff stay"), s("Offer every leaver an exit interview"), s("HR Business Partners"), s("2025-01-31"), s("Overdue"), s("Reasons reported"), s("Yes")},
		{s("Inclusive culture"), s("Adjustments"), s("Introduce a reasonable adjustments passport"), s("Occupational Health"), s("2024-11-30"), s("On track"), s("Passport live"), s("Yes")},
	}
	return []*table.Table{rec, turn, cases, train, survey, summary, plan}
}

// boardPackFindings are the findings of the board pack fixture. The
// fixture's trend table has Female senior 51.9% (2024) and 52.78% (2025),
// Ethnic minority all staff 8.2% and 8.61%; its pay table a mean gap of
// 5.04% (2024) and 4.26% (2025).
var boardPackFindings = []report.Finding{
	{Text: "Women hold 52.8% of Grade 13+ posts against 73.0% of all posts; the gap is statistically clear.", Table: "senior_representation"},
	{Text: "Ethnic minority staff are 8.6% of all staff.", Table: "profile"},
	{Text: "The mean gender pay gap is 4.3% and the median -1.8%.", Table: "gender_pay_gap"},
	{Text: "Ethnic minority applicants were 1.50 times less likely than White applicants to be appointed from shortlisting (relative likelihood 1.50).", Table: "recruitment"},
	{Text: "Turnover of ethnic minority staff was 8.1%, against 10.1% for White staff.", Table: "turnover"},
	{Text: "Ethnic minority staff were 1.75 times as likely as White staff to enter a disciplinary process (relative likelihood 1.75).", Table: "casework"},
	{Text: "Ethnic minority staff were 1.24 times less likely than White staff to receive non-mandatory training (relative likelihood 1.24).", Table: "training"},
	{Text: "The widest gap in the staff survey for ethnic minority respondents is on “I feel valued for the work I do”.", Table: "staff_survey"},
	{Text: "Of 3 actions in the equality action plan: 1 complete, 1 overdue, 1 on track; 2 overdue.", Table: "action_plan_summary"},
	{Text: "Of 4 equality targets: 1 met, 1 improving, 1 not met, 1 no data.", Table: "targets"},
}

// boardPackPublication is the pay fixture asking for the board pack, with
// the monitoring tables, every chart drawn by chart.Build and the findings
// above.
func boardPackPublication() *report.Publication {
	pub := payPublication()
	pub.Meta.Report = "board_pack"
	pub.Meta.Pipeline = "board-pack"
	pub.Meta.Title = "Equalities board pack"
	pub.Meta.Period, pub.Meta.PeriodStart, pub.Meta.PeriodEnd = "2024/25", "2024-04-01", "2025-03-31"
	pub.Tables = append(pub.Tables, monitoringTables()...)
	pub.Charts = chart.Build(pub.Tables, chart.Options{
		AsOf: pub.Meta.AsOf, SeniorFrom: pub.Meta.SeniorFrom, Characteristics: []string{"sex", "ethnic_minority", "disability"},
	})
	pub.Findings = slices.Clone(boardPackFindings)
	return pub
}

func writePages(t *testing.T, pub *report.Publication) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := Write(path, pub); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if keep := os.Getenv("PDF_KEEP"); keep != "" {
		b, _ := os.ReadFile(path)
		_ = os.WriteFile(keep, b, 0o600)
	}
	return pageTexts(t, path)
}

func TestBoardPackSections(t *testing.T) {
	var got []string
	for _, s := range boardPack(boardPackPublication()) {
		got = append(got, s.title)
	}
	want := []string{"Cover", "Contents", "Summary", "Workforce profile", "Senior representation", "Pay gaps",
		"Recruitment", "Leavers and turnover", "Casework", "Training", "Staff survey", "Action plan progress",
		"Methodology and data quality"}
	if !slices.Equal(got, want) {
		t.Errorf("board pack sections\n got %q\nwant %q", got, want)
	}
}

func TestBoardPackText(t *testing.T) {
	pages := writePages(t, boardPackPublication())
	text := strings.Join(pages, "\f")
	// The directions sit beside the findings' first lines: take them out
	// to read each finding whole.
	directions := regexp.MustCompile(`[▲▼] (up|down) from [^)]*\)`)
	flat := strings.Join(strings.Fields(directions.ReplaceAllString(text, "")), " ")

	// The cover.
	for _, want := range []string{"Shire County Council", "Equalities board pack",
		"Report for 2024/25, workforce figures at 31 March 2025",
		"Employment monitoring covers 2024/25 (1 April 2024 to 31 March 2025)."} {
		if !strings.Contains(strings.Join(strings.Fields(pages[0]), " "), want) {
			t.Errorf("cover lacks %q", want)
		}
	}
	// Every section heading, and every finding in full.
	for _, want := range []string{"Summary", "Targets", "Workforce profile", "Senior representation", "Pay gaps",
		"Recruitment", "Leavers and turnover", "Casework", "Training", "Staff survey", "Action plan progress",
		"Methodology and data quality"} {
		if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(want) + `\s*$`).MatchString(text) {
			t.Errorf("no heading %q on a line of its own", want)
		}
	}
	for _, f := range boardPackFindings {
		if !strings.Contains(flat, f.Text) {
			t.Errorf("PDF text lacks the finding %q", f.Text)
		}
	}
}

func TestBoardPackSummaryIsOnePageWithDirections(t *testing.T) {
	pages := writePages(t, boardPackPublication())
	summary := -1
	for i, p := range pages {
		if regexp.MustCompile(`(?m)^\s*Summary\s*$`).MatchString(p) {
			summary = i
			break
		}
	}
	if summary < 0 {
		t.Fatal("no summary page")
	}
	page := pages[summary]
	// The themes, then the targets with their status words, on one page.
	for _, want := range []string{"Workforce", "Pay", "Employment monitoring", "Since last year", "Targets",
		"Of 4 equality targets: 1 met, 1 improving, 1 not met, 1 no data.",
		`Ethnic minority: share of senior staff\s+≥ 10\.0\s+4\.9\s+4\.2\s+-5\.1\s+31 Mar 2026\s+Improving`,
		`Female: share of senior staff\s+≥ 50\.0\s+52\.8\s+51\.9\s+\+2\.8\s+31 Mar 2026\s+Met`,
		`Ethnic minority: declaration rate\s+≥ 95\.0\s+86\.5\s+87\.1\s+-8\.5\s+31 Mar 2025\s+Not met`,
		`Disabled: share of senior staff\s+≥ 5\.0\s+\[c\]\s+\[c\]\s+\[c\]\s+31 Mar 2026\s+No data`,
	} {
		if !regexp.MustCompile(want).MatchString(page) {
			t.Errorf("summary page lacks %s", want)
		}
	}
	// Each direction sits at the right of its finding's first line, read
	// from the trend and pay tables: Female senior 51.9% → 52.8%, ethnic
	// minority staff 8.2% → 8.6%, the mean pay gap 5.0% → 4.3%.
	for _, want := range []string{
		`Women hold 52\.8% of Grade 13\+ posts.*▲ up from 51\.9% \(2024\)`,
		`Ethnic minority staff are 8\.6% of all staff\.\s+▲ up from 8\.2% \(2024\)`,
		`The mean gender pay gap is 4\.3% and the median -1\.8%\.\s+▼ down from 5\.0% \(2024\)`,
	} {
		if !regexp.MustCompile(want).MatchString(page) {
			t.Errorf("summary page lacks the direction %s", want)
		}
	}
	// The monitoring findings cover one period: no arrow on their lines.
	for _, line := range strings.Split(page, "\n") {
		if strings.Contains(line, "relative likelihood") && strings.ContainsAny(line, "▲▼") {
			t.Errorf("a monitoring finding has a direction: %q", line)
		}
	}
}

func TestBoardPackMonitoringSections(t *testing.T) {
	pages := writePages(t, boardPackPublication())
	text := strings.Join(pages, "\f")
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		// Recruitment: rates, the relative likelihood, the flag; [c] for the
		// withheld likelihood of women; Not known is left to the chart.
		`Ethnic minority\s+Ethnic minority\s+602\s+41\.7\s+20\.0\s+1\.50\s+Yes`,
		`White\s+4,253\s+50\.0\s+30\.0\s+\[z\]\s+No`,
		`Sex\s+Female\s+400\s+37\.5\s+26\.7\s+\[c\]\s+No`,
		// Turnover, with the average headcount grouped in thousands.
		`White\s+536\s+502\s+4,957\.5\s+10\.1`,
		// Casework: the group against its reference.
		`Disciplinary\s+Ethnic minority\s+9\s+1\.62\s+White\s+0\.93\s+1\.75`,
		`Grievance\s+Ethnic minority\s+\[c\]\s+\[c\]\s+White\s+0\.52\s+\[c\]`,
		// Training and the survey matrix with its response rates.
		`Ethnic minority\s+Ethnic minority\s+87\s+50\s+9\.0\s+1\.24`,
		`I feel valued for the work I do\s+47\.1\s+56\.8`,
		`Response rate %\s+41\.5\s+44\.4`,
		// The action plan by status, then the overdue actions only.
		`Complete\s+1\s+0`,
		`Overdue actions \(2\)`,
		`Offer every leaver an exit interview\s+A representative\s+HR Business\s+31 Jan 2025\s+Overdue`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("PDF text lacks %s", want)
		}
	}
	if strings.Contains(flat, "Publish the ethnicity pay gap") {
		t.Error("a complete action is listed as overdue")
	}
	// The relative likelihood is explained in each section, with its direction.
	for _, want := range []string{
		"above 1.00 the group was less likely to be appointed",
		"above 1.00 the group was more likely to enter the process",
		"above 1.00 the group was less likely to receive non-mandatory training",
		"The reference groups are White (ethnic minority), Not disabled (disability) and Male (sex)",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// The chart titles of each topic, with their target-free subtitles.
	for _, want := range []string{"Ethnic minority: shortlisting and appointment", "Ethnic minority: staff turnover",
		"Ethnic minority: casework by case type", "Ethnic minority: non-mandatory training", "Ethnic minority: staff survey",
		"Sex: Grade 13+ staff compared with all staff", "Target: 50% (Female)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks the chart text %q", want)
		}
	}
	// No table is split: the survey table's heading and its last row share a page.
	for _, p := range pages {
		if strings.Contains(p, "Item (% positive)") && !strings.Contains(p, "Response rate %") {
			t.Error("the staff survey table is split across pages")
		}
	}
	if len(pages) > 20 {
		t.Errorf("the board pack has %d pages, want at most 20", len(pages))
	}
}

func TestAnnualProfileGainsMonitoringSections(t *testing.T) {
	pub := payPublication()
	pub.Tables = append(pub.Tables, monitoringTables()...)
	want := []string{"Cover", "Contents", "Key findings", "Declaration rates", "Sex", "Ethnic minority", "Religion or belief",
		"Pay gaps", "Recruitment", "Leavers and turnover", "Casework", "Training", "Staff survey", "Action plan progress",
		"Workforce compared with the local population", "Methodology and data quality"}
	if got := sectionTitles(pub); !slices.Equal(got, want) {
		t.Errorf("annual profile sections\n got %q\nwant %q", got, want)
	}
	pub.Meta.Report = "annual_profile"
	text := strings.Join(writePages(t, pub), "\f")
	// The annual profile keeps every category in its tables.
	if !regexp.MustCompile(`Not known\s+40\s+25\.0\s+\[c\]\s+\[c\]`).MatchString(text) {
		t.Error("the annual profile's recruitment table lacks the Not known row")
	}
	if !strings.Contains(text, "Workforce equality profile at 31 March 2025") {
		t.Error("the annual profile's cover changed")
	}
}

func TestChange(t *testing.T) {
	yearly := []point{{"2023-03-31", 50.4}, {"2024-03-31", 51.9}, {"2025-03-31", 52.78}}
	for _, tt := range []struct {
		name   string
		points []point
		text   string
		want   string
	}{
		{"up", yearly, "hold 52.8% of posts", "▲ up from 51.9% (2024)"},
		{"down", []point{{"2024-03-31", 5.04}, {"2025-03-31", 4.26}}, "gap is 4.3%", "▼ down from 5.0% (2024)"},
		// 8.61 and 8.64 both read 8.6%.
		{"no change", []point{{"2024-03-31", 8.64}, {"2025-03-31", 8.61}}, "are 8.6% of staff", "no change since 2024"},
		// The text says another figure: no direction rather than a wrong one.
		{"other figure", yearly, "hold 52.7% of posts", ""},
		{"no earlier snapshot", []point{{"2025-03-31", 52.78}}, "52.8%", ""},
		{"no as-of figure", []point{{"2024-03-31", 51.9}}, "51.9%", ""},
		// Quarterly snapshots: the one a year before, not the latest.
		{"quarterly", []point{{"2024-03-31", 50}, {"2024-12-31", 52}, {"2025-03-31", 53}}, "53.0%", "▲ up from 50.0% (2024)"},
		// Only snapshots within the year: the earliest, named by its date.
		{"within the year", []point{{"2024-06-30", 54}, {"2024-12-31", 52}, {"2025-03-31", 53}}, "53.0%", "▼ down from 54.0% (30 Jun 2024)"},
	} {
		if got := change(tt.points, "2025-03-31", tt.text, sharePercent); got != tt.want {
			t.Errorf("%s: change = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestActionFill(t *testing.T) {
	blue, green, amber, red, grey := hexColour("#0072B2"), hexColour("#009E73"), hexColour("#E69F00"), hexColour("#D55E00"), rgb{200, 200, 200}
	for _, tt := range []struct {
		status string
		want   rgb
	}{
		{"Complete", blue}, {"Completed", blue}, {"On track", green}, {"In progress", green},
		{"At risk", amber}, {"Delayed", amber}, {"Overdue", red}, {"Off track", red},
		{"Not started", grey}, {"Not known", grey}, {"Parked", grey},
	} {
		if got := actionFill(tt.status); got != tt.want {
			t.Errorf("actionFill(%q) = %v, want %v", tt.status, got, tt.want)
		}
	}
}

func TestScaleLabelPlaces(t *testing.T) {
	for _, tt := range []struct {
		s    scale
		v    float64
		want string
	}{
		{scale{0, 100, 20}, 40, "40"},
		{scale{0, 3, 0.5}, 1.5, "1.5"},
		{scale{0, 1.25, 0.25}, 0.75, "0.75"},
	} {
		if got := tt.s.label(tt.v); got != tt.want {
			t.Errorf("%+v label(%v) = %q, want %q", tt.s, tt.v, got, tt.want)
		}
	}
}
