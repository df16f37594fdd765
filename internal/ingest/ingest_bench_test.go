package ingest_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
)

// demoInput finds a shipped demo input from the repository root, or skips.
func demoInput(b *testing.B, name string) string {
	b.Helper()
	dir, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			b.Skip("no go.mod above the package")
		}
		dir = parent
	}
	path := filepath.Join(dir, "inputs", "workforce", name)
	if _, err := os.Stat(path); err != nil {
		b.Skipf("demo input %s missing", name)
	}
	return path
}

// demoXLSX is the 2025 demo snapshot: 6,425 staff, 20 columns, inline strings.
const demoXLSX = "staff-2025-03-31.xlsx"

// demoCSV is the 2024 demo snapshot: Windows-1252, semicolons, 6,395 staff.
const demoCSV = "staff-2024-03-31.csv"

func benchRows(b *testing.B, path string, opts ingest.Options) {
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ReportAllocs()
	for b.Loop() {
		rows, err := ingest.Open(path, opts)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, _, err := rows.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n < 6000 {
			b.Fatalf("read %d rows", n)
		}
	}
}

// BenchmarkRowsXLSX reads the demo workbook's rows (the streaming reader).
func BenchmarkRowsXLSX(b *testing.B) {
	benchRows(b, demoInput(b, demoXLSX), ingest.Options{Sheet: "Staff"})
}

// BenchmarkRowsCSV reads the demo CSV's rows.
func BenchmarkRowsCSV(b *testing.B) {
	benchRows(b, demoInput(b, demoCSV), ingest.Options{Encoding: "windows-1252", Delimiter: ";"})
}

func benchReadWorkforce(b *testing.B, path string, opts ingest.Options) {
	mapper, err := harmonise.NewMapper(nil)
	if err != nil {
		b.Fatal(err)
	}
	aliases := ingest.NewAliases(map[string][]string{"fte_annual_salary": {"Annual Salary"}})
	b.ReportAllocs()
	for b.Loop() {
		var log quality.Log
		n := 0
		_, err := ingest.ReadWorkforce(ingest.ReadOptions{
			Path: path, File: opts, Aliases: aliases, Mapper: mapper, Key: []byte("benchmark key"), Log: &log,
			Snapshot: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC),
		}, func(*ingest.Record) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
		if n < 6000 {
			b.Fatalf("read %d records", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/6400, "ns/row")
}

// BenchmarkReadWorkforceXLSX reads, validates and harmonises the demo
// workbook into records: the ingest hot path without the warehouse.
func BenchmarkReadWorkforceXLSX(b *testing.B) {
	benchReadWorkforce(b, demoInput(b, demoXLSX), ingest.Options{Sheet: "Staff"})
}

// BenchmarkReadWorkforceCSV is BenchmarkReadWorkforceXLSX for the demo CSV.
func BenchmarkReadWorkforceCSV(b *testing.B) {
	benchReadWorkforce(b, demoInput(b, demoCSV), ingest.Options{Encoding: "windows-1252", Delimiter: ";"})
}
