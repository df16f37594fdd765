package pdf

import (
	"path/filepath"
	"testing"

	"github.com/equip-project/equip/internal/report/reporttest"
)

// BenchmarkWrite writes the fixture publication's PDF report. The tables it
// shows are aggregates, so their size does not grow with the workforce.
func BenchmarkWrite(b *testing.B) {
	pub := reporttest.Publication()
	path := filepath.Join(b.TempDir(), "report.pdf")
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(path, pub); err != nil {
			b.Fatal(err)
		}
	}
}
