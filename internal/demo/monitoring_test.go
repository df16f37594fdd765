package demo

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

// The labels the new HR system writes for each class the disparities are
// planted between (labels.go), listed by hand.
var (
	minorityLabels = []string{
		"Asian or Asian British - Indian", "Indian", "Asian or Asian British: Indian",
		"Asian or Asian British - Pakistani", "Asian or Asian British: Pakistani",
		"Asian or Asian British - Bangladeshi", "Asian or Asian British: Bangladeshi",
		"Chinese", "Asian or Asian British: Chinese",
		"Asian or Asian British - Any other Asian background", "Asian or Asian British: Any other Asian background",
		"Black or Black British - African", "Black, Black British, Caribbean or African: African",
		"Black or Black British - Caribbean", "Black, Black British, Caribbean or African: Caribbean",
		"Black or Black British - Any other Black background",
		"Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
		"Mixed - White and Black Caribbean", "Mixed or Multiple ethnic groups: White and Black Caribbean",
		"Mixed - White and Black African", "Mixed or Multiple ethnic groups: White and Black African",
		"Mixed - White and Asian", "Mixed or Multiple ethnic groups: White and Asian",
		"Mixed - Any other Mixed background", "Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background",
		"Arab", "Other ethnic group: Arab", "Any other ethnic group", "Other ethnic group: Any other ethnic group",
	}
	whiteLabels = []string{
		"White - British", "White British", "White: English, Welsh, Scottish, Northern Irish or British",
		"White - Irish", "White: Irish", "Any other White background", "White: Any other White background",
	}
	disabledLabels    = []string{"Yes", "Y"}
	notDisabledLabels = []string{"No", "N"}
)

// Excel serial numbers of the period's dates, worked out from 1 January
// 2024 = 45292: 1 April 2024 is 45292 + 31 + 29 + 31; 1 January 2025 is
// 45292 + 366 = 45658; 31 March 2025 is 45658 + 89; 30 June 2025 is
// 45658 + 180; 30 September 2025 is 45658 + 272.
const (
	serialPeriodStart = 45383
	serial2025March31 = 45747
	serial2025June30  = 45838
	serialPeriodEnd   = 45930
)

// reportingPeriod is 0 for 2024/25, 1 and 2 for the quarters of 2025/26.
func reportingPeriod(serial int) int {
	switch {
	case serial <= serial2025March31:
		return 0
	case serial <= serial2025June30:
		return 1
	}
	return 2
}

func monitoringFile(name string) string { return filepath.Join(freshRoot, MonitoringDir, name) }

func quarterlyFile(name string) string { return filepath.Join(fresh, QuarterlyDir, name) }

// tally counts rows by whether they match, per group.
type tally map[string]int

func (c tally) rate(of, per string) float64 { return float64(c[of]) / float64(c[per]) }

// ethnicGroup and disabilityGroup name a row's class from its labels: "" when
// not declared or not mapped.
func ethnicGroup(label string) string {
	switch {
	case in(label, minorityLabels...):
		return "minority"
	case in(label, whiteLabels...):
		return "white"
	}
	return ""
}

func disabilityGroup(label string) string {
	switch {
	case in(label, disabledLabels...):
		return "disabled"
	case in(label, notDisabledLabels...):
		return "not disabled"
	}
	return ""
}

// headcounts are the 31 March 2025 staff by class.
func headcounts2025(t *testing.T) tally {
	t.Helper()
	heads := tally{}
	for _, r := range readXLSX(t, filepath.Join(fresh, "staff-2025-03-31.xlsx")) {
		heads[ethnicGroup(r["Ethnic Origin"])]++
		heads[disabilityGroup(r["Disability"])]++
	}
	return heads
}

func between(t *testing.T, name string, got, low, top float64) {
	t.Helper()
	if got < low || got > top {
		t.Errorf("%s = %.3f, want %.2f to %.2f", name, got, low, top)
	}
}

