package demo

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// writeCSV writes a snapshot as the migrated system's CSV export does:
// Windows-1252, semicolons, CRLF line ends, text quoted (blanks left
// empty), numbers bare, UK day-first dates and money as "£32,076.00".
func writeCSV(path string, header []string, rows [][]cell) error {
	var b strings.Builder
	writeField := func(i int, f string, quoted bool) {
		if i > 0 {
			b.WriteByte(';')
		}
		if quoted && f != "" {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(f, `"`, `""`))
			b.WriteByte('"')
		} else {
			b.WriteString(f)
		}
	}
	for i, h := range header {
		writeField(i, h, true)
	}
	b.WriteString("\r\n")
	for _, cells := range rows {
		for i, c := range cells {
			writeField(i, csvText(c), c.kind != numberCell)
		}
		b.WriteString("\r\n")
	}
	encoded, err := charmap.Windows1252.NewEncoder().String(b.String())
	if err != nil {
		return fmt.Errorf("encode as Windows-1252: %w", err)
	}
	return os.WriteFile(path, []byte(encoded), 0o644)
}

func csvText(c cell) string {
	switch c.kind {
	case dateCell, serialCell:
		return c.date.Format("02/01/2006")
	case moneyCell:
		return pounds(c.number)
	case numberCell:
		return strconv.FormatFloat(c.number, 'f', c.decimals, 64)
	default:
		return c.text
	}
}

// pounds writes an amount as "£32,076.00".
func pounds(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, pence, _ := strings.Cut(s, ".")
	var grouped strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			grouped.WriteByte(',')
		}
		grouped.WriteRune(d)
	}
	return "£" + grouped.String() + "." + pence
}
