package chart

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/table"
)

// The employment monitoring charts take their topic — the table they are
// drawn from — as their Characteristic, so that every surface can gather a
// topic's charts into its section. Their IDs are "<kind>-<characteristic>"
// with these kinds, and IDActionPlan for the action plan.
const (
	KindRecruitment = "recruitment" // Bar: % of applicants shortlisted and % of shortlisted appointed per category
	KindTurnover    = "turnover"    // Bar: turnover % per category
	KindCasework    = "casework"    // Bar: cases per 100 staff per case type, one series per category
	KindTraining    = "training"    // Bar: non-mandatory training received per 100 staff per category
	KindSurvey      = "survey"      // Bar: % positive per survey item, one series per declared category
	IDActionPlan    = "action-plan" // Bar: actions by status, with those overdue
)

// MonitoringCharacteristics are the characteristics the monitoring charts
// are drawn for, in order, when the monitoring tables have rows for them.
var MonitoringCharacteristics = []string{"ethnic_minority", "disability", "sex"}

// monitoringFocus is the category whose relative likelihood a chart's
// subtitle puts into words.
var monitoringFocus = map[string]string{
	"ethnic_minority": harmonise.EthnicMinorityYes,
	"disability":      "Disabled",
	"sex":             "Female",
}

// surveyLabelMax is the longest survey item an axis label shows whole;
// longer items are cut at a word and keep their full text in the alt text.
const surveyLabelMax = 60

// overdueColour marks overdue actions in Okabe–Ito vermillion.
var overdueColour = Palette[5]

// monitoring draws the employment monitoring charts from whichever
// monitoring tables the publication has: per topic, one chart for each
// monitoring characteristic with rows, then the action plan.
func (b *builder) monitoring() []*Chart {
	colours := map[string]colourMap{}
	for _, c := range MonitoringCharacteristics {
		colours[c] = b.monitoringColours(c)
	}
	var out []*Chart
	for _, draw := range []func(c string, m colourMap) *Chart{b.recruitment, b.turnover, b.casework, b.training, b.survey} {
		for _, c := range MonitoringCharacteristics {
			out = append(out, draw(c, colours[c]))
		}
	}
	return append(out, b.actionPlan())
}

// monitoringTables are the monitoring tables with categories, in the order
// their categories join a characteristic's colour map.
var monitoringTables = []string{catalog.Recruitment.Name, catalog.Turnover.Name, catalog.Casework.Name,
	catalog.Training.Name, catalog.StaffSurvey.Name}

// monitoringColours extends the characteristic's colour map with any
// category only the monitoring tables show, so that a category keeps the
// colour its workforce charts give it.
func (b *builder) monitoringColours(c string) colourMap {
	m := b.categoryColours(c)
	b.addCategories(m, c, monitoringTables...)
	return m
}

// periodView returns a monitoring table's view and its rows of one
// characteristic in the table's period; no rows when the table, a column or
// the characteristic is missing.
func (b *builder) periodView(characteristic, name string, cols ...string) (view, []table.Row, string) {
	v, ok := b.view(name, cols...)
	if !ok {
		return v, nil, ""
	}
	rows, period := periodRows(v, characteristic)
	return v, rows, period
}

// periodRows returns a monitoring table's rows for the characteristic in
// its latest period, and the period's label ("" when the table has no
// period column).
func periodRows(v view, c string) ([]table.Row, string) {
	rows := v.rows("characteristic", c)
	col := v.t.Index("period")
	if col < 0 {
		return rows, ""
	}
	period := ""
	for _, r := range rows {
		if col < len(r) && r[col].Text > period {
			period = r[col].Text
		}
	}
	var out []table.Row
	for _, r := range rows {
		if col < len(r) && r[col].Text == period {
			out = append(out, r)
		}
	}
	return out, period
}

// inPeriod writes "in 2024/25", or "" when the period is not known.
func inPeriod(period string) string {
	if period == "" {
		return ""
	}
	return " in " + period
}

