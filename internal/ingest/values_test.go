package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in    string
		order DateOrder
		want  time.Time
	}{
		{"45747", DayFirst, d(2025, 3, 31)},    // Excel serial
		{"27394.0", DayFirst, d(1974, 12, 31)}, // serial with a fraction
		{"60", DayFirst, d(1900, 2, 28)},       // Excel's serial 60 is its phantom 29 Feb; 59 + 1
		{"61", DayFirst, d(1900, 3, 1)},        // after the phantom day
		{"2025-03-31", DayFirst, d(2025, 3, 31)},
		{"31/03/1975", DayFirst, d(1975, 3, 31)},
		{"07/10/83", DayFirst, d(1983, 10, 7)},
		{"07/10/83", MonthFirst, d(1983, 7, 10)},
		{"3/31/2020 0:00", DayFirst, d(2020, 3, 31)}, // 31 cannot be a month: month-first whatever the order
		{"31.03.2025", DayFirst, d(2025, 3, 31)},
		{"2 Jan 2006", DayFirst, d(2006, 1, 2)},
		{"02-Jan-2006", DayFirst, d(2006, 1, 2)},
		{"01/02/19", DayFirst, d(2019, 2, 1)},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in, c.order, 2025)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "31/02/2020", "13/13/2020", "0", "1e5", "2025-13-01"} {
		if got, err := ParseDate(bad, DayFirst, 2025); err == nil {
			t.Errorf("ParseDate(%q) = %v; want an error", bad, got)
		}
	}
}

func TestParseMoney(t *testing.T) {
	cases := map[string]float64{"£32,076.00": 32076, `71,296.74`: 71296.74, "$69222.18": 69222.18, "(120.00)": -120, " 12 500 ": 12500, "-5": -5, "GBP 10": 10}
	for in, want := range cases {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "n/a", "12,5x", "NaN", "Inf", "1e400"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q): want an error", bad)
		}
	}
}

func TestDetectDelimiter(t *testing.T) {
	cases := map[string]rune{
		"a,b,c\n1,2,3\n":                    ',',
		"a;b;c\n1;2,5;3\n4;5,5;6\n":         ';',
		"a\tb\tc\n1\t2\t3\n":                '\t',
		`"x,y";b` + "\n" + `"1,2";3` + "\n": ';',
	}
	for in, want := range cases {
		if got := detectDelimiter([]byte(in)); got != want {
			t.Errorf("detectDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMapHeaders(t *testing.T) {
	a := NewAliases(map[string][]string{"grade": {"Pay Band"}})
	m, err := MapHeaders([]string{"Employee Number", "Pay Band", "Gender ", "Ethnic Origin", "DOB", "Notes", "Department_Name"}, a)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Field]int{EmployeeID: 0, Grade: 1, Sex: 2, Ethnicity: 3, DateOfBirth: 4, Department: 6}
	for f, i := range want {
		if m.Index[f] != i {
			t.Errorf("%s at column %d, want %d", f, m.Index[f], i)
		}
	}
	if _, err := MapHeaders([]string{"Gender", "gender"}, a); err == nil {
		t.Error("two columns with one header: want an error")
	}
	// Two headers for one field keep the better-ranked one and say so.
	m, _ = MapHeaders([]string{"Salary", "Annual Salary"}, a)
	if m.Index[AnnualSalary] != 1 || len(m.Notes) != 1 {
		t.Errorf("annual_salary at %d with notes %v; want column 1 and one note", m.Index[AnnualSalary], m.Notes)
	}
	if got := NearestHeader(EmployeeID, []string{"Pay Grade", "Staff Ref", "Gender"}, a); got != "Staff Ref" {
		t.Errorf("NearestHeader = %q", got)
	}
}

// FuzzDateParts checks the allocation-free date splitter against
// strings.FieldsFunc, which it replaced.
func FuzzDateParts(f *testing.F) {
	for _, s := range []string{"31/03/2025", "2025-03-31", "31.03.2025", "31//03/2025", "/31/03/2025/", "1/2", "1/2/3/4", "", "---", "31/03/2025 0:00", "+31/03/25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
		got, ok := dateParts(s)
		if ok != (len(want) == 3) {
			t.Fatalf("dateParts(%q) ok=%v, FieldsFunc gives %q", s, ok, want)
		}
		if ok && (got[0] != want[0] || got[1] != want[1] || got[2] != want[2]) {
			t.Fatalf("dateParts(%q) = %q, FieldsFunc gives %q", s, got, want)
		}
	})
}
