package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/chart"
)

// Chart sheets hold the chart's data as a table from row 5, like the table
// sheets, and the chart itself beside it.
const (
	chartHeaderRow = 5
	chartFirstRow  = 6
	chartWidth     = 640 // pixels
	chartHeight    = 360
	targetColour   = "#000000"
)

// writeChart writes one chart sheet: the chart's categories and series as a
// table, with suppressed values left blank so that Excel leaves them out,
// and a native Excel chart drawn from those cells.
func (w *workbook) writeChart(p plannedChart) error {
	c, sheet := p.chart, p.sheet
	drawTargets := len(c.Targets) > 0 && !(c.Horizontal && c.Kind != chart.Line)

	about := "This worksheet contains one table of the chart's data and the chart beside it. " +
		"Suppressed values ([c]) are left blank so that the chart leaves them out; see the Notes sheet."
	if drawTargets {
		about += " Targets are drawn as dashed lines."
	}
	intro := []struct {
		text  string
		style int
	}{
		{orDefault(c.Title, c.ID), w.st.title},
		{orDefault(c.Subtitle, "Drawn from the "+c.Source+" table."), 0},
		{about, 0},
		{"Chart description: " + orDefault(c.AltText, c.Title), 0},
	}
	for i, l := range intro {
		if err := w.text(sheet, cellName(1, i+1), l.text, l.style); err != nil {
			return err
		}
	}
	if err := w.f.SetRowHeight(sheet, 1, titleHeight); err != nil {
		return err
	}

	// Column A holds the categories, then one column per series, then one
	// per target (its value repeated, so it can be drawn as a line).
	headings := []string{categoryHeading(c)}
	for _, s := range c.Series {
		headings = append(headings, orDefault(s.Name, "Series"))
	}
	for _, t := range c.Targets {
		headings = append(headings, orDefault(t.Label, "Target"))
	}
	headings = uniqueStrings(headings)
	for i, h := range headings {
		if err := w.text(sheet, cellName(i+1, chartHeaderRow), h, w.st.header); err != nil {
			return err
		}
		width := float64(min(max(len([]rune(h))+2, minWidth), headerWidth))
		if i == 0 {
			width = float64(min(max(longestRunes(c.Categories)+2, len([]rune(h))+2, minWidth), maxWidth))
		}
		if err := w.f.SetColWidth(sheet, colName(i+1), colName(i+1), width); err != nil {
			return err
		}
	}
	headerLines := 1
	for i, h := range headings {
		if i > 0 {
			headerLines = max(headerLines, wrappedLines(h, float64(headerWidth)))
		}
	}
	if err := w.f.SetRowHeight(sheet, chartHeaderRow, lineHeight*float64(headerLines)); err != nil {
		return err
	}

	for i, cat := range c.Categories {
		row := chartFirstRow + i
		if err := w.text(sheet, cellName(1, row), cat, 0); err != nil {
			return err
		}
		for j, s := range c.Series {
			v, ok := s.Value(i)
			if !ok {
				continue
			}
			if err := w.f.SetCellFloat(sheet, cellName(2+j, row), v, -1, 64); err != nil {
				return fmt.Errorf("write %s!%s: %w", sheet, cellName(2+j, row), err)
			}
		}
		for k, t := range c.Targets {
			col := 2 + len(c.Series) + k
			if err := w.f.SetCellFloat(sheet, cellName(col, row), t.Value, -1, 64); err != nil {
				return fmt.Errorf("write %s!%s: %w", sheet, cellName(col, row), err)
			}
		}
	}
	last := chartFirstRow + len(c.Categories) - 1
	ref := cellName(1, chartHeaderRow) + ":" + cellName(len(headings), last)
	if err := w.f.AddTable(sheet, &excelize.Table{Range: ref, Name: p.table, ShowRowStripes: boolPtr(false)}); err != nil {
		return fmt.Errorf("add table %s: %w", p.table, err)
	}

	main, combo := w.excelChart(c, sheet, last, drawTargets)
	at := cellName(len(headings)+2, chartHeaderRow)
	if err := w.f.AddChart(sheet, at, main, combo...); err != nil {
		return fmt.Errorf("add chart to %s: %w", sheet, err)
	}
	return nil
}

