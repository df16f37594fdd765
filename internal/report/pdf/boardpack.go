package pdf

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

const boardPackName = "Equalities board pack"

// isBoardPack says whether the publication asks for the board pack.
func isBoardPack(m report.Meta) bool { return m.Report == "board_pack" }

// reportTitle is the document's title: the pipeline's, else the report's name.
func reportTitle(m report.Meta) string {
	switch {
	case m.Title != "":
		return m.Title
	case isBoardPack(m):
		return boardPackName
	}
	return profileName
}

// reportHeading is the cover's line saying what the report covers and when.
func reportHeading(m report.Meta) string {
	if !isBoardPack(m) {
		return profileHeading(m)
	}
	if m.Period == "" {
		return "Workforce figures at " + longDate(m.AsOf)
	}
	return "Report for " + m.Period + ", workforce figures at " + longDate(m.AsOf)
}

// boardPack lists the sections of the equalities board pack, leaving out
// those the publication has no figures for.
func boardPack(pub *report.Publication) []section {
	ss := []section{
		{title: "Cover", build: (*doc).cover},
		{title: "Contents", build: (*doc).contents},
		{title: "Summary", listed: true, build: (*doc).summary},
	}
	d := &doc{pub: pub}
	if len(d.workforceCharacteristics()) > 0 {
		ss = append(ss, section{title: "Workforce profile", listed: true, build: (*doc).workforceProfile})
	}
	if len(d.seniorGroups()) > 0 {
		ss = append(ss, section{title: "Senior representation", listed: true, build: (*doc).seniorRepresentation})
	}
	if d.hasPay() {
		ss = append(ss, section{title: payTitle, listed: true, build: (*doc).boardPay})
	}
	ss = append(ss, d.monitoringSections()...)
	return append(ss, section{title: "Methodology and data quality", listed: true, build: (*doc).boardMethodology})
}

// Themes group the key findings on the summary page by the table each
// finding came from; a table not listed belongs to the workforce.
var (
	payTables = []string{catalog.GenderPayGap.Name, catalog.PayGap.Name, catalog.PayQuartiles.Name, catalog.PayGapPeers.Name}
	// The monitoring tables are in monitoringTopics.
	themes = []string{"Workforce", "Pay", "Employment monitoring"}
)

// themeOf names the theme of a finding's table ("" for the targets, whose
// findings lead the targets table).
func themeOf(tableName string) string {
	switch {
	case tableName == catalog.Targets.Name:
		return ""
	case slices.Contains(payTables, tableName):
		return "Pay"
	case isMonitoringTable(tableName):
		return "Employment monitoring"
	}
	return "Workforce"
}

// focusGroup is a group a workforce finding can be about, named as the
// finding names it at the start of its sentence.
type focusGroup struct {
	characteristic, category, people string
}

var focusGroups = []focusGroup{
	{"sex", "Female", "Women"},
	{"ethnic_minority", "Ethnic minority", "Ethnic minority staff"},
	{"disability", "Disabled", "Disabled staff"},
	{"lgb", "LGB+", "LGB+ staff"},
}

// point is a figure at a snapshot.
type point struct {
	date  string
	value float64
}

// series returns the numeric cells of a column over the snapshots, from the
// rows whose text columns match the pairs; withheld figures are left out.
func series(t *table.Table, column string, pairs ...string) []point {
	var out []point
	for _, row := range rowsWhere(t, pairs...) {
		c, _ := field(t, row, column)
		if c.IsValue() {
			out = append(out, point{date: str(t, row, "snapshot_date"), value: c.Num})
		}
	}
	return out
}

// previousPoint picks the earlier figure to compare the as-of figure with:
// the latest at least a year before the as-of date, else the earliest one
// (when every earlier snapshot is within the year).
func previousPoint(points []point, asOf string) (point, bool) {
	t, err := time.Parse(isoDate, asOf)
	if err != nil {
		return point{}, false
	}
	yearBefore := t.AddDate(-1, 0, 0).Format(isoDate)
	var best, earliest point
	found, seen := false, false
	for _, p := range points {
		if p.date >= asOf || p.date == "" {
			continue
		}
		if !seen || p.date < earliest.date {
			earliest, seen = p, true
		}
		if p.date <= yearBefore && (!found || p.date > best.date) {
			best, found = p, true
		}
	}
	if found {
		return best, true
	}
	return earliest, seen
}

