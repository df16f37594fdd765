package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"github.com/equip-project/equip/internal/testutil"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

var fileNames = []string{
	"staff-2021-03-31.xlsx", "staff-2022-03-31.xlsx", "staff-2023-03-31.xlsx",
	"staff-2024-03-31.csv", "staff-2025-03-31.xlsx",
}

// generated lists every file Generate writes, relative to the inputs folder.
var generated = []string{
	"workforce/staff-2021-03-31.xlsx", "workforce/staff-2022-03-31.xlsx", "workforce/staff-2023-03-31.xlsx",
	"workforce/staff-2024-03-31.csv", "workforce/staff-2025-03-31.xlsx",
	"workforce/quarterly/staff-2025-06-30.csv", "workforce/quarterly/staff-2025-09-30.csv",
	"monitoring/README.md", "monitoring/action-plan.xlsx", "monitoring/casework.xlsx", "monitoring/leavers.csv",
	"monitoring/recruitment.xlsx", "monitoring/staff-survey.csv", "monitoring/starters.csv", "monitoring/training.xlsx",
}

// fresh is the workforce folder of one generation with the default seed,
// shared by the tests; freshRoot is the inputs folder holding it.
var fresh, freshRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "demo")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := Generate(dir, DefaultSeed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	freshRoot = dir
	fresh = filepath.Join(dir, WorkforceDir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestSameSeedSameBytes(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, DefaultSeed); err != nil {
		t.Fatal(err)
	}
	for _, name := range generated {
		a := readFile(t, filepath.Join(freshRoot, name))
		b := readFile(t, filepath.Join(dir, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	written := 0
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			written++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if written != len(generated) {
		t.Errorf("wrote %d files, want %d", written, len(generated))
	}
}

func TestOtherSeedOtherPeople(t *testing.T) {
	a, b := Simulate(1), Simulate(2)
	if a[0].Staff[0].DateOfBirth.Equal(b[0].Staff[0].DateOfBirth) && a[0].Staff[1].DateOfBirth.Equal(b[0].Staff[1].DateOfBirth) {
		t.Error("seeds 1 and 2 gave the same first two people")
	}
}

// The committed demo inputs must be what the generator writes, so they
// cannot drift from the code: regenerate with `go run ./cmd/demogen`.
func TestCommittedInputsAreFresh(t *testing.T) {
	committed := filepath.Join(testutil.Root(t), "inputs")
	for _, name := range generated {
		got := readFile(t, filepath.Join(committed, name))
		want := readFile(t, filepath.Join(freshRoot, name))
		if !bytes.Equal(got, want) {
			t.Errorf("inputs/%s is not what the generator writes; run go run ./cmd/demogen", name)
		}
		// The workforce snapshots are 6,400 rows of twenty columns; the
		// monitoring files are to stay small.
		limit := 1_500_000
		if strings.HasPrefix(name, MonitoringDir) {
			limit = 1_000_000
		}
		if len(got) > limit {
			t.Errorf("%s is %d bytes, over %d", name, len(got), limit)
		}
	}
}

// Shares in the 2025 snapshot, counted with the labels as written. The
// targets are Leicestershire's 2012/13 profile (SPEC.md); the ranges allow
// for the model's chance.
func TestSnapshot2025Shares(t *testing.T) {
	rows := readXLSX(t, filepath.Join(fresh, "staff-2025-03-31.xlsx"))
	if len(rows) != 6425 {
		t.Fatalf("2025 has %d staff, want 6425", len(rows))
	}
	isSenior := func(r map[string]string) bool {
		g, _ := strconv.Atoi(strings.TrimPrefix(r["Pay Grade"], "Grade "))
		return g >= 13
	}
	senior := filter(rows, isSenior)
	women := filter(rows, func(r map[string]string) bool { return in(r["Gender"], "F", "Female", "Female ", "Woman") })
	is := func(column string, labels ...string) func(map[string]string) bool {
		return func(r map[string]string) bool { return in(r[column], labels...) }
	}
	ethnicMinority := is("Ethnic Origin", minorityLabels...)
	white := is("Ethnic Origin", whiteLabels...)
	disabled := is("Disability", "Yes", "Y")
	tests := []struct {
		name     string
		of       []map[string]string
		match    func(map[string]string) bool
		low, top float64 // percent
	}{
		{"female", rows, is("Gender", "F", "Female", "Female ", "Woman"), 72, 74},
		{"disabled", rows, disabled, 4.1, 5.1},
		{"not disabled", rows, is("Disability", "No", "N"), 68.6, 70.6},
		{"disability not declared", rows, is("Disability", "Prefer not to say", ""), 24.8, 26.8},
		{"ethnic minority", rows, ethnicMinority, 8.0, 9.2},
		{"White", rows, white, 76.9, 78.9},
		{"ethnicity not declared", rows, is("Ethnic Origin", "Prefer not to say", "Not stated", ""), 12.5, 14.5},
		{"LGB", rows, is("Sexual Orientation", "Gay man", "Gay woman/lesbian", "Bisexual", "Other"), 0.5, 1.0},
		{"heterosexual", rows, is("Sexual Orientation", "Heterosexual", "Heterosexual/Straight"), 27.7, 29.7},
		{"sexual orientation not declared", rows, is("Sexual Orientation", "Prefer not to say", "Not stated", ""), 69.5, 71.5},
		{"religion unknown", rows, is("Religion or Belief", ""), 58, 60},
		{"Christian", rows, is("Religion or Belief", "Christian", "Church of England", "Roman Catholic"), 18, 28},
		{"no religion", rows, is("Religion or Belief", "None", "No religion"), 8, 16},
		{"carer blank", rows, is("Carer", ""), 58, 62},
		{"gender identity differs", rows, is("Gender Same As At Birth", "No", "N"), 0.1, 1},
		{"Grade 13 and above", rows, isSenior, 4, 5},
		{"women in Grade 13+", senior, is("Gender", "F", "Female", "Female ", "Woman"), 49, 57},
		{"ethnic minority in Grade 13+", senior, ethnicMinority, 2, 8},
		{"disabled in Grade 13+", senior, disabled, 1, 5},
		{"part time", rows, func(r map[string]string) bool { return r["FTE"] != "1" }, 37, 43},
		{"women part time", women, func(r map[string]string) bool { return r["FTE"] != "1" }, 42, 54},
		{"not full pay relevant", rows, is("Full Pay Relevant", "No", "N"), 1, 3},
		{"paid a bonus", rows, func(r map[string]string) bool { return r["Bonus Paid"] != "0" }, 2, 4},
		{"permanent", rows, is("Contract Type", "Permanent"), 80, 92},
	}
	for _, tt := range tests {
		got := percent(filter(tt.of, tt.match), tt.of)
		if got < tt.low || got > tt.top {
			t.Errorf("%s: %.2f%%, want %.1f–%.1f%%", tt.name, got, tt.low, tt.top)
		}
	}
}

func TestSnapshot2025Values(t *testing.T) {
	rows := readXLSX(t, filepath.Join(fresh, "staff-2025-03-31.xlsx"))
	date := snapshotDate(2025)
	var ages [4]int // 16–24, 25–64, 65–70, outside 16–70
	mothers, womenOfAge := 0, 0
	for _, r := range rows {
		dob := serialDate(t, r["Date of Birth"])
		age := (&Person{DateOfBirth: dob}).ageAt(date)
		switch {
		case age < 16 || age > 70:
			ages[3]++
		case age < 25:
			ages[0]++
		case age < 65:
			ages[1]++
		default:
			ages[2]++
		}
		if in(r["Gender"], "F", "Female", "Female ", "Woman") && age >= 20 && age <= 45 {
			womenOfAge++
			if in(r["Maternity Leave"], "Yes", "Y") {
				mothers++
			}
		}
		fte, err1 := strconv.ParseFloat(r["FTE"], 64)
		hours, err2 := strconv.ParseFloat(r["Contracted Hours"], 64)
		if err1 != nil || err2 != nil || fte < 0.2 || fte > 1 || math.Abs(hours-fte*37) > 0.005 {
			t.Errorf("%s: FTE %q and hours %q do not agree", r["Employee Number"], r["FTE"], r["Contracted Hours"])
		}
		if !serialDate(t, r["Start Date"]).Before(date.AddDate(0, 0, 1)) {
			t.Errorf("%s starts after the snapshot", r["Employee Number"])
		}
	}
	if ages[3] != 0 {
		t.Errorf("%d staff outside ages 16–70", ages[3])
	}
	if share := 100 * float64(ages[1]) / float64(len(rows)); share < 80 {
		t.Errorf("%.1f%% aged 25–64, want most (80%%+)", share)
	}
	if share := 100 * float64(mothers) / float64(womenOfAge); share < 0.5 || share > 2.5 {
		t.Errorf("%.2f%% of women aged 20–45 on maternity leave, want about 1.5%%", share)
	}
	// Salaries are the 2024/25 spine points of the person's grade.
	for _, r := range rows {
		grade, _ := strconv.Atoi(strings.TrimPrefix(r["Pay Grade"], "Grade "))
		pay, _ := strconv.Atoi(r["FTE Annual Salary"])
		if grade < 1 || grade > 18 || !slices.Contains(spine[grade], pay) {
			t.Fatalf("%s: %q on %q is not a spine point of the grade", r["Employee Number"], r["FTE Annual Salary"], r["Pay Grade"])
		}
	}
}

func TestUnmappableLabelsPerYear(t *testing.T) {
	odd := []string{"BME", "BAME", "European", "X", "U", "Pastafarian", "Spiritual but not religious", "Diabetes", "Long Covid", "Dyslexia", "Questioning"}
	tests := []struct {
		name string
		want int
	}{
		{"staff-2021-03-31.xlsx", 5},
		{"staff-2022-03-31.xlsx", 6},
		{"staff-2023-03-31.xlsx", 4},
		{"staff-2024-03-31.csv", 7},
		{"staff-2025-03-31.xlsx", 7},
	}
	for _, tt := range tests {
		var rows []map[string]string
		if strings.HasSuffix(tt.name, ".csv") {
			rows = readCSV(t, filepath.Join(fresh, tt.name))
		} else {
			rows = readXLSX(t, filepath.Join(fresh, tt.name))
		}
		got := 0
		for _, r := range rows {
			for _, v := range r {
				if slices.Contains(odd, v) {
					got++
				}
			}
		}
		if got != tt.want {
			t.Errorf("%s: %d unmappable labels, want %d", tt.name, got, tt.want)
		}
	}
}

func TestPeoplePersist(t *testing.T) {
	ids := func(rows []map[string]string, column string) map[string]bool {
		out := make(map[string]bool, len(rows))
		for _, r := range rows {
			out[r[column]] = true
		}
		return out
	}
	before := ids(readCSV(t, filepath.Join(fresh, "staff-2024-03-31.csv")), "Person Ref")
	after := ids(readXLSX(t, filepath.Join(fresh, "staff-2025-03-31.xlsx")), "Employee Number")
	stayed := 0
	for id := range before {
		if after[id] {
			stayed++
		}
	}
	if share := 100 * float64(stayed) / float64(len(before)); share < 85 || share > 92 {
		t.Errorf("%.1f%% of 2024's staff are in 2025, want 85–92%% (9–11%% leave)", share)
	}
}

// The layouts that make ingest work: a header below title rows, a date
// of birth with no date format, a Windows-1252 CSV.
func TestLayouts(t *testing.T) {
	f, err := excelize.OpenFile(filepath.Join(fresh, "staff-2023-03-31.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheetName)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Shire County Council – establishment report" || rows[1][0] != "Run date: 03/04/2023" || len(rows[2]) != 0 || rows[3][0] != "Employee Number" {
		t.Errorf("2023 does not start with two title rows, a blank row and the header: %q", rows[:4])
	}

	for _, tt := range []struct {
		name   string
		format string // of the first date of birth, cell E2
	}{
		{"staff-2021-03-31.xlsx", "dd/mm/yyyy"},
		{"staff-2022-03-31.xlsx", ""},
		{"staff-2025-03-31.xlsx", "dd/mm/yyyy"},
	} {
		f, err := excelize.OpenFile(filepath.Join(fresh, tt.name))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if id, err := f.GetCellStyle(sheetName, "E2"); err == nil && id != 0 {
			style, err := f.GetStyle(id)
			if err == nil && style.CustomNumFmt != nil {
				got = *style.CustomNumFmt
			}
		}
		value, _ := f.GetCellValue(sheetName, "E2", excelize.Options{RawCellValue: true})
		f.Close()
		if got != tt.format {
			t.Errorf("%s: date of birth format %q, want %q", tt.name, got, tt.format)
		}
		if _, err := strconv.Atoi(value); err != nil {
			t.Errorf("%s: date of birth %q is not a serial number", tt.name, value)
		}
	}

	raw := readFile(t, filepath.Join(fresh, "staff-2024-03-31.csv"))
	header := `"Person Ref";"Grade Code";"Service";"Sex";"DOB";"Ethnicity";"Disabled";"Religion";"Sexual Orientation";"Marital Status";"Gender Identity Same";"On Maternity Leave";"Carer";"Contract";"FTE";"Weekly Hours";"Annual Salary";"Full Pay";"Bonus";"Start Date"` + "\r\n"
	if !bytes.HasPrefix(raw, []byte(header)) {
		t.Errorf("CSV header is %q", raw[:min(len(raw), len(header))])
	}
	if !bytes.Contains(raw, []byte(";\"\xa3")) {
		t.Error("CSV has no Windows-1252 pound sign")
	}
	if bytes.Contains(raw, []byte("\xc2\xa3")) {
		t.Error("CSV has a UTF-8 pound sign")
	}
	rows2024 := readCSV(t, filepath.Join(fresh, "staff-2024-03-31.csv"))
	first := rows2024[0]
	if _, err := time.Parse("02/01/2006", first["DOB"]); err != nil {
		t.Errorf("DOB %q is not day-first: %v", first["DOB"], err)
	}
	if !strings.HasPrefix(first["Annual Salary"], "£") || !strings.HasSuffix(first["Annual Salary"], ".00") {
		t.Errorf("Annual Salary %q is not written as pounds", first["Annual Salary"])
	}
}

func TestPounds(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "£0.00"},
		{100.5, "£100.50"},
		{999, "£999.00"},
		{1000, "£1,000.00"},
		{32076, "£32,076.00"},
		{115000, "£115,000.00"},
		{1234567.891, "£1,234,567.89"},
	}
	for _, tt := range tests {
		if got := Pounds(tt.in); got != tt.want {
			t.Errorf("Pounds(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readXLSX reads the Staff sheet as maps from header to raw cell value,
// the header being the row that starts "Employee Number".
func readXLSX(t *testing.T, path string) []map[string]string {
	t.Helper()
	return readSheet(t, path, sheetName, "Employee Number")
}

// sheets caches the sheets read, as reading a workbook takes a while and
// several tests read the same ones. The tests only read what they get.
var sheets sync.Map

// readSheet reads a sheet as maps from header to raw cell value, the header
// being the row that starts with firstHeader.
func readSheet(t *testing.T, path, sheet, firstHeader string) []map[string]string {
	t.Helper()
	key := path + "\x00" + sheet
	if rows, ok := sheets.Load(key); ok {
		return rows.([]map[string]string)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 0 && row[0] == firstHeader {
			out := records(row, rows[i+1:])
			sheets.Store(key, out)
			return out
		}
	}
	t.Fatalf("%s has no header row starting %q", path, firstHeader)
	return nil
}

// readUTF8CSV reads a comma-separated UTF-8 file, a byte order mark
// allowed, as maps from header to value.
func readUTF8CSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	raw := bytes.TrimPrefix(readFile(t, path), []byte("\xef\xbb\xbf"))
	lines, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return records(lines[0], lines[1:])
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	text, err := charmap.Windows1252.NewDecoder().Bytes(readFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for line := range strings.SplitSeq(strings.TrimSuffix(string(text), "\r\n"), "\r\n") {
		fields := strings.Split(line, ";")
		for i, f := range fields {
			fields[i] = strings.Trim(f, `"`)
		}
		lines = append(lines, fields)
	}
	return records(lines[0], lines[1:])
}

func records(header []string, rows [][]string) []map[string]string {
	out := make([]map[string]string, len(rows))
	for i, row := range rows {
		r := make(map[string]string, len(header))
		for j, h := range header {
			if j < len(row) {
				r[h] = row[j]
			} else {
				r[h] = ""
			}
		}
		out[i] = r
	}
	return out
}

func filter(rows []map[string]string, keep func(map[string]string) bool) []map[string]string {
	var out []map[string]string
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

func percent(part, whole []map[string]string) float64 {
	return 100 * float64(len(part)) / float64(len(whole))
}

func in(s string, set ...string) bool { return slices.Contains(set, s) }

func serialDate(t *testing.T, s string) time.Time {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("date %q is not a serial number", s)
	}
	return excelEpoch.AddDate(0, 0, n)
}
