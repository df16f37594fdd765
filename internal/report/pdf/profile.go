package pdf

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

const profileName = "Workforce equality profile"

// profileHeading is the cover's line saying what the report is and when.
func profileHeading(m report.Meta) string {
	return profileName + " at " + longDate(m.AsOf)
}

// annualProfile lists the sections of the annual workforce equality
// profile, leaving out those the publication has no figures for.
func annualProfile(pub *report.Publication) []section {
	ss := []section{
		{title: "Cover", build: (*doc).cover},
		{title: "Contents", build: (*doc).contents},
		{title: "Key findings", listed: true, build: (*doc).keyFindings},
	}
	d := &doc{pub: pub}
	if len(d.current(pub.Table(catalog.Declaration.Name))) > 0 {
		ss = append(ss, section{title: "Declaration rates", listed: true, build: (*doc).declaration})
	}
	for _, c := range d.profileCharacteristics() {
		ss = append(ss, section{title: characteristicName(c), listed: true, build: func(d *doc) { d.characteristic(c) }})
	}
	if d.hasPay() {
		ss = append(ss, section{title: payTitle, listed: true, build: (*doc).payGaps})
	}
	ss = append(ss, d.monitoringSections()...)
	if len(d.current(pub.Table(catalog.Benchmark.Name))) > 0 {
		ss = append(ss, section{title: benchmarkTitle, listed: true, build: (*doc).benchmark})
	}
	return append(ss, section{title: "Methodology and data quality", listed: true, build: (*doc).methodology})
}

const benchmarkTitle = "Workforce compared with the local population"

// current returns a table's rows for the as-of snapshot (all its rows when
// it has no snapshot column, as the targets table has not).
func (d *doc) current(t *table.Table, pairs ...string) []table.Row {
	if t == nil {
		return nil
	}
	if t.Index("snapshot_date") >= 0 && d.pub.Meta.AsOf != "" {
		pairs = append([]string{"snapshot_date", d.pub.Meta.AsOf}, pairs...)
	}
	return rowsWhere(t, pairs...)
}

// profileCharacteristics lists the characteristics in the profile table at
// the as-of snapshot, in the order reports present them (any this package
// does not know come last, as first seen).
func (d *doc) profileCharacteristics() []string {
	t := d.pub.Table(catalog.Profile.Name)
	seen := map[string]bool{}
	var found []string
	for _, row := range d.current(t) {
		if c := str(t, row, "characteristic"); c != "" && !seen[c] {
			seen[c] = true
			found = append(found, c)
		}
	}
	var out []string
	for _, c := range harmonise.Reported {
		if seen[string(c)] {
			out = append(out, string(c))
		}
	}
	for _, c := range found {
		if _, known := characteristicNames[harmonise.Characteristic(c)]; !known {
			out = append(out, c)
		}
	}
	return out
}

// chartKind is the kind part of a chart ID ("profile" of "profile-sex").
func chartKind(c chart.Chart) string {
	kind, _, _ := strings.Cut(c.ID, "-")
	return kind
}

// chartsWhere returns the publication's charts about a characteristic
// ("" for charts across characteristics) that pass keep, in their order.
func (d *doc) chartsWhere(characteristic string, keep func(kind string) bool) []chart.Chart {
	var out []chart.Chart
	for _, c := range d.pub.Charts {
		if c.Characteristic == characteristic && keep(chartKind(c)) {
			out = append(out, c)
		}
	}
	return out
}

