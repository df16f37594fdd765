package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/table"
)

// Table sheets put their header in row 5, under the title, the description,
// the shorthand line and a line saying what the sheet holds.
const (
	tableHeaderRow = 5
	tableFirstRow  = 6
)

// Column widths in characters.
const (
	minWidth    = 10
	maxWidth    = 50
	headerWidth = 28 // headings longer than this wrap instead of widening the column
)

// writeTable streams one published table onto its sheet, so that tables of
// hundreds of thousands of rows are written without holding the sheet in
// memory. Column widths, panes and the Excel table (with its filter buttons)
// go through the stream writer, which must have them before Flush.
func (w *workbook) writeTable(t *table.Table, sheet, tableName string) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("sheet %s: the table has no columns", sheet)
	}
	if last := tableFirstRow + len(t.Rows) - 1; last > excelize.TotalRows {
		return fmt.Errorf("sheet %s: %d rows do not fit on a worksheet", sheet, len(t.Rows))
	}
	sw, err := w.f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}

	headings := uniqueHeadings(t.Columns)
	widths := columnWidths(t, headings)
	// A table with text too long for its column wraps its text, and every
	// cell sits at the top of its row, level with the start of that text.
	tall := wrapsText(t, widths)
	// numStyles holds each numeric column's number format style.
	numStyles := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		if isNumeric(c.Kind) {
			if numStyles[i], err = w.st.numFmtAligned(numberFormat(c), tall); err != nil {
				return err
			}
		}
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return fmt.Errorf("sheet %s: column width: %w", sheet, err)
		}
	}
	first := cellName(1, tableFirstRow)
	err = sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: tableHeaderRow, TopLeftCell: first, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}},
	})
	if err != nil {
		return fmt.Errorf("sheet %s: freeze panes: %w", sheet, err)
	}

	rowsLine := "This worksheet contains one table of " + plural(len(t.Rows), "row") + ", with filter buttons in its header row."
	if len(t.Rows) == 0 {
		rowsLine = "This worksheet contains one table, which has no rows for this run."
	}
	intro := []struct {
		text   string
		style  int
		height float64
	}{
		{orDefault(t.Title, t.Name), w.st.title, titleHeight},
		{orDefault(t.Description, "Figures of the "+t.Name+" table."), 0, lineHeight},
		{"Suppressed cells are shown as [c]; see the Notes sheet.", 0, lineHeight},
		{rowsLine, 0, lineHeight},
	}
	for i, l := range intro {
		v := excelize.Cell{StyleID: l.style, Value: l.text}
		if needsQuote(l.text) {
			v.StyleID = w.st.quoted
		}
		if err := sw.SetRow(cellName(1, i+1), []any{v}, excelize.RowOpts{Height: l.height}); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", sheet, i+1, err)
		}
	}

	header := make([]any, len(headings))
	headerLines := 1
	for i, h := range headings {
		header[i] = excelize.Cell{StyleID: w.st.header, Value: h}
		headerLines = max(headerLines, wrappedLines(h, widths[i]))
	}
	if err := sw.SetRow(cellName(1, tableHeaderRow), header, excelize.RowOpts{Height: lineHeight * float64(headerLines)}); err != nil {
		return fmt.Errorf("sheet %s: header row: %w", sheet, err)
	}

	values := make([]any, len(t.Columns))
	for r, row := range t.Rows {
		height := lineHeight
		for i, c := range t.Columns {
			values[i] = nil
			if i >= len(row) {
				continue
			}
			values[i] = w.cellValue(row[i], c, numStyles[i])
			if !tall {
				continue
			}
			switch {
			case row[i].Status != table.Value && row[i].Status != table.Empty:
				values[i] = excelize.Cell{StyleID: w.st.markerTop, Value: row[i].Status.Marker()}
			case !isNumeric(c.Kind) && row[i].Status == table.Value && row[i].Text != "":
				values[i] = w.wrappedText(row[i].Text)
				height = math.Max(height, rowHeight(row[i].Text, widths[i]))
			}
		}
		var opts []excelize.RowOpts
		if height > lineHeight {
			opts = append(opts, excelize.RowOpts{Height: height})
		}
		if err := sw.SetRow(cellName(1, tableFirstRow+r), values, opts...); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", sheet, tableFirstRow+r, err)
		}
	}

	// A table needs a row under its header; an empty one gets a blank row,
	// which the fourth line of the sheet explains.
	last := tableFirstRow + max(len(t.Rows), 1) - 1
	ref := cellName(1, tableHeaderRow) + ":" + cellName(len(t.Columns), last)
	if err := sw.AddTable(&excelize.Table{Range: ref, Name: tableName, ShowRowStripes: boolPtr(false)}); err != nil {
		return fmt.Errorf("sheet %s: add table %s: %w", sheet, tableName, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}

// cellValue is what the stream writer is given for one cell: nil for an
// empty cell, a right-aligned marker, a number with its column's format, or
// text that is never taken for a formula.
func (w *workbook) cellValue(cell table.Cell, col table.Column, numStyle int) any {
	switch cell.Status {
	case table.Empty:
		return nil
	case table.Value:
	default:
		return excelize.Cell{StyleID: w.st.marker, Value: cell.Status.Marker()}
	}
	if !isNumeric(col.Kind) {
		if cell.Text == "" {
			return nil // a blank cell, not an empty string
		}
		if needsQuote(cell.Text) {
			return excelize.Cell{StyleID: w.st.quoted, Value: cell.Text}
		}
		return cell.Text
	}
	if math.IsNaN(cell.Num) || math.IsInf(cell.Num, 0) {
		return excelize.Cell{StyleID: w.st.marker, Value: table.NotAvailable.Marker()}
	}
	if col.Kind == table.Count {
		return excelize.Cell{StyleID: numStyle, Value: int64(math.Round(cell.Num))}
	}
	// The stored value is the published, rounded one, so that sums and
	// filters in Excel agree with the CSV tables.
	return excelize.Cell{StyleID: numStyle, Value: table.Round(cell.Num, col.Places())}
}

// wrappedText is a long text cell, wrapped within its column and aligned
// to the top of its row; never taken for a formula.
func (w *workbook) wrappedText(s string) excelize.Cell {
	if needsQuote(s) {
		return excelize.Cell{StyleID: w.st.quotedTop, Value: s}
	}
	return excelize.Cell{StyleID: w.st.wrap, Value: s}
}

// wrapsText reports whether a table has text longer than the widest
// column, such as the actions of an action plan: such text wraps, rather
// than run under the next column or out of sight.
func wrapsText(t *table.Table, widths []float64) bool {
	for i, c := range t.Columns {
		if isNumeric(c.Kind) {
			continue
		}
		for _, row := range t.Rows {
			if i < len(row) && row[i].Status == table.Value && float64(utf8.RuneCountInString(row[i].Text)) > widths[i]-2 {
				return true
			}
		}
	}
	return false
}

func isNumeric(k table.Kind) bool {
	switch k {
	case table.Count, table.Percent, table.Ratio, table.Number:
		return true
	}
	return false
}

// uniqueHeadings returns the columns' headings, made unique and non-empty
// because an Excel table's header cells must be.
func uniqueHeadings(cols []table.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = orDefault(c.Heading(), "Column "+strconv.Itoa(i+1))
	}
	return uniqueStrings(out)
}

