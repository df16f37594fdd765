package metrics_test

import (
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/table"
)

func TestTargets(t *testing.T) {
	senior := catalog.SeniorRepresentation.New()
	row := func(date, cat string, pos table.Cell) table.Row {
		r := make(table.Row, len(senior.Columns))
		for i := range r {
			r[i] = table.Num(0)
		}
		r[0], r[1], r[2] = table.Str(date), table.Str("ethnic_minority"), table.Str(cat)
		r[senior.MustIndex("percent_of_senior")] = pos
		return r
	}
	senior.Rows = []table.Row{
		row("2024-03-31", "Ethnic minority", table.Num(4.2)),
		row("2025-03-31", "Ethnic minority", table.Num(4.86)),
		row("2024-03-31", "White", table.Num(80)),
		row("2025-03-31", "White", table.Num(86.81)),
		row("2025-03-31", "Not known", table.Marked(table.Suppressed)),
	}
	decl := catalog.Declaration.New()
	decl.Rows = []table.Row{
		{table.Str("2024-03-31"), table.Str("ethnicity"), table.Int(100), table.Int(88), table.Int(5), table.Int(7), table.Num(88)},
		{table.Str("2025-03-31"), table.Str("ethnicity"), table.Int(100), table.Int(86), table.Int(5), table.Int(9), table.Num(86)},
	}
	tables := map[string]*table.Table{"senior_representation": senior, "declaration": decl}
	targets := []config.Target{
		{ID: "em", Characteristic: "ethnic_minority", Category: "Ethnic minority", Measure: "percent_of_senior", Target: 10, Direction: "at_least"},
		{ID: "white-max", Characteristic: "ethnic_minority", Category: "White", Measure: "percent_of_senior", Target: 85, Direction: "at_most"},
		{ID: "white-min", Characteristic: "ethnic_minority", Category: "White", Measure: "percent_of_senior", Target: 85, Direction: "at_least"},
		{ID: "nk", Characteristic: "ethnic_minority", Category: "Not known", Measure: "percent_of_senior", Target: 5, Direction: "at_most"},
		{ID: "decl", Characteristic: "ethnicity", Measure: "declaration_rate", Target: 90, Direction: "at_least"},
	}
	got := metrics.Targets(targets, tables, "2025-03-31", []string{"2024-03-31", "2025-03-31"})
	want := []struct{ id, actual, gap, status, previous string }{
		{"em", "4.86", "-5.14", "Improving", "4.20"},       // 5.14 from 10, was 5.80
		{"white-max", "86.81", "1.81", "Not met", "80.00"}, // met last year, not now: not improving, though nearer
		{"white-min", "86.81", "1.81", "Met", "80.00"},
		{"nk", "[c]", "[c]", "No data", "[x]"},
		{"decl", "86.00", "-4.00", "Not met", "88.00"}, // further from 90 than last year's 88
	}
	for i, w := range want {
		r := got.Rows[i]
		cell := func(col string) string { j := got.MustIndex(col); return r[j].Format(got.Columns[j]) }
		if cell("target_id") != w.id || cell("actual_percent") != w.actual || cell("gap_pp") != w.gap || cell("status") != w.status || cell("previous_percent") != w.previous {
			t.Errorf("%s: actual %s gap %s status %s previous %s; want %+v", w.id, cell("actual_percent"), cell("gap_pp"), cell("status"), cell("previous_percent"), w)
		}
	}
}
