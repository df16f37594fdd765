package peers

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sample is a small download in the government's layout (a subset of its
// columns, in its order), with a byte-order mark, multi-line SicCodes cells,
// the public-sector code 1, a SIC code that lost its leading zero, blank
// figures and a blank SicCodes cell.
const sample = "\uFEFFEmployerName,EmployerId,CompanyNumber,SicCodes,DiffMeanHourlyPercent,DiffMedianHourlyPercent,FemaleTopQuartile,EmployerSize,CurrentName,DueDate\r\n" +
	"Alpha Borough Council,1,,\"1,\n84110\",10.0,6.0,40.0,250 to 499,Alpha Borough Council,2022/03/31 00:00:00\r\n" +
	"Beta District Council,2,,84110,5.0,2.0,,500 to 999,Beta District Council,2022/03/31 00:00:00\r\n" +
	"\"Gamma Fire & Rescue Authority\",3,,\"84250,\n84110\",-1.5,0.0,55.0,250 to 499,,2022/03/31 00:00:00\r\n" +
	"Delta Ltd,4,01234567,\"1470,\n10910\",20.0,15.0,20.0,\"5000 to 19,999\",Delta Ltd,2022/04/05 00:00:00\r\n" +
	"Epsilon University,5,RC000001,85421,12.0,9.0,35.0,1000 to 4999,Epsilon University,2022/04/05 00:00:00\r\n" +
	"Zeta Trust,6,,,,3.0,50.0,250 to 499,Zeta Trust,2022/04/05 00:00:00\r\n" +
	"ETA COUNCIL,7,,84110,7.5,4.0,45.0,Not Provided,Eta City Council,2022/03/31 00:00:00\r\n"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func names(es []Employer) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestReadFilters(t *testing.T) {
	path := writeFile(t, "gpg.csv", sample)
	all := []string{"Alpha Borough Council", "Beta District Council", "Gamma Fire & Rescue Authority", "Delta Ltd", "Epsilon University", "Zeta Trust", "ETA COUNCIL"}
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"empty filter keeps everyone", Filter{}, all},
		{"blank entries are ignored", Filter{SIC: []string{" "}}, all},
		{"SIC in single and multi-line cells", Filter{SIC: []string{"84110"}},
			[]string{"Alpha Borough Council", "Beta District Council", "Gamma Fire & Rescue Authority", "ETA COUNCIL"}},
		{"SIC with the leading zero the file drops", Filter{SIC: []string{"01470"}}, []string{"Delta Ltd"}},
		{"public sector code 1", Filter{SIC: []string{"1"}}, []string{"Alpha Borough Council"}},
		{"any of several SIC codes", Filter{SIC: []string{"85421", "10910"}}, []string{"Delta Ltd", "Epsilon University"}},
		{"size, case-insensitive", Filter{Sizes: []string{"250 TO 499"}},
			[]string{"Alpha Borough Council", "Gamma Fire & Rescue Authority", "Zeta Trust"}},
		{"size without the comma, with 'employees'", Filter{Sizes: []string{"5000 to 19999 employees"}}, []string{"Delta Ltd"}},
		{"SIC and size together", Filter{SIC: []string{"84110"}, Sizes: []string{"250 to 499"}},
			[]string{"Alpha Borough Council", "Gamma Fire & Rescue Authority"}},
		{"names ignoring case and punctuation", Filter{Employers: []string{"GAMMA FIRE  RESCUE AUTHORITY.", "zeta-trust"}},
			[]string{"Gamma Fire & Rescue Authority", "Zeta Trust"}},
		{"current name", Filter{Employers: []string{"Eta City Council"}}, []string{"ETA COUNCIL"}},
		{"company number", Filter{Employers: []string{"01234567"}}, []string{"Delta Ltd"}},
		{"names and SIC together", Filter{SIC: []string{"84110"}, Employers: []string{"Delta Ltd", "Beta District Council"}},
			[]string{"Beta District Council"}},
		{"nothing matches", Filter{SIC: []string{"99999"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(path, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names(got), tc.want) {
				t.Errorf("got %q, want %q", names(got), tc.want)
			}
		})
	}
}

