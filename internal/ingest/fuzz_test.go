package ingest

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// checkRead reads data as a workforce file: it must not panic, a failure
// must be a file-level input error (exit code 3), and every record must
// carry a pseudonymous key.
func checkRead(t *testing.T, name string, data []byte) {
	recs, _, err := read(t, name, data)
	if err != nil {
		if !inputError(err) {
			t.Fatalf("error %v is not an input error (it would exit 1, not 3)", err)
		}
		return
	}
	for _, r := range recs {
		if len(r.PersonKey) != 32 {
			t.Fatalf("row %d: person key %q", r.Row, r.PersonKey)
		}
	}
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"Employee Number,Gender,Pay Grade,Ethnic Origin,Date of Birth,FTE,Annual Salary\nE1,F,Grade 1,White - British,01/02/1980,1,\"£23,456.00\"\nE2,M,Grade 2,Indian,1975-03-31,0.5,12000\n",
		"Person Ref;Sex;DOB\n\"E1\";\"F\";\"31/02/1980\"\n",
		"employee_id\tsex\nE1\tF\nE1\tM\n",
		"", "\n\n\n", "Employee Number,Gender\n", "Employee Number,Gender\nE1,\"F\nE2,M\n", "Employee Number,Gender\nE1,F\"x\n",
		"\xff\xfeE\x00m\x00", "Employee Number,Gender\nE1,Caf\xe9\n", "a,b,c\n1,2,3\n", "Employee Number,Gender,Gender\nE1,F,F\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "staff-2025-03-31.csv", data)
	})
}

func FuzzXLSX(f *testing.F) {
	good := workbook(f, "Staff", append(staffRows, []any{"E3", "Female", "Grade 3", "Prefer not to say", 30000}), excelize.Options{})
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(lyingWorkbook(good))
	f.Add(workbook(f, "Staff", [][]any{{"Employee Number"}, {"E1"}}, excelize.Options{}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "staff-2025-03-31.xlsx", data)
	})
}
