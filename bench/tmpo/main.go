package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/warehouse"
)

func main() {
	path := os.Args[1]
	mapper, _ := harmonise.NewMapper(nil)
	snap := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	var log quality.Log
	ro := ingest.ReadOptions{Path: path, File: ingest.Options{Sheet: "Staff"}, Aliases: ingest.NewAliases(nil), Mapper: mapper, Snapshot: snap, Key: []byte("k"), Log: &log}
	if path[len(path)-1] == 'v' {
		ro.File = ingest.Options{Encoding: "windows-1252", Delimiter: ";"}
	}
	ctx := context.Background()
	db := "/tmp/benchdata/ov.duckdb"
	os.Remove(db)
	t := time.Now()
	w, err := warehouse.Open(ctx, db)
	if err != nil { panic(err) }
	w.Begin(ctx)
	sum, err := w.Load(ctx, warehouse.Snapshot{Date: snap, Source: "x", SHA256: "x", SettingsHash: "y"}, func(emit func(*ingest.Record) error) (ingest.Summary, error) {
		return ingest.ReadWorkforce(ro, emit)
	}, log.Problems)
	fmt.Printf("load %d %v %.2fs\n", sum.Rows, err, time.Since(t).Seconds())
	w.Commit(ctx)
	w.Close()
	fmt.Printf("load+commit %.2fs\n", time.Since(t).Seconds())
}
