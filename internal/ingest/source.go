// Package ingest reads the files users supply — CSV in any common encoding
// and delimiter, and XLSX — finds the header row, maps the headers onto the
// canonical fields and turns each row into typed, harmonised values, noting
// every problem by file, sheet, row and column.
package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/suggest"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
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

// Progress hears how far the reading of a file has got, for a progress bar.
type Progress interface {
	// Start begins a file: total is its size in unit ("bytes" or "rows").
	Start(file string, total int64, unit string)
	// Update says how much of the total has been read.
	Update(done int64)
	// Finish ends the file.
	Finish()
}

// sized is a Rows that knows its total and how much of it has been read.
type sized interface {
	progress() (done, total int64, unit string)
}

// RowError is a row that could not be read; the row is left out.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }

// FatalRowError is a problem at a row that makes the whole file unusable.
type FatalRowError struct {
	Row int
	Err error
}

func (e *FatalRowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }

func (e *FatalRowError) Unwrap() error { return e.Err }

// Options say how to open a file.
type Options struct {
	Sheet     string // XLSX sheet; default the first
	Encoding  string // CSV encoding: utf-8, windows-1252, latin-1; default detected
	Delimiter string // CSV delimiter; default detected
}

// MaxXLSXUnzipSize bounds how far an XLSX may inflate (zip bombs).
const MaxXLSXUnzipSize = 2 << 30

// MaxUnzipEnv names a setting that lowers MaxXLSXUnzipSize (in bytes), for
// machines with little disk or memory, and for tests that need a small bomb.
const MaxUnzipEnv = "EQUIP_MAX_UNZIP"

// maxUnzipSize is MaxXLSXUnzipSize, or the smaller positive limit MaxUnzipEnv gives.
func maxUnzipSize() int64 {
	if v, err := strconv.ParseInt(os.Getenv(MaxUnzipEnv), 10, 64); err == nil && v > 0 && v < MaxXLSXUnzipSize {
		return v
	}
	return MaxXLSXUnzipSize
}

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
	total int64 // rows in the sheet's dimension; 0 when it does not say
}

func (x *xlsxRows) progress() (int64, int64, string) { return int64(x.n), x.total, "rows" }

// dimensionRows reads the row count from a sheet's dimension ("A1:T6426").
func dimensionRows(f *excelize.File, sheet string) int64 {
	dim, err := f.GetSheetDimension(sheet)
	if err != nil {
		return 0
	}
	_, last, _ := strings.Cut(dim, ":")
	_, row, err := excelize.CellNameToCoordinates(last)
	if err != nil {
		return 0
	}
	return int64(row)
}

// Magic numbers at the start of the file formats users mistake for each other.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // Excel 97–2003, and encrypted XLSX
	// encryptedMarker is the stream an encrypted (password-protected) XLSX
	// keeps inside its OLE container, as the UTF-16 text of its name.
	encryptedMarker = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
)

