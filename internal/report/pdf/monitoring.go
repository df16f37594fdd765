package pdf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/table"
)

// monitoringTopic is one employment monitoring section: its title, the
// table it is drawn from and the topic its charts carry as Characteristic.
type monitoringTopic struct {
	title, table string
	build        func(*doc)
}

var monitoringTopics = []monitoringTopic{
	{"Recruitment", catalog.Recruitment.Name, (*doc).recruitment},
	{"Leavers and turnover", catalog.Turnover.Name, (*doc).turnover},
	{"Casework", catalog.Casework.Name, (*doc).casework},
	{"Training", catalog.Training.Name, (*doc).training},
	{"Staff survey", catalog.StaffSurvey.Name, (*doc).staffSurvey},
	{"Action plan progress", catalog.ActionPlanSummary.Name, (*doc).actionPlan},
}

// isMonitoringTable says whether a table is one of the employment monitoring tables.
func isMonitoringTable(name string) bool {
	return name == catalog.ActionPlan.Name || slices.ContainsFunc(monitoringTopics, func(t monitoringTopic) bool { return t.table == name })
}

// monitoringSections lists the employment monitoring sections the
// publication has figures for, in the order both reports present them.
func (d *doc) monitoringSections() []section {
	var ss []section
	for _, t := range monitoringTopics {
		if d.hasMonitoring(t.table) {
			ss = append(ss, section{title: t.title, listed: true, build: t.build})
		}
	}
	return ss
}

// hasMonitoring says whether a monitoring table has rows the reports show:
// any row of the action plan summary, else rows for the monitoring
// characteristics.
func (d *doc) hasMonitoring(name string) bool {
	t := d.pub.Table(name)
	if t == nil || len(t.Rows) == 0 {
		return false
	}
	if t.Index("characteristic") < 0 {
		return true
	}
	for _, c := range chart.MonitoringCharacteristics {
		if len(periodRows(t, c)) > 0 {
			return true
		}
	}
	return false
}

// periodRows returns a monitoring table's rows for a characteristic in the
// table's latest period, as the charts show them.
func periodRows(t *table.Table, c string) []table.Row {
	rows := rowsWhere(t, "characteristic", c)
	if t == nil || t.Index("period") < 0 {
		return rows
	}
	latest := ""
	for _, row := range rows {
		latest = max(latest, str(t, row, "period"))
	}
	var out []table.Row
	for _, row := range rows {
		if str(t, row, "period") == latest {
			out = append(out, row)
		}
	}
	return out
}

// monitoringPeriod names the monitoring period with its dates when the
// publication has monitoring figures ("" when it has none).
func (d *doc) monitoringPeriod() string {
	has := false
	for _, t := range monitoringTopics {
		if t.table != catalog.ActionPlanSummary.Name && d.hasMonitoring(t.table) {
			has = true
		}
	}
	m := d.pub.Meta
	if !has || m.Period == "" {
		return ""
	}
	if m.PeriodStart != "" && m.PeriodEnd != "" {
		return m.Period + " (" + longDate(m.PeriodStart) + " to " + longDate(m.PeriodEnd) + ")"
	}
	return m.Period
}

// inThePeriod writes "in 2024/25 (1 April 2024 to 31 March 2025)", or "in
// the period" when the publication does not name it.
func (d *doc) inThePeriod() string {
	m := d.pub.Meta
	switch {
	case m.Period != "" && m.PeriodStart != "" && m.PeriodEnd != "":
		return "in " + m.Period + " (" + longDate(m.PeriodStart) + " to " + longDate(m.PeriodEnd) + ")"
	case m.Period != "":
		return "in " + m.Period
	}
	return "in the period"
}

// lead writes the key findings drawn from the tables as the section's
// opening sentences.
func (d *doc) lead(tables ...string) {
	for _, f := range d.pub.Findings {
		if f.Text != "" && slices.Contains(tables, f.Table) {
			d.styledText(f.Text, "B", 10.5, ink)
			d.space(2.5)
		}
	}
}

// boardCharacteristics are the characteristics whose monitoring charts the
// compact board pack draws: those its findings are about (the tables give
// sex beside them).
var boardCharacteristics = []string{"ethnic_minority", "disability"}

