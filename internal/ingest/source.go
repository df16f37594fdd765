// Package ingest reads the files users supply — CSV in any common encoding
// and delimiter, and XLSX — finds the header row, maps the headers onto the
// canonical fields and turns each row into typed, harmonised values, noting
// every problem by file, sheet, row and column.
package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// ErrUnreadable marks a file that cannot be read at all (corrupt, wrong
// format, missing sheet): a file-level input error.
var ErrUnreadable = errors.New("unreadable input")

// Rows yields a file's rows as text cells, one row at a time.
type Rows interface {
	// Next returns the next row and its 1-based number in the file or sheet.
	// It returns io.EOF after the last row. A row-level read error (a CSV
	// row that cannot be parsed) is returned as a *RowError; reading may go on.
	Next() (cells []string, row int, err error)
	Close() error
	// Sheet is the sheet read ("" for CSV).
	Sheet() string
}

// RowError is a row that could not be read; the row is left out.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }

// Options say how to open a file.
type Options struct {
	Sheet     string // XLSX sheet; default the first
	Encoding  string // CSV encoding: utf-8, windows-1252, latin-1; default detected
	Delimiter string // CSV delimiter; default detected
}

// MaxXLSXUnzipSize bounds how far an XLSX may inflate (zip bombs).
const MaxXLSXUnzipSize = 2 << 30

// Open opens a CSV or XLSX file for reading rows.
func Open(path string, opts Options) (Rows, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return openXLSX(path, opts)
	case ".csv", ".txt", ".tsv":
		return openCSV(path, opts)
	case ".xls":
		return nil, fmt.Errorf("%s: %w: the old Excel 97–2003 format (.xls) is not read; save the sheet as .xlsx or .csv", path, ErrUnreadable)
	}
	return nil, fmt.Errorf("%s: %w: unknown file type %q; give a .csv or .xlsx file", path, ErrUnreadable, filepath.Ext(path))
}

type xlsxRows struct {
	f     *excelize.File
	rows  *excelize.Rows
	sheet string
	n     int
}

func openXLSX(path string, opts Options) (Rows, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: MaxXLSXUnzipSize, UnzipXMLSizeLimit: MaxXLSXUnzipSize})
	if err != nil {
		return nil, fmt.Errorf("%s: %w: not a readable XLSX workbook (%v); check the file is not corrupt, truncated or password-protected", path, ErrUnreadable, err)
	}
	sheets := f.GetSheetList()
	sheet := opts.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			f.Close()
			return nil, fmt.Errorf("%s: %w: the workbook has no sheets", path, ErrUnreadable)
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		f.Close()
		return nil, fmt.Errorf("%s:%s: %w: no such sheet; the workbook has %s", path, sheet, ErrUnreadable, quoteList(sheets))
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s:%s: %w: %v", path, sheet, ErrUnreadable, err)
	}
	return &xlsxRows{f: f, rows: rows, sheet: sheet}, nil
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func (x *xlsxRows) Next() ([]string, int, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, 0, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		return nil, 0, io.EOF
	}
	x.n++
	cells, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, x.n, &RowError{Row: x.n, Err: err}
	}
	return cells, x.n, nil
}

func (x *xlsxRows) Sheet() string { return x.sheet }

func (x *xlsxRows) Close() error {
	x.rows.Close()
	return x.f.Close()
}

type csvRows struct {
	file *os.File
	r    *csv.Reader
}

// sniffSize is how much of a CSV is read to detect its encoding and delimiter.
const sniffSize = 64 << 10

func openCSV(path string, opts Options) (Rows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrUnreadable, err)
	}
	br := bufio.NewReaderSize(f, sniffSize)
	head, _ := br.Peek(sniffSize)
	if bytes.IndexByte(head, 0) >= 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w: the file holds binary data, not comma-separated text; export the sheet as CSV or give the .xlsx", path, ErrUnreadable)
	}
	var r io.Reader = br
	enc := strings.ToLower(strings.ReplaceAll(opts.Encoding, "_", "-"))
	switch enc {
	case "":
		if !utf8.Valid(trimPartialRune(head)) {
			r = transform.NewReader(br, charmap.Windows1252.NewDecoder())
			head, _ = io.ReadAll(transform.NewReader(bytes.NewReader(head), charmap.Windows1252.NewDecoder()))
		}
	case "utf-8", "utf8":
	case "windows-1252", "cp1252":
		r = transform.NewReader(br, charmap.Windows1252.NewDecoder())
	case "latin-1", "latin1", "iso-8859-1":
		r = transform.NewReader(br, charmap.ISO8859_1.NewDecoder())
	default:
		f.Close()
		return nil, fmt.Errorf("%s: %w: unknown encoding %q; use utf-8, windows-1252 or latin-1", path, ErrUnreadable, opts.Encoding)
	}
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	r = skipBOM(r)
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	switch d := opts.Delimiter; {
	case d == "":
		cr.Comma = detectDelimiter(head)
	case d == `\t` || d == "tab":
		cr.Comma = '\t'
	case utf8.RuneCountInString(d) == 1:
		cr.Comma, _ = utf8.DecodeRuneInString(d)
	default:
		f.Close()
		return nil, fmt.Errorf("%s: %w: delimiter %q must be one character", path, ErrUnreadable, d)
	}
	return &csvRows{file: f, r: cr}, nil
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of a sniffed block.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		r, size := utf8.DecodeLastRune(b)
		if r != utf8.RuneError || size != 1 {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

type bomSkipper struct {
	r     *bufio.Reader
	first bool
}

func skipBOM(r io.Reader) io.Reader { return &bomSkipper{r: bufio.NewReader(r), first: true} }

func (b *bomSkipper) Read(p []byte) (int, error) {
	if b.first {
		b.first = false
		if head, err := b.r.Peek(3); err == nil && bytes.Equal(head, []byte("\uFEFF")) {
			b.r.Discard(3)
		}
	}
	return b.r.Read(p)
}

// detectDelimiter picks the candidate that splits the first lines into the
// most consistent number of fields, outside quotes.
func detectDelimiter(head []byte) rune {
	lines := strings.Split(string(head), "\n")
	if len(lines) > 20 {
		lines = lines[:20]
	}
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut off
	}
	best, bestScore := ',', -1
	for _, d := range []rune{',', ';', '\t', '|'} {
		counts := map[int]int{}
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			counts[countOutsideQuotes(l, d)]++
		}
		// Score: how many lines share the most common non-zero count.
		score := 0
		for n, c := range counts {
			if n > 0 && c*100+n > score {
				score = c*100 + n
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}

func (c *csvRows) Next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, &RowError{Row: pe.StartLine, Err: pe.Err}
		}
		return nil, 0, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	line, _ := c.r.FieldPos(0)
	return rec, line, nil
}

func (c *csvRows) Sheet() string { return "" }

func (c *csvRows) Close() error { return c.file.Close() }
