package html

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// monitoringPublication is the pay fixture for the last quarter of
// 2024/25 with the employment monitoring tables and charts, and a trend
// table over two year ends and a quarter end between them. Every figure is
// worked out by hand in the comments.
func monitoringPublication() *report.Publication {
	pub := payPublication()
	s, n, in := table.Str, table.Num, table.Int
	c, z := table.Marked(table.Suppressed), table.Marked(table.NotApplicable)
	pub.Meta.Pipeline = "quarterly-dashboard"
	pub.Meta.Period, pub.Meta.PeriodStart, pub.Meta.PeriodEnd = "2024/25 Q4", "2025-01-01", "2025-03-31"
	const q = "2024/25 Q4"

	// Trend: 6,390 staff at 31 March 2024 (4,660 + 1,730 women and men),
	// 6,430 at 31 December 2024 (sex has withheld rows there, so ethnic
	// minority's 540 + 4,990 + 300 + 600 give it) and 6,425 at 31 March
	// 2025. The quarter end has no grades, so no senior rows; disability
	// has no senior rows at all.
	trend := catalog.Trend.New()
	add := func(d, ch, cat, scope string, pct table.Cell, count table.Cell) {
		trend.Rows = append(trend.Rows, table.Row{s(d), s(ch), s(cat), s(scope), pct, count})
	}
	add("2024-03-31", "sex", "Female", "all", n(72.93), in(4660))
	add("2024-03-31", "sex", "Male", "all", n(27.07), in(1730))
	add("2024-03-31", "sex", "Female", "senior", n(51.93), in(148))
	add("2024-03-31", "sex", "Male", "senior", n(48.07), in(137))
	add("2024-03-31", "ethnic_minority", "Ethnic minority", "all", n(8.14), in(520))
	add("2024-03-31", "ethnic_minority", "White", "all", n(78.09), in(4990))
	add("2024-03-31", "ethnic_minority", "Prefer not to say", "all", n(4.69), in(300))
	add("2024-03-31", "ethnic_minority", "Not known", "all", n(9.08), in(580))
	add("2024-03-31", "ethnic_minority", "Ethnic minority", "senior", n(4.21), in(12))
	add("2024-03-31", "disability", "Disabled", "all", n(4.54), in(290))
	add("2024-03-31", "disability", "Not disabled", "all", n(68.86), in(4400))
	add("2024-03-31", "disability", "Not known", "all", n(26.6), in(1700))
	add("2024-12-31", "sex", "Female", "all", n(73.09), in(4700))
	add("2024-12-31", "sex", "Male", "all", c, c)
	add("2024-12-31", "sex", "Not known", "all", c, c)
	add("2024-12-31", "ethnic_minority", "Ethnic minority", "all", n(8.4), in(540))
	add("2024-12-31", "ethnic_minority", "White", "all", n(77.6), in(4990))
	add("2024-12-31", "ethnic_minority", "Prefer not to say", "all", n(4.67), in(300))
	add("2024-12-31", "ethnic_minority", "Not known", "all", n(9.33), in(600))
	add("2024-12-31", "disability", "Disabled", "all", n(4.67), in(300))
	add("2024-12-31", "disability", "Not disabled", "all", n(68.9), in(4430))
	add("2024-12-31", "disability", "Not known", "all", n(26.44), in(1700))
	add("2025-03-31", "sex", "Female", "all", n(73.0), in(4690))
	add("2025-03-31", "sex", "Male", "all", n(27.0), in(1735))
	add("2025-03-31", "sex", "Female", "senior", n(52.78), in(152))
	add("2025-03-31", "sex", "Male", "senior", n(47.22), in(136))
	add("2025-03-31", "ethnic_minority", "Ethnic minority", "all", n(8.61), in(553))
	add("2025-03-31", "ethnic_minority", "White", "all", n(77.88), in(5004))
	add("2025-03-31", "ethnic_minority", "Prefer not to say", "all", n(4.68), in(301))
	add("2025-03-31", "ethnic_minority", "Not known", "all", n(8.82), in(567))
	add("2025-03-31", "ethnic_minority", "Ethnic minority", "senior", n(4.86), in(14))
	add("2025-03-31", "disability", "Disabled", "all", n(4.61), in(296))
	add("2025-03-31", "disability", "Not disabled", "all", n(69.63), in(4474))
	add("2025-03-31", "disability", "Not known", "all", n(25.76), in(1655))
	add("2025-06-30", "sex", "Female", "all", n(73.1), in(4700)) // after the reported snapshot: left out

	// Recruitment: ethnic minority appointment rate 6 ÷ 30 = 20.00%,
	// White's 40 ÷ 100 = 40.00%, relative likelihood 40 ÷ 20 = 2.00, and
	// 20 < 0.8 × 40 = 32 is adverse impact. Disabled 5 ÷ 20 = 25.00%
	// against not disabled 30 ÷ 100 = 30.00%: 1.20, and 25 ≥ 24, no flag.
	recruitment := catalog.Recruitment.New()
	recruitment.Rows = []table.Row{
		{s(q), s("ethnic_minority"), s("Ethnic minority"), in(120), in(30), in(6), n(25), n(20), n(2), s("Yes"), s("White")},
		{s(q), s("ethnic_minority"), s("White"), in(400), in(100), in(40), n(25), n(40), z, s("No"), s("White")},
		{s(q), s("ethnic_minority"), s("Prefer not to say"), in(10), c, c, c, c, c, c, s("White")},
		{s(q), s("ethnic_minority"), s("Not known"), in(6), c, c, c, c, c, c, s("White")},
		{s(q), s("disability"), s("Disabled"), in(50), in(20), in(5), n(40), n(25), n(1.2), s("No"), s("Not disabled")},
		{s(q), s("disability"), s("Not disabled"), in(450), in(100), in(30), n(22.22), n(30), z, s("No"), s("Not disabled")},
		// No reference category for religion: no likelihoods. 11 ÷ 60 =
		// 18.33% is below 0.8 × 20 ÷ 80 × 100 = 20%.
		{s(q), s("religion"), s("Christian"), in(200), in(80), in(20), n(40), n(25), z, s("No"), table.Marked(table.Empty)},
		{s(q), s("religion"), s("No religion"), in(150), in(60), in(11), n(40), n(18.33), z, s("Yes"), table.Marked(table.Empty)},
	}
	// Turnover: sex has a withheld row, so the overall rate comes from
	// ethnic minority: (5 + 37 + 0) leavers ÷ (100 + 890 + 10) = 42 ÷ 1,000
	// = 4.2%. Female 30 ÷ 600.5 = 5.00%, White 37 ÷ 890 = 4.16%.
	turnover := catalog.Turnover.New()
	turnover.Rows = []table.Row{
		{s(q), s("sex"), s("Female"), in(40), in(30), n(600.5), n(5.0)},
		{s(q), s("sex"), s("Male"), in(12), in(12), n(396.5), n(3.03)},
		{s(q), s("sex"), s("Not known"), in(0), c, n(3), c},
		{s(q), s("ethnic_minority"), s("Ethnic minority"), in(6), in(5), n(100), n(5.0)},
		{s(q), s("ethnic_minority"), s("White"), in(46), in(37), n(890), n(4.16)},
		{s(q), s("ethnic_minority"), s("Prefer not to say"), in(0), in(0), n(10), n(0)},
		// Age band comes before ethnic minority, but has a withheld row.
		{s(q), s("age_band"), s("16-24"), c, c, n(50), c},
		{s(q), s("age_band"), s("25-34"), in(10), in(8), n(300), n(2.67)},
	}
	// Casework: ethnic minority disciplinary cases 6 per 100 staff against
	// White's 18 ÷ 900 × 100 = 2.00: 3.00 times as likely.
	casework := catalog.Casework.New()
	casework.Rows = []table.Row{
		{s(q), s("Disciplinary"), s("ethnic_minority"), s("Ethnic minority"), in(6), n(100), n(6), n(3), s("White")},
		{s(q), s("Disciplinary"), s("ethnic_minority"), s("White"), in(18), n(900), n(2), z, s("White")},
		{s(q), s("Grievance"), s("ethnic_minority"), s("Ethnic minority"), c, n(100), c, c, s("White")},
		{s(q), s("Grievance"), s("ethnic_minority"), s("White"), c, n(900), c, z, s("White")},
	}
	// Training: disabled staff received 12 ÷ 60 × 100 = 20.00 per 100,
	// not disabled 235 ÷ 940 × 100 = 25.00: 25 ÷ 20 = 1.25.
	training := catalog.Training.New()
	training.Rows = []table.Row{
		{s(q), s("disability"), s("Disabled"), in(20), in(12), n(60), n(20), n(1.25), s("Not disabled")},
		{s(q), s("disability"), s("Not disabled"), in(300), in(235), n(940), n(25), z, s("Not disabled")},
	}
	// Staff survey: 22 of 40 ethnic minority respondents agree, 55.00%;
	// 300 of 448 White ones, 66.96%; response rates 40 ÷ 100 and 450 ÷ 900.
	survey := catalog.StaffSurvey.New()
	valued, recommend := "I feel valued for the work I do", "I would recommend this organisation as a place to work"
	survey.Rows = []table.Row{
		{s(q), s(valued), s("ethnic_minority"), s("Ethnic minority"), in(40), in(40), in(22), n(55), in(100), n(40), s("Yes")},
		{s(q), s(valued), s("ethnic_minority"), s("White"), in(450), in(448), in(300), n(66.96), in(900), n(50), s("Yes")},
		{s(q), s(valued), s("ethnic_minority"), s("Prefer not to say"), c, c, c, c, in(10), c, s("Yes")},
		{s(q), s(recommend), s("ethnic_minority"), s("Ethnic minority"), in(40), in(39), in(20), n(51.28), in(100), n(40), s("Yes")},
		{s(q), s(recommend), s("ethnic_minority"), s("White"), in(450), in(450), in(270), n(60), in(900), n(50), s("Yes")},
	}
	// Action plan: two of the four actions are overdue at 31 March 2025.
	plan := catalog.ActionPlan.New()
	plan.Rows = []table.Row{
		{s("Leadership"), s("Inclusive senior leaders"), s("Reverse mentoring for senior leaders"), s("Chief Executive's Office"), s("2025-03-01"), s("Not started"), s("All directors mentored"), s("Yes")},
		{s("Representation"), s("A workforce that reflects the county"), s("Positive action traineeships for under-represented groups"), s("Human Resources"), s("2025-01-31"), s("In progress"), s("20 trainees a year"), s("Yes")},
		{s("Transparency"), s("Published, comparable figures"), s("Publish the workforce profile"), s("Equalities team"), s("2024-12-31"), s("Complete"), s("Profile published"), s("No")},
		{s("Recruitment"), s("Fair selection"), s("Review the make-up of recruitment panels"), s("Human Resources"), s("2025-09-30"), s("In progress"), s("Diverse panels for every senior post"), s("No")},
	}
	summary := catalog.ActionPlanSummary.New()
	summary.Rows = []table.Row{
		{s("In progress"), in(2), in(1)},
		{s("Complete"), in(1), in(0)},
		{s("Not started"), in(1), in(1)},
	}
	for i, t := range pub.Tables {
		if t.Name == catalog.Trend.Name {
			pub.Tables[i] = trend
		}
	}
	pub.Tables = append(pub.Tables, recruitment, turnover, casework, training, survey, summary, plan)

	series := func(name string, i int, values ...float64) chart.Series {
		return chart.Series{Name: name, Values: values, Suppressed: make([]bool, len(values)), Colour: chart.Colour(i)}
	}
	withheld := func(sr chart.Series, at ...int) chart.Series {
		for _, i := range at {
			sr.Suppressed[i], sr.Values[i] = true, 0
		}
		return sr
	}
	mon := func(id, topic, title string, kind chart.Kind, horizontal bool, label string, max float64, cats []string, ss ...chart.Series) chart.Chart {
		return chart.Chart{ID: id, Title: title, Subtitle: "2024/25 Q4", AltText: title + ".", Kind: kind, Horizontal: horizontal,
			Categories: cats, Series: ss, ValueLabel: label, ValueMax: max, Source: topic, Characteristic: topic}
	}
	pub.Charts = append(pub.Charts,
		chart.Chart{ID: "trend-disability", Title: "Disability over time", Subtitle: "% of all staff", Kind: chart.Line, AltText: "Line chart of disabled staff over time.",
			Categories: []string{"2024-03-31", "2024-12-31", "2025-03-31"}, ValueLabel: "% of staff", Source: "trend", Characteristic: "disability",
			Series: []chart.Series{series("Disabled", 0, 4.54, 4.67, 4.61)}},
		chart.Chart{ID: "trend-religion", Title: "Religion or belief over time", Subtitle: "% of all staff", Kind: chart.Line, AltText: "Line chart of Christian staff over time.",
			Categories: []string{"2024-03-31", "2025-03-31"}, ValueLabel: "% of staff", Source: "trend", Characteristic: "religion",
			Series: []chart.Series{series("Christian", 0, 29.1, 28.03)}},
		mon("recruitment-ethnic_minority", "recruitment", "Recruitment by ethnic minority", chart.Bar, false, "%", 100,
			[]string{"Ethnic minority", "White", "Prefer not to say"},
			withheld(series("Shortlisted, % of applicants", 0, 25, 25, 0), 2), withheld(series("Appointed, % of shortlisted", 1, 20, 40, 0), 2)),
		mon("turnover-sex", "turnover", "Turnover by sex", chart.Bar, false, "Turnover %", 0,
			[]string{"Female", "Male", "Not known"}, withheld(series("Turnover %", 0, 5, 3.03, 0), 2)),
		mon("casework-ethnic_minority", "casework", "Casework by ethnic minority", chart.Bar, false, "Cases per 100 staff", 0,
			[]string{"Disciplinary", "Grievance"}, withheld(series("Ethnic minority", 0, 6, 0), 1), withheld(series("White", 1, 2, 0), 1)),
		mon("training-disability", "training", "Training by disability", chart.Bar, false, "Received per 100 staff", 0,
			[]string{"Disabled", "Not disabled"}, series("Received per 100 staff", 0, 20, 25)),
		mon("survey-ethnic_minority", "staff_survey", "Staff survey by ethnic minority", chart.Bar, true, "% agree", 100,
			[]string{valued, recommend}, series("Ethnic minority", 0, 55, 51.28), series("White", 1, 66.96, 60), withheld(series("Prefer not to say", 2, 0, 0), 0, 1)),
		mon("action-plan", "action_plan", "Action plan progress", chart.Bar, false, "Actions", 0,
			[]string{"In progress", "Complete", "Not started"}, series("Actions", 0, 2, 1, 1), series("Overdue", 1, 1, 0, 1)),
	)
	return pub
}

