package xlsx

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

// payPublication is the report fixture with the gender pay gap, the peer
// comparison and two pay charts added. At 31 March 2025 no woman was paid a
// bonus, so both bonus gaps are [x], and the median hourly gap is negative.
func payPublication() *report.Publication {
	pub := reporttest.Publication()
	s, n, in := table.Str, table.Num, table.Int
	x := table.Marked(table.NotAvailable)

	gpg := catalog.GenderPayGap.New()
	gpg.Rows = []table.Row{
		{s("2024-03-31"), n(13.0), n(2.0), n(-16.4), n(0), n(4.1), n(2.7),
			n(25.6), n(74.4), n(27.0), n(73.0), n(25.9), n(74.1), n(29.8), n(70.2), in(1701), in(4580), in(71), in(124)},
		{s("2025-03-31"), n(12.34), n(-1.25), x, x, n(4.16), n(0),
			n(20), n(80), n(25.5), n(74.5), n(30.25), n(69.75), n(41), n(59), in(1700), in(4590), in(72), in(0)},
	}
	pct1 := func(name, label string) table.Column {
		return table.Column{Name: name, Kind: table.Percent, Decimals: 1, Label: label}
	}
	peers := &table.Table{Name: payGapPeersTable, Title: "Gender pay gap compared with peers", Columns: []table.Column{
		{Name: "snapshot_date", Kind: table.Date}, {Name: "measure", Kind: table.Text},
		pct1("organisation_value", "Organisation"), pct1("peer_median", "Peer median"),
		pct1("peer_lower_quartile", "Peer lower quartile"), pct1("peer_upper_quartile", "Peer upper quartile"),
		pct1("percentile", "Percentile rank among peers"), {Name: "peer_count", Kind: table.Count},
		{Name: "peer_group", Kind: table.Text}, {Name: "source", Kind: table.Text},
	}}
	group, source := s("SIC 84110"), s("Gender pay gap service")
	peers.Rows = []table.Row{
		{s("2024-03-31"), s("DiffMeanHourlyPercent"), n(13.0), n(8.0), n(3.0), n(13.0), n(75.0), in(400), group, source},
		{s("2025-03-31"), s("DiffMeanHourlyPercent"), n(12.3), n(8.1), n(3.2), n(13.5), n(71.5), in(412), group, source},
		{s("2025-03-31"), s("DiffMedianHourlyPercent"), n(-1.3), n(5.0), n(0.0), n(10.2), n(12.0), in(412), group, source},
		{s("2025-03-31"), s("FemaleTopQuartile"), n(59.0), n(55.4), n(44.0), n(63.1), n(60.2), in(1410), group, source},
	}
	pub.Tables = append(pub.Tables, gpg, peers)

	pub.Charts = append(pub.Charts,
		chart.Chart{
			ID: "pay-quartiles", Title: "Women and men in each pay quartile", Kind: chart.StackedBar, Characteristic: "pay",
			AltText:    "Stacked column chart: women are 80.0% of the lower quartile and 59.0% of the top quartile.",
			Categories: []string{"Lower", "Lower middle", "Upper middle", "Top"}, ValueLabel: "% of quartile", ValueMax: 100, Source: "gender_pay_gap",
			Series: []chart.Series{
				{Name: "Women", Values: []float64{80, 74.5, 69.75, 59}, Colour: chart.Colour(0)},
				{Name: "Men", Values: []float64{20, 25.5, 30.25, 41}, Colour: chart.Colour(1)},
			},
		},
		chart.Chart{
			ID: "pay-peers", Title: "Gender pay gap compared with peers", Kind: chart.Bar, Horizontal: true, Characteristic: "pay",
			AltText:    "Bar chart of this organisation's figures against the peer median.",
			Categories: []string{"Mean hourly gap", "Median hourly gap"}, ValueLabel: "%", Source: payGapPeersTable,
			Series: []chart.Series{
				{Name: "This organisation", Values: []float64{12.3, -1.3}, Colour: chart.Colour(0)},
				{Name: "Peer median", Values: []float64{8.1, 5.0}, Colour: chart.Colour(1)},
			},
		})
	return pub
}

