package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/table"
)

const payTitle = "Pay gaps"

// tileFill is the background of a statutory figure's tile.
var tileFill = tint(accent, 0.92)

// hasPay says whether the publication has pay figures at the as-of
// snapshot, and so whether the report has a pay section.
func (d *doc) hasPay() bool {
	return len(d.current(d.pub.Table(catalog.GenderPayGap.Name))) > 0 ||
		len(d.current(d.pub.Table(catalog.PayGap.Name))) > 0
}

// payChart returns the publication's pay chart with the ID, if drawn.
func (d *doc) payChart(id string) (chart.Chart, bool) {
	for _, c := range d.pub.Charts {
		if c.ID == id && c.Characteristic == chart.PayCharacteristic {
			return c, true
		}
	}
	return chart.Chart{}, false
}

// payGaps draws the pay section: the six statutory gender pay gap figures
// with what each means, the pay quarters, the trend, the ethnicity and
// disability pay gaps and the comparison with peers.
func (d *doc) payGaps() {
	d.sectionTitle(payTitle)
	t := d.pub.Table(catalog.GenderPayGap.Name)
	if rows := d.current(t); len(rows) > 0 {
		d.genderPayGap(t, rows[0])
		d.payTrend(t)
	}
	d.otherPayGaps()
	d.payPeers()
}

// payFigure is one statutory figure as a tile: what it is, its value and a
// caption saying which way it points or why it is missing.
type payFigure struct {
	label, value, caption string
}

// gapReasons say why a gap is shown [x] when the counts tell.
type gapReasons struct {
	noWomen, noMen, noOne string
}

var (
	hourlyReasons = gapReasons{noWomen: "no woman on full pay", noMen: "no man on full pay", noOne: "no one on full pay"}
	bonusReasons  = gapReasons{noWomen: "no woman received a bonus", noMen: "no man received a bonus", noOne: "no one received a bonus"}
)

// missingReason says why a figure is missing: the counts' reason when one
// of them is zero, else what its marker means.
func missingReason(c table.Cell, women, men table.Cell, r gapReasons) string {
	if c.Status == table.Suppressed {
		return "withheld to protect confidentiality"
	}
	zero := func(k table.Cell) bool { return k.IsValue() && math.Round(k.Num) == 0 }
	if c.Status == table.NotAvailable {
		switch {
		case zero(women) && zero(men):
			return r.noOne
		case zero(women):
			return r.noWomen
		case zero(men):
			return r.noMen
		}
	}
	return "not available"
}

// payPercent writes a pay figure to one decimal place with a % sign.
func payPercent(v float64) string { return fixed(v, 1) + "%" }

// gapCaption says in whose favour a gap is.
func gapCaption(v float64) string {
	switch r := table.Round(v, 1); {
	case r > 0:
		return "in men’s favour"
	case r < 0:
		return "in women’s favour"
	}
	return "no gap"
}

// gapFigure makes the tile of a gap.
func gapFigure(label string, c, women, men table.Cell, r gapReasons) payFigure {
	if !c.IsValue() {
		return payFigure{label: label, value: markerOr(c), caption: missingReason(c, women, men, r)}
	}
	return payFigure{label: label, value: payPercent(c.Num), caption: gapCaption(c.Num)}
}

// markerOr is a missing figure's marker, [x] when it has none.
func markerOr(c table.Cell) string {
	if m := c.Status.Marker(); m != "" {
		return m
	}
	return table.NotAvailable.Marker()
}

// gapWording explains one of the four gaps in a sentence for each sign.
type gapWording struct {
	name     string // "mean gap", for the sentence saying it is missing
	compares string // what the gap compares, before the colon
	less     string // women are paid less: a positive gap; %s is the size
	more     string // women are paid more: a negative gap
	same     string // no gap at one decimal place
}

