package chart_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

var (
	s  = table.Str
	n  = table.Num
	in = table.Int
	c  = table.Marked(table.Suppressed)
	x  = table.Marked(table.NotAvailable)
	z  = table.Marked(table.NotApplicable)
)

// gpgRow is a gender_pay_gap row: the four gaps, the two bonus shares, the
// eight quartile shares (men then women, lower to top) and the four counts.
func gpgRow(date string, gaps [4]table.Cell, bonus [2]float64, quartiles [8]float64, counts [4]int64) table.Row {
	row := table.Row{s(date), gaps[0], gaps[1], gaps[2], gaps[3], n(bonus[0]), n(bonus[1])}
	for _, q := range quartiles {
		row = append(row, n(q))
	}
	for _, k := range counts {
		row = append(row, in(k))
	}
	return row
}

// payTables are the pay tables of a small organisation: two snapshots up to
// 31 March 2025 (and one after it, which an as-of of 2025 leaves out), no
// woman paid a bonus in 2025, a negative median gap in 2025.
func payTables() []*table.Table {
	gpg := catalog.GenderPayGap.New()
	gpg.Rows = []table.Row{
		gpgRow("2024-03-31", [4]table.Cell{n(5.04), n(2.0), n(10.0), n(8.0)}, [2]float64{4.1, 2.7},
			[8]float64{25.6, 74.4, 27.0, 73.0, 25.9, 74.1, 29.8, 70.2}, [4]int64{1701, 4580, 71, 124}),
		gpgRow("2025-03-31", [4]table.Cell{n(4.26), n(-1.75), x, x}, [2]float64{4.2, 0},
			[8]float64{25.8, 74.2, 27.1, 72.9, 25.8, 74.2, 29.4, 70.6}, [4]int64{1701, 4590, 72, 0}),
		gpgRow("2026-03-31", [4]table.Cell{n(9.9), n(9.9), n(9.9), n(9.9)}, [2]float64{9.9, 9.9},
			[8]float64{50, 50, 50, 50, 50, 50, 50, 50}, [4]int64{1, 1, 1, 1}),
	}
	pg := catalog.PayGap.New()
	row := func(char, cat, ref string, head, mean, median table.Cell, rate float64) table.Row {
		return table.Row{s("2025-03-31"), s(char), s(cat), s(ref), head, mean, median, n(rate)}
	}
	// Disability comes first in the table; the charts put ethnicity first.
	pg.Rows = []table.Row{
		row("disability", "Disabled", "Not disabled", in(292), n(2.2), n(1.6), 74.16),
		row("disability", "Not disabled", "Not disabled", in(4374), z, z, 74.16),
		row("disability", "Not known", "Not disabled", in(1264), n(-0.5), n(-0.8), 74.16),
		row("ethnic_minority", "Ethnic minority", "White", in(549), n(1.84), n(1.6), 86.4),
		row("ethnic_minority", "White", "White", in(4887), z, z, 86.4),
		row("ethnic_minority", "Prefer not to say", "White", c, c, c, 86.4),
		row("ethnic_minority", "Not known", "White", in(612), n(-0.14), n(0.0), 86.4),
	}
	return []*table.Table{gpg, pg, peerTable("2025-03-31")}
}

const peerGroup = "Public administration (SIC 84110), 250 or more employees, 2024-25"

// peerTable lists the median first, to show that charts put the mean first.
func peerTable(date string) *table.Table {
	t := catalog.PayGapPeers.New()
	row := func(measure string, org, med, lq, uq, pct float64) table.Row {
		return table.Row{s(date), s(measure), n(org), n(med), n(lq), n(uq), n(pct), in(412), s(peerGroup), s("GOV.UK gender pay gap service")}
	}
	t.Rows = []table.Row{
		row("DiffMedianHourlyPercent", -1.75, 7.5, 2.0, 12.3, 8.4),
		row("DiffMeanHourlyPercent", 4.26, 9.1, 4.0, 14.2, 31.2),
		row("FemaleTopQuartile", 70.6, 45.04, 35.0, 60.0, 92.0),
	}
	return t
}

