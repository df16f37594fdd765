package html

import (
	"path/filepath"
	"testing"

	"github.com/equip-project/equip/internal/report/reporttest"
)

// BenchmarkWrite writes the fixture publication's dashboard. The tables it
// shows are aggregates, so their size does not grow with the workforce.
func BenchmarkWrite(b *testing.B) {
	pub := reporttest.Publication()
	path := filepath.Join(b.TempDir(), "dashboard.html")
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(path, pub); err != nil {
			b.Fatal(err)
		}
	}
}