var (
	meanHourlyWording = gapWording{
		name: "mean gap", compares: "The mean gap compares average hourly pay",
		less: "women are paid %s less than men on average",
		more: "women are paid %s more than men on average",
		same: "women and men are paid the same on average",
	}
	medianHourlyWording = gapWording{
		name: "median gap", compares: "The median gap compares the middle earners",
		less: "the middle-paid woman is paid %s less per hour than the middle-paid man",
		more: "the middle-paid woman is paid %s more per hour than the middle-paid man",
		same: "the middle-paid woman and the middle-paid man are paid the same per hour",
	}
	meanBonusWording = gapWording{
		name: "mean bonus gap", compares: "The mean bonus gap compares the average bonuses of those paid one",
		less: "women’s bonuses are %s lower than men’s on average",
		more: "women’s bonuses are %s higher than men’s on average",
		same: "women’s and men’s bonuses are the same on average",
	}
	medianBonusWording = gapWording{
		name: "median bonus gap", compares: "The median bonus gap compares the middle bonuses",
		less: "the middle woman’s bonus is %s lower than the middle man’s",
		more: "the middle woman’s bonus is %s higher than the middle man’s",
		same: "the middle woman’s bonus is the same as the middle man’s",
	}
)

// gapSentence explains a gap in plain English; reason says why a missing
// gap is missing.
func gapSentence(w gapWording, c table.Cell, reason string) string {
	if !c.IsValue() {
		if reason == "" || reason == "not available" {
			return "The " + w.name + " is not available."
		}
		if c.Status == table.Suppressed {
			return "The " + w.name + " is " + reason + "."
		}
		return "The " + w.name + " is not available: " + reason + "."
	}
	v := table.Round(c.Num, 1)
	var clause string
	switch {
	case v > 0:
		clause = fmt.Sprintf(w.less, payPercent(v))
	case v < 0:
		clause = fmt.Sprintf(w.more, payPercent(-v))
	default:
		clause = w.same
	}
	return w.compares + ": " + clause + "."
}

// genderPayGap draws the six statutory figures at the as-of snapshot and
// the pay quarters.
func (d *doc) genderPayGap(t *table.Table, row table.Row) {
	d.statutoryFigures(t, row)
	womenFull, _ := field(t, row, "female_full_pay_relevant")
	menFull, _ := field(t, row, "male_full_pay_relevant")
	d.payQuarters(t, row, womenFull, menFull)
}

