package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// bigCSV writes n data rows (file rows 2 to n+1) with an employee number,
// sex, grade and start date; change may rewrite row i's fields.
func bigCSV(n int, change func(i int, f []string) []string) []byte {
	var b strings.Builder
	b.WriteString("Employee Number,Gender,Pay Grade,Start Date\n")
	for i := 1; i <= n; i++ {
		f := []string{fmt.Sprintf("E%05d", i), []string{"F", "M"}[i%2], fmt.Sprintf("Grade %d", 1+i%5), "01/04/2020"}
		if change != nil {
			f = change(i, f)
		}
		b.WriteString(strings.Join(f, ",") + "\n")
	}
	return []byte(b.String())
}

// A file of many batches gives its records in file order, its counts, and
// its problems at the rows they belong to, as if read row by row.
func TestManyBatchesKeepFileOrder(t *testing.T) {
	const n = 5000 // about five batches
	data := bigCSV(n, func(i int, f []string) []string {
		switch {
		case i%1000 == 7: // 5 blank rows: 7, 1007, 2007, 3007, 4007
			return []string{"", "", "", ""}
		case i%1000 == 500: // 5 rows without an ID: 500 ... 4500
			f[0] = ""
		case i == 1234 || i == 4321: // an unmapped sex label, twice
			f[1] = "Zebra"
		case i == 3999: // a start date that is not a date
			f[3] = "someday"
		}
		return f
	})
	recs, problems, err := read(t, "big.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n-5-5 {
		t.Errorf("%d records, want %d (5 blank and 5 without an ID left out)", len(recs), n-10)
	}
	for i := 1; i < len(recs); i++ {
		if recs[i].Row <= recs[i-1].Row {
			t.Fatalf("record %d is file row %d, after row %d: out of order", i, recs[i].Row, recs[i-1].Row)
		}
	}
	got := map[string][]int{}
	for _, p := range problems {
		got[p.Kind] = append(got[p.Kind], p.Row)
		if p.Kind == "unmapped label" && p.Count != 2 {
			t.Errorf("unmapped label counted %d times, want 2: %s", p.Count, p)
		}
	}
	want := map[string][]int{
		"missing employee ID": {501, 1501, 2501, 3501, 4501}, // data row i is file row i+1
		"unmapped label":      {1235},                        // the first of the two
		"invalid date":        {4000},
	}
	for kind, rows := range want {
		if fmt.Sprint(got[kind]) != fmt.Sprint(rows) {
			t.Errorf("%s at rows %v, want %v", kind, got[kind], rows)
		}
	}
}

// A repeated ID is reported at its first repeat in file order, naming the
// row it repeats, however the rows were split between workers.
func TestRepeatedIDAcrossBatches(t *testing.T) {
	data := bigCSV(5000, func(i int, f []string) []string {
		switch i {
		case 4100: // repeats data row 10, found second
			f[0] = "E00010"
		case 3900: // repeats data row 3000, found first
			f[0] = "E03000"
		}
		return f
	})
	_, _, err := read(t, "big.csv", data)
	if !errors.Is(err, ErrInvalidData) || !strings.Contains(err.Error(), "big.csv:3901:Employee Number:") || !strings.Contains(err.Error(), "the same employee ID as row 3001") {
		t.Errorf("error %v; want the repeat at file row 3901 of row 3001", err)
	}
}
