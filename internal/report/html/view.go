package html

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// view is everything the page template shows, already formatted.
type view struct {
	Meta         report.Meta
	AsOf         string // long form, "31 March 2025"
	Period       string // the monitoring period with its dates, "2025/26 Q1, 1 April – 30 June 2025"
	Generated    string // long form, "10 April 2025 09:00 UTC"
	Nav          []navItem
	KPIs         []kpi
	Findings     []report.Finding
	OverTime     *section // headcount and the headline shares at every snapshot
	Targets      *tableView
	TargetCharts []chartView
	Sections     []section
	Monitoring   *section // the employment monitoring sections, as its Subsections
	Quality      qualityView
	Notes        []report.Note
	Markers      []marker
	ChartCount   int
	Specs        []chartSpec
	CSS          template.CSS
	ECharts      template.JS
	Script       template.JS
}

// navItem is one link of the page's navigation; a group of sections has
// its sections' links as Children.
type navItem struct {
	ID, Label string
	Children  []navItem
}

// kpi is one headline tile.
type kpi struct {
	Label  string
	Value  string
	Note   string
	Marker bool // Value is a marker such as [c], not a figure
}

// section is a part of the page about one characteristic, about pay, about
// all characteristics at once, about the trend over snapshots or about one
// topic of employment monitoring. A group of sections (employment
// monitoring) has them as Subsections, headed one level down.
type section struct {
	ID          string
	Heading     string
	Intro       []string // paragraphs under the heading
	KPIs        []kpi
	Notes       []string // paragraphs under the tiles
	Charts      []chartView
	Tables      []*tableView
	More        []*tableView // further tables, shown on request
	MoreSummary string       // the control that shows them
	Peers       *peerView
	Subsections []section
}

// chartView is one chart's figure: its container and its numbers as a table.
type chartView struct {
	ID       string
	Title    string
	Subtitle string
	AltText  string
	Height   int // pixels
	Source   string
	Data     *tableView
	Nested   bool // in a subsection, so its title is a level-4 heading
}

// tableView is a table ready to print: a caption, column headings and
// rows whose first cell heads the row.
type tableView struct {
	Caption string
	Columns []heading
	Rows    [][]cellView
}

type heading struct {
	Text    string
	Numeric bool
}

type cellView struct {
	Text    string
	Numeric bool
	Date    bool   // kept on one line
	Marker  string // title text explaining a [c]/[x]/[z] marker; empty for values
	RAG     string // CSS class of a badge (a target status, a raised flag); empty for other cells
}

type qualityView struct {
	Inputs   *tableView
	Warnings *tableView
	Unmapped *tableView
}

type marker struct{ Symbol, Meaning string }

// markerMeanings explains each GSS shorthand marker, in the words of the
// notes section and of the tooltip on every marked cell.
var markerMeanings = map[table.Status]string{
	table.Suppressed:    "confidential: withheld so that no individual can be identified",
	table.NotAvailable:  "not available",
	table.NotApplicable: "not applicable",
}

// Section and element IDs the page uses itself; a chart may not take one.
const (
	idSummary  = "section-summary"
	idFindings = "section-findings"
	idTargets  = "section-targets"
	idAcross   = "section-across"
	idQuality  = "section-quality"
	idNotes    = "section-notes"
)

var reservedIDs = []string{"main", "js-errors", "chart-status", "chart-data",
	idSummary, idFindings, idOverTime, idTargets, idAcross, idPay, idMonitoring, idQuality, idNotes,
	idRecruitment, idTurnover, idCasework, idTraining, idSurvey, idActionPlan}