// checkXLSX looks at a file before excelize does, to say plainly what is
// wrong with it: password-protected, an old .xls, not a workbook at all,
// cut short, or unpacking to more than the limit (a zip bomb).
func checkXLSX(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w: %v", path, ErrUnreadable, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w: %v", path, ErrUnreadable, err)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case n == 0:
		return fmt.Errorf("%s: %w: the file is empty; expected an XLSX workbook", path, ErrUnreadable)
	case bytes.Equal(head, oleMagic):
		// The stream names sit in the container's directory, near the start or the end.
		if containsMarker(f, info.Size(), encryptedMarker) {
			return fmt.Errorf("%s: %w: the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password) and save it again", path, ErrUnreadable)
		}
		return fmt.Errorf("%s: %w: this is an old Excel 97–2003 workbook (.xls) named .xlsx; open it in Excel and save it as .xlsx or .csv", path, ErrUnreadable)
	case n < 4 || !bytes.Equal(head[:4], zipMagic):
		if looksLikeText(head) {
			return fmt.Errorf("%s: %w: the file holds text, not an XLSX workbook; if it is comma-separated, name it .csv", path, ErrUnreadable)
		}
		return fmt.Errorf("%s: %w: not an XLSX workbook (it does not start as one does); export the sheet from Excel as .xlsx or .csv", path, ErrUnreadable)
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		return fmt.Errorf("%s: %w: the workbook is truncated or corrupt (%v); copy or export it again", path, ErrUnreadable, err)
	}
	limit := maxUnzipSize()
	var total uint64
	for _, zf := range zr.File {
		// The readers size their buffers by what an entry declares, so a
		// size deflate cannot reach (it packs at most about 1032 to 1)
		// would have them allocate gigabytes for a few bytes of data.
		if zf.UncompressedSize64 > maxDeflateRatio*zf.CompressedSize64+1024 {
			return fmt.Errorf("%s: %w: the workbook is corrupt (its part %s claims an impossible size); copy or export it again", path, ErrUnreadable, zf.Name)
		}
		// archive/zip refuses to inflate past the size an entry declares,
		// so the declared sizes bound what the readers will unpack.
		total += zf.UncompressedSize64
		if total > uint64(limit) {
			return fmt.Errorf("%s: %w: the workbook unpacks to more than %s (a zip bomb, or far more than a workforce extract); check where it came from, or export the sheet as .csv", path, ErrUnreadable, byteSize(limit))
		}
	}
	return nil
}

// maxDeflateRatio is a little over the most deflate can compress (1032:1).
const maxDeflateRatio = 1100

// containsMarker looks for marker in the first and last 64 KiB of a file.
func containsMarker(f *os.File, size int64, marker []byte) bool {
	const span = 64 << 10
	for _, off := range []int64{0, max(0, size-span)} {
		buf := make([]byte, min(span, size))
		n, _ := f.ReadAt(buf, off)
		if bytes.Contains(buf[:n], marker) {
			return true
		}
	}
	return false
}

// looksLikeText reports whether a file's first bytes are printable text.
func looksLikeText(head []byte) bool {
	for _, b := range head {
		if b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F {
			return false
		}
	}
	return true
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func openXLSX(path string, opts Options) (_ Rows, err error) {
	if err := checkXLSX(path); err != nil {
		return nil, err
	}
	// The streaming reader takes nearly every workbook; excelize the rest.
	if rows, ok := openSheetRows(path, opts); ok {
		return rows, nil
	}
	// excelize panics on some malformed workbooks; a bad file must give an
	// error, never a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w: the workbook is corrupt (%v); copy or export it again", path, ErrUnreadable, r)
		}
	}()
	limit := maxUnzipSize()
	// Sheets above excelize's default XML size are unpacked to temporary
	// files rather than memory, so a large extract does not exhaust memory.
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, excelize.StreamChunkSize)})
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
		return nil, fmt.Errorf("%s:%s: %w: no such sheet; did you mean %q? (the workbook has %s)", path, sheet, ErrUnreadable, suggest.Nearest(sheet, sheets), quoteList(sheets))
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s:%s: %w: %v", path, sheet, ErrUnreadable, err)
	}
	return &xlsxRows{f: f, rows: rows, sheet: sheet, total: dimensionRows(f, sheet)}, nil
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func (x *xlsxRows) Next() (cells []string, row int, err error) {
	defer func() {
		if r := recover(); r != nil { // excelize on a malformed sheet: see openXLSX
			cells, row, err = nil, 0, fmt.Errorf("%w: the sheet is corrupt (%v)", ErrUnreadable, r)
		}
	}()
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, 0, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		return nil, 0, io.EOF
	}
	x.n++
	cells, err = x.rows.Columns(excelize.Options{RawCellValue: true})
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
	file    *os.File
	read    *countingReader
	size    int64
	r       *csv.Reader
	pending []string // a record read ahead after a quote error
	pendRow int
}

// sniffSize is how much of a CSV is read to detect its encoding and delimiter.
const sniffSize = 64 << 10

