package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"github.com/equip-project/equip/internal/xlsxread"
)

func main() {
	path := os.Args[1]
	f, _ := os.Create("/tmp/xr.prof")
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	for k := 0; k < 3; k++ {
	t := time.Now()
	r, err := xlsxread.Open(path, xlsxread.Options{})
	if err != nil { panic(err) }
	n, cells := 0, 0
	for {
		c, _, err := r.Next()
		if err == io.EOF { break }
		if err != nil { fmt.Println("ERR", err); break }
		n++; cells += len(c)
	}
	r.Close()
	fmt.Println("mine", n, cells, time.Since(t))
	}
}