func (d *doc) cover() {
	m := d.pub.Meta
	f := d.f
	const band = 100.0
	d.fillColour(accent)
	f.Rect(0, 0, pageW, band, "F")

	title := reportTitle(m)
	// The organisation and title sit at the foot of the band, however many
	// lines the title takes.
	d.font("B", 30)
	titleH := float64(len(d.wrap(title, contentW))) * lineHeight(30)
	d.font("", 14)
	orgH := float64(len(d.wrap(m.Organisation, contentW))) * lineHeight(14)
	d.textColour(white)
	f.SetXY(marginL, band-16-titleH-4-orgH)
	f.MultiCell(contentW, lineHeight(14), m.Organisation, "", "L", false)
	d.font("B", 30)
	f.SetXY(marginL, f.GetY()+4)
	f.MultiCell(contentW, lineHeight(30), title, "", "L", false)

	f.SetY(band + 14)
	d.styledText(reportHeading(m), "B", 16, ink)
	d.space(8)

	var facts []string
	if generated := generatedDate(m.Generated); generated != "" {
		fact := "Generated on " + generated
		if m.Version != "" {
			fact += " by equip " + m.Version
		}
		facts = append(facts, fact+".")
	}
	if n := d.staffTotal(); n != "" {
		facts = append(facts, fmt.Sprintf("Figures are for the %s staff in post at %s.", n, longDate(m.AsOf)))
	}
	if period := d.monitoringPeriod(); period != "" {
		facts = append(facts, "Employment monitoring covers "+period+".")
	}
	facts = append(facts, "Disclosure control: "+suppressionRule(m))
	for _, fact := range facts {
		d.styledText(fact, "", 11, muted)
		d.space(2.5)
	}
	if m.SmallCounts {
		d.space(6)
		d.smallCountsWarning()
	}

	d.font("", 9)
	d.textColour(muted)
	f.SetXY(marginL, pageH-30)
	closing := "Aggregate figures only. The tables behind every chart are published with this report as CSV files and a workbook."
	f.MultiCell(contentW, lineHeight(9), closing, "", "L", false)
}

