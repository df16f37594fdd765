package xlsx

import (
	"path/filepath"
	"testing"

	"github.com/equip-project/equip/internal/report/reporttest"
)

// BenchmarkWrite writes the fixture publication's workbook.
func BenchmarkWrite(b *testing.B) {
	pub := reporttest.Publication()
	path := filepath.Join(b.TempDir(), "workbook.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(path, pub); err != nil {
			b.Fatal(err)
		}
	}
}