// stageLevel reads a stage as a person types it: 0 applied only (withdrawn
// too), 1 shortlisted, 2 appointed; -1 not a stage.
func stageLevel(label string) int {
	key := strings.NewReplacer(" ", "", "-", "").Replace(strings.ToLower(label))
	switch key {
	case "applied", "withdrawn":
		return 0
	case "shortlisted", "interviewed", "offered":
		return 1
	case "appointed":
		return 2
	}
	return -1
}

func serialOf(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not an Excel serial date", s)
	}
	return n
}

func dayFirst(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("02/01/2006", s)
	if err != nil {
		t.Fatalf("%q is not a DD/MM/YYYY date", s)
	}
	return d
}

func TestRecruitment(t *testing.T) {
	rows := readSheet(t, monitoringFile("recruitment.xlsx"), "Applications", "Application ID")
	if n := len(rows); n < 6000 || n > 9000 {
		t.Errorf("%d applications, want 6,000 to 9,000", n)
	}
	for _, h := range []string{"Application ID", "Vacancy Ref", "Post Grade", "Directorate", "Date Received", "Stage Reached",
		"Gender", "Date of Birth", "Ethnic Origin", "Disability", "Religion or Belief", "Sexual Orientation"} {
		if _, ok := rows[0][h]; !ok {
			t.Errorf("no %q column", h)
		}
	}
	idPattern := regexp.MustCompile(`^A-(2024|2025)-\d{6}$`)
	seen := map[string]bool{}
	appointedPerVacancy := map[string]int{}
	periodsPerVacancy := map[string]map[int]bool{}
	firstReceived := map[string]int{}
	offers := map[string]int{}
	counts := tally{}
	variants := 0
	for _, r := range rows {
		id := r["Application ID"]
		if !idPattern.MatchString(id) || seen[id] {
			t.Fatalf("bad or repeated Application ID %q", id)
		}
		seen[id] = true
		received := serialOf(t, r["Date Received"])
		if received < serialPeriodStart || received > serialPeriodEnd {
			t.Errorf("%s received on serial %d, outside the period", id, received)
		}
		if year := excelEpoch.AddDate(0, 0, received).Year(); id[2:6] != strconv.Itoa(year) {
			t.Errorf("%s was received in %d", id, year)
		}
		level := stageLevel(r["Stage Reached"])
		if level < 0 {
			t.Fatalf("%s: stage %q", id, r["Stage Reached"])
		}
		if !in(r["Stage Reached"], "Applied", "Shortlisted", "Interviewed", "Offered", "Appointed", "Withdrawn") {
			variants++
		}
		ref := r["Vacancy Ref"]
		n := appointedPerVacancy[ref]
		if level == 2 {
			n++
		}
		appointedPerVacancy[ref] = n
		if periodsPerVacancy[ref] == nil {
			periodsPerVacancy[ref] = map[int]bool{}
			firstReceived[ref] = received
		}
		periodsPerVacancy[ref][reportingPeriod(received)] = true
		firstReceived[ref] = min(firstReceived[ref], received)
		if stageLevel(r["Stage Reached"]) == 1 && strings.EqualFold(strings.TrimSpace(r["Stage Reached"]), "offered") {
			offers[ref]++
		}
		for _, group := range []string{ethnicGroup(r["Ethnic Origin"]), disabilityGroup(r["Disability"]), "all"} {
			counts[group+" applied"]++
			if level >= 1 {
				counts[group+" shortlisted"]++
			}
			if level == 2 {
				counts[group+" appointed"]++
			}
		}
	}
	// A vacancy has one appointment, or none while it is in progress: then
	// it was advertised in the last quarter and has made no offer.
	live := 0
	for ref, n := range appointedPerVacancy {
		switch {
		case n > 1:
			t.Errorf("vacancy %s has %d appointments", ref, n)
		case n == 0:
			live++
			if firstReceived[ref] <= serial2025June30 || offers[ref] > 0 {
				t.Errorf("vacancy %s, unfilled, had applications from serial %d and %d offers", ref, firstReceived[ref], offers[ref])
			}
		}
		if len(periodsPerVacancy[ref]) != 1 {
			t.Errorf("vacancy %s has applications in %d reporting periods", ref, len(periodsPerVacancy[ref]))
		}
	}
	if n := len(appointedPerVacancy); n < 900 || n > 1100 {
		t.Errorf("%d vacancies, want about 1,000", n)
	}
	// About 1.8 adverts a day (165 joiners a quarter) over the seven or so
	// weeks before 30 September whose posts start after it.
	if live < 50 || live > 200 {
		t.Errorf("%d vacancies in progress, want about 100", live)
	}
	// About 3% of ~8,000 stages are variants.
	between(t, "share of stages in a variant spelling", float64(variants)/float64(len(rows)), 0.01, 0.06)

	// Planted: shortlisting 45% White, 42% ethnic minority (ratio 1.07);
	// appointment from shortlisting 1.36 times as likely for White; the
	// disabled shortlisted 85% as often (ratio 1/0.85 = 1.18) and
	// appointed as often.
	between(t, "shortlisting rate White ÷ ethnic minority",
		counts.rate("white shortlisted", "white applied")/counts.rate("minority shortlisted", "minority applied"), 0.95, 1.2)
	between(t, "appointment rate from shortlisting White ÷ ethnic minority",
		counts.rate("white appointed", "white shortlisted")/counts.rate("minority appointed", "minority shortlisted"), 1.25, 1.5)
	between(t, "shortlisting rate not disabled ÷ disabled",
		counts.rate("not disabled shortlisted", "not disabled applied")/counts.rate("disabled shortlisted", "disabled applied"), 1.1, 1.3)
	between(t, "appointment rate from shortlisting not disabled ÷ disabled",
		counts.rate("not disabled appointed", "not disabled shortlisted")/counts.rate("disabled appointed", "disabled shortlisted"), 0.85, 1.2)
	// Applicants are more diverse than the workforce (8–9.2% ethnic minority in 2025).
	between(t, "ethnic minority share of applicants", counts.rate("minority applied", "all applied"), 0.10, 0.16)
}