// likelihoodWords puts a relative likelihood into words as a comparison
// ending before the reference group. In the recruitment and training
// direction (WRES indicators 2 and 4) a value above 1 means less likely;
// in the casework direction (indicator 3), more likely.
func likelihoodWords(v float64, aboveMeansLess bool) string {
	r := table.Round(v, 2)
	switch {
	case r == 1:
		return "as likely as"
	case aboveMeansLess && r > 1:
		return fmt.Sprintf("%.2f times less likely than", r)
	case aboveMeansLess:
		return fmt.Sprintf("%.2f times as likely as", table.Round(1/v, 2))
	}
	return fmt.Sprintf("%.2f times as likely as", r)
}

// likelihoodSentence says how likely the characteristic's focus category
// was to reach an outcome against the reference category, from the focus
// row's relative likelihood: "Ethnic minority applicants were 1.36 times
// less likely than White applicants to be appointed from shortlisting
// (relative likelihood 1.36)." It is "" when the table has no such row or
// the figure is not applicable or not available.
func likelihoodSentence(v view, rows []table.Row, c, who, outcome string, aboveMeansLess bool) string {
	focus, ok := monitoringFocus[c]
	if !ok || v.t.Index("relative_likelihood") < 0 {
		return ""
	}
	for _, r := range rows {
		if v.text(r, "category") != focus {
			continue
		}
		cell := v.optional(r, "relative_likelihood")
		group := upperFirst(GroupName(c, focus)) + " " + who
		switch {
		case cell.Status == table.Suppressed:
			return "The relative likelihood of " + GroupName(c, focus) + " " + who + " " + outcome + " is withheld to protect confidentiality."
		case !cell.IsValue():
			return ""
		}
		ref := v.optional(r, "reference_category").Text
		if ref == "" {
			return ""
		}
		return fmt.Sprintf("%s were %s %s %s %s (relative likelihood %.2f).",
			group, likelihoodWords(cell.Num, aboveMeansLess), GroupName(c, ref), who, outcome, table.Round(cell.Num, 2))
	}
	return ""
}

// sayNumber writes the i-th figure for an alt text to one decimal place
// with a unit ("2.1 per 100 staff"), or why it is missing.
func (v values) sayNumber(i int, unit string) string {
	if !v.has(i) {
		return v.say(i)
	}
	return strconv.FormatFloat(table.Round(v.nums[i], 1), 'f', 1, 64) + unit
}

// sayCount writes the i-th count for an alt text, or why it is missing.
func (v values) sayCount(i int) string {
	if !v.has(i) {
		return v.say(i)
	}
	return thousands(v.nums[i])
}

func (b *builder) recruitment(c string, _ colourMap) *Chart {
	v, rows, period := b.periodView(c, catalog.Recruitment.Name, "characteristic", "category", "shortlist_rate", "appointment_rate")
	if len(rows) == 0 {
		return nil
	}
	var cats, parts []string
	var short, appt values
	for i, r := range rows {
		cats = append(cats, v.text(r, "category"))
		short.add(v.cell(r, "shortlist_rate"))
		appt.add(v.cell(r, "appointment_rate"))
		parts = append(parts, fmt.Sprintf("%s %s of applicants shortlisted and %s of those shortlisted appointed",
			cats[i], short.say(i), appt.say(i)))
	}
	name := Label(c)
	likely := likelihoodSentence(v, rows, c, "applicants", "to be appointed from shortlisting", true)
	sub := "Applications" + inPeriod(period) + "."
	if likely != "" {
		sub += " " + likely
	}
	alt := fmt.Sprintf("Bar chart of shortlisting and appointment rates by %s%s: %s.", lowerFirst(name), inPeriod(period), strings.Join(parts, "; "))
	if likely != "" {
		alt += " " + likely
	}
	return &Chart{
		ID: KindRecruitment + "-" + c, Title: name + ": shortlisting and appointment", Subtitle: sub,
		AltText:    alt,
		Kind:       Bar,
		Categories: cats,
		Series: []Series{
			short.series("Shortlisted (% of applicants)", Colour(0)),
			appt.series("Appointed (% of shortlisted)", Colour(1)),
		},
		ValueLabel: "%",
		Source:     catalog.Recruitment.Name, Characteristic: catalog.Recruitment.Name,
	}
}

