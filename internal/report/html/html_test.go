package html

import (
	"bytes"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

// writeFixture writes the fixture publication and returns the page.
func writeFixture(t *testing.T, pub *report.Publication) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dashboard.html")
	if err := Write(path, pub); err != nil {
		t.Fatalf("Write: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

// externalRefs are the ways a page can make a browser fetch something:
// attributes and CSS url() naming a scheme or a protocol-relative address,
// <link> elements, @import and scripts loaded by src. URLs inside the
// ECharts licence comment and code are text, not references, and do not match.
var externalRefs = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//`),
	regexp.MustCompile(`(?i)url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//`),
	regexp.MustCompile(`(?i)<link\b`),
	regexp.MustCompile(`(?i)@import\b`),
	regexp.MustCompile(`(?i)<script\b[^>]*\bsrc\s*=`),
}

// checkStandalonePage writes the publication twice and checks what every
// page must be: the same both times, fetching nothing from elsewhere, with
// every table heading scoped, every id unique and every in-page reference
// pointing at one. It returns the page.
func checkStandalonePage(t *testing.T, pub func() *report.Publication, what string) string {
	t.Helper()
	_, first := writeFixture(t, pub())
	_, second := writeFixture(t, pub())
	if !bytes.Equal(first, second) {
		t.Errorf("two writes of the same %s publication differ", what)
	}
	for _, re := range externalRefs {
		if m := re.Find(first); m != nil {
			t.Errorf("page refers to another resource: %q matches %s", m, re)
		}
	}
	text := string(first)
	for _, th := range regexp.MustCompile(`<th\b[^>]*>`).FindAllString(text, -1) {
		if !strings.Contains(th, `scope="col"`) && !strings.Contains(th, `scope="row"`) {
			t.Errorf("table heading without scope: %s", th)
		}
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(`\bid="([^"]+)"`).FindAllStringSubmatch(text, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
	for _, m := range regexp.MustCompile(`(?:href="#|aria-labelledby=")([^"]+)"`).FindAllStringSubmatch(text, -1) {
		if ids[m[1]] != 1 {
			t.Errorf("reference to #%s has no target", m[1])
		}
	}
	return text
}

func TestWriteFixtureIsSelfContained(t *testing.T) {
	_, page := writeFixture(t, reporttest.Publication())
	for _, re := range externalRefs {
		if m := re.Find(page); m != nil {
			t.Errorf("page refers to another resource: %q matches %s", m, re)
		}
	}
	if !bytes.Contains(page, []byte(`.version="5.6.0"`)) {
		t.Error("the ECharts script is not inlined")
	}
}

func TestWriteFixtureCharts(t *testing.T) {
	pub := reporttest.Publication()
	_, page := writeFixture(t, pub)
	for _, c := range pub.Charts {
		re := regexp.MustCompile(`<div class="chart" id="` + regexp.QuoteMeta(c.ID) + `" role="img" aria-label="([^"]*)"`)
		m := re.FindSubmatch(page)
		if m == nil {
			t.Errorf("no chart container with role=img for %s", c.ID)
			continue
		}
		if got := stdhtml.UnescapeString(string(m[1])); got != c.AltText {
			t.Errorf("%s aria-label = %q, want the alt text %q", c.ID, got, c.AltText)
		}
		if !strings.Contains(string(page), `"id":"`+c.ID+`"`) {
			t.Errorf("no ECharts option for %s", c.ID)
		}
	}
	if got := strings.Count(string(page), `<summary>Show data`); got != 3 {
		t.Errorf("%d Show data tables, want one per chart, 3", got)
	}
	// The grade chart's data table shows Grade 18's withheld share of
	// women as [c] and the 60.0% of men as drawn.
	grade := between(t, string(page), `id="grade-sex"`, `</figure>`)
	row := between(t, grade, `<th scope="row">Grade 18</th>`, `</tr>`)
	if !strings.Contains(row, `>[c]</abbr>`) || !strings.Contains(row, `60.0%`) {
		t.Errorf("Grade 18 row = %q, want [c] and 60.0%%", row)
	}
	// Sections come in the order of harmonise.Reported: sex before ethnic minority before religion.
	text := string(page)
	sex, minority, religion := strings.Index(text, `id="section-sex"`), strings.Index(text, `id="section-ethnic_minority"`), strings.Index(text, `id="section-religion"`)
	if sex < 0 || minority < sex || religion < minority {
		t.Errorf("section positions sex %d, ethnic minority %d, religion %d: want that order", sex, minority, religion)
	}
	if !strings.Contains(between(t, text, `id="section-sex"`, `</section>`), `id="profile-sex"`) {
		t.Error("the profile-sex chart is not in the sex section")
	}
	// The headline trend charts are in the over-time block near the top.
	if !strings.Contains(between(t, text, `id="section-over-time"`, `</section>`), `id="trend-ethnic_minority"`) {
		t.Error("the trend chart is not in the over-time block")
	}
}

func TestWriteFixtureKPIs(t *testing.T) {
	_, page := writeFixture(t, reporttest.Publication())
	re := regexp.MustCompile(`<p class="kpi-label">([^<]*)</p>\s*<p class="kpi-value">([^<]*)</p>\s*<p class="kpi-note">([^<]*)</p>`)
	var got [][3]string
	for _, m := range re.FindAllStringSubmatch(string(page), -1) {
		got = append(got, [3]string{stdhtml.UnescapeString(m[1]), m[2], stdhtml.UnescapeString(m[3])})
	}
	want := [][3]string{
		{"Staff", "6,425", "headcount at 31 March 2025"},
		{"Women", "73.0%", "of all staff"},
		{"Women in senior grades", "52.8%", "of staff in Grade 13 and above"},
		{"Ethnic minority staff", "8.6%", "of all staff (10.0% of those who declared)"}, // 9.95 rounds half up
		{"Ethnic minority staff in senior grades", "4.9%", "of staff in Grade 13 and above"},
		{"Ethnicity declared", "86.5%", "of staff have declared their ethnicity"},
	}
	if len(got) != len(want) {
		t.Fatalf("tiles = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tile %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestWriteFixtureTargetsFindingsAndQuality(t *testing.T) {
	pub := reporttest.Publication()
	_, page := writeFixture(t, pub)
	text := stdhtml.UnescapeString(string(page))
	for _, f := range pub.Findings {
		if !strings.Contains(text, f.Text) {
			t.Errorf("finding missing: %q", f.Text)
		}
	}
	targets := between(t, string(page), `id="section-targets"`, `</section>`)
	for _, tc := range []struct{ id, status, class, actual string }{
		{"senior-ethnic-minority", "Improving", "rag rag-improving", "4.86"},
		{"senior-women", "Met", "rag rag-met", "52.78"},
		{"declaration-ethnicity", "Not met", "rag rag-not-met", "86.49"},
		{"senior-disabled", "No data", "rag rag-none", "[c]"},
	} {
		row := between(t, targets, `<th scope="row">`+tc.id+`</th>`, `</tr>`)
		if !strings.Contains(row, `<span class="`+tc.class+`">`+tc.status+`</span>`) {
			t.Errorf("target %s row %q lacks status %q with class %q", tc.id, row, tc.status, tc.class)
		}
		if !strings.Contains(row, ">"+tc.actual+"<") {
			t.Errorf("target %s row %q lacks actual %s", tc.id, row, tc.actual)
		}
	}
	if !strings.Contains(targets, `<td class="num">at least 10.00</td>`) || !strings.Contains(targets, `<td class="num">&#43;2.78</td>`) {
		t.Error("targets table lacks the direction of a target or the sign of a gap")
	}
	for _, s := range []string{"inputs/workforce/staff-2024-03-31.csv", "6,390", "invalid date", "unmapped label", "BME", "Ethnic Origin"} {
		if !strings.Contains(between(t, text, `id="section-quality"`, `</section>`), s) {
			t.Errorf("data-quality section lacks %q", s)
		}
	}
	// Warnings are listed by kind in alphabetical order, whatever the map's order.
	if strings.Index(text, "invalid date") > strings.Index(text, "unmapped label") {
		t.Error("warnings are not sorted by kind")
	}
	notes := between(t, text, `id="section-notes"`, `</section>`)
	for _, s := range []string{"[c]", "[x]", "[z]", "counts below 5", "Senior grades", "Population benchmark"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes lack %q", s)
		}
	}
	for _, s := range []string{"Shire County Council", "Workforce equality profile", "31 March 2025", "10 April 2025 09:00 UTC", "0.1.0"} {
		if !strings.Contains(between(t, text, `<header`, `</header>`), s) {
			t.Errorf("header lacks %q", s)
		}
	}
}

func TestWriteFixtureAccessibleStructure(t *testing.T) {
	_, page := writeFixture(t, reporttest.Publication())
	text := string(page)
	for _, th := range regexp.MustCompile(`<th\b[^>]*>`).FindAllString(text, -1) {
		if !strings.Contains(th, `scope="col"`) && !strings.Contains(th, `scope="row"`) {
			t.Errorf("table heading without scope: %s", th)
		}
	}
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(`\bid="([^"]+)"`).FindAllStringSubmatch(text, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(text, -1)
	if len(links) != 11 { // skip link + summary, findings, over time, targets, 3 characteristics, across, quality, notes
		t.Errorf("%d in-page links, want 11", len(links))
	}
	for _, m := range links {
		if ids[m[1]] != 1 {
			t.Errorf("link to #%s has no target", m[1])
		}
	}
	if !strings.Contains(text, `<html lang="en-GB">`) || strings.Count(text, "<h1>") != 1 {
		t.Error("page lacks a language or a single h1")
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	_, first := writeFixture(t, reporttest.Publication())
	_, second := writeFixture(t, reporttest.Publication())
	if !bytes.Equal(first, second) {
		t.Error("two writes of the same publication differ")
	}
}

func TestWriteEscapesText(t *testing.T) {
	pub := reporttest.Publication()
	hostile := `</script><script>alert(1)</script>`
	pub.Charts[0].Categories[0] = hostile
	pub.Charts[0].Title = hostile
	pub.Findings[0].Text = hostile
	pub.Quality.Unmapped[0].Label = hostile
	_, page := writeFixture(t, pub)
	if bytes.Contains(page, []byte(`<script>alert(1)`)) {
		t.Error("text from the publication reached the page unescaped")
	}
	if got := bytes.Count(page, []byte(`&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`)); got < 3 {
		t.Errorf("escaped text appears %d times, want at least 3 (finding, title, label)", got)
	}
}

func TestWriteMinimalPublication(t *testing.T) {
	pub := &report.Publication{Meta: report.Meta{Title: "Workforce equality profile", AsOf: "2025-03-31"}}
	_, page := writeFixture(t, pub)
	text := string(page)
	for _, s := range []string{"The run produced no headline figures.", "No warnings.", `id="section-notes"`, `data-total="0"`} {
		if !strings.Contains(text, s) {
			t.Errorf("minimal page lacks %q", s)
		}
	}
	for _, s := range []string{`id="section-targets"`, `id="section-findings"`, `class="chart"`} {
		if strings.Contains(text, s) {
			t.Errorf("minimal page has %q though the publication has nothing for it", s)
		}
	}
}

func TestKPIsSkipMissingAndShowMarkers(t *testing.T) {
	pub := reporttest.Publication()
	// Keep only the profile, and withhold the share of women.
	profile := pub.Table(catalog.Profile.Name)
	profile.Rows[0][profile.Index("percent")] = table.Marked(table.Suppressed)
	pub.Tables = []*table.Table{profile}
	got := kpis(pub)
	want := []kpi{
		{Label: "Staff", Value: "6,425", Note: "headcount at 31 March 2025"}, // 4,690 + 1,735
		{Label: "Women", Value: "[c]", Note: "of all staff", Marker: true},
		{Label: "Ethnic minority staff", Value: "8.6%", Note: "of all staff (10.0% of those who declared)"},
	}
	if len(got) != len(want) {
		t.Fatalf("kpis = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("kpi %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestWriteRejectsBadCharts(t *testing.T) {
	base := reporttest.Publication().Charts[0]
	tests := []struct {
		name   string
		charts func() []chart.Chart
		want   string
	}{
		{"duplicate ID", func() []chart.Chart { return []chart.Chart{base, base} }, "two charts"},
		{"empty ID", func() []chart.Chart { c := base; c.ID = ""; return []chart.Chart{c} }, "no ID"},
		{"reserved ID", func() []chart.Chart { c := base; c.ID = "js-errors"; return []chart.Chart{c} }, "taken by the page"},
		{"values do not match categories", func() []chart.Chart {
			c := base
			c.Series = []chart.Series{{Name: "x", Values: []float64{1}}}
			return []chart.Chart{c}
		}, "1 values for 2 categories"},
		{"unknown kind", func() []chart.Chart { c := base; c.Kind = chart.Kind(9); return []chart.Chart{c} }, "unknown kind"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub := reporttest.Publication()
			pub.Charts = tc.charts()
			path := filepath.Join(t.TempDir(), "dashboard.html")
			err := Write(path, pub)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write error = %v, want one containing %q", err, tc.want)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Error("a failed write left a file behind")
			}
		})
	}
	if err := Write(filepath.Join(t.TempDir(), "x.html"), nil); err == nil {
		t.Error("Write(nil) succeeded")
	}
}

// between returns the text from the first occurrence of start up to the
// next occurrence of end after it.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("%q not found", start)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("%q not found after %q", end, start)
	}
	return s[i : i+j]
}

func TestWriteToleratesMalformedRows(t *testing.T) {
	pub := reporttest.Publication()
	profile := pub.Table(catalog.Profile.Name)
	profile.Rows = append(profile.Rows, table.Row{table.Str("2025-03-31"), table.Str("carer")}) // two cells of eight
	targets := pub.Table(catalog.Targets.Name)
	targets.Rows = append(targets.Rows, table.Row{table.Str("short-target")})
	_, page := writeFixture(t, pub)
	text := string(page)
	if strings.Contains(text, `id="section-carer"`) {
		t.Error("a malformed profile row made a section")
	}
	row := between(t, text, `<th scope="row">short-target</th>`, `</tr>`)
	if !strings.HasSuffix(row, `<td></td>`) || strings.Contains(row, `class="rag`) {
		t.Errorf("short target row = %q, want an empty status cell without a badge", row)
	}
}
