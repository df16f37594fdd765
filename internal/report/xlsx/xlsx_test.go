package xlsx

import (
	"archive/zip"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

// writeAndOpen writes pub to a temporary workbook and opens it again.
func writeAndOpen(t *testing.T, pub *report.Publication) (string, *excelize.File) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "workbook.xlsx")
	if err := Write(path, pub); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return path, f
}

// zipEntry returns one part of the written workbook.
func zipEntry(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		return string(b)
	}
	t.Fatalf("workbook has no part %s", name)
	return ""
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("read %s!%s: %v", sheet, ref, err)
	}
	return v
}

func rawCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("read %s!%s: %v", sheet, ref, err)
	}
	return v
}

func cellStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatalf("style of %s!%s: %v", sheet, ref, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("style %d: %v", id, err)
	}
	return st
}

func quotePrefixed(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatalf("style of %s!%s: %v", sheet, ref, err)
	}
	xf := f.Styles.CellXfs.Xf[id]
	return xf.QuotePrefix != nil && *xf.QuotePrefix
}

// sheetText joins every cell of a sheet, for "mentions" checks.
func sheetText(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("rows of %s: %v", sheet, err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteString("\n")
	}
	return b.String()
}

func TestWriteSheets(t *testing.T) {
	_, f := writeAndOpen(t, reporttest.Publication())
	want := []string{"Cover", "Contents", "Notes",
		"profile", "declaration", "representation_by_grade", "senior_representation", "benchmark", "targets", "trend",
		"Findings", "Chart 1", "Chart 2", "Chart 3"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet = %d, want 0 (the cover)", got)
	}
	for _, sheet := range want {
		merged, err := f.GetMergeCells(sheet)
		if err != nil {
			t.Fatalf("merged cells of %s: %v", sheet, err)
		}
		if len(merged) != 0 {
			t.Errorf("sheet %s has %d merged ranges, want none", sheet, len(merged))
		}
	}
}

func TestWriteContents(t *testing.T) {
	_, f := writeAndOpen(t, reporttest.Publication())
	rows, err := f.GetRows("Contents")
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[2]; !slices.Equal(got, []string{"Sheet name", "Title", "Description"}) {
		t.Errorf("contents header = %q", got)
	}
	for _, tc := range []struct{ sheet, title string }{
		{"profile", catalog.Profile.Title},
		{"declaration", catalog.Declaration.Title},
		{"representation_by_grade", catalog.RepresentationByGrade.Title},
		{"senior_representation", catalog.SeniorRepresentation.Title},
		{"benchmark", catalog.Benchmark.Title},
		{"targets", catalog.Targets.Title},
		{"trend", catalog.Trend.Title},
		{"Chart 1", "Staff by sex"},
		{"Chart 2", "Sex by grade"},
		{"Chart 3", "Ethnic minority staff over time"},
	} {
		found := false
		for i, r := range rows {
			if len(r) < 2 || r[0] != tc.sheet {
				continue
			}
			found = true
			if r[1] != tc.title {
				t.Errorf("contents title of %s = %q, want %q", tc.sheet, r[1], tc.title)
			}
			ok, target, err := f.GetCellHyperLink("Contents", cellName(1, i+1))
			if err != nil {
				t.Fatal(err)
			}
			if want := "'" + tc.sheet + "'!A1"; !ok || target != want {
				t.Errorf("contents link of %s = %v %q, want %q", tc.sheet, ok, target, want)
			}
		}
		if !found {
			t.Errorf("contents has no row for %s", tc.sheet)
		}
	}
}

