package chart

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/equip-project/equip/internal/table"
)

// Options says which charts Build draws and how it names what they show.
type Options struct {
	AsOf            string   // latest snapshot date (YYYY-MM-DD); every chart but the trends uses its rows
	SeniorFrom      string   // lowest senior grade, e.g. "Grade 13" (titles say "Grade 13+"); "" when there is none
	Characteristics []string // the characteristics that get charts, in order; the rest are skipped
	GradeOrder      []string // grade order for the grade charts; grades not listed follow in table order
}

// maxTrendSeries keeps a trend chart readable: more lines than this become a tangle.
const maxTrendSeries = 6

// manyGrades is the number of grades above which a grade chart runs its bars
// across the page, where the grade names have room.
const manyGrades = 10

// Build draws the charts from the disclosure-controlled tables: for each
// characteristic in opts order its profile, grade, senior, trend and
// benchmark charts (each only when its table has rows for it), then the
// declaration rates and the targets across characteristics, then the pay
// charts (characteristic "pay") whenever the pay tables have rows, whatever
// opts.Characteristics says, and last the employment monitoring charts
// (characteristic: their topic, such as "recruitment") whenever the
// monitoring tables have rows. Categories keep the tables' row order, and a
// category keeps one colour in every chart of its characteristic.
func Build(tables []*table.Table, opts Options) []Chart {
	b := builder{opts: opts, tables: map[string]*table.Table{}}
	for _, t := range tables {
		if t != nil {
			if _, dup := b.tables[t.Name]; !dup {
				b.tables[t.Name] = t
			}
		}
	}
	var chars []string
	for _, c := range opts.Characteristics {
		if !slices.Contains(chars, c) {
			chars = append(chars, c)
		}
	}
	var out []Chart
	add := func(ch *Chart) {
		if ch != nil {
			out = append(out, *ch)
		}
	}
	for _, c := range chars {
		colours := b.categoryColours(c)
		add(b.profile(c))
		add(b.grade(c, colours))
		add(b.senior(c))
		add(b.trend(c, colours))
		add(b.benchmark(c))
	}
	add(b.declaration(chars))
	add(b.targets())
	for _, ch := range b.pay() {
		add(ch)
	}
	for _, ch := range b.monitoring() {
		add(ch)
	}
	return out
}

type builder struct {
	opts   Options
	tables map[string]*table.Table
}

// view is a table known to hold the columns a chart reads, so that reading
// a cell never fails on a table produced without one of them.
type view struct {
	t   *table.Table
	idx map[string]int
}

// view returns the named table when it exists and has every given column.
func (b *builder) view(name string, cols ...string) (view, bool) {
	t := b.tables[name]
	if t == nil {
		return view{}, false
	}
	v := view{t: t, idx: map[string]int{}}
	for _, c := range cols {
		i := t.Index(c)
		if i < 0 {
			return view{}, false
		}
		v.idx[c] = i
	}
	return v, true
}

// cell returns the row's cell in the column, or an empty cell when the view
// does not read that column or the row is short.
func (v view) cell(r table.Row, col string) table.Cell {
	i, ok := v.idx[col]
	if !ok || i >= len(r) {
		return table.Cell{Status: table.Empty}
	}
	return r[i]
}

func (v view) text(r table.Row, col string) string { return v.cell(r, col).Text }

// optional returns the row's cell in a column the view need not hold, or an
// empty cell when the table lacks the column or the row is short.
func (v view) optional(r table.Row, col string) table.Cell {
	if i := v.t.Index(col); i >= 0 && i < len(r) {
		return r[i]
	}
	return table.Cell{Status: table.Empty}
}

