package html

import (
	"bytes"
	stdhtml "html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

// payPublication is the report fixture with the pay tables and the pay
// charts added: at 31 March 2025 no woman was paid a bonus, so both bonus
// gaps are [x], and the median hourly gap is negative (women paid more).
func payPublication() *report.Publication {
	pub := reporttest.Publication()
	s, n, in := table.Str, table.Num, table.Int
	c, x, z := table.Marked(table.Suppressed), table.Marked(table.NotAvailable), table.Marked(table.NotApplicable)

	gpg := catalog.GenderPayGap.New()
	gpg.Rows = []table.Row{
		{s("2024-03-31"), n(13.0), n(2.0), n(-16.4), n(0), n(4.1), n(2.7),
			n(25.6), n(74.4), n(27.0), n(73.0), n(25.9), n(74.1), n(29.8), n(70.2), in(1701), in(4580), in(71), in(124)},
		{s("2025-03-31"), n(12.34), n(-1.25), x, x, n(4.16), n(0),
			n(20), n(80), n(25.5), n(74.5), n(30.25), n(69.75), n(41), n(59), in(1700), in(4590), in(72), in(0)},
	}
	payGap := catalog.PayGap.New()
	payGap.Rows = []table.Row{
		{s("2024-03-31"), s("ethnic_minority"), s("Ethnic minority"), s("White"), in(520), n(9.9), n(9.9), n(85.0)},
		{s("2025-03-31"), s("ethnic_minority"), s("Ethnic minority"), s("White"), in(549), n(1.84), n(-0.5), n(86.4)},
		{s("2025-03-31"), s("ethnic_minority"), s("White"), s("White"), in(4887), z, z, n(86.4)},
		{s("2025-03-31"), s("ethnic_minority"), s("Prefer not to say"), s("White"), c, c, c, n(86.4)},
		{s("2025-03-31"), s("disability"), s("Disabled"), s("Not disabled"), in(292), n(2.25), n(1.6), n(74.16)},
		{s("2025-03-31"), s("disability"), s("Not disabled"), s("Not disabled"), in(4374), z, z, n(74.16)},
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
	group, source := s("Public administration and defence (SIC 84110)"), s("Gender pay gap service, 2024 to 2025 returns")
	peers.Rows = []table.Row{
		{s("2024-03-31"), s("DiffMeanHourlyPercent"), n(13.0), n(8.0), n(3.0), n(13.0), n(75.0), in(400), group, source},
		{s("2025-03-31"), s("DiffMeanHourlyPercent"), n(12.3), n(8.1), n(3.2), n(13.5), n(71.5), in(412), group, source},
		{s("2025-03-31"), s("DiffMedianHourlyPercent"), n(-1.3), n(5.0), n(0.0), n(10.2), n(12.0), in(412), group, source},
		{s("2025-03-31"), s("FemaleTopQuartile"), n(59.0), n(55.4), n(44.0), n(63.1), n(60.2), in(1410), group, source},
	}
	pub.Tables = append(pub.Tables, gpg, payGap, peers)

	pay := func(id, title string, kind chart.Kind, horizontal bool, cats []string, series ...chart.Series) chart.Chart {
		return chart.Chart{ID: id, Title: title, Subtitle: "31 March 2025, full-pay relevant employees", Kind: kind, Horizontal: horizontal,
			AltText: title + ".", Categories: cats, Series: series, ValueLabel: "%", Source: catalog.GenderPayGap.Name, Characteristic: payCharacteristic}
	}
	series := func(name string, i int, values ...float64) chart.Series {
		return chart.Series{Name: name, Values: values, Suppressed: make([]bool, len(values)), Colour: chart.Colour(i)}
	}
	quartiles := pay("pay-quartiles", "Women and men in each pay quartile", chart.StackedBar, false,
		[]string{"Lower", "Lower middle", "Upper middle", "Top"},
		series("Women", 0, 80, 74.5, 69.75, 59), series("Men", 1, 20, 25.5, 30.25, 41))
	quartiles.ValueMax, quartiles.ValueLabel = 100, "% of quartile"
	trend := pay("pay-gap-trend", "Gender pay gap over time", chart.Line, false, []string{"2024-03-31", "2025-03-31"},
		series("Mean", 0, 13.0, 12.34), series("Median", 1, 2.0, -1.25))
	minority := pay("pay-gap-ethnic_minority", "Ethnicity pay gap", chart.Bar, true, []string{"Ethnic minority", "Prefer not to say"},
		series("Mean", 0, 1.84, 0), series("Median", 1, -0.5, 0))
	minority.Series[0].Suppressed[1], minority.Series[1].Suppressed[1] = true, true
	minority.Source = catalog.PayGap.Name
	disability := pay("pay-gap-disability", "Disability pay gap", chart.Bar, true, []string{"Disabled"},
		series("Mean", 0, 2.25), series("Median", 1, 1.6))
	disability.Source = catalog.PayGap.Name
	peerChart := pay("pay-peers", "Gender pay gap compared with peers", chart.Bar, true,
		[]string{"Mean hourly gap", "Median hourly gap", "Women in top quartile"},
		series("Shire County Council", 0, 12.3, -1.3, 59.0), series("Peer median", 1, 8.1, 5.0, 55.4))
	peerChart.Source = payGapPeersTable

	// The quartile chart comes before the profile chart, to show that pay
	// charts leave the characteristic sections' order alone.
	pub.Charts = append([]chart.Chart{quartiles}, pub.Charts...)
	pub.Charts = append(pub.Charts, trend, minority, disability, peerChart)
	return pub
}

func TestPaySection(t *testing.T) {
	pub := payPublication()
	_, page := writeFixture(t, pub)
	text := string(page)
	pay := between(t, text, `<section id="section-pay"`, `</section>`)

	// The section is in the navigation, after the characteristics' sections
	// and before the declaration rates.
	nav := between(t, text, `<nav`, `</nav>`)
	if !strings.Contains(nav, `<a href="#section-pay">Pay gaps</a>`) {
		t.Error("navigation has no link to the pay section")
	}
	religion, payAt, across := strings.Index(text, `id="section-religion"`), strings.Index(text, `id="section-pay"`), strings.Index(text, `id="section-across"`)
	if religion < 0 || payAt < religion || across < payAt {
		t.Errorf("sections religion %d, pay %d, across %d: want that order", religion, payAt, across)
	}
	if strings.Contains(text, `id="section-characteristic-`) {
		t.Error("the pay charts made a characteristic section of their own")
	}

	// Every pay chart is in the pay section, in the publication's order, and
	// none is in the other measures.
	var ids []string
	for _, m := range regexp.MustCompile(`<div class="chart" id="([^"]+)"`).FindAllStringSubmatch(pay, -1) {
		ids = append(ids, m[1])
	}
	want := []string{"pay-quartiles", "pay-gap-trend", "pay-gap-ethnic_minority", "pay-gap-disability", "pay-peers"}
	if !slices.Equal(ids, want) {
		t.Errorf("charts in the pay section = %q, want %q", ids, want)
	}
	if strings.Contains(between(t, text, `id="section-across"`, `</section>`), `id="pay-`) {
		t.Error("a pay chart is in the other measures section")
	}
	if got := strings.Count(pay, `<summary>Show data`); got != 5 {
		t.Errorf("%d Show data tables in the pay section, want 5", got)
	}
	if !strings.Contains(between(t, pay, `id="pay-peers"`, `</figure>`), "Source: Gender pay gap compared with peers") {
		t.Error("the peer chart's source is not named by the table's title")
	}
	// The ethnicity chart's withheld row shows [c] in its data table.
	row := between(t, between(t, pay, `id="pay-gap-ethnic_minority"`, `</figure>`), `<th scope="row">Prefer not to say</th>`, `</tr>`)
	if strings.Count(row, `>[c]</abbr>`) != 2 {
		t.Errorf("withheld row of the ethnicity chart's data = %q, want two [c]", row)
	}

	// Tiles, worked by hand from the 2025 row: 12.34 → 12.3, -1.25 → -1.3
	// (half away from zero), 4.16 → 4.2.
	re := regexp.MustCompile(`<p class="kpi-label">([^<]*)</p>\s*<p class="kpi-value">([^<]*)</p>\s*<p class="kpi-note">([^<]*)</p>`)
	var tiles [][3]string
	for _, m := range re.FindAllStringSubmatch(pay, -1) {
		tiles = append(tiles, [3]string{stdhtml.UnescapeString(m[1]), m[2], stdhtml.UnescapeString(m[3])})
	}
	wantTiles := [][3]string{
		{"Mean gender pay gap", "12.3%", "in hourly pay; positive: men paid more"},
		{"Median gender pay gap", "-1.3%", "in hourly pay; positive: men paid more"},
		{"Women in the top pay quartile", "59.0%", "of the best-paid quarter of employees"},
		{"Men paid a bonus", "4.2%", "of men received bonus pay"},
		{"Women paid a bonus", "0.0%", "of women received bonus pay"},
	}
	if !slices.Equal(tiles, wantTiles) {
		t.Errorf("pay tiles = %q, want %q", tiles, wantTiles)
	}

	plain := stdhtml.UnescapeString(pay)
	for _, s := range []string{
		"Gender pay gap figures at 31 March 2025",
		"A positive gap means men are paid more; a negative gap means women are paid more.",
		"The mean gap compares average hourly pay",
		"No woman received bonus pay, so the bonus pay gaps are shown as [x] (not available).",
		"Ethnic minority pay gaps against White, 31 March 2025 (declaration rate 86.4%; positive: White paid more)",
		"Disability pay gaps against Not disabled, 31 March 2025 (declaration rate 74.2%; positive: Not disabled paid more)",
		"Peer group: Public administration and defence (SIC 84110).",
		"Mean gender pay gap in hourly pay: 12.3%, against a peer median of 8.1%; percentile rank 71.5 among 412 peers.",
		"Median gender pay gap in hourly pay: -1.3%, against a peer median of 5.0%; percentile rank 12.0 among 412 peers.",
		"Women in the top pay quartile: 59.0%, against a peer median of 55.4%; percentile rank 60.2 among 1,410 peers.",
		"Source: Gender pay gap service, 2024 to 2025 returns.",
	} {
		if !strings.Contains(plain, s) {
			t.Errorf("pay section lacks %q", s)
		}
	}
	// Only the reported snapshot's peer figures are shown.
	if strings.Contains(plain, "percentile rank 75.0") {
		t.Error("the pay section shows the 2024 peer comparison")
	}

	// The six statutory figures, in the service's words.
	figures := between(t, pay, `<caption>Gender pay gap: the six statutory figures, 31 March 2025</caption>`, `</table>`)
	for _, tc := range []struct{ label, value string }{
		{"Mean gender pay gap in hourly pay", `<td class="num">12.3</td>`},
		{"Median gender pay gap in hourly pay", `<td class="num">-1.3</td>`},
		{"Mean gender pay gap in bonus pay", `<td class="num"><abbr title="not available">[x]</abbr></td>`},
		{"Median gender pay gap in bonus pay", `<td class="num"><abbr title="not available">[x]</abbr></td>`},
		{"Percentage of men receiving bonus pay", `<td class="num">4.2</td>`},
		{"Percentage of women receiving bonus pay", `<td class="num">0.0</td>`},
	} {
		row := between(t, figures, `<th scope="row">`+tc.label+`</th>`, `</tr>`)
		if !strings.Contains(row, tc.value) {
			t.Errorf("row %q = %q, want %s", tc.label, row, tc.value)
		}
	}
	// The quartile chart carries the quartile shares, so no second table.
	if strings.Contains(pay, "Men and women in each pay quartile") {
		t.Error("quartile table shown though the quartile chart is on the page")
	}

	// The other pay gaps: headings in words, [z] for the reference group, [c] withheld.
	minority := between(t, pay, `Ethnic minority pay gaps against White`, `</table>`)
	if !strings.Contains(minority, `<th scope="col" class="num">Mean hourly pay gap %</th><th scope="col" class="num">Median hourly pay gap %</th>`) {
		t.Errorf("ethnicity pay gap table headings: %s", minority)
	}
	for _, tc := range []struct{ category, want string }{
		{"Ethnic minority", `<td class="num">549</td><td class="num">1.8</td><td class="num">-0.5</td>`},
		{"White", `<td class="num">4,887</td><td class="num"><abbr title="not applicable">[z]</abbr></td>`},
		{"Prefer not to say", `<td class="num"><abbr title="confidential: withheld so that no individual can be identified">[c]</abbr></td>`},
	} {
		if row := between(t, minority, `<th scope="row">`+tc.category+`</th>`, `</tr>`); !strings.Contains(row, tc.want) {
			t.Errorf("ethnicity pay gap row %s = %q, want %s", tc.category, row, tc.want)
		}
	}
	if strings.Contains(minority, "9.9") {
		t.Error("the ethnicity pay gap table shows the 2024 row")
	}
}

func TestPaySectionQuartileTableWithoutChart(t *testing.T) {
	pub := payPublication()
	pub.Charts = slices.DeleteFunc(pub.Charts, func(c chart.Chart) bool { return c.ID == "pay-quartiles" })
	_, page := writeFixture(t, pub)
	quartiles := between(t, string(page), `<caption>Men and women in each pay quartile, 31 March 2025</caption>`, `</table>`)
	for _, tc := range []struct{ quartile, men, women string }{
		{"Lower quartile", "20.0", "80.0"},
		{"Upper middle quartile", "30.3", "69.8"}, // 30.25 and 69.75 round half away from zero
		{"Top quartile", "41.0", "59.0"},
	} {
		row := between(t, quartiles, `<th scope="row">`+tc.quartile+`</th>`, `</tr>`)
		if want := `</th><td class="num">` + tc.men + `</td><td class="num">` + tc.women + `</td>`; !strings.HasSuffix(row, want) {
			t.Errorf("%s row = %q, want %q", tc.quartile, row, want)
		}
	}
}

func TestPaySectionAbsentWithoutPayFigures(t *testing.T) {
	_, page := writeFixture(t, reporttest.Publication())
	if bytes.Contains(page, []byte(`section-pay`)) {
		t.Error("a publication without pay figures has a pay section")
	}
}

func TestPaySectionFallsBackToLatestSnapshot(t *testing.T) {
	// A run reporting 2026 before the 2026 pay figures exist shows the
	// latest figures, dated as such.
	pub := payPublication()
	pub.Meta.AsOf = "2026-03-31"
	sec, ok := paySection(pub, nil)
	if !ok {
		t.Fatal("no pay section")
	}
	if len(sec.KPIs) != 5 || sec.KPIs[0].Value != "12.3%" {
		t.Errorf("tiles = %+v, want the 2025 figures", sec.KPIs)
	}
	if len(sec.Intro) == 0 || !strings.HasPrefix(sec.Intro[0], "Gender pay gap figures at 31 March 2025,") {
		t.Errorf("intro = %q, want it dated 31 March 2025", sec.Intro)
	}
	if sec.Peers == nil || len(sec.Peers.Lines) != 3 {
		t.Errorf("peers = %+v, want the three 2025 measures", sec.Peers)
	}
}

func TestBonusNote(t *testing.T) {
	x := table.Marked(table.NotAvailable)
	for _, tc := range []struct {
		name              string
		meanGap           table.Cell
		menPaid, womenPay table.Cell
		want              string
	}{
		{"gap known", table.Num(3.5), table.Int(10), table.Int(12), ""},
		{"no woman", x, table.Int(10), table.Int(0), "No woman received bonus pay, so the bonus pay gaps are shown as [x] (not available)."},
		{"no man", x, table.Int(0), table.Int(12), "No man received bonus pay, so the bonus pay gaps are shown as [x] (not available)."},
		{"no one", x, table.Int(0), table.Int(0), "No one received bonus pay, so the bonus pay gaps are shown as [x] (not available)."},
		{"counts withheld", x, table.Marked(table.Suppressed), table.Int(12), "A bonus pay gap needs at least one man and one woman paid a bonus; where it cannot be worked out it is shown as [x] (not available)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gpg := catalog.GenderPayGap.New()
			row := make(table.Row, len(gpg.Columns))
			row[gpg.Index("DiffMeanBonusPercent")] = tc.meanGap
			row[gpg.Index("DiffMedianBonusPercent")] = tc.meanGap
			row[gpg.Index("male_bonus_paid")] = tc.menPaid
			row[gpg.Index("female_bonus_paid")] = tc.womenPay
			if got := bonusNote(gpg, row); got != tc.want {
				t.Errorf("bonusNote = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPayPageIsSelfContainedAccessibleAndDeterministic(t *testing.T) {
	checkStandalonePage(t, payPublication, "pay")
}

func TestLatestRows(t *testing.T) {
	gpg := payPublication().Table(catalog.GenderPayGap.Name)
	undated := &table.Table{Name: "u", Columns: []table.Column{{Name: "measure"}}, Rows: []table.Row{{table.Str("a")}, {table.Str("b")}}}
	for _, tc := range []struct {
		name     string
		t        *table.Table
		asOf     string
		rows     int
		wantDate string
	}{
		{"reported snapshot", gpg, "2024-03-31", 1, "2024-03-31"},
		{"no reported snapshot: the latest", gpg, "", 1, "2025-03-31"},
		{"reported snapshot missing: the latest", gpg, "2026-03-31", 1, "2025-03-31"},
		{"no snapshots: every row", undated, "2025-03-31", 2, ""},
		{"no table", nil, "2025-03-31", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, date := latestRows(tc.t, tc.asOf)
			if len(rows) != tc.rows || date != tc.wantDate {
				t.Errorf("latestRows = %d rows at %q, want %d at %q", len(rows), date, tc.rows, tc.wantDate)
			}
		})
	}
}
