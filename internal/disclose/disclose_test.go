package disclose

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/table"
)

// build makes a table from a grid written as it would be published: markers
// as [c]/[x]/[z], an empty string as an Empty cell, numbers in plain text.
func build(t *testing.T, name string, cols []table.Column, grid [][]string) *table.Table {
	t.Helper()
	tb := &table.Table{Name: name, Columns: cols}
	for _, line := range grid {
		if len(line) != len(cols) {
			t.Fatalf("row %v has %d cells, want %d", line, len(line), len(cols))
		}
		row := make(table.Row, len(cols))
		for i, s := range line {
			switch s {
			case "[c]":
				row[i] = table.Marked(table.Suppressed)
				continue
			case "[x]":
				row[i] = table.Marked(table.NotAvailable)
				continue
			case "[z]":
				row[i] = table.Marked(table.NotApplicable)
				continue
			case "":
				row[i] = table.Marked(table.Empty)
				continue
			}
			switch cols[i].Kind {
			case table.Text, table.Date, table.Flag:
				row[i] = table.Str(s)
			default:
				v, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatalf("cell %q of column %s: %v", s, cols[i].Name, err)
				}
				row[i] = table.Num(v)
			}
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

// render shows the table as the tidy CSV would.
func render(tb *table.Table) [][]string {
	out := make([][]string, len(tb.Rows))
	for r, row := range tb.Rows {
		out[r] = make([]string, len(row))
		for c, cell := range row {
			out[r][c] = cell.Format(tb.Columns[c])
		}
	}
	return out
}

func assertGrid(t *testing.T, tb *table.Table, want [][]string) {
	t.Helper()
	got := render(tb)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("table %s:\n got %s\nwant %s", tb.Name, show(got), show(want))
	}
}

func show(g [][]string) string {
	var b strings.Builder
	for _, row := range g {
		b.WriteString("\n  " + strings.Join(row, " | "))
	}
	return b.String()
}

// assertNoNumberBehindMarker checks that every [c] cell carries no number, so
// that no output format can print what disclosure control withheld.
func assertNoNumberBehindMarker(t *testing.T, tb *table.Table) {
	t.Helper()
	for r, row := range tb.Rows {
		for c, cell := range row {
			if cell.Status == table.Suppressed && (cell.Num != 0 || cell.Text != "") {
				t.Errorf("row %d column %s is [c] but still holds %v %q", r, tb.Columns[c].Name, cell.Num, cell.Text)
			}
		}
	}
}

var profileCols = []table.Column{
	{Name: "snapshot_date", Kind: table.Date},
	{Name: "characteristic", Kind: table.Text},
	{Name: "category", Kind: table.Text},
	{Name: "headcount", Kind: table.Count},
	{Name: "percent", Kind: table.Percent},
}

var profileSpec = Spec{
	Counts:  []string{"headcount"},
	Groups:  []Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic"}}},
	Derived: map[string][]string{"percent": {"headcount"}},
}

func TestSimpleCharacteristic(t *testing.T) {
	// 100 staff: 3 disabled (primary, 1..4), 40 not known, 57 not disabled.
	// With only the 3 hidden it would be 100 − 40 − 57, so the next smallest
	// cell, 40, goes too; the percentages of both follow their counts.
	tb := build(t, "profile", profileCols, [][]string{
		{"2024-03-31", "disability", "Disabled", "3", "3"},
		{"2024-03-31", "disability", "Not known", "40", "40"},
		{"2024-03-31", "disability", "Not disabled", "57", "57"},
	})
	st := Apply(tb, profileSpec, 5)
	assertGrid(t, tb, [][]string{
		{"2024-03-31", "disability", "Disabled", "[c]", "[c]"},
		{"2024-03-31", "disability", "Not known", "[c]", "[c]"},
		{"2024-03-31", "disability", "Not disabled", "57", "57.00"},
	})
	if want := (Stats{Primary: 1, Secondary: 1, Derived: 2}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if st.Total() != 4 {
		t.Errorf("total = %d, want 4", st.Total())
	}
	assertNoNumberBehindMarker(t, tb)
}

var gradeCols = []table.Column{
	{Name: "snapshot_date", Kind: table.Date},
	{Name: "characteristic", Kind: table.Text},
	{Name: "category", Kind: table.Text},
	{Name: "grade", Kind: table.Text},
	{Name: "headcount", Kind: table.Count},
}

var byGrade = Group{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "grade"}}
var byCategory = Group{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "category"}}

