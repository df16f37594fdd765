package pdf

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

// detailedEthnicity adds to the fixture the detailed ethnicity profile of
// 21 categories and 2 missing-value categories (too long for one page with
// the other parts of its section), with its charts, and the charts across
// characteristics, so that the long-table and chart paths are exercised.
func detailedEthnicity() *report.Publication {
	pub := reporttest.Publication()
	profile := pub.Table(catalog.Profile.Name)
	cats := append(append([]string{}, harmonise.Categories[harmonise.Ethnicity]...), harmonise.PreferNotToSay, harmonise.NotKnown)
	var shares []float64
	var suppressed []bool
	for i, c := range cats {
		// Headcounts 100, 110, …, and 987 for the last (Not known); every
		// fifth category is withheld.
		n := int64(100 + 10*i)
		if c == harmonise.NotKnown {
			n = 987
		}
		row := table.Row{table.Str("2025-03-31"), table.Str("ethnicity"), table.Str(c),
			table.Int(n), table.Num(float64(n) / 64.25), table.Num(float64(n) / 55.57), table.Num(1), table.Num(2)}
		if i%5 == 4 {
			for k := 3; k < len(row); k++ {
				row[k] = table.Marked(table.Suppressed)
			}
		}
		profile.Rows = append(profile.Rows, row)
		shares = append(shares, float64(n)/64.25)
		suppressed = append(suppressed, i%5 == 4)
	}
	pub.Charts = append(pub.Charts,
		chart.Chart{
			ID: "profile-ethnicity", Title: "Staff by ethnicity", Subtitle: "31 March 2025, all staff", Kind: chart.Bar, Horizontal: true,
			Categories: cats, ValueLabel: "% of all staff", Source: "profile", Characteristic: "ethnicity",
			Series: []chart.Series{{Name: "% of all staff", Values: shares, Suppressed: suppressed, Colour: chart.Colour(0)}},
		},
		chart.Chart{
			ID: "senior-ethnic_minority", Title: "Ethnic minority staff in senior grades", Subtitle: "31 March 2025", Kind: chart.Bar, Horizontal: true,
			Categories: []string{"Ethnic minority", "White", "Prefer not to say", "Not known"}, ValueLabel: "%", ValueMax: 100, Characteristic: "ethnic_minority",
			Series: []chart.Series{
				{Name: "% of all staff", Values: []float64{8.61, 77.88, 4.68, 8.82}, Suppressed: []bool{false, false, false, false}, Colour: chart.Colour(0)},
				{Name: "% of senior staff", Values: []float64{4.86, 86.81, 0, 6.94}, Suppressed: []bool{false, false, true, false}, Colour: chart.Colour(1)},
			},
		},
		chart.Chart{
			ID: "benchmark-ethnic_minority", Title: "Ethnic minority staff and the local population", Subtitle: "Census 2021, usual residents aged 16 and over", Kind: chart.Bar,
			Categories: []string{"Ethnic minority", "White"}, ValueLabel: "%", ValueMax: 100, Characteristic: "ethnic_minority",
			Series: []chart.Series{
				{Name: "% of staff who declared", Values: []float64{9.95, 90.05}, Suppressed: []bool{false, false}, Colour: chart.Colour(0)},
				{Name: "% of population", Values: []float64{11.23, 88.77}, Suppressed: []bool{false, false}, Colour: chart.Colour(1)},
			},
		},
		chart.Chart{
			ID: "declaration", Title: "Declaration rates", Kind: chart.Bar, Horizontal: true, ValueLabel: "% of staff", ValueMax: 100,
			Categories: []string{"Sex", "Ethnic minority"},
			Series:     []chart.Series{{Name: "Declaration rate", Values: []float64{100, 86.49}, Suppressed: []bool{false, false}, Colour: chart.Colour(0)}},
		},
		chart.Chart{
			ID: "targets", Title: "Targets: latest figure against target", Kind: chart.Bar, ValueLabel: "%",
			Categories: []string{"Ethnic minority (senior)", "Female (senior)", "Ethnicity declaration", "Disabled (senior)"},
			Series: []chart.Series{
				{Name: "Actual", Values: []float64{4.86, 52.78, 86.49, 0}, Suppressed: []bool{false, false, false, true}, Colour: chart.Colour(0)},
				{Name: "Target", Values: []float64{10, 50, 95, 5}, Suppressed: []bool{false, false, false, false}, Colour: chart.Colour(1)},
			},
		},
	)
	return pub
}

// pageTexts returns the text of each page of a PDF, in order.
func pageTexts(t *testing.T, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext ends every page with a form feed.
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

func TestLongTableContinuesUnderItsHeading(t *testing.T) {
	pub := detailedEthnicity()
	for i := 1; i <= 60; i++ {
		pub.Quality.Unmapped = append(pub.Quality.Unmapped, report.Unmapped{
			File: "inputs/workforce/staff-2025-03-31.xlsx", Column: "Religion", Characteristic: "religion",
			Label: fmt.Sprintf("Label %02d", i), Count: i,
		})
	}
	path := filepath.Join(t.TempDir(), "long.pdf")
	if err := Write(path, pub); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("PDF_KEEP"); keep != "" {
		b, _ := os.ReadFile(path)
		_ = os.WriteFile(keep, b, 0o600)
	}
	pages := pageTexts(t, path)
	first, last := -1, -1
	for i, text := range pages {
		if strings.Contains(text, "Label 01") {
			first = i
		}
		if strings.Contains(text, "Label 60") {
			last = i
		}
	}
	if first < 0 || last < 0 {
		t.Fatalf("labels 01 and 60 found on pages %d and %d", first+1, last+1)
	}
	// 60 rows of about 7 mm do not fit one page of 261 mm.
	if last <= first {
		t.Fatalf("60 unmapped labels fit one page (%d)", first+1)
	}
	for i := first + 1; i <= last; i++ {
		if !regexp.MustCompile(`File\s+Column\s+Characteristic\s+Label\s+Count`).MatchString(pages[i]) {
			t.Errorf("page %d continues the table without its heading row", i+1)
		}
	}
	// The detailed ethnicity profile fits a page, so it is not split: its
	// first and last rows are on the same page.
	for _, text := range pages {
		if strings.Contains(text, "Asian, Asian British or Asian Welsh: Bangladeshi") && !regexp.MustCompile(`Not known\s+987\s`).MatchString(text) {
			t.Error("the detailed ethnicity profile is split across pages")
		}
	}
	// The detailed ethnicity section: its human name, its long category
	// labels and [c] for the withheld categories.
	flat := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
	for _, want := range []string{"Ethnicity (detailed)", "Asian, Asian British or Asian Welsh: Bangladeshi", "Staff by ethnicity", "Declaration rates", "Targets: latest figure against target"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}
