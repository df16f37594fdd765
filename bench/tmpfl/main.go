package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"time"
	"bytes"

	kflate "github.com/klauspost/compress/flate"
)

func main() {
	z, _ := zip.OpenReader(os.Args[1])
	for _, f := range z.File {
		if f.Name != "xl/worksheets/sheet1.xml" { continue }
		buf := make([]byte, 1<<20)
		for i := 0; i < 3; i++ {
			t := time.Now()
			r, _ := f.Open()
			n, lt := 0, 0
			for {
				k, err := r.Read(buf)
				n += k
				for _, b := range buf[:k] { if b == '<' { lt++ } }
				if err != nil { break }
			}
			fmt.Println("std", n, lt, time.Since(t))
			t = time.Now()
			raw, _ := f.OpenRaw()
			kr := kflate.NewReader(raw)
			n = 0
			for {
				k, err := kr.Read(buf)
				n += k
				if err != nil { break }
			}
			fmt.Println("klauspost", n, time.Since(t))
			t = time.Now()
			raw, _ = f.OpenRaw()
			kr = kflate.NewReader(raw)
			n = 0; lt = 0
			for {
				k, err := kr.Read(buf)
				n += k
				p := buf[:k]
				for { j := bytes.IndexByte(p, '<'); if j < 0 { break }; lt++; p = p[j+1:] }
				if err != nil { break }
			}
			fmt.Println("klauspost+indexbyte", n, lt, time.Since(t))
		}
		_ = io.EOF
	}
}
