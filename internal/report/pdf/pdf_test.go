package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

// writeFixture writes the fixture publication to a temporary PDF and
// returns the file's bytes.
func writeFixture(t *testing.T, name string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := Write(path, reporttest.Publication()); err != nil {
		t.Fatalf("Write: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// extractText returns a PDF's text laid out as on the page, skipping the
// test when pdftotext (poppler-utils) is not installed.
func extractText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestWriteIsAPDFAndReproducible(t *testing.T) {
	first := writeFixture(t, "a.pdf")
	second := writeFixture(t, "b.pdf")
	if !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("file starts %q, want %%PDF-", first[:min(8, len(first))])
	}
	if !bytes.Equal(first, second) {
		t.Error("two writes of the same publication differ")
	}
	// The creation date comes from Meta.Generated (2025-04-10T09:00:00Z), not the clock.
	if !bytes.Contains(first, []byte("/CreationDate (D:20250410090000)")) {
		t.Error("creation date is not the publication's generated time")
	}
	// Metadata and bookmarks are UTF-16 strings in the (uncompressed) objects.
	for _, want := range []string{
		"/Title (" + utf16be("Shire County Council – Workforce equality profile") + ")",
		"/Author (" + utf16be("Shire County Council") + ")",
		"/Creator (" + utf16be("equip") + ")",
	} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("document metadata lacks %q", want)
		}
	}
	if !bytes.Contains(first, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
	for _, title := range []string{"Cover", "Contents", "Key findings", "Declaration rates", "Sex", "Ethnic minority",
		"Religion or belief", "Workforce compared with the local population", "Methodology and data quality"} {
		if !bytes.Contains(first, []byte("<</Title ("+utf16be(title)+")")) {
			t.Errorf("no bookmark %q", title)
		}
	}
}

// utf16be encodes text as a PDF text string: UTF-16BE with a byte-order mark.
func utf16be(s string) string {
	var b strings.Builder
	b.WriteString("\xfe\xff")
	for _, r := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(r >> 8))
		b.WriteByte(byte(r))
	}
	return b.String()
}

func TestWriteText(t *testing.T) {
	text := extractText(t, writeFixture(t, "report.pdf"))
	// pdftotext breaks long sentences where the page wraps them.
	flat := strings.Join(strings.Fields(text), " ")

	for _, want := range []string{
		// Cover.
		"Shire County Council",
		"Workforce equality profile at 31 March 2025",
		"Generated on 10 April 2025 by equip 0.1.0.",
		"counts below 5",
		// Findings, in full.
		"Women hold 52.8% of Grade 13+ posts against 73.0% of all posts; the difference is statistically clear.",
		"Ethnic minority staff hold 4.9% of Grade 13+ posts against 8.6% of all posts, below the 10% target (improving from 4.2% in 2024).",
		"86.5% of staff have declared their ethnicity; 4.7% preferred not to say and 8.8% are not known.",
		// Section titles, with the human names of the characteristics.
		"Contents", "Key findings", "Declaration rates", "Sex", "Ethnic minority", "Religion or belief",
		"Workforce compared with the local population", "Methodology and data quality",
		// Counts with thousands separators and suppressed cells.
		"4,690", "6,425", "[c]", "[z]",
		// Both senior measures, named apart, and the significance wording.
		"% of senior staff", "% of group in senior grades", "Clear difference", "No clear difference",
		// The population base beside the ratios.
		"Census 2021, usual residents aged 16 and over (7 areas)", "1.43",
		// Methodology: notes, inputs, warnings and unmapped labels.
		"1. Suppression", "3. Population benchmark", "inputs/workforce/staff-2024-03-31.csv", "Unmapped label", "BME",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	// Each target with its status on its row: name, measure, target, actual,
	// previous, gap, due date and status, worked from the fixture's targets.
	for _, want := range []string{
		`Ethnic minority\s+% of senior staff\s+≥ 10\.0\s+4\.9\s+4\.2\s+-5\.1\s+31 Mar 2026\s+Improving`,
		`Female\s+% of senior staff\s+≥ 50\.0\s+52\.8\s+51\.9\s+\+2\.8\s+31 Mar 2026\s+Met`,
		`Ethnic minority\s+Declaration rate\s+≥ 95\.0\s+86\.5\s+87\.1\s+-8\.5\s+31 Mar 2025\s+Not met`,
		`Disabled\s+% of senior staff\s+≥ 5\.0\s+\[c\]\s+\[c\]\s+\[c\]\s+31 Mar 2026\s+No data`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("PDF text lacks the target row %s", want)
		}
	}

	// Every page after the cover says "Page N of M"; the fixture's document
	// has the cover, contents, key findings, declaration rates, three
	// characteristics, the benchmark and the methodology: at least 9 pages.
	pages := regexp.MustCompile(`Page (\d+) of (\d+)`).FindAllStringSubmatch(text, -1)
	if len(pages) < 8 {
		t.Fatalf("found %d page footers, want at least 8", len(pages))
	}
	if pages[0][1] != "2" {
		t.Errorf("first footer is on page %s, want 2 (the cover has none)", pages[0][1])
	}
	for _, p := range pages {
		if p[2] != pages[0][2] {
			t.Errorf("footer %q disagrees on the page count %s", p[0], pages[0][2])
		}
	}
	if strings.Contains(text, "Page 1 of") {
		t.Error("the cover has a page footer")
	}
}

