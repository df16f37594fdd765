package html

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// The over-time block near the top of the page: headcount and the headline
// shares at every snapshot of the trend table, quarter ends included.
const (
	idOverTime = "section-over-time"
	// headcountChartID names the headcount line the block draws itself,
	// since no table holds headcount by snapshot as a chart would need.
	headcountChartID = "headcount-over-time"
)

// overTimeShares are the shares the block follows: the category of each
// headline characteristic, with the name its columns take.
var overTimeShares = []struct{ characteristic, category, name string }{
	{string(harmonise.Sex), harmonise.Categories[harmonise.Sex][0], "Women"},
	{string(harmonise.EthnicMinority), harmonise.EthnicMinorityYes, "Ethnic minority"},
	{string(harmonise.Disability), harmonise.Categories[harmonise.Disability][0], "Disabled"},
}

// overTime is what the block is built from: the snapshots, the headcount
// at each and the trend table.
type overTime struct {
	trend      *table.Table
	dates      []string     // oldest first, none after the reported snapshot
	counts     []table.Cell // headcount at each date
	headcount  *chart.Chart // nil when no snapshot's headcount can be shown
	seniorFrom string
}

// newOverTime returns the block's material, or nil when the trend table
// has fewer than two snapshots: a single snapshot is no trend, and its
// figures are in the characteristic sections.
func newOverTime(pub *report.Publication) *overTime {
	trend := pub.Table(catalog.Trend.Name)
	if trend == nil || trend.Index("snapshot_date") < 0 {
		return nil
	}
	i := trend.Index("snapshot_date")
	var dates []string
	for _, row := range trend.Rows {
		if len(row) != len(trend.Columns) {
			continue
		}
		d := row[i].Text
		if d == "" || (pub.Meta.AsOf != "" && d > pub.Meta.AsOf) || slices.Contains(dates, d) {
			continue
		}
		dates = append(dates, d)
	}
	if len(dates) < 2 {
		return nil
	}
	slices.Sort(dates)
	o := &overTime{trend: trend, dates: dates, seniorFrom: pub.Meta.SeniorFrom}
	decl := pub.Table(catalog.Declaration.Name)
	for _, d := range dates {
		o.counts = append(o.counts, snapshotHeadcount(trend, decl, d))
	}
	o.headcount = o.headcountChart()
	return o
}

// snapshotHeadcount is the number of staff at a snapshot: the sum of one
// characteristic's headcounts of all staff when none of them is withheld
// and its categories are complete (their shares add up to 100%, so they
// cover every member of staff), else the declaration table's total. It is
// [c] when only withheld figures could have given it, [x] when nothing
// could.
func snapshotHeadcount(trend, decl *table.Table, date string) table.Cell {
	var chars []string
	if trend.Index("characteristic") >= 0 {
		for _, row := range rowsAt(trend, date) {
			if ch := row[trend.Index("characteristic")].Text; !slices.Contains(chars, ch) {
				chars = append(chars, ch)
			}
		}
	}
	sortCharacteristics(chars)
	h, p := trend.Index("headcount"), trend.Index("percent")
	withheld := false
	for _, ch := range chars {
		rows := rowsAt(trend, date, "characteristic", ch, "scope", "all")
		if len(rows) == 0 || h < 0 || p < 0 {
			continue
		}
		sum, shares, whole := 0.0, 0.0, true
		for _, r := range rows {
			if !r[h].IsValue() || !r[p].IsValue() {
				whole = false
				withheld = withheld || r[h].Status == table.Suppressed
				break
			}
			sum += r[h].Num
			shares += r[p].Num
		}
		if whole && math.Abs(shares-100) < 0.5 {
			return table.Num(sum)
		}
	}
	if rows := rowsAt(decl, date); len(rows) > 0 && decl.Index("total") >= 0 {
		if c := rows[0][decl.Index("total")]; c.IsValue() {
			return c
		}
	}
	if withheld {
		return table.Marked(table.Suppressed)
	}
	return table.Marked(table.NotAvailable)
}

