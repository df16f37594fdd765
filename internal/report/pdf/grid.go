package pdf

import (
	"strings"

	"github.com/equip-project/equip/internal/table"
)

// field returns a row's cell in the named column with the column, or an
// empty cell when the table lacks the column, so that a table missing an
// optional column costs a blank cell rather than the report.
func field(t *table.Table, row table.Row, name string) (table.Cell, table.Column) {
	i := t.Index(name)
	if i < 0 || i >= len(row) {
		return table.Cell{Status: table.Empty}, table.Column{Name: name}
	}
	return row[i], t.Columns[i]
}

// str returns the text of a row's cell in the named column ("" when absent).
func str(t *table.Table, row table.Row, name string) string {
	c, _ := field(t, row, name)
	return c.Text
}

// show returns a row's cell in the named column formatted for the page.
func show(t *table.Table, row table.Row, name string) string {
	return formatCell(field(t, row, name))
}

// rowsWhere returns the rows whose named text columns hold the given values,
// given as name, value pairs; a table lacking one of the columns has none.
func rowsWhere(t *table.Table, pairs ...string) []table.Row {
	if t == nil {
		return nil
	}
	var out []table.Row
	for _, row := range t.Rows {
		ok := true
		for i := 0; i+1 < len(pairs); i += 2 {
			c, _ := field(t, row, pairs[i])
			if c.Status != table.Value || c.Text != pairs[i+1] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, row)
		}
	}
	return out
}

// column is one column of a table as laid out on the page.
type column struct {
	head   string
	weight float64 // share of the content width, relative to the other columns
	right  bool    // numbers and markers are right-aligned
	chip   bool    // a status column: each cell is a RAG chip with its word
	mono   bool    // file paths, in the monospaced font
	// fill gives a chip column's colour for a status; nil means the
	// targets' red/amber/green colours.
	fill func(status string) rgb
}

// grid is a table ready to draw: headings and formatted cells.
type grid struct {
	cols []column
	rows [][]string
}

const (
	gridFont     = 8.5
	gridHeadFont = 8
	cellPadX     = 1.6
	cellPadY     = 1.4
	chipHeight   = 4.4
)

func (g grid) widths() []float64 {
	total := 0.0
	for _, c := range g.cols {
		total += c.weight
	}
	ws := make([]float64, len(g.cols))
	for i, c := range g.cols {
		if total > 0 {
			ws[i] = contentW * c.weight / total
		}
	}
	return ws
}

// cellFont sets the font a body cell of the column is drawn in.
func (d *doc) cellFont(c column) {
	if c.mono {
		d.f.SetFont(fontMono, "", gridFont-1.2)
		return
	}
	if c.chip {
		d.font("B", gridFont-0.5)
		return
	}
	d.font("", gridFont)
}

// gridLayout holds the wrapped text and heights of a grid's rows.
type gridLayout struct {
	widths   []float64
	headSize []float64 // a heading whose longest word is wider than its column is set smaller
	head     [][]string
	headH    float64
	cells    [][][]string
	rowH     []float64
}

func (d *doc) layoutGrid(g grid) gridLayout {
	l := gridLayout{widths: g.widths()}
	headH := 0.0
	for i, c := range g.cols {
		w := l.widths[i] - 2*cellPadX
		size := float64(gridHeadFont)
		for ; size > 6.5; size -= 0.5 {
			d.font("B", size)
			if d.widestWord(c.head) <= w {
				break
			}
		}
		d.font("B", size)
		h := d.wrap(c.head, w)
		l.headSize = append(l.headSize, size)
		l.head = append(l.head, h)
		headH = max(headH, float64(len(h))*lineHeight(size))
	}
	l.headH = max(headH, lineHeight(gridHeadFont)) + 2*cellPadY
	for _, row := range g.rows {
		var cells [][]string
		lines := 1
		for i, c := range g.cols {
			text := ""
			if i < len(row) {
				text = row[i]
			}
			d.cellFont(c)
			w := l.widths[i] - 2*cellPadX
			var ls []string
			switch {
			case c.chip:
				ls = []string{text}
			case c.mono:
				ls = d.wrapPath(text, w)
			default:
				ls = d.wrap(text, w)
			}
			cells = append(cells, ls)
			lines = max(lines, len(ls))
		}
		l.cells = append(l.cells, cells)
		h := float64(lines)*lineHeight(gridFont) + 2*cellPadY
		l.rowH = append(l.rowH, max(h, chipHeight+2*cellPadY-0.6))
	}
	return l
}

// widestWord is the width of the longest word of a text in the current font.
func (d *doc) widestWord(s string) float64 {
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, d.f.GetStringWidth(word))
	}
	return w
}