func newView(pub *report.Publication) (*view, error) {
	v := &view{
		Meta:      pub.Meta,
		AsOf:      chart.LongDate(pub.Meta.AsOf),
		Period:    periodText(pub.Meta),
		Generated: longTime(pub.Meta.Generated),
		KPIs:      append(kpis(pub), monitoringKPIs(pub)...),
		Findings:  pub.Findings,
		Notes:     pub.Notes,
		Quality:   quality(pub.Quality),
		Markers: []marker{
			{"[c]", suppressionNote(pub.Meta.MinCount)},
			{"[x]", "Not available."},
			{"[z]", "Not applicable."},
		},
	}
	over := newOverTime(pub)
	charts := pub.Charts
	if over != nil && over.headcount != nil {
		charts = append([]chart.Chart{*over.headcount}, charts...)
	}
	if err := checkIDs(charts); err != nil {
		return nil, err
	}
	byCharacteristic := map[string][]chartView{}
	byTopic := map[string][]chartView{}
	var across, pay, overTime []chartView
	for _, c := range charts {
		raw, err := option(c)
		if err != nil {
			return nil, err
		}
		v.Specs = append(v.Specs, newSpec(c, raw))
		cv := newChartView(c)
		if t := pub.Table(c.Source); t != nil && t.Title != "" {
			cv.Source = t.Title // the run's own title, also for tables the catalog does not list
		}
		switch topic := topicOf(c); {
		case c.ID == chart.KindTargets:
			v.TargetCharts = append(v.TargetCharts, cv)
		case isPayChart(c):
			pay = append(pay, cv)
		case topic != "":
			cv.Nested = true
			byTopic[topic] = append(byTopic[topic], cv)
		case over.holds(c):
			overTime = append(overTime, cv)
		case c.Characteristic == "":
			across = append(across, cv)
		default:
			byCharacteristic[c.Characteristic] = append(byCharacteristic[c.Characteristic], cv)
		}
	}
	v.ChartCount = len(v.Specs)
	v.Targets = targetsTable(pub.Table(catalog.Targets.Name))
	if over != nil {
		s := over.section(overTime)
		v.OverTime = &s
	}

	profile := pub.Table(catalog.Profile.Name)
	for i, ch := range characteristics(pub, profile) {
		s := section{ID: sectionID(ch, i), Heading: chart.Label(ch), Charts: byCharacteristic[ch]}
		if t := profileTable(profile, pub.Meta.AsOf, ch); t != nil {
			s.Tables = append(s.Tables, t)
		}
		if len(s.Charts) > 0 || len(s.Tables) > 0 { // its only chart may be in the over-time block
			v.Sections = append(v.Sections, s)
		}
	}
	if s, ok := paySection(pub, pay); ok {
		v.Sections = append(v.Sections, s)
	}
	acrossSection := section{ID: idAcross, Heading: "Declaration rates and other measures", Charts: across}
	if t := declarationTable(pub.Table(catalog.Declaration.Name), pub.Meta.AsOf); t != nil {
		acrossSection.Tables = append(acrossSection.Tables, t)
	}
	if len(acrossSection.Charts) > 0 || len(acrossSection.Tables) > 0 {
		v.Sections = append(v.Sections, acrossSection)
	}
	v.Monitoring = monitoringGroup(pub, byTopic)

	v.Nav = append(v.Nav, navItem{ID: idSummary, Label: "Summary"})
	if len(v.Findings) > 0 {
		v.Nav = append(v.Nav, navItem{ID: idFindings, Label: "Key findings"})
	}
	if v.OverTime != nil {
		v.Nav = append(v.Nav, navItem{ID: idOverTime, Label: "Over time"})
	}
	if v.Targets != nil || len(v.TargetCharts) > 0 {
		v.Nav = append(v.Nav, navItem{ID: idTargets, Label: "Targets"})
	}
	for _, s := range v.Sections {
		v.Nav = append(v.Nav, navItem{ID: s.ID, Label: s.Heading})
	}
	if m := v.Monitoring; m != nil {
		group := navItem{ID: m.ID, Label: m.Heading}
		for _, s := range m.Subsections {
			group.Children = append(group.Children, navItem{ID: s.ID, Label: s.Heading})
		}
		v.Nav = append(v.Nav, group)
	}
	v.Nav = append(v.Nav, navItem{ID: idQuality, Label: "Data quality"}, navItem{ID: idNotes, Label: "Notes"})
	return v, nil
}

// periodText writes the monitoring period with its dates, "2025/26 Q1,
// 1 April – 30 June 2025"; the label alone when the dates are missing, and
// nothing when the run has no period.
func periodText(m report.Meta) string {
	if m.Period == "" {
		return ""
	}
	start, err1 := time.Parse(time.DateOnly, m.PeriodStart)
	end, err2 := time.Parse(time.DateOnly, m.PeriodEnd)
	if err1 != nil || err2 != nil {
		return m.Period
	}
	from := start.Format("2 January")
	if start.Year() != end.Year() {
		from = start.Format("2 January 2006")
	}
	return m.Period + ", " + from + " – " + end.Format("2 January 2006")
}

