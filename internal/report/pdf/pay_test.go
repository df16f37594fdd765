package pdf

import (
	"bytes"
	"os"
	"path/filepath"
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

const testPeerGroup = "Public administration (SIC 84110), 250 or more employees, 2024-25 reporting year"

// payPublication is the fixture with pay tables and their charts: in 2025
// the mean gap is 4.26% (4.3%), the median gap -1.75% (-1.8%: women paid
// more), no woman was paid a bonus so both bonus gaps are [x], and the
// organisation has peers' figures to compare with.
func payPublication() *report.Publication {
	pub := reporttest.Publication()
	s, n, in := table.Str, table.Num, table.Int
	x, z, c := table.Marked(table.NotAvailable), table.Marked(table.NotApplicable), table.Marked(table.Suppressed)

	gpg := catalog.GenderPayGap.New()
	gpg.Rows = []table.Row{
		{s("2024-03-31"), n(5.04), n(2.0), n(10.0), n(8.0), n(4.1), n(2.7),
			n(25.6), n(74.4), n(27.0), n(73.0), n(25.9), n(74.1), n(29.8), n(70.2), in(1701), in(4580), in(71), in(124)},
		{s("2025-03-31"), n(4.26), n(-1.75), x, x, n(4.2), n(0),
			n(25.8), n(74.2), n(27.1), n(72.9), n(25.8), n(74.2), n(29.4), n(70.6), in(1701), in(4590), in(72), in(0)},
	}
	pg := catalog.PayGap.New()
	row := func(char, cat, ref string, head, mean, median table.Cell, rate float64) table.Row {
		return table.Row{s("2025-03-31"), s(char), s(cat), s(ref), head, mean, median, n(rate)}
	}
	pg.Rows = []table.Row{
		row("disability", "Disabled", "Not disabled", in(292), n(2.2), n(1.6), 74.16),
		row("disability", "Not disabled", "Not disabled", in(4374), z, z, 74.16),
		row("disability", "Not known", "Not disabled", in(1264), n(-0.5), n(-0.8), 74.16),
		row("ethnic_minority", "Ethnic minority", "White", in(549), n(-1.84), n(1.6), 86.4),
		row("ethnic_minority", "White", "White", in(4887), z, z, 86.4),
		row("ethnic_minority", "Prefer not to say", "White", c, c, c, 86.4),
		row("ethnic_minority", "Not known", "White", in(612), n(-0.14), n(0.0), 86.4),
	}
	peers := catalog.PayGapPeers.New()
	peer := func(measure string, org, med, lq, uq, pct float64) table.Row {
		return table.Row{s("2025-03-31"), s(measure), n(org), n(med), n(lq), n(uq), n(pct), in(412), s(testPeerGroup), s("GOV.UK gender pay gap service")}
	}
	peers.Rows = []table.Row{
		peer("DiffMeanHourlyPercent", 4.26, 9.1, 4.0, 14.2, 31.2),
		peer("DiffMedianHourlyPercent", -1.75, 7.5, 2.0, 12.3, 8.4),
		peer("FemaleTopQuartile", 70.6, 45.04, 35.0, 60.0, 92.0),
	}
	pay := []*table.Table{gpg, pg, peers}
	pub.Tables = append(pub.Tables, pay...)
	for _, ch := range chart.Build(pay, chart.Options{AsOf: pub.Meta.AsOf}) {
		if ch.Characteristic == chart.PayCharacteristic {
			pub.Charts = append(pub.Charts, ch)
		}
	}
	return pub
}

func writePub(t *testing.T, pub *report.Publication) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pay.pdf")
	if err := Write(path, pub); err != nil {
		t.Fatalf("Write: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sectionTitles(pub *report.Publication) []string {
	var out []string
	for _, s := range annualProfile(pub) {
		out = append(out, s.title)
	}
	return out
}

func TestPaySectionComesBeforeTheBenchmark(t *testing.T) {
	want := []string{"Cover", "Contents", "Key findings", "Declaration rates", "Sex", "Ethnic minority", "Religion or belief",
		"Pay gaps", "Workforce compared with the local population", "Methodology and data quality"}
	if got := sectionTitles(payPublication()); !slices.Equal(got, want) {
		t.Errorf("sections %q\nwant %q", got, want)
	}
	if got := sectionTitles(reporttest.Publication()); slices.Contains(got, "Pay gaps") {
		t.Errorf("sections %q include pay gaps without pay tables", got)
	}
	// A pay gap table at another snapshot only is no pay section either.
	pub := reporttest.Publication()
	gpg := catalog.GenderPayGap.New()
	gpg.Rows = []table.Row{{table.Str("2024-03-31")}}
	pub.Tables = append(pub.Tables, gpg)
	if got := sectionTitles(pub); slices.Contains(got, "Pay gaps") {
		t.Errorf("sections %q include pay gaps with no figures at the as-of date", got)
	}
}

func TestPaySectionText(t *testing.T) {
	b := writePub(t, payPublication())
	if !bytes.Contains(b, []byte("<</Title ("+utf16be("Pay gaps")+")")) {
		t.Error("no bookmark for the pay section")
	}
	text := extractText(t, b)
	flat := strings.Join(strings.Fields(text), " ")

	// The contents lists the section between the characteristics and the benchmark.
	if !regexp.MustCompile(`Religion or belief[ .]+\d+\s+Pay gaps[ .]+\d+\s+Workforce compared with the local population`).MatchString(text) {
		t.Error("the contents does not list Pay gaps between Religion or belief and the benchmark")
	}

	// The six figures, as tiles side by side: 4.26 → 4.3%, -1.75 → -1.8%,
	// both bonus gaps [x] because no woman was paid a bonus.
	for _, want := range []string{
		`Mean hourly pay gap\s+Median hourly pay gap`,
		`4\.3%\s+-1\.8%`,
		`in men’s favour\s+in women’s favour`,
		`Mean bonus gap\s+Median bonus gap\s+Men paid a bonus\s+Women paid a bonus`,
		`\[x\]\s+\[x\]\s+4\.2%\s+0\.0%`,
		`no woman received a bonus\s+no woman received a bonus`,
		// The quartile shares, women then men, lower to top.
		`Women %\s+74\.2\s+72\.9\s+74\.2\s+70\.6`,
		`Men %\s+25\.8\s+27\.1\s+25\.8\s+29\.4`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("PDF text lacks %s", want)
		}
	}

	for _, want := range []string{
		"Pay gaps",
		// 4,590 + 1,701 = 6,291 full-pay relevant employees.
		"The hourly pay figures cover the 6,291 full-pay relevant employees (4,590 women and 1,701 men) at 31 March 2025.",
		"The mean gap compares average hourly pay: women are paid 4.3% less than men on average.",
		"The median gap compares the middle earners: the middle-paid woman is paid 1.8% more per hour than the middle-paid man.",
		"4.2% of men and 0.0% of women were paid a bonus in the 12 months to 31 March 2025.",
		"The mean bonus gap is not available: no woman received a bonus.",
		"The median bonus gap is not available: no woman received a bonus.",
		// 4,590 ÷ 6,291 = 72.96% of full-pay relevant employees are women.
		"Women are 74.2% of the lowest-paid quarter and 70.6% of the highest-paid quarter, against 73.0% of all full-pay relevant employees.",
		"The mean gap was 5.0% at 31 March 2024 and is 4.3% at 31 March 2025; the median gap was 2.0% and is -1.8%.",
		// Ethnicity and disability: the table, and the sentence for the
		// characteristics with one declared group besides the reference.
		"Ethnicity and disability pay gaps",
		"Ethnic minority staff are paid 1.8% more than White staff on average (median gap 1.6%).",
		"Disabled staff are paid 2.2% less than not disabled staff on average (median gap 1.6%).",
		"Groups with fewer than 10 full-pay relevant employees are withheld ([c]).",
		// The peers.
		"Compared with other employers",
		"Peer group: " + testPeerGroup + ".",
		"The mean gap of 4.3% is at the 31st percentile of 412 peers (peer median 9.1%).",
		"The median gap of -1.8% is at the 8th percentile of 412 peers (peer median 7.5%).",
		"Women’s share of the top quartile, 70.6%, is at the 92nd percentile of 412 peers (peer median 45.0%).",
		"Peers’ figures: GOV.UK gender pay gap service.",
		// Chart titles.
		"Women and men in each quarter of hourly pay", "Gender pay gap over time", "Ethnic minority pay gaps",
		"Disability pay gaps", "Gender pay gap compared with peers",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	// Each ethnicity and disability row: category, reference, headcount,
	// mean gap, median gap, declaration rate.
	for _, want := range []string{
		`Ethnic minority\s+White\s+549\s+-1\.8\s+1\.6\s+86\.4`,
		`White\s+White\s+4,887\s+\[z\]\s+\[z\]\s+86\.4`,
		`Prefer not to say\s+White\s+\[c\]\s+\[c\]\s+\[c\]\s+86\.4`,
		`Disabled\s+Not disabled\s+292\s+2\.2\s+1\.6\s+74\.2`,
		`Mean hourly gap\s+4\.3\s+9\.1\s+4\.0\s+14\.2\s+31st\s+412`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("PDF text lacks the row %s", want)
		}
	}
}

func TestPaySectionAbsentWithoutPayTables(t *testing.T) {
	b := writeFixture(t, "nopay.pdf")
	if bytes.Contains(b, []byte("<</Title ("+utf16be("Pay gaps")+")")) {
		t.Error("a pay bookmark without pay tables")
	}
	flat := strings.Join(strings.Fields(extractText(t, b)), " ")
	for _, unwanted := range []string{"Pay gaps", "Hourly pay", "The mean gap compares"} {
		if strings.Contains(flat, unwanted) {
			t.Errorf("PDF text without pay tables has %q", unwanted)
		}
	}
}

func TestPaySectionWithoutTrendOrPeers(t *testing.T) {
	// One snapshot of the gender pay gap, no other pay tables: the six
	// figures and the quarters, no trend, no ethnicity or peer parts.
	pub := payPublication()
	var tables []*table.Table
	for _, tb := range pub.Tables {
		switch tb.Name {
		case catalog.PayGap.Name, catalog.PayGapPeers.Name:
			continue
		case catalog.GenderPayGap.Name:
			tb.Rows = tb.Rows[1:]
		}
		tables = append(tables, tb)
	}
	pub.Tables = tables
	pub.Charts = slices.DeleteFunc(pub.Charts, func(c chart.Chart) bool {
		return c.ID != chart.IDPayQuartiles && c.Characteristic == chart.PayCharacteristic
	})
	flat := strings.Join(strings.Fields(extractText(t, writePub(t, pub))), " ")
	for _, want := range []string{"Pay gaps", "The mean gap compares average hourly pay", "Women and men in each quarter of hourly pay"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Gender pay gap over time", "Ethnicity and disability pay gaps", "Compared with other employers"} {
		if strings.Contains(flat, unwanted) {
			t.Errorf("PDF text has %q", unwanted)
		}
	}
}

func TestGapSentence(t *testing.T) {
	v, x, c := table.Num, table.Marked(table.NotAvailable), table.Marked(table.Suppressed)
	for _, tt := range []struct {
		wording gapWording
		cell    table.Cell
		reason  string
		want    string
	}{
		{meanHourlyWording, v(4.26), "", "The mean gap compares average hourly pay: women are paid 4.3% less than men on average."},
		{meanHourlyWording, v(-2.04), "", "The mean gap compares average hourly pay: women are paid 2.0% more than men on average."},
		// -0.04 rounds to 0.0: no gap, not "0.0% more".
		{meanHourlyWording, v(-0.04), "", "The mean gap compares average hourly pay: women and men are paid the same on average."},
		{medianHourlyWording, v(1.7), "", "The median gap compares the middle earners: the middle-paid woman is paid 1.7% less per hour than the middle-paid man."},
		{medianHourlyWording, v(-9.65), "", "The median gap compares the middle earners: the middle-paid woman is paid 9.7% more per hour than the middle-paid man."},
		{meanBonusWording, v(-16.4), "", "The mean bonus gap compares the average bonuses of those paid one: women’s bonuses are 16.4% higher than men’s on average."},
		{medianBonusWording, v(0), "", "The median bonus gap compares the middle bonuses: the middle woman’s bonus is the same as the middle man’s."},
		{medianBonusWording, v(28.6), "", "The median bonus gap compares the middle bonuses: the middle woman’s bonus is 28.6% lower than the middle man’s."},
		{meanBonusWording, x, "no woman received a bonus", "The mean bonus gap is not available: no woman received a bonus."},
		{meanBonusWording, x, "not available", "The mean bonus gap is not available."},
		{meanHourlyWording, c, "withheld to protect confidentiality", "The mean gap is withheld to protect confidentiality."},
	} {
		if got := gapSentence(tt.wording, tt.cell, tt.reason); got != tt.want {
			t.Errorf("gapSentence(%s, %+v) =\n%q, want\n%q", tt.wording.name, tt.cell, got, tt.want)
		}
	}
}

func TestMissingReason(t *testing.T) {
	x, c, e := table.Marked(table.NotAvailable), table.Marked(table.Suppressed), table.Marked(table.Empty)
	k := table.Int
	for _, tt := range []struct {
		cell, women, men table.Cell
		want             string
	}{
		{x, k(0), k(72), "no woman received a bonus"},
		{x, k(114), k(0), "no man received a bonus"},
		{x, k(0), k(0), "no one received a bonus"},
		{x, k(114), k(72), "not available"},
		{x, e, e, "not available"},
		{x, c, k(72), "not available"},
		{c, k(0), k(72), "withheld to protect confidentiality"},
	} {
		if got := missingReason(tt.cell, tt.women, tt.men, bonusReasons); got != tt.want {
			t.Errorf("missingReason(%+v, women %+v, men %+v) = %q, want %q", tt.cell, tt.women, tt.men, got, tt.want)
		}
	}
}

func TestGroupGapSentence(t *testing.T) {
	v, c := table.Num, table.Marked(table.Suppressed)
	for _, tt := range []struct {
		group, reference string
		mean, median     table.Cell
		want             string
	}{
		{"Disabled", "not disabled", v(2.2), v(1.6), "Disabled staff are paid 2.2% less than not disabled staff on average (median gap 1.6%)."},
		{"Ethnic minority", "White", v(-1.84), v(-0.75), "Ethnic minority staff are paid 1.8% more than White staff on average (median gap -0.8%)."},
		{"Ethnic minority", "White", v(0.04), c, "Ethnic minority staff are paid the same as White staff on average."},
	} {
		if got := groupGapSentence(tt.group, tt.reference, tt.mean, tt.median); got != tt.want {
			t.Errorf("groupGapSentence = %q, want %q", got, tt.want)
		}
	}
}

func TestBonusShareSentence(t *testing.T) {
	v, x := table.Num, table.Marked(table.NotAvailable)
	for _, tt := range []struct {
		men, women table.Cell
		want       string
	}{
		{v(4.16), v(2.44), "4.2% of men and 2.4% of women were paid a bonus in the 12 months to 31 March 2025."},
		{v(4.2), x, "4.2% of men were paid a bonus in the 12 months to 31 March 2025. The share of women is not available."},
		{x, x, "The shares of men and of women paid a bonus are not available."},
	} {
		if got := bonusShareSentence(tt.men, tt.women, "31 March 2025"); got != tt.want {
			t.Errorf("bonusShareSentence = %q, want %q", got, tt.want)
		}
	}
}

func TestPeerSentence(t *testing.T) {
	v, e := table.Num, table.Marked(table.Empty)
	for _, tt := range []struct {
		measure                 string
		org, pct, count, median table.Cell
		want                    string
	}{
		{"DiffMeanHourlyPercent", v(4.26), v(31.2), table.Int(412), v(9.1),
			"The mean gap of 4.3% is at the 31st percentile of 412 peers (peer median 9.1%)."},
		{"DiffMedianHourlyPercent", v(-1.75), v(2.5), table.Int(1203), v(7.5),
			"The median gap of -1.8% is at the 3rd percentile of 1,203 peers (peer median 7.5%)."},
		{"FemaleTopQuartile", v(70.6), v(92), e, e,
			"Women’s share of the top quartile, 70.6%, is at the 92nd percentile."},
		{"DiffMeanHourlyPercent", v(4.26), e, table.Int(412), v(9.1), ""},
	} {
		if got := peerSentence(tt.measure, tt.org, tt.pct, tt.count, tt.median); got != tt.want {
			t.Errorf("peerSentence(%s) = %q, want %q", tt.measure, got, tt.want)
		}
	}
}