func TestSmallCountsWarning(t *testing.T) {
	pub := reporttest.Publication()
	pub.Meta.SmallCounts = true
	pub.Meta.MinCount = 1
	path := filepath.Join(t.TempDir(), "small.pdf")
	if err := Write(path, pub); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(extractText(t, b)), " ")
	for _, want := range []string{"Warning: this report may identify individuals", "threshold was lowered to 1"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestWriteSurvivesSparsePublications(t *testing.T) {
	pub := reporttest.Publication()
	pub.Tables = pub.Tables[:1] // the profile only
	pub.Charts = append(pub.Charts, chart.Chart{
		ID: "profile-religion", Title: "Religion", Kind: chart.Bar, Characteristic: "religion",
		Categories: []string{"Sikh", "Jewish", "Christian"},
		Series:     []chart.Series{{Name: "% of all staff", Values: []float64{0, 0}, Suppressed: []bool{true}}},
	})
	pub.Findings, pub.Notes = nil, nil
	pub.Meta.Generated = "not a time"
	if err := Write(filepath.Join(t.TempDir(), "sparse.pdf"), pub); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := Write(filepath.Join(t.TempDir(), "nil.pdf"), nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}

func TestFormatting(t *testing.T) {
	count := table.Column{Kind: table.Count}
	pct := table.Column{Kind: table.Percent}
	ratio := table.Column{Kind: table.Ratio}
	date := table.Column{Kind: table.Date}
	for _, tc := range []struct {
		cell table.Cell
		col  table.Column
		want string
	}{
		{table.Int(4690), count, "4,690"},
		{table.Int(1234567), count, "1,234,567"},
		{table.Int(553), count, "553"},
		{table.Num(73.0), pct, "73.0"},
		{table.Num(8.61), pct, "8.6"},
		{table.Num(-0.04), pct, "0.0"},
		{table.Num(1.434), ratio, "1.43"},
		{table.Str("2026-03-31"), date, "31 Mar 2026"},
		{table.Marked(table.Suppressed), count, "[c]"},
		{table.Marked(table.NotApplicable), pct, "[z]"},
		{table.Marked(table.Empty), pct, ""},
	} {
		if got := formatCell(tc.cell, tc.col); got != tc.want {
			t.Errorf("formatCell(%+v) = %q, want %q", tc.cell, got, tc.want)
		}
	}
}

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   scale
	}{
		{0, 100, scale{0, 100, 20}},
		{0, 11.88, scale{0, 12.5, 2.5}},
		{0, 57, scale{0, 60, 20}},
		{-6, 3, scale{-6, 4, 2}},
		{0, 0, scale{0, 1, 0.2}},
	} {
		if got := niceScale(tc.lo, tc.hi); got != tc.want {
			t.Errorf("niceScale(%v, %v) = %+v, want %+v", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestChartScale(t *testing.T) {
	bar := func(label string, valueMax float64, values ...float64) chart.Chart {
		return chart.Chart{Kind: chart.Bar, ValueLabel: label, ValueMax: valueMax, Categories: make([]string, len(values)),
			Series: []chart.Series{{Values: values}}}
	}
	stack := chart.Chart{Kind: chart.StackedBar, ValueLabel: "% of grade", Categories: []string{"Grade 1"},
		Series: []chart.Series{{Values: []float64{60.1}}, {Values: []float64{40.1}}}}
	withTarget := bar("%", 0, 4.9, 8.6)
	withTarget.Targets = []chart.Target{{Value: 10}}
	for _, tc := range []struct {
		name string
		c    chart.Chart
		want scale
	}{
		// 27.9 × 1.05 = 29.3: steps of 10 reach it at 30.
		{"headroom", bar("% of all staff", 0, 6.1, 27.9), scale{0, 30, 10}},
		// 95 × 1.05 = 99.75: a fifth is 19.95, so steps of 20 up to 100.
		{"share near 100", bar("%", 0, 86.5, 95), scale{0, 100, 20}},
		// 97 × 1.05 = 101.85: a fifth is 20.37, so steps of 25 to 125;
		// shares stop at 100.
		{"share capped at 100", bar("%", 0, 97), scale{0, 100, 25}},
		{"fixed maximum", bar("% of all staff", 100, 73, 27), scale{0, 100, 20}},
		// 60.1 + 40.1 = 100.2, rounding: still an axis to 100.
		{"stack over 100 by rounding", stack, scale{0, 100, 20}},
		// The target (10) is the largest value: 10.5 → steps of 2.5 to 12.5.
		{"target", withTarget, scale{0, 12.5, 2.5}},
		// Not a share: -6.2 to 12.5 × 1.05 = 13.1 → steps of 5 from -10 to 15.
		{"negative", bar("Pay gap", 0, -6.2, 12.5), scale{-10, 15, 5}},
	} {
		if got := chartScale(tc.c); got != tc.want {
			t.Errorf("%s: chartScale = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestSignificanceWording(t *testing.T) {
	for _, tc := range []struct {
		clear, unclear []string
		want           string
	}{
		{[]string{"Female", "Male"}, nil,
			"There is a clear difference between the share of senior staff and the share of all staff for Female and Male."},
		{[]string{"Ethnic minority", "White"}, []string{"Not known"},
			"There is a clear difference between the share of senior staff and the share of all staff for Ethnic minority and White. There is no clear difference for Not known."},
		{nil, []string{"Disabled", "Not disabled"},
			"There is no clear difference between any group’s share of senior staff and its share of all staff."},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, []string{"h", "i", "j", "k", "l"},
			"There is a clear difference between the share of senior staff and the share of all staff for 7 groups. There is no clear difference for 5 other groups."},
		{nil, nil, ""},
	} {
		if got := significanceWording(tc.clear, tc.unclear); got != tc.want {
			t.Errorf("significanceWording(%q, %q) =\n%q, want\n%q", tc.clear, tc.unclear, got, tc.want)
		}
	}
}

func TestTrendGridPivotsSnapshots(t *testing.T) {
	tr := reporttest.Publication().Table("trend")
	g, dropped := trendGrid(tr, rowsWhere(tr, "characteristic", "ethnic_minority"))
	if dropped != 0 {
		t.Errorf("dropped %d snapshots, want 0", dropped)
	}
	want := [][]string{
		{"Category", "Staff", "31 Mar 2023", "31 Mar 2024", "31 Mar 2025"},
		{"Ethnic minority", "All staff", "7.9", "8.2", "8.6"},
		{"Ethnic minority", "Senior staff", "3.9", "4.2", "4.9"},
	}
	var heads []string
	for _, c := range g.cols {
		heads = append(heads, c.head)
	}
	if !slices.Equal(heads, want[0]) {
		t.Errorf("headings %q, want %q", heads, want[0])
	}
	if len(g.rows) != 2 {
		t.Fatalf("%d rows, want 2", len(g.rows))
	}
	for i, row := range g.rows {
		if !slices.Equal(row, want[i+1]) {
			t.Errorf("row %d = %q, want %q", i, row, want[i+1])
		}
	}
}

func TestWrapPathBreaksBetweenNameParts(t *testing.T) {
	d := &doc{f: fpdf.New("P", "mm", "A4", "")}
	d.f.SetCellMargin(0)
	registerFonts(d.f)
	d.cellFont(column{mono: true})
	// Go Mono advances 0.6 em: at 7.3 pt a character is 7.3 × 0.6 × 0.3528
	// = 1.545 mm, so 40 mm holds 25 characters.
	got := d.wrapPath("inputs/census/leicestershire-sexual-orientation-by-ethnic-group.csv", 40)
	want := []string{"inputs/census/", "leicestershire-sexual-", "orientation-by-ethnic-", "group.csv"}
	if !slices.Equal(got, want) {
		t.Errorf("wrapPath = %q, want %q", got, want)
	}
}