// suppressionNote says what [c] means, with the run's threshold.
func suppressionNote(minCount int) string {
	s := "Confidential: withheld so that no individual can be identified"
	if minCount > 0 {
		s += fmt.Sprintf(" (counts below %d, and the figures from which they could be worked out)", minCount)
	}
	return s + "."
}

// checkIDs makes sure every chart can be found by its ID on the page.
func checkIDs(cs []chart.Chart) error {
	seen := map[string]bool{}
	for _, c := range cs {
		switch {
		case c.ID == "":
			return fmt.Errorf("chart %q has no ID", c.Title)
		case strings.ContainsAny(c.ID, " \t\r\n"):
			return fmt.Errorf("chart ID %q contains white space", c.ID)
		case seen[c.ID]:
			return fmt.Errorf("two charts have the ID %q", c.ID)
		case slices.Contains(reservedIDs, c.ID) || strings.HasPrefix(c.ID, "section-"):
			return fmt.Errorf("chart ID %q is taken by the page itself", c.ID)
		}
		seen[c.ID] = true
	}
	return nil
}

// characteristics lists the characteristics that get a section: those of
// the profile and of the charts, in the order reports present them.
func characteristics(pub *report.Publication, profile *table.Table) []string {
	var found []string
	add := func(ch string) {
		if ch != "" && !slices.Contains(found, ch) {
			found = append(found, ch)
		}
	}
	if profile != nil {
		if i := profile.Index("characteristic"); i >= 0 {
			for _, row := range profile.Rows {
				if len(row) == len(profile.Columns) {
					add(row[i].Text)
				}
			}
		}
	}
	for _, c := range pub.Charts {
		if !isPayChart(c) && topicOf(c) == "" {
			add(c.Characteristic)
		}
	}
	sortCharacteristics(found)
	return found
}

// sortCharacteristics puts characteristics in the order reports present
// them; unknown ones keep their first-seen order, after the rest.
func sortCharacteristics(found []string) {
	rank := func(ch string) int {
		if i := slices.Index(harmonise.Reported, harmonise.Characteristic(ch)); i >= 0 {
			return i
		}
		return len(harmonise.Reported)
	}
	slices.SortStableFunc(found, func(a, b string) int { return rank(a) - rank(b) })
}

// sectionID names a characteristic's section. Every canonical
// characteristic makes a valid ID as it is; any other name gets a numbered
// one, so that a stray label can neither break the page nor hide a section.
func sectionID(characteristic string, i int) string {
	if characteristic != "" && strings.IndexFunc(characteristic, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) < 0 && !slices.Contains(reservedIDs, "section-"+characteristic) {
		return "section-" + characteristic
	}
	return "section-characteristic-" + strconv.Itoa(i+1)
}

func newChartView(c chart.Chart) chartView {
	return chartView{
		ID: c.ID, Title: c.Title, Subtitle: c.Subtitle, AltText: c.AltText,
		Height: chartHeight(c), Source: sourceTitle(c.Source), Data: chartData(c),
	}
}

// chartHeight gives horizontal bar charts room for every category's bars.
func chartHeight(c chart.Chart) int {
	if !c.Horizontal {
		return 360
	}
	per := 16 + 22*max(1, len(c.Series))
	if c.Kind == chart.StackedBar {
		per = 38
	}
	h := 90 + per*len(c.Categories)
	if len(c.Series) > 1 {
		h += 32 // the legend
	}
	if len(c.Targets) > 0 {
		h += 20 // target labels
	}
	return max(h, 200)
}

// sourceTitle names the table a chart comes from by its title.
func sourceTitle(name string) string {
	if e, ok := catalog.Lookup(name); ok {
		return e.Title
	}
	return name
}

