package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// monitoringPublication is the fixture for the first quarter of 2025/26
// with one or two rows of each employment monitoring table.
func monitoringPublication() *report.Publication {
	s, n, in := table.Str, table.Num, table.Int
	c, z, empty := table.Marked(table.Suppressed), table.Marked(table.NotApplicable), table.Marked(table.Empty)
	const q = "2025/26 Q1"
	recruitment := catalog.Recruitment.New()
	recruitment.Rows = []table.Row{
		{s(q), s("ethnic_minority"), s("Ethnic minority"), in(120), in(30), in(6), n(25), n(20), n(2), s("Yes"), s("White")},
		{s(q), s("ethnic_minority"), s("White"), in(400), in(100), in(40), n(25), n(40), z, s("No"), s("White")},
		{s(q), s("ethnic_minority"), s("Not known"), in(6), c, c, c, c, c, empty, s("White")},
	}
	turnover := catalog.Turnover.New()
	turnover.Rows = []table.Row{{s(q), s("sex"), s("Female"), in(40), in(30), n(600.5), n(4.995)}}
	casework := catalog.Casework.New()
	casework.Rows = []table.Row{{s(q), s("Disciplinary"), s("ethnic_minority"), s("Ethnic minority"), in(6), n(100), n(6), n(3), s("White")}}
	training := catalog.Training.New()
	training.Rows = []table.Row{{s(q), s("disability"), s("Disabled"), in(20), in(12), n(60.25), n(19.92), n(1.26), s("Not disabled")}}
	survey := catalog.StaffSurvey.New()
	survey.Rows = []table.Row{{s(q), s("I feel valued for the work I do"), s("ethnic_minority"), s("Ethnic minority"), in(40), in(40), in(22), n(55), in(100), n(40)}}
	summary := catalog.ActionPlanSummary.New()
	summary.Rows = []table.Row{{s("In progress"), in(2), in(1)}}
	plan := catalog.ActionPlan.New()
	long := "Run positive action traineeships in every directorate for groups under-represented in senior grades, with a mentor each"
	plan.Rows = []table.Row{
		{s("Representation"), s("A workforce that reflects the county"), s(long), s("Human Resources"), s("2025-01-31"), s("In progress"), s("20 trainees a year"), s("Yes")},
		{s("Transparency"), s("Published figures"), s("Publish the workforce profile"), s("Equalities team"), s("2025-09-30"), s("In progress"), s("Profile published"), s("No")},
	}
	return &report.Publication{
		Meta: report.Meta{Pipeline: "quarterly-dashboard", Title: "Quarterly workforce equality dashboard", Organisation: "Shire County Council",
			AsOf: "2025-06-30", MinCount: 5, Period: q, PeriodStart: "2025-04-01", PeriodEnd: "2025-06-30"},
		Tables: []*table.Table{recruitment, turnover, casework, training, survey, summary, plan},
	}
}

func TestWriteMonitoringSheets(t *testing.T) {
	_, f := writeAndOpen(t, monitoringPublication())
	for _, tc := range []struct{ sheet, title string }{
		{"recruitment", "Recruitment"}, {"turnover", "Starters, leavers and turnover"}, {"casework", "Casework"},
		{"training", "Non-mandatory training"}, {"staff_survey", "Staff survey"},
		{"action_plan_summary", "Equality action plan progress"}, {"action_plan", "Equality action plan"},
	} {
		if got := cell(t, f, tc.sheet, "A1"); got != tc.title {
			t.Errorf("%s A1 = %q, want %q", tc.sheet, got, tc.title)
		}
	}
	for _, tc := range []struct{ sheet, ref, raw, shown, format string }{
		{"turnover", "F6", "600.5", "600.5", "0.0"},  // average headcount, 1 dp
		{"turnover", "G6", "5", "5.00", "0.00"},      // 4.995 rounds half up to 5.00
		{"casework", "F6", "100", "100.0", "0.0"},    // average headcount, 1 dp
		{"training", "F6", "60.3", "60.3", "0.0"},    // 60.25 to 1 dp
		{"recruitment", "I6", "2", "2.00", "0.00"},   // relative likelihood
		{"recruitment", "D6", "120", "120", "#,##0"}, // applied
	} {
		if got := rawCell(t, f, tc.sheet, tc.ref); got != tc.raw {
			t.Errorf("%s!%s raw = %q, want %q", tc.sheet, tc.ref, got, tc.raw)
		}
		if got := cell(t, f, tc.sheet, tc.ref); got != tc.shown {
			t.Errorf("%s!%s shown = %q, want %q", tc.sheet, tc.ref, got, tc.shown)
		}
		if st := cellStyle(t, f, tc.sheet, tc.ref); st.CustomNumFmt == nil || *st.CustomNumFmt != tc.format {
			t.Errorf("%s!%s number format = %v, want %q", tc.sheet, tc.ref, st.CustomNumFmt, tc.format)
		}
	}
	// Flags are words; the reference row's likelihood is [z]; a flag with
	// nothing to say is blank; suppressed counts are [c].
	for _, tc := range []struct{ sheet, ref, want string }{
		{"recruitment", "J6", "Yes"}, {"recruitment", "J7", "No"}, {"recruitment", "I7", "[z]"},
		{"recruitment", "J8", ""}, {"recruitment", "E8", "[c]"}, {"action_plan", "H6", "Yes"}, {"action_plan", "E6", "2025-01-31"},
	} {
		if got := cell(t, f, tc.sheet, tc.ref); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.ref, got, tc.want)
		}
	}
}