// snapshotName names an earlier snapshot beside a figure: its year when it
// falls on the same day of the year as the as-of date, else its date.
func snapshotName(date, asOf string) string {
	if len(date) == len(isoDate) && len(asOf) == len(isoDate) && date[4:] == asOf[4:] {
		return date[:4]
	}
	return shortDate(date)
}

// change describes the move from an earlier figure to the as-of figure,
// each written by format: "▲ up from 51.9% (2024)", "▼ down from 5.0%
// (2024)" or "no change since 2024". It is "" when the as-of figure is not
// among the points, is not what the finding's text says (format(value)
// must appear in it), or there is no earlier figure.
func change(points []point, asOf, text string, format func(float64) string) string {
	var cur point
	found := false
	for _, p := range points {
		if p.date == asOf {
			cur, found = p, true
		}
	}
	if !found || !strings.Contains(text, format(cur.value)) {
		return ""
	}
	prev, ok := previousPoint(points, asOf)
	if !ok {
		return ""
	}
	now, before := format(cur.value), format(prev.value)
	when := snapshotName(prev.date, asOf)
	switch {
	case now == before:
		return "no change since " + when
	case cur.value > prev.value:
		return "▲ up from " + before + " (" + when + ")"
	}
	return "▼ down from " + before + " (" + when + ")"
}

func sharePercent(v float64) string { return fixed(v, 1) + "%" }

func headcountText(v float64) string { return thousands(int64(table.Round(v, 0))) }

// direction says how the figure a finding reports has moved since the
// snapshot a year earlier, where the tables hold the earlier figure: a
// group's share of all staff or of senior staff (the trend table), the
// headcount (the profile table), a declaration rate (the declaration
// table) and the mean gender pay gap (the gender pay gap table). The
// monitoring tables cover one period, so their findings have none.
func (d *doc) direction(f report.Finding) string {
	asOf := d.pub.Meta.AsOf
	switch f.Table {
	case catalog.Profile.Name, catalog.SeniorRepresentation.Name:
		for _, g := range focusGroups {
			if !strings.HasPrefix(f.Text, g.people+" ") {
				continue
			}
			scope := "all"
			if f.Table == catalog.SeniorRepresentation.Name {
				scope = "senior"
			}
			points := series(d.pub.Table(catalog.Trend.Name), "percent", "characteristic", g.characteristic, "category", g.category, "scope", scope)
			return change(points, asOf, f.Text, sharePercent)
		}
		if f.Table == catalog.Profile.Name {
			return change(d.headcounts(), asOf, f.Text, headcountText)
		}
	case catalog.GenderPayGap.Name:
		points := series(d.pub.Table(catalog.GenderPayGap.Name), "DiffMeanHourlyPercent")
		return change(points, asOf, f.Text, sharePercent)
	case catalog.Declaration.Name:
		t := d.pub.Table(catalog.Declaration.Name)
		lower := strings.ToLower(f.Text)
		best := ""
		for _, row := range d.current(t) {
			c := str(t, row, "characteristic")
			if strings.Contains(lower, strings.ToLower(chart.Label(c))) && len(c) > len(best) {
				best = c
			}
		}
		if best != "" {
			return change(series(t, "declaration_rate", "characteristic", best), asOf, f.Text, sharePercent)
		}
	}
	return ""
}

// headcounts are the staff totals at each snapshot of the profile table,
// from the sex rows, leaving out any snapshot with a withheld count.
func (d *doc) headcounts() []point {
	t := d.pub.Table(catalog.Profile.Name)
	totals := map[string]float64{}
	withheld := map[string]bool{}
	var dates []string
	for _, row := range rowsWhere(t, "characteristic", "sex") {
		day := str(t, row, "snapshot_date")
		if !slices.Contains(dates, day) {
			dates = append(dates, day)
		}
		c, _ := field(t, row, "headcount")
		if !c.IsValue() {
			withheld[day] = true
			continue
		}
		totals[day] += c.Num
	}
	var out []point
	for _, day := range dates {
		if !withheld[day] {
			out = append(out, point{date: day, value: totals[day]})
		}
	}
	return out
}

// summaryItem is one key finding on the summary page.
type summaryItem struct {
	text, direction string
}

// Sizes of the summary page: the findings are set at the largest of these
// sizes at which the page holds them and the targets.
var summarySizes = []float64{10, 9.5, 9, 8.5, 8}

const (
	bulletIndent = 5.0
	directionW   = 40.0 // the "since last year" column
	themeSize    = 10.5
)

// summaryLayout is the summary page's findings, grouped by theme.
type summaryLayout struct {
	groups     [][]summaryItem // in the order of themes
	directions bool            // some finding has a direction
	targets    []string        // the findings that lead the targets table
}