// chartData is the "Show data" table of a chart: a row per category, a
// column per series, the same numbers the chart draws.
func chartData(c chart.Chart) *tableView {
	u, places := unit(c), decimals(c)
	t := &tableView{Caption: "Data for: " + c.Title, Columns: []heading{{Text: "Category"}}}
	for _, s := range c.Series {
		t.Columns = append(t.Columns, heading{Text: s.Name, Numeric: true})
	}
	for i, cat := range c.Categories {
		row := []cellView{{Text: cat}}
		for _, s := range c.Series {
			if s.Withheld(i) {
				row = append(row, markerCell(table.Suppressed))
				continue
			}
			row = append(row, cellView{Text: formatValue(s.Values[i], places) + u, Numeric: true})
		}
		t.Rows = append(t.Rows, row)
	}
	for _, tg := range c.Targets {
		row := []cellView{{Text: tg.Label}}
		for range c.Series {
			row = append(row, cellView{Text: formatValue(tg.Value, places) + u, Numeric: true})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func markerCell(s table.Status) cellView {
	return cellView{Text: s.Marker(), Numeric: true, Marker: markerMeanings[s]}
}

// oneDecimal writes a chart value the way chart labels show it: 76.92 → "76.9".
func oneDecimal(v float64) string {
	return strconv.FormatFloat(table.Round(v, 1), 'f', 1, 64)
}

// longTime writes an RFC 3339 time as "10 April 2025 09:00 UTC"; other text
// is shown as it is.
func longTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006 15:04 MST")
}

// thousands writes a count with thousands separators: 6425 → "6,425".
func thousands(v float64) string {
	s := strconv.FormatInt(int64(table.Round(v, 0)), 10)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// cell formats one published cell for a table on the page: counts with
// thousands separators, markers with their meaning.
func cell(c table.Cell, col table.Column) cellView {
	numeric := col.Kind == table.Count || col.Kind == table.Percent || col.Kind == table.Ratio || col.Kind == table.Number
	switch c.Status {
	case table.Value:
	case table.Empty:
		return cellView{Numeric: numeric}
	default:
		v := markerCell(c.Status)
		v.Numeric = numeric
		return v
	}
	switch col.Kind {
	case table.Count:
		return cellView{Text: thousands(c.Num), Numeric: true}
	case table.Date:
		return cellView{Text: chart.LongDate(c.Text), Date: true}
	}
	return cellView{Text: c.Format(col), Numeric: numeric}
}

// rowsAt returns the rows of a table whose text columns equal the given
// name, value pairs, limited to the reported snapshot when the table has
// snapshots; none when a named column is missing.
func rowsAt(t *table.Table, asOf string, pairs ...string) []table.Row {
	if t == nil {
		return nil
	}
	if asOf != "" && t.Index("snapshot_date") >= 0 {
		pairs = append([]string{"snapshot_date", asOf}, pairs...)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		if t.Index(pairs[i]) < 0 {
			return nil
		}
	}
	var out []table.Row
	for _, row := range t.Rows {
		if len(row) != len(t.Columns) {
			continue
		}
		if matches(t, row, pairs) {
			out = append(out, row)
		}
	}
	return out
}

func matches(t *table.Table, row table.Row, pairs []string) bool {
	for i := 0; i+1 < len(pairs); i += 2 {
		if row[t.Index(pairs[i])].Text != pairs[i+1] {
			return false
		}
	}
	return true
}

// tableOf lays out rows of a published table, leaving out the given columns
// (those every row shares, such as the snapshot date).
func tableOf(t *table.Table, caption string, rows []table.Row, drop ...string) *tableView {
	if len(rows) == 0 {
		return nil
	}
	tv := &tableView{Caption: caption}
	var keep []int
	for i, col := range t.Columns {
		if slices.Contains(drop, col.Name) {
			continue
		}
		keep = append(keep, i)
		numeric := col.Kind == table.Count || col.Kind == table.Percent || col.Kind == table.Ratio || col.Kind == table.Number
		tv.Columns = append(tv.Columns, heading{Text: col.Heading(), Numeric: numeric})
	}
	for _, row := range rows {
		var cells []cellView
		for _, i := range keep {
			c := cell(row[i], t.Columns[i])
			if t.Columns[i].Name == "characteristic" {
				c.Text = chart.Label(row[i].Text)
			}
			cells = append(cells, c)
		}
		tv.Rows = append(tv.Rows, cells)
	}
	return tv
}

func profileTable(t *table.Table, asOf, characteristic string) *tableView {
	rows := rowsAt(t, asOf, "characteristic", characteristic)
	if len(rows) == 0 {
		return nil
	}
	caption := "Workforce profile: " + chart.Label(characteristic)
	if asOf != "" {
		caption += ", " + chart.LongDate(asOf)
	}
	return tableOf(t, caption, rows, "snapshot_date", "characteristic")
}

func declarationTable(t *table.Table, asOf string) *tableView {
	rows := rowsAt(t, asOf)
	if len(rows) == 0 {
		return nil
	}
	caption := t.Title
	if asOf != "" {
		caption += ", " + chart.LongDate(asOf)
	}
	return tableOf(t, caption, rows, "snapshot_date")
}