func openCSV(path string, opts Options) (Rows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrUnreadable, err)
	}
	cr0 := &countingReader{r: f}
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	br := bufio.NewReaderSize(cr0, sniffSize)
	head, _ := br.Peek(sniffSize)
	var r io.Reader = br
	enc := strings.ToLower(strings.ReplaceAll(opts.Encoding, "_", "-"))
	// Excel's "Unicode text" is UTF-16 with a byte-order mark, whatever the
	// pipeline says: decode it to UTF-8 first.
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		utf16 := func() transform.Transformer {
			return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		}
		r = transform.NewReader(br, utf16())
		head, _ = io.ReadAll(transform.NewReader(bytes.NewReader(head), utf16()))
		head, enc = trimPartialRune(head), "utf-8"
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		f.Close()
		return nil, fmt.Errorf("%s: %w: the file is an XLSX workbook (or another zip file), not comma-separated text; name it .xlsx", path, ErrUnreadable)
	case bytes.HasPrefix(head, oleMagic):
		f.Close()
		return nil, fmt.Errorf("%s: %w: the file is an Excel 97–2003 workbook, not comma-separated text; save it from Excel as .xlsx or .csv", path, ErrUnreadable)
	case bytes.IndexByte(head, 0) >= 0:
		f.Close()
		return nil, fmt.Errorf("%s: %w: the file holds binary data, not comma-separated text; export the sheet as CSV or give the .xlsx", path, ErrUnreadable)
	}
	switch enc {
	case "":
		// Windows-1252 only when the text is not mostly UTF-8: a UTF-8 file
		// with a few stray Windows-1252 bytes (pasted text) stays UTF-8, and
		// ReadWorkforce repairs and reports the cells that hold them.
		if !mostlyUTF8(trimPartialRune(head)) {
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
	return &csvRows{file: f, r: cr, read: cr0, size: size}, nil
}

// mostlyUTF8 reports whether b is UTF-8 with at most some stray bytes: it
// holds a well-formed multi-byte UTF-8 character, which Windows-1252 text
// almost never does by accident. Reading such a file as UTF-8 and repairing
// its stray bytes as Windows-1252 reads both kinds of text right.
func mostlyUTF8(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for len(b) > 0 {
		_, size := utf8.DecodeRune(b)
		if size > 1 {
			return true
		}
		b = b[size:]
	}
	return false
}

// RepairUTF8 returns s with each byte that is not part of valid UTF-8 read
// as Windows-1252 (the usual source of stray bytes in a UTF-8 file), and
// whether anything was repaired.
func RepairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	var b strings.Builder
	dec := charmap.Windows1252.NewDecoder()
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size == 1 {
			if t, err := dec.String(s[:1]); err == nil {
				b.WriteString(t)
			} else {
				b.WriteRune(utf8.RuneError)
			}
		} else {
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String(), true
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
	if c.pending != nil {
		rec, row := c.pending, c.pendRow
		c.pending = nil
		return rec, row, nil
	}
	rec, err := c.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine {
				// A quoted field ran on over several lines. If it ran to the
				// end of the file, a quote was never closed and every row
				// after it is lost: not one bad row but a broken file.
				next, nerr := c.r.Read()
				if nerr == io.EOF {
					return nil, pe.StartLine, &FatalRowError{Row: pe.StartLine, Err: fmt.Errorf("%w: a quote opened on this line is never closed, so lines %d–%d cannot be read; remove the stray quote or close it", ErrInvalidData, pe.StartLine, pe.Line)}
				}
				if nerr == nil {
					c.pending = append([]string(nil), next...)
					c.pendRow, _ = c.r.FieldPos(0)
				}
			}
			return nil, pe.StartLine, &RowError{Row: pe.StartLine, Err: pe.Err}
		}
		return nil, 0, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	line, _ := c.r.FieldPos(0)
	return rec, line, nil
}

func (c *csvRows) Sheet() string { return "" }

func (c *csvRows) progress() (int64, int64, string) { return c.read.n, c.size, "bytes" }

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *csvRows) Close() error { return c.file.Close() }
