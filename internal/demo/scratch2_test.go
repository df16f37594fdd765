package demo

import (
	"fmt"
	"strings"
	"testing"
)

func TestScratch2(t *testing.T) {
	for seed := uint64(1); seed <= 12; seed++ {
		years := Simulate(seed)
		for _, yi := range []int{0, 4} {
			y := years[yi]
			var n, ns, f, fs, em, ems, d, ds int
			for _, p := range y.Staff {
				s := isSenior(p.Grade)
				n++
				if s {
					ns++
				}
				if p.Sex == "Female" {
					f++
					if s {
						fs++
					}
				}
				if p.Ethnicity != "Not known" && p.Ethnicity != "Prefer not to say" && !strings.HasPrefix(p.Ethnicity, "White") {
					em++
					if s {
						ems++
					}
				}
				if p.Disability == "Disabled" {
					d++
					if s {
						ds++
					}
				}
			}
			pc := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
			fmt.Printf("seed %2d y%d F %.1f/%.1f EM %.2f/%.1f D %.2f/%.1f\n", seed, yi, pc(f, n), pc(fs, ns), pc(em, n), pc(ems, ns), pc(d, n), pc(ds, ns))
		}
	}
}