// crossTab lays out a 3×3 category × grade table, rows A, B, C and columns
// G1, G2, G3 of the grid, as one row per cell.
func crossTab(t *testing.T, grid [3][3]string) *table.Table {
	cats := []string{"A", "B", "C"}
	grades := []string{"G1", "G2", "G3"}
	var rows [][]string
	for i, c := range cats {
		for j, g := range grades {
			rows = append(rows, []string{"2024-03-31", "ethnic_group", c, g, grid[i][j]})
		}
	}
	return build(t, "representation_by_grade", gradeCols, rows)
}

// headcounts reads the cross-tab back as a 3×3 grid.
func headcounts(tb *table.Table) [3][3]string {
	var g [3][3]string
	for r := range tb.Rows {
		g[r/3][r%3] = tb.Rows[r][4].Format(tb.Columns[4])
	}
	return g
}

// countMarkers counts the [c] cells of each category row and grade column.
func countMarkers(g [3][3]string) (rows, cols [3]int) {
	for i := range 3 {
		for j := range 3 {
			if g[i][j] == "[c]" {
				rows[i]++
				cols[j]++
			}
		}
	}
	return rows, cols
}

// assertNoLoneMarker fails when a category row or grade column of the grid
// holds exactly one [c], which its published total would give away.
func assertNoLoneMarker(t *testing.T, g [3][3]string) {
	t.Helper()
	rows, cols := countMarkers(g)
	for i := range 3 {
		if rows[i] == 1 || cols[i] == 1 {
			t.Errorf("row or column %d has exactly one [c]: rows %v cols %v", i, rows, cols)
		}
	}
}

func TestCrossTab(t *testing.T) {
	//        G1  G2  G3   (category totals 72, 80, 120 are published in the
	//   A     2  30  40    profile; grade totals 47, 75, 150 in the grade
	//   B    20  10  50    headcounts)
	//   C    25  35  60
	input := [3][3]string{{"2", "30", "40"}, {"20", "10", "50"}, {"25", "35", "60"}}

	t.Run("naive rule leaks", func(t *testing.T) {
		// Protecting the grade columns only: A-G1 (2) is primary, B-G1 (20)
		// secondary. Row A is left with one [c], so A-G1 = 72 − 30 − 40 = 2:
		// the cell that leaks under the naive rule. Row B leaks B-G1 the same
		// way (80 − 10 − 50 = 20), and with it A-G1 again through G1.
		tb := crossTab(t, input)
		st := Apply(tb, Spec{Counts: []string{"headcount"}, Groups: []Group{byGrade}}, 5)
		want := [3][3]string{{"[c]", "30", "40"}, {"[c]", "10", "50"}, {"25", "35", "60"}}
		if got := headcounts(tb); got != want {
			t.Errorf("headcounts = %v, want %v", got, want)
		}
		if want := (Stats{Primary: 1, Secondary: 1}); st != want {
			t.Errorf("stats = %+v, want %+v", st, want)
		}
		rows, _ := countMarkers(headcounts(tb))
		if rows[0] != 1 {
			t.Errorf("row A has %d [c], want the lone 1 that shows the leak", rows[0])
		}
	})

	t.Run("both dimensions", func(t *testing.T) {
		// Sweep 1, grade groups first: G1 {2*,20,25} suppresses 20 (B-G1).
		// Category groups: A {2*,30,40} suppresses 30 (A-G2); B {20*,10,50}
		// suppresses 10 (B-G2). Sweep 2: G2 {30*,10*,35} has two; nothing
		// else has one. The result is the 2×2 rectangle A/B × G1/G2.
		tb := crossTab(t, input)
		st := Apply(tb, Spec{Counts: []string{"headcount"}, Groups: []Group{byGrade, byCategory}}, 5)
		want := [3][3]string{{"[c]", "[c]", "40"}, {"[c]", "[c]", "50"}, {"25", "35", "60"}}
		got := headcounts(tb)
		if got != want {
			t.Errorf("headcounts = %v, want %v", got, want)
		}
		if want := (Stats{Primary: 1, Secondary: 3}); st != want {
			t.Errorf("stats = %+v, want %+v", st, want)
		}
		assertNoLoneMarker(t, got)
		assertNoNumberBehindMarker(t, tb)
	})

	t.Run("cascade over three sweeps", func(t *testing.T) {
		//        G1  G2  G3
		//   A     2  40  30
		//   B    20  10  50
		//   C    25  35  60
		// Sweep 1: G1 → B-G1 (20); A {2*,40,30} → A-G3 (30); B {20*,10,50} → B-G2 (10).
		// Sweep 2: G2 {40,10*,35} → C-G2 (35); G3 {30*,50,60} → B-G3 (50);
		//          C {25,35*,60} → C-G1 (25).
		// Sweep 3: every row and column has 0, 2 or 3 [c]: done.
		tb := crossTab(t, [3][3]string{{"2", "40", "30"}, {"20", "10", "50"}, {"25", "35", "60"}})
		st := Apply(tb, Spec{Counts: []string{"headcount"}, Groups: []Group{byGrade, byCategory}}, 5)
		want := [3][3]string{{"[c]", "40", "[c]"}, {"[c]", "[c]", "[c]"}, {"[c]", "[c]", "60"}}
		got := headcounts(tb)
		if got != want {
			t.Errorf("headcounts = %v, want %v", got, want)
		}
		if want := (Stats{Primary: 1, Secondary: 6}); st != want {
			t.Errorf("stats = %+v, want %+v", st, want)
		}
		assertNoLoneMarker(t, got)
	})
}