// statutoryFigures draws the six statutory figures as tiles, each
// explained in a sentence.
func (d *doc) statutoryFigures(t *table.Table, row table.Row) {
	cell := func(name string) table.Cell { c, _ := field(t, row, name); return c }
	menFull, womenFull := cell("male_full_pay_relevant"), cell("female_full_pay_relevant")
	menBonus, womenBonus := cell("male_bonus_paid"), cell("female_bonus_paid")
	asOf := longDate(d.pub.Meta.AsOf)

	intro := "The gender pay gap is the difference between men’s and women’s hourly pay, as a percentage of men’s. " +
		"A positive gap means men are paid more; a negative gap, women. It is not a comparison of pay for the same job."
	if womenFull.IsValue() && menFull.IsValue() {
		intro += fmt.Sprintf(" The hourly pay figures cover the %s full-pay relevant employees (%s women and %s men) at %s.",
			thousands(int64(math.Round(womenFull.Num+menFull.Num))), thousands(int64(math.Round(womenFull.Num))),
			thousands(int64(math.Round(menFull.Num))), asOf)
	}
	d.paragraph(intro)

	meanHourly, medianHourly := cell("DiffMeanHourlyPercent"), cell("DiffMedianHourlyPercent")
	hourly := []payFigure{
		gapFigure("Mean hourly pay gap", meanHourly, womenFull, menFull, hourlyReasons),
		gapFigure("Median hourly pay gap", medianHourly, womenFull, menFull, hourlyReasons),
	}
	hourlyText := []string{
		gapSentence(meanHourlyWording, meanHourly, missingReason(meanHourly, womenFull, menFull, hourlyReasons)),
		gapSentence(medianHourlyWording, medianHourly, missingReason(medianHourly, womenFull, menFull, hourlyReasons)),
	}
	d.subheading("Hourly pay", d.tilesHeight(hourly, 2)+d.textHeight(hourlyText[0], 10))
	d.tiles(hourly, 2)
	for _, s := range hourlyText {
		d.paragraph(s)
	}

	meanBonus, medianBonus := cell("DiffMeanBonusPercent"), cell("DiffMedianBonusPercent")
	menShare, womenShare := cell("MaleBonusPercent"), cell("FemaleBonusPercent")
	shareFigure := func(label string, c table.Cell) payFigure {
		if !c.IsValue() {
			return payFigure{label: label, value: markerOr(c), caption: missingReason(c, table.Cell{Status: table.Empty}, table.Cell{Status: table.Empty}, bonusReasons)}
		}
		return payFigure{label: label, value: payPercent(c.Num), caption: "in the 12 months to " + shortDate(d.pub.Meta.AsOf)}
	}
	bonus := []payFigure{
		gapFigure("Mean bonus gap", meanBonus, womenBonus, menBonus, bonusReasons),
		gapFigure("Median bonus gap", medianBonus, womenBonus, menBonus, bonusReasons),
		shareFigure("Men paid a bonus", menShare),
		shareFigure("Women paid a bonus", womenShare),
	}
	bonusText := []string{
		bonusShareSentence(menShare, womenShare, asOf),
		gapSentence(meanBonusWording, meanBonus, missingReason(meanBonus, womenBonus, menBonus, bonusReasons)),
		gapSentence(medianBonusWording, medianBonus, missingReason(medianBonus, womenBonus, menBonus, bonusReasons)),
	}
	d.subheading("Bonus pay", d.tilesHeight(bonus, 4)+d.textHeight(bonusText[0], 10))
	d.tiles(bonus, 4)
	for _, s := range bonusText {
		d.paragraph(s)
	}
}

// bonusShareSentence says what share of men and of women were paid a bonus.
func bonusShareSentence(men, women table.Cell, asOf string) string {
	period := " in the 12 months to " + asOf + "."
	switch {
	case men.IsValue() && women.IsValue():
		return payPercent(men.Num) + " of men and " + payPercent(women.Num) + " of women were paid a bonus" + period
	case men.IsValue():
		return payPercent(men.Num) + " of men were paid a bonus" + period + " The share of women is not available."
	case women.IsValue():
		return payPercent(women.Num) + " of women were paid a bonus" + period + " The share of men is not available."
	}
	return "The shares of men and of women paid a bonus are not available."
}

// payQuarters draws the quartile shares as a small table with a sentence
// and the pay-quartiles chart.
func (d *doc) payQuarters(t *table.Table, row table.Row, womenFull, menFull table.Cell) {
	cols := chart.QuartileColumns
	g := grid{cols: []column{{head: "Quarter of hourly pay", weight: 50}}}
	women, men := []string{"Women %"}, []string{"Men %"}
	for i, q := range chart.Quartiles {
		g.cols = append(g.cols, column{head: q, weight: 30, right: true})
		women = append(women, show(t, row, cols[i][0]))
		men = append(men, show(t, row, cols[i][1]))
	}
	g.rows = [][]string{women, men}

	text := quartersText(t, row, womenFull, menFull)
	keep := d.textHeight(text, 10) + 2.5 + d.layoutGrid(g).keepHeight() + 3
	c, drawn := d.payChart(chart.IDPayQuartiles)
	if drawn {
		keep += d.layoutChart(c, contentW).height
	}
	d.subheading("Pay quarters", keep)
	d.paragraph(text)
	d.table(g)
	if drawn {
		d.chart(c)
	}
}