func (b *builder) turnover(c string, _ colourMap) *Chart {
	v, rows, period := b.periodView(c, catalog.Turnover.Name, "characteristic", "category", "turnover_rate")
	if len(rows) == 0 {
		return nil
	}
	var cats []string
	var rate values
	for _, r := range rows {
		cats = append(cats, v.text(r, "category"))
		rate.add(v.cell(r, "turnover_rate"))
	}
	name := Label(c)
	return &Chart{
		ID: KindTurnover + "-" + c, Title: name + ": staff turnover",
		Subtitle: "Leavers" + inPeriod(period) + " as a % of the average headcount",
		AltText: fmt.Sprintf("Bar chart of staff turnover by %s%s, leavers as a percentage of the average headcount: %s.",
			lowerFirst(name), inPeriod(period), listing(cats, rate)),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series:     []Series{rate.series("Turnover %", Colour(0))},
		ValueLabel: "Turnover %",
		Source:     catalog.Turnover.Name, Characteristic: catalog.Turnover.Name,
	}
}

func (b *builder) casework(c string, colours colourMap) *Chart {
	v, rows, period := b.periodView(c, catalog.Casework.Name, "case_type", "characteristic", "category", "rate_per_100")
	if len(rows) == 0 {
		return nil
	}
	var x crossTab
	for _, r := range rows {
		x.add(v.text(r, "case_type"), v.text(r, "category"), v.cell(r, "rate_per_100"))
	}
	types := x.keys
	series, phrases := grid(types, x, colours, func(v values, j int) string { return v.sayNumber(j, "") })
	parts := make([]string, len(types))
	for j, ct := range types {
		parts[j] = ct + ": " + phrases[j]
	}
	name := Label(c)
	return &Chart{
		ID: KindCasework + "-" + c, Title: name + ": casework by case type",
		Subtitle: "Cases opened" + inPeriod(period) + " per 100 staff of each group (average headcount)",
		AltText: fmt.Sprintf("Bar chart of cases opened per 100 staff by case type and %s%s: %s.",
			lowerFirst(name), inPeriod(period), strings.Join(parts, "; ")),
		Kind:       Bar,
		Categories: types, Series: series,
		ValueLabel: "Cases per 100 staff",
		Source:     catalog.Casework.Name, Characteristic: catalog.Casework.Name,
	}
}

func (b *builder) training(c string, _ colourMap) *Chart {
	v, rows, period := b.periodView(c, catalog.Training.Name, "characteristic", "category", "received_rate")
	if len(rows) == 0 {
		return nil
	}
	var cats, parts []string
	var rate values
	for i, r := range rows {
		cats = append(cats, v.text(r, "category"))
		rate.add(v.cell(r, "received_rate"))
		parts = append(parts, cats[i]+" "+rate.sayNumber(i, ""))
	}
	name := Label(c)
	likely := likelihoodSentence(v, rows, c, "staff", "to receive non-mandatory training", true)
	sub := "Non-mandatory training received" + inPeriod(period) + " per 100 staff (average headcount)."
	alt := fmt.Sprintf("Bar chart of non-mandatory training received per 100 staff by %s%s: %s.",
		lowerFirst(name), inPeriod(period), strings.Join(parts, ", "))
	if likely != "" {
		sub += " " + likely
		alt += " " + likely
	}
	return &Chart{
		ID: KindTraining + "-" + c, Title: name + ": non-mandatory training", Subtitle: sub,
		AltText:    alt,
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series:     []Series{rate.series("Received per 100 staff", Colour(0))},
		ValueLabel: "Received per 100 staff",
		Source:     catalog.Training.Name, Characteristic: catalog.Training.Name,
	}
}

