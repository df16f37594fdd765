package chart

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/table"
)

// The pay charts sit under one pseudo-characteristic so that every surface
// can gather them into one pay section, whatever characteristics it shows.
const (
	PayCharacteristic = "pay"
	IDPayQuartiles    = "pay-quartiles" // StackedBar: % of women and of men in each quarter of hourly pay
	IDPayGapTrend     = "pay-gap-trend" // Line: mean and median hourly gender pay gap per snapshot
	IDPayPeers        = "pay-peers"     // Bar: the organisation's figures against the peer median
	// KindPayGap prefixes the ethnicity and disability pay gap charts:
	// "pay-gap-ethnic_minority", "pay-gap-ethnic_group", "pay-gap-disability".
	KindPayGap = "pay-gap"
)

// Quartiles names the four quarters of hourly pay, lowest first, as the
// pay_quartiles table and the charts call them.
var Quartiles = []string{"Lower", "Lower middle", "Upper middle", "Top"}

// QuartileColumns are the gender_pay_gap columns of women's and men's share
// of each quarter, in the order of Quartiles.
var QuartileColumns = [][2]string{
	{"FemaleLowerQuartile", "MaleLowerQuartile"},
	{"FemaleLowerMiddleQuartile", "MaleLowerMiddleQuartile"},
	{"FemaleUpperMiddleQuartile", "MaleUpperMiddleQuartile"},
	{"FemaleTopQuartile", "MaleTopQuartile"},
}

// payGapOrder is the order of the other pay gap charts: the headline
// ethnicity comparison, its detail, then disability; any other
// characteristic of the pay_gap table follows in table order.
var payGapOrder = []string{"ethnic_minority", "ethnic_group", "disability"}

// PeerMeasures names the measures of the pay_gap_peers table in the order
// charts and reports show them.
var PeerMeasures = []struct{ Measure, Name string }{
	{"DiffMeanHourlyPercent", "Mean hourly gap"},
	{"DiffMedianHourlyPercent", "Median hourly gap"},
	{"FemaleTopQuartile", "Women in the top quartile"},
}

// gapValueLabel is the value axis of the gender pay gap charts, saying
// which way the sign runs.
const gapValueLabel = "% (positive: men paid more)"

// pay draws the pay charts from whichever pay tables the publication has.
func (b *builder) pay() []*Chart {
	out := []*Chart{b.payQuartiles(), b.payGapTrend()}
	for _, c := range b.payGapCharacteristics() {
		out = append(out, b.payGap(c))
	}
	return append(out, b.payPeers())
}

// add1 reads a cell rounded to the one decimal place pay figures are
// published to, so that a chart never shows more than the table.
func (v *values) add1(c table.Cell) {
	if c.IsValue() {
		c.Num = table.Round(c.Num, 1)
	}
	v.add(c)
}

func (b *builder) payQuartiles() *Chart {
	cols := []string{"snapshot_date"}
	for _, q := range QuartileColumns {
		cols = append(cols, q[0], q[1])
	}
	v, ok := b.view(catalog.GenderPayGap.Name, cols...)
	if !ok {
		return nil
	}
	asOf := b.asOf(v)
	rows := v.rows("snapshot_date", asOf)
	if len(rows) == 0 {
		return nil
	}
	var women, men values
	for _, q := range QuartileColumns {
		women.add1(v.cell(rows[0], q[0]))
		men.add1(v.cell(rows[0], q[1]))
	}
	alt := fmt.Sprintf("Stacked bar chart of women and men in each quarter of full-pay relevant employees ranked by hourly pay at %s.", LongDate(asOf))
	var shares, missing []string
	for i, q := range Quartiles {
		name := strings.ToLower(q) + " quarter"
		if women.has(i) {
			shares = append(shares, women.say(i)+" of the "+name)
		} else {
			missing = append(missing, " Women's share of the "+name+" is "+women.say(i)+".")
		}
	}
	if len(shares) > 0 {
		alt += " Women are " + joinAnd(shares) + "."
	}
	alt += strings.Join(missing, "")
	return &Chart{
		ID: IDPayQuartiles, Title: "Women and men in each quarter of hourly pay",
		Subtitle:   LongDate(asOf) + ", full-pay relevant employees ranked by hourly pay, lowest first; % of each quarter",
		AltText:    alt,
		Kind:       StackedBar,
		Categories: slices.Clone(Quartiles),
		Series:     []Series{women.series("Women", Colour(0)), men.series("Men", Colour(1))},
		ValueLabel: "% of quarter", ValueMax: 100,
		Source: catalog.GenderPayGap.Name, Characteristic: PayCharacteristic,
	}
}

