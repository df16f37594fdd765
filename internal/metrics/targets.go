package metrics

import (
	"math"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/table"
)

// Target statuses (METRICS.md "Targets").
const (
	Met       = "Met"
	Improving = "Improving"
	NotMet    = "Not met"
	NoData    = "No data"
)

// figure is a target's measure at one snapshot: its value, or ok=false when
// the published cell is suppressed or missing.
type figure struct {
	value float64
	ok    bool
}

// Targets builds the targets table from the disclosure-controlled tables
// (profile, senior_representation and declaration, at every snapshot), so a
// target on a suppressed figure reads "No data" rather than leaking it.
// asOf is the reported snapshot; the previous figure is the one at the
// latest earlier snapshot that has the measure.
func Targets(targets []config.Target, tables map[string]*table.Table, asOf string, snapshots []string) *table.Table {
	t := catalog.Targets.New()
	for _, tg := range targets {
		actual := measure(tg, tables, asOf)
		var prev figure
		prevDate := ""
		for i := len(snapshots) - 1; i >= 0; i-- {
			if snapshots[i] >= asOf {
				continue
			}
			if f := measure(tg, tables, snapshots[i]); f.ok {
				prev, prevDate = f, snapshots[i]
				break
			}
		}
		row := table.Row{
			table.Str(tg.ID), table.Str(tg.Characteristic), table.Str(tg.Category), table.Str(tg.Scope()),
			table.Str(tg.Measure), table.Num(tg.Target),
			table.Marked(table.Suppressed), table.Marked(table.Suppressed),
			table.Str(tg.Due), table.Str(Status(tg, actual, prev)), table.Str(tg.Direction),
			table.Marked(table.NotAvailable), table.Str(prevDate),
		}
		if actual.ok {
			row[6] = table.Num(actual.value)
			// The gap is worked from the actual as published (2 dp), so that
			// actual − target adds up on the page.
			row[7] = table.Num(table.Round(actual.value, 2) - tg.Target)
		}
		if prev.ok {
			row[11] = table.Num(prev.value)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// Status applies METRICS.md: Met when the actual is on the right side of
// the target; Improving when not met but closer than at the previous
// snapshot; Not met otherwise; No data when the figure is suppressed or missing.
func Status(tg config.Target, actual, prev figure) string {
	if !actual.ok {
		return NoData
	}
	met := func(v float64) bool {
		if tg.Direction == "at_most" {
			return v <= tg.Target
		}
		return v >= tg.Target
	}
	if met(actual.value) {
		return Met
	}
	// Falling from met to not met is never "improving", however close.
	if prev.ok && !met(prev.value) && math.Abs(actual.value-tg.Target) < math.Abs(prev.value-tg.Target) {
		return Improving
	}
	return NotMet
}

// measure reads a target's figure at one snapshot from the published tables.
func measure(tg config.Target, tables map[string]*table.Table, date string) figure {
	var (
		name, column string
		pairs        = []string{"snapshot_date", date, "characteristic", tg.Characteristic}
	)
	switch tg.Measure {
	case "percent", "percent_of_declared":
		name, column = catalog.Profile.Name, tg.Measure
		pairs = append(pairs, "category", tg.Category)
	case "percent_of_senior", "percent_of_group_in_senior":
		name, column = catalog.SeniorRepresentation.Name, tg.Measure
		pairs = append(pairs, "category", tg.Category)
	case "declaration_rate":
		name, column = catalog.Declaration.Name, "declaration_rate"
	default:
		return figure{}
	}
	t := tables[name]
	if t == nil {
		return figure{}
	}
	rows := t.Filter(pairs...)
	if len(rows) != 1 {
		return figure{}
	}
	c := rows[0][t.MustIndex(column)]
	if !c.IsValue() {
		return figure{}
	}
	return figure{value: c.Num, ok: true}
}