func buildPay(t *testing.T, opts chart.Options, tables ...*table.Table) map[string]chart.Chart {
	t.Helper()
	byID := map[string]chart.Chart{}
	for _, ch := range chart.Build(tables, opts) {
		if _, dup := byID[ch.ID]; dup {
			t.Fatalf("chart %s built twice", ch.ID)
		}
		byID[ch.ID] = ch
	}
	return byID
}

func TestBuildAppendsPayChartsAfterTheOthers(t *testing.T) {
	tables := append(reporttest.Publication().Tables, payTables()...)
	var got []string
	for _, ch := range chart.Build(tables, fixtureOptions) {
		got = append(got, ch.ID)
	}
	want := []string{
		"profile-sex", "grade-sex", "senior-sex", "trend-sex", "benchmark-sex",
		"profile-ethnic_minority", "senior-ethnic_minority", "trend-ethnic_minority", "benchmark-ethnic_minority",
		"profile-religion",
		"declaration", "targets",
		"pay-quartiles", "pay-gap-trend", "pay-gap-ethnic_minority", "pay-gap-disability", "pay-peers",
	}
	if !slices.Equal(got, want) {
		t.Errorf("chart IDs\n got %q\nwant %q", got, want)
	}

	// No characteristics asked for: the pay charts are drawn all the same.
	got = nil
	for _, ch := range chart.Build(payTables(), chart.Options{AsOf: "2025-03-31"}) {
		got = append(got, ch.ID)
	}
	if want := want[len(want)-5:]; !slices.Equal(got, want) {
		t.Errorf("chart IDs without characteristics\n got %q\nwant %q", got, want)
	}
}

