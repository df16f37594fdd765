package demo

import (
	"testing"
	"time"
)

func TestExplore(t *testing.T) {
	t0 := time.Now()
	h := SimulateHistory(DefaultSeed)
	t.Logf("simulate %v", time.Since(t0))
	all := append(h.Years[3:], h.Quarters...)
	for i := 1; i < len(all); i++ {
		prev, y := all[i-1], all[i]
		head := map[int]int{}
		dh := map[int]int{}
		for _, p := range prev.Staff {
			head[ethnicClass(p.Ethnicity)]++
			dh[disabilityClass(p.Disability)]++
		}
		lv := map[int]int{}
		dl := map[int]int{}
		for _, p := range y.Leavers {
			lv[ethnicClass(p.Ethnicity)]++
			dl[disabilityClass(p.Disability)]++
		}
		jn := map[int]int{}
		for _, p := range y.Joiners {
			jn[ethnicClass(p.Ethnicity)]++
		}
		t.Logf("%s staff %d leavers %d joiners %d", y.Date.Format(time.DateOnly), len(y.Staff), len(y.Leavers), len(y.Joiners))
		t.Logf("   eth W %.4f EM %.4f  dis N %.4f D %.4f; joiners %v", float64(lv[0])/float64(head[0]), float64(lv[1])/float64(head[1]), float64(dl[0])/float64(dh[0]), float64(dl[1])/float64(dh[1]), jn)
	}
}
