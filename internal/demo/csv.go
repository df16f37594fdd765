package demo

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// csvDialect is how one system writes CSV.
type csvDialect struct {
	comma       byte
	windows1252 bool // else UTF-8
	bom         bool // a UTF-8 byte order mark first, as Excel's "CSV UTF-8" writes
	// quoteText quotes every non-blank field but numbers; otherwise a field
	// is quoted only when it must be (it holds the comma, a quote or a line
	// end).
	quoteText bool
	pounds    bool // money as "£32,076.00"; otherwise "32076.00"
}

var (
	// legacyCSV is the migrated HR system's own export: Windows-1252,
	// semicolons, text quoted, money in pounds.
	legacyCSV = csvDialect{comma: ';', windows1252: true, quoteText: true, pounds: true}
	// reportCSV is a report saved from Excel as "CSV UTF-8".
	reportCSV = csvDialect{comma: ',', bom: true}
	// plainCSV is a report module's plain comma CSV.
	plainCSV = csvDialect{comma: ','}
	// surveyCSV is a survey tool's download: UTF-8 with a byte order mark,
	// every answer quoted.
	surveyCSV = csvDialect{comma: ',', bom: true, quoteText: true}
)

// writeCSV writes a table in the dialect, with CRLF line ends, blanks left
// empty, numbers bare and UK day-first dates.
func writeCSV(path string, d csvDialect, header []string, rows [][]cell) error {
	var b strings.Builder
	if d.bom {
		b.WriteString("\uFEFF")
	}
	writeField := func(i int, f string, quotable bool) {
		if i > 0 {
			b.WriteByte(d.comma)
		}
		must := strings.ContainsAny(f, string(d.comma)+"\"\r\n")
		if f != "" && (must || quotable && d.quoteText) {
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
			writeField(i, d.text(c), c.kind != numberCell)
		}
		b.WriteString("\r\n")
	}
	out := b.String()
	if d.windows1252 {
		encoded, err := charmap.Windows1252.NewEncoder().String(out)
		if err != nil {
			return fmt.Errorf("encode as Windows-1252: %w", err)
		}
		out = encoded
	}
	return os.WriteFile(path, []byte(out), 0o644)
}

func (d csvDialect) text(c cell) string {
	switch c.kind {
	case dateCell, serialCell:
		return c.date.Format("02/01/2006")
	case moneyCell:
		if d.pounds {
			return Pounds(c.number)
		}
		return strconv.FormatFloat(c.number, 'f', 2, 64)
	case numberCell:
		return strconv.FormatFloat(c.number, 'f', c.decimals, 64)
	default:
		return c.text
	}
}

// Pounds writes an amount as the legacy HR system's CSV export does:
// "£32,076.00".
func Pounds(v float64) string {
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
