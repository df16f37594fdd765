package warehouse_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/warehouse"
)

// benchRecords are n employees with the demo's spread of categories.
func benchRecords(n int) []*ingest.Record {
	cats := map[harmonise.Characteristic][]string{}
	for _, c := range harmonise.Input {
		cats[c] = harmonise.ValidCategories(c)
	}
	yes := true
	out := make([]*ingest.Record, n)
	for i := range out {
		r := &ingest.Record{Row: i + 2, PersonKey: fmt.Sprintf("%032x", i*7919), Grade: fmt.Sprintf("Grade %d", 1+i%18),
			Department: "Adults and Communities", ContractType: "Permanent", Age: 18 + i%50,
			FTE: 0.5 + float64(i%6)/10, WeeklyHours: math.NaN(), HourlyPay: 12.5 + float64(i%400)/10, OrdinaryPay: math.NaN(),
			AnnualSalary: math.NaN(), FTESalary: 24000 + float64(i%200)*100, BonusPay: math.NaN(), FullPayRelevant: &yes,
			StartDate: time.Date(2000+i%25, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)}
		for c, list := range cats {
			r.Chars.Set(c, list[(i*31+len(c))%len(list)])
		}
		out[i] = r
	}
	return out
}

// BenchmarkLoad appends 20,000 records to an in-memory warehouse in one
// transaction: the append stage of the ingest.
func BenchmarkLoad(b *testing.B) {
	const n = 20000
	records := benchRecords(n)
	ctx := context.Background()
	date := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		w, err := warehouse.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Begin(ctx); err != nil {
			b.Fatal(err)
		}
		sum, err := w.Load(ctx, warehouse.Snapshot{Date: date, Source: "bench", SHA256: "x", SettingsHash: "y"},
			func(emit func(*ingest.Record) error) (ingest.Summary, error) {
				for _, r := range records {
					if err := emit(r); err != nil {
						return ingest.Summary{}, err
					}
				}
				return ingest.Summary{Rows: n}, nil
			}, func() []quality.Problem { return nil })
		if err != nil || sum.Rows != n {
			b.Fatalf("load: %d rows, %v", sum.Rows, err)
		}
		if err := w.Commit(ctx); err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/row")
}
