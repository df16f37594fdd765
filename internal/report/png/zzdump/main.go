package main

import (
	"fmt"
	"os"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report/png"
	"github.com/equip-project/equip/internal/report/reporttest"
)

func main() {
	p := reporttest.Publication()
	cs := chart.Build(p.Tables, chart.Options{AsOf: "2025-03-31", SeniorFrom: "Grade 13", Characteristics: []string{"sex", "age_band", "ethnic_group", "ethnic_minority", "disability", "religion", "lgb"}, GradeOrder: []string{"Grade 1", "Grade 2", "Grade 13", "Grade 18"}})
	cs = append(cs, p.Charts...)
	for i := range cs[len(cs)-3:] {
		cs[len(cs)-3+i].ID = "fixture-" + cs[len(cs)-3+i].ID
	}
	paths, err := png.Write(os.Args[1], cs)
	fmt.Println(paths, err)
}