// generatedDate writes Meta.Generated (RFC 3339) as a long date.
func generatedDate(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// suppressionRule says what disclosure control withheld, as a clause.
func suppressionRule(m report.Meta) string {
	return fmt.Sprintf("counts below %d, and the figures from which they could be worked out, are shown as [c].", m.MinCount)
}

// smallCountsWarning is a boxed warning that the threshold was lowered.
func (d *doc) smallCountsWarning() {
	m := d.pub.Meta
	head := "Warning: this report may identify individuals"
	body := fmt.Sprintf("The disclosure-control threshold was lowered to %d on purpose for this run, below the safe minimum of 3. "+
		"Small counts are shown that could identify individual members of staff. Do not publish this report or share it beyond those entitled to see personal data.", m.MinCount)
	d.font("", 10)
	lines := d.wrap(body, contentW-12)
	h := 6 + lineHeight(13) + 2 + float64(len(lines))*lineHeight(10) + 5
	d.ensure(h)
	y := d.f.GetY()
	d.fillColour(warnFill)
	d.drawColour(warnEdge)
	d.f.SetLineWidth(0.8)
	d.f.Rect(marginL, y, contentW, h, "FD")
	d.fillColour(warnEdge)
	d.f.Rect(marginL, y, 3, h, "F")
	d.font("B", 13)
	d.textColour(ink)
	d.f.SetXY(marginL+8, y+5)
	d.f.CellFormat(contentW-12, lineHeight(13), head, "", 2, "L", false, 0, "")
	d.f.SetXY(marginL+8, d.f.GetY()+2)
	d.font("", 10)
	d.f.MultiCell(contentW-12, lineHeight(10), body, "", "L", false)
	d.f.SetY(y + h + 4)
}

// staffTotal is the headcount at the as-of snapshot, from the declaration
// table ("" when it is not published).
func (d *doc) staffTotal() string {
	t := d.pub.Table(catalog.Declaration.Name)
	best := table.Cell{Status: table.Empty}
	var col table.Column
	for _, row := range d.current(t) {
		c, k := field(t, row, "total")
		if c.IsValue() && (!best.IsValue() || c.Num > best.Num) {
			best, col = c, k
		}
	}
	if !best.IsValue() {
		return ""
	}
	return formatCell(best, col)
}

func (d *doc) contents() {
	d.sectionTitle("Contents")
	const rowH = 9.0
	for i, s := range d.sections {
		if !s.listed {
			continue
		}
		y := d.f.GetY()
		page := ""
		if d.prev != nil && i < len(d.prev.start) {
			page = fmt.Sprint(d.prev.start[i])
		}
		d.font("", 11.5)
		d.textColour(ink)
		d.f.SetXY(marginL, y)
		d.f.CellFormat(contentW, rowH, s.title, "", 0, "L", false, 0, "")
		titleW := d.f.GetStringWidth(s.title)
		// The page number's width is fixed so that the contents lays out the
		// same whether or not the numbers are known yet.
		numW := d.f.GetStringWidth("000")
		d.f.SetXY(marginL+contentW-numW, y)
		d.f.CellFormat(numW, rowH, page, "", 0, "R", false, 0, "")
		d.drawColour(ruleGrey)
		d.f.SetLineWidth(0.3)
		d.f.SetDashPattern([]float64{0.3, 1.2}, 0)
		d.f.Line(marginL+titleW+2, y+rowH/2+1.5, marginL+contentW-numW-2, y+rowH/2+1.5)
		d.f.SetDashPattern(nil, 0)
		d.f.Link(marginL, y, contentW, rowH, d.links[i])
		d.f.SetY(y + rowH)
	}
	d.space(6)
	d.note("Each section starts on a new page; the PDF's bookmarks list the same sections. " +
		"Percentages are rounded to one decimal place here; the published tables give them to two.")
}

func (d *doc) keyFindings() {
	d.sectionTitle("Key findings")
	m := d.pub.Meta
	if n := d.staffTotal(); n != "" {
		d.paragraph(fmt.Sprintf("At %s there were %s staff in post.", longDate(m.AsOf), n))
	}
	var items []string
	for _, f := range d.pub.Findings {
		if f.Text != "" {
			items = append(items, f.Text)
		}
	}
	if len(items) == 0 {
		d.paragraph("No findings were written for this run.")
	} else {
		d.bullets(items)
	}

	t := d.pub.Table(catalog.Targets.Name)
	if t != nil && len(t.Rows) > 0 {
		g := d.targetsGrid(t)
		intro := "Each target is compared with the latest figure. Met: the figure is on the right side of the target. " +
			"Improving: not met, but closer than at the previous snapshot. Not met: otherwise. No data: the figure is withheld or missing. " +
			"≥ means the figure should be at least the target; ≤ at most."
		d.subheading("Targets", d.textHeight(intro, 8.5)+d.layoutGrid(g).keepHeight())
		d.note(intro)
		d.table(g)
	}
	for _, c := range d.chartsWhere("", func(kind string) bool { return kind != chart.KindDeclaration }) {
		d.chart(c)
	}
}

func (d *doc) targetsGrid(t *table.Table) grid {
	g := grid{cols: []column{
		{head: "Target", weight: 26},
		{head: "Measure", weight: 30},
		{head: "Target %", weight: 15, right: true},
		{head: "Actual %", weight: 15, right: true},
		{head: "Previous %", weight: 19, right: true},
		{head: "Gap (pp)", weight: 15, right: true},
		{head: "Due", weight: 20},
		{head: "Status", weight: 22, chip: true},
	}}
	for _, row := range t.Rows {
		c := targetCellsOf(t, row)
		g.rows = append(g.rows, []string{c.name, c.measure, c.target, c.actual, c.previous, c.gap, c.due, c.status})
	}
	return g
}

// targetCells are a target's cells as the targets tables show them.
type targetCells struct {
	name, measure, target, actual, previous, gap, due, status string
}

func targetCellsOf(t *table.Table, row table.Row) targetCells {
	name := str(t, row, "category")
	if name == "" {
		name = characteristicName(str(t, row, "characteristic"))
	}
	target := show(t, row, "target_percent")
	if tc, _ := field(t, row, "target_percent"); tc.IsValue() {
		switch str(t, row, "direction") {
		case "at_most":
			target = "≤ " + target
		default:
			target = "≥ " + target
		}
	}
	gap := show(t, row, "gap_pp")
	if gc, _ := field(t, row, "gap_pp"); gc.IsValue() && table.Round(gc.Num, 1) > 0 {
		gap = "+" + gap
	}
	return targetCells{
		name: name, measure: measureName(str(t, row, "measure")), target: target,
		actual: show(t, row, "actual_percent"), previous: show(t, row, "previous_percent"), gap: gap,
		due: show(t, row, "due_date"), status: str(t, row, "status"),
	}
}

func (d *doc) declaration() {
	d.sectionTitle("Declaration rates")
	d.paragraph("How many staff told us each characteristic. “Prefer not to say” counts staff who declined to answer; " +
		"“Not known” counts blanks and labels that could not be mapped. Both are left out of “% of staff who declared”.")
	t := d.pub.Table(catalog.Declaration.Name)
	rows := d.current(t)
	order := func(row table.Row) int {
		if i := slices.Index(harmonise.Reported, harmonise.Characteristic(str(t, row, "characteristic"))); i >= 0 {
			return i
		}
		return len(harmonise.Reported)
	}
	slices.SortStableFunc(rows, func(a, b table.Row) int { return order(a) - order(b) })
	g := grid{cols: []column{
		{head: "Characteristic", weight: 40},
		{head: "All staff", weight: 18, right: true},
		{head: "Declared", weight: 18, right: true},
		{head: "Prefer not to say", weight: 18, right: true},
		{head: "Not known", weight: 18, right: true},
		{head: "Declaration rate %", weight: 18, right: true},
	}}
	for _, row := range rows {
		g.rows = append(g.rows, []string{
			characteristicName(str(t, row, "characteristic")), show(t, row, "total"), show(t, row, "declared"),
			show(t, row, "prefer_not_to_say"), show(t, row, "not_known"), show(t, row, "declaration_rate"),
		})
	}
	d.table(g)
	for _, c := range d.chartsWhere("", func(kind string) bool { return kind == chart.KindDeclaration }) {
		d.chart(c)
	}
}

// characteristic draws one characteristic's section: its profile, its
// charts, its representation in senior grades and its trend.
func (d *doc) characteristic(c string) {
	d.sectionTitle(characteristicName(c))
	if line := d.declarationLine(c); line != "" {
		d.paragraph(line)
	}

	t := d.pub.Table(catalog.Profile.Name)
	g := d.profileGrid(c)
	notApplicable := false
	for _, row := range d.current(t, "characteristic", c) {
		if pc, _ := field(t, row, "percent_of_declared"); pc.Status == table.NotApplicable {
			notApplicable = true
		}
	}
	d.subheading("Profile", d.layoutGrid(g).keepHeight())
	d.table(g)
	if notApplicable {
		d.note("[z] not applicable: staff who preferred not to say or are not known are left out of “% of staff who declared”.")
	}

	// Benchmark charts go with the benchmark table, unless there is none for
	// this characteristic.
	benchmarked := slices.Contains(d.benchmarkCharacteristics(d.pub.Table(catalog.Benchmark.Name)), c)
	for _, ch := range d.chartsWhere(c, func(kind string) bool {
		return kind != chart.KindTrend && (kind != chart.KindBenchmark || !benchmarked)
	}) {
		d.chart(ch)
	}
	d.senior(c)
	d.trend(c)
}

// declarationLine says how many staff declared a characteristic.
func (d *doc) declarationLine(c string) string {
	t := d.pub.Table(catalog.Declaration.Name)
	rows := d.current(t, "characteristic", c)
	if len(rows) == 0 {
		return ""
	}
	row := rows[0]
	rate := show(t, row, "declaration_rate")
	if rc, _ := field(t, row, "declaration_rate"); rc.IsValue() {
		rate += "%"
	}
	return fmt.Sprintf("Declaration rate: %s of %s staff (%s preferred not to say; %s not known).",
		rate, show(t, row, "total"), show(t, row, "prefer_not_to_say"), show(t, row, "not_known"))
}

// senior draws the representation in senior grades: both measures, named
// apart, and whether each group's share of senior staff differs clearly
// from its share of all staff.
func (d *doc) senior(c string) {
	t := d.pub.Table(catalog.SeniorRepresentation.Name)
	rows := d.current(t, "characteristic", c)
	if len(rows) == 0 {
		return
	}
	m := d.pub.Meta
	heading := "Senior grades"
	intro := "Senior grades"
	if m.SeniorFrom != "" {
		heading += " (" + m.SeniorFrom + " and above)"
		intro += " are " + m.SeniorFrom + " and above"
	}
	for _, row := range rows {
		if sc, col := field(t, row, "senior_total"); sc.IsValue() {
			intro += ": " + formatCell(sc, col) + " staff"
			break
		}
	}
	intro += ". “% of senior staff” is each group’s share of senior posts; “% of group in senior grades” is the share of each group that holds a senior post."

	g := grid{cols: []column{
		{head: "Category", weight: 50},
		{head: "Senior headcount", weight: 20, right: true},
		{head: "% of senior staff", weight: 20, right: true},
		{head: "% of group in senior grades", weight: 22, right: true},
		{head: "% of all staff", weight: 18, right: true},
		{head: "Compared with all staff", weight: 32},
	}}
	var clear, unclear []string
	for _, row := range rows {
		category := str(t, row, "category")
		verdict := show(t, row, "significant")
		if sc, _ := field(t, row, "significant"); sc.IsValue() {
			switch strings.ToLower(sc.Text) {
			case "yes", "true":
				verdict = "Clear difference"
				clear = append(clear, category)
			case "no", "false":
				verdict = "No clear difference"
				unclear = append(unclear, category)
			}
		}
		g.rows = append(g.rows, []string{
			category, show(t, row, "senior_headcount"), show(t, row, "percent_of_senior"),
			show(t, row, "percent_of_group_in_senior"), show(t, row, "percent_of_all_staff"), verdict,
		})
	}
	d.subheading(heading, d.textHeight(intro, 10)+2.5+d.layoutGrid(g).keepHeight())
	d.paragraph(intro)
	d.table(g)
	said := significanceWording(clear, unclear)
	explain := "A clear difference means the group’s share of all staff lies outside the 95% confidence interval of its share of senior staff."
	verdicts := said
	d.ensure(d.textHeight(verdicts, 10) + 2.5 + d.textHeight(explain, 8.5))
	if verdicts != "" {
		d.paragraph(verdicts)
	}
	d.note(explain)
}

// Long lists of groups are counted rather than named: the table names them.
const (
	nameClearUpTo   = 6
	nameUnclearUpTo = 4
)

// significanceWording says in words which groups' share of senior staff
// differs clearly from their share of all staff and which does not.
func significanceWording(clear, unclear []string) string {
	var said []string
	switch n := len(clear); {
	case n == 0 && len(unclear) > 0:
		said = append(said, "There is no clear difference between any group’s share of senior staff and its share of all staff.")
	case n > 0 && n <= nameClearUpTo:
		said = append(said, "There is a clear difference between the share of senior staff and the share of all staff for "+listing(clear)+".")
	case n > nameClearUpTo:
		said = append(said, fmt.Sprintf("There is a clear difference between the share of senior staff and the share of all staff for %d groups.", n))
	}
	if n := len(unclear); len(clear) > 0 && n > 0 {
		if n <= nameUnclearUpTo {
			said = append(said, "There is no clear difference for "+listing(unclear)+".")
		} else {
			said = append(said, fmt.Sprintf("There is no clear difference for %d other groups.", n))
		}
	}
	return strings.Join(said, " ")
}

// listing joins names as "a, b and c".
func listing(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// trend draws the characteristic's trend charts, or the trend table when
// no chart was drawn from it.
func (d *doc) trend(c string) {
	charts := d.chartsWhere(c, func(kind string) bool { return kind == chart.KindTrend })
	t := d.pub.Table(catalog.Trend.Name)
	rows := rowsWhere(t, "characteristic", c)
	if len(charts) == 0 && len(rows) == 0 {
		return
	}
	if len(charts) > 0 {
		d.subheading("Trend", d.layoutChart(charts[0], contentW).height)
		for _, ch := range charts {
			d.chart(ch)
		}
		return
	}
	g, dropped := trendGrid(t, rows)
	explain := "Each figure is the category’s share of all staff, or of senior staff, at the snapshot."
	if dropped > 0 {
		explain += fmt.Sprintf(" The %d earlier snapshots are in the trend table published with this report.", dropped)
	}
	d.subheading("Trend", d.layoutGrid(g).keepHeight())
	d.table(g)
	d.note(explain)
}

// trendSnapshots is how many snapshots a trend table shows, the latest.
const trendSnapshots = 6

// trendGrid lays the trend rows out with one row per category and scope
// and one column per snapshot (the latest six), and says how many earlier
// snapshots it left out.
func trendGrid(t *table.Table, rows []table.Row) (grid, int) {
	type line struct{ category, scope string }
	var (
		snapshots []string
		lines     []line
		values    = map[line]map[string]string{}
	)
	for _, row := range rows {
		snap := str(t, row, "snapshot_date")
		if !slices.Contains(snapshots, snap) {
			snapshots = append(snapshots, snap)
		}
		l := line{str(t, row, "category"), str(t, row, "scope")}
		if values[l] == nil {
			values[l] = map[string]string{}
			lines = append(lines, l)
		}
		values[l][snap] = show(t, row, "percent")
	}
	slices.Sort(snapshots)
	dropped := max(len(snapshots)-trendSnapshots, 0)
	snapshots = snapshots[dropped:]
	scopeOrder := func(s string) int {
		switch s {
		case "all":
			return 0
		case "senior":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(lines, func(a, b line) int { return scopeOrder(a.scope) - scopeOrder(b.scope) })

	g := grid{cols: []column{{head: "Category", weight: 60}, {head: "Staff", weight: 22}}}
	for _, snap := range snapshots {
		g.cols = append(g.cols, column{head: shortDate(snap), weight: 15, right: true})
	}
	for _, l := range lines {
		scope := l.scope
		switch scope {
		case "all":
			scope = "All staff"
		case "senior":
			scope = "Senior staff"
		}
		cells := []string{l.category, scope}
		for _, snap := range snapshots {
			cells = append(cells, values[l][snap])
		}
		g.rows = append(g.rows, cells)
	}
	return g, dropped
}

func (d *doc) benchmark() {
	d.sectionTitle(benchmarkTitle)
	m := d.pub.Meta
	intro := "Each group’s share of staff who declared, against its share of the local population (leaving out the census’s own missing categories). " +
		"A representation ratio of 1.00 is parity; below 1.00 the group is less represented in the workforce than in the population, above 1.00 more."
	if m.PopulationBase != "" {
		intro += " Population base: " + m.PopulationBase + "."
	}
	d.paragraph(intro)
	t := d.pub.Table(catalog.Benchmark.Name)
	for _, c := range d.benchmarkCharacteristics(t) {
		g := grid{cols: []column{
			{head: "Category", weight: 42},
			{head: "% of staff who declared", weight: 22, right: true},
			{head: "% of population", weight: 20, right: true},
			{head: "Representation ratio", weight: 28, right: true},
			{head: "Population base", weight: 58},
		}}
		for _, row := range d.current(t, "characteristic", c) {
			g.rows = append(g.rows, []string{
				str(t, row, "category"), show(t, row, "workforce_percent"), show(t, row, "population_percent"),
				show(t, row, "representation_ratio"), show(t, row, "population_base"),
			})
		}
		d.subheading(characteristicName(c), d.layoutGrid(g).keepHeight())
		d.table(g)
		for _, ch := range d.chartsWhere(c, func(kind string) bool { return kind == chart.KindBenchmark }) {
			d.chart(ch)
		}
	}
}

// benchmarkCharacteristics lists the characteristics of the benchmark
// table at the as-of snapshot in presentation order.
func (d *doc) benchmarkCharacteristics(t *table.Table) []string {
	seen := map[string]bool{}
	var found []string
	for _, row := range d.current(t) {
		if c := str(t, row, "characteristic"); !seen[c] {
			seen[c] = true
			found = append(found, c)
		}
	}
	order := func(c string) int {
		if i := slices.Index(harmonise.Reported, harmonise.Characteristic(c)); i >= 0 {
			return i
		}
		return len(harmonise.Reported)
	}
	slices.SortStableFunc(found, func(a, b string) int { return order(a) - order(b) })
	return found
}

func (d *doc) methodology() {
	d.sectionTitle("Methodology and data quality")
	m := d.pub.Meta
	d.paragraph(d.aboutRun())
	d.notes()

	symbols := []string{
		fmt.Sprintf("[c] confidential: withheld so that no individual can be identified — counts below %d, and the figures from which they could be worked out.", m.MinCount),
		"[x] not available: the figure could not be worked out, for example a rate with no one in its base.",
		"[z] not applicable: for example “% of staff who declared” for staff who did not declare.",
	}
	d.subheading("Symbols in tables", 3*lineHeight(10))
	d.bullets(symbols)

	d.subheading("Disclosure control", 2*lineHeight(10))
	d.paragraph(disclosureControl(m))
	if m.SmallCounts {
		d.smallCountsWarning()
	}
	d.qualityDetail()
}

// aboutRun says which equip, pipeline and snapshots produced the report.
func (d *doc) aboutRun() string {
	m := d.pub.Meta
	about := "Produced by equip"
	if m.Version != "" {
		about += " " + m.Version
	}
	if m.Pipeline != "" {
		about += " from the pipeline " + m.Pipeline
	}
	if generated := generatedDate(m.Generated); generated != "" {
		about += " on " + generated
	}
	about += "."
	if len(m.Snapshots) > 0 {
		dates := make([]string, len(m.Snapshots))
		for i, s := range m.Snapshots {
			dates[i] = longDate(s)
		}
		about += " Trends use the snapshots at " + listing(dates) + "."
	}
	return about
}

// disclosureControl states the suppression rules as a paragraph.
func disclosureControl(m report.Meta) string {
	control := upperFirst(suppressionRule(m))
	if m.PayMinCount > 0 {
		control += fmt.Sprintf(" Pay figures need at least %d people in each group.", m.PayMinCount)
	}
	return control
}

// notes draws the publication's numbered methodology notes.
func (d *doc) notes() {
	if len(d.pub.Notes) > 0 {
		first := d.pub.Notes[0]
		d.subheading("Notes", lineHeight(10)+d.textHeight(first.Text, 9.5))
		for i, n := range d.pub.Notes {
			head := fmt.Sprintf("%d. %s", i+1, n.Title)
			d.ensure(lineHeight(10) + d.textHeight(n.Text, 9.5))
			d.styledText(head, "B", 10, ink)
			d.space(0.8)
			d.styledText(n.Text, "", 9.5, ink)
			d.space(3)
		}
	}
}

// qualityDetail draws the inputs, the data-quality warnings and the labels
// not recognised.
func (d *doc) qualityDetail() {
	q := d.pub.Quality
	if len(q.Inputs) > 0 {
		g := grid{cols: []column{
			{head: "File", weight: 84, mono: true},
			{head: "Kind", weight: 20},
			{head: "Snapshot", weight: 22},
			{head: "Rows read", weight: 16, right: true},
			{head: "Rows rejected", weight: 18, right: true},
		}}
		for _, in := range q.Inputs {
			g.rows = append(g.rows, []string{in.Path, in.Kind, shortDate(in.Snapshot), thousands(int64(in.Rows)), thousands(int64(in.Rejected))})
		}
		d.subheading("Inputs", d.layoutGrid(g).keepHeight())
		d.table(g)
	}

	kinds := make([]string, 0, len(q.Warnings))
	for k := range q.Warnings {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	if len(kinds) == 0 {
		d.subheading("Data-quality warnings", lineHeight(10))
		d.paragraph("The inputs raised no data-quality warnings.")
	} else {
		g := grid{cols: []column{{head: "Problem", weight: 120}, {head: "Count", weight: 30, right: true}}}
		for _, k := range kinds {
			g.rows = append(g.rows, []string{upperFirst(k), thousands(int64(q.Warnings[k]))})
		}
		d.subheading("Data-quality warnings", d.layoutGrid(g).keepHeight())
		d.table(g)
		d.note("Every warning and rejected row is listed, by file, row and column, in data-quality.csv.")
	}

	if len(q.Unmapped) == 0 {
		d.subheading("Labels not recognised", lineHeight(10))
		d.paragraph("Every label in the inputs was recognised.")
	} else {
		g := grid{cols: []column{
			{head: "File", weight: 62, mono: true},
			{head: "Column", weight: 28},
			{head: "Characteristic", weight: 28},
			{head: "Label", weight: 30},
			{head: "Count", weight: 16, right: true},
		}}
		for _, u := range q.Unmapped {
			g.rows = append(g.rows, []string{u.File, u.Column, characteristicName(u.Characteristic), u.Label, thousands(int64(u.Count))})
		}
		intro := "These labels matched no mapping and were counted as “Not known”. Adding them to the pipeline’s labels section maps them in the next run."
		d.subheading("Labels not recognised", d.textHeight(intro, 8.5)+d.layoutGrid(g).keepHeight())
		d.note(intro)
		d.table(g)
	}

}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