func TestMonitoringNavAndSections(t *testing.T) {
	_, page := writeFixture(t, monitoringPublication())
	text := string(page)
	nav := between(t, text, `<nav class="site-nav"`, `</nav>`)
	var links []string
	for _, m := range regexp.MustCompile(`href="#([^"]+)">([^<]+)<`).FindAllStringSubmatch(nav, -1) {
		links = append(links, m[1]+" "+stdhtml.UnescapeString(m[2]))
	}
	want := []string{
		"section-summary Summary", "section-findings Key findings", "section-over-time Over time", "section-targets Targets",
		"section-sex Sex", "section-ethnic_minority Ethnic minority", "section-religion Religion or belief", "section-pay Pay gaps",
		"section-across Declaration rates and other measures",
		"section-monitoring Employment monitoring", "section-recruitment Recruitment", "section-turnover Starters and leavers",
		"section-casework Casework", "section-training Training", "section-staff-survey Staff survey", "section-action-plan Action plan",
		"section-quality Data quality", "section-notes Notes",
	}
	if strings.Join(links, "\n") != strings.Join(want, "\n") {
		t.Errorf("nav links:\n%s\nwant:\n%s", strings.Join(links, "\n"), strings.Join(want, "\n"))
	}
	// The monitoring sections are a group: nested in the nav and on the page.
	group := between(t, nav, `<li class="nav-group">`, `</li>
      <li>`)
	if !strings.Contains(group, `href="#section-recruitment"`) || !strings.Contains(group, `href="#section-action-plan"`) {
		t.Errorf("the nav group does not hold the monitoring sections: %s", group)
	}
	monitoring := between(t, text, `<section id="section-monitoring"`, `<section id="section-quality"`)
	for _, id := range []string{"section-recruitment", "section-turnover", "section-casework", "section-training", "section-staff-survey", "section-action-plan"} {
		if !strings.Contains(monitoring, `<section id="`+id+`" class="subsection" aria-labelledby="`+id+`-h">`) {
			t.Errorf("no subsection %s in the monitoring group", id)
		}
	}
	if !strings.Contains(monitoring, "2024/25 Q4, 1 January – 31 March 2025") {
		t.Error("the monitoring group does not give its period")
	}
	// Each chart sits in its topic's section, titled one level down.
	for id, sec := range map[string]string{
		"recruitment-ethnic_minority": "section-recruitment", "turnover-sex": "section-turnover", "casework-ethnic_minority": "section-casework",
		"training-disability": "section-training", "survey-ethnic_minority": "section-staff-survey", "action-plan": "section-action-plan",
	} {
		body := between(t, text, `<section id="`+sec+`"`, `</section>`)
		if !strings.Contains(body, `id="`+id+`"`) {
			t.Errorf("chart %s is not in %s", id, sec)
		}
	}
	if strings.Contains(monitoring, `<h3 class="chart-title">`) || strings.Count(monitoring, `<h4 class="chart-title">`) != 6 {
		t.Error("the monitoring charts' titles are not level-4 headings")
	}
	// No monitoring topic became a characteristic section.
	for _, id := range []string{"section-staff_survey", "section-action_plan", "section-training-1"} {
		if strings.Contains(text, `id="`+id+`"`) {
			t.Errorf("page has %s", id)
		}
	}
	header := stdhtml.UnescapeString(between(t, text, `<header`, `</header>`))
	if !strings.Contains(header, "<dt>Period</dt><dd>2024/25 Q4, 1 January – 31 March 2025</dd>") {
		t.Errorf("header lacks the period: %s", header)
	}
}

