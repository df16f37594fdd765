package metrics_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/warehouse"
	"github.com/equip-project/equip/queries"
)

// benchStaff is the size of each of the benchmark's two snapshots.
const benchStaff = 50000

// benchWarehouse loads two snapshots of benchStaff synthetic staff, spread
// over every category and eighteen grades, with pay, into a warehouse in
// memory, and computes once so the run's helper tables are in place.
func benchWarehouse(b *testing.B) (*warehouse.Warehouse, metrics.Settings) {
	b.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { w.Close() })
	cats := map[harmonise.Characteristic][]string{}
	for _, c := range harmonise.Input {
		cats[c] = harmonise.ValidCategories(c)
	}
	var grades []string
	for g := 1; g <= 18; g++ {
		grades = append(grades, fmt.Sprintf("Grade %d", g))
	}
	for year := 2024; year <= 2025; year++ {
		date := time.Date(year, 3, 31, 0, 0, 0, 0, time.UTC)
		_, err := w.Load(ctx, warehouse.Snapshot{Date: date, Source: "bench", SHA256: date.String(), SettingsHash: "x"},
			func(emit func(*ingest.Record) error) (ingest.Summary, error) {
				for i := range benchStaff {
					r := &ingest.Record{Row: i + 2, PersonKey: fmt.Sprintf("p%07d", i), Grade: grades[(i*7)%len(grades)], Age: 17 + (i*13)%52,
						FTE: 1, WeeklyHours: 37, HourlyPay: 12 + float64((i*37)%2000)/40, OrdinaryPay: math.NaN(), AnnualSalary: math.NaN(),
						FTESalary: math.NaN(), BonusPay: float64(i % 3 * 100)}
					for c, list := range cats {
						r.Chars.Set(c, list[(i*31+len(c)*year)%len(list)])
					}
					if err := emit(r); err != nil {
						return ingest.Summary{}, err
					}
				}
				return ingest.Summary{Rows: benchStaff}, nil
			}, func() []quality.Problem { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	s := metrics.Settings{AsOf: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), GradeOrder: grades, SeniorFrom: "Grade 13",
		AgeBands:   harmonise.DefaultAgeBands,
		Population: []metrics.Population{{Characteristic: "sex", Category: "Female", Percent: 51}, {Characteristic: "sex", Category: "Male", Percent: 49}},
	}
	if _, err := metrics.Compute(ctx, w.Conn(), s); err != nil {
		b.Fatal(err)
	}
	return w, s
}

// BenchmarkCompute computes every table of two snapshots of 50,000 staff.
func BenchmarkCompute(b *testing.B) {
	w, s := benchWarehouse(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := metrics.Compute(context.Background(), w.Conn(), s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuery runs each table's query on its own, on two snapshots of
// 50,000 staff.
func BenchmarkQuery(b *testing.B) {
	w, _ := benchWarehouse(b)
	for _, e := range catalog.All {
		if _, err := queries.FS.ReadFile(e.Name + ".sql"); err != nil {
			continue // built in Go from other tables (targets)
		}
		b.Run(e.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := metrics.Query(context.Background(), w.Conn(), e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
