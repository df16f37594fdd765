package xlsxread

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchWorkbook writes a workforce-like sheet of n rows as Excel saves one:
// shared strings for text, numbers and styled dates, twenty columns.
func benchWorkbook(b *testing.B, n int) (string, int64) {
	b.Helper()
	labels := []string{"Grade 7", "Adults and Communities", "Female", "White: English, Welsh, Scottish, Northern Irish or British",
		"Prefer not to say", "Christian", "Heterosexual/Straight", "Divorced", "Yes", "N", "Permanent", "Y"}
	sst := make([]string, 0, len(labels)+n)
	for _, l := range labels {
		sst = append(sst, "<si><t>"+l+"</t></si>")
	}
	var rows strings.Builder
	for r := 2; r <= n+1; r++ {
		fmt.Fprintf(&rows, `<row r="%d" spans="1:20">`, r)
		sst = append(sst, fmt.Sprintf("<si><t>E%07d</t></si>", r))
		fmt.Fprintf(&rows, `<c r="A%d" t="s"><v>%d</v></c>`, r, len(sst)-1)
		for c := 2; c <= 20; c++ {
			switch {
			case c == 5 || c == 20:
				fmt.Fprintf(&rows, `<c r="%s%d" s="1"><v>%d</v></c>`, colName(c), r, 20000+r%10000)
			case c >= 15 && c <= 17:
				fmt.Fprintf(&rows, `<c r="%s%d" s="2"><v>%d.%d</v></c>`, colName(c), r, 20000+r%5000, r%100)
			case c == 13 && r%3 == 0:
				// a blank cell, left out
			default:
				fmt.Fprintf(&rows, `<c r="%s%d" t="s"><v>%d</v></c>`, colName(c), r, (r+c)%len(labels))
			}
		}
		rows.WriteString(`</row>`)
	}
	dir := b.TempDir()
	path := writeWorkbook(b, dir, "bench.xlsx", [][2]string{{"Staff", rows.String()}}, sst, "")
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, info.Size()
}

// BenchmarkReader reads a 20,000-row, 20-column sheet.
func BenchmarkReader(b *testing.B) {
	path, size := benchWorkbook(b, 20000)
	b.SetBytes(size)
	for b.Loop() {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, _, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		r.Close()
		if n != 20001 {
			b.Fatalf("read %d rows, want 20001", n)
		}
	}
}

// BenchmarkExcelizeRows reads the same sheet with excelize's Rows
// iterator, the reader this package replaces on the hot path.
func BenchmarkExcelizeRows(b *testing.B) {
	path, size := benchWorkbook(b, 20000)
	b.SetBytes(size)
	for b.Loop() {
		f, err := excelize.OpenFile(filepath.Clean(path))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Staff")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != 20001 {
			b.Fatalf("read %d rows, want 20001", n)
		}
	}
}
