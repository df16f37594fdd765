package html

import (
	"slices"
	"strconv"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// kpis picks the headline tiles from the tables the run produced, leaving
// out any tile whose table or row is missing.
func kpis(pub *report.Publication) []kpi {
	asOf := pub.Meta.AsOf
	profile := pub.Table(catalog.Profile.Name)
	senior := pub.Table(catalog.SeniorRepresentation.Name)
	decl := pub.Table(catalog.Declaration.Name)
	seniorNote := "of senior staff"
	if pub.Meta.SeniorFrom != "" {
		seniorNote = "of staff in " + pub.Meta.SeniorFrom + " and above"
	}
	sex, female := string(harmonise.Sex), harmonise.Categories[harmonise.Sex][0]
	minority, minorityYes := string(harmonise.EthnicMinority), harmonise.EthnicMinorityYes

	var out []kpi
	add := func(k kpi, ok bool) {
		if ok {
			out = append(out, k)
		}
	}
	add(headcount(profile, decl, asOf))
	add(percentTile("Women", "of all staff", profile, asOf, "percent", sex, female))
	add(percentTile("Women in senior grades", seniorNote, senior, asOf, "percent_of_senior", sex, female))
	if k, ok := percentTile("Ethnic minority staff", "of all staff", profile, asOf, "percent", minority, minorityYes); ok {
		if d, ok := percentTile("", "", profile, asOf, "percent_of_declared", minority, minorityYes); ok && !d.Marker && !k.Marker {
			k.Note += " (" + d.Value + " of those who declared)"
		}
		out = append(out, k)
	}
	add(percentTile("Ethnic minority staff in senior grades", seniorNote, senior, asOf, "percent_of_senior", minority, minorityYes))
	for _, ch := range []harmonise.Characteristic{harmonise.Ethnicity, harmonise.EthnicMinority, harmonise.EthnicGroup} {
		if k, ok := declarationTile(decl, asOf, string(ch)); ok {
			out = append(out, k)
			break
		}
	}
	return out
}

// headcount is the number of staff at the snapshot: the declaration
// table's total, or else the sum of one characteristic's profile headcounts
// when none of them is withheld.
func headcount(profile, decl *table.Table, asOf string) (kpi, bool) {
	k := kpi{Label: "Staff", Note: "headcount"}
	if asOf != "" {
		k.Note += " at " + chart.LongDate(asOf)
	}
	if rows := rowsAt(decl, asOf); len(rows) > 0 && decl.Index("total") >= 0 {
		c := rows[0][decl.Index("total")]
		if c.Status == table.Empty {
			return kpi{}, false
		}
		k.Value, k.Marker = tileValue(c, table.Count)
		return k, true
	}
	rows := rowsAt(profile, asOf, "characteristic", string(harmonise.Sex))
	i := -1
	if profile != nil {
		i = profile.Index("headcount")
	}
	if len(rows) == 0 || i < 0 {
		return kpi{}, false
	}
	sum := 0.0
	for _, r := range rows {
		if !r[i].IsValue() {
			return kpi{}, false
		}
		sum += r[i].Num
	}
	k.Value = thousands(sum)
	return k, true
}

// percentTile shows one category's percentage from a table.
func percentTile(label, note string, t *table.Table, asOf, column, characteristic, category string) (kpi, bool) {
	rows := rowsAt(t, asOf, "characteristic", characteristic, "category", category)
	if len(rows) == 0 || t.Index(column) < 0 {
		return kpi{}, false
	}
	c := rows[0][t.Index(column)]
	if c.Status == table.Empty {
		return kpi{}, false
	}
	k := kpi{Label: label, Note: note}
	k.Value, k.Marker = tileValue(c, table.Percent)
	return k, true
}

func declarationTile(t *table.Table, asOf, characteristic string) (kpi, bool) {
	rows := rowsAt(t, asOf, "characteristic", characteristic)
	if len(rows) == 0 || t.Index("declaration_rate") < 0 {
		return kpi{}, false
	}
	c := rows[0][t.Index("declaration_rate")]
	if c.Status == table.Empty {
		return kpi{}, false
	}
	k := kpi{Label: "Ethnicity declared", Note: "of staff have declared their ethnicity"}
	k.Value, k.Marker = tileValue(c, table.Percent)
	return k, true
}

// tileValue writes a tile's figure: a count with separators, a percentage
// to one decimal place, or the cell's marker.
func tileValue(c table.Cell, kind table.Kind) (string, bool) {
	if !c.IsValue() {
		return c.Status.Marker(), true
	}
	if kind == table.Count {
		return thousands(c.Num), false
	}
	return oneDecimal(c.Num) + "%", false
}

// ragClass is the CSS class of a target status: Met green, Improving
// amber, Not met red (METRICS.md), anything else grey.
func ragClass(status string) string {
	switch status {
	case "Met":
		return "rag rag-met"
	case "Improving":
		return "rag rag-improving"
	case "Not met":
		return "rag rag-not-met"
	}
	return "rag rag-none"
}

// measureLabel names a target's measure by the heading of the published
// column it is read from ("percent_of_senior" → "% of senior staff").
func measureLabel(measure string) string {
	for _, e := range catalog.All {
		for _, col := range e.Columns {
			if col.Name == measure {
				return col.Heading()
			}
		}
	}
	return measure
}

// targetsTable lays out the targets with their status as a coloured badge
// carrying the status word.
func targetsTable(t *table.Table) *tableView {
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	get := func(row table.Row, name string) (table.Cell, table.Column) {
		i := t.Index(name)
		if i < 0 || i >= len(row) {
			return table.Cell{Status: table.Empty}, table.Column{Name: name}
		}
		return row[i], t.Columns[i]
	}
	text := func(row table.Row, name string) string {
		c, _ := get(row, name)
		return c.Text
	}
	tv := &tableView{
		Caption: t.Title,
		Columns: []heading{{Text: "Target"}, {Text: "Group"}, {Text: "Measure"}, {Text: "Target %", Numeric: true},
			{Text: "Actual %", Numeric: true}, {Text: "Gap (percentage points)", Numeric: true},
			{Text: "Previous %", Numeric: true}, {Text: "Due"}, {Text: "Status"}},
	}
	for _, row := range t.Rows {
		group := text(row, "category")
		if group == "" {
			group = chart.Label(text(row, "characteristic"))
		}
		measure := measureLabel(text(row, "measure"))
		if scope := text(row, "scope"); scope == "senior" && !slices.Contains([]string{"percent_of_senior", "percent_of_group_in_senior"}, text(row, "measure")) {
			measure += " (senior staff)"
		}
		target := cell(get(row, "target_percent"))
		switch text(row, "direction") {
		case "at_least":
			target.Text = "at least " + target.Text
		case "at_most":
			target.Text = "at most " + target.Text
		}
		status := text(row, "status")
		if c, _ := get(row, "status"); !c.IsValue() && c.Status != table.Empty {
			status = c.Status.Marker()
		}
		tv.Rows = append(tv.Rows, []cellView{
			{Text: text(row, "target_id")}, {Text: group}, {Text: measure}, target,
			cell(get(row, "actual_percent")), signed(get(row, "gap_pp")), cell(get(row, "previous_percent")),
			cell(get(row, "due_date")), statusCell(status),
		})
	}
	return tv
}

// statusCell shows a status as a badge; a blank status gets no badge.
func statusCell(status string) cellView {
	if status == "" {
		return cellView{}
	}
	return cellView{Text: status, RAG: ragClass(status)}
}

// signed writes a gap with its sign, so that +2.78 reads as above target.
func signed(c table.Cell, col table.Column) cellView {
	v := cell(c, col)
	if c.IsValue() && c.Num > 0 {
		v.Text = "+" + v.Text
	}
	return v
}

// quality lays out the data-quality summary of the run.
func quality(q report.Quality) qualityView {
	var v qualityView
	if len(q.Inputs) > 0 {
		v.Inputs = &tableView{Caption: "Input files", Columns: []heading{{Text: "File"}, {Text: "Kind"}, {Text: "Snapshot"},
			{Text: "Rows read", Numeric: true}, {Text: "Rows rejected", Numeric: true}}}
		for _, in := range q.Inputs {
			v.Inputs.Rows = append(v.Inputs.Rows, []cellView{{Text: in.Path}, {Text: in.Kind}, {Text: chart.LongDate(in.Snapshot), Date: true},
				{Text: thousands(float64(in.Rows)), Numeric: true}, {Text: thousands(float64(in.Rejected)), Numeric: true}})
		}
	}
	if len(q.Warnings) > 0 {
		kinds := make([]string, 0, len(q.Warnings))
		for k := range q.Warnings {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		v.Warnings = &tableView{Caption: "Warnings by kind", Columns: []heading{{Text: "Problem"}, {Text: "Count", Numeric: true}}}
		for _, k := range kinds {
			v.Warnings.Rows = append(v.Warnings.Rows, []cellView{{Text: k}, {Text: thousands(float64(q.Warnings[k])), Numeric: true}})
		}
	}
	if len(q.Unmapped) > 0 {
		v.Unmapped = &tableView{Caption: "Labels no mapping recognised (counted as Not known)", Columns: []heading{{Text: "Label"},
			{Text: "File"}, {Text: "Column"}, {Text: "Characteristic"}, {Text: "Count", Numeric: true}}}
		for _, u := range q.Unmapped {
			v.Unmapped.Rows = append(v.Unmapped.Rows, []cellView{{Text: u.Label}, {Text: u.File}, {Text: u.Column},
				{Text: chart.Label(u.Characteristic)}, {Text: strconv.Itoa(u.Count), Numeric: true}})
		}
	}
	return v
}