func TestWriteProfileSheet(t *testing.T) {
	_, f := writeAndOpen(t, reporttest.Publication())
	const sheet = "profile"
	if got := cell(t, f, sheet, "A1"); got != catalog.Profile.Title {
		t.Errorf("A1 = %q, want the title %q", got, catalog.Profile.Title)
	}
	if st := cellStyle(t, f, sheet, "A1"); st.Font == nil || !st.Font.Bold || st.Font.Size != 16 {
		t.Errorf("A1 font = %+v, want bold 16", st.Font)
	}
	if got := cell(t, f, sheet, "A2"); got != catalog.Profile.Description {
		t.Errorf("A2 = %q, want the description", got)
	}
	if got := cell(t, f, sheet, "A3"); got != "Suppressed cells are shown as [c]; see the Notes sheet." {
		t.Errorf("A3 = %q", got)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"Snapshot date", "Characteristic", "Category", "Headcount", "% of all staff",
		"% of staff who declared", "95% interval, lower", "95% interval, upper"}
	if got := rows[4]; !slices.Equal(got, wantHeader) {
		t.Errorf("row 5 = %q, want %q", got, wantHeader)
	}
	if st := cellStyle(t, f, sheet, "D5"); st.Font == nil || !st.Font.Bold {
		t.Error("header cell D5 is not bold")
	}

	// Row 6 is Female: 4,690 staff, 73.00%.
	for _, tc := range []struct {
		ref, raw, shown, format string
	}{
		{"D6", "4690", "4,690", "#,##0"},
		{"E6", "73", "73.00", "0.00"},
		{"E8", "8.61", "8.61", "0.00"},
		{"H9", "78.88", "78.88", "0.00"},
	} {
		typ, err := f.GetCellType(sheet, tc.ref)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", tc.ref, typ)
		}
		if got := rawCell(t, f, sheet, tc.ref); got != tc.raw {
			t.Errorf("%s raw = %q, want %q", tc.ref, got, tc.raw)
		}
		if got := cell(t, f, sheet, tc.ref); got != tc.shown {
			t.Errorf("%s shown = %q, want %q", tc.ref, got, tc.shown)
		}
		if st := cellStyle(t, f, sheet, tc.ref); st.CustomNumFmt == nil || *st.CustomNumFmt != tc.format {
			t.Errorf("%s number format = %v, want %q", tc.ref, st.CustomNumFmt, tc.format)
		}
	}
	// Row 12 is Sikh, suppressed throughout; row 10 has [z] for % of declared.
	for _, tc := range []struct{ ref, want string }{{"D12", "[c]"}, {"H12", "[c]"}, {"F10", "[z]"}, {"C12", "Sikh"}, {"A6", "2025-03-31"}} {
		if got := cell(t, f, sheet, tc.ref); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.ref, got, tc.want)
		}
	}
	if st := cellStyle(t, f, sheet, "D12"); st.Alignment == nil || st.Alignment.Horizontal != "right" {
		t.Errorf("[c] in D12 alignment = %+v, want right", st.Alignment)
	}
	if typ, _ := f.GetCellType(sheet, "A6"); typ != excelize.CellTypeInlineString {
		t.Errorf("date A6 type = %v, want text", typ)
	}

	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 5 || panes.TopLeftCell != "A6" {
		t.Errorf("panes = %+v, want frozen below row 5", panes)
	}
	tables, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 || tables[0].Range != "A5:H14" || tables[0].Name != "tbl_profile" {
		t.Errorf("tables = %+v, want tbl_profile on A5:H14", tables)
	}
	width, err := f.GetColWidth(sheet, "F")
	if err != nil {
		t.Fatal(err)
	}
	// "% of staff who declared" is 23 characters, plus 2 of margin.
	if width != 25 {
		t.Errorf("column F width = %v, want 25", width)
	}
}

func TestWriteEveryTableSheet(t *testing.T) {
	pub := reporttest.Publication()
	_, f := writeAndOpen(t, pub)
	for _, tbl := range pub.Tables {
		rows, err := f.GetRows(tbl.Name)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != tbl.Title {
			t.Errorf("%s A1 = %q, want %q", tbl.Name, rows[0][0], tbl.Title)
		}
		var want []string
		for _, c := range tbl.Columns {
			want = append(want, c.Heading())
		}
		if !slices.Equal(rows[4], want) {
			t.Errorf("%s header = %q, want %q", tbl.Name, rows[4], want)
		}
		if got := len(rows) - 5; got != len(tbl.Rows) {
			t.Errorf("%s has %d data rows, want %d", tbl.Name, got, len(tbl.Rows))
		}
		tables, err := f.GetTables(tbl.Name)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) != 1 {
			t.Errorf("%s has %d Excel tables, want 1", tbl.Name, len(tables))
		}
	}
	// targets: gap_pp is a Number with 2 places, -5.14 for the first target.
	if got := cell(t, f, "targets", "H6"); got != "-5.14" {
		t.Errorf("targets H6 = %q, want -5.14", got)
	}
	// senior_representation: the flag column is text.
	if got := cell(t, f, "senior_representation", "L6"); got != "Yes" {
		t.Errorf("senior_representation L6 = %q, want Yes", got)
	}
}