// columnWidths sizes each column to its longest value and its heading,
// within limits; long headings wrap rather than widen the column.
func columnWidths(t *table.Table, headings []string) []float64 {
	out := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		longest := min(utf8.RuneCountInString(headings[i]), headerWidth)
		for _, row := range t.Rows {
			if i >= len(row) {
				continue
			}
			longest = max(longest, displayLength(row[i], c))
		}
		out[i] = float64(min(max(longest+2, minWidth), maxWidth))
	}
	return out
}

// displayLength is the number of characters a cell shows.
func displayLength(cell table.Cell, col table.Column) int {
	if cell.Status != table.Value {
		return len(cell.Status.Marker())
	}
	if !isNumeric(col.Kind) {
		return utf8.RuneCountInString(cell.Text)
	}
	if math.IsNaN(cell.Num) || math.IsInf(cell.Num, 0) {
		return 3
	}
	digits := len(strconv.FormatInt(int64(math.Abs(cell.Num)), 10))
	n := digits
	if cell.Num < 0 {
		n++
	}
	if col.Kind == table.Count {
		return n + (digits-1)/3
	}
	return n + 1 + col.Places()
}

// wrappedLines is the number of lines text takes in a column of the given
// width when wrapped.
func wrappedLines(s string, width float64) int {
	per := max(int(width)-1, 1)
	n := utf8.RuneCountInString(s)
	return max(1, (n+per-1)/per)
}