// wrapPath breaks a file path after a slash, hyphen, underscore or dot, so
// that a long path wraps between the parts of its names rather than
// anywhere.
func (d *doc) wrapPath(s string, w float64) []string {
	var parts []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune("/-_.", r) {
			parts = append(parts, s[start:i+1])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	var lines []string
	cur := ""
	for _, part := range parts {
		if cur != "" && d.f.GetStringWidth(cur+part) > w {
			lines = append(lines, d.wrap(cur, w)...)
			cur = ""
		}
		cur += part
	}
	return append(lines, d.wrap(cur, w)...)
}

// height is the height of the whole grid drawn in one piece.
func (l gridLayout) height() float64 {
	h := l.headH
	for _, r := range l.rowH {
		h += r
	}
	return h
}

// keepHeight is the height that must fit before a grid starts on a page:
// all of it when it fits a page, else its heading and first rows (a long
// table continues on the next page under a repeated heading).
func (l gridLayout) keepHeight() float64 {
	if h := l.height(); h <= bodyHeight {
		return h
	}
	h := l.headH
	for i := 0; i < len(l.rowH) && i < 3; i++ {
		h += l.rowH[i]
	}
	return h
}

// table draws a grid at the current position, starting a new page first if
// it would not fit, and repeating the heading when a long grid runs over.
func (d *doc) table(g grid) {
	l := d.layoutGrid(g)
	d.ensure(l.keepHeight())
	d.gridHead(g, l)
	for r := range l.cells {
		if d.f.GetY()+l.rowH[r] > bodyBottom {
			d.f.AddPage()
			d.gridHead(g, l)
		}
		d.gridRow(g, l, r)
	}
	d.f.SetY(d.f.GetY() + 3)
}

func (d *doc) gridHead(g grid, l gridLayout) {
	x, y := marginL, d.f.GetY()
	d.fillColour(headerFill)
	d.f.Rect(x, y, contentW, l.headH, "F")
	d.textColour(ink)
	for i, c := range g.cols {
		align := "L"
		if c.right {
			align = "R"
		}
		size := l.headSize[i]
		d.font("B", size)
		// Headings sit on the bottom line, as in a spreadsheet, so that a
		// one-line heading lines up with the figures under it.
		top := y + l.headH - cellPadY - float64(len(l.head[i]))*lineHeight(size)
		for k, line := range l.head[i] {
			d.f.SetXY(x+cellPadX, top+float64(k)*lineHeight(size))
			d.f.CellFormat(l.widths[i]-2*cellPadX, lineHeight(size), line, "", 0, align, false, 0, "")
		}
		x += l.widths[i]
	}
	d.drawColour(accent)
	d.f.SetLineWidth(0.35)
	d.f.Line(marginL, y+l.headH, marginL+contentW, y+l.headH)
	d.f.SetY(y + l.headH)
}

func (d *doc) gridRow(g grid, l gridLayout, r int) {
	x, y, h := marginL, d.f.GetY(), l.rowH[r]
	if r%2 == 1 {
		d.fillColour(zebra)
		d.f.Rect(x, y, contentW, h, "F")
	}
	for i, c := range g.cols {
		lines := l.cells[r][i]
		d.cellFont(c)
		d.textColour(ink)
		w := l.widths[i] - 2*cellPadX
		switch {
		case c.chip:
			// The chip lines up with the first line of the row's text.
			fill := targetFill
			if c.fill != nil {
				fill = c.fill
			}
			d.chip(x+cellPadX, y+cellPadY+(lineHeight(gridFont)-chipHeight)/2, lines[0], fill(lines[0]))
		default:
			align := "L"
			if c.right {
				align = "R"
			}
			for k, line := range lines {
				d.f.SetXY(x+cellPadX, y+cellPadY+float64(k)*lineHeight(gridFont))
				d.f.CellFormat(w, lineHeight(gridFont), line, "", 0, align, false, 0, "")
			}
		}
		x += l.widths[i]
	}
	d.drawColour(ruleGrey)
	d.f.SetLineWidth(0.15)
	d.f.Line(marginL, y+h, marginL+contentW, y+h)
	d.f.SetY(y + h)
}

// targetFill is the chip colour of a target's status.
func targetFill(status string) rgb {
	if fill, ok := ragColours[status]; ok {
		return fill
	}
	return ragColours["No data"]
}

// chip draws a status as a rounded, coloured chip holding the status word,
// so that the colour is never the only signal.
func (d *doc) chip(x, y float64, status string, fill rgb) {
	if status == "" {
		return
	}
	d.font("B", gridFont-0.5)
	w := d.f.GetStringWidth(status) + 5
	d.fillColour(fill)
	d.f.RoundedRect(x, y, w, chipHeight, chipHeight/2, "1234", "F")
	if isDark(fill) {
		d.textColour(white)
	} else {
		d.textColour(ink)
	}
	d.f.SetXY(x, y)
	d.f.CellFormat(w, chipHeight, status, "", 0, "C", false, 0, "")
	d.textColour(ink)
}