func TestWriteNotesAndFindings(t *testing.T) {
	pub := reporttest.Publication()
	_, f := writeAndOpen(t, pub)
	notes := sheetText(t, f, "Notes")
	for _, want := range []string{
		"Note 1\tSuppression\t",
		"Note 3\tPopulation benchmark\t",
		"Note 4\tShorthand used in the tables",
		"[c] confidential — suppressed to protect individuals",
		"[x] not available",
		"[z] not applicable",
		"inputs/workforce/staff-2025-03-31.xlsx (workforce, snapshot 2025-03-31): 6,425 rows read, 0 rejected",
		"inputs/workforce/staff-2024-03-31.csv (workforce, snapshot 2024-03-31): 6,390 rows read, 2 rejected",
		"invalid date: 2\nunmapped label: 12",
		`"BME" in column Ethnic Origin of inputs/workforce/staff-2025-03-31.xlsx (ethnicity): 5 records`,
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes sheet lacks %q", want)
		}
	}
	tables, err := f.GetTables("Notes")
	if err != nil {
		t.Fatal(err)
	}
	// 3 notes of the fixture, the shorthand and 3 data-quality notes, under a header in row 3.
	if len(tables) != 1 || tables[0].Range != "A3:C10" {
		t.Errorf("notes tables = %+v, want one on A3:C10", tables)
	}

	if got := cell(t, f, "Findings", "B4"); got != pub.Findings[0].Text {
		t.Errorf("Findings B4 = %q, want the first finding", got)
	}
	if got := rawCell(t, f, "Findings", "A5"); got != "2" {
		t.Errorf("Findings A5 = %q, want 2", got)
	}
	ok, target, err := f.GetCellHyperLink("Findings", "C4")
	if err != nil {
		t.Fatal(err)
	}
	if !ok || target != "'senior_representation'!A1" {
		t.Errorf("Findings C4 link = %v %q, want the senior_representation sheet", ok, target)
	}
}

func TestWriteCover(t *testing.T) {
	for _, tc := range []struct {
		name        string
		smallCounts bool
		minCount    int
		want        []string
		notWant     string
	}{
		{"normal", false, 5, []string{
			"Workforce equality profile\n",
			"Shire County Council\n",
			"Figures are as at 31 March 2025 (snapshot 2025-03-31).",
			"Suppression threshold: counts below 5,",
			"Pay figures for groups of fewer than 10 people are shown as [c].",
			"Produced by equip 0.1.0",
			"Census 2021, usual residents aged 16 and over (7 areas)",
		}, "Warning"},
		{"lowered threshold", true, 2, []string{
			"Warning: disclosure control was lowered on purpose",
			"Counts are suppressed only below 2",
			"Suppression threshold: counts below 2,",
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub := reporttest.Publication()
			pub.Meta.SmallCounts, pub.Meta.MinCount = tc.smallCounts, tc.minCount
			_, f := writeAndOpen(t, pub)
			cover := sheetText(t, f, "Cover")
			for _, w := range tc.want {
				if !strings.Contains(cover, w) {
					t.Errorf("cover lacks %q", w)
				}
			}
			if tc.notWant != "" && strings.Contains(cover, tc.notWant) {
				t.Errorf("cover has %q", tc.notWant)
			}
			if got := cell(t, f, "Cover", "A1"); got != "Workforce equality profile" {
				t.Errorf("cover A1 = %q", got)
			}
		})
	}
}