// Every appointed applicant is a starter, with the same post and
// characteristics, who started after applying; every starter from 10 June
// 2024 was appointed in the period (an advert closes at most 70 days before
// the start, and 1 April 2024 + 70 days is 10 June).
func TestAppointedAreStarters(t *testing.T) {
	starters := readUTF8CSV(t, monitoringFile("starters.csv"))
	start := map[string]time.Time{}
	keys := map[string]int{}
	for _, s := range starters {
		key := strings.Join([]string{s["Directorate"], s["Pay Grade"], s["Gender"], s["Date of Birth"], s["Ethnic Origin"], s["Disability"]}, "|")
		keys[key]++
		start[key] = dayFirst(t, s["Start Date"])
	}
	appointed := 0
	for _, r := range readSheet(t, monitoringFile("recruitment.xlsx"), "Applications", "Application ID") {
		if stageLevel(r["Stage Reached"]) != 2 {
			continue
		}
		appointed++
		dob := excelEpoch.AddDate(0, 0, serialOf(t, r["Date of Birth"])).Format("02/01/2006")
		key := strings.Join([]string{r["Directorate"], r["Post Grade"], r["Gender"], dob, r["Ethnic Origin"], r["Disability"]}, "|")
		if keys[key] == 0 {
			t.Errorf("appointment %s (%s) is no starter", r["Application ID"], key)
			continue
		}
		keys[key]--
		received := excelEpoch.AddDate(0, 0, serialOf(t, r["Date Received"]))
		if start[key].Before(received) {
			t.Errorf("%s: received %s, after the appointee started on %s", r["Application ID"], received.Format(time.DateOnly), start[key].Format(time.DateOnly))
		}
	}
	recruitedBefore := 0
	for key, n := range keys {
		if n > 0 && !start[key].Before(time.Date(2024, time.June, 10, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("starter %s (started %s) has no appointment", key, start[key].Format(time.DateOnly))
		}
		recruitedBefore += n
	}
	if appointed+recruitedBefore != len(starters) {
		t.Errorf("%d appointments and %d recruited before the period, of %d starters", appointed, recruitedBefore, len(starters))
	}
}

// snapshotIDs are the employee numbers in each snapshot of the period.
func snapshotIDs(t *testing.T) (y2024, y2025, june, september map[string]bool) {
	t.Helper()
	ids := func(rows []map[string]string, column string) map[string]bool {
		out := make(map[string]bool, len(rows))
		for _, r := range rows {
			out[r[column]] = true
		}
		return out
	}
	return ids(readCSV(t, filepath.Join(fresh, "staff-2024-03-31.csv")), "Person Ref"),
		ids(readXLSX(t, filepath.Join(fresh, "staff-2025-03-31.xlsx")), "Employee Number"),
		ids(readUTF8CSV(t, quarterlyFile("staff-2025-06-30.csv")), "Employee Number"),
		ids(readUTF8CSV(t, quarterlyFile("staff-2025-09-30.csv")), "Employee Number")
}

// minus is the IDs in a and not in b, sorted.
func minus(a, b map[string]bool) []string {
	var out []string
	for id := range a {
		if !b[id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// Starters and leavers are exactly who joins and leaves between the
// snapshots, dated within the stretch between them.
func TestStartersAndLeaversMatchSnapshots(t *testing.T) {
	y2024, y2025, june, september := snapshotIDs(t)
	ends := []time.Time{snapshotDate(2025), quarterEnds[0].date, quarterEnds[1].date}
	stretch := func(d time.Time) int {
		for i, end := range ends {
			if !d.After(end) {
				return i
			}
		}
		return -1
	}
	var started, left [3][]string
	for _, s := range readUTF8CSV(t, monitoringFile("starters.csv")) {
		d := dayFirst(t, s["Start Date"])
		if d.Before(periodStart) || stretch(d) < 0 {
			t.Fatalf("%s started on %s, outside the period", s["Employee Number"], s["Start Date"])
		}
		started[stretch(d)] = append(started[stretch(d)], s["Employee Number"])
	}
	for _, l := range readUTF8CSV(t, monitoringFile("leavers.csv")) {
		d := dayFirst(t, l["Leaving Date"])
		if d.Before(periodStart) || stretch(d) < 0 || slices.ContainsFunc(ends, d.Equal) {
			t.Fatalf("%s left on %s: outside the period or on a snapshot date", l["Employee Number"], l["Leaving Date"])
		}
		left[stretch(d)] = append(left[stretch(d)], l["Employee Number"])
	}
	tests := []struct {
		name          string
		before, after map[string]bool
		i             int
	}{
		{"2024/25", y2024, y2025, 0},
		{"2025/26 Q1", y2025, june, 1},
		{"2025/26 Q2", june, september, 2},
	}
	for _, tt := range tests {
		slices.Sort(started[tt.i])
		slices.Sort(left[tt.i])
		if want := minus(tt.after, tt.before); !slices.Equal(started[tt.i], want) {
			t.Errorf("%s: %d starters, but %d new in the snapshot", tt.name, len(started[tt.i]), len(want))
		}
		if want := minus(tt.before, tt.after); !slices.Equal(left[tt.i], want) {
			t.Errorf("%s: %d leavers, but %d gone from the snapshot", tt.name, len(left[tt.i]), len(want))
		}
	}
}

func TestLeavingReasons(t *testing.T) {
	reasons := []string{"Resignation", "Retirement", "Dismissal", "Redundancy", "End of fixed-term contract", "Ill health retirement", "Death in service"}
	rows := readUTF8CSV(t, monitoringFile("leavers.csv"))
	counts := tally{}
	for _, r := range rows {
		if !in(r["Leaving Reason"], reasons...) {
			t.Errorf("%s: leaving reason %q", r["Employee Number"], r["Leaving Reason"])
		}
		counts[r["Leaving Reason"]]++
	}
	for _, reason := range reasons {
		if counts[reason] == 0 {
			t.Errorf("nobody left for %s", reason)
		}
	}
	between(t, "share resigning or retiring", float64(counts["Resignation"]+counts["Retirement"])/float64(len(rows)), 0.75, 0.95)
	between(t, "share dismissed", float64(counts["Dismissal"])/float64(len(rows)), 0.01, 0.05)
}

// In 2025/26 ethnic minority and disabled staff leave 1.4 times as often
// as others.
func TestLeavingDisparity(t *testing.T) {
	heads := headcounts2025(t)
	left := tally{}
	for _, r := range readUTF8CSV(t, monitoringFile("leavers.csv")) {
		if dayFirst(t, r["Leaving Date"]).After(snapshotDate(2025)) {
			left[ethnicGroup(r["Ethnic Origin"])]++
			left[disabilityGroup(r["Disability"])]++
		}
	}
	rate := func(group string) float64 { return float64(left[group]) / float64(heads[group]) }
	between(t, "leaving rate ethnic minority ÷ White, April to September 2025", rate("minority")/rate("white"), 1.2, 1.8)
	between(t, "leaving rate disabled ÷ not disabled, April to September 2025", rate("disabled")/rate("not disabled"), 1.1, 1.8)
}

func TestCasework(t *testing.T) {
	rows := readSheet(t, monitoringFile("casework.xlsx"), "Cases", "Case Ref")
	if n := len(rows); n < 150 || n > 250 {
		t.Errorf("%d cases, want 150 to 250", n)
	}
	outcomes := map[string][]string{
		"Disciplinary":            {"No case to answer", "Informal action", "Written warning", "Final written warning", "Dismissal", "Withdrawn", "Ongoing"},
		"Capability":              {"No case to answer", "Informal action", "Written warning", "Final written warning", "Dismissal", "Withdrawn", "Ongoing"},
		"Grievance":               {"Upheld", "Not upheld", "Withdrawn", "Ongoing"},
		"Bullying and harassment": {"Upheld", "Not upheld", "Withdrawn", "Ongoing"},
	}
	dismissedOn := map[string]time.Time{}
	for _, l := range readUTF8CSV(t, monitoringFile("leavers.csv")) {
		if l["Leaving Reason"] == "Dismissal" {
			dismissedOn[l["Employee Number"]] = dayFirst(t, l["Leaving Date"])
		}
	}
	refPattern := regexp.MustCompile(`^ER-(2024|2025)-\d{4}$`)
	seen := map[string]bool{}
	cases := tally{}
	dismissals := 0
	for _, r := range rows {
		ref, kind, outcome := r["Case Ref"], r["Case Type"], r["Outcome"]
		if !refPattern.MatchString(ref) || seen[ref] {
			t.Fatalf("bad or repeated Case Ref %q", ref)
		}
		seen[ref] = true
		if !slices.Contains(outcomes[kind], outcome) {
			t.Errorf("%s: %q case with outcome %q", ref, kind, outcome)
		}
		opened := serialOf(t, r["Date Opened"])
		if opened < serialPeriodStart || opened > serialPeriodEnd {
			t.Errorf("%s opened outside the period", ref)
		}
		if outcome == "Ongoing" && opened <= serial2025June30 {
			t.Errorf("%s opened on serial %d is still ongoing", ref, opened)
		}
		if outcome == "Dismissal" {
			dismissals++
			left, ok := dismissedOn[r["Employee Number"]]
			if !ok || excelEpoch.AddDate(0, 0, opened).After(left) {
				t.Errorf("%s: %s dismissed but not a leaver dismissed after the case opened", ref, r["Employee Number"])
			}
		}
		cases[kind+" "+ethnicGroup(r["Ethnic Origin"])]++
		cases[kind+" "+disabilityGroup(r["Disability"])]++
	}
	if dismissals != len(dismissedOn) {
		t.Errorf("%d cases ended in dismissal, %d leavers dismissed", dismissals, len(dismissedOn))
	}
	heads := headcounts2025(t)
	rate := func(kind, group string) float64 { return float64(cases[kind+" "+group]) / float64(heads[group]) }
	// Planted: 1.75 for the disciplinary process, 2.5 for capability.
	between(t, "disciplinary relative likelihood ethnic minority ÷ White", rate("Disciplinary", "minority")/rate("Disciplinary", "white"), 1.4, 2.2)
	between(t, "capability relative likelihood disabled ÷ not disabled", rate("Capability", "disabled")/rate("Capability", "not disabled"), 1.8, 4.5)
}

func TestTraining(t *testing.T) {
	rows := readSheet(t, monitoringFile("training.xlsx"), "Training", "Employee Number")
	if n := len(rows); n < 1400 || n > 1600 {
		t.Errorf("%d training rows, want about 1,500", n)
	}
	courses := []string{
		"Leadership programme", "ILM Level 5 in Leadership and Management", "Aspiring managers programme", "Coaching skills",
		"Mentoring scheme", "Project management (PRINCE2 Foundation)", "Level 3 Team Leader apprenticeship",
		"Mental health first aider", "Presentation skills", "Data skills (Excel and Power BI)",
	}
	counts := tally{}
	for _, r := range rows {
		if !in(r["Status"], "Applied", "Received") || !in(r["Course"], courses...) {
			t.Fatalf("%s: status %q, course %q", r["Employee Number"], r["Status"], r["Course"])
		}
		if d := serialOf(t, r["Date"]); d < serialPeriodStart || d > serialPeriodEnd {
			t.Errorf("%s: date outside the period", r["Employee Number"])
		}
		for _, group := range []string{ethnicGroup(r["Ethnic Origin"]), disabilityGroup(r["Disability"])} {
			counts[group+" applied"]++
			if r["Status"] == "Received" {
				counts[group+" received"]++
			}
		}
	}
	// Planted: applications lead to training 0.8 times as often for ethnic
	// minority and for disabled staff (1 ÷ 0.8 = 1.25).
	between(t, "received ÷ applied, White ÷ ethnic minority",
		counts.rate("white received", "white applied")/counts.rate("minority received", "minority applied"), 1.1, 1.45)
	between(t, "received ÷ applied, not disabled ÷ disabled",
		counts.rate("not disabled received", "not disabled applied")/counts.rate("disabled received", "disabled applied"), 1.1, 1.45)
	heads := headcounts2025(t)
	perHead := func(group string) float64 { return float64(counts[group+" received"]) / float64(heads[group]) }
	between(t, "received per head, White ÷ ethnic minority", perHead("white")/perHead("minority"), 1.1, 1.5)
	between(t, "received per head, not disabled ÷ disabled", perHead("not disabled")/perHead("disabled"), 1.1, 1.5)
}

func TestStaffSurvey(t *testing.T) {
	path := monitoringFile("staff-survey.csv")
	if !bytes.HasPrefix(readFile(t, path), []byte("\xef\xbb\xbf\"Response ID\",\"Gender\",\"Age Band\",\"Ethnic Group\",\"Disability\",\"Sexual Orientation\",\"I feel valued for the work I do\",")) {
		t.Error("survey does not start with a byte order mark and the quoted header")
	}
	rows := readUTF8CSV(t, path)
	if len(rows) != 2570 { // 40% of the 6,425 staff at 31 March 2025
		t.Errorf("%d responses, want 2,570", len(rows))
	}
	m, err := harmonise.NewMapper(nil)
	if err != nil {
		t.Fatal(err)
	}
	columns := map[string]harmonise.Characteristic{
		"Gender": harmonise.Sex, "Ethnic Group": harmonise.Ethnicity, "Disability": harmonise.Disability,
		"Sexual Orientation": harmonise.SexualOrientation,
	}
	const (
		valued   = "I feel valued for the work I do"
		fairness = "The organisation acts fairly with regard to career progression regardless of ethnic background, gender, religion, sexual orientation, disability or age"
		bullying = "I have experienced bullying or harassment from colleagues in the last 12 months"
	)
	scale := []string{"Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"}
	answered, agreed := tally{}, tally{}
	blanks, answers := 0, 0
	ids := map[string]bool{}
	for _, r := range rows {
		if _, err := strconv.Atoi(r["Response ID"]); err != nil || ids[r["Response ID"]] {
			t.Fatalf("bad or repeated Response ID %q", r["Response ID"])
		}
		ids[r["Response ID"]] = true
		for column, c := range columns {
			if _, ok := m.Map(c, r[column]); !ok {
				t.Errorf("%s %q does not map", column, r[column])
			}
		}
		if !in(r["Age Band"], "16-24", "25-34", "35-44", "45-54", "55-64", "65+", "Prefer not to say", "") {
			t.Errorf("age band %q", r["Age Band"])
		}
		var groups []string
		switch r["Ethnic Group"] {
		case "White":
			groups = append(groups, "white")
		case "Mixed or Multiple ethnic groups", "Asian or Asian British", "Black, Black British, Caribbean or African", "Other ethnic group":
			groups = append(groups, "minority")
		}
		switch r["Disability"] {
		case "Yes":
			groups = append(groups, "disabled")
		case "No":
			groups = append(groups, "not disabled")
		}
		switch r["Sexual Orientation"] {
		case "Heterosexual or straight":
			groups = append(groups, "heterosexual")
		case "Gay or lesbian", "Bisexual", "Other sexual orientation":
			groups = append(groups, "lgb")
		}
		for column, v := range r {
			if !strings.HasPrefix(column, "I ") && !strings.HasPrefix(column, "My ") && !strings.HasPrefix(column, "The ") {
				continue
			}
			answers++
			if v == "" {
				blanks++
				continue
			}
			if !in(v, scale...) {
				t.Fatalf("answer %q to %q", v, column)
			}
			for _, g := range groups {
				answered[column+" "+g]++
				if v == "Strongly agree" || v == "Agree" {
					agreed[column+" "+g]++
				}
			}
		}
	}
	if answers != 8*len(rows) {
		t.Errorf("%d answers from %d responses, want 8 each", answers, len(rows))
	}
	between(t, "share of answers left blank", float64(blanks)/float64(answers), 0.005, 0.03)
	agree := func(item, group string) float64 {
		return 100 * float64(agreed[item+" "+group]) / float64(answered[item+" "+group])
	}
	tests := []struct {
		name     string
		got, low float64 // percentage points, or a ratio
	}{
		{"fairness: White − ethnic minority", agree(fairness, "white") - agree(fairness, "minority"), 10},
		{"fairness: not disabled − disabled", agree(fairness, "not disabled") - agree(fairness, "disabled"), 8},
		{"valued: White − ethnic minority", agree(valued, "white") - agree(valued, "minority"), 5},
		{"valued: not disabled − disabled", agree(valued, "not disabled") - agree(valued, "disabled"), 8},
		{"bullying: LGB+ ÷ heterosexual", agree(bullying, "lgb") / agree(bullying, "heterosexual"), 1.5},
	}
	for _, tt := range tests {
		if tt.got < tt.low {
			t.Errorf("%s = %.2f, want at least %.1f", tt.name, tt.got, tt.low)
		}
	}
	if answered[bullying+" lgb"] < 50 {
		t.Errorf("%d LGB+ respondents answered the bullying item, want enough to publish (50+)", answered[bullying+" lgb"])
	}
}

func TestActionPlan(t *testing.T) {
	rows := readSheet(t, monitoringFile("action-plan.xlsx"), "Action plan", "Priority")
	if len(rows) != 16 {
		t.Errorf("%d actions, want 16", len(rows))
	}
	overdue := 0
	for _, r := range rows {
		if !in(r["Status"], "Complete", "On track", "At risk", "Overdue", "Not started") {
			t.Errorf("status %q", r["Status"])
		}
		for _, h := range []string{"Priority", "Outcome sought", "Action", "Lead service area", "Measure of success"} {
			if r[h] == "" {
				t.Errorf("%q is blank for %q", h, r["Action"])
			}
		}
		if serialOf(t, r["Due date"]) < serial2025March31 && r["Status"] != "Complete" {
			overdue++
		}
	}
	if overdue != 5 {
		t.Errorf("%d actions overdue at 31 March 2025, want 5", overdue)
	}
}

// The quarterly snapshots have the 2025 XLSX layout as UTF-8 comma CSV.
func TestQuarterlySnapshots(t *testing.T) {
	header := "\xef\xbb\xbfEmployee Number,Pay Grade,Directorate,Gender,Date of Birth,Ethnic Origin,Disability,Religion or Belief," +
		"Sexual Orientation,Marital Status,Gender Same As At Birth,Maternity Leave,Carer,Contract Type,FTE,Contracted Hours," +
		"FTE Annual Salary,Full Pay Relevant,Bonus Paid,Start Date\r\n"
	odd := []string{"BME", "Questioning", "X", "Spiritual but not religious", "Long Covid"}
	tests := []struct {
		name      string
		headcount int
		grade1Pay []string // Grade 1's spine points: 2024/25's, then with the 3.2% award of 2025/26
		oddities  int
	}{
		{"staff-2025-06-30.csv", 6433, []string{"23656.00", "24027.00", "24404.00"}, 4},
		// 23,656 × 1.032 = 24,413.0; 24,027 × 1.032 = 24,795.9; 24,404 × 1.032 = 25,184.9
		{"staff-2025-09-30.csv", 6441, []string{"24413.00", "24796.00", "25185.00"}, 3},
	}
	for _, tt := range tests {
		path := quarterlyFile(tt.name)
		if !bytes.HasPrefix(readFile(t, path), []byte(header)) {
			t.Errorf("%s does not start with a byte order mark and the 2025 XLSX header", tt.name)
		}
		rows := readUTF8CSV(t, path)
		if len(rows) != tt.headcount {
			t.Errorf("%s: %d staff, want %d", tt.name, len(rows), tt.headcount)
		}
		oddities := 0
		for _, r := range rows {
			dayFirst(t, r["Date of Birth"])
			dayFirst(t, r["Start Date"])
			if r["Pay Grade"] == "Grade 1" && !in(r["FTE Annual Salary"], tt.grade1Pay...) {
				t.Errorf("%s: %s on Grade 1 paid %q", tt.name, r["Employee Number"], r["FTE Annual Salary"])
			}
			for _, v := range r {
				if in(v, odd...) {
					oddities++
				}
			}
		}
		if oddities != tt.oddities {
			t.Errorf("%s: %d unmappable labels, want %d", tt.name, oddities, tt.oddities)
		}
	}
}

// The README names every file and states the figures of the files it
// describes: here, the applications received in 2024/25.
func TestMonitoringReadme(t *testing.T) {
	readme := string(readFile(t, monitoringFile("README.md")))
	received2024 := 0
	for _, r := range readSheet(t, monitoringFile("recruitment.xlsx"), "Applications", "Application ID") {
		if serialOf(t, r["Date Received"]) <= serial2025March31 {
			received2024++
		}
	}
	for _, want := range []string{
		"1 April 2024 to 30 September 2025", "recruitment.xlsx", "starters.csv", "leavers.csv", "casework.xlsx",
		"training.xlsx", "staff-survey.csv", "action-plan.xlsx", "One statement is negative",
		fmt.Sprintf("| 2024/25 | %d |", received2024),
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README does not say %q", want)
		}
	}
}