func TestReadFigures(t *testing.T) {
	path := writeFile(t, "gpg.csv", sample)
	got, err := Read(path, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	want := []struct {
		name, size, due string
		sic             []string
		mean, med, ftq  float64
	}{
		{"Alpha Borough Council", "250 to 499", "2022-03-31", []string{"1", "84110"}, 10, 6, 40},
		{"Beta District Council", "500 to 999", "2022-03-31", []string{"84110"}, 5, 2, nan},
		{"Gamma Fire & Rescue Authority", "250 to 499", "2022-03-31", []string{"84250", "84110"}, -1.5, 0, 55},
		{"Delta Ltd", "5000 to 19,999", "2022-04-05", []string{"1470", "10910"}, 20, 15, 20},
		{"Epsilon University", "1000 to 4999", "2022-04-05", []string{"85421"}, 12, 9, 35},
		{"Zeta Trust", "250 to 499", "2022-04-05", nil, nan, 3, 50},
		{"ETA COUNCIL", "Not Provided", "2022-03-31", []string{"84110"}, 7.5, 4, 45},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d employers, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Size != w.size || g.DueDate != w.due || !slices.Equal(g.SIC, w.sic) {
			t.Errorf("employer %d: got %q %q %q %q, want %q %q %q %q", i, g.Name, g.Size, g.DueDate, g.SIC, w.name, w.size, w.due, w.sic)
		}
		for _, f := range []struct {
			measure   string
			got, want float64
		}{{MeanGap, g.DiffMeanHourly, w.mean}, {MedianGap, g.DiffMedianHourly, w.med}, {FemaleTopQuartile, g.FemaleTopQuartile, w.ftq}} {
			if !sameFloat(f.got, f.want) {
				t.Errorf("%s %s: got %v, want %v", w.name, f.measure, f.got, f.want)
			}
		}
	}
	if got[3].CompanyNumber != "01234567" || got[6].CurrentName != "Eta City Council" {
		t.Errorf("company number %q, current name %q", got[3].CompanyNumber, got[6].CurrentName)
	}
}

func TestReadSpreadsheetHeaders(t *testing.T) {
	// A file re-saved from a spreadsheet with spaced headers, a semicolon
	// delimiter and a leading blank line still reads.
	content := "\nEmployer Name;Sic Codes;Diff Mean Hourly Percent;Diff Median Hourly Percent;Female Top Quartile;Employer Size\n" +
		"Alpha;84110;10.0%;6.0;40.0;250 to 499\n"
	got, err := Read(writeFile(t, "resaved.csv", content), Filter{SIC: []string{"84110"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].DiffMeanHourly != 10 || got[0].FemaleTopQuartile != 40 || got[0].DueDate != "" {
		t.Fatalf("got %+v", got)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
	}{
		{"missing column", "EmployerName,SicCodes,DiffMeanHourlyPercent,DiffMedianHourlyPercent,EmployerSize\nA,84110,1,2,250 to 499\n",
			[]string{"bad.csv", "no column FemaleTopQuartile"}},
		{"two missing columns", "EmployerName,DiffMeanHourlyPercent,DiffMedianHourlyPercent,FemaleTopQuartile\nA,1,2,3\n",
			[]string{"bad.csv", "no columns SicCodes, EmployerSize"}},
		{"empty file", "", []string{"bad.csv", "empty"}},
		{"figure not a number", "EmployerName,SicCodes,DiffMeanHourlyPercent,DiffMedianHourlyPercent,FemaleTopQuartile,EmployerSize\nA,84110,n/a,2,3,250 to 499\n",
			[]string{"bad.csv:2:DiffMeanHourlyPercent", `"n/a" is not a number`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(writeFile(t, "bad.csv", tc.content), Filter{})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	if _, err := Read(filepath.Join(t.TempDir(), "absent.csv"), Filter{}); err == nil || !strings.Contains(err.Error(), "absent.csv") {
		t.Errorf("absent file: got %v", err)
	}
}

func TestReadSkipsBadFiguresOutsideThePeerGroup(t *testing.T) {
	// Only the peers' figures are read, so a bad figure elsewhere does not stop the comparison.
	content := "EmployerName,SicCodes,DiffMeanHourlyPercent,DiffMedianHourlyPercent,FemaleTopQuartile,EmployerSize\n" +
		"A,84110,1,2,3,250 to 499\nB,85421,n/a,2,3,250 to 499\n"
	got, err := Read(writeFile(t, "gpg.csv", content), Filter{SIC: []string{"84110"}})
	if err != nil || len(got) != 1 || got[0].Name != "A" {
		t.Fatalf("got %v, %v", names(got), err)
	}
}

func TestExclude(t *testing.T) {
	es := []Employer{{Name: "Alpha Council"}, {Name: "BETA COUNCIL", CurrentName: "Beta City Council"}, {Name: "Gamma Ltd", CompanyNumber: "0123"}, {Name: "Delta"}}
	tests := []struct {
		names []string
		want  []string
	}{
		{nil, []string{"Alpha Council", "BETA COUNCIL", "Gamma Ltd", "Delta"}},
		{[]string{"alpha council"}, []string{"BETA COUNCIL", "Gamma Ltd", "Delta"}},
		{[]string{"Beta City Council", "0123"}, []string{"Alpha Council", "Delta"}},
	}
	for _, tc := range tests {
		if got := names(Exclude(es, tc.names)); !slices.Equal(got, tc.want) {
			t.Errorf("Exclude(%q): got %q, want %q", tc.names, got, tc.want)
		}
	}
}

func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-9
}
