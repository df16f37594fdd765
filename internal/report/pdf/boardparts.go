package pdf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/table"
)

// summaryTargetsGrid is the targets table of the summary page: each target
// named with its measure in one column, so that every row takes one line.
func (d *doc) summaryTargetsGrid(t *table.Table) grid {
	g := grid{cols: []column{
		{head: "Target", weight: 62},
		{head: "Target %", weight: 15, right: true},
		{head: "Actual %", weight: 14, right: true},
		{head: "Previous %", weight: 16, right: true},
		{head: "Gap (pp)", weight: 14, right: true},
		{head: "Due", weight: 20},
		{head: "Status", weight: 22, chip: true},
	}}
	for _, row := range t.Rows {
		c := targetCellsOf(t, row)
		name := c.name
		if rest, ok := strings.CutPrefix(c.measure, "% of "); ok {
			name += ": share of " + rest
		} else if c.measure != "" {
			name += ": " + strings.ToLower(c.measure[:1]) + c.measure[1:]
		}
		g.rows = append(g.rows, []string{name, c.target, c.actual, c.previous, c.gap, c.due, c.status})
	}
	return g
}

// seniorTrendGrid lays out each focus group's share of senior staff at the
// latest snapshots (up to six), with its target, and says how many
// earlier snapshots it left out.
func (d *doc) seniorTrendGrid(groups []focusGroup) (grid, int) {
	t := d.pub.Table(catalog.Trend.Name)
	var dates []string
	for _, fg := range groups {
		for _, row := range rowsWhere(t, "characteristic", fg.characteristic, "category", fg.category, "scope", "senior") {
			day := str(t, row, "snapshot_date")
			if !slices.Contains(dates, day) && (d.pub.Meta.AsOf == "" || day <= d.pub.Meta.AsOf) {
				dates = append(dates, day)
			}
		}
	}
	slices.Sort(dates)
	dropped := max(len(dates)-trendSnapshots, 0)
	dates = dates[dropped:]
	g := grid{cols: []column{{head: "Group", weight: 40}}}
	for _, day := range dates {
		g.cols = append(g.cols, column{head: shortDate(day), weight: 17, right: true})
	}
	g.cols = append(g.cols, column{head: "Target %", weight: 17, right: true})
	targets := d.pub.Table(catalog.Targets.Name)
	for _, fg := range groups {
		row := []string{fg.category}
		found := false
		for _, day := range dates {
			rows := rowsWhere(t, "snapshot_date", day, "characteristic", fg.characteristic, "category", fg.category, "scope", "senior")
			cell := ""
			if len(rows) > 0 {
				cell, found = show(t, rows[0], "percent"), true
			}
			row = append(row, cell)
		}
		target := ""
		if tr, ok := d.seniorTarget(fg); ok {
			target = show(targets, tr, "target_percent")
		}
		if found {
			g.rows = append(g.rows, append(row, target))
		}
	}
	return g, dropped
}

// boardPay draws the pay section of the board pack: the six statutory
// figures, the pay quarters beside the trend, the ethnicity and disability
// pay gaps and the comparison with peers.
func (d *doc) boardPay() {
	d.sectionTitle(payTitle)
	t := d.pub.Table(catalog.GenderPayGap.Name)
	if rows := d.current(t); len(rows) > 0 {
		row := rows[0]
		d.statutoryFigures(t, row)
		var charts []chart.Chart
		for _, id := range []string{chart.IDPayQuartiles, chart.IDPayGapTrend} {
			if c, ok := d.payChart(id); ok {
				charts = append(charts, c)
			}
		}
		womenFull, _ := field(t, row, "female_full_pay_relevant")
		menFull, _ := field(t, row, "male_full_pay_relevant")
		text := quartersText(t, row, womenFull, menFull)
		if trend := d.payTrendText(t); trend != "" {
			text += " " + trend
		}
		keep := d.textHeight(text, 10) + 2.5
		if len(charts) > 0 {
			keep += d.pairHeight(charts)
		}
		d.subheading("Pay quarters and trend", keep)
		d.paragraph(text)
		d.chartPairs(charts)
	}
	d.boardOtherPayGaps()
	d.payPeers()
}

// boardPayGapCharacteristics are the pay gaps the board pack shows: the
// headline ethnicity comparison and disability.
var boardPayGapCharacteristics = []string{"ethnic_minority", "disability"}