func (d *doc) summaryLayout() summaryLayout {
	var l summaryLayout
	l.groups = make([][]summaryItem, len(themes))
	for _, f := range d.pub.Findings {
		if f.Text == "" {
			continue
		}
		theme := themeOf(f.Table)
		if theme == "" {
			l.targets = append(l.targets, f.Text)
			continue
		}
		item := summaryItem{text: f.Text, direction: d.direction(f)}
		l.directions = l.directions || item.direction != ""
		i := slices.Index(themes, theme)
		l.groups[i] = append(l.groups[i], item)
	}
	return l
}

// findingWidths are the widths of a finding's text and of its direction.
func (l summaryLayout) findingWidths() (float64, float64) {
	if !l.directions {
		return contentW - bulletIndent, 0
	}
	return contentW - bulletIndent - directionW - 3, directionW
}

// itemWidths are the widths of a finding's text and of its direction: a
// finding without a direction runs across the direction column.
func (l summaryLayout) itemWidths(it summaryItem) (float64, float64) {
	if it.direction == "" {
		return contentW - bulletIndent, 0
	}
	return l.findingWidths()
}

// itemHeight is the height of one finding at a size.
func (d *doc) itemHeight(l summaryLayout, it summaryItem, size float64) float64 {
	textW, dirW := l.itemWidths(it)
	d.font("", size)
	h := float64(len(d.wrap(it.text, textW))) * lineHeight(size)
	if it.direction != "" {
		d.font("B", size-1)
		h = max(h, float64(len(d.wrap(it.direction, dirW)))*lineHeight(size-1))
	}
	return h + size*0.17
}

// findingsHeight is the height of the grouped findings at a size.
func (d *doc) findingsHeight(l summaryLayout, size float64) float64 {
	h := 0.0
	for _, items := range l.groups {
		if len(items) == 0 {
			continue
		}
		h += lineHeight(themeSize) + 1.5
		for _, it := range items {
			h += d.itemHeight(l, it, size)
		}
		h += 2
	}
	return h
}

const targetsKey = "Met: the figure is on the right side of the target. Improving: not met, but closer than at the previous snapshot. " +
	"Not met: otherwise. No data: the figure is withheld or missing. ≥ means at least the target; ≤ at most."

// summary draws the one-page summary: the key findings by theme, each with
// its direction since last year, then the targets with their status.
func (d *doc) summary() {
	d.sectionTitle("Summary")
	l := d.summaryLayout()
	intro := "The key findings of this pack, from its published tables."
	if l.directions {
		intro += " ▲ and ▼ give the direction since the snapshot a year earlier; the employment monitoring covers one period, so has no direction."
	}
	d.note(intro)

	t := d.pub.Table(catalog.Targets.Name)
	hasTargets := t != nil && len(t.Rows) > 0
	targetsH := 0.0
	var g grid
	if hasTargets {
		g = d.summaryTargetsGrid(t)
		targetsH = subheadingH + 2 + d.textHeight(targetsKey, 8.5) + 2 + d.layoutGrid(g).height() + 3
		for _, s := range l.targets {
			targetsH += d.textHeight(s, 10) + 2.5
		}
	}
	room := bodyBottom - d.f.GetY()
	size := summarySizes[len(summarySizes)-1]
	for _, s := range summarySizes {
		if d.findingsHeight(l, s)+targetsH <= room {
			size = s
			break
		}
	}
	first := true
	for i, items := range l.groups {
		if len(items) == 0 {
			continue
		}
		d.summaryTheme(l, themes[i], items, size, first)
		first = false
	}
	if first {
		d.paragraph("No findings were written for this run.")
	}
	if !hasTargets {
		return
	}
	d.subheading("Targets", d.layoutGrid(g).keepHeight()+d.textHeight(targetsKey, 8.5))
	for _, s := range l.targets {
		d.paragraph(s)
	}
	d.note(targetsKey)
	d.table(g)
}

