package ingest

import (
	"errors"
	"fmt"
	"io"

	"github.com/equip-project/equip/internal/xlsxread"
)

// sheetRows reads a worksheet with the streaming reader, openXLSX's fast
// path; its cells are the ones excelize gives with raw cell values.
type sheetRows struct{ r *xlsxread.Reader }

// openSheetRows opens path with the streaming reader, or reports false for
// a workbook it does not take (excelize then reads it, and words any error).
func openSheetRows(path string, opts Options) (Rows, bool) {
	r, err := xlsxread.Open(path, xlsxread.Options{Sheet: opts.Sheet, MaxUnzipSize: maxUnzipSize()})
	if err != nil {
		return nil, false
	}
	return &sheetRows{r: r}, true
}

func (s *sheetRows) Next() ([]string, int, error) {
	cells, n, err := s.r.Next()
	var re *xlsxread.RowError
	switch {
	case err == nil, err == io.EOF:
		return cells, n, err
	case errors.As(err, &re):
		return nil, re.Row, &RowError{Row: re.Row, Err: re.Err}
	}
	return nil, 0, fmt.Errorf("%w: %v", ErrUnreadable, err)
}

func (s *sheetRows) Sheet() string { return s.r.Sheet() }

func (s *sheetRows) Close() error { return s.r.Close() }
