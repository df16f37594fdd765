package main

import (
	"image"
	"image/png"
	"os"
	"strconv"

	"golang.org/x/image/draw"
)

func main() {
	f, _ := os.Open(os.Args[1])
	im, _ := png.Decode(f)
	a := func(i int) int { v, _ := strconv.Atoi(os.Args[i]); return v }
	r := image.Rect(a(3), a(4), a(5), a(6))
	out := image.NewRGBA(image.Rect(0, 0, r.Dx()*4, r.Dy()*4))
	draw.NearestNeighbor.Scale(out, out.Bounds(), im, r, draw.Src, nil)
	g, _ := os.Create(os.Args[2])
	png.Encode(g, out)
	g.Close()
}