// topicCharts returns the charts of a monitoring topic in their order.
func (d *doc) topicCharts(topic string) []chart.Chart {
	var out []chart.Chart
	for _, c := range d.pub.Charts {
		if c.Characteristic != topic {
			continue
		}
		if d.compact && !slices.ContainsFunc(boardCharacteristics, func(ch string) bool { return strings.HasSuffix(c.ID, "-"+ch) }) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// groupRows fills a grid with one row per category of each monitoring
// characteristic, naming the characteristic on its first row only. The
// compact board pack leaves out Prefer not to say and Not known, which its
// charts show.
func (d *doc) groupRows(g *grid, t *table.Table, cells func(row table.Row) []string) {
	for _, c := range chart.MonitoringCharacteristics {
		first := true
		for _, row := range periodRows(t, c) {
			if d.compact && harmonise.IsMissing(str(t, row, "category")) {
				continue
			}
			name := ""
			if first {
				name, first = characteristicName(c), false
			}
			g.rows = append(g.rows, append([]string{name, str(t, row, "category")}, cells(row)...))
		}
	}
}

// intro explains what a section shows; the compact board pack leaves it to
// the charts' subtitles.
func (d *doc) intro(text string) {
	if !d.compact {
		d.paragraph(text)
	}
}

// references names each monitoring characteristic's reference category:
// "White (ethnic minority), Not disabled (disability) and Male (sex)".
func references(t *table.Table) string {
	var parts []string
	for _, c := range chart.MonitoringCharacteristics {
		for _, row := range periodRows(t, c) {
			if ref := str(t, row, "reference_category"); ref != "" {
				parts = append(parts, ref+" ("+strings.ToLower(characteristicName(c))+")")
				break
			}
		}
	}
	return listing(parts)
}

// referenceClause is the sentence naming the reference groups, or "".
func referenceClause(t *table.Table) string {
	if refs := references(t); refs != "" {
		return " The reference groups are " + refs + "; their own relative likelihood is [z]."
	}
	return ""
}

// focusCategory is the category a monitoring characteristic's comparison
// is about.
func focusCategory(c string) string {
	for _, g := range focusGroups {
		if g.characteristic == c {
			return g.category
		}
	}
	return ""
}

// tableAndNote draws a grid followed by its note, kept together when both
// fit a page.
func (d *doc) tableAndNote(g grid, note string) {
	l := d.layoutGrid(g)
	if h := l.height() + 3 + d.textHeight(note, 8.5); h <= bodyHeight {
		d.ensure(h)
	}
	d.table(g)
	d.note(note)
}

// forEveryGroup points to the published table for the groups not shown.
func (d *doc) forEveryGroup(name string) string {
	if d.compact && name != catalog.StaffSurvey.Name {
		return " The table leaves out Prefer not to say and Not known, which the charts show; every group of every characteristic is in the " + name + " table published with this report."
	}
	return " Every group of every characteristic, Prefer not to say and Not known included, is in the " + name + " table published with this report."
}

func (d *doc) recruitment() {
	d.sectionTitle("Recruitment")
	t := d.pub.Table(catalog.Recruitment.Name)
	d.lead(catalog.Recruitment.Name)
	d.intro("Applications " + d.inThePeriod() + " by the furthest stage reached: the share of applicants shortlisted, " +
		"and the share of those shortlisted who were appointed.")
	d.chartPairs(d.topicCharts(catalog.Recruitment.Name))
	g := grid{cols: []column{
		{head: "Characteristic", weight: 24},
		{head: "Group", weight: 30},
		{head: "Applied", weight: 15, right: true},
		{head: "Shortlisted %", weight: 17, right: true},
		{head: "Appointed from shortlisting %", weight: 22, right: true},
		{head: "Relative likelihood", weight: 19, right: true},
		{head: "Adverse impact", weight: 17},
	}}
	d.groupRows(&g, t, func(row table.Row) []string {
		return []string{show(t, row, "applied"), show(t, row, "shortlist_rate"), show(t, row, "appointment_rate"),
			show(t, row, "relative_likelihood"), show(t, row, "adverse_impact")}
	})
	d.tableAndNote(g, "Relative likelihood is the reference group’s appointment rate from shortlisting divided by the group’s (NHS WRES indicator 2): "+
		"1.00 is parity; above 1.00 the group was less likely to be appointed, below 1.00 more likely."+referenceClause(t)+
		" Adverse impact: an appointment rate below four-fifths of the highest group’s, a flag that small numbers make unstable."+
		d.forEveryGroup(catalog.Recruitment.Name))
}

func (d *doc) turnover() {
	d.sectionTitle("Leavers and turnover")
	t := d.pub.Table(catalog.Turnover.Name)
	d.lead(catalog.Turnover.Name)
	d.intro("Starters and leavers " + d.inThePeriod() + ", and turnover: leavers as a percentage of the group’s average headcount.")
	d.chartPairs(d.topicCharts(catalog.Turnover.Name))
	g := grid{cols: []column{
		{head: "Characteristic", weight: 24},
		{head: "Group", weight: 32},
		{head: "Starters", weight: 16, right: true},
		{head: "Leavers", weight: 16, right: true},
		{head: "Average headcount", weight: 18, right: true},
		{head: "Turnover %", weight: 16, right: true},
	}}
	d.groupRows(&g, t, func(row table.Row) []string {
		return []string{show(t, row, "starters"), show(t, row, "leavers"), show(t, row, "average_headcount"), show(t, row, "turnover_rate")}
	})
	d.tableAndNote(g, "Turnover is leavers in the period divided by the group’s average headcount (the mean of its headcounts at the first and last snapshots of the period), times 100."+
		d.forEveryGroup(catalog.Turnover.Name))
}

func (d *doc) casework() {
	d.sectionTitle("Casework")
	t := d.pub.Table(catalog.Casework.Name)
	d.lead(catalog.Casework.Name)
	d.intro("Grievance, disciplinary, capability and bullying and harassment cases opened " + d.inThePeriod() +
		", per 100 staff of each group.")
	for _, c := range d.topicCharts(catalog.Casework.Name) {
		d.chart(c)
	}
	g := grid{cols: []column{
		{head: "Case type", weight: 26},
		{head: "Group", weight: 26},
		{head: "Cases", weight: 12, right: true},
		{head: "Per 100 staff", weight: 15, right: true},
		{head: "Compared with", weight: 24},
		{head: "Per 100 staff", weight: 15, right: true},
		{head: "Relative likelihood", weight: 18, right: true},
	}}
	var types []string
	for _, c := range chart.MonitoringCharacteristics {
		for _, row := range periodRows(t, c) {
			if ct := str(t, row, "case_type"); !slices.Contains(types, ct) {
				types = append(types, ct)
			}
		}
	}
	for _, ct := range types {
		first := true
		for _, c := range chart.MonitoringCharacteristics {
			var focus, ref table.Row
			for _, row := range periodRows(t, c) {
				switch {
				case str(t, row, "case_type") != ct:
				case str(t, row, "category") == focusCategory(c):
					focus = row
				case str(t, row, "category") == str(t, row, "reference_category"):
					ref = row
				}
			}
			if focus == nil {
				continue
			}
			name := ""
			if first {
				name, first = ct, false
			}
			refName, refRate := "", ""
			if ref != nil {
				refName, refRate = str(t, ref, "category"), show(t, ref, "rate_per_100")
			}
			g.rows = append(g.rows, []string{name, str(t, focus, "category"), show(t, focus, "cases"), show(t, focus, "rate_per_100"),
				refName, refRate, show(t, focus, "relative_likelihood")})
		}
	}
	d.tableAndNote(g, "Cases per 100 staff: cases opened in the period per 100 staff of the group (its average headcount). "+
		"Relative likelihood is the group’s rate divided by the reference group’s (NHS WRES indicator 3): "+
		"1.00 is parity; above 1.00 the group was more likely to enter the process, below 1.00 less likely."+
		d.forEveryGroup(catalog.Casework.Name))
}

func (d *doc) training() {
	d.sectionTitle("Training")
	t := d.pub.Table(catalog.Training.Name)
	d.lead(catalog.Training.Name)
	d.intro("Non-mandatory training applied for and received " + d.inThePeriod() + ", per 100 staff of each group.")
	d.chartPairs(d.topicCharts(catalog.Training.Name))
	g := grid{cols: []column{
		{head: "Characteristic", weight: 24},
		{head: "Group", weight: 30},
		{head: "Applied for", weight: 15, right: true},
		{head: "Received", weight: 15, right: true},
		{head: "Received per 100 staff", weight: 19, right: true},
		{head: "Relative likelihood", weight: 19, right: true},
	}}
	d.groupRows(&g, t, func(row table.Row) []string {
		return []string{show(t, row, "applied"), show(t, row, "received"), show(t, row, "received_rate"), show(t, row, "relative_likelihood")}
	})
	d.tableAndNote(g, "Relative likelihood is the reference group’s rate of receiving training divided by the group’s (NHS WRES indicator 4): "+
		"1.00 is parity; above 1.00 the group was less likely to receive non-mandatory training, below 1.00 more likely."+referenceClause(t)+
		d.forEveryGroup(catalog.Training.Name))
}

// surveyColumn is one declared group of a monitoring characteristic in the
// staff survey table.
type surveyColumn struct{ characteristic, category string }

func (d *doc) staffSurvey() {
	d.sectionTitle("Staff survey")
	t := d.pub.Table(catalog.StaffSurvey.Name)
	d.lead(catalog.StaffSurvey.Name)
	d.intro("The share of respondents in each group who agree or strongly agree with each item of the staff survey " + d.inThePeriod() + ".")
	for _, c := range d.topicCharts(catalog.StaffSurvey.Name) {
		d.chart(c)
	}

	var cols []surveyColumn
	var items []string
	for _, c := range chart.MonitoringCharacteristics {
		for _, row := range periodRows(t, c) {
			cat := str(t, row, "category")
			if !harmonise.IsMissing(cat) && !slices.Contains(cols, surveyColumn{c, cat}) {
				cols = append(cols, surveyColumn{c, cat})
			}
			if item := str(t, row, "item"); !slices.Contains(items, item) {
				items = append(items, item)
			}
		}
	}
	if len(cols) == 0 {
		return
	}
	g := grid{cols: []column{{head: "Item (% positive)", weight: 64}}}
	for _, c := range cols {
		g.cols = append(g.cols, column{head: c.category, weight: 15, right: true})
	}
	cell := func(item string, c surveyColumn, name string) string {
		rows := rowsWhere(t, "item", item, "characteristic", c.characteristic, "category", c.category)
		if len(rows) == 0 {
			return ""
		}
		return show(t, rows[0], name)
	}
	for _, item := range items {
		row := []string{item}
		for _, c := range cols {
			row = append(row, cell(item, c, "positive_percent"))
		}
		g.rows = append(g.rows, row)
	}
	rate := []string{"Response rate %"}
	for _, c := range cols {
		rate = append(rate, cell(items[0], c, "response_rate"))
	}
	g.rows = append(g.rows, rate)
	d.tableAndNote(g, "% positive: the share of those answering the item who agree or strongly agree. "+
		"Response rate: the group’s responses as a percentage of its staff at the end of the period. "+
		"Groups with too few respondents to protect their confidentiality are withheld ([c])."+d.forEveryGroup(catalog.StaffSurvey.Name))
}

// actionFill colours an action's status as a board reads a BRAG rating:
// blue complete, green on track, amber at risk, red overdue or off track,
// grey not started or unknown. The word is always in the chip.
func actionFill(status string) rgb {
	s := strings.ToLower(status)
	has := func(words ...string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
	}
	switch {
	case has("not started", "not known"):
		return ragColours["No data"]
	case has("complete", "done", "achieved", "closed"):
		return hexColour(chart.Palette[0])
	case has("overdue", "off track", "missed", "not met", "behind"):
		return ragColours["Not met"]
	case has("risk", "delay", "slipp"):
		return ragColours["Improving"]
	case has("on track", "progress", "ongoing", "started"):
		return ragColours["Met"]
	}
	return ragColours["No data"]
}

func (d *doc) actionPlan() {
	d.sectionTitle("Action plan progress")
	d.lead(catalog.ActionPlanSummary.Name, catalog.ActionPlan.Name)
	summary := d.pub.Table(catalog.ActionPlanSummary.Name)
	g := grid{cols: []column{
		{head: "Status", weight: 50, chip: true, fill: actionFill},
		{head: "Actions", weight: 25, right: true},
		{head: "Of which overdue", weight: 25, right: true},
	}}
	for _, row := range summary.Rows {
		g.rows = append(g.rows, []string{str(summary, row, "status"), show(summary, row, "actions"), show(summary, row, "overdue")})
	}
	d.table(g)
	when := "the report date"
	if d.pub.Meta.AsOf != "" {
		when = longDate(d.pub.Meta.AsOf)
	}
	d.note("An action is overdue when it was due before " + when + " and is not complete, whatever its recorded status says.")

	plan := d.pub.Table(catalog.ActionPlan.Name)
	if plan == nil {
		return
	}
	overdue := grid{cols: []column{
		{head: "Action", weight: 74},
		{head: "Priority", weight: 30},
		{head: "Lead", weight: 29},
		{head: "Due", weight: 22},
		{head: "Status", weight: 22, chip: true, fill: actionFill},
	}}
	for _, row := range rowsWhere(plan, "overdue", "Yes") {
		overdue.rows = append(overdue.rows, []string{str(plan, row, "action"), str(plan, row, "priority"), str(plan, row, "lead"),
			show(plan, row, "due_date"), str(plan, row, "status")})
	}
	if len(overdue.rows) == 0 {
		d.subheading("Overdue actions", lineHeight(10))
		d.paragraph("No action is overdue.")
		return
	}
	d.subheading(fmt.Sprintf("Overdue actions (%d)", len(overdue.rows)), d.layoutGrid(overdue).keepHeight())
	d.table(overdue)
}