// ShortItem shortens a survey item for an axis label: items of up to
// surveyLabelMax characters are kept whole, longer ones are cut at the last
// word that fits and end with an ellipsis.
func ShortItem(item string) string {
	item = strings.TrimSpace(item)
	if utf8.RuneCountInString(item) <= surveyLabelMax {
		return item
	}
	cut := ""
	for _, w := range strings.Fields(item) {
		next := w
		if cut != "" {
			next = cut + " " + w
		}
		if utf8.RuneCountInString(next)+1 > surveyLabelMax {
			break
		}
		cut = next
	}
	if cut == "" { // one very long word
		cut = string([]rune(item)[:surveyLabelMax-1])
	}
	return strings.TrimRight(cut, " ,;:-–/") + "…"
}

func (b *builder) survey(c string, colours colourMap) *Chart {
	v, ok := b.view(catalog.StaffSurvey.Name, "item", "characteristic", "category", "positive_percent")
	if !ok {
		return nil
	}
	rows, period := periodRows(v, c)
	var x crossTab
	for _, r := range rows {
		if cat := v.text(r, "category"); !harmonise.IsMissing(cat) {
			x.add(v.text(r, "item"), cat, v.cell(r, "positive_percent"))
		}
	}
	items := x.keys
	if len(items) == 0 {
		return nil
	}
	labels := make([]string, len(items))
	for i, item := range items {
		labels[i] = ShortItem(item)
		// Two items cut to the same words are told apart by number.
		for k := 2; slices.Contains(labels[:i], labels[i]); k++ {
			labels[i] = ShortItem(item) + " (" + strconv.Itoa(k) + ")"
		}
	}
	series, phrases := grid(items, x, colours, values.say)
	parts := make([]string, len(items))
	for j, item := range items {
		parts[j] = "“" + item + "”: " + phrases[j]
	}
	name := Label(c)
	sub := "Staff survey"
	if period != "" {
		sub += " " + period
	}
	return &Chart{
		ID: KindSurvey + "-" + c, Title: name + ": staff survey",
		Subtitle: sub + ", % of respondents who agree or strongly agree, by " + lowerFirst(name) + " (declared groups)",
		AltText: fmt.Sprintf("Bar chart of the staff survey%s by %s, %% of respondents who agree or strongly agree with each item: %s.",
			inPeriod(period), lowerFirst(name), strings.Join(parts, "; ")),
		Kind:       Bar,
		Horizontal: true,
		Categories: labels, Series: series,
		ValueLabel: "% positive", ValueMax: 100,
		Source: catalog.StaffSurvey.Name, Characteristic: catalog.StaffSurvey.Name,
	}
}

func (b *builder) actionPlan() *Chart {
	v, ok := b.view(catalog.ActionPlanSummary.Name, "status", "actions", "overdue")
	if !ok || len(v.t.Rows) == 0 {
		return nil
	}
	var statuses, parts []string
	var actions, overdue values
	total := 0.0
	for i, r := range v.t.Rows {
		statuses = append(statuses, v.text(r, "status"))
		actions.add(v.cell(r, "actions"))
		overdue.add(v.cell(r, "overdue"))
		if actions.has(i) {
			total += actions.nums[i]
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s overdue)", statuses[i], actions.sayCount(i), overdue.sayCount(i)))
	}
	sub := "Actions by status, with those overdue (due and not complete)"
	if b.opts.AsOf != "" {
		sub = "Actions by status at " + LongDate(b.opts.AsOf) + ", with those overdue (due and not complete)"
	}
	return &Chart{
		ID: IDActionPlan, Title: "Equality action plan progress", Subtitle: sub,
		AltText: fmt.Sprintf("Bar chart of the equality action plan's %s actions by status: %s.",
			thousands(total), strings.Join(parts, "; ")),
		Kind:       Bar,
		Horizontal: true,
		Categories: statuses,
		Series:     []Series{actions.series("Actions", Colour(0)), overdue.series("Overdue", overdueColour)},
		ValueLabel: "Actions",
		Source:     catalog.ActionPlanSummary.Name, Characteristic: catalog.ActionPlan.Name,
	}
}
