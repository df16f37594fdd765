package findings

import (
	"testing"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/report/reporttest"
	"github.com/equip-project/equip/internal/table"
)

func fixtureTables() map[string]*table.Table {
	out := map[string]*table.Table{}
	for _, t := range reporttest.Publication().Tables {
		out[t.Name] = t
	}
	return out
}

// Each expected sentence is written from the fixture's cells by hand.
func TestWriteFromTables(t *testing.T) {
	got := Write(fixtureTables(), "2025-03-31", "Grade 13")
	want := []struct{ text, table string }{
		{"6,425 people were employed at 31 March 2025.", "profile"}, // 4,690 + 1,735
		{"Women are 73.0% of all staff and hold 52.8% of Grade 13+ posts; the difference is statistically clear. The local population is 50.9% female (representation ratio 1.43).", "senior_representation"},
		{"Ethnic minority staff are 8.6% of all staff (10.0% of those who declared) and hold 4.9% of Grade 13+ posts; the difference is statistically clear. The local population is 11.2% from an ethnic minority (representation ratio 0.89).", "senior_representation"},
		{"Declaration is lowest for sex: 100.0% of staff have declared it.", "declaration"},
		{"Of 4 equality targets: 1 met, 1 improving, 1 not met, 1 no data.", "targets"},
	}
	if len(got) != len(want) {
		for _, f := range got {
			t.Log(f.Text)
		}
		t.Fatalf("%d findings, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Table != w.table {
			t.Errorf("finding %d:\n got  %q (%s)\n want %q (%s)", i, got[i].Text, got[i].Table, w.text, w.table)
		}
	}
}

func TestSuppressedFigureIsNotWritten(t *testing.T) {
	ts := fixtureTables()
	p := ts["profile"]
	for _, r := range p.Rows {
		if r[p.MustIndex("category")].Text == "Ethnic minority" {
			r[p.MustIndex("percent")] = table.Marked(table.Suppressed)
		}
	}
	for _, f := range Write(ts, "2025-03-31", "Grade 13") {
		if f.Table == "senior_representation" && len(f.Text) > 15 && f.Text[:15] == "Ethnic minority" {
			t.Errorf("a finding was written from a suppressed figure: %s", f.Text)
		}
	}
}

func TestPayGapFinding(t *testing.T) {
	g := catalog.GenderPayGap.New()
	row := func(date string, mean, median float64) table.Row {
		r := make(table.Row, len(g.Columns))
		for i := range r {
			r[i] = table.Num(0)
		}
		r[0] = table.Str(date)
		r[g.MustIndex("DiffMeanHourlyPercent")] = table.Num(mean)
		r[g.MustIndex("DiffMedianHourlyPercent")] = table.Num(median)
		return r
	}
	g.Rows = []table.Row{row("2024-03-31", 5.04, 2), row("2025-03-31", 4.26, 1.7)}
	f, ok := payGap(g, "2025-03-31")
	want := "The mean gender pay gap is 4.3% and the median 1.7%: on average women are paid 4.3% less than men an hour. The mean gap has narrowed from 5.0% at 31 March 2024."
	if !ok || f.Text != want {
		t.Errorf("got %q\nwant %q", f.Text, want)
	}
	g.Rows = []table.Row{row("2024-03-31", 1, 0), row("2025-03-31", -2.0, -1)}
	f, _ = payGap(g, "2025-03-31")
	want = "The mean gender pay gap is -2.0% and the median -1.0%: on average women are paid 2.0% more than men an hour. The mean gap has widened from 1.0% at 31 March 2024."
	if f.Text != want {
		t.Errorf("got %q\nwant %q", f.Text, want)
	}
}

func TestMonitoringFindings(t *testing.T) {
	rec := catalog.Recruitment.New()
	rec.Rows = []table.Row{
		{table.Str("2024/25"), table.Str("ethnic_minority"), table.Str("Ethnic minority"), table.Int(80), table.Int(40), table.Int(10),
			table.Num(50), table.Num(25), table.Num(1.36), table.Str("Yes"), table.Str("White")},
		{table.Str("2024/25"), table.Str("disability"), table.Str("Disabled"), table.Int(80), table.Int(40), table.Int(10),
			table.Num(50), table.Num(25), table.Marked(table.Suppressed), table.Str("No"), table.Str("Not disabled")},
	}
	cw := catalog.Casework.New()
	cw.Rows = []table.Row{{table.Str("2024/25"), table.Str("Disciplinary"), table.Str("ethnic_minority"), table.Str("Ethnic minority"),
		table.Int(6), table.Num(200), table.Num(3), table.Num(1.8), table.Str("White")}}
	tr := catalog.Training.New()
	tr.Rows = []table.Row{{table.Str("2024/25"), table.Str("disability"), table.Str("Disabled"), table.Int(20), table.Int(10),
		table.Num(100), table.Num(10), table.Num(0.8), table.Str("Not disabled")}}
	got := Monitoring(map[string]*table.Table{"recruitment": rec, "casework": cw, "training": tr})
	want := []string{
		"Ethnic minority applicants were 1.36 times less likely than White applicants to be appointed from shortlisting (relative likelihood 1.36).",
		"Ethnic minority staff were 1.80 times as likely as White staff to enter a disciplinary process (relative likelihood 1.80).",
		// 0.8 in the WRES training direction: this group is 1 ÷ 0.8 = 1.25 times as likely.
		"Disabled staff were 1.25 times as likely as non-disabled staff to receive non-mandatory training (relative likelihood 0.80).",
	}
	if len(got) != len(want) {
		t.Fatalf("%d findings, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("got  %q\nwant %q", got[i].Text, want[i])
		}
	}
}