func TestPayGapSheetPlacedAfterFindings(t *testing.T) {
	_, f := writeAndOpen(t, payPublication())
	want := []string{"Cover", "Contents", "Notes",
		"profile", "declaration", "representation_by_grade", "senior_representation", "benchmark", "targets", "trend",
		"gender_pay_gap", "pay_gap_peers", "Findings", "Gender pay gap", "Chart 1", "Chart 2", "Chart 3", "Chart 4", "Chart 5"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	merged, err := f.GetMergeCells("Gender pay gap")
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != 0 {
		t.Errorf("the gender pay gap sheet has %d merged ranges, want none", len(merged))
	}

	// Listed in Contents right after the findings, linked, with the date in its title.
	rows, err := f.GetRows("Contents")
	if err != nil {
		t.Fatal(err)
	}
	at := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Gender pay gap" })
	if at < 1 || rows[at-1][0] != "Findings" {
		t.Fatalf("contents row of the gender pay gap sheet at %d, want right after Findings", at)
	}
	if rows[at][1] != "Gender pay gap, 31 March 2025" || !strings.Contains(rows[at][2], "with the comparison with peer employers") {
		t.Errorf("contents row = %q", rows[at])
	}
	ok, target, err := f.GetCellHyperLink("Contents", cellName(1, at+1))
	if err != nil {
		t.Fatal(err)
	}
	if !ok || target != "'Gender pay gap'!A1" {
		t.Errorf("contents link = %v %q, want the Gender pay gap sheet", ok, target)
	}
	if cover := sheetText(t, f, "Cover"); !strings.Contains(cover, "The Gender pay gap sheet sets out the six statutory gender pay gap figures") {
		t.Error("the cover does not point to the gender pay gap sheet")
	}
}

func TestPayGapSheetFigures(t *testing.T) {
	_, f := writeAndOpen(t, payPublication())
	const sheet = "Gender pay gap"
	for _, tc := range []struct{ ref, want string }{
		{"A1", "Gender pay gap, 31 March 2025"},
		{"A3", "[x] means not available: no woman received bonus pay, so there are no bonus pay gaps. [c] marks a figure withheld to protect individuals; see the Notes sheet."},
		{"A4", "This worksheet contains 3 tables, one under the other, each under a heading. Percentages are shown to one decimal place."},
		{"A5", "The six statutory figures"},
		{"A6", "Figure"}, {"B6", "Percentage"},
		{"A7", "Mean gender pay gap in hourly pay"},
		{"A8", "Median gender pay gap in hourly pay"},
		{"A9", "Mean gender pay gap in bonus pay"},
		{"A10", "Median gender pay gap in bonus pay"},
		{"A11", "Percentage of men receiving bonus pay"},
		{"A12", "Percentage of women receiving bonus pay"},
		{"A13", "Men and women in each pay quartile"},
		{"A15", "Quartile"}, {"B15", "Men (%)"}, {"C15", "Women (%)"},
		{"A16", "Lower quartile"}, {"A19", "Top quartile"},
		{"A20", "Compared with peer employers"},
		{"A21", "Peer group: SIC 84110. Source: Gender pay gap service. The percentile rank is the share of peers with a lower figure, counting half of those with the same figure."},
		{"A23", "Mean gender pay gap in hourly pay"}, {"A25", "Women in the top pay quartile"},
	} {
		if got := cell(t, f, sheet, tc.ref); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.ref, got, tc.want)
		}
	}
	if st := cellStyle(t, f, sheet, "A1"); st.Font == nil || !st.Font.Bold || st.Font.Size != 16 {
		t.Errorf("A1 font = %+v, want bold 16", st.Font)
	}

	// Figures are numbers rounded to one place and shown so: 12.34 → 12.3,
	// -1.25 → -1.3 (half away from zero), 4.16 → 4.2, 30.25 → 30.3, 69.75 → 69.8.
	for _, tc := range []struct{ ref, raw, shown, format string }{
		{"B7", "12.3", "12.3", "0.0"},
		{"B8", "-1.3", "-1.3", "0.0"},
		{"B11", "4.2", "4.2", "0.0"},
		{"B12", "0", "0.0", "0.0"},
		{"B16", "20", "20.0", "0.0"},
		{"C16", "80", "80.0", "0.0"},
		{"B18", "30.3", "30.3", "0.0"},
		{"C18", "69.8", "69.8", "0.0"},
		{"B24", "-1.3", "-1.3", "0.0"},
		{"F23", "71.5", "71.5", "0.0"},
		{"G25", "1410", "1,410", "#,##0"},
	} {
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
	// The bonus gaps are [x], as right-aligned text.
	for _, ref := range []string{"B9", "B10"} {
		if got := cell(t, f, sheet, ref); got != "[x]" {
			t.Errorf("%s = %q, want [x]", ref, got)
		}
		if st := cellStyle(t, f, sheet, ref); st.Alignment == nil || st.Alignment.Horizontal != "right" {
			t.Errorf("%s alignment = %+v, want right", ref, st.Alignment)
		}
	}

	tables, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		got = append(got, tb.Name+" "+tb.Range)
	}
	want := []string{"tbl_gender_pay_gap_figures A6:B12", "tbl_gender_pay_gap_quartiles A15:C19", "tbl_gender_pay_gap_peers A22:G25"}
	if !slices.Equal(got, want) {
		t.Errorf("tables = %q, want %q", got, want)
	}
	// The 2024 peer comparison is not shown.
	if text := sheetText(t, f, sheet); strings.Contains(text, "75.0") {
		t.Error("the sheet shows the 2024 peer figures")
	}
}