func TestThresholds(t *testing.T) {
	spec := Spec{
		Counts: []string{"headcount"},
		Groups: []Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic"}}},
	}
	cols := profileCols[:4]
	tests := []struct {
		name   string
		min    int
		counts []string
		want   []string
		stats  Stats
	}{
		// 0 is not primary-suppressed; as the smallest cell still shown it is
		// the secondary (METRICS.md: "the next smallest cell").
		{"zero shown", 5, []string{"0", "3", "12", "20"}, []string{"[c]", "[c]", "12", "20"}, Stats{1, 1, 0}},
		{"zero shown when nothing is suppressed", 5, []string{"0", "12", "20"}, []string{"0", "12", "20"}, Stats{}},
		{"min 1 suppresses nothing", 1, []string{"0", "1", "2", "4"}, []string{"0", "1", "2", "4"}, Stats{}},
		{"min 0 is min 1", 0, []string{"0", "1", "2", "4"}, []string{"0", "1", "2", "4"}, Stats{}},
		{"negative min is min 1", -3, []string{"1", "7"}, []string{"1", "7"}, Stats{}},
		{"threshold itself shown", 5, []string{"5", "6", "40"}, []string{"5", "6", "40"}, Stats{}},
		{"four is the last hidden", 5, []string{"4", "5", "40"}, []string{"[c]", "[c]", "40"}, Stats{1, 1, 0}},
		// Pay threshold: 1..9 hidden; the 0 is the next smallest; 10 is shown.
		{"pay min 10", 10, []string{"9", "10", "0", "25", "40"}, []string{"[c]", "10", "[c]", "25", "40"}, Stats{1, 1, 0}},
		{"pay min 10 two primaries", 10, []string{"9", "1", "25", "40"}, []string{"[c]", "[c]", "25", "40"}, Stats{2, 0, 0}},
		// Ties: the first of the two 10s in row order is taken.
		{"tie goes to first row", 5, []string{"3", "10", "10", "50"}, []string{"[c]", "[c]", "10", "50"}, Stats{1, 1, 0}},
		// Only a zero is left: it is taken.
		{"zero as the only other cell", 5, []string{"3", "0"}, []string{"[c]", "[c]"}, Stats{1, 1, 0}},
		// A group with one [c] and nothing else shown has nothing to add.
		{"nothing left to suppress", 5, []string{"3"}, []string{"[c]"}, Stats{1, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var grid, want [][]string
			for i, c := range tc.counts {
				cat := "Category " + strconv.Itoa(i+1)
				grid = append(grid, []string{"2024-03-31", "religion", cat, c})
				want = append(want, []string{"2024-03-31", "religion", cat, tc.want[i]})
			}
			tb := build(t, "profile", cols, grid)
			st := Apply(tb, spec, tc.min)
			assertGrid(t, tb, want)
			if st != tc.stats {
				t.Errorf("stats = %+v, want %+v", st, tc.stats)
			}
		})
	}
}