func TestWriteCharts(t *testing.T) {
	pub := reporttest.Publication()
	// A target on a vertical bar chart is drawn as a line over the columns.
	pub.Charts[1].Targets = []chart.Target{{Value: 50, Label: "Parity"}}
	path, f := writeAndOpen(t, pub)

	for _, tc := range []struct {
		part     string
		contains []string
	}{
		{"xl/charts/chart1.xml", []string{"Staff by sex", `<barDir val="bar">`, `<grouping val="clustered">`, `<a:srgbClr val="0072B2">`, "% of all staff", `<orientation val="maxMin">`}},
		{"xl/charts/chart2.xml", []string{"Sex by grade", `<barDir val="col">`, `<grouping val="stacked">`, `<a:srgbClr val="E69F00">`, "<lineChart>", `<a:prstDash val="dash">`}},
		{"xl/charts/chart3.xml", []string{"Ethnic minority staff over time", "<lineChart>", `<a:prstDash val="dash">`, "&#39;Chart 3&#39;!$D$6:$D$8"}},
		{"xl/drawings/drawing1.xml", []string{`descr="Bar chart: 73.0% of staff are female and 27.0% male."`}},
		{"xl/drawings/drawing3.xml", []string{`descr="Line chart: the ethnic minority share of all staff rose`}},
	} {
		xml := zipEntry(t, path, tc.part)
		for _, want := range tc.contains {
			if !strings.Contains(xml, want) {
				t.Errorf("%s lacks %s", tc.part, want)
			}
		}
	}

	// Chart 2's data: Grade 18's female share is suppressed, so it is blank.
	for _, tc := range []struct{ ref, want string }{
		{"A5", "Grade"}, {"B5", "Female"}, {"C5", "Male"}, {"D5", "Parity"},
		{"A9", "Grade 18"}, {"B6", "76.92"}, {"B9", ""}, {"C9", "60"}, {"D9", "50"},
	} {
		if got := cell(t, f, "Chart 2", tc.ref); got != tc.want {
			t.Errorf("Chart 2 %s = %q, want %q", tc.ref, got, tc.want)
		}
	}
	if got := cell(t, f, "Chart 2", "A1"); got != "Sex by grade" {
		t.Errorf("Chart 2 A1 = %q", got)
	}
}

func TestWriteNeutralisesFormulaText(t *testing.T) {
	pub := reporttest.Publication()
	pub.Tables[0].Rows[0][2] = table.Str("=SUM(A1)")
	pub.Tables[0].Rows[1][2] = table.Str("@cmd")
	pub.Charts[0].Categories[0] = "=SUM(A1)"
	_, f := writeAndOpen(t, pub)
	for _, tc := range []struct{ sheet, ref, want string }{
		{"profile", "C6", "=SUM(A1)"},
		{"profile", "C7", "@cmd"},
		{"Chart 1", "A6", "=SUM(A1)"},
	} {
		formula, err := f.GetCellFormula(tc.sheet, tc.ref)
		if err != nil {
			t.Fatal(err)
		}
		if formula != "" {
			t.Errorf("%s!%s has formula %q, want none", tc.sheet, tc.ref, formula)
		}
		if got := cell(t, f, tc.sheet, tc.ref); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.ref, got, tc.want)
		}
		if !quotePrefixed(t, f, tc.sheet, tc.ref) {
			t.Errorf("%s!%s has no quote prefix", tc.sheet, tc.ref)
		}
	}
	if quotePrefixed(t, f, "profile", "C8") {
		t.Error("ordinary text in profile!C8 has a quote prefix")
	}
}

func TestWriteEmptyCellsAndEmptyTable(t *testing.T) {
	pub := reporttest.Publication()
	pub.Tables[0].Rows[0][5] = table.Marked(table.Empty)
	empty := catalog.Trend.New()
	pub.Tables = append(pub.Tables, empty)
	pub.Tables[len(pub.Tables)-1].Name = "trend_empty"
	_, f := writeAndOpen(t, pub)
	if got := rawCell(t, f, "profile", "F6"); got != "" {
		t.Errorf("empty cell F6 = %q, want blank", got)
	}
	if got := cell(t, f, "trend_empty", "A4"); got != "This worksheet contains one table, which has no rows for this run." {
		t.Errorf("empty table A4 = %q", got)
	}
	tables, err := f.GetTables("trend_empty")
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 || tables[0].Range != "A5:F6" {
		t.Errorf("empty table = %+v, want one on A5:F6", tables)
	}
}

func TestWriteProperties(t *testing.T) {
	_, f := writeAndOpen(t, reporttest.Publication())
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	want := excelize.DocProperties{
		Title:    "Workforce equality profile: Shire County Council, 31 March 2025",
		Creator:  "equip",
		Language: "en-GB",
		Created:  "2025-04-10T09:00:00Z",
		Modified: "2025-04-10T09:00:00Z",
	}
	got := excelize.DocProperties{Title: p.Title, Creator: p.Creator, Language: p.Language, Created: p.Created, Modified: p.Modified}
	if got != want {
		t.Errorf("document properties = %+v, want %+v", got, want)
	}
}

