package ingest

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/quality"
)

// TestHourlyPay checks each way METRICS.md's "Hourly pay" is worked out,
// with the expected rates computed by hand (52.143 weeks a year, a 37-hour
// standard week).
func TestHourlyPay(t *testing.T) {
	csv := "Employee Number,Gender,Hourly Rate,Annual Salary,FTE Salary,Ordinary Pay,FTE,Weekly Hours\n" +
		"E1,F,£12.50,,,,,\n" + // given: 12.50
		"E2,F,,\"£15,000.00\",,,0.5,\n" + // 15,000 ÷ 52.143 ÷ (0.5 × 37) = 15.5498
		"E3,M,,30000,,,,\n" + // no hours or FTE: the standard week; 30,000 ÷ 52.143 ÷ 37 = 15.5498
		"E4,M,,,\"30,000\",,0.5,\n" + // a full-time salary: ÷ 52.143 ÷ 37 whatever the FTE = 15.5498
		"E5,M,,,,2000,,20\n" + // monthly pay: 2,000 × 12 ÷ 52.143 ÷ 20 = 23.0137
		"E6,F,,15000,,,,0\n" + // zero hours: no usable pay
		"E7,F,£0.50,,,,,\n" + // below a tenth of the minimum wage: left out, with a warning
		"E8,F,,,,,,\n" // no pay at all
	path := filepath.Join(t.TempDir(), "pay.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	mapper, _ := harmonise.NewMapper(nil)
	var log quality.Log
	got := map[string]float64{}
	i := 0
	ids := []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8"}
	_, err := ReadWorkforce(ReadOptions{Path: path, Aliases: NewAliases(map[string][]string{"fte_annual_salary": {"FTE Salary"}}), Mapper: mapper,
		Snapshot: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Key: []byte("k"), Log: &log, StandardWeeklyHours: 37, PayPeriod: "month"},
		func(r *Record) error { got[ids[i]] = r.HourlyPay; i++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"E1": 12.5, "E2": 15.5498, "E3": 15.5498, "E4": 15.5498, "E5": 23.0137}
	for id, w := range want {
		if math.Abs(got[id]-w) > 0.0001 {
			t.Errorf("%s: hourly pay %.4f, want %.4f", id, got[id], w)
		}
	}
	for _, id := range []string{"E6", "E7", "E8"} {
		if !math.IsNaN(got[id]) {
			t.Errorf("%s: hourly pay %v, want none", id, got[id])
		}
	}
	kinds := log.CountByKind()
	if kinds["impossible pay"] != 1 || kinds["no usable pay"] != 3 || kinds["pay coverage"] != 5 {
		t.Errorf("problems by kind %v; want 1 impossible pay, 3 rows with no usable pay, 5 with pay", kinds)
	}
}
