// Package xlsxread streams the rows of one worksheet of an XLSX workbook as
// raw cell text, fast and in bounded memory: the worksheet XML is inflated
// and scanned in a goroutine of its own, row batches are handed over
// through a short queue, and the shared-strings table is read once.
//
// The cells are exactly what excelize's Rows iterator gives with
// Options{RawCellValue: true}: numbers and dates as stored (dates as serial
// numbers), shared and inline strings as text (rich-text runs joined, the
// _xHHHH_ escapes decoded), booleans as 0 and 1, errors as their code; a
// cell missing inside a row is "", trailing empty cells are left off, and a
// row missing from the sheet (a gap in the r= numbers) comes back empty.
// Where excelize would quietly stop early (malformed XML, damaged
// compressed data) or count on past Excel's last row, this reader returns
// an error instead. Workbooks this reader does not handle (encrypted ones, Strict Open XML,
// odd package layouts) are refused with ErrUnsupported, for a general
// reader to take over.
package xlsxread

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"sync"
)

// ErrUnsupported marks a file this reader does not handle; the caller
// should use a general XLSX reader, which also words any error best.
var ErrUnsupported = errors.New("workbook layout not supported by the streaming reader")

// MaxRows is the last row number a worksheet may have (Excel's limit).
const MaxRows = 1 << 20

// RowError is a row whose cells cannot be read (a malformed cell
// reference); the rest of the sheet can still be read.
type RowError struct {
	Row int
	Err error
}

func (e *RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Row, e.Err) }

func (e *RowError) Unwrap() error { return e.Err }

// Options say which sheet to read and how far the package may inflate.
type Options struct {
	// Sheet is the sheet's name, matched ignoring case; "" reads the first.
	Sheet string
	// MaxUnzipSize bounds the total inflated size of the package's parts
	// (zip bombs); 0 means no bound.
	MaxUnzipSize int64
}

// Reader streams one worksheet's rows. Next must be called from one
// goroutine; Close may be called at any time after Open.
type Reader struct {
	zip   *zip.ReadCloser
	sheet string

	batches chan *batch
	free    chan *batch
	done    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once

	cur  *batch
	next int
	err  error
}

// Open opens the workbook at path and starts reading the chosen sheet.
// Any error wrapping ErrUnsupported means: use another reader.
func Open(path string, opts Options) (*Reader, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	pkg, err := openPackage(&z.Reader, opts)
	if err != nil {
		z.Close()
		return nil, err
	}
	if err := checkSharedStrings(pkg.sharedStrings); err != nil {
		z.Close()
		return nil, err
	}
	sheetData, err := pkg.sheet.Open()
	if err != nil {
		z.Close()
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	r := &Reader{
		zip:     z,
		sheet:   pkg.sheetName,
		batches: make(chan *batch, queueLength),
		free:    make(chan *batch, queueLength+2),
		done:    make(chan struct{}),
	}
	// The shared strings are read while the worksheet starts to inflate;
	// the scanner waits for them before the first text cell is resolved.
	strs := make(chan sharedStrings, 1)
	scan := newSheetScanner(sheetData, strs, r.free)
	if err := scan.start(); err != nil {
		sheetData.Close()
		z.Close()
		return nil, err
	}
	r.wg.Add(2)
	go func() {
		defer r.wg.Done()
		strs <- readSharedStrings(pkg.sharedStrings)
	}()
	go func() {
		defer r.wg.Done()
		defer sheetData.Close()
		scan.run(r.batches, r.done)
	}()
	return r, nil
}

// queueLength is how many row batches may wait between the scanner and
// the caller: enough to ride out hiccups, few enough to bound memory.
const queueLength = 4

// Sheet is the name of the sheet being read, as the workbook spells it.
func (r *Reader) Sheet() string { return r.sheet }

// Next returns the next row's cells and its 1-based row number. The cells
// are valid until the next call. It returns io.EOF after the last row, a
// *RowError for a row that cannot be read (reading may go on), and any
// other error for a sheet that cannot be read further.
func (r *Reader) Next() ([]string, int, error) {
	for {
		if r.err != nil {
			return nil, 0, r.err
		}
		if r.cur != nil && r.next < len(r.cur.rows) {
			row := &r.cur.rows[r.next]
			r.next++
			if row.err != nil {
				return nil, row.num, &RowError{Row: row.num, Err: row.err}
			}
			return row.cells, row.num, nil
		}
		if r.cur != nil {
			if r.cur.err != nil {
				r.err = r.cur.err
				continue
			}
			r.recycle(r.cur)
			r.cur = nil
		}
		b, ok := <-r.batches
		if !ok {
			r.err = io.EOF
			continue
		}
		r.cur, r.next = b, 0
	}
}

// recycle hands a batch's buffers back to the scanner: the caller has moved
// past its rows.
func (r *Reader) recycle(b *batch) {
	select {
	case r.free <- b:
	default:
	}
}

// Close stops the scanner and closes the file.
func (r *Reader) Close() error {
	r.once.Do(func() { close(r.done) })
	r.wg.Wait()
	return r.zip.Close()
}

// sharedStrings is the workbook's shared-strings table, or why it could not be read.
type sharedStrings struct {
	list []string
	err  error
}