// headcountChart draws the headcount at each snapshot as a line, leaving
// out snapshots whose headcount is not available (withheld ones are marked
// [c]); nil when fewer than two snapshots are left.
func (o *overTime) headcountChart() *chart.Chart {
	s := chart.Series{Name: "Staff", Colour: chart.Colour(0)}
	var dates, said []string
	shown := false
	for i, c := range o.counts {
		figure := "withheld"
		switch {
		case c.IsValue():
			figure, shown = thousands(c.Num), true
		case c.Status != table.Suppressed:
			continue
		}
		dates = append(dates, o.dates[i])
		s.Values = append(s.Values, c.Num)
		s.Suppressed = append(s.Suppressed, !c.IsValue())
		said = append(said, figure+" at "+chart.LongDate(o.dates[i]))
	}
	if !shown || len(dates) < 2 {
		return nil // a single point is no line; the table gives it
	}
	span := "from " + chart.LongDate(dates[0]) + " to " + chart.LongDate(dates[len(dates)-1])
	return &chart.Chart{
		ID: headcountChartID, Title: "Staff headcount over time",
		Subtitle:   "Number of staff, " + span,
		AltText:    fmt.Sprintf("Line chart of the number of staff at each snapshot %s: %s.", span, strings.Join(said, ", ")),
		Kind:       chart.Line,
		Categories: dates, Series: []chart.Series{s},
		ValueLabel: "Staff", Source: catalog.Trend.Name,
	}
}

// span says which snapshots the block covers, "from 31 March 2023 to 30
// June 2025".
func (o *overTime) span() string {
	return "from " + chart.LongDate(o.dates[0]) + " to " + chart.LongDate(o.dates[len(o.dates)-1])
}

// holds reports whether a chart belongs in the block: the headcount line
// and the trend charts of the headline characteristics.
func (o *overTime) holds(c chart.Chart) bool {
	if o == nil {
		return false
	}
	if c.ID == headcountChartID {
		return true
	}
	for _, sh := range overTimeShares {
		if c.ID == chart.KindTrend+"-"+sh.characteristic {
			return true
		}
	}
	return false
}

// section lays out the block with the charts it holds.
func (o *overTime) section(charts []chartView) section {
	senior := "senior staff"
	if o.seniorFrom != "" {
		senior += " (" + o.seniorFrom + " and above)"
	}
	return section{
		ID: idOverTime, Heading: "Headcount and representation over time",
		Intro: []string{fmt.Sprintf("The number of staff and the share of women, ethnic minority and disabled staff, of all staff and of %s, at each of the %d snapshots %s.",
			senior, len(o.dates), o.span())},
		Charts: charts,
		Tables: []*tableView{o.table()},
	}
}

// table gives the headcount and the headline shares at each snapshot, a
// row per snapshot; a share the trend table does not hold at a snapshot
// (senior staff where the snapshot has no grades) is [x].
func (o *overTime) table() *tableView {
	type column struct{ characteristic, category, scope string }
	var cols []column
	tv := &tableView{Caption: "Headcount and representation at each snapshot",
		Columns: []heading{{Text: "Snapshot"}, {Text: "Staff", Numeric: true}}}
	for _, sh := range overTimeShares {
		for _, scope := range []struct{ name, text string }{{"all", "% of all staff"}, {"senior", "% of senior staff"}} {
			if len(rowsAt(o.trend, "", "characteristic", sh.characteristic, "category", sh.category, "scope", scope.name)) == 0 {
				continue
			}
			cols = append(cols, column{sh.characteristic, sh.category, scope.name})
			tv.Columns = append(tv.Columns, heading{Text: sh.name + ", " + scope.text, Numeric: true})
		}
	}
	percent := table.Column{Name: "percent", Kind: table.Percent}
	if i := o.trend.Index("percent"); i >= 0 {
		percent = o.trend.Columns[i]
	}
	for i, d := range o.dates {
		row := []cellView{{Text: chart.LongDate(d), Date: true}, cell(o.counts[i], table.Column{Kind: table.Count})}
		for _, col := range cols {
			row = append(row, o.share(d, col.characteristic, col.category, col.scope, percent))
		}
		tv.Rows = append(tv.Rows, row)
	}
	return tv
}

// share is one category's share at a snapshot: 0 when the characteristic
// has figures at the snapshot but none for the category (nobody in it),
// [x] when it has none at all.
func (o *overTime) share(date, characteristic, category, scope string, col table.Column) cellView {
	i := o.trend.Index("percent")
	if i < 0 {
		return markerCell(table.NotAvailable)
	}
	if rows := rowsAt(o.trend, date, "characteristic", characteristic, "category", category, "scope", scope); len(rows) > 0 {
		return cell(rows[0][i], col)
	}
	if len(rowsAt(o.trend, date, "characteristic", characteristic, "scope", scope)) > 0 {
		return cell(table.Num(0), col)
	}
	return markerCell(table.NotAvailable)
}
