package peers

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/equip-project/equip/internal/testutil"
)

// realFile finds a file of the shared real sample data beside the
// repository, skipping the test when it is not there.
func realFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(testutil.RealData(t), name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real sample data not present: %v", err)
	}
	return path
}

// The expected numbers were derived independently with Python's csv module
// and statistics.median:
//
//	rows = list(csv.DictReader(open(FILE, encoding='utf-8-sig', newline='')))
//	m = [r for r in rows if '84110' in [c.strip() for c in re.split(r'[,\n]', r['SicCodes'])]]
//	len(m); statistics.median(float(r['DiffMeanHourlyPercent']) for r in m)
//	m2 = [r for r in m if r['EmployerSize'] == '1000 to 4999']
//	len(m2); statistics.median(float(r['DiffMedianHourlyPercent']) for r in m2)
//	sum(1 for r in m (or m2) if not r['FemaleTopQuartile'].strip())
//
// (no employer with SIC 84110 leaves either gap blank in these files).
func TestRealFiles(t *testing.T) {
	tests := []struct {
		file              string
		filter            Filter
		count             int
		measure           string
		median            float64
		blankFemaleTopQtr int
	}{
		{"uk_gender_pay_gap_2021_22.csv", Filter{SIC: []string{"84110"}}, 408, MeanGap, 5.6, 3},
		{"uk_gender_pay_gap_2019_20.csv", Filter{SIC: []string{"84110"}}, 358, MeanGap, 6.3, 0},
		// 150 is even: the median is the mean of the two middle values.
		{"uk_gender_pay_gap_2021_22.csv", Filter{SIC: []string{"84110"}, Sizes: []string{"1000 to 4999"}}, 150, MedianGap, 4.2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			got, err := Read(realFile(t, tc.file), tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.count {
				t.Errorf("%d employers, want %d", len(got), tc.count)
			}
			blank := 0
			for _, e := range got {
				if math.IsNaN(e.FemaleTopQuartile) {
					blank++
				}
			}
			if blank != tc.blankFemaleTopQtr {
				t.Errorf("%d blank FemaleTopQuartile, want %d", blank, tc.blankFemaleTopQtr)
			}
			for _, p := range Compare(nil, got) {
				if p.Measure == tc.measure && (!sameFloat(p.PeerMedian, tc.median) || p.PeerCount != tc.count) {
					t.Errorf("%s: peer median %v of %d, want %v of %d", p.Measure, p.PeerMedian, p.PeerCount, tc.median, tc.count)
				}
			}
		})
	}
}

// Leicestershire County Council's 2021/22 row reads "1,\n84110", 10.0, 6.0,
// 68.0, "5000 to 19,999", due 2022/03/31. Among the 408 SIC 84110 employers
// (itself included), Python counts 304 mean gaps below 10.0 and 4 equal:
// (304 + 4/2) / 408 × 100 = 75.0.
func TestRealFileNamedEmployer(t *testing.T) {
	path := realFile(t, "uk_gender_pay_gap_2021_22.csv")
	got, err := Read(path, Filter{Employers: []string{"LEICESTERSHIRE COUNTY COUNCIL"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %q", names(got))
	}
	e := got[0]
	if e.DiffMeanHourly != 10 || e.DiffMedianHourly != 6 || e.FemaleTopQuartile != 68 || e.Size != "5000 to 19,999" ||
		!slices.Equal(e.SIC, []string{"1", "84110"}) || e.DueDate != "2022-03-31" {
		t.Errorf("got %+v", e)
	}
	peers, err := Read(path, Filter{SIC: []string{"84110"}})
	if err != nil {
		t.Fatal(err)
	}
	pos := Compare(map[string]float64{MeanGap: e.DiffMeanHourly}, peers)
	if !sameFloat(pos[0].Percentile, 75) || pos[0].PeerCount != 408 {
		t.Errorf("percentile %v among %d, want 75 among 408", pos[0].Percentile, pos[0].PeerCount)
	}
	if n := len(Exclude(peers, []string{"Leicestershire County Council"})); n != 407 {
		t.Errorf("%d peers without the council, want 407", n)
	}
}