// quartersText explains the pay quarters and says women's share of the
// lowest- and highest-paid quarters.
func quartersText(t *table.Table, row table.Row, womenFull, menFull table.Cell) string {
	cols := chart.QuartileColumns
	text := "Full-pay relevant employees are ranked by hourly pay, lowest first, and split into four quarters of equal size."
	lower, _ := field(t, row, cols[0][0])
	top, _ := field(t, row, cols[3][0])
	if lower.IsValue() && top.IsValue() {
		text += " Women are " + payPercent(lower.Num) + " of the lowest-paid quarter and " + payPercent(top.Num) + " of the highest-paid quarter"
		if womenFull.IsValue() && menFull.IsValue() && womenFull.Num+menFull.Num > 0 {
			text += ", against " + payPercent(100*womenFull.Num/(womenFull.Num+menFull.Num)) + " of all full-pay relevant employees"
		}
		text += "."
	}
	return text
}

// payTrend draws the gender pay gap trend chart, when there is one, with a
// sentence comparing the first and latest snapshots.
func (d *doc) payTrend(t *table.Table) {
	c, ok := d.payChart(chart.IDPayGapTrend)
	if !ok {
		return
	}
	text := d.payTrendText(t)
	d.subheading("Trend", d.textHeight(text, 10)+2.5+d.layoutChart(c, contentW).height)
	if text != "" {
		d.paragraph(text)
	}
	d.chart(c)
}

// payTrendText compares the mean and median gaps at the first and latest
// snapshots up to the as-of date ("" with fewer than two).
func (d *doc) payTrendText(t *table.Table) string {
	var dates []string
	byDate := map[string]table.Row{}
	for _, row := range t.Rows {
		day := str(t, row, "snapshot_date")
		if _, dup := byDate[day]; dup || (d.pub.Meta.AsOf != "" && day > d.pub.Meta.AsOf) {
			continue
		}
		byDate[day] = row
		dates = append(dates, day)
	}
	slices.Sort(dates)
	text := ""
	if len(dates) > 1 {
		first, last := byDate[dates[0]], byDate[dates[len(dates)-1]]
		say := func(row table.Row, name string) string {
			c, _ := field(t, row, name)
			if !c.IsValue() {
				return "not available"
			}
			return payPercent(c.Num)
		}
		text = fmt.Sprintf("The mean gap was %s at %s and is %s at %s; the median gap was %s and is %s.",
			say(first, "DiffMeanHourlyPercent"), longDate(dates[0]), say(last, "DiffMeanHourlyPercent"), longDate(dates[len(dates)-1]),
			say(first, "DiffMedianHourlyPercent"), say(last, "DiffMedianHourlyPercent"))
	}
	return text
}

// payGapCharacteristics lists the characteristics of the pay_gap table at
// the as-of snapshot in the order of their charts.
func (d *doc) payGapCharacteristics(t *table.Table) []string {
	var found []string
	for _, row := range d.current(t) {
		if c := str(t, row, "characteristic"); c != "" && !slices.Contains(found, c) {
			found = append(found, c)
		}
	}
	// A characteristic without a chart goes last.
	rank := func(c string) int {
		if i := slices.IndexFunc(d.pub.Charts, func(ch chart.Chart) bool { return ch.ID == chart.KindPayGap+"-"+c }); i >= 0 {
			return i
		}
		return len(d.pub.Charts)
	}
	slices.SortStableFunc(found, func(a, b string) int { return rank(a) - rank(b) })
	return found
}

// otherPayGaps draws the ethnicity and disability pay gaps: one table per
// characteristic with its chart.
func (d *doc) otherPayGaps() {
	t := d.pub.Table(catalog.PayGap.Name)
	chars := d.payGapCharacteristics(t)
	if len(chars) == 0 {
		return
	}
	intro := "Each group’s hourly pay is compared with the reference group’s using the gender pay gap formulas: " +
		"a positive gap means the reference group is paid more, a negative gap that it is paid less. " +
		"“Prefer not to say” and “Not known” are shown because a gap there tells whether those who do not declare are paid differently. " +
		"The declaration rate is the share of staff who declared the characteristic: the lower it is, the less certain the gaps."
	if n := d.pub.Meta.PayMinCount; n > 0 {
		intro += fmt.Sprintf(" Groups with fewer than %d full-pay relevant employees are withheld ([c]).", n)
	}
	blocks := make([]payGapBlock, len(chars))
	for i, c := range chars {
		blocks[i] = d.payGapBlock(t, c)
	}
	d.subheading("Ethnicity and disability pay gaps", d.textHeight(intro, 10)+2.5+blocks[0].keep)
	d.paragraph(intro)
	for _, b := range blocks {
		d.ensure(b.keep)
		d.styledText(b.title, "B", 10.5, ink)
		d.space(1.5)
		d.table(b.grid)
		if b.summary != "" {
			d.paragraph(b.summary)
		}
		if b.drawn {
			d.chart(b.chart)
		}
	}
}