// rows returns the rows whose text columns equal the values, given as
// column, value pairs.
func (v view) rows(pairs ...string) []table.Row {
	var out []table.Row
	for _, r := range v.t.Rows {
		ok := true
		for i := 0; i+1 < len(pairs); i += 2 {
			if v.text(r, pairs[i]) != pairs[i+1] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// latest returns the named table's rows of one characteristic at the
// snapshot its charts show, with the view and that date; no rows when the
// table, one of the columns or the characteristic is missing.
func (b *builder) latest(name, characteristic string, cols ...string) (view, string, []table.Row) {
	v, ok := b.view(name, append([]string{"snapshot_date", "characteristic"}, cols...)...)
	if !ok {
		return v, "", nil
	}
	asOf := b.asOf(v)
	return v, asOf, v.rows("snapshot_date", asOf, "characteristic", characteristic)
}

// asOf returns the snapshot a chart of the view shows: the one asked for, or
// the table's latest when none was.
func (b *builder) asOf(v view) string {
	if b.opts.AsOf != "" {
		return b.opts.AsOf
	}
	latest := ""
	for _, r := range v.t.Rows {
		if d := v.text(r, "snapshot_date"); d > latest {
			latest = d
		}
	}
	return latest
}

// senior names the senior grades in titles: "Grade 13+", or "senior" when
// the pipeline set no threshold.
func (b *builder) seniorName() string {
	if b.opts.SeniorFrom == "" {
		return "senior"
	}
	return b.opts.SeniorFrom + "+"
}

// values are one series' figures as read from the table, keeping why a
// figure is missing so that the alt text can say so.
type values struct {
	nums   []float64
	status []table.Status
}

func (v *values) add(c table.Cell) {
	if c.Status == table.Value && !math.IsNaN(c.Num) && !math.IsInf(c.Num, 0) {
		v.nums = append(v.nums, c.Num)
		v.status = append(v.status, table.Value)
		return
	}
	st := c.Status
	if st == table.Value { // a number that is not one
		st = table.NotAvailable
	}
	v.nums = append(v.nums, 0)
	v.status = append(v.status, st)
}

func (v values) series(name, colour string) Series {
	sup := make([]bool, len(v.status))
	for i, st := range v.status {
		sup[i] = st != table.Value
	}
	return Series{Name: name, Values: slices.Clone(v.nums), Suppressed: sup, Colour: colour}
}

func (v values) has(i int) bool { return v.status[i] == table.Value }

// say writes the i-th figure for the alt text.
func (v values) say(i int) string {
	switch v.status[i] {
	case table.Value:
		return percent(v.nums[i])
	case table.Suppressed:
		return "suppressed"
	}
	return "not available"
}

// listing writes "Female 73.0%, Male 27.0%".
func listing(cats []string, v values) string {
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = c + " " + v.say(i)
	}
	return strings.Join(parts, ", ")
}

// pairListing writes each category's figures from two series with the
// series' short names: "Female 73.0% of all staff, 52.8% of Grade 13+ staff".
func pairListing(cats []string, a, b values, aName, bName string) string {
	phrase := func(v values, i int, name string) string {
		if v.has(i) {
			return v.say(i) + " of " + name
		}
		return name + " " + v.say(i)
	}
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = c + " " + phrase(a, i, aName) + ", " + phrase(b, i, bName)
	}
	return strings.Join(parts, "; ")
}

// colourMap gives each category of a characteristic its palette position,
// in the order the tables first show the categories.
type colourMap map[string]int

func (m colourMap) add(cat string) {
	if _, ok := m[cat]; !ok {
		m[cat] = len(m)
	}
}

func (m colourMap) of(cat string) string { return Colour(m[cat]) }

// categoryColours orders a characteristic's categories as the profile lists
// them, then any met only in later tables, so that every chart of the
// characteristic paints a category the same.
func (b *builder) categoryColours(c string) colourMap {
	m := colourMap{}
	b.addCategories(m, c, "profile", "representation_by_grade", "senior_representation", "trend", "benchmark")
	return m
}

// addCategories adds the characteristic's categories of the named tables to
// the colour map, table by table in row order.
func (b *builder) addCategories(m colourMap, c string, tables ...string) {
	for _, name := range tables {
		v, ok := b.view(name, "characteristic", "category")
		if !ok {
			continue
		}
		for _, r := range v.rows("characteristic", c) {
			m.add(v.text(r, "category"))
		}
	}
}

// targetRows returns the targets on a characteristic with one of the measures.
func (b *builder) targetRows(c string, measures ...string) (view, []table.Row) {
	v, ok := b.view("targets", "characteristic", "category", "measure", "target_percent")
	if !ok {
		return view{}, nil
	}
	var out []table.Row
	for _, r := range v.rows("characteristic", c) {
		if slices.Contains(measures, v.text(r, "measure")) && v.cell(r, "target_percent").IsValue() {
			out = append(out, r)
		}
	}
	return v, out
}

// targetLines returns a chart's reference lines for the characteristic's
// targets on the measures the chart shows, labelled "Target: 10% (Female)".
func (b *builder) targetLines(c string, measures ...string) []Target {
	v, rows := b.targetRows(c, measures...)
	var out []Target
	for _, r := range rows {
		who := v.text(r, "category")
		if who == "" {
			who = Label(c)
		}
		val := v.cell(r, "target_percent").Num
		out = append(out, Target{Value: val, Label: "Target: " + plainNumber(val) + "% (" + who + ")"})
	}
	return out
}

// targetSentence adds the targets to an alt text.
func targetSentence(ts []Target) string {
	if len(ts) == 0 {
		return ""
	}
	labels := make([]string, len(ts))
	for i, t := range ts {
		labels[i] = t.Label
	}
	return " " + strings.Join(labels, "; ") + "."
}

// staffTotal returns the characteristic's count of all staff from the
// declaration table, for subtitles.
func (b *builder) staffTotal(c, asOf string) (float64, bool) {
	v, ok := b.view("declaration", "snapshot_date", "characteristic", "total")
	if !ok {
		return 0, false
	}
	for _, r := range v.rows("snapshot_date", asOf, "characteristic", c) {
		if cell := v.cell(r, "total"); cell.IsValue() {
			return cell.Num, true
		}
	}
	return 0, false
}

func (b *builder) profile(c string) *Chart {
	v, asOf, rows := b.latest("profile", c, "category", "percent")
	if len(rows) == 0 {
		return nil
	}
	var cats []string
	var vals values
	for _, r := range rows {
		cats = append(cats, v.text(r, "category"))
		vals.add(v.cell(r, "percent"))
	}
	name := lowerFirst(Label(c))
	sub := LongDate(asOf) + ", all staff"
	if n, ok := b.staffTotal(c, asOf); ok {
		sub += " (" + thousands(n) + " people)"
	}
	targets := b.targetLines(c, "percent")
	return &Chart{
		ID: KindProfile + "-" + c, Title: "Staff by " + name, Subtitle: sub,
		AltText:    fmt.Sprintf("Bar chart of staff by %s at %s: %s.", name, LongDate(asOf), listing(cats, vals)) + targetSentence(targets),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series:     []Series{vals.series("% of all staff", Colour(0))},
		ValueLabel: "% of all staff", ValueMax: 100, Targets: targets,
		Source: "profile", Characteristic: c,
	}
}

// gradeOrder puts the grades present in the pipeline's order, then any the
// order does not list in the order the table shows them.
func (b *builder) gradeOrder(present []string) []string {
	var out []string
	for _, g := range b.opts.GradeOrder {
		if slices.Contains(present, g) && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	for _, g := range present {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

func (b *builder) grade(c string, colours colourMap) *Chart {
	v, asOf, rows := b.latest("representation_by_grade", c, "category", "grade", "percent_of_grade")
	if len(rows) == 0 {
		return nil
	}
	var x crossTab
	for _, r := range rows {
		x.add(v.text(r, "grade"), v.text(r, "category"), v.cell(r, "percent_of_grade"))
	}
	grades := b.gradeOrder(x.keys)
	series, phrases := grid(grades, x, colours, values.say)
	parts := make([]string, len(grades))
	for j, g := range grades {
		parts[j] = g + ": " + phrases[j]
	}
	name := Label(c)
	return &Chart{
		ID: KindGrade + "-" + c, Title: name + " by grade", Subtitle: LongDate(asOf) + ", % of each grade's staff",
		AltText: fmt.Sprintf("Stacked bar chart of %s by grade at %s, as a percentage of each grade: %s.",
			lowerFirst(name), LongDate(asOf), strings.Join(parts, "; ")),
		Kind:       StackedBar,
		Horizontal: len(grades) > manyGrades,
		Categories: grades, Series: series,
		ValueLabel: "% of grade", ValueMax: 100,
		Source: "representation_by_grade", Characteristic: c,
	}
}

func (b *builder) senior(c string) *Chart {
	v, asOf, rows := b.latest("senior_representation", c, "category", "percent_of_senior", "percent_of_all_staff")
	if len(rows) == 0 {
		return nil
	}
	var cats []string
	var all, sen values
	seniorTotal := table.Cell{Status: table.Empty}
	for _, r := range rows {
		cats = append(cats, v.text(r, "category"))
		all.add(v.cell(r, "percent_of_all_staff"))
		sen.add(v.cell(r, "percent_of_senior"))
		if st := v.optional(r, "senior_total"); st.IsValue() && !seniorTotal.IsValue() {
			seniorTotal = st
		}
	}
	name := Label(c)
	seniorStaff := b.seniorName() + " staff"
	sub := LongDate(asOf) + ", % of all staff and of " + seniorStaff
	if seniorTotal.IsValue() {
		sub += " (" + thousands(seniorTotal.Num) + " people in " + b.seniorName() + ")"
	}
	targets := b.targetLines(c, "percent_of_senior")
	return &Chart{
		ID: KindSenior + "-" + c, Title: name + ": " + seniorStaff + " compared with all staff", Subtitle: sub,
		AltText: fmt.Sprintf("Bar chart of %s among all staff and among %s at %s: %s.",
			lowerFirst(name), seniorStaff, LongDate(asOf), pairListing(cats, all, sen, "all staff", seniorStaff)) + targetSentence(targets),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series: []Series{
			all.series("% of all staff", Colour(0)),
			sen.series("% of "+seniorStaff, Colour(1)),
		},
		ValueLabel: "% of staff", Targets: targets,
		Source: "senior_representation", Characteristic: c,
	}
}

// trendLine is one line of a trend chart: a category's share of all staff or
// of senior staff.
type trendLine struct {
	category string
	senior   bool
}

func (l trendLine) name() string {
	if l.senior {
		return l.category + " (senior)"
	}
	return l.category
}

// focusCategory is the category a characteristic's targets are about, whose
// senior trend a many-category chart still shows.
func (b *builder) focusCategory(c string) string {
	v, ok := b.view("targets", "characteristic", "category")
	if !ok {
		return ""
	}
	for _, r := range v.rows("characteristic", c) {
		if cat := v.text(r, "category"); cat != "" {
			return cat
		}
	}
	return ""
}

// declared returns the categories other than the two missing-value ones.
func declared(cats []string) []string {
	var out []string
	for _, c := range cats {
		if c != "Prefer not to say" && c != "Not known" {
			out = append(out, c)
		}
	}
	return out
}

func (b *builder) trend(c string, colours colourMap) *Chart {
	v, ok := b.view("trend", "snapshot_date", "characteristic", "category", "scope", "percent")
	if !ok {
		return nil
	}
	var dates, allCats, seniorCats []string
	cells := map[[3]string]table.Cell{}
	for _, r := range v.rows("characteristic", c) {
		d, cat, scope := v.text(r, "snapshot_date"), v.text(r, "category"), v.text(r, "scope")
		if b.opts.AsOf != "" && d > b.opts.AsOf {
			continue
		}
		if !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
		switch scope {
		case "all":
			if !slices.Contains(allCats, cat) {
				allCats = append(allCats, cat)
			}
		case "senior":
			if !slices.Contains(seniorCats, cat) {
				seniorCats = append(seniorCats, cat)
			}
		default:
			continue
		}
		cells[[3]string{cat, scope, d}] = v.cell(r, "percent")
	}
	allCats, seniorCats = declared(allCats), declared(seniorCats)
	if len(allCats)+len(seniorCats) == 0 {
		return nil
	}
	sort.Strings(dates)
	latest := func(cat, scope string) float64 {
		if cell, ok := cells[[3]string{cat, scope, dates[len(dates)-1]}]; ok && cell.IsValue() {
			return cell.Num
		}
		return math.Inf(-1)
	}

	var lines []trendLine
	var dropped []string
	union := slices.Clone(allCats)
	for _, cat := range seniorCats {
		if !slices.Contains(union, cat) {
			union = append(union, cat)
		}
	}
	if len(union) <= 2 {
		// A binary characteristic: both groups, for all staff and for senior staff.
		for _, cat := range allCats {
			lines = append(lines, trendLine{category: cat})
		}
		for _, cat := range seniorCats {
			lines = append(lines, trendLine{category: cat, senior: true})
		}
	} else {
		focus := b.focusCategory(c)
		focusSenior := focus != "" && slices.Contains(seniorCats, focus)
		slots := maxTrendSeries
		if focusSenior {
			slots--
		}
		keep := allCats
		if len(allCats) > slots {
			// Keep the focus and the largest groups at the latest snapshot.
			ranked := slices.Clone(allCats)
			sort.SliceStable(ranked, func(i, j int) bool {
				if (ranked[i] == focus) != (ranked[j] == focus) {
					return ranked[i] == focus
				}
				return latest(ranked[i], "all") > latest(ranked[j], "all")
			})
			chosen := ranked[:slots]
			keep = nil
			for _, cat := range allCats {
				if slices.Contains(chosen, cat) {
					keep = append(keep, cat)
				} else {
					dropped = append(dropped, cat)
				}
			}
		}
		for _, cat := range keep {
			lines = append(lines, trendLine{category: cat})
		}
		if focusSenior {
			lines = append(lines, trendLine{category: focus, senior: true})
		}
	}

	// All-staff lines take their category's colour; a senior line takes it
	// too when its category has no all-staff line, else the first colour no
	// other line uses.
	used := map[string]bool{}
	for _, l := range lines {
		if !l.senior {
			used[colours.of(l.category)] = true
		}
	}
	series := make([]Series, len(lines))
	vals := make([]values, len(lines))
	for i, l := range lines {
		scope := "all"
		if l.senior {
			scope = "senior"
		}
		for _, d := range dates {
			cell, ok := cells[[3]string{l.category, scope, d}]
			if !ok {
				cell = table.Cell{Status: table.Empty}
			}
			vals[i].add(cell)
		}
		colour := colours.of(l.category)
		if l.senior && used[colour] {
			colour = spareColour(used, len(colours))
		}
		used[colour] = true
		series[i] = vals[i].series(l.name(), colour)
	}

	var targets []Target
	tv, trows := b.targetRows(c, "percent", "percent_of_senior")
	for _, r := range trows {
		l := trendLine{category: tv.text(r, "category"), senior: tv.text(r, "measure") == "percent_of_senior"}
		if !slices.Contains(lines, l) {
			continue
		}
		val := tv.cell(r, "target_percent").Num
		targets = append(targets, Target{Value: val, Label: "Target for " + l.name() + ": " + plainNumber(val) + "%"})
	}

	name := Label(c)
	period := LongDate(dates[0])
	if len(dates) > 1 {
		period = "from " + period + " to " + LongDate(dates[len(dates)-1])
	} else {
		period = "at " + period
	}
	hasAll := slices.ContainsFunc(lines, func(l trendLine) bool { return !l.senior })
	hasSenior := slices.ContainsFunc(lines, func(l trendLine) bool { return l.senior })
	seniorStaff := "senior staff"
	if b.opts.SeniorFrom != "" {
		seniorStaff = b.seniorName() + " staff (senior)"
	}
	sub := "% of all staff"
	switch {
	case hasAll && hasSenior:
		sub += " and of " + seniorStaff
	case hasSenior:
		sub = "% of " + seniorStaff
	}
	sub = upperFirst(period) + ", " + sub
	parts := make([]string, len(lines))
	for i, l := range lines {
		each := make([]string, len(dates))
		for j := range dates {
			each[j] = vals[i].say(j)
		}
		parts[i] = l.name() + " " + strings.Join(each, ", ")
	}
	alt := fmt.Sprintf("Line chart of %s over time, %% of staff at each snapshot %s: %s.", lowerFirst(name), period, strings.Join(parts, "; "))
	if len(dropped) > 0 {
		alt += " Not shown, for readability: " + strings.Join(dropped, ", ") + " (see the trend table)."
	}
	return &Chart{
		ID: KindTrend + "-" + c, Title: name + " over time", Subtitle: sub,
		AltText:    alt + targetSentence(targets),
		Kind:       Line,
		Categories: dates, Series: series,
		ValueLabel: "% of staff", Targets: targets,
		Source: "trend", Characteristic: c,
	}
}

// spareColour returns the first palette colour from position start on that
// no line of the chart uses yet.
func spareColour(used map[string]bool, start int) string {
	for k := range Palette {
		if col := Colour(start + k); !used[col] {
			return col
		}
	}
	return Colour(start)
}

func (b *builder) benchmark(c string) *Chart {
	v, asOf, rows := b.latest("benchmark", c, "category", "workforce_percent", "population_percent")
	if len(rows) == 0 {
		return nil
	}
	var cats []string
	var staff, pop values
	base := ""
	for _, r := range rows {
		cats = append(cats, v.text(r, "category"))
		staff.add(v.cell(r, "workforce_percent"))
		pop.add(v.cell(r, "population_percent"))
		if base == "" {
			base = v.optional(r, "population_base").Text
		}
	}
	name := Label(c)
	sub := LongDate(asOf) + ", staff who declared against the local population"
	if base != "" {
		sub += " (" + base + ")"
	}
	targets := b.targetLines(c, "percent_of_declared")
	return &Chart{
		ID: KindBenchmark + "-" + c, Title: name + ": staff compared with the local population", Subtitle: sub,
		AltText: fmt.Sprintf("Bar chart of %s among staff who declared and in the local population at %s: %s.",
			lowerFirst(name), LongDate(asOf), pairListing(cats, staff, pop, "staff who declared", "population")) + targetSentence(targets),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series: []Series{
			staff.series("% of staff who declared", Colour(0)),
			pop.series("% of population", Colour(1)),
		},
		ValueLabel: "%", Targets: targets,
		Source: "benchmark", Characteristic: c,
	}
}

func (b *builder) declaration(chars []string) *Chart {
	v, ok := b.view("declaration", "snapshot_date", "characteristic", "declaration_rate")
	if !ok {
		return nil
	}
	asOf := b.asOf(v)
	var cats []string
	var vals values
	var targets []Target
	for _, c := range chars {
		rows := v.rows("snapshot_date", asOf, "characteristic", c)
		if len(rows) == 0 {
			continue
		}
		cats = append(cats, Label(c))
		vals.add(v.cell(rows[0], "declaration_rate"))
		targets = append(targets, b.targetLines(c, "declaration_rate")...)
	}
	if len(cats) == 0 {
		return nil
	}
	return &Chart{
		ID: KindDeclaration, Title: "Declaration rates", Subtitle: LongDate(asOf) + ", % of all staff who declared each characteristic",
		AltText:    fmt.Sprintf("Bar chart of declaration rates at %s: %s.", LongDate(asOf), listing(cats, vals)) + targetSentence(targets),
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series:     []Series{vals.series("Declaration rate", Colour(0))},
		ValueLabel: "% of staff who declared", ValueMax: 100, Targets: targets,
		Source: "declaration",
	}
}

// targetName says what a target measures: "Ethnic minority, % of Grade 13+ staff".
func (b *builder) targetName(c, cat, measure string) string {
	who := cat
	if who == "" {
		who = Label(c)
	}
	switch measure {
	case "percent":
		return who + ", % of all staff"
	case "percent_of_declared":
		return who + ", % of staff who declared"
	case "percent_of_senior":
		return who + ", % of " + b.seniorName() + " staff"
	case "percent_of_group_in_senior":
		return who + ", % of the group in " + b.seniorName()
	case "declaration_rate":
		return Label(c) + ", declaration rate"
	}
	return who + ", " + measure
}

func (b *builder) targets() *Chart {
	v, ok := b.view("targets", "target_id", "characteristic", "category", "measure", "target_percent", "actual_percent")
	if !ok || len(v.t.Rows) == 0 {
		return nil
	}
	var cats []string
	var actual, target values
	for _, r := range v.t.Rows {
		name := b.targetName(v.text(r, "characteristic"), v.text(r, "category"), v.text(r, "measure"))
		if slices.Contains(cats, name) {
			name += " (" + v.text(r, "target_id") + ")"
		}
		cats = append(cats, name)
		actual.add(v.cell(r, "actual_percent"))
		target.add(v.cell(r, "target_percent"))
	}
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = c + " " + actual.say(i) + " against a target of " + target.say(i)
	}
	sub := "Latest figure against each target"
	if b.opts.AsOf != "" {
		sub = "Latest figure (" + LongDate(b.opts.AsOf) + ") against each target"
	}
	return &Chart{
		ID: KindTargets, Title: "Equality targets", Subtitle: sub,
		AltText:    "Bar chart of the equality targets, latest figure against target: " + strings.Join(parts, "; ") + ".",
		Kind:       Bar,
		Horizontal: true,
		Categories: cats,
		Series: []Series{
			actual.series("Latest figure", Colour(0)),
			target.series("Target", Colour(1)),
		},
		ValueLabel: "%",
		Source:     "targets",
	}
}

// crossTab gathers a table's cells by key (grade, case type, survey item)
// and category, keeping both in the order the rows first show them.
type crossTab struct {
	keys, cats []string
	cells      map[[2]string]table.Cell
}

func (x *crossTab) add(key, cat string, c table.Cell) {
	if !slices.Contains(x.keys, key) {
		x.keys = append(x.keys, key)
	}
	if !slices.Contains(x.cats, cat) {
		x.cats = append(x.cats, cat)
	}
	if x.cells == nil {
		x.cells = map[[2]string]table.Cell{}
	}
	x.cells[[2]string{key, cat}] = c
}

// cell returns the cell of a key and category, or an empty cell when no
// row gave one.
func (x crossTab) cell(key, cat string) table.Cell {
	if c, ok := x.cells[[2]string{key, cat}]; ok {
		return c
	}
	return table.Cell{Status: table.Empty}
}

// grid builds one series per category of the cross-tab over keys (its own
// or reordered), and for each key the alt-text phrase naming every
// category's value ("Female 76.9%, Male 23.1%").
func grid(keys []string, x crossTab, colours colourMap, say func(values, int) string) ([]Series, []string) {
	cats := x.cats
	series := make([]Series, len(cats))
	vals := make([]values, len(cats))
	for i, cat := range cats {
		for _, k := range keys {
			vals[i].add(x.cell(k, cat))
		}
		series[i] = vals[i].series(cat, colours.of(cat))
	}
	phrases := make([]string, len(keys))
	for j := range keys {
		each := make([]string, len(cats))
		for i, cat := range cats {
			each[i] = cat + " " + say(vals[i], j)
		}
		phrases[j] = strings.Join(each, ", ")
	}
	return series, phrases
}
