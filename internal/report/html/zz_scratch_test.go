package html

import (
	"testing"

	"github.com/equip-project/equip/internal/report/reporttest"
)

func TestScratch(t *testing.T) {
	if err := Write("/tmp/dash/dashboard.html", reporttest.Publication()); err != nil {
		t.Fatal(err)
	}
}
