package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/warehouse"
)

func main() {
	ctx := context.Background()
	w, err := warehouse.Open(ctx, os.Args[1])
	if err != nil { panic(err) }
	defer w.Close()
	for _, q := range os.Args[2:] {
		if _, err := w.Conn().ExecContext(ctx, q); err != nil { panic(err) }
	}
	var order []string
	for i := 1; i <= 18; i++ { order = append(order, fmt.Sprintf("Grade %d", i)) }
	t := time.Now()
	s := metrics.Settings{AsOf: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), GradeOrder: order, SeniorFrom: "Grade 13", AgeBands: harmonise.DefaultAgeBands}
	if _, err := metrics.Compute(ctx, w.Conn(), s); err != nil { panic(err) }
	fmt.Println("compute", time.Since(t))
	for _, e := range catalog.All {
		t := time.Now()
		tb, err := metrics.Query(ctx, w.Conn(), e)
		if err != nil { fmt.Println(e.Name, err); continue }
		fmt.Printf("%-28s %6d rows %8.2fs\n", e.Name, len(tb.Rows), time.Since(t).Seconds())
	}
}
