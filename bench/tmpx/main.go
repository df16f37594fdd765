package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/equip-project/equip/bench/gen"
)

func main() {
	t := time.Now()
	p, err := gen.Templates()
	if err != nil { panic(err) }
	fmt.Println("templates", p.Size(), time.Since(t))
	for _, a := range os.Args[2:] {
		n, _ := strconv.Atoi(a)
		t = time.Now()
		e, err := p.Write(os.Args[1], n, 1)
		if err != nil { panic(err) }
		fmt.Println(e, time.Since(t))
	}
}