func TestPayGapSheetVariants(t *testing.T) {
	t.Run("no peers, bonus gaps known", func(t *testing.T) {
		pub := payPublication()
		pub.Tables = slices.DeleteFunc(pub.Tables, func(tb *table.Table) bool { return tb.Name == payGapPeersTable })
		gpg := pub.Table(catalog.GenderPayGap.Name)
		gpg.Rows[1][gpg.Index("DiffMeanBonusPercent")] = table.Num(-2.5)
		gpg.Rows[1][gpg.Index("DiffMedianBonusPercent")] = table.Num(0)
		_, f := writeAndOpen(t, pub)
		const sheet = "Gender pay gap"
		for _, tc := range []struct{ ref, want string }{
			{"A3", "[x] means not available: a bonus pay gap needs at least one man and one woman paid a bonus. [c] marks a figure withheld to protect individuals; see the Notes sheet."},
			{"A4", "This worksheet contains 2 tables, one under the other, each under a heading. Percentages are shown to one decimal place."},
			{"B9", "-2.5"}, {"B10", "0.0"},
			{"A20", ""},
		} {
			if got := cell(t, f, sheet, tc.ref); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.ref, got, tc.want)
			}
		}
		tables, err := f.GetTables(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) != 2 {
			t.Errorf("%d tables, want 2", len(tables))
		}
	})
	t.Run("reported snapshot without pay figures", func(t *testing.T) {
		pub := payPublication()
		pub.Meta.AsOf = "2026-03-31"
		_, f := writeAndOpen(t, pub)
		if got := cell(t, f, "Gender pay gap", "A1"); got != "Gender pay gap, 31 March 2025" {
			t.Errorf("A1 = %q, want the latest figures' date", got)
		}
		if got := cell(t, f, "Gender pay gap", "B7"); got != "12.3" {
			t.Errorf("B7 = %q, want 12.3", got)
		}
	})
	t.Run("no gender pay gap", func(t *testing.T) {
		_, f := writeAndOpen(t, reporttest.Publication())
		if slices.Contains(f.GetSheetList(), "Gender pay gap") {
			t.Error("a publication without gender pay gap figures has the sheet")
		}
	})
}

func TestPayCharts(t *testing.T) {
	path, f := writeAndOpen(t, payPublication())
	// Chart 4 is the quartile chart: stacked columns, the axis fixed at 0 to 100.
	quartiles := zipEntry(t, path, "xl/charts/chart4.xml")
	for _, want := range []string{"Women and men in each pay quartile", `<barDir val="col">`, `<grouping val="stacked">`, `<max val="100">`, `<min val="0">`} {
		if !strings.Contains(quartiles, want) {
			t.Errorf("quartile chart lacks %s", want)
		}
	}
	if got := cell(t, f, "Chart 4", "A5"); got != "Quartile" {
		t.Errorf("quartile chart data heading = %q, want Quartile", got)
	}
	// Chart 5 has a negative value: no floor at zero, category labels at the low end.
	peers := zipEntry(t, path, "xl/charts/chart5.xml")
	if strings.Contains(peers, `<min val="0">`) {
		t.Error("the peer chart's value axis starts at zero though a value is negative")
	}
	if !strings.Contains(peers, `<tickLblPos val="low">`) {
		t.Error("the peer chart's category labels are not at the low end")
	}
	if got := cell(t, f, "Chart 5", "A5"); got != "Measure" {
		t.Errorf("peer chart data heading = %q, want Measure", got)
	}
	if got := cell(t, f, "Chart 5", "B7"); got != "-1.3" {
		t.Errorf("Chart 5 B7 = %q, want -1.3", got)
	}
}

func TestPayWorkbookIsRepeatable(t *testing.T) {
	dir := t.TempDir()
	var parts [2]map[string]string
	for i := range parts {
		path := filepath.Join(dir, "w"+string(rune('0'+i))+".xlsx")
		if err := Write(path, payPublication()); err != nil {
			t.Fatal(err)
		}
		parts[i] = zipParts(t, path)
	}
	for name, content := range parts[0] {
		if parts[1][name] != content {
			t.Errorf("part %s differs between two workbooks of the same publication", name)
		}
	}
}

func TestCategoryHeading(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"pay-quartiles", "Quartile"},
		{"pay-gap-trend", "Snapshot date"},
		{"pay-peers", "Measure"},
		{"pay-gap-ethnic_minority", "Category"},
		{"grade-sex", "Grade"},
		{"trend-sex", "Snapshot date"},
	} {
		if got := categoryHeading(chart.Chart{ID: tc.id}); got != tc.want {
			t.Errorf("categoryHeading(%s) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
