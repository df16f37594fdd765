package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/warehouse"
)

func main() {
	path := os.Args[1]
	mode := os.Args[2]
	f, _ := os.Create(os.Args[3])
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	mapper, _ := harmonise.NewMapper(nil)
	snap := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	var log quality.Log
	ro := ingest.ReadOptions{Path: path, File: ingest.Options{Sheet: "Staff", Encoding: "windows-1252", Delimiter: ";"},
		Aliases: ingest.NewAliases(map[string][]string{"fte_annual_salary": {"Annual Salary"}}), Mapper: mapper, Snapshot: snap, Key: []byte("k"), Log: &log}
	if path[len(path)-1] == 'x' {
		ro.File = ingest.Options{Sheet: "Staff"}
	}
	t := time.Now()
	switch mode {
	case "rows":
		r, err := ingest.Open(path, ro.File)
		if err != nil { panic(err) }
		n := 0
		for {
			_, _, err := r.Next()
			if err != nil { break }
			n++
		}
		fmt.Println("rows", n, time.Since(t))
	case "read":
		n := 0
		sum, err := ingest.ReadWorkforce(ro, func(*ingest.Record) error { n++; return nil })
		fmt.Println("read", n, sum.Rows, err, time.Since(t))
	case "load":
		ctx := context.Background()
		os.Remove("/tmp/benchdata/p.duckdb")
		w, err := warehouse.Open(ctx, "/tmp/benchdata/p.duckdb")
		if err != nil { panic(err) }
		w.Begin(ctx)
		sum, err := w.Load(ctx, warehouse.Snapshot{Date: snap, Source: "x", SHA256: "x", SettingsHash: "y"}, func(emit func(*ingest.Record) error) (ingest.Summary, error) {
			return ingest.ReadWorkforce(ro, emit)
		}, log.Problems)
		fmt.Println("load", sum.Rows, err, time.Since(t))
		if os.Getenv("FREE") != "" { debug.FreeOSMemory() }
		if len(os.Args) > 4 && os.Args[4] == "commit-first" {
			w.Commit(ctx)
			fmt.Println("commit", time.Since(t))
		}
		if len(os.Args) > 4 {
			var order []string
			for i := 1; i <= 18; i++ { order = append(order, fmt.Sprintf("Grade %d", i)) }
			s := metrics.Settings{AsOf: snap, GradeOrder: order, SeniorFrom: "Grade 13", AgeBands: harmonise.DefaultAgeBands,
				Population: []metrics.Population{{Characteristic: "sex", Category: "Female", Percent: 51}, {Characteristic: "sex", Category: "Male", Percent: 49}}}
			t2 := time.Now()
			if _, err := metrics.Compute(ctx, w.Conn(), s); err != nil { panic(err) }
			fmt.Println("metrics", time.Since(t2))
		}
		w.Commit(ctx)
		w.Close()
		fmt.Println("commit", time.Since(t))
	}
}
