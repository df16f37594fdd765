package peers

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/table"
)

// Table renders the positions as the pay_gap_peers table: one row per
// measure, dated asOf, with group describing the peer group (see Describe)
// and the source file's name (never its directory). Missing figures are [x].
func Table(asOf string, positions []Position, group string, source string) *table.Table {
	t := catalog.PayGapPeers.New()
	src := ""
	if source != "" {
		src = filepath.Base(source)
	}
	for _, p := range positions {
		t.Rows = append(t.Rows, table.Row{
			table.Str(asOf), table.Str(p.Measure),
			table.Num(p.Value), table.Num(p.PeerMedian),
			table.Num(p.PeerLowerQuartile), table.Num(p.PeerUpperQuartile),
			table.Num(p.Percentile), table.Int(int64(p.PeerCount)),
			table.Str(group), table.Str(src),
		})
	}
	return t
}

// Describe says in words which employers the peer group holds, e.g.
// "SIC 84110; 250 to 499 employees; 412 employers", where count is the
// number of employers the filter matched.
func Describe(f Filter, count int) string {
	var parts []string
	if codes := nonBlank(f.SIC); len(codes) > 0 {
		parts = append(parts, "SIC "+orList(codes))
	}
	if sizes := nonBlank(f.Sizes); len(sizes) > 0 {
		parts = append(parts, orList(sizes)+" employees")
	}
	if names := nonBlank(f.Employers); len(names) > 0 {
		// A long list of names would swamp the table; the pipeline file keeps it.
		if len(names) <= 3 {
			parts = append(parts, "named: "+strings.Join(names, ", "))
		} else {
			parts = append(parts, strconv.Itoa(len(names))+" named employers")
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "all employers in the file")
	}
	noun := "employers"
	if count == 1 {
		noun = "employer"
	}
	return strings.Join(append(parts, thousands(count)+" "+noun), "; ")
}

func nonBlank(items []string) []string {
	var out []string
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// orList joins items as "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ChartID is the peer chart's id (its PNG file stem and dashboard element).
const ChartID = "pay-gap-peers"

// measureLabel names a measure for chart readers.
var measureLabel = map[string]string{
	MeanGap:           "Mean hourly pay gap",
	MedianGap:         "Median hourly pay gap",
	FemaleTopQuartile: "Women in the top pay quarter",
}

// Chart draws the pay_gap_peers table (after any disclosure control) as a
// bar chart: for each measure, the organisation's figure beside the peers'
// lower quartile, median and upper quartile. It returns nil when the table
// is missing, has no rows, or lacks a column the chart reads.
func Chart(t *table.Table) *chart.Chart {
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	cols := []string{"snapshot_date", "measure", "organisation_value", "peer_lower_quartile", "peer_median", "peer_upper_quartile", "percentile", "peer_count", "peer_group", "source"}
	for _, c := range cols {
		if t.Index(c) < 0 {
			return nil
		}
	}
	series := []chart.Series{
		{Name: "This organisation", Colour: chart.Colour(0)},
		{Name: "Peers' lower quartile", Colour: chart.Colour(4)},
		{Name: "Peers' median", Colour: chart.Colour(1)},
		{Name: "Peers' upper quartile", Colour: chart.Colour(2)},
	}
	valueCols := []string{"organisation_value", "peer_lower_quartile", "peer_median", "peer_upper_quartile"}
	var cats, sentences []string
	for r, row := range t.Rows {
		measure := row[t.MustIndex("measure")].Text
		label := measureLabel[measure]
		if label == "" {
			label = measure
		}
		cats = append(cats, label)
		for i, c := range valueCols {
			cell := row[t.MustIndex(c)]
			v, withheld := 0.0, !cell.IsValue()
			if !withheld {
				v = cell.Num
			}
			series[i].Values = append(series[i].Values, v)
			series[i].Suppressed = append(series[i].Suppressed, withheld)
		}
		sentences = append(sentences, sentence(t, r, label))
	}
	first := t.Rows[0]
	asOf := first[t.MustIndex("snapshot_date")].Text
	group := first[t.MustIndex("peer_group")].Text
	sub := "Peers: " + group
	if src := first[t.MustIndex("source")].Text; src != "" {
		sub += " (" + src + ")"
	}
	if asOf != "" {
		sub = chart.LongDate(asOf) + ". " + sub
	}
	return &chart.Chart{
		ID:             ChartID,
		Title:          catalog.PayGapPeers.Title,
		Subtitle:       sub,
		AltText:        strings.Join(sentences, " "),
		Kind:           chart.Bar,
		Categories:     cats,
		Series:         series,
		ValueLabel:     "%",
		Source:         catalog.PayGapPeers.Name,
		Characteristic: string(harmonise.Sex),
	}
}

// sentence states one row's figures for the chart's alt text.
func sentence(t *table.Table, r int, label string) string {
	org := t.Get(r, "organisation_value")
	med := t.Get(r, "peer_median")
	n := t.Get(r, "peer_count")
	if !org.IsValue() || !med.IsValue() {
		return label + ": no comparison (the organisation's or the peers' figure is not available)."
	}
	s := fmt.Sprintf("%s: this organisation %s, peers' median %s", label, percent(org.Num), percent(med.Num))
	if lo, hi := t.Get(r, "peer_lower_quartile"), t.Get(r, "peer_upper_quartile"); lo.IsValue() && hi.IsValue() {
		s += fmt.Sprintf(" (middle half %s to %s)", percent(lo.Num), percent(hi.Num))
	}
	if p := t.Get(r, "percentile"); p.IsValue() {
		s += fmt.Sprintf(", percentile rank %s", strconv.FormatFloat(table.Round(p.Num, 0), 'f', 0, 64))
	}
	if n.IsValue() {
		s += fmt.Sprintf(", %s peers", thousands(int(n.Num)))
	}
	return s + "."
}

func percent(v float64) string {
	return strconv.FormatFloat(table.Round(v, 1), 'f', 1, 64) + "%"
}
