package png

import (
	"testing"

	"github.com/equip-project/equip/internal/report/reporttest"
)

// BenchmarkWrite renders every chart of the fixture publication to PNG.
func BenchmarkWrite(b *testing.B) {
	charts := reporttest.Publication().Charts
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		paths, err := Write(dir, charts)
		if err != nil {
			b.Fatal(err)
		}
		if len(paths) != len(charts) {
			b.Fatalf("wrote %d charts of %d", len(paths), len(charts))
		}
	}
}
