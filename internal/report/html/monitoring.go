package html

import (
	"fmt"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// The employment monitoring group and its sections, one per monitoring
// table (METRICS.md "Employment monitoring").
const (
	idMonitoring  = "section-monitoring"
	idRecruitment = "section-recruitment"
	idTurnover    = "section-turnover"
	idCasework    = "section-casework"
	idTraining    = "section-training"
	idSurvey      = "section-staff-survey"
	idActionPlan  = "section-action-plan"
)

// chartTopics names, by chart ID prefix, the monitoring table a chart is
// drawn from, for charts whose Characteristic does not say it.
var chartTopics = []struct{ prefix, topic string }{
	{"recruitment-", catalog.Recruitment.Name},
	{"turnover-", catalog.Turnover.Name},
	{"casework-", catalog.Casework.Name},
	{"training-", catalog.Training.Name},
	{"survey-", catalog.StaffSurvey.Name},
	{"action-plan", catalog.ActionPlan.Name},
}

// topicOf returns the monitoring table a chart belongs with: the one its
// Characteristic names (monitoring charts carry their topic there) or its
// ID's prefix names; "" for every other chart.
func topicOf(c chart.Chart) string {
	switch c.Characteristic {
	case catalog.Recruitment.Name, catalog.Turnover.Name, catalog.Casework.Name, catalog.Training.Name,
		catalog.StaffSurvey.Name, catalog.ActionPlan.Name:
		return c.Characteristic
	case catalog.ActionPlanSummary.Name:
		return catalog.ActionPlan.Name
	}
	for _, t := range chartTopics {
		if strings.HasPrefix(c.ID, t.prefix) {
			return t.topic
		}
	}
	return ""
}

// The one-line explanations of the relative likelihoods, in the direction
// of the NHS Workforce Race Equality Standard indicator each follows.
const (
	recruitmentLikelihood = "Relative likelihood of appointment from shortlisting: the reference category's appointment rate ÷ this category's. " +
		"1.00 is parity; above 1 means shortlisted applicants of this category were less likely to be appointed (WRES indicator 2)."
	adverseImpact = "Adverse impact: the category's appointment rate is below four-fifths of the highest category's (the four-fifths rule). " +
		"With small numbers the flag is unstable: read it as a prompt to look further, not a finding."
	caseworkLikelihood = "Relative likelihood of entering the process: this category's cases per 100 staff ÷ the reference category's. " +
		"1.00 is parity; above 1 means staff of this category were more likely to enter it (WRES indicator 3)."
	trainingLikelihood = "Relative likelihood of receiving non-mandatory training: the reference category's rate ÷ this category's. " +
		"1.00 is parity; above 1 means staff of this category were less likely to receive it (WRES indicator 4)."
	turnoverMeaning = "Turnover: leavers in the period ÷ the category's average headcount (the mean of the opening and closing snapshots) × 100."
	surveyMeaning   = "The share of each category's respondents who agree or strongly agree with each item. Categories with too few respondents are shown as [c]."
)

// monitoringHeadings are the dashboard's headings for monitoring columns
// whose published headings need the table's context to read.
var monitoringHeadings = map[string]string{
	"shortlist_rate":   "Shortlisted, % of applied",
	"appointment_rate": "Appointed, % of shortlisted",
	"adverse_impact":   "Adverse impact",
}

// periodRows returns a monitoring table's rows for the run's period or,
// when none match it, for the table's latest period, with that period; a
// table without periods gives all its rows.
func periodRows(t *table.Table, period string) ([]table.Row, string) {
	if t == nil {
		return nil, ""
	}
	i := t.Index("period")
	if i < 0 {
		return rowsAt(t, ""), ""
	}
	if period != "" {
		if rows := rowsAt(t, "", "period", period); len(rows) > 0 {
			return rows, period
		}
	}
	latest := ""
	for _, row := range rowsAt(t, "") {
		latest = max(latest, row[i].Text)
	}
	return rowsAt(t, "", "period", latest), latest
}

// byCharacteristic splits rows by characteristic, in the order reports
// present characteristics; rows keep their order within each.
func byCharacteristic(t *table.Table, rows []table.Row) ([]string, map[string][]table.Row) {
	if t == nil || t.Index("characteristic") < 0 {
		return nil, nil
	}
	i := t.Index("characteristic")
	var order []string
	groups := map[string][]table.Row{}
	for _, row := range rows {
		ch := row[i].Text
		if _, ok := groups[ch]; !ok {
			order = append(order, ch)
		}
		groups[ch] = append(groups[ch], row)
	}
	sortCharacteristics(order)
	return order, groups
}

// monitoringTable lays out one characteristic's rows of a monitoring
// table without the given columns: the reference category's row is
// marked as such, raised flags are shown as badges and some headings are
// reworded to read on their own.
func monitoringTable(t *table.Table, caption string, rows []table.Row, drop ...string) *tableView {
	tv := tableOf(t, caption, rows, drop...)
	if tv == nil {
		return nil
	}
	ref := ""
	if i := t.Index("reference_category"); i >= 0 {
		ref = rows[0][i].Text
	}
	shown := 0
	for _, col := range t.Columns {
		if slices.Contains(drop, col.Name) {
			continue
		}
		if h, ok := monitoringHeadings[col.Name]; ok {
			tv.Columns[shown].Text = h
		}
		for r, row := range rows {
			c := &tv.Rows[r][shown]
			switch {
			case col.Name == "category" && ref != "" && row[t.Index("category")].Text == ref:
				c.Text += " (reference)"
			case col.Kind == table.Flag && row[t.Index(col.Name)].IsValue() && row[t.Index(col.Name)].Text == "Yes":
				c.RAG = "flag flag-yes"
			}
		}
		shown++
	}
	return tv
}

// captionFor names a monitoring table's characteristic, period and
// reference category: "Recruitment funnel by" and ethnic_minority give
// "Recruitment funnel by ethnic minority, 2025/26 Q1 (reference category: White)".
func captionFor(what, characteristic, period, ref string) string {
	s := what + " " + lowerLabel(characteristic)
	if period != "" {
		s += ", " + period
	}
	if ref != "" {
		s += " (reference category: " + ref + ")"
	}
	return s
}

// lowerLabel is a characteristic's name inside a sentence: "ethnic
// minority", "sexual orientation (LGB+)".
func lowerLabel(characteristic string) string {
	l := chart.Label(characteristic)
	if len(l) > 1 && l[1] >= 'a' && l[1] <= 'z' {
		return strings.ToLower(l[:1]) + l[1:]
	}
	return l
}

// referenceOf returns the reference category of the first row, "" when
// the table has none.
func referenceOf(t *table.Table, rows []table.Row) string {
	if i := t.Index("reference_category"); i >= 0 && len(rows) > 0 {
		return rows[0][i].Text
	}
	return ""
}

// charTable is one characteristic's table of a monitoring topic.
type charTable struct {
	characteristic string
	table          *tableView
}

// perCharacteristic lays out a monitoring table as one table per
// characteristic.
func perCharacteristic(t *table.Table, period, what string, drop ...string) []charTable {
	rows, p := periodRows(t, period)
	order, groups := byCharacteristic(t, rows)
	var out []charTable
	for _, ch := range order {
		mine := drop
		if t.Index("relative_likelihood") >= 0 && noLikelihood(t, groups[ch]) {
			// A characteristic without a reference category has none to show.
			mine = append(slices.Clone(drop), "relative_likelihood")
		}
		if tv := monitoringTable(t, captionFor(what, ch, p, referenceOf(t, groups[ch])), groups[ch], mine...); tv != nil {
			out = append(out, charTable{ch, tv})
		}
	}
	return out
}

// noLikelihood reports whether none of the rows has a relative likelihood
// to show: each is not applicable or empty.
func noLikelihood(t *table.Table, rows []table.Row) bool {
	i := t.Index("relative_likelihood")
	for _, row := range rows {
		if st := row[i].Status; st != table.NotApplicable && st != table.Empty {
			return false
		}
	}
	return true
}

// headline lists the characteristics whose monitoring tables a section
// shows open: the over-time block's, and any its charts are about (a
// chart "<kind>-<characteristic>"). The tables of the others, often long
// lists of small groups, are shown on request.
func headline(charts []chartView) []string {
	var out []string
	for _, sh := range overTimeShares {
		out = append(out, sh.characteristic)
	}
	for _, c := range charts {
		if i := strings.IndexByte(c.ID, '-'); i >= 0 && !slices.Contains(out, c.ID[i+1:]) {
			out = append(out, c.ID[i+1:])
		}
	}
	return out
}

// placeTables puts the tables of the headline characteristics in the
// section and the rest under "more", unless none is a headline one.
func placeTables(s *section, tables []charTable, charts []chartView) {
	open := headline(charts)
	var more []string
	for _, ct := range tables {
		if slices.Contains(open, ct.characteristic) {
			s.Tables = append(s.Tables, ct.table)
		} else {
			s.More = append(s.More, ct.table)
			more = append(more, lowerLabel(ct.characteristic))
		}
	}
	if len(s.Tables) == 0 {
		s.Tables, s.More = s.More, nil
		return
	}
	if len(more) > 0 {
		s.MoreSummary = "Show the tables by " + listing(more)
	}
}

// listing joins items as a sentence does: "a, b and c".
func listing(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// monitoringGroup lays out the employment monitoring sections the run has
// tables or charts for, under one heading; nil when it has none.
func monitoringGroup(pub *report.Publication, charts map[string][]chartView) *section {
	period := pub.Meta.Period
	group := &section{ID: idMonitoring, Heading: "Employment monitoring"}
	add := func(s section, topic string) {
		s.Charts = charts[topic]
		if len(s.Tables) > 0 || len(s.Charts) > 0 || len(s.Intro) > 0 {
			group.Subsections = append(group.Subsections, s)
		}
	}
	drop := []string{"period", "characteristic", "reference_category"}

	if t := pub.Table(catalog.Recruitment.Name); t != nil || len(charts[catalog.Recruitment.Name]) > 0 {
		s := section{ID: idRecruitment, Heading: "Recruitment",
			Notes: []string{"Each application counts at every stage it reached: applied → shortlisted → appointed.", recruitmentLikelihood, adverseImpact}}
		placeTables(&s, perCharacteristic(t, period, "Recruitment funnel by", drop...), charts[catalog.Recruitment.Name])
		add(s, catalog.Recruitment.Name)
	}
	if t := pub.Table(catalog.Turnover.Name); t != nil || len(charts[catalog.Turnover.Name]) > 0 {
		s := section{ID: idTurnover, Heading: "Starters and leavers", Notes: []string{turnoverMeaning}}
		placeTables(&s, perCharacteristic(t, period, "Starters, leavers and turnover by", drop...), charts[catalog.Turnover.Name])
		add(s, catalog.Turnover.Name)
	}
	if t := pub.Table(catalog.Casework.Name); t != nil || len(charts[catalog.Casework.Name]) > 0 {
		s := section{ID: idCasework, Heading: "Casework",
			Notes: []string{"Cases per 100 staff: cases opened in the period ÷ the category's average headcount × 100.", caseworkLikelihood}}
		placeTables(&s, perCharacteristic(t, period, "Casework by case type and", drop...), charts[catalog.Casework.Name])
		add(s, catalog.Casework.Name)
	}
	if t := pub.Table(catalog.Training.Name); t != nil || len(charts[catalog.Training.Name]) > 0 {
		s := section{ID: idTraining, Heading: "Training", Notes: []string{
			"Non-mandatory training applied for and received in the period; received per 100 staff is courses received ÷ the category's average headcount × 100.",
			trainingLikelihood}}
		placeTables(&s, perCharacteristic(t, period, "Non-mandatory training by", drop...), charts[catalog.Training.Name])
		add(s, catalog.Training.Name)
	}
	if t := pub.Table(catalog.StaffSurvey.Name); t != nil || len(charts[catalog.StaffSurvey.Name]) > 0 {
		s := section{ID: idSurvey, Heading: "Staff survey", Notes: []string{surveyMeaning}}
		placeTables(&s, surveyTables(t, period), charts[catalog.StaffSurvey.Name])
		add(s, catalog.StaffSurvey.Name)
	}
	plan, summary := pub.Table(catalog.ActionPlan.Name), pub.Table(catalog.ActionPlanSummary.Name)
	if plan != nil || summary != nil || len(charts[catalog.ActionPlan.Name]) > 0 {
		add(actionPlanSection(plan, summary, pub.Meta.AsOf), catalog.ActionPlan.Name)
	}
	if len(group.Subsections) == 0 {
		return nil
	}
	intro := "Rates and relative likelihoods built on small numbers move a great deal from one period to the next; " +
		"those built on a count below the suppression threshold are shown as [c]."
	if text := periodText(pub.Meta); text != "" {
		intro = "Figures for the monitoring period " + text + ". " + intro
	}
	group.Intro = []string{intro}
	return group
}

// surveyTables sets out the staff survey as one table per characteristic:
// a row per item, a column per category, each cell the % answering
// positively, then the category's responses and response rate.
func surveyTables(t *table.Table, period string) []charTable {
	if t == nil {
		return nil
	}
	rows, p := periodRows(t, period)
	order, groups := byCharacteristic(t, rows)
	item, cat, pos := t.Index("item"), t.Index("category"), t.Index("positive_percent")
	if item < 0 || cat < 0 || pos < 0 {
		return nil
	}
	var out []charTable
	for _, ch := range order {
		var items, cats []string
		for _, row := range groups[ch] {
			if !slices.Contains(items, row[item].Text) {
				items = append(items, row[item].Text)
			}
			if !slices.Contains(cats, row[cat].Text) {
				cats = append(cats, row[cat].Text)
			}
		}
		find := func(it, c string) (table.Row, bool) {
			for _, row := range groups[ch] {
				if row[item].Text == it && row[cat].Text == c {
					return row, true
				}
			}
			return nil, false
		}
		caption := "Staff survey: % who agree or strongly agree, by " + lowerLabel(ch)
		if p != "" {
			caption += ", " + p
		}
		tv := &tableView{Caption: caption, Columns: []heading{{Text: "Item"}}}
		for _, c := range cats {
			tv.Columns = append(tv.Columns, heading{Text: c, Numeric: true})
		}
		for _, it := range items {
			cells := []cellView{{Text: it}}
			for _, c := range cats {
				if row, ok := find(it, c); ok {
					cells = append(cells, cell(row[pos], t.Columns[pos]))
				} else {
					cells = append(cells, cellView{Numeric: true})
				}
			}
			tv.Rows = append(tv.Rows, cells)
		}
		// A category's responses and response rate are the same on every
		// item's row; the first is shown.
		for _, extra := range []struct{ column, label string }{{"responses", "Responses"}, {"response_rate", "Response rate (% of staff in category)"}} {
			i := t.Index(extra.column)
			if i < 0 {
				continue
			}
			cells := []cellView{{Text: extra.label}}
			for _, c := range cats {
				v := cellView{Numeric: true}
				for _, it := range items {
					if row, ok := find(it, c); ok {
						v = cell(row[i], t.Columns[i])
						break
					}
				}
				cells = append(cells, v)
			}
			tv.Rows = append(tv.Rows, cells)
		}
		out = append(out, charTable{ch, tv})
	}
	return out
}

// actionPlanSection counts the actions by status and lists those overdue
// with their lead and due date.
func actionPlanSection(plan, summary *table.Table, asOf string) section {
	s := section{ID: idActionPlan, Heading: "Action plan"}
	if rows := rowsAt(summary, ""); len(rows) > 0 {
		s.Tables = append(s.Tables, tableOf(summary, "Equality action plan: actions by status", rows))
	}
	if plan == nil || plan.Index("overdue") < 0 {
		return s
	}
	due := "due before the report date"
	if asOf != "" {
		due = "due before " + chart.LongDate(asOf)
	}
	overdue := rowsAt(plan, "", "overdue", "Yes")
	if i := plan.Index("due_date"); i >= 0 {
		// The longest overdue first; ISO dates sort as text.
		slices.SortStableFunc(overdue, func(a, b table.Row) int { return strings.Compare(a[i].Text, b[i].Text) })
	}
	if len(overdue) == 0 {
		s.Intro = append(s.Intro, "No action is overdue: none "+due+" is still open.")
		return s
	}
	tv := &tableView{Caption: fmt.Sprintf("Overdue actions (%s and not complete)", due)}
	var cols []int
	for _, name := range []string{"action", "priority", "lead", "due_date", "status"} {
		if i := plan.Index(name); i >= 0 {
			cols = append(cols, i)
			col := plan.Columns[i]
			tv.Columns = append(tv.Columns, heading{Text: col.Heading()})
		}
	}
	if len(cols) == 0 {
		return s
	}
	for _, row := range overdue {
		var cells []cellView
		for _, i := range cols {
			cells = append(cells, cell(row[i], plan.Columns[i]))
		}
		tv.Rows = append(tv.Rows, cells)
	}
	s.Tables = append(s.Tables, tv)
	return s
}

// monitoringKPIs are the headline tiles of employment monitoring: overall
// turnover, the relative likelihood of ethnic minority applicants being
// appointed from shortlisting, and the overdue actions. A tile whose table
// or row is missing is left out.
func monitoringKPIs(pub *report.Publication) []kpi {
	var out []kpi
	if k, ok := turnoverTile(pub.Table(catalog.Turnover.Name), pub.Meta.Period); ok {
		out = append(out, k)
	}
	if k, ok := appointmentTile(pub.Table(catalog.Recruitment.Name), pub.Meta.Period); ok {
		out = append(out, k)
	}
	if k, ok := overdueTile(pub.Table(catalog.ActionPlan.Name), pub.Table(catalog.ActionPlanSummary.Name)); ok {
		out = append(out, k)
	}
	return out
}

// turnoverTile is the turnover of all staff: the leavers of one
// characteristic's categories ÷ their average headcounts, from the first
// characteristic none of whose figures is withheld (every characteristic's
// categories cover all staff).
func turnoverTile(t *table.Table, period string) (kpi, bool) {
	rows, p := periodRows(t, period)
	order, groups := byCharacteristic(t, rows)
	leavers, avg := -1, -1
	if t != nil {
		leavers, avg = t.Index("leavers"), t.Index("average_headcount")
	}
	if leavers < 0 || avg < 0 {
		return kpi{}, false
	}
	for _, ch := range order {
		left, head, whole := 0.0, 0.0, true
		for _, row := range groups[ch] {
			if !row[leavers].IsValue() || !row[avg].IsValue() {
				whole = false
				break
			}
			left += row[leavers].Num
			head += row[avg].Num
		}
		if !whole || head <= 0 {
			continue
		}
		note := "leavers ÷ average headcount"
		if p != "" {
			note += ", " + p
		}
		return kpi{Label: "Staff turnover", Value: oneDecimal(100*left/head) + "%", Note: note}, true
	}
	return kpi{}, false
}

// appointmentTile is the relative likelihood of ethnic minority applicants
// being appointed from shortlisting.
func appointmentTile(t *table.Table, period string) (kpi, bool) {
	rows, _ := periodRows(t, period)
	if t == nil || t.Index("relative_likelihood") < 0 || t.Index("category") < 0 || t.Index("characteristic") < 0 {
		return kpi{}, false
	}
	var row table.Row
	for _, r := range rows {
		if r[t.Index("characteristic")].Text == string(harmonise.EthnicMinority) && r[t.Index("category")].Text == harmonise.EthnicMinorityYes {
			row = r
			break
		}
	}
	if row == nil {
		return kpi{}, false
	}
	i := t.Index("relative_likelihood")
	c := row[i]
	if c.Status == table.Empty {
		return kpi{}, false
	}
	ref := referenceOf(t, []table.Row{row})
	if ref == "" {
		ref = "the reference group"
	}
	k := kpi{Label: "Relative likelihood of appointment", Note: "from shortlisting, ethnic minority against " + ref + "; above 1: less likely"}
	if c.IsValue() {
		k.Value = c.Format(t.Columns[i])
	} else {
		k.Value, k.Marker = c.Status.Marker(), true
	}
	return k, true
}

// overdueTile counts the overdue actions, from the progress summary or
// else from the plan itself.
func overdueTile(plan, summary *table.Table) (kpi, bool) {
	if rows := rowsAt(summary, ""); len(rows) > 0 && summary.Index("overdue") >= 0 && summary.Index("actions") >= 0 {
		overdue, actions := 0.0, 0.0
		for _, r := range rows {
			o, a := r[summary.Index("overdue")], r[summary.Index("actions")]
			if !o.IsValue() || !a.IsValue() {
				return kpi{}, false
			}
			overdue += o.Num
			actions += a.Num
		}
		return overdueKPI(overdue, actions), true
	}
	rows := rowsAt(plan, "")
	if len(rows) == 0 || plan.Index("overdue") < 0 {
		return kpi{}, false
	}
	return overdueKPI(float64(len(rowsAt(plan, "", "overdue", "Yes"))), float64(len(rows))), true
}

func overdueKPI(overdue, actions float64) kpi {
	note := "of " + thousands(actions) + " actions in the equality action plan"
	if actions == 1 {
		note = "of the 1 action in the equality action plan"
	}
	return kpi{Label: "Overdue actions", Value: thousands(overdue), Note: note}
}