// payGapBlock is one characteristic's part of the ethnicity and disability
// pay gaps: a heading, the table, a sentence and the chart.
type payGapBlock struct {
	title   string
	grid    grid
	summary string
	chart   chart.Chart
	drawn   bool
	keep    float64 // what must fit before the block starts on a page
}

// payGapBlock lays out a characteristic's block. The heading stays with the
// table, and the table with its sentence and chart when all fit one page.
func (d *doc) payGapBlock(t *table.Table, c string) payGapBlock {
	b := payGapBlock{title: characteristicName(c), grid: d.payGapGrid(t, c), summary: d.payGapSummary(t, c)}
	b.chart, b.drawn = d.payChart(chart.KindPayGap + "-" + c)
	b.keep = lineHeight(10.5) + 1.5 + d.layoutGrid(b.grid).keepHeight()
	whole := b.keep + 3
	if b.summary != "" {
		whole += d.textHeight(b.summary, 10) + 2.5
	}
	if b.drawn {
		whole += d.layoutChart(b.chart, contentW).height
	}
	if whole <= bodyHeight {
		b.keep = whole
	}
	return b
}

func (d *doc) payGapGrid(t *table.Table, c string) grid {
	g := grid{cols: []column{
		{head: "Category", weight: 48},
		{head: "Reference", weight: 24},
		{head: "Full-pay relevant employees", weight: 20, right: true},
		{head: "Mean gap %", weight: 16, right: true},
		{head: "Median gap %", weight: 16, right: true},
		{head: "Declaration rate %", weight: 18, right: true},
	}}
	for _, row := range d.current(t, "characteristic", c) {
		g.rows = append(g.rows, []string{
			str(t, row, "category"), str(t, row, "reference_category"), show(t, row, "headcount"),
			show(t, row, "mean_hourly_gap_percent"), show(t, row, "median_hourly_gap_percent"), show(t, row, "declaration_rate"),
		})
	}
	return g
}