// zipParts reads every part of a workbook. In [Content_Types].xml only the
// set of entries counts: excelize writes them (and the zip entries) in map
// order, which varies from run to run.
func zipParts(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	defer zr.Close()
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		s := string(b)
		if f.Name == "[Content_Types].xml" {
			entries := strings.SplitAfter(s, "</")
			slices.Sort(entries)
			s = strings.Join(entries, "")
		}
		parts[f.Name] = s
	}
	return parts
}

func TestWriteIsRepeatable(t *testing.T) {
	dir := t.TempDir()
	var parts [2]map[string]string
	for i := range parts {
		path := filepath.Join(dir, "w"+string(rune('0'+i))+".xlsx")
		if err := Write(path, reporttest.Publication()); err != nil {
			t.Fatal(err)
		}
		parts[i] = zipParts(t, path)
	}
	if len(parts[0]) != len(parts[1]) {
		t.Fatalf("the workbooks have %d and %d parts", len(parts[0]), len(parts[1]))
	}
	for name, content := range parts[0] {
		if parts[1][name] != content {
			t.Errorf("part %s differs between two workbooks of the same publication", name)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "w.xlsx"), nil); err == nil {
		t.Error("Write(nil publication) gave no error")
	}
	missing := filepath.Join(t.TempDir(), "no-such-dir", "w.xlsx")
	if err := Write(missing, reporttest.Publication()); err == nil {
		t.Error("Write to a missing directory gave no error")
	}
	pub := reporttest.Publication()
	pub.Tables[1] = nil
	if err := Write(filepath.Join(t.TempDir(), "w.xlsx"), pub); err == nil || !strings.Contains(err.Error(), "table 2 of the publication is missing") {
		t.Errorf("Write with a nil table: err = %v", err)
	}
	pub = reporttest.Publication()
	pub.Tables[0].Columns = nil
	if err := Write(filepath.Join(t.TempDir(), "w.xlsx"), pub); err == nil || !strings.Contains(err.Error(), "no columns") {
		t.Errorf("Write of a table without columns: err = %v, want a no-columns error", err)
	}
}