func TestBuildPayValues(t *testing.T) {
	charts := buildPay(t, chart.Options{AsOf: "2025-03-31"}, payTables()...)
	f, T := false, true
	tests := []struct {
		id         string
		kind       chart.Kind
		horizontal bool
		categories []string
		series     []wantSeries
		valueMax   float64
	}{
		{
			id: "pay-quartiles", kind: chart.StackedBar, valueMax: 100,
			categories: []string{"Lower", "Lower middle", "Upper middle", "Top"},
			series: []wantSeries{
				{"Women", []float64{74.2, 72.9, 74.2, 70.6}, []bool{f, f, f, f}},
				{"Men", []float64{25.8, 27.1, 25.8, 29.4}, []bool{f, f, f, f}},
			},
		},
		{
			// 5.04 → 5.0, 4.26 → 4.3 and -1.75 → -1.8 (1 dp, half away
			// from zero); the 2026 snapshot is after the as-of date.
			id: "pay-gap-trend", kind: chart.Line,
			categories: []string{"2024-03-31", "2025-03-31"},
			series: []wantSeries{
				{"Mean hourly gap", []float64{5.0, 4.3}, []bool{f, f}},
				{"Median hourly gap", []float64{2.0, -1.8}, []bool{f, f}},
			},
		},
		{
			// The reference category (White) is left out; Prefer not to
			// say is withheld.
			id: "pay-gap-ethnic_minority", kind: chart.Bar, horizontal: true,
			categories: []string{"Ethnic minority", "Prefer not to say", "Not known"},
			series: []wantSeries{
				{"Mean hourly gap", []float64{1.8, 0, -0.1}, []bool{f, T, f}},
				{"Median hourly gap", []float64{1.6, 0, 0}, []bool{f, T, f}},
			},
		},
		{
			id: "pay-gap-disability", kind: chart.Bar, horizontal: true,
			categories: []string{"Disabled", "Not known"},
			series: []wantSeries{
				{"Mean hourly gap", []float64{2.2, -0.5}, []bool{f, f}},
				{"Median hourly gap", []float64{1.6, -0.8}, []bool{f, f}},
			},
		},
		{
			id: "pay-peers", kind: chart.Bar, horizontal: true,
			categories: []string{"Mean hourly gap", "Median hourly gap", "Women in the top quartile"},
			series: []wantSeries{
				{"This organisation", []float64{4.3, -1.8, 70.6}, []bool{f, f, f}},
				{"Peer median", []float64{9.1, 7.5, 45.0}, []bool{f, f, f}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			ch, ok := charts[tt.id]
			if !ok {
				t.Fatalf("no chart %s", tt.id)
			}
			if ch.Kind != tt.kind || ch.Horizontal != tt.horizontal || ch.ValueMax != tt.valueMax {
				t.Errorf("kind %v horizontal %v max %v, want %v %v %v", ch.Kind, ch.Horizontal, ch.ValueMax, tt.kind, tt.horizontal, tt.valueMax)
			}
			if ch.Characteristic != "pay" {
				t.Errorf("characteristic %q, want pay", ch.Characteristic)
			}
			if !slices.Equal(ch.Categories, tt.categories) {
				t.Errorf("categories %q, want %q", ch.Categories, tt.categories)
			}
			if len(ch.Series) != len(tt.series) {
				t.Fatalf("%d series, want %d", len(ch.Series), len(tt.series))
			}
			for i, ws := range tt.series {
				got := ch.Series[i]
				if got.Name != ws.name {
					t.Errorf("series %d name %q, want %q", i, got.Name, ws.name)
				}
				if got.Colour != chart.Palette[i] {
					t.Errorf("series %q colour %s, want %s", got.Name, got.Colour, chart.Palette[i])
				}
				if len(got.Values) != len(ws.values) {
					t.Fatalf("series %q has %d values, want %d", got.Name, len(got.Values), len(ws.values))
				}
				for j, v := range ws.values {
					if math.Abs(got.Values[j]-v) > 1e-9 {
						t.Errorf("series %q value %d = %v, want %v", got.Name, j, got.Values[j], v)
					}
				}
				if !slices.Equal(got.Suppressed, ws.suppressed) {
					t.Errorf("series %q suppressed %v, want %v", got.Name, got.Suppressed, ws.suppressed)
				}
			}
		})
	}
}

func TestBuildPayDescriptions(t *testing.T) {
	charts := buildPay(t, chart.Options{AsOf: "2025-03-31"}, payTables()...)
	tests := []struct {
		id, title, subtitle, valueLabel, source string
		alt                                     []string
	}{
		{
			"pay-quartiles", "Women and men in each quarter of hourly pay",
			"31 March 2025, full-pay relevant employees ranked by hourly pay, lowest first; % of each quarter",
			"% of quarter", "gender_pay_gap",
			[]string{"Women are 74.2% of the lower quarter, 72.9% of the lower middle quarter, 74.2% of the upper middle quarter and 70.6% of the top quarter."},
		},
		{
			"pay-gap-trend", "Gender pay gap over time",
			"From 31 March 2024 to 31 March 2025, mean and median hourly pay gap (positive: men paid more)",
			"% (positive: men paid more)", "gender_pay_gap",
			[]string{"mean 5.0%, 4.3%; median 2.0%, -1.8%."},
		},
		{
			"pay-gap-ethnic_minority", "Ethnic minority pay gaps",
			"31 March 2025, mean and median hourly pay gap against White staff (positive: White staff paid more)",
			"% (positive: White staff paid more)", "pay_gap",
			[]string{"Ethnic minority mean 1.8%, median 1.6%; Prefer not to say mean suppressed, median suppressed; Not known mean -0.1%, median 0.0%."},
		},
		{
			"pay-gap-disability", "Disability pay gaps",
			"31 March 2025, mean and median hourly pay gap against not disabled staff (positive: not disabled staff paid more)",
			"% (positive: not disabled staff paid more)", "pay_gap",
			[]string{"Disabled mean 2.2%, median 1.6%; Not known mean -0.5%, median -0.8%."},
		},
		{
			"pay-peers", "Gender pay gap compared with peers", peerGroup, "%", "pay_gap_peers",
			[]string{
				"Mean hourly gap 4.3% against a peer median of 9.1% (31st percentile of 412 peers)",
				"Median hourly gap -1.8% against a peer median of 7.5% (8th percentile of 412 peers)",
				"Women in the top quartile 70.6% against a peer median of 45.0% (92nd percentile of 412 peers).",
			},
		},
	}
	for _, tt := range tests {
		ch := charts[tt.id]
		if ch.Title != tt.title || ch.Subtitle != tt.subtitle || ch.ValueLabel != tt.valueLabel || ch.Source != tt.source {
			t.Errorf("%s: title %q subtitle %q value label %q source %q\nwant %q %q %q %q",
				tt.id, ch.Title, ch.Subtitle, ch.ValueLabel, ch.Source, tt.title, tt.subtitle, tt.valueLabel, tt.source)
		}
		for _, w := range tt.alt {
			if !strings.Contains(ch.AltText, w) {
				t.Errorf("%s alt text %q\nlacks %q", tt.id, ch.AltText, w)
			}
		}
	}
}

func TestBuildPayAtAnEarlierSnapshot(t *testing.T) {
	// At 31 March 2024 there is one snapshot of the gender pay gap so far:
	// no trend; the quartiles are 2024's. The peer figures exist only for
	// 2025, after the as-of date, so there is no peer chart.
	charts := buildPay(t, chart.Options{AsOf: "2024-03-31"}, payTables()...)
	if _, ok := charts["pay-gap-trend"]; ok {
		t.Error("a trend was drawn from one snapshot")
	}
	if _, ok := charts["pay-peers"]; ok {
		t.Error("a peer chart was drawn from figures after the as-of date")
	}
	q := charts["pay-quartiles"]
	if len(q.Series) != 2 || !slices.Equal(q.Series[0].Values, []float64{74.4, 73.0, 74.1, 70.2}) {
		t.Errorf("2024 quartiles %+v, want women 74.4, 73.0, 74.1, 70.2", q.Series)
	}
}

func TestBuildPayWithoutPayTables(t *testing.T) {
	for _, ch := range chart.Build(reporttest.Publication().Tables, fixtureOptions) {
		if ch.Characteristic == "pay" {
			t.Errorf("pay chart %s drawn without pay tables", ch.ID)
		}
	}
}

func TestPeerSnapshotFallsBackToTheLatestEarlier(t *testing.T) {
	peers := peerTable("2024-03-31")
	peers.Rows = append(peers.Rows, peerTable("2023-03-31").Rows...)
	for _, tt := range []struct{ asOf, want string }{
		{"2025-03-31", "2024-03-31"},
		{"2024-03-31", "2024-03-31"},
		{"2023-06-30", "2023-03-31"},
		{"2022-03-31", ""},
		{"", "2024-03-31"},
	} {
		if got := chart.PeerSnapshot(peers, tt.asOf); got != tt.want {
			t.Errorf("PeerSnapshot(%q) = %q, want %q", tt.asOf, got, tt.want)
		}
	}
	// The chart says which year's figures it compares.
	charts := buildPay(t, chart.Options{AsOf: "2025-03-31"}, peers)
	if alt := charts["pay-peers"].AltText; !strings.Contains(alt, "figures at 31 March 2024") {
		t.Errorf("peer alt text %q does not date the figures 31 March 2024", alt)
	}
}

func TestOrdinal(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{1, "1st"}, {2, "2nd"}, {2.6, "3rd"}, {4, "4th"}, {11, "11th"}, {12.4, "12th"}, {13, "13th"},
		{21, "21st"}, {31.2, "31st"}, {42, "42nd"}, {93, "93rd"}, {100, "100th"}, {111, "111th"}, {0, "0th"},
	} {
		if got := chart.Ordinal(tt.v); got != tt.want {
			t.Errorf("Ordinal(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
