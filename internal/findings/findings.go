// Package findings writes the key findings in plain English from the
// disclosure-controlled tables: every number in a sentence is read from a
// published cell, so a sentence never says more than the tables do.
package findings

import (
	"fmt"
	"math"
	"strings"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// focus is the category each binary characteristic's findings are about.
var focus = []struct{ characteristic, category, people, adjective string }{
	{"sex", "Female", "Women", "female"},
	{"ethnic_minority", "Ethnic minority", "Ethnic minority staff", "from an ethnic minority"},
	{"disability", "Disabled", "Disabled staff", "disabled"},
	{"lgb", "LGB+", "LGB+ staff", "LGB+"},
}

// Write returns the key findings for the as-of snapshot.
func Write(tables map[string]*table.Table, asOf, seniorFrom string) []report.Finding {
	var out []report.Finding
	add := func(tableName, format string, args ...any) {
		out = append(out, report.Finding{Text: fmt.Sprintf(format, args...), Table: tableName})
	}
	profile := tables["profile"]
	if profile != nil {
		if total, ok := headcount(profile, asOf); ok {
			add("profile", "%s people were employed at %s.", table.Thousands(int64(math.Round(total))), chart.LongDate(asOf))
		}
	}
	senior := tables["senior_representation"]
	bench := tables["benchmark"]
	for _, f := range focus {
		share, ok := cell(profile, "percent", asOf, f.characteristic, f.category)
		if !ok {
			continue
		}
		sentence := fmt.Sprintf("%s are %s of all staff", f.people, pct(share))
		if declared, ok := cell(profile, "percent_of_declared", asOf, f.characteristic, f.category); ok && table.Round(declared, 1) != table.Round(share, 1) {
			sentence += fmt.Sprintf(" (%s of those who declared)", pct(declared))
		}
		source := "profile"
		if s, ok := cell(senior, "percent_of_senior", asOf, f.characteristic, f.category); ok && seniorFrom != "" {
			sentence += fmt.Sprintf(" and hold %s of %s+ posts", pct(s), seniorFrom)
			if sig, ok := text(senior, "significant", asOf, f.characteristic, f.category); ok {
				if sig == "Yes" {
					sentence += "; the difference is statistically clear"
				} else {
					sentence += "; there is no clear difference"
				}
			}
			source = "senior_representation"
		}
		if pop, ok := cell(bench, "population_percent", asOf, f.characteristic, f.category); ok {
			if ratio, ok := cell(bench, "representation_ratio", asOf, f.characteristic, f.category); ok {
				sentence += fmt.Sprintf(". The local population is %s %s (representation ratio %.2f)", pct(pop), f.adjective, table.Round(ratio, 2))
			}
		}
		add(source, "%s.", sentence)
	}
	if f, ok := payGap(tables["gender_pay_gap"], asOf); ok {
		out = append(out, f)
	}
	if decl := tables["declaration"]; decl != nil {
		lowest, rate := "", 101.0
		for _, r := range decl.Filter("snapshot_date", asOf) {
			c := r[decl.MustIndex("characteristic")].Text
			v := r[decl.MustIndex("declaration_rate")]
			if v.IsValue() && v.Num < rate && isReported(c) {
				lowest, rate = c, v.Num
			}
		}
		if lowest != "" {
			add("declaration", "Declaration is lowest for %s: %s of staff have declared it.", strings.ToLower(chart.Label(lowest)), pct(rate))
		}
	}
	if t := tables["targets"]; t != nil && len(t.Rows) > 0 {
		counts := map[string]int{}
		for _, r := range t.Rows {
			counts[r[t.MustIndex("status")].Text]++
		}
		var parts []string
		for _, s := range []string{"Met", "Improving", "Not met", "No data"} {
			if n := counts[s]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(s)))
			}
		}
		add("targets", "Of %d equality targets: %s.", len(t.Rows), strings.Join(parts, ", "))
	}
	return out
}

// isReported keeps the derived binaries out of the declaration finding,
// where they only repeat their detailed characteristic.
func isReported(c string) bool {
	return c != "ethnic_group" && c != "ethnic_minority" && c != "lgb"
}

func headcount(t *table.Table, asOf string) (float64, bool) {
	rows := t.Filter("snapshot_date", asOf, "characteristic", "sex")
	if len(rows) == 0 {
		rows = t.Filter("snapshot_date", asOf, "characteristic", t.Distinct("characteristic")[0])
	}
	total := 0.0
	for _, r := range rows {
		c := r[t.MustIndex("headcount")]
		if !c.IsValue() {
			return 0, false
		}
		total += c.Num
	}
	return total, len(rows) > 0
}

// cell reads a category's published number at the snapshot.
func cell(t *table.Table, column, asOf, characteristic, category string) (float64, bool) {
	c, ok := published(t, column, "snapshot_date", asOf, "characteristic", characteristic, "category", category)
	return c.Num, ok
}

// text reads a category's published text (a flag) at the snapshot.
func text(t *table.Table, column, asOf, characteristic, category string) (string, bool) {
	c, ok := published(t, column, "snapshot_date", asOf, "characteristic", characteristic, "category", category)
	return c.Text, ok
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", table.Round(v, 1)) }

// payGap writes the gender pay gap finding, with the change since the
// previous snapshot that has the figure.
func payGap(t *table.Table, asOf string) (report.Finding, bool) {
	if t == nil {
		return report.Finding{}, false
	}
	rows := t.Filter("snapshot_date", asOf)
	if len(rows) != 1 {
		return report.Finding{}, false
	}
	mean, median := rows[0][t.MustIndex("DiffMeanHourlyPercent")], rows[0][t.MustIndex("DiffMedianHourlyPercent")]
	if !mean.IsValue() || !median.IsValue() {
		return report.Finding{}, false
	}
	m := table.Round(mean.Num, 1)
	who := fmt.Sprintf("women are paid %.1f%% less than men", m)
	if m < 0 {
		who = fmt.Sprintf("women are paid %.1f%% more than men", -m)
	} else if m == 0 {
		who = "women and men are paid the same"
	}
	text := fmt.Sprintf("The mean gender pay gap is %.1f%% and the median %.1f%%: on average %s an hour.", m, table.Round(median.Num, 1), who)
	var prev table.Cell
	prevDate := ""
	for _, r := range t.Rows {
		d := r[t.MustIndex("snapshot_date")].Text
		if d < asOf && d > prevDate && r[t.MustIndex("DiffMeanHourlyPercent")].IsValue() {
			prev, prevDate = r[t.MustIndex("DiffMeanHourlyPercent")], d
		}
	}
	if prevDate != "" {
		p := table.Round(prev.Num, 1)
		switch {
		case p == m:
			text += fmt.Sprintf(" The mean gap is unchanged since %s.", chart.LongDate(prevDate))
		case math.Abs(m) < math.Abs(p):
			text += fmt.Sprintf(" The mean gap has narrowed from %.1f%% at %s.", p, chart.LongDate(prevDate))
		default:
			text += fmt.Sprintf(" The mean gap has widened from %.1f%% at %s.", p, chart.LongDate(prevDate))
		}
	}
	return report.Finding{Text: text, Table: "gender_pay_gap"}, true
}
