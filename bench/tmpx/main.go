package main

import (
	"fmt"
	"os"
	"time"

	"github.com/equip-project/equip/internal/demo"
)

func main() {
	t := time.Now()
	y := demo.Simulate(demo.DefaultSeed)
	fmt.Println("simulate", len(y), time.Since(t))
	t = time.Now()
	d, _ := os.MkdirTemp("", "x")
	demo.Generate(d, demo.DefaultSeed)
	fmt.Println("generate", time.Since(t))
}