// summaryTheme draws one theme's findings as bullets, each direction in a
// column at the right, headed "Since last year" over the first theme.
func (d *doc) summaryTheme(l summaryLayout, theme string, items []summaryItem, size float64, first bool) {
	_, dirW := l.findingWidths()
	d.ensure(lineHeight(themeSize) + 1.5 + d.itemHeight(l, items[0], size))
	y := d.f.GetY()
	d.font("B", themeSize)
	d.textColour(accent)
	d.f.SetXY(marginL, y)
	d.f.CellFormat(contentW-dirW, lineHeight(themeSize), theme, "", 0, "L", false, 0, "")
	if first && l.directions {
		d.font("B", 7.5)
		d.textColour(muted)
		d.f.SetXY(marginL+contentW-dirW, y)
		d.f.CellFormat(dirW, lineHeight(themeSize), "Since last year", "", 0, "L", false, 0, "")
	}
	d.f.SetY(y + lineHeight(themeSize) + 1.5)
	for _, it := range items {
		h := d.itemHeight(l, it, size)
		textW, dirW := l.itemWidths(it)
		d.ensure(h)
		y := d.f.GetY()
		d.fillColour(accent)
		d.f.Circle(marginL+1.5, y+lineHeight(size)/2, 0.8, "F")
		d.font("", size)
		d.textColour(ink)
		d.f.SetXY(marginL+bulletIndent, y)
		d.f.MultiCell(textW, lineHeight(size), it.text, "", "L", false)
		if it.direction != "" {
			d.font("B", size-1)
			d.textColour(ink)
			d.f.SetXY(marginL+contentW-dirW, y+(lineHeight(size)-lineHeight(size-1))/2)
			d.f.MultiCell(dirW, lineHeight(size-1), it.direction, "", "L", false)
		}
		d.f.SetY(y + h)
	}
	d.textColour(ink)
	d.space(2)
}

// workforceCharacteristicOrder is the order of the workforce profile.
var workforceCharacteristicOrder = []string{"sex", "ethnic_minority", "disability", "age_band"}