func TestCellValue(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	w := &workbook{f: f, st: st}
	const numStyle = 99
	pct := table.Column{Name: "p", Kind: table.Percent}
	pct1 := table.Column{Name: "p", Kind: table.Percent, Decimals: 1}
	cnt := table.Column{Name: "n", Kind: table.Count}
	txt := table.Column{Name: "t", Kind: table.Text}
	for _, tc := range []struct {
		name string
		cell table.Cell
		col  table.Column
		want any
	}{
		{"empty", table.Marked(table.Empty), cnt, nil},
		{"suppressed", table.Marked(table.Suppressed), cnt, excelize.Cell{StyleID: st.marker, Value: "[c]"}},
		{"not applicable", table.Marked(table.NotApplicable), txt, excelize.Cell{StyleID: st.marker, Value: "[z]"}},
		{"count rounds to whole", table.Num(4690.4), cnt, excelize.Cell{StyleID: numStyle, Value: int64(4690)}},
		{"percent rounds half up", table.Num(2.675), pct, excelize.Cell{StyleID: numStyle, Value: 2.68}},
		{"percent to 1 place", table.Num(8.6149), pct1, excelize.Cell{StyleID: numStyle, Value: 8.6}},
		{"not a number", table.Cell{Num: math.NaN()}, pct, excelize.Cell{StyleID: st.marker, Value: "[x]"}},
		{"plain text", table.Str("Female"), txt, "Female"},
		{"empty text", table.Str(""), txt, nil},
		{"formula-like text", table.Str("=1+1"), txt, excelize.Cell{StyleID: st.quoted, Value: "=1+1"}},
		{"minus text", table.Str("-"), txt, excelize.Cell{StyleID: st.quoted, Value: "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := w.cellValue(tc.cell, tc.col, numStyle); got != tc.want {
				t.Errorf("cellValue = %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestChartTypeAndValues(t *testing.T) {
	for _, tc := range []struct {
		kind       chart.Kind
		horizontal bool
		want       excelize.ChartType
	}{
		{chart.Bar, false, excelize.Col},
		{chart.Bar, true, excelize.Bar},
		{chart.StackedBar, false, excelize.ColStacked},
		{chart.StackedBar, true, excelize.BarStacked},
		{chart.Line, false, excelize.Line},
		{chart.Line, true, excelize.Line},
	} {
		if got := chartType(chart.Chart{Kind: tc.kind, Horizontal: tc.horizontal}); got != tc.want {
			t.Errorf("chartType(%v, horizontal %v) = %v, want %v", tc.kind, tc.horizontal, got, tc.want)
		}
	}
	s := chart.Series{Values: []float64{12.5, 0, math.NaN()}, Suppressed: []bool{false, true}}
	for _, tc := range []struct {
		i    int
		want float64
		ok   bool
	}{{0, 12.5, true}, {1, 0, false}, {2, 0, false}, {3, 0, false}} {
		if got, ok := s.Value(tc.i); got != tc.want || ok != tc.ok {
			t.Errorf("seriesValue(%d) = %v, %v; want %v, %v", tc.i, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNumberFormat(t *testing.T) {
	for _, tc := range []struct {
		col  table.Column
		want string
	}{
		{table.Column{Kind: table.Count}, "#,##0"},
		{table.Column{Kind: table.Percent}, "0.00"},
		{table.Column{Kind: table.Percent, Decimals: 1}, "0.0"},
		{table.Column{Kind: table.Ratio}, "0.00"},
		{table.Column{Kind: table.Number, Decimals: 3}, "0.000"},
	} {
		if got := numberFormat(tc.col); got != tc.want {
			t.Errorf("numberFormat(%+v) = %q, want %q", tc.col, got, tc.want)
		}
	}
}

func TestSheetNames(t *testing.T) {
	names := nameSet{}
	for _, tc := range []struct{ in, want string }{
		{"Cover", "Cover"},
		{"cover", "cover 2"},
		{"a_very_long_table_name_that_exceeds_limit", "a_very_long_table_name_that_exc"},
		{"a_very_long_table_name_that_exceeds_limit", "a_very_long_table_name_that_e 2"},
		{"pay/gap [2025]?", "pay_gap _2025__"},
		{"'quoted'", "quoted"},
		{"", "Sheet"},
		{"History", "Sheet 2"},
	} {
		if got := names.sheet(tc.in); got != tc.want {
			t.Errorf("sheet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	tables := nameSet{}
	for _, tc := range []struct{ in, want string }{
		{"profile", "tbl_profile"},
		{"profile", "tbl_profile_2"},
		{"pay gap-2025", "tbl_pay_gap_2025"},
	} {
		if got := tables.table(tc.in); got != tc.want {
			t.Errorf("table(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestThousandsAndPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {6425, "6,425"}, {1234567, "1,234,567"}, {-1234, "-1,234"}} {
		if got := thousands(tc.n); got != tc.want {
			t.Errorf("thousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := plural(1, "row"); got != "1 row" {
		t.Errorf("plural(1) = %q", got)
	}
	if got := plural(6425, "row"); got != "6,425 rows" {
		t.Errorf("plural(6425) = %q", got)
	}
}

// BenchmarkWriteLargeTable writes a profile-like table of 100,000 rows,
// which goes through the stream writer.
func BenchmarkWriteLargeTable(b *testing.B) {
	tbl := catalog.Profile.New()
	cats := []string{"Female", "Male", "Ethnic minority", "White", "Prefer not to say", "Not known"}
	for i := range 100_000 {
		var head table.Cell = table.Int(int64(100 + i%900))
		if i%17 == 0 {
			head = table.Marked(table.Suppressed)
		}
		tbl.Rows = append(tbl.Rows, table.Row{
			table.Str("2025-03-31"), table.Str("sex"), table.Str(cats[i%len(cats)]),
			head, table.Num(float64(i%10000) / 100), table.Num(float64(i%9000) / 100),
			table.Num(float64(i%8000) / 100), table.Num(float64(i%9500) / 100),
		})
	}
	pub := reporttest.Publication()
	pub.Tables = []*table.Table{tbl}
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(filepath.Join(dir, "large.xlsx"), pub); err != nil {
			b.Fatal(err)
		}
	}
}