// payGapSummary puts the gaps of a characteristic with one or two declared
// groups besides the reference into words ("Disabled staff are paid 2.2%
// less than not disabled staff on average (median gap 1.6%)."); longer
// lists are left to the table.
func (d *doc) payGapSummary(t *table.Table, c string) string {
	var rows []table.Row
	for _, row := range d.current(t, "characteristic", c) {
		cat := str(t, row, "category")
		if cat != str(t, row, "reference_category") && !harmonise.IsMissing(cat) {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 || len(rows) > 2 {
		return ""
	}
	var out []string
	for _, row := range rows {
		mean, _ := field(t, row, "mean_hourly_gap_percent")
		median, _ := field(t, row, "median_hourly_gap_percent")
		if !mean.IsValue() {
			continue
		}
		out = append(out, groupGapSentence(str(t, row, "category"), chart.GroupName(c, str(t, row, "reference_category")), mean, median))
	}
	return strings.Join(out, " ")
}

// groupGapSentence says how a group's mean hourly pay compares with the
// reference group's, with the median gap beside it.
func groupGapSentence(group, reference string, mean, median table.Cell) string {
	who, than := group+" staff", reference+" staff"
	var s string
	switch v := table.Round(mean.Num, 1); {
	case v > 0:
		s = fmt.Sprintf("%s are paid %s less than %s on average", who, payPercent(v), than)
	case v < 0:
		s = fmt.Sprintf("%s are paid %s more than %s on average", who, payPercent(-v), than)
	default:
		s = fmt.Sprintf("%s are paid the same as %s on average", who, than)
	}
	if median.IsValue() {
		s += " (median gap " + payPercent(median.Num) + ")"
	}
	return s + "."
}

// peerMeasureName names a peer measure in the table and sentences.
func peerMeasureName(measure string) string {
	for _, m := range chart.PeerMeasures {
		if m.Measure == measure {
			return m.Name
		}
	}
	return measure
}

// payPeers draws where the organisation's figures sit among its peers'.
func (d *doc) payPeers() {
	t := d.pub.Table(catalog.PayGapPeers.Name)
	if t == nil {
		return
	}
	snap := chart.PeerSnapshot(t, d.pub.Meta.AsOf)
	if snap == "" {
		return
	}
	var rows []table.Row
	for _, m := range chart.PeerMeasures {
		rows = append(rows, rowsWhere(t, "snapshot_date", snap, "measure", m.Measure)...)
	}
	if len(rows) == 0 {
		return
	}
	group, source := "", ""
	var said []string
	g := grid{cols: []column{
		{head: "Measure", weight: 44},
		{head: "This organisation %", weight: 22, right: true},
		{head: "Peer median %", weight: 18, right: true},
		{head: "Peer lower quartile %", weight: 20, right: true},
		{head: "Peer upper quartile %", weight: 20, right: true},
		{head: "Percentile", weight: 18, right: true},
		{head: "Peers", weight: 14, right: true},
	}}
	for _, row := range rows {
		if group == "" {
			group = str(t, row, "peer_group")
		}
		if source == "" {
			source = str(t, row, "source")
		}
		measure := str(t, row, "measure")
		pct, _ := field(t, row, "percentile")
		rank := show(t, row, "percentile")
		if pct.IsValue() {
			rank = chart.Ordinal(pct.Num)
		}
		g.rows = append(g.rows, []string{
			peerMeasureName(measure), show(t, row, "organisation_value"), show(t, row, "peer_median"),
			show(t, row, "peer_lower_quartile"), show(t, row, "peer_upper_quartile"), rank, show(t, row, "peer_count"),
		})
		org, _ := field(t, row, "organisation_value")
		median, _ := field(t, row, "peer_median")
		count, _ := field(t, row, "peer_count")
		if s := peerSentence(measure, org, pct, count, median); s != "" {
			said = append(said, s)
		}
	}

	intro := "How this organisation’s figures compare with the gender pay gap figures other employers have published."
	if group != "" {
		intro += " Peer group: " + strings.TrimSuffix(group, ".") + "."
	}
	if snap != d.pub.Meta.AsOf {
		intro += " The comparison uses the figures at " + longDate(snap) + ", the latest with peer figures."
	}
	explain := "The percentile is the share of peers with a lower figure (counting half of those with the same figure): " +
		"for a pay gap a lower percentile means a smaller gap than most peers; for women in the top quartile a higher percentile means more women among the best paid."
	if source != "" {
		explain += " Peers’ figures: " + strings.TrimSuffix(source, ".") + "."
	}
	c, drawn := d.payChart(chart.IDPayPeers)
	// The intro and the sentences stay with the heading; the table and the
	// chart join them when the whole part fits a page.
	keep := d.textHeight(intro, 10) + 2.5
	for _, s := range said {
		keep += d.textHeight(s, 10) + 2
	}
	whole := keep + d.layoutGrid(g).keepHeight() + 3 + d.textHeight(explain, 8.5) + 2
	if drawn {
		whole += d.layoutChart(c, contentW).height
	}
	if whole+subheadingH+2 <= bodyHeight {
		keep = whole
	}
	d.subheading("Compared with other employers", keep)
	d.paragraph(intro)
	d.bullets(said)
	d.ensure(d.layoutGrid(g).keepHeight() + d.textHeight(explain, 8.5))
	d.table(g)
	d.note(explain)
	if drawn {
		d.chart(c)
	}
}

// peerSentence places one figure among the peers': "The mean gap of 4.3% is
// at the 31st percentile of 412 peers (peer median 9.1%)."
func peerSentence(measure string, org, pct, count, median table.Cell) string {
	if !org.IsValue() || !pct.IsValue() {
		return ""
	}
	var subject string
	switch measure {
	case "DiffMeanHourlyPercent":
		subject = "The mean gap of " + payPercent(org.Num) + " is"
	case "DiffMedianHourlyPercent":
		subject = "The median gap of " + payPercent(org.Num) + " is"
	case "FemaleTopQuartile":
		subject = "Women’s share of the top quartile, " + payPercent(org.Num) + ", is"
	default:
		subject = peerMeasureName(measure) + ", " + payPercent(org.Num) + ", is"
	}
	s := subject + " at the " + chart.Ordinal(pct.Num) + " percentile"
	if count.IsValue() {
		s += " of " + thousands(int64(math.Round(count.Num))) + " peers"
	}
	if median.IsValue() {
		s += " (peer median " + payPercent(median.Num) + ")"
	}
	return s + "."
}

// Tiles are drawn in a row across the content width.
const (
	tileGap       = 3.5
	tilePad       = 3
	tileLabelSize = 8.5
	tileValueSize = 20
	tileNoteSize  = 7.5
)

// tileWidth is the width of each of n tiles in a row.
func tileWidth(n int) float64 { return (contentW - tileGap*float64(n-1)) / float64(n) }

// tileRowHeight is the height of the tallest tile of a row.
func (d *doc) tileRowHeight(figs []payFigure, w float64) float64 {
	h := 0.0
	for _, f := range figs {
		d.font("", tileLabelSize)
		label := float64(len(d.wrap(f.label, w-2*tilePad))) * lineHeight(tileLabelSize)
		d.font("", tileNoteSize)
		note := float64(len(d.wrap(f.caption, w-2*tilePad))) * lineHeight(tileNoteSize)
		h = max(h, tilePad+label+1+lineHeight(tileValueSize)+note+tilePad)
	}
	return h
}

// tilesHeight is the height of the figures laid out perRow to a row.
func (d *doc) tilesHeight(figs []payFigure, perRow int) float64 {
	h := 0.0
	for i := 0; i < len(figs); i += perRow {
		h += d.tileRowHeight(figs[i:min(i+perRow, len(figs))], tileWidth(perRow)) + tileGap
	}
	return h
}

// tiles draws figures as tiles, perRow to a row, each row kept on one page.
func (d *doc) tiles(figs []payFigure, perRow int) {
	w := tileWidth(perRow)
	for i := 0; i < len(figs); i += perRow {
		row := figs[i:min(i+perRow, len(figs))]
		h := d.tileRowHeight(row, w)
		d.ensure(h)
		y := d.f.GetY()
		for k, f := range row {
			x := marginL + float64(k)*(w+tileGap)
			d.fillColour(tileFill)
			d.f.Rect(x, y, w, h, "F")
			d.fillColour(accent)
			d.f.Rect(x, y, 1.2, h, "F")
			d.textColour(muted)
			d.font("", tileLabelSize)
			d.f.SetXY(x+tilePad, y+tilePad)
			d.f.MultiCell(w-2*tilePad, lineHeight(tileLabelSize), f.label, "", "L", false)
			d.textColour(ink)
			d.font("B", tileValueSize)
			d.f.SetXY(x+tilePad, d.f.GetY()+1)
			d.f.CellFormat(w-2*tilePad, lineHeight(tileValueSize), f.value, "", 2, "L", false, 0, "")
			d.textColour(muted)
			d.font("", tileNoteSize)
			d.f.SetX(x + tilePad)
			d.f.MultiCell(w-2*tilePad, lineHeight(tileNoteSize), f.caption, "", "L", false)
		}
		d.textColour(ink)
		d.f.SetY(y + h + tileGap)
	}
	d.space(1)
}