// excelChart builds the native chart: clustered bars or columns for Bar,
// stacked ones for StackedBar, lines for Line. StackedBar uses a stacked
// (not Excel's percent-stacked) chart with the value axis fixed at the
// model's maximum: the values are already shares of 100, and re-scaling
// would stretch a category with a suppressed share to a false 100%.
func (w *workbook) excelChart(c chart.Chart, sheet string, last int, drawTargets bool) (*excelize.Chart, []*excelize.Chart) {
	ref := sheetRef(sheet)
	categories := fmt.Sprintf("%s!$A$%d:$A$%d", ref, chartFirstRow, last)
	column := func(col int) (name, values string) {
		letter := colName(col)
		return fmt.Sprintf("%s!$%s$%d", ref, letter, chartHeaderRow),
			fmt.Sprintf("%s!$%s$%d:$%s$%d", ref, letter, chartFirstRow, letter, last)
	}

	ec := &excelize.Chart{
		Type:       chartType(c),
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartSize(c)},
		Format:     excelize.GraphicOptions{AltText: orDefault(c.AltText, c.Title), Name: cut(orDefault(c.Title, c.ID), 250)},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: orDefault(c.Title, c.ID), Font: &excelize.Font{Bold: true, Size: 14, Color: "000000"}}}},
		VaryColors: boolPtr(false), // one colour per series, as on every other surface
		Legend:     excelize.ChartLegend{Position: "bottom"},
		XAxis:      excelize.ChartAxis{Title: axisTitle(categoryHeading(c))},
		YAxis:      excelize.ChartAxis{Title: axisTitle(c.ValueLabel), MajorGridLines: true},
	}
	if len(c.Series) == 1 && !drawTargets {
		ec.Legend.Position = "none" // the title and axis say what the one series is
	}
	if c.Horizontal && c.Kind != chart.Line {
		ec.XAxis.ReverseOrder = true // first category at the top, as the data reads
	}
	switch {
	case hasNegative(c):
		// Excel picks a range below zero; the category labels go to the
		// low end of the value axis so that they stay clear of the bars.
		ec.XAxis.TickLabelPosition = excelize.ChartTickLabelLow
	case c.Kind != chart.Line:
		zero := 0.0
		ec.YAxis.Minimum = &zero
	}
	if c.ValueMax > 0 {
		top := c.ValueMax
		ec.YAxis.Maximum = &top
	}
	for j, s := range c.Series {
		name, values := column(2 + j)
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.ColourAt(j)}}
		es := excelize.ChartSeries{Name: name, Categories: categories, Values: values, Fill: fill}
		if c.Kind == chart.Line {
			es.Line = excelize.LineOptions{Type: excelize.LineSolid, Width: 2.25}
			es.Marker = excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: fill}
		}
		ec.Series = append(ec.Series, es)
	}
	if !drawTargets {
		return ec, nil
	}
	var targets []excelize.ChartSeries
	for k := range c.Targets {
		name, values := column(2 + len(c.Series) + k)
		targets = append(targets, excelize.ChartSeries{
			Name: name, Categories: categories, Values: values,
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{targetColour}},
			Line:   excelize.LineOptions{Type: excelize.LineSolid, Dash: excelize.LineDashDash, Width: 1.5},
			Marker: excelize.ChartMarker{Symbol: "none"},
		})
	}
	if c.Kind == chart.Line {
		ec.Series = append(ec.Series, targets...)
		return ec, nil
	}
	// Column charts carry their targets as a line chart drawn over them.
	return ec, []*excelize.Chart{{Type: excelize.Line, Series: targets, VaryColors: boolPtr(false)}}
}

func chartType(c chart.Chart) excelize.ChartType {
	switch c.Kind {
	case chart.Line:
		return excelize.Line
	case chart.StackedBar:
		if c.Horizontal {
			return excelize.BarStacked
		}
		return excelize.ColStacked
	}
	if c.Horizontal {
		return excelize.Bar
	}
	return excelize.Col
}

// chartSize is the chart's height in pixels: horizontal bar charts grow with
// their categories so that every label has room.
func chartSize(c chart.Chart) uint {
	if !c.Horizontal || c.Kind == chart.Line {
		return chartHeight
	}
	h := 120 + 32*len(c.Categories)
	return uint(min(max(h, 280), 1200))
}

// categoryHeading names the categories by the kind of chart (its ID's
// prefix, as the chart package defines them, or the pay chart's ID).
func categoryHeading(c chart.Chart) string {
	switch c.ID {
	case "pay-quartiles":
		return "Quartile"
	case "pay-gap-trend":
		return "Snapshot date"
	case "pay-peers":
		return "Measure"
	}
	kind, _, _ := strings.Cut(c.ID, "-")
	switch kind {
	case chart.KindGrade:
		return "Grade"
	case chart.KindTrend:
		return "Snapshot date"
	case chart.KindDeclaration:
		return "Characteristic"
	case chart.KindTargets:
		return "Target"
	}
	return "Category"
}

// hasNegative reports whether a chart draws any value or target below
// zero, as pay gaps in women's favour are.
func hasNegative(c chart.Chart) bool {
	for _, s := range c.Series {
		for i := range s.Values {
			if v, ok := s.Value(i); ok && v < 0 {
				return true
			}
		}
	}
	for _, t := range c.Targets {
		if t.Value < 0 {
			return true
		}
	}
	return false
}

func axisTitle(s string) excelize.ChartTitle {
	if s == "" {
		return excelize.ChartTitle{}
	}
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Size: 10, Color: "000000"}}}}
}

// uniqueStrings makes headings unique, as an Excel table's must be.
func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	out := make([]string, len(in))
	for i, s := range in {
		base := s
		for n := 2; seen[s]; n++ {
			s = fmt.Sprintf("%s (%d)", base, n)
		}
		seen[s] = true
		out[i] = s
	}
	return out
}

func longestRunes(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, len([]rune(s)))
	}
	return n
}