func TestGroupsSeparatedByKey(t *testing.T) {
	// The same categories on two snapshot dates are two groups: the 3 of
	// 2023 pulls in 2023's 10, not 2024's 6.
	tb := build(t, "profile", profileCols[:4], [][]string{
		{"2023-03-31", "sex", "Female", "3"},
		{"2023-03-31", "sex", "Male", "10"},
		{"2023-03-31", "sex", "Other", "20"},
		{"2024-03-31", "sex", "Female", "6"},
		{"2024-03-31", "sex", "Male", "11"},
	})
	st := Apply(tb, headcountOnlySpec(), 5)
	assertGrid(t, tb, [][]string{
		{"2023-03-31", "sex", "Female", "[c]"},
		{"2023-03-31", "sex", "Male", "[c]"},
		{"2023-03-31", "sex", "Other", "20"},
		{"2024-03-31", "sex", "Female", "6"},
		{"2024-03-31", "sex", "Male", "11"},
	})
	if want := (Stats{Primary: 1, Secondary: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
}

func headcountOnlySpec() Spec {
	return Spec{
		Counts: []string{"headcount"},
		Groups: []Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic"}}},
	}
}

func TestDeclarationRowGroup(t *testing.T) {
	cols := []table.Column{
		{Name: "snapshot_date", Kind: table.Date},
		{Name: "characteristic", Kind: table.Text},
		{Name: "total", Kind: table.Count},
		{Name: "declared", Kind: table.Count},
		{Name: "prefer_not_to_say", Kind: table.Count},
		{Name: "not_known", Kind: table.Count},
		{Name: "declaration_rate", Kind: table.Percent},
	}
	spec := Spec{
		Counts: []string{"total", "declared", "prefer_not_to_say", "not_known"},
		Groups: []Group{{
			Columns: []string{"declared", "prefer_not_to_say", "not_known"},
			By:      []string{"snapshot_date", "characteristic"},
		}},
		Derived: map[string][]string{"declaration_rate": {"declared", "total"}},
	}
	tb := build(t, "declaration", cols, [][]string{
		// Nothing small.
		{"2024-03-31", "sex", "120", "120", "0", "0", "100"},
		// 3 hidden; the next smallest of the row, 17, goes with it; 100 and
		// the rate 100/120 stay.
		{"2024-03-31", "ethnicity", "120", "100", "3", "17", "83.3333"},
		// 4 hidden; the zero is the next smallest, so declared (116) and
		// its rate stay.
		{"2024-03-31", "disability", "120", "116", "4", "0", "96.6667"},
		// Two primaries in one row protect each other: 114 and the rate stay.
		{"2024-03-31", "religion", "120", "114", "2", "4", "95"},
	})
	st := Apply(tb, spec, 5)
	assertGrid(t, tb, [][]string{
		{"2024-03-31", "sex", "120", "120", "0", "0", "100.00"},
		{"2024-03-31", "ethnicity", "120", "100", "[c]", "[c]", "83.33"},
		{"2024-03-31", "disability", "120", "116", "[c]", "[c]", "96.67"},
		{"2024-03-31", "religion", "120", "114", "[c]", "[c]", "95.00"},
	})
	if want := (Stats{Primary: 4, Secondary: 2, Derived: 0}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	assertNoNumberBehindMarker(t, tb)
}

var recruitmentCols = []table.Column{
	{Name: "period", Kind: table.Text},
	{Name: "characteristic", Kind: table.Text},
	{Name: "category", Kind: table.Text},
	{Name: "applied", Kind: table.Count},
	{Name: "appointed", Kind: table.Count},
	{Name: "appointment_rate", Kind: table.Percent},
	{Name: "relative_likelihood", Kind: table.Ratio},
}

// referenceCategory names the row each relative likelihood is measured
// against; characteristics without a reference have none.
func referenceCategory(row table.Row, t *table.Table) string {
	switch row[t.MustIndex("characteristic")].Text {
	case "ethnic_minority":
		return "White"
	case "sex":
		return "Male"
	}
	return ""
}

var recruitmentSpec = Spec{
	Counts: []string{"applied", "appointed"},
	Groups: []Group{
		{Columns: []string{"applied"}, By: []string{"period", "characteristic"}},
		{Columns: []string{"appointed"}, By: []string{"period", "characteristic"}},
	},
	Derived: map[string][]string{
		"appointment_rate":    {"applied", "appointed"},
		"relative_likelihood": {"applied", "appointed"},
	},
	Linked: []Link{{
		Column:    "relative_likelihood",
		By:        []string{"period", "characteristic"},
		KeyColumn: "category",
		Key:       referenceCategory,
		Counts:    []string{"applied", "appointed"},
	}},
}

func recruitmentInput(t *testing.T) *table.Table {
	// Appointment rates: Ethnic minority 6/40 = 15%, White 3/60 = 5%,
	// Not known 7/20 = 35%; relative likelihoods against White 3.00 and 7.00.
	// Sex: Female 10/50 = 20%, Male 5/50 = 10%, likelihood 2.00. Age: no
	// reference, 1.00 written as a placeholder ratio to show it is kept.
	return build(t, "recruitment", recruitmentCols, [][]string{
		{"2023-24", "ethnic_minority", "Ethnic minority", "40", "6", "15", "3"},
		{"2023-24", "ethnic_minority", "White", "60", "3", "5", "[z]"},
		{"2023-24", "ethnic_minority", "Not known", "20", "7", "35", "7"},
		{"2023-24", "sex", "Female", "50", "10", "20", "2"},
		{"2023-24", "sex", "Male", "50", "5", "10", "[z]"},
		{"2023-24", "age_band", "16-24", "30", "8", "26.6667", "1"},
		{"2023-24", "age_band", "25-34", "70", "12", "17.1429", "1"},
	})
}

func TestDerivedAndLinked(t *testing.T) {
	// White's 3 appointments are hidden (primary) and Ethnic minority's 6,
	// the smallest left, with them (secondary). Both rows' rates follow
	// (derived). Ethnic minority's likelihood follows its own count; Not
	// known's counts are shown, but its likelihood 35/5 would give White's
	// rate back, so it is hidden through the link. White's own [z] stays.
	tb := recruitmentInput(t)
	st := Apply(tb, recruitmentSpec, 5)
	assertGrid(t, tb, [][]string{
		{"2023-24", "ethnic_minority", "Ethnic minority", "40", "[c]", "[c]", "[c]"},
		{"2023-24", "ethnic_minority", "White", "60", "[c]", "[c]", "[z]"},
		{"2023-24", "ethnic_minority", "Not known", "20", "7", "35.00", "[c]"},
		{"2023-24", "sex", "Female", "50", "10", "20.00", "2.00"},
		{"2023-24", "sex", "Male", "50", "5", "10.00", "[z]"},
		{"2023-24", "age_band", "16-24", "30", "8", "26.67", "1.00"},
		{"2023-24", "age_band", "25-34", "70", "12", "17.14", "1.00"},
	})
	// Derived: two rates, Ethnic minority's likelihood, and Not known's
	// likelihood through the link.
	if want := (Stats{Primary: 1, Secondary: 1, Derived: 4}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	assertNoNumberBehindMarker(t, tb)
}

func TestLinkedWithoutReferenceRow(t *testing.T) {
	// The reference category is missing from the group: nothing to link to,
	// so the shown likelihood stays.
	tb := build(t, "recruitment", recruitmentCols, [][]string{
		{"2023-24", "sex", "Female", "50", "10", "20", "2"},
	})
	st := Apply(tb, recruitmentSpec, 5)
	assertGrid(t, tb, [][]string{{"2023-24", "sex", "Female", "50", "10", "20.00", "2.00"}})
	if st != (Stats{}) {
		t.Errorf("stats = %+v, want none", st)
	}
}

func TestMarkedCellsUntouched(t *testing.T) {
	// [x] and [z] are neither suppressed cells nor candidates: the group
	// {3, [x], 40, 57} has one [c] after the primary, and the secondary takes
	// 40. Derived cells already [x]/[z], or empty, stay as they are.
	tb := build(t, "profile", profileCols, [][]string{
		{"2024-03-31", "religion", "A", "3", "[z]"},
		{"2024-03-31", "religion", "B", "[x]", "[x]"},
		{"2024-03-31", "religion", "C", "40", ""},
		{"2024-03-31", "religion", "D", "57", "57"},
		{"2024-03-31", "religion", "E", "[z]", "[z]"},
	})
	st := Apply(tb, profileSpec, 5)
	assertGrid(t, tb, [][]string{
		{"2024-03-31", "religion", "A", "[c]", "[z]"},
		{"2024-03-31", "religion", "B", "[x]", "[x]"},
		{"2024-03-31", "religion", "C", "[c]", ""},
		{"2024-03-31", "religion", "D", "57", "57.00"},
		{"2024-03-31", "religion", "E", "[z]", "[z]"},
	})
	if want := (Stats{Primary: 1, Secondary: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if got := tb.Rows[1][3].Status; got != table.NotAvailable {
		t.Errorf("[x] count became status %v", got)
	}
}

func TestDeterministicAndIdempotent(t *testing.T) {
	want := render(func() *table.Table {
		tb := recruitmentInput(t)
		Apply(tb, recruitmentSpec, 5)
		return tb
	}())
	// Derived is a map: repeated runs must not depend on its order.
	for i := range 20 {
		tb := recruitmentInput(t)
		Apply(tb, recruitmentSpec, 5)
		if got := render(tb); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d differs:%s\nfirst run:%s", i, show(got), show(want))
		}
	}
	// A table already protected needs nothing more.
	tb := recruitmentInput(t)
	Apply(tb, recruitmentSpec, 5)
	if st := Apply(tb, recruitmentSpec, 5); st != (Stats{}) {
		t.Errorf("second Apply suppressed %+v, want nothing", st)
	}
	if got := render(tb); !reflect.DeepEqual(got, want) {
		t.Errorf("second Apply changed the table:%s", show(got))
	}
}

func TestFractionalCountBelowOne(t *testing.T) {
	// 0.4 would print as "0", claiming nobody; it is somebody, so hidden.
	tb := build(t, "profile", profileCols[:4], [][]string{
		{"2024-03-31", "carer", "Carer", "0.4"},
		{"2024-03-31", "carer", "Not a carer", "4.6"},
		{"2024-03-31", "carer", "Not known", "30"},
	})
	st := Apply(tb, headcountOnlySpec(), 5)
	// 0.4 is primary; 4.6 (shown as 5) is not, but is then the smallest
	// cell left beside the lone [c], so it is the secondary.
	assertGrid(t, tb, [][]string{
		{"2024-03-31", "carer", "Carer", "[c]"},
		{"2024-03-31", "carer", "Not a carer", "[c]"},
		{"2024-03-31", "carer", "Not known", "30"},
	})
	if want := (Stats{Primary: 1, Secondary: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
}

func TestBadSpec(t *testing.T) {
	tb := build(t, "profile", profileCols[:4], [][]string{{"2024-03-31", "sex", "Female", "3"}})
	bad := []Spec{
		{Counts: []string{"head_count"}},
		{Groups: []Group{{Columns: []string{"headcount"}, By: []string{"grade"}}}},
		{Derived: map[string][]string{"percent": {"headcount"}}},
		{Derived: map[string][]string{"headcount": {"applied"}}},
		{Linked: []Link{{Column: "headcount", KeyColumn: "category", Counts: []string{"headcount"}}}},
		{Linked: []Link{{Column: "headcount", KeyColumn: "category", Counts: []string{"nope"}, Key: referenceCategory}}},
	}
	for i, spec := range bad {
		if err := spec.Validate(tb); err == nil {
			t.Errorf("spec %d: Validate gave no error", i)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("spec %d: Apply did not refuse it", i)
				}
			}()
			Apply(tb, spec, 5)
		}()
	}
	if err := headcountOnlySpec().Validate(tb); err != nil {
		t.Errorf("good spec: %v", err)
	}
}
