package gen

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/equip-project/equip/internal/demo"
	"github.com/equip-project/equip/internal/harmonise"
)

var (
	poolOnce sync.Once
	pool     *Pool
	poolErr  error
)

// testPool builds the template pool once per test binary (it runs the demo
// generator, a few seconds).
func testPool(t *testing.T) *Pool {
	t.Helper()
	if testing.Short() {
		t.Skip("the template pool runs the demo generator; skipped in -short mode")
	}
	poolOnce.Do(func() { pool, poolErr = Templates() })
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	return pool
}

func TestTemplates(t *testing.T) {
	p := testPool(t)
	// The demo's four XLSX snapshots hold 6,300 + 6,330 + 6,360 + 6,425 staff.
	if p.Size() != 25415 {
		t.Errorf("pool of %d rows, want 25,415", p.Size())
	}
	if len(p.Header) != 20 || p.Header[0] != "Employee Number" || p.Header[19] != "Start Date" {
		t.Errorf("header %q; want the demo's 20 XLSX columns", p.Header)
	}
}

func TestWriteIsDeterministicAndReadable(t *testing.T) {
	p := testPool(t)
	a, b := t.TempDir(), t.TempDir()
	ea, err := p.Write(a, 500, 7)
	if err != nil {
		t.Fatal(err)
	}
	eb, err := p.Write(b, 500, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{ea.XLSX, eb.XLSX}, {ea.CSV, eb.CSV}} {
		x, _ := os.ReadFile(pair[0])
		y, _ := os.ReadFile(pair[1])
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two writes with one seed differ (%d and %d bytes)", filepath.Base(pair[0]), len(x), len(y))
		}
	}

	f, err := excelize.OpenFile(ea.XLSX)
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetName}) {
		t.Errorf("sheets %q, want [%q]", got, SheetName)
	}
	rows, err := f.GetRows(SheetName, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 501 || !slices.Equal(rows[0], p.Header) {
		t.Fatalf("%d rows with header %q; want 501 with the pool's header", len(rows), rows[0])
	}
	ids := map[string]bool{}
	for _, r := range rows[1:] {
		if ids[r[0]] {
			t.Fatalf("employee number %s appears twice", r[0])
		}
		ids[r[0]] = true
	}
	// Dates are styled cells holding serial numbers; money has two decimals shown.
	style, _ := f.GetCellStyle(SheetName, "T2")
	if style != dateStyle {
		t.Errorf("start date style %d, want %d (dd/mm/yyyy)", style, dateStyle)
	}

	raw, err := os.ReadFile(ea.CSV)
	if err != nil {
		t.Fatal(err)
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 501 {
		t.Fatalf("CSV has %d records, want 501", len(recs))
	}
	// The same people in both files, in the same order.
	for i := 1; i <= 500; i++ {
		if recs[i][0] != rows[i][0] || recs[i][1] != rows[i][1] {
			t.Fatalf("row %d: CSV %q/%q, XLSX %q/%q", i, recs[i][0], recs[i][1], rows[i][0], rows[i][1])
		}
	}
}

func TestPounds(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{{0, "£0.00"}, {999, "£999.00"}, {32076, "£32,076.00"}, {1234567.5, "£1,234,567.50"}}
	for _, c := range cases {
		if got := demo.Pounds(c.v); got != c.want {
			t.Errorf("Pounds(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestSpec(t *testing.T) {
	p := testPool(t)
	s, err := p.Spec(harmonise.DefaultAgeBands)
	if err != nil {
		t.Fatal(err)
	}
	if s.GradeColumn != "Pay Grade" || s.DOBColumn != "Date of Birth" || len(s.Inputs) != 9 || len(s.Derived) != 3 || len(s.Order) != 13 {
		t.Fatalf("spec: grade %q, dob %q, %d inputs, %d derived, %d in order; want Pay Grade, Date of Birth, 9, 3, 13",
			s.GradeColumn, s.DOBColumn, len(s.Inputs), len(s.Derived), len(s.Order))
	}
	labels := map[string]map[string]string{}
	for _, in := range s.Inputs {
		labels[in.Characteristic] = in.Labels
	}
	// Spellings from both HR systems, the oddities and blanks, as equip maps them.
	for _, c := range []struct{ char, label, want string }{
		{"sex", "F", "Female"}, {"sex", "X", "Not known"}, {"ethnicity", "White - British", harmonise.WhiteBritish},
		{"ethnicity", "BME", "Not known"}, {"religion", "None", "No religion"}, {"disability", "", "Not known"},
	} {
		if got := labels[c.char][c.label]; got != c.want {
			t.Errorf("%s %q maps to %q, want %q", c.char, c.label, got, c.want)
		}
	}
	want := []SpecBand{{16, 25, "16-24"}, {25, 35, "25-34"}, {35, 45, "35-44"}, {45, 55, "45-54"}, {55, 65, "55-64"}, {65, 200, "65+"}}
	if !slices.Equal(s.AgeBands, want) {
		t.Errorf("age bands %v, want %v", s.AgeBands, want)
	}
}