// boardOtherPayGaps draws the ethnic minority and disability pay gaps as one
// table, their sentences and their charts side by side.
func (d *doc) boardOtherPayGaps() {
	t := d.pub.Table(catalog.PayGap.Name)
	g := grid{cols: []column{
		{head: "Characteristic", weight: 26},
		{head: "Group", weight: 30},
		{head: "Reference", weight: 24},
		{head: "Full-pay relevant employees", weight: 20, right: true},
		{head: "Mean gap %", weight: 15, right: true},
		{head: "Median gap %", weight: 15, right: true},
	}}
	var said []string
	var charts []chart.Chart
	for _, c := range boardPayGapCharacteristics {
		for i, row := range d.current(t, "characteristic", c) {
			name := ""
			if i == 0 {
				name = characteristicName(c)
			}
			g.rows = append(g.rows, []string{name, str(t, row, "category"), str(t, row, "reference_category"), show(t, row, "headcount"),
				show(t, row, "mean_hourly_gap_percent"), show(t, row, "median_hourly_gap_percent")})
		}
		if s := d.payGapSummary(t, c); s != "" {
			said = append(said, s)
		}
		if ch, ok := d.payChart(chart.KindPayGap + "-" + c); ok {
			charts = append(charts, ch)
		}
	}
	if len(g.rows) == 0 {
		return
	}
	intro := "Each group’s hourly pay against the reference group’s, by the gender pay gap formulas: a positive gap means the reference group is paid more."
	if n := d.pub.Meta.PayMinCount; n > 0 {
		intro += fmt.Sprintf(" Groups with fewer than %d full-pay relevant employees are withheld ([c]).", n)
	}
	intro += " The detailed ethnic groups are in the pay_gap table published with this report."
	d.subheading("Ethnicity and disability pay gaps", d.textHeight(intro, 10)+2.5+d.layoutGrid(g).keepHeight())
	d.paragraph(intro)
	d.table(g)
	for _, s := range said {
		d.paragraph(s)
	}
	d.chartPairs(charts)
}

// boardMethodology draws the board pack's notes: the methodology notes,
// the disclosure control and a summary of the data quality, with the
// details left to data-quality.csv.
func (d *doc) boardMethodology() {
	d.sectionTitle("Methodology and data quality")
	m := d.pub.Meta
	d.paragraph(d.aboutRun())
	d.notes()

	d.subheading("Suppression", 3*lineHeight(10))
	d.paragraph(disclosureControl(m) + " [x] marks a figure that is not available, such as a rate with no one in its base; " +
		"[z] one that does not apply, such as a reference group’s own relative likelihood.")
	if m.SmallCounts {
		d.smallCountsWarning()
	}

	q := d.pub.Quality
	type kindTotals struct{ files, rows, rejected int }
	var kinds []string
	totals := map[string]*kindTotals{}
	for _, in := range q.Inputs {
		k := totals[in.Kind]
		if k == nil {
			k = &kindTotals{}
			totals[in.Kind] = k
			kinds = append(kinds, in.Kind)
		}
		k.files++
		k.rows += in.Rows
		k.rejected += in.Rejected
	}
	if len(kinds) > 0 {
		g := grid{cols: []column{
			{head: "Input", weight: 60},
			{head: "Files", weight: 20, right: true},
			{head: "Rows read", weight: 25, right: true},
			{head: "Rows rejected", weight: 25, right: true},
		}}
		for _, k := range kinds {
			t := totals[k]
			// Files read whole, such as the census tables, report no rows.
			rows, rejected := "", ""
			if t.rows > 0 || t.rejected > 0 {
				rows, rejected = thousands(int64(t.rows)), thousands(int64(t.rejected))
			}
			g.rows = append(g.rows, []string{upperFirst(strings.ReplaceAll(k, "_", " ")), thousands(int64(t.files)), rows, rejected})
		}
		d.subheading("Inputs", d.layoutGrid(g).keepHeight())
		d.table(g)
	}

	var problems []string
	warnings := 0
	for k, n := range q.Warnings {
		problems = append(problems, fmt.Sprintf("%s: %s", strings.ToLower(k), thousands(int64(n))))
		warnings += n
	}
	slices.Sort(problems)
	quality := "The inputs raised no data-quality warnings."
	if warnings > 0 {
		quality = fmt.Sprintf("The inputs raised %s data-quality warnings (%s).", thousands(int64(warnings)), strings.Join(problems, "; "))
	}
	if n := len(q.Unmapped); n > 0 {
		labels := 0
		for _, u := range q.Unmapped {
			labels += u.Count
		}
		quality += fmt.Sprintf(" %s distinct labels on %s rows matched no mapping and were counted as “Not known”.",
			thousands(int64(n)), thousands(int64(labels)))
	}
	quality += " Every warning, rejected row and unrecognised label is listed by file, row and column in data-quality.csv."
	d.subheading("Data quality", d.textHeight(quality, 10))
	d.paragraph(quality)
}
