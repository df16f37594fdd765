package demo

import (
	"fmt"
	"os"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetName is the one sheet every workforce XLSX export has.
const sheetName = "Staff"

// workbook is how one XLSX export looks apart from its table.
type workbook struct {
	sheet, creator, title string
	created               time.Time // the document properties carry this, not the time of writing
	// titleRows come above the header, followed by a blank row, as in a
	// report run rather than a plain extract.
	titleRows []string
	widths    []float64 // column widths; none: 16 for every column
}

// excelEpoch is day 0 of Excel's 1900 date system, as it counts days from
// March 1900 on.
var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

func excelSerial(d time.Time) int { return int(d.Sub(excelEpoch).Hours() / 24) }

// writeXLSX writes a table as a workbook with one sheet, dates as real
// date cells and money with two decimals, as an HR report module does. The
// document properties carry the run date, not the time of writing, so the
// same table gives the same bytes.
func writeXLSX(path string, wb workbook, header []string, rows [][]cell) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", wb.sheet); err != nil {
		return fmt.Errorf("name sheet: %w", err)
	}
	run := wb.created.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: wb.creator, LastModifiedBy: wb.creator,
		Title: wb.title, Created: run, Modified: run,
	}); err != nil {
		return fmt.Errorf("set document properties: %w", err)
	}
	dateFormat := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return fmt.Errorf("date style: %w", err)
	}
	moneyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return fmt.Errorf("money style: %w", err)
	}
	sw, err := f.NewStreamWriter(wb.sheet)
	if err != nil {
		return fmt.Errorf("open sheet: %w", err)
	}
	if err := setWidths(sw, wb.widths, len(header)); err != nil {
		return fmt.Errorf("column widths: %w", err)
	}
	row := 1
	put := func(values []any) error {
		cellRef, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cellRef, values)
	}
	if len(wb.titleRows) > 0 {
		for _, title := range wb.titleRows {
			if err := put([]any{title}); err != nil {
				return fmt.Errorf("title row: %w", err)
			}
		}
		row++ // a blank row before the header
	}
	values := make([]any, len(header))
	for i, h := range header {
		values[i] = h
	}
	if err := put(values); err != nil {
		return fmt.Errorf("header row: %w", err)
	}
	for _, cells := range rows {
		for i, c := range cells {
			values[i] = xlsxValue(c, dateStyle, moneyStyle)
		}
		if err := put(values); err != nil {
			return fmt.Errorf("row %d: %w", row, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("build workbook: %w", err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func setWidths(sw *excelize.StreamWriter, widths []float64, columns int) error {
	if len(widths) == 0 {
		return sw.SetColWidth(1, columns, 16)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	return nil
}

// xlsxValue is a cell as the stream writer takes it; an empty text is no
// cell at all, as HR exports leave blanks.
func xlsxValue(c cell, dateStyle, moneyStyle int) any {
	switch c.kind {
	case dateCell:
		return excelize.Cell{StyleID: dateStyle, Value: excelSerial(c.date)}
	case serialCell:
		return excelSerial(c.date)
	case moneyCell:
		return excelize.Cell{StyleID: moneyStyle, Value: c.number}
	case numberCell:
		return c.number
	default:
		if c.text == "" {
			return nil
		}
		return c.text
	}
}
