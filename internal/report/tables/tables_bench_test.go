package tables

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/report/reporttest"
)

// BenchmarkWriteAll writes the fixture publication's tables as CSV and Parquet.
func BenchmarkWriteAll(b *testing.B) {
	ts := reporttest.Publication().Tables
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		paths, err := WriteAll(context.Background(), dir, ts)
		if err != nil {
			b.Fatal(err)
		}
		if len(paths) != 2*len(ts) {
			b.Fatalf("wrote %d files for %d tables", len(paths), len(ts))
		}
	}
}

// BenchmarkWriteQuality writes a data-quality report of 10,000 problems.
func BenchmarkWriteQuality(b *testing.B) {
	problems := make([]quality.Problem, 10000)
	for i := range problems {
		problems[i] = quality.Problem{File: "staff.xlsx", Sheet: "Staff", Row: i + 2, Column: "Ethnic Origin", Kind: "unmapped label",
			Message: fmt.Sprintf("label %d is not a known ethnicity category", i)}
	}
	path := filepath.Join(b.TempDir(), "data-quality.csv")
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteQuality(path, problems); err != nil {
			b.Fatal(err)
		}
	}
}