// row returns the cells of the table row headed by head, as text.
func row(t *testing.T, html, head string) []string {
	t.Helper()
	m := regexp.MustCompile(`<th scope="row"[^>]*>` + regexp.QuoteMeta(head) + `</th>(?s:(.*?))</tr>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no row headed %q", head)
	}
	tr := m[1]
	var out []string
	for _, m := range regexp.MustCompile(`<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(tr, -1) {
		out = append(out, stdhtml.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], "")))
	}
	return out
}

func TestMonitoringTables(t *testing.T) {
	_, page := writeFixture(t, monitoringPublication())
	text := string(page)
	recruitment := between(t, text, `<section id="section-recruitment"`, `</section>`)
	for _, s := range []string{
		"Recruitment funnel by ethnic minority, 2024/25 Q4 (reference category: White)",
		"Recruitment funnel by disability, 2024/25 Q4 (reference category: Not disabled)",
		"Shortlisted, % of applied", "Appointed, % of shortlisted",
		"above 1 means shortlisted applicants of this category were less likely to be appointed",
		"four-fifths",
	} {
		if !strings.Contains(stdhtml.UnescapeString(recruitment), s) {
			t.Errorf("recruitment section lacks %q", s)
		}
	}
	tests := []struct {
		section, head string
		want          []string
	}{
		// applied, shortlisted, appointed, shortlisted %, appointed %, relative likelihood, adverse impact
		{"section-recruitment", "Ethnic minority", []string{"120", "30", "6", "25.00", "20.00", "2.00", "Yes"}},
		{"section-recruitment", "White (reference)", []string{"400", "100", "40", "25.00", "40.00", "[z]", "No"}},
		{"section-recruitment", "Prefer not to say", []string{"10", "[c]", "[c]", "[c]", "[c]", "[c]", "[c]"}},
		{"section-recruitment", "Disabled", []string{"50", "20", "5", "40.00", "25.00", "1.20", "No"}},
		{"section-recruitment", "No religion", []string{"150", "60", "11", "40.00", "18.33", "Yes"}}, // no likelihood column
		// starters, leavers, average headcount, turnover %
		{"section-turnover", "Female", []string{"40", "30", "600.5", "5.00"}},
		{"section-turnover", "White", []string{"46", "37", "890.0", "4.16"}},
		// category, cases, average headcount, per 100, relative likelihood
		{"section-casework", "Disciplinary", []string{"Ethnic minority", "6", "100.0", "6.00", "3.00"}},
		// applied, received, average headcount, per 100, relative likelihood
		{"section-training", "Disabled", []string{"20", "12", "60.0", "20.00", "1.25"}},
		// items × categories: ethnic minority, White, prefer not to say
		{"section-staff-survey", "I feel valued for the work I do", []string{"55.00", "66.96", "[c]"}},
		{"section-staff-survey", "I would recommend this organisation as a place to work", []string{"51.28", "60.00", ""}},
		{"section-staff-survey", "Responses", []string{"40", "450", "[c]"}},
		{"section-staff-survey", "Response rate (% of staff in category)", []string{"40.00", "50.00", "[c]"}},
		// actions, overdue
		{"section-action-plan", "In progress", []string{"2", "1"}},
		// priority, lead, due, status
		{"section-action-plan", "Reverse mentoring for senior leaders", []string{"Leadership", "Chief Executive's Office", "1 March 2025", "Not started"}},
	}
	for _, tc := range tests {
		body := between(t, text, `<section id="`+tc.section+`"`, `</section>`)
		body = body[strings.LastIndex(body, `</figure>`)+1:] // the section's tables, after the charts' own
		if got := row(t, body, stdhtml.EscapeString(tc.head)); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s row %q = %q, want %q", tc.section, tc.head, got, tc.want)
		}
	}
	// Tables by characteristics other than the headline ones and those
	// charted are shown on request; without a reference category there is
	// no relative likelihood column.
	more := between(t, recruitment, `<details class="more-tables">`, `</details>`)
	if !strings.Contains(more, "<summary>Show the tables by religion or belief</summary>") ||
		!strings.Contains(more, "Recruitment funnel by religion or belief, 2024/25 Q4</caption>") {
		t.Errorf("religion is not shown on request: %s", more)
	}
	if strings.Contains(more, "Relative likelihood") || !strings.Contains(more, "Adverse impact") {
		t.Error("the religion table has a relative likelihood column, or lacks the flag")
	}
	if strings.Contains(recruitment[:strings.Index(recruitment, `<details class="more-tables">`)], "religion") {
		t.Error("the religion table is shown open")
	}
	turnover := between(t, text, `<section id="section-turnover"`, `</section>`)
	if !strings.Contains(turnover, "<summary>Show the tables by age band</summary>") {
		t.Error("the age band turnover table is not shown on request")
	}
	if strings.Contains(between(t, text, `<section id="section-training"`, `</section>`), "more-tables") {
		t.Error("training, with only headline tables, has tables on request")
	}
	// The adverse-impact flag is a badge with its word; "No" is plain.
	if !strings.Contains(recruitment, `<span class="flag flag-yes">Yes</span>`) || strings.Contains(recruitment, `flag-yes">No`) {
		t.Error("the adverse-impact flag is not shown as a badge")
	}
	// Only the two overdue actions are listed, with lead and due date.
	plan := between(t, text, `<section id="section-action-plan"`, `</section>`)
	overdue := between(t, plan, "Overdue actions (due before 31 March 2025 and not complete)", `</table>`)
	// The longest overdue first, whatever the plan's order.
	if i, j := strings.Index(overdue, "Positive action traineeships"), strings.Index(overdue, "Reverse mentoring"); i < 0 || j < i {
		t.Error("overdue actions are not in order of due date")
	}
	if strings.Count(overdue, `<th scope="row">`) != 2 || strings.Contains(overdue, "Publish the workforce profile") ||
		!strings.Contains(overdue, "Human Resources") || !strings.Contains(overdue, "31 January 2025") {
		t.Errorf("overdue actions table = %s", overdue)
	}
	casework := stdhtml.UnescapeString(between(t, text, `<section id="section-casework"`, `</section>`))
	if !strings.Contains(casework, "above 1 means staff of this category were more likely to enter it") {
		t.Error("casework lacks its relative likelihood line")
	}
	if !strings.Contains(stdhtml.UnescapeString(between(t, text, `<section id="section-training"`, `</section>`)), "above 1 means staff of this category were less likely to receive it") {
		t.Error("training lacks its relative likelihood line")
	}
}

