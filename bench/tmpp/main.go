package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/pipeline"
)

func main() {
	p, err := config.Load(os.Args[1])
	if err != nil { panic(err) }
	f, _ := os.Create(os.Args[4])
	pprof.StartCPUProfile(f)
	res, err := pipeline.Run(context.Background(), p, pipeline.Options{OutDir: os.Args[2], DBPath: os.Args[3]})
	pprof.StopCPUProfile()
	if err != nil { panic(err) }
	fmt.Printf("%+v\n", res.Manifest.Timings)
}