func (b *builder) payGapTrend() *Chart {
	v, ok := b.view(catalog.GenderPayGap.Name, "snapshot_date", "DiffMeanHourlyPercent", "DiffMedianHourlyPercent")
	if !ok {
		return nil
	}
	byDate := map[string]table.Row{}
	var dates []string
	for _, r := range v.t.Rows {
		d := v.text(r, "snapshot_date")
		if b.opts.AsOf != "" && d > b.opts.AsOf {
			continue
		}
		if _, dup := byDate[d]; !dup {
			byDate[d] = r
			dates = append(dates, d)
		}
	}
	if len(dates) < 2 {
		return nil
	}
	sort.Strings(dates)
	var mean, median values
	for _, d := range dates {
		mean.add1(v.cell(byDate[d], "DiffMeanHourlyPercent"))
		median.add1(v.cell(byDate[d], "DiffMedianHourlyPercent"))
	}
	period := "from " + LongDate(dates[0]) + " to " + LongDate(dates[len(dates)-1])
	each := func(vals values) string {
		out := make([]string, len(dates))
		for i := range dates {
			out[i] = vals.say(i)
		}
		return strings.Join(out, ", ")
	}
	return &Chart{
		ID: IDPayGapTrend, Title: "Gender pay gap over time",
		Subtitle: "From " + LongDate(dates[0]) + " to " + LongDate(dates[len(dates)-1]) +
			", mean and median hourly pay gap (positive: men paid more)",
		AltText: fmt.Sprintf("Line chart of the gender pay gap in hourly pay at each snapshot %s (positive: men paid more): mean %s; median %s.",
			period, each(mean), each(median)),
		Kind:       Line,
		Categories: dates,
		Series:     []Series{mean.series("Mean hourly gap", Colour(0)), median.series("Median hourly gap", Colour(1))},
		ValueLabel: gapValueLabel,
		Source:     catalog.GenderPayGap.Name, Characteristic: PayCharacteristic,
	}
}

// payGapView is the pay_gap table when it has the columns the charts read.
func (b *builder) payGapView() (view, bool) {
	return b.view(catalog.PayGap.Name, "snapshot_date", "characteristic", "category", "reference_category",
		"mean_hourly_gap_percent", "median_hourly_gap_percent")
}

// payGapCharacteristics lists the characteristics of the pay_gap table at
// the as-of snapshot in chart order.
func (b *builder) payGapCharacteristics() []string {
	v, ok := b.payGapView()
	if !ok {
		return nil
	}
	var found []string
	for _, r := range v.rows("snapshot_date", b.asOf(v)) {
		if c := v.text(r, "characteristic"); c != "" && !slices.Contains(found, c) {
			found = append(found, c)
		}
	}
	rank := func(c string) int {
		if i := slices.Index(payGapOrder, c); i >= 0 {
			return i
		}
		return len(payGapOrder)
	}
	slices.SortStableFunc(found, func(a, b string) int { return rank(a) - rank(b) })
	return found
}

