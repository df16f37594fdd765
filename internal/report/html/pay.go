package html

import (
	"fmt"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// The pay section gathers the pay charts (those about "pay") and tables.
const (
	idPay             = "section-pay"
	payCharacteristic = "pay"
	payQuartilesChart = "pay-quartiles"
	// payGapPeersTable is the name of the peer comparison table, written out
	// so that the dashboard shows it whichever run produced it.
	payGapPeersTable = "pay_gap_peers"
)

// isPayChart reports whether a chart belongs in the pay section: it is
// about pay, or named as a pay chart.
func isPayChart(c chart.Chart) bool {
	return c.Characteristic == payCharacteristic || strings.HasPrefix(c.ID, "pay-")
}

// payHeadings are the dashboard's headings for pay_gap columns whose
// published labels are their machine names.
var payHeadings = map[string]string{
	"mean_hourly_gap_percent":   "Mean hourly pay gap %",
	"median_hourly_gap_percent": "Median hourly pay gap %",
}

// meanMedian says once what the two averages mean for a pay gap.
const meanMedian = "The mean gap compares average hourly pay, so a few very high or very low earners move it; " +
	"the median gap compares the middle earners of each group, and better reflects a typical employee."

// latestRows returns the rows of a table at the reported snapshot or, when
// it has none (or none is given), at its latest snapshot, with that
// snapshot's date; a table without snapshots gives all its rows.
func latestRows(t *table.Table, asOf string) ([]table.Row, string) {
	if t == nil {
		return nil, ""
	}
	i := t.Index("snapshot_date")
	if i < 0 {
		return rowsAt(t, ""), ""
	}
	if asOf != "" {
		if rows := rowsAt(t, asOf); len(rows) > 0 {
			return rows, asOf
		}
	}
	latest := ""
	for _, row := range t.Rows {
		if len(row) == len(t.Columns) && row[i].Text > latest {
			latest = row[i].Text
		}
	}
	if latest == "" {
		return nil, ""
	}
	return rowsAt(t, latest), latest
}

// payCell is the cell of a row in the named column, or an empty cell when
// the table has no such column.
func payCell(t *table.Table, row table.Row, name string) (table.Cell, table.Column) {
	i := t.Index(name)
	if i < 0 || i >= len(row) {
		return table.Cell{Status: table.Empty}, table.Column{Name: name}
	}
	return row[i], t.Columns[i]
}

// paySection lays out the pay gaps: headline tiles, the statutory figures,
// the pay charts, the other pay gaps and the peer comparison. It reports
// false when the run produced none of them.
func paySection(pub *report.Publication, charts []chartView) (section, bool) {
	s := section{ID: idPay, Heading: "Pay gaps", Charts: charts}
	gpg := pub.Table(catalog.GenderPayGap.Name)
	rows, date := latestRows(gpg, pub.Meta.AsOf)
	peersAt := pub.Meta.AsOf
	if len(rows) > 0 {
		peersAt = date
		row := rows[0]
		lead := "Gender pay gap figures"
		if date != "" {
			lead += " at " + chart.LongDate(date)
		}
		s.Intro = append(s.Intro, lead+", worked out as the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017 require. "+
			"A positive gap means men are paid more; a negative gap means women are paid more.")
		s.KPIs = payKPIs(gpg, row)
		s.Notes = append(s.Notes, meanMedian)
		if note := bonusNote(gpg, row); note != "" {
			s.Notes = append(s.Notes, note)
		}
		s.Tables = append(s.Tables, statutoryTable(gpg, row, date))
		if !slices.ContainsFunc(charts, func(c chartView) bool { return c.ID == payQuartilesChart }) {
			// Without the quartile chart its numbers would be missing from the page.
			s.Tables = append(s.Tables, quartileTable(gpg, row, date))
		}
	}
	s.Tables = append(s.Tables, payGapTables(pub.Table(catalog.PayGap.Name), pub.Meta.AsOf)...)
	// The peer comparison repeats the organisation's figures, so it is
	// shown for the same snapshot as they are.
	s.Peers = peers(pub.Table(payGapPeersTable), peersAt)
	if len(s.KPIs) == 0 && len(s.Charts) == 0 && len(s.Tables) == 0 && s.Peers == nil {
		return section{}, false
	}
	return s, true
}

// payKPIs are the pay section's tiles: the hourly gaps, women's share of
// the top quartile and the bonus proportions.
func payKPIs(t *table.Table, row table.Row) []kpi {
	tiles := []struct{ column, label, note string }{
		{"DiffMeanHourlyPercent", "Mean gender pay gap", "in hourly pay; positive: men paid more"},
		{"DiffMedianHourlyPercent", "Median gender pay gap", "in hourly pay; positive: men paid more"},
		{"FemaleTopQuartile", "Women in the top pay quartile", "of the best-paid quarter of employees"},
		{"MaleBonusPercent", "Men paid a bonus", "of men received bonus pay"},
		{"FemaleBonusPercent", "Women paid a bonus", "of women received bonus pay"},
	}
	var out []kpi
	for _, tile := range tiles {
		c, _ := payCell(t, row, tile.column)
		if c.Status == table.Empty {
			continue
		}
		k := kpi{Label: tile.label, Note: tile.note}
		k.Value, k.Marker = tileValue(c, table.Percent)
		out = append(out, k)
	}
	return out
}

// bonusNote explains bonus gaps shown as [x]: they need at least one man
// and one woman paid a bonus.
func bonusNote(t *table.Table, row table.Row) string {
	mean, _ := payCell(t, row, "DiffMeanBonusPercent")
	median, _ := payCell(t, row, "DiffMedianBonusPercent")
	if mean.Status != table.NotAvailable && median.Status != table.NotAvailable {
		return ""
	}
	none := func(column string) bool {
		c, _ := payCell(t, row, column)
		return c.IsValue() && c.Num == 0
	}
	switch men, women := none("male_bonus_paid"), none("female_bonus_paid"); {
	case men && women:
		return "No one received bonus pay, so the bonus pay gaps are shown as [x] (not available)."
	case women:
		return "No woman received bonus pay, so the bonus pay gaps are shown as [x] (not available)."
	case men:
		return "No man received bonus pay, so the bonus pay gaps are shown as [x] (not available)."
	}
	return "A bonus pay gap needs at least one man and one woman paid a bonus; where it cannot be worked out it is shown as [x] (not available)."
}

func withDate(caption, date string) string {
	if date == "" {
		return caption
	}
	return caption + ", " + chart.LongDate(date)
}

// statutoryTable lists the six figures in the government service's words.
func statutoryTable(t *table.Table, row table.Row, date string) *tableView {
	tv := &tableView{
		Caption: withDate("Gender pay gap: the six statutory figures", date),
		Columns: []heading{{Text: "Figure"}, {Text: "%", Numeric: true}},
	}
	for _, f := range catalog.StatutoryFigures {
		tv.Rows = append(tv.Rows, []cellView{{Text: f.Label}, cell(payCell(t, row, f.Column))})
	}
	return tv
}

// quartileTable gives men's and women's shares of each pay quartile.
func quartileTable(t *table.Table, row table.Row, date string) *tableView {
	tv := &tableView{
		Caption: withDate("Men and women in each pay quartile", date),
		Columns: []heading{{Text: "Quartile"}, {Text: "Men %", Numeric: true}, {Text: "Women %", Numeric: true}},
	}
	for _, q := range catalog.PayQuarters {
		tv.Rows = append(tv.Rows, []cellView{{Text: q.Label}, cell(payCell(t, row, q.Men)), cell(payCell(t, row, q.Women))})
	}
	return tv
}

// payGapTables lays out the ethnicity and disability pay gaps, one table
// per characteristic, with the reference category and the declaration rate
// in the caption.
func payGapTables(t *table.Table, asOf string) []*tableView {
	rows, date := latestRows(t, asOf)
	if len(rows) == 0 || t.Index("characteristic") < 0 {
		return nil
	}
	var out []*tableView
	for _, ch := range t.Distinct("characteristic") {
		var mine []table.Row
		for _, row := range rows {
			if row[t.Index("characteristic")].Text == ch {
				mine = append(mine, row)
			}
		}
		if len(mine) == 0 {
			continue
		}
		caption := chart.Label(ch) + " pay gaps"
		ref, _ := payCell(t, mine[0], "reference_category")
		if ref.Text != "" {
			caption += " against " + ref.Text
		}
		caption = withDate(caption, date)
		var about []string
		if c, col := payCell(t, mine[0], "declaration_rate"); c.Status != table.Empty {
			v := cell(c, col).Text
			if c.IsValue() {
				v = oneDecimal(c.Num) + "%"
			}
			about = append(about, "declaration rate "+v)
		}
		if ref.Text != "" {
			about = append(about, "positive: "+ref.Text+" paid more")
		}
		if len(about) > 0 {
			caption += " (" + strings.Join(about, "; ") + ")"
		}
		drop := []string{"snapshot_date", "characteristic", "reference_category", "declaration_rate"}
		tv := tableOf(t, caption, mine, drop...)
		shown := 0
		for _, col := range t.Columns {
			if slices.Contains(drop, col.Name) {
				continue
			}
			if h, ok := payHeadings[col.Name]; ok {
				tv.Columns[shown].Text = h
			}
			shown++
		}
		out = append(out, tv)
	}
	return out
}

// peerView is where the organisation sits among its peers: a sentence per
// measure, then the peer group and the source.
type peerView struct {
	Lines   []string
	Explain string
	Group   string
	Source  string
}

// peers writes a sentence per measure of the peer comparison at a snapshot.
func peers(t *table.Table, date string) *peerView {
	rows := rowsAt(t, date)
	if len(rows) == 0 {
		return nil
	}
	p := &peerView{Explain: "A percentile rank is the share of peers with a lower figure, counting half of those with the same figure: 50 is the middle of the peer group."}
	for _, row := range rows {
		measure, _ := payCell(t, row, "measure")
		value := pctText(payCell(t, row, "organisation_value"))
		median := pctText(payCell(t, row, "peer_median"))
		line := fmt.Sprintf("%s: %s, against a peer median of %s", catalog.PayMeasureLabel(measure.Text), value, median)
		rank, _ := payCell(t, row, "percentile")
		count, countCol := payCell(t, row, "peer_count")
		peersText := "peers"
		if count.IsValue() {
			peersText = cell(count, countCol).Text + " peers"
			if count.Num == 1 {
				peersText = "1 peer"
			}
		}
		if rank.IsValue() {
			line += fmt.Sprintf("; percentile rank %s among %s.", oneDecimal(rank.Num), peersText)
		} else {
			line += fmt.Sprintf("; no percentile rank among %s.", peersText)
		}
		p.Lines = append(p.Lines, line)
		if g, _ := payCell(t, row, "peer_group"); p.Group == "" && g.Text != "" {
			p.Group = fullStop(g.Text)
		}
		if src, _ := payCell(t, row, "source"); p.Source == "" && src.Text != "" {
			p.Source = fullStop(src.Text)
		}
	}
	return p
}

// pctText writes a percentage to one decimal place with its sign, or the
// cell's marker.
func pctText(c table.Cell, _ table.Column) string {
	if !c.IsValue() {
		if m := c.Status.Marker(); m != "" {
			return m
		}
		return "not available"
	}
	return oneDecimal(c.Num) + "%"
}

// fullStop ends text from a table with a full stop when it has none.
func fullStop(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