// workforceCharacteristics lists the characteristics of the workforce
// profile that have a profile chart or profile rows at the as-of snapshot.
func (d *doc) workforceCharacteristics() []string {
	var out []string
	t := d.pub.Table(catalog.Profile.Name)
	for _, c := range workforceCharacteristicOrder {
		if len(d.chartsWhere(c, isKind(chart.KindProfile))) > 0 || len(d.current(t, "characteristic", c)) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// isKind keeps the charts of one kind.
func isKind(kind string) func(string) bool {
	return func(k string) bool { return k == kind }
}

// workforceProfile draws the profile charts of sex, ethnic minority,
// disability and age two to a row, and their declaration rates.
func (d *doc) workforceProfile() {
	d.sectionTitle("Workforce profile")
	m := d.pub.Meta
	intro := "Each group’s share of all staff"
	if m.AsOf != "" {
		intro += " at " + longDate(m.AsOf)
	}
	if n := d.staffTotal(); n != "" {
		intro += " (" + n + " staff in post)"
	}
	intro += ". Staff who preferred not to say and those whose characteristic is not known are shown as groups of their own."
	d.paragraph(intro)

	var charts []chart.Chart
	var tables []string
	for _, c := range d.workforceCharacteristics() {
		cs := d.chartsWhere(c, isKind(chart.KindProfile))
		if len(cs) == 0 {
			tables = append(tables, c)
			continue
		}
		charts = append(charts, cs...)
	}
	d.chartPairs(charts)
	for _, c := range tables {
		g := d.profileGrid(c)
		d.subheading(characteristicName(c), d.layoutGrid(g).keepHeight())
		d.table(g)
	}

	t := d.pub.Table(catalog.Declaration.Name)
	g := grid{cols: []column{
		{head: "Characteristic", weight: 40},
		{head: "All staff", weight: 18, right: true},
		{head: "Declared", weight: 18, right: true},
		{head: "Prefer not to say", weight: 18, right: true},
		{head: "Not known", weight: 18, right: true},
		{head: "Declaration rate %", weight: 18, right: true},
	}}
	for _, c := range d.workforceCharacteristics() {
		for _, row := range d.current(t, "characteristic", c) {
			g.rows = append(g.rows, []string{
				characteristicName(c), show(t, row, "total"), show(t, row, "declared"),
				show(t, row, "prefer_not_to_say"), show(t, row, "not_known"), show(t, row, "declaration_rate"),
			})
		}
	}
	if len(g.rows) == 0 {
		return
	}
	d.subheading("Declaration", d.layoutGrid(g).keepHeight())
	d.table(g)
}

// profileGrid is a characteristic's profile table at the as-of snapshot.
func (d *doc) profileGrid(c string) grid {
	t := d.pub.Table(catalog.Profile.Name)
	g := grid{cols: []column{
		{head: "Category", weight: 70},
		{head: "Headcount", weight: 20, right: true},
		{head: "% of all staff", weight: 20, right: true},
		{head: "% of staff who declared", weight: 22, right: true},
	}}
	for _, row := range d.current(t, "characteristic", c) {
		g.rows = append(g.rows, []string{
			str(t, row, "category"), show(t, row, "headcount"), show(t, row, "percent"), show(t, row, "percent_of_declared"),
		})
	}
	return g
}

// seniorGroups are the focus groups with a row in the senior
// representation table at the as-of snapshot.
func (d *doc) seniorGroups() []focusGroup {
	t := d.pub.Table(catalog.SeniorRepresentation.Name)
	var out []focusGroup
	for _, g := range focusGroups {
		if len(d.current(t, "characteristic", g.characteristic, "category", g.category)) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// seniorTarget returns the target on a group's share of senior staff.
func (d *doc) seniorTarget(g focusGroup) (table.Row, bool) {
	t := d.pub.Table(catalog.Targets.Name)
	rows := rowsWhere(t, "characteristic", g.characteristic, "category", g.category, "measure", "percent_of_senior")
	if len(rows) == 0 {
		return nil, false
	}
	return rows[0], true
}

// seniorRepresentation draws each focus group's share of senior posts
// against its share of all staff, its direction and its target, then the
// senior charts (with their target lines) and the groups' shares over time.
func (d *doc) seniorRepresentation() {
	d.sectionTitle("Senior representation")
	m := d.pub.Meta
	senior := d.pub.Table(catalog.SeniorRepresentation.Name)
	targets := d.pub.Table(catalog.Targets.Name)
	intro := "Senior grades are those the pipeline marks as senior"
	if m.SeniorFrom != "" {
		intro = "Senior grades are " + m.SeniorFrom + " and above"
	}
	for _, row := range d.current(senior) {
		if c, col := field(senior, row, "senior_total"); c.IsValue() {
			intro += " (" + formatCell(c, col) + " staff)"
			break
		}
	}
	intro += ". For each group, its share of senior posts against its share of all staff, the change since last year and its target. " +
		"A clear difference means the group’s share of all staff lies outside the 95% confidence interval of its share of senior staff."
	d.paragraph(intro)

	g := grid{cols: []column{
		{head: "Group", weight: 26},
		{head: "% of senior staff", weight: 16, right: true},
		{head: "Since last year", weight: 37},
		{head: "% of all staff", weight: 14, right: true},
		{head: "Compared with all staff", weight: 24},
		{head: "Target %", weight: 13, right: true},
		{head: "Status", weight: 21, chip: true},
	}}
	for _, fg := range d.seniorGroups() {
		row := d.current(senior, "characteristic", fg.characteristic, "category", fg.category)[0]
		share, col := field(senior, row, "percent_of_senior")
		since := ""
		if share.IsValue() {
			points := series(d.pub.Table(catalog.Trend.Name), "percent", "characteristic", fg.characteristic, "category", fg.category, "scope", "senior")
			since = change(points, m.AsOf, sharePercent(share.Num), sharePercent)
		}
		verdict := show(senior, row, "significant")
		if c, _ := field(senior, row, "significant"); c.IsValue() {
			switch strings.ToLower(c.Text) {
			case "yes", "true":
				verdict = "Clear difference"
			case "no", "false":
				verdict = "No clear difference"
			}
		}
		target, status := "", ""
		if tr, ok := d.seniorTarget(fg); ok {
			target = show(targets, tr, "target_percent")
			status = str(targets, tr, "status")
		}
		g.rows = append(g.rows, []string{fg.category, formatCell(share, col), since, show(senior, row, "percent_of_all_staff"), verdict, target, status})
	}
	d.table(g)

	var charts []chart.Chart
	for _, c := range []string{"sex", "ethnic_minority", "disability", "lgb"} {
		charts = append(charts, d.chartsWhere(c, isKind(chart.KindSenior))...)
	}
	if len(charts) > 0 {
		d.subheading("Senior staff compared with all staff", d.pairHeight(charts))
		d.chartPairs(charts)
	}
	trend, dropped := d.seniorTrendGrid(d.seniorGroups())
	if len(trend.rows) == 0 {
		return
	}
	explain := "Each group’s share of senior staff at each snapshot."
	if dropped > 0 {
		explain += fmt.Sprintf(" The %d earlier snapshots are in the trend table published with this report.", dropped)
	}
	d.subheading("Share of senior staff over time", d.layoutGrid(trend).keepHeight()+d.textHeight(explain, 8.5))
	d.table(trend)
	d.note(explain)
}