func TestWriteActionPlanWrapsLongText(t *testing.T) {
	_, f := writeAndOpen(t, monitoringPublication())
	const sheet = "action_plan"
	if got := cell(t, f, sheet, "C6"); !strings.HasPrefix(got, "Run positive action traineeships") {
		t.Fatalf("C6 = %q, want the action", got)
	}
	// The 119-character action wraps in the 50-character column, over
	// three lines (55 characters a line): 45 points.
	if st := cellStyle(t, f, sheet, "C6"); st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
		t.Errorf("C6 alignment = %+v, want wrapped at the top", st.Alignment)
	}
	if w, _ := f.GetColWidth(sheet, "C"); w != 50 {
		t.Errorf("column C width = %v, want 50", w)
	}
	if h, _ := f.GetRowHeight(sheet, 6); h != 45 {
		t.Errorf("row 6 height = %v, want 45", h)
	}
	// The second row's action is short: one line, and its column's other
	// cells are wrapped too, so a longer edit stays in view.
	if h, _ := f.GetRowHeight(sheet, 7); h != 15 {
		t.Errorf("row 7 height = %v, want 15", h)
	}
	// Every text cell of the table wraps and sits at the top of its row,
	// level with the start of the long text.
	for _, ref := range []string{"C7", "A6", "D6", "H6"} {
		if st := cellStyle(t, f, sheet, ref); st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
			t.Errorf("%s alignment = %+v, want wrapped at the top", ref, st.Alignment)
		}
	}
	// So do numbers and markers of such a table, keeping their format.
	tbl := monitoringPublication()
	casework := tbl.Table(catalog.Casework.Name)
	casework.Rows[0][casework.Index("case_type")] = table.Str("Bullying, harassment and victimisation, including by members of the public")
	casework.Rows = append(casework.Rows, table.Row{table.Str("2025/26 Q1"), table.Str("Grievance"), table.Str("ethnic_minority"), table.Str("White"),
		table.Marked(table.Suppressed), table.Num(900), table.Marked(table.Suppressed), table.Marked(table.NotApplicable), table.Str("White")})
	_, g := writeAndOpen(t, tbl)
	if st := cellStyle(t, g, "casework", "F6"); st.Alignment == nil || st.Alignment.Vertical != "top" || st.CustomNumFmt == nil || *st.CustomNumFmt != "0.0" {
		t.Errorf("casework F6 style = %+v, want 0.0 at the top", st)
	}
	if st := cellStyle(t, g, "casework", "E7"); st.Alignment == nil || st.Alignment.Vertical != "top" || st.Alignment.Horizontal != "right" {
		t.Errorf("casework [c] in E7 alignment = %+v, want right, at the top", st.Alignment)
	}
	if got := cell(t, g, "casework", "E7"); got != "[c]" {
		t.Errorf("casework E7 = %q, want [c]", got)
	}
	// A table of short text keeps the usual alignment.
	if st := cellStyle(t, f, "turnover", "F6"); st.Alignment != nil && st.Alignment.Vertical == "top" {
		t.Error("the turnover table, with no long text, is aligned to the top")
	}
	if typ, _ := f.GetCellType(sheet, "C6"); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("C6 type = %v, want text", typ)
	}
}

func TestWriteCoverMonitoringPeriod(t *testing.T) {
	_, f := writeAndOpen(t, monitoringPublication())
	want := "Employment monitoring figures (recruitment, starters and leavers, casework and the like) cover the period 2025/26 Q1, 1 April 2025 to 30 June 2025."
	if cover := sheetText(t, f, "Cover"); !strings.Contains(cover, want) {
		t.Errorf("cover lacks %q", want)
	}
	tests := []struct {
		name   string
		meta   report.Meta
		tables []*table.Table
		want   string
	}{
		{"label only", report.Meta{Period: "2024/25"}, monitoringPublication().Tables,
			"Employment monitoring figures (recruitment, starters and leavers, casework and the like) cover the period 2024/25."},
		{"no monitoring tables", report.Meta{Period: "2024/25"}, []*table.Table{catalog.Profile.New()}, ""},
		{"no period", report.Meta{}, monitoringPublication().Tables, ""},
	}
	for _, tc := range tests {
		if got := monitoringPeriod(tc.meta, tc.tables); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