func TestMonitoringKPIs(t *testing.T) {
	got := monitoringKPIs(monitoringPublication())
	want := []kpi{
		{Label: "Staff turnover", Value: "4.2%", Note: "leavers ÷ average headcount, 2024/25 Q4"}, // 42 ÷ 1,000 from ethnic minority
		{Label: "Relative likelihood of appointment", Value: "2.00", Note: "from shortlisting, ethnic minority against White; above 1: less likely"},
		{Label: "Overdue actions", Value: "2", Note: "of 4 actions in the equality action plan"},
	}
	if len(got) != len(want) {
		t.Fatalf("tiles = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tile %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	tests := []struct {
		name string
		edit func(*report.Publication)
		want []string // the tiles' labels and values
	}{
		{"every characteristic's turnover withheld", func(p *report.Publication) {
			t := p.Table(catalog.Turnover.Name)
			t.Rows[4][t.Index("leavers")] = table.Marked(table.Suppressed) // White
		}, []string{"Relative likelihood of appointment 2.00", "Overdue actions 2"}},
		{"likelihood withheld", func(p *report.Publication) {
			t := p.Table(catalog.Recruitment.Name)
			t.Rows[0][t.Index("relative_likelihood")] = table.Marked(table.Suppressed)
		}, []string{"Staff turnover 4.2%", "Relative likelihood of appointment [c]", "Overdue actions 2"}},
		{"no summary: overdue counted from the plan", func(p *report.Publication) {
			var keep []*table.Table
			for _, t := range p.Tables {
				if t.Name != catalog.ActionPlanSummary.Name && t.Name != catalog.Recruitment.Name {
					keep = append(keep, t)
				}
			}
			p.Tables = keep
		}, []string{"Staff turnover 4.2%", "Overdue actions 2"}},
		{"another period only", func(p *report.Publication) { p.Meta.Period = "2025/26 Q1" }, // falls back to the tables' latest period
			[]string{"Staff turnover 4.2%", "Relative likelihood of appointment 2.00", "Overdue actions 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub := monitoringPublication()
			tc.edit(pub)
			var got []string
			for _, k := range monitoringKPIs(pub) {
				got = append(got, k.Label+" "+k.Value)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("tiles = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestOverTimeBlock(t *testing.T) {
	_, page := writeFixture(t, monitoringPublication())
	text := string(page)
	block := between(t, text, `<section id="section-over-time"`, `</section>`)
	// Near the top: after the findings, before the targets.
	if i, j, k := strings.Index(text, `id="section-findings"`), strings.Index(text, `id="section-over-time"`), strings.Index(text, `id="section-targets"`); !(i < j && j < k) {
		t.Errorf("over-time block at %d, want between findings (%d) and targets (%d)", j, i, k)
	}
	// The headcount line first, then the headline trend charts; other
	// trend charts stay in their characteristic's section.
	var ids []string
	for _, m := range regexp.MustCompile(`<div class="chart" id="([^"]+)"`).FindAllStringSubmatch(block, -1) {
		ids = append(ids, m[1])
	}
	if got := strings.Join(ids, " "); got != "headcount-over-time trend-ethnic_minority trend-disability" {
		t.Errorf("over-time charts = %s", got)
	}
	if !strings.Contains(between(t, text, `id="section-religion"`, `</section>`), `id="trend-religion"`) {
		t.Error("the religion trend left its section")
	}
	tests := []struct {
		head string
		want []string // staff, women all, women senior, ethnic minority all, senior, disabled all
	}{
		{"31 March 2024", []string{"6,390", "72.93", "51.93", "8.14", "4.21", "4.54"}},
		{"31 December 2024", []string{"6,430", "73.09", "[x]", "8.40", "[x]", "4.67"}},
		{"31 March 2025", []string{"6,425", "73.00", "52.78", "8.61", "4.86", "4.61"}},
	}
	for _, tc := range tests {
		if got := row(t, block, tc.head); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("row %s = %q, want %q", tc.head, got, tc.want)
		}
	}
	if strings.Contains(block, "30 June 2025") {
		t.Error("a snapshot after the reported one is shown")
	}
	for _, h := range []string{"Women, % of all staff", "Women, % of senior staff", "Ethnic minority, % of senior staff", "Disabled, % of all staff"} {
		if !strings.Contains(block, `<th scope="col" class="num">`+h+`</th>`) {
			t.Errorf("snapshot table lacks the column %q", h)
		}
	}
	if strings.Contains(block, "Disabled, % of senior staff") {
		t.Error("a column the trend table has no figures for is shown")
	}
	// The headcount chart's numbers are whole, with separators.
	data := between(t, block, `id="headcount-over-time"`, `</figure>`)
	if got := row(t, data, "2024-12-31"); len(got) != 1 || got[0] != "6,430" {
		t.Errorf("headcount data row = %q, want 6,430", got)
	}
	if !strings.Contains(text, `"id":"headcount-over-time","option":`) || !strings.Contains(text, `"decimals":0}`) {
		t.Error("the headcount chart's spec is missing or not whole numbers")
	}
	alt := stdhtml.UnescapeString(regexp.MustCompile(`id="headcount-over-time" role="img" aria-label="([^"]*)"`).FindStringSubmatch(text)[1])
	if want := "Line chart of the number of staff at each snapshot from 31 March 2024 to 31 March 2025: 6,390 at 31 March 2024, 6,430 at 31 December 2024, 6,425 at 31 March 2025."; alt != want {
		t.Errorf("alt text = %q, want %q", alt, want)
	}
}

func TestSnapshotHeadcount(t *testing.T) {
	pub := monitoringPublication()
	trend, decl := pub.Table(catalog.Trend.Name), pub.Table(catalog.Declaration.Name)
	tests := []struct {
		date string
		want table.Cell
	}{
		{"2024-03-31", table.Num(6390)}, // 4,660 + 1,730 women and men
		{"2024-12-31", table.Num(6430)}, // sex withheld: 540 + 4,990 + 300 + 600
		{"2025-03-31", table.Num(6425)},
		{"2023-03-31", table.Marked(table.NotAvailable)},
	}
	for _, tc := range tests {
		if got := snapshotHeadcount(trend, decl, tc.date); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.date, got, tc.want)
		}
	}
	// The base fixture's trend holds only some categories (shares short
	// of 100%), so the declaration total is used where there is one.
	base := payPublication()
	if got := snapshotHeadcount(base.Table(catalog.Trend.Name), base.Table(catalog.Declaration.Name), "2025-03-31"); got != table.Num(6425) {
		t.Errorf("partial trend: %+v, want the declaration total 6425", got)
	}
	if got := snapshotHeadcount(base.Table(catalog.Trend.Name), base.Table(catalog.Declaration.Name), "2024-03-31"); got != table.Marked(table.NotAvailable) {
		t.Errorf("partial trend without declaration: %+v, want [x]", got)
	}
}

func TestPeriodText(t *testing.T) {
	tests := []struct {
		meta report.Meta
		want string
	}{
		{report.Meta{Period: "2025/26 Q1", PeriodStart: "2025-04-01", PeriodEnd: "2025-06-30"}, "2025/26 Q1, 1 April – 30 June 2025"},
		{report.Meta{Period: "2024/25", PeriodStart: "2024-04-01", PeriodEnd: "2025-03-31"}, "2024/25, 1 April 2024 – 31 March 2025"},
		{report.Meta{Period: "2024/25 Q4"}, "2024/25 Q4"},
		{report.Meta{PeriodStart: "2024-04-01", PeriodEnd: "2025-03-31"}, ""},
	}
	for _, tc := range tests {
		if got := periodText(tc.meta); got != tc.want {
			t.Errorf("periodText(%+v) = %q, want %q", tc.meta, got, tc.want)
		}
	}
}

func TestTopicOf(t *testing.T) {
	tests := []struct {
		c    chart.Chart
		want string
	}{
		{chart.Chart{ID: "recruitment-sex", Characteristic: "recruitment"}, "recruitment"},
		{chart.Chart{ID: "survey-disability", Characteristic: "staff_survey"}, "staff_survey"},
		{chart.Chart{ID: "action-plan", Characteristic: "action_plan_summary"}, "action_plan"},
		{chart.Chart{ID: "casework-sex", Characteristic: "sex"}, "casework"}, // by its ID when the topic is not given
		{chart.Chart{ID: "trend-sex", Characteristic: "sex"}, ""},
		{chart.Chart{ID: "declaration"}, ""},
	}
	for _, tc := range tests {
		if got := topicOf(tc.c); got != tc.want {
			t.Errorf("topicOf(%s) = %q, want %q", tc.c.ID, got, tc.want)
		}
	}
}

func TestMonitoringPageIsSelfContainedAccessibleAndDeterministic(t *testing.T) {
	text := checkStandalonePage(t, monitoringPublication, "monitoring")
	// Headings go down one level at a time: h2 sections, h3 subsections
	// and chart titles, h4 chart titles in subsections.
	level := 1
	for _, m := range regexp.MustCompile(`<h([1-6])\b`).FindAllStringSubmatch(text, -1) {
		l := int(m[1][0] - '0')
		if l > level+1 {
			t.Errorf("heading h%d follows h%d", l, level)
		}
		level = l
	}
	// Every chart has its container, so the script draws each.
	for _, c := range monitoringPublication().Charts {
		if !strings.Contains(text, `<div class="chart" id="`+c.ID+`"`) {
			t.Errorf("no container for chart %s", c.ID)
		}
	}
}