// payGap charts each category's hourly pay gap against the reference
// category. Prefer not to say and Not known stay in: a gap there says
// something about who declines to declare.
func (b *builder) payGap(c string) *Chart {
	v, ok := b.payGapView()
	if !ok {
		return nil
	}
	asOf := b.asOf(v)
	var cats []string
	var mean, median values
	ref := ""
	for _, r := range v.rows("snapshot_date", asOf, "characteristic", c) {
		cat, rc := v.text(r, "category"), v.text(r, "reference_category")
		if ref == "" {
			ref = rc
		}
		if cat == rc {
			continue
		}
		cats = append(cats, cat)
		mean.add1(v.cell(r, "mean_hourly_gap_percent"))
		median.add1(v.cell(r, "median_hourly_gap_percent"))
	}
	if len(cats) == 0 {
		return nil
	}
	refStaff := GroupName(c, ref) + " staff"
	parts := make([]string, len(cats))
	for i, cat := range cats {
		parts[i] = cat + " mean " + mean.say(i) + ", median " + median.say(i)
	}
	name := Label(c)
	return &Chart{
		ID: KindPayGap + "-" + c, Title: name + " pay gaps",
		Subtitle: LongDate(asOf) + ", mean and median hourly pay gap against " + refStaff + " (positive: " + refStaff + " paid more)",
		AltText: fmt.Sprintf("Bar chart of the hourly pay gap of each %s category against %s at %s (positive: %s paid more): %s.",
			lowerFirst(name), refStaff, LongDate(asOf), refStaff, strings.Join(parts, "; ")),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series:     []Series{mean.series("Mean hourly gap", Colour(0)), median.series("Median hourly gap", Colour(1))},
		ValueLabel: "% (positive: " + refStaff + " paid more)",
		Source:     catalog.PayGap.Name, Characteristic: PayCharacteristic,
	}
}

// GroupName writes a category as it reads inside a sentence: ethnic groups
// keep their capitals (GOV.UK style capitalises White, Black, Asian), other
// categories are lowered ("not disabled staff").
func GroupName(characteristic, category string) string {
	switch characteristic {
	case "ethnicity", "ethnic_group", "ethnic_minority":
		return category
	}
	return lowerFirst(category)
}

// PeerSnapshot returns the snapshot the peer comparison shows: asOf when the
// table has rows for it, else the latest snapshot before it (peers publish
// later than the organisation counts), or "" when there is none.
func PeerSnapshot(t *table.Table, asOf string) string {
	i := t.Index("snapshot_date")
	if i < 0 {
		return ""
	}
	best := ""
	for _, r := range t.Rows {
		if i >= len(r) {
			continue
		}
		d := r[i].Text
		if (asOf == "" || d <= asOf) && d > best {
			best = d
		}
	}
	return best
}

func (b *builder) payPeers() *Chart {
	v, ok := b.view(catalog.PayGapPeers.Name, "snapshot_date", "measure", "organisation_value", "peer_median")
	if !ok {
		return nil
	}
	snap := PeerSnapshot(v.t, b.opts.AsOf)
	rows := v.rows("snapshot_date", snap)
	var cats, parts []string
	var org, peer values
	group := ""
	for _, m := range PeerMeasures {
		for _, r := range rows {
			if v.text(r, "measure") != m.Measure {
				continue
			}
			i := len(cats)
			cats = append(cats, m.Name)
			org.add1(v.cell(r, "organisation_value"))
			peer.add1(v.cell(r, "peer_median"))
			part := m.Name + " " + org.say(i) + " against a peer median of " + peer.say(i)
			if p := v.optional(r, "percentile"); p.IsValue() {
				part += " (" + Ordinal(p.Num) + " percentile"
				if n := v.optional(r, "peer_count"); n.IsValue() {
					part += " of " + thousands(n.Num) + " peers"
				}
				part += ")"
			}
			parts = append(parts, part)
			if group == "" {
				group = v.optional(r, "peer_group").Text
			}
			break
		}
	}
	if len(cats) == 0 {
		return nil
	}
	sub := group
	if sub == "" {
		sub = "Peer employers' published figures"
	}
	return &Chart{
		ID: IDPayPeers, Title: "Gender pay gap compared with peers", Subtitle: sub,
		AltText: fmt.Sprintf("Bar chart of this organisation's gender pay gap figures at %s against the median of its peers (%s): %s.",
			LongDate(snap), sub, strings.Join(parts, "; ")),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series:     []Series{org.series("This organisation", Colour(0)), peer.series("Peer median", Colour(1))},
		ValueLabel: "%",
		Source:     catalog.PayGapPeers.Name, Characteristic: PayCharacteristic,
	}
}

// Ordinal writes a percentile rank as a whole ordinal: 31.2 → "31st",
// 12 → "12th", 2.6 → "3rd".
func Ordinal(v float64) string {
	n := int64(table.Round(v, 0))
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.FormatInt(n, 10) + suffix
}

// joinAnd joins phrases as "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
