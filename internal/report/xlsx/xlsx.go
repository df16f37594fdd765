// Package xlsx writes the accessible workbook: a cover, contents and notes
// sheet, one sheet per published table, the key findings and a native Excel
// chart per chart, laid out as the Analysis Function guidance "Releasing
// statistics in spreadsheets" asks.
package xlsx

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// Fixed sheet names.
const (
	coverSheet    = "Cover"
	contentsSheet = "Contents"
	notesSheet    = "Notes"
	findingsSheet = "Findings"
)

// The shorthand markers and what they mean, as the notes sheet explains them.
var shorthand = []struct{ marker, meaning string }{
	{table.Suppressed.Marker(), "confidential — suppressed to protect individuals"},
	{table.NotAvailable.Marker(), "not available"},
	{table.NotApplicable.Marker(), "not applicable"},
}

// Write writes the workbook for pub to path.
func Write(path string, pub *report.Publication) (err error) {
	if pub == nil {
		return errors.New("write workbook: no publication")
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write workbook %s: %w", path, cerr)
		}
	}()
	w, err := newWorkbook(f, pub)
	if err != nil {
		return fmt.Errorf("write workbook %s: %w", path, err)
	}
	if err := w.build(); err != nil {
		return fmt.Errorf("write workbook %s: %w", path, err)
	}
	if err := f.SaveAs(path); err != nil {
		return fmt.Errorf("write workbook %s: %w", path, err)
	}
	return nil
}

// plannedChart is a chart with the sheet that holds it.
type plannedChart struct {
	chart chart.Chart
	sheet string
	table string // the Excel table name of its data
}

// contentsRow is one line of the contents sheet.
type contentsRow struct {
	sheet, title, description string
}

// workbook builds one workbook.
type workbook struct {
	f           *excelize.File
	pub         *report.Publication
	st          *styles
	tableNames  nameSet
	tableSheets []string // sheet of each pub.Tables entry
	tableIDs    []string // Excel table name of each pub.Tables entry
	charts      []plannedChart
	contents    []contentsRow
	payGap      *payGapPlan // nil when the run has no gender pay gap figures
}

func newWorkbook(f *excelize.File, pub *report.Publication) (*workbook, error) {
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	return &workbook{f: f, pub: pub, st: st, tableNames: nameSet{}}, nil
}

// build plans every sheet name first, because the contents sheet and the
// findings link to sheets written after them, then writes the sheets in
// order.
func (w *workbook) build() error {
	for i, t := range w.pub.Tables {
		if t == nil {
			return fmt.Errorf("table %d of the publication is missing", i+1)
		}
	}
	sheets := nameSet{}
	for _, s := range []string{coverSheet, contentsSheet, notesSheet} {
		sheets.sheet(s)
	}
	w.contents = append(w.contents, contentsRow{notesSheet, "Notes",
		"Numbered notes on the method, the shorthand used in the tables and the data quality of this run."})
	for _, t := range w.pub.Tables {
		name := sheets.sheet(t.Name)
		w.tableSheets = append(w.tableSheets, name)
		w.tableIDs = append(w.tableIDs, w.tableNames.table(t.Name))
		w.contents = append(w.contents, contentsRow{name, orDefault(t.Title, t.Name), t.Description})
	}
	findings := sheets.sheet(findingsSheet)
	w.contents = append(w.contents, contentsRow{findings, "Key findings",
		"The key findings in plain English, each with the table it comes from."})
	if p, ok := w.planPayGap(sheets); ok {
		w.payGap = p
		w.contents = append(w.contents, contentsRow{p.sheet, p.titleText, p.description()})
	}
	for _, c := range w.pub.Charts {
		if len(c.Categories) == 0 || len(c.Series) == 0 {
			continue // nothing to draw; the chart's table is published anyway
		}
		name := sheets.sheet("Chart " + strconv.Itoa(len(w.charts)+1))
		id := w.tableNames.table("chart_" + strconv.Itoa(len(w.charts)+1))
		w.charts = append(w.charts, plannedChart{chart: c, sheet: name, table: id})
		w.contents = append(w.contents, contentsRow{name, orDefault(c.Title, c.ID), chartDescription(c)})
	}

	if err := w.f.SetSheetName(w.f.GetSheetName(0), coverSheet); err != nil {
		return fmt.Errorf("name cover sheet: %w", err)
	}
	order := []string{contentsSheet, notesSheet}
	order = append(order, w.tableSheets...)
	order = append(order, findings)
	if w.payGap != nil {
		order = append(order, w.payGap.sheet)
	}
	for _, c := range w.charts {
		order = append(order, c.sheet)
	}
	for _, name := range order {
		if _, err := w.f.NewSheet(name); err != nil {
			return fmt.Errorf("add sheet %q: %w", name, err)
		}
	}

	if err := w.writeCover(); err != nil {
		return fmt.Errorf("cover sheet: %w", err)
	}
	if err := w.writeContents(); err != nil {
		return fmt.Errorf("contents sheet: %w", err)
	}
	if err := w.writeNotes(); err != nil {
		return fmt.Errorf("notes sheet: %w", err)
	}
	for i, t := range w.pub.Tables {
		if err := w.writeTable(t, w.tableSheets[i], w.tableIDs[i]); err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	if err := w.writeFindings(findings); err != nil {
		return fmt.Errorf("findings sheet: %w", err)
	}
	if w.payGap != nil {
		if err := w.writePayGap(w.payGap); err != nil {
			return fmt.Errorf("gender pay gap sheet: %w", err)
		}
	}
	for _, c := range w.charts {
		if err := w.writeChart(c); err != nil {
			return fmt.Errorf("chart %s: %w", c.chart.ID, err)
		}
	}
	if err := w.setProperties(); err != nil {
		return err
	}
	w.f.SetActiveSheet(0)
	return nil
}

// writeCover writes the cover: what the workbook is, where its figures come
// from, how they are protected and who produced it, one line per row in
// column A with bold headings instead of blank rows.
func (w *workbook) writeCover() error {
	m := w.pub.Meta
	type line struct {
		text  string
		style int
		link  string // sheet to link to
	}
	lines := []line{{orDefault(m.Title, "Equality monitoring tables"), w.st.title, ""}}
	if m.Organisation != "" {
		lines = append(lines, line{m.Organisation, w.st.wrap, ""})
	}
	if m.AsOf != "" {
		lines = append(lines, line{fmt.Sprintf("Figures are as at %s (snapshot %s).", humanDate(m.AsOf), m.AsOf), w.st.wrap, ""})
	}
	if period := monitoringPeriod(m, w.pub.Tables); period != "" {
		lines = append(lines, line{period, w.st.wrap, ""})
	}
	if m.SmallCounts {
		lines = append(lines, line{fmt.Sprintf("Warning: disclosure control was lowered on purpose for this workbook. "+
			"Counts are suppressed only below %d, under the usual minimum of 3, so small counts that could identify people may be shown. "+
			"Do not publish this workbook or share it beyond the people entitled to see those figures.", m.MinCount), w.st.warning, ""})
	}

	lines = append(lines, line{"About this workbook", w.st.heading, ""})
	about := fmt.Sprintf("This workbook holds %s, %s and the key findings", plural(len(w.pub.Tables), "table"), plural(len(w.charts), "chart"))
	if m.Pipeline != "" {
		about += fmt.Sprintf(" of the %s pipeline", m.Pipeline)
	}
	lines = append(lines,
		line{about + ". Each table is on its own sheet, with filter buttons in its header row.", w.st.wrap, ""},
		line{"The Contents sheet lists and links to every sheet.", w.st.link, contentsSheet},
		line{"The Notes sheet explains the method, the shorthand [c], [x] and [z], and the data quality of this run.", w.st.link, notesSheet})
	if w.payGap != nil {
		lines = append(lines, line{"The " + w.payGap.sheet + " sheet sets out the six statutory gender pay gap figures as the government's gender pay gap service shows them.", w.st.link, w.payGap.sheet})
	}
	if len(m.Snapshots) > 1 {
		lines = append(lines, line{fmt.Sprintf("Trends cover %d snapshots, from %s to %s.", len(m.Snapshots), m.Snapshots[0], m.Snapshots[len(m.Snapshots)-1]), w.st.wrap, ""})
	}
	if m.SeniorFrom != "" {
		lines = append(lines, line{fmt.Sprintf("Senior grades are %s and above.", m.SeniorFrom), w.st.wrap, ""})
	}

	lines = append(lines, line{"Source", w.st.heading, ""})
	source := "HR records"
	if m.Organisation != "" {
		source += " of " + m.Organisation
	}
	if n := len(w.pub.Quality.Inputs); n > 0 {
		source += fmt.Sprintf(" (%s; rows read and rejected are on the Notes sheet)", plural(n, "input file"))
	}
	lines = append(lines, line{source + ".", w.st.wrap, ""})
	if m.PopulationBase != "" {
		lines = append(lines, line{"Population comparisons: " + m.PopulationBase + ".", w.st.wrap, ""})
	}

	lines = append(lines, line{"Disclosure control", w.st.heading, ""},
		line{fmt.Sprintf("Suppression threshold: counts below %d, and figures from which they could be worked out, are shown as [c]; so are percentages built on them.", m.MinCount), w.st.wrap, ""})
	if m.PayMinCount > 0 {
		lines = append(lines, line{fmt.Sprintf("Pay figures for groups of fewer than %d people are shown as [c].", m.PayMinCount), w.st.wrap, ""})
	}

	lines = append(lines, line{"Contact", w.st.heading, ""})
	produced := "Produced by equip"
	if m.Version != "" {
		produced += " " + m.Version
	}
	if m.Generated != "" {
		produced += ", run " + m.Generated
	}
	produced += "."
	if m.Organisation != "" {
		produced += " Questions about these figures go to " + m.Organisation + "."
	}
	lines = append(lines, line{produced, w.st.wrap, ""})

	const width = 110
	if err := w.f.SetColWidth(coverSheet, "A", "A", width); err != nil {
		return err
	}
	for i, l := range lines {
		cell := cellName(1, i+1)
		if err := w.text(coverSheet, cell, l.text, l.style); err != nil {
			return err
		}
		if l.link != "" {
			if err := w.link(coverSheet, cell, l.link); err != nil {
				return err
			}
		}
		height := rowHeight(l.text, width)
		switch l.style {
		case w.st.title:
			height = titleHeight
		case w.st.heading:
			height = headingHeight
		case w.st.warning:
			height *= 16.0 / lineHeight // 12-point lines
		}
		if err := w.f.SetRowHeight(coverSheet, i+1, height); err != nil {
			return err
		}
	}
	return nil
}

// monitoringPeriod is the cover's line on the period the employment
// monitoring tables cover, when the workbook has any (they have a period
// column); "" otherwise.
func monitoringPeriod(m report.Meta, tables []*table.Table) string {
	if m.Period == "" || !slices.ContainsFunc(tables, func(t *table.Table) bool { return t.Index("period") >= 0 }) {
		return ""
	}
	s := "Employment monitoring figures (recruitment, starters and leavers, casework and the like) cover the period " + m.Period
	if m.PeriodStart != "" && m.PeriodEnd != "" {
		s += fmt.Sprintf(", %s to %s", humanDate(m.PeriodStart), humanDate(m.PeriodEnd))
	}
	return s + "."
}

// writeContents lists every sheet after the contents, each name a link.
func (w *workbook) writeContents() error {
	rows := make([][]string, len(w.contents))
	for i, c := range w.contents {
		rows[i] = []string{c.sheet, c.title, c.description}
	}
	err := w.writeListSheet(contentsSheet, "Contents",
		"This worksheet contains one table listing the other sheets. Select a sheet name to go to it.",
		[]string{"Sheet name", "Title", "Description"}, []float64{22, 48, 100}, rows, w.tableNames.table("contents"))
	if err != nil {
		return err
	}
	for i, c := range w.contents {
		if err := w.link(contentsSheet, cellName(1, listFirstRow+i), c.sheet); err != nil {
			return err
		}
	}
	return nil
}

// writeNotes writes the numbered notes: the publication's own, then the
// shorthand, then the data quality of the run.
func (w *workbook) writeNotes() error {
	notes := append([]report.Note(nil), w.pub.Notes...)
	var sh []string
	for _, s := range shorthand {
		sh = append(sh, s.marker+" "+s.meaning)
	}
	notes = append(notes, report.Note{Title: "Shorthand used in the tables", Text: strings.Join(sh, "\n") + "\n" +
		fmt.Sprintf("Counts below %d, and figures from which they could be worked out, are shown as [c].", w.pub.Meta.MinCount)})
	notes = append(notes, qualityNotes(w.pub.Quality)...)
	rows := make([][]string, len(notes))
	for i, n := range notes {
		rows[i] = []string{"Note " + strconv.Itoa(i+1), n.Title, n.Text}
	}
	return w.writeListSheet(notesSheet, "Notes",
		"This worksheet contains one table of numbered notes. The last notes explain the shorthand [c], [x] and [z] and the data quality of this run.",
		[]string{"Note number", "Note title", "Note text"}, []float64{13, 34, 100}, rows, w.tableNames.table("notes"))
}

// qualityNotes summarises the run's data-quality report: what each input
// gave, the warnings by kind and the labels no mapping recognised.
func qualityNotes(q report.Quality) []report.Note {
	var inputs []string
	for _, in := range q.Inputs {
		what := in.Kind
		if in.Snapshot != "" {
			what += ", snapshot " + in.Snapshot
		}
		inputs = append(inputs, fmt.Sprintf("%s (%s): %s read, %s rejected", in.Path, what, plural(in.Rows, "row"), thousands(in.Rejected)))
	}
	inputText := "No input files were recorded for this run."
	if len(inputs) > 0 {
		inputText = strings.Join(inputs, "\n")
	}

	kinds := make([]string, 0, len(q.Warnings))
	for k := range q.Warnings {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var warnings []string
	for _, k := range kinds {
		warnings = append(warnings, fmt.Sprintf("%s: %s", k, thousands(q.Warnings[k])))
	}
	warningText := "There were no data-quality warnings."
	if len(warnings) > 0 {
		warningText = "Warnings by kind (details in data-quality.csv):\n" + strings.Join(warnings, "\n")
	}

	var unmapped []string
	for _, u := range q.Unmapped {
		unmapped = append(unmapped, fmt.Sprintf("%q in column %s of %s (%s): %s", u.Label, u.Column, u.File, u.Characteristic, plural(u.Count, "record")))
	}
	unmappedText := "Every label was recognised."
	if len(unmapped) > 0 {
		unmappedText = "These labels were not recognised and are counted as Not known:\n" + strings.Join(unmapped, "\n")
	}
	return []report.Note{
		{Title: "Data quality: input files", Text: inputText},
		{Title: "Data quality: warnings", Text: warningText},
		{Title: "Data quality: unrecognised labels", Text: unmappedText},
	}
}

// writeFindings lists the key findings, each linked to its table's sheet.
func (w *workbook) writeFindings(sheet string) error {
	rows := make([][]string, 0, len(w.pub.Findings))
	links := make([]string, 0, len(w.pub.Findings))
	for i, fd := range w.pub.Findings {
		target := ""
		source := fd.Table
		for j, t := range w.pub.Tables {
			if t.Name == fd.Table {
				target, source = w.tableSheets[j], w.tableSheets[j]
			}
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), fd.Text, source})
		links = append(links, target)
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", "No key findings were written for this run.", ""})
		links = append(links, "")
	}
	err := w.writeListSheet(sheet, "Key findings",
		"This worksheet contains one table of the key findings in plain English, each with the sheet of the table it comes from.",
		[]string{"Finding number", "Finding", "Source table"}, []float64{15, 100, 26}, rows, w.tableNames.table("findings"))
	if err != nil {
		return err
	}
	for i, target := range links {
		// Finding numbers are numbers, so that sorting the table works.
		if n, err := strconv.Atoi(rows[i][0]); err == nil {
			if err := w.f.SetCellInt(sheet, cellName(1, listFirstRow+i), int64(n)); err != nil {
				return err
			}
		}
		if target == "" {
			continue
		}
		if err := w.link(sheet, cellName(3, listFirstRow+i), target); err != nil {
			return err
		}
	}
	return nil
}

// The small list sheets (contents, notes, findings) have their header in row
// 3 and rows from row 4.
const (
	listHeaderRow = 3
	listFirstRow  = 4
)

// writeListSheet writes a small sheet of text: a title, a line saying what it
// holds, then one Excel table of the given columns.
func (w *workbook) writeListSheet(sheet, title, intro string, headers []string, widths []float64, rows [][]string, tableName string) error {
	if err := w.text(sheet, "A1", title, w.st.title); err != nil {
		return err
	}
	if err := w.f.SetRowHeight(sheet, 1, titleHeight); err != nil {
		return err
	}
	if err := w.text(sheet, "A2", intro, 0); err != nil {
		return err
	}
	for i, h := range headers {
		if err := w.text(sheet, cellName(i+1, listHeaderRow), h, w.st.header); err != nil {
			return err
		}
		if err := w.f.SetColWidth(sheet, colName(i+1), colName(i+1), widths[i]); err != nil {
			return err
		}
	}
	for r, row := range rows {
		height := lineHeight
		for c, v := range row {
			if err := w.text(sheet, cellName(c+1, listFirstRow+r), v, w.st.wrap); err != nil {
				return err
			}
			height = math.Max(height, rowHeight(v, widths[c]))
		}
		if err := w.f.SetRowHeight(sheet, listFirstRow+r, height); err != nil {
			return err
		}
	}
	last := cellName(len(headers), listFirstRow+len(rows)-1)
	if err := w.f.AddTable(sheet, &excelize.Table{Range: "A3:" + last, Name: tableName, ShowRowStripes: boolPtr(false)}); err != nil {
		return fmt.Errorf("add table %s: %w", tableName, err)
	}
	return nil
}

// text writes s as a text cell, never a formula, with the given style. Text
// that starts like a formula gets a quote-prefix style, so that editing the
// cell in Excel keeps it text.
func (w *workbook) text(sheet, cell, s string, style int) error {
	if needsQuote(s) {
		if style == w.st.wrap {
			style = w.st.quotedTop
		} else {
			style = w.st.quoted
		}
	}
	if err := w.f.SetCellStr(sheet, cell, s); err != nil {
		return fmt.Errorf("write %s!%s: %w", sheet, cell, err)
	}
	if style == 0 {
		return nil
	}
	if err := w.f.SetCellStyle(sheet, cell, cell, style); err != nil {
		return fmt.Errorf("style %s!%s: %w", sheet, cell, err)
	}
	return nil
}

// link makes a cell a link to cell A1 of another sheet of the workbook.
func (w *workbook) link(sheet, cell, target string) error {
	tip := "Go to the " + target + " sheet"
	if err := w.f.SetCellHyperLink(sheet, cell, sheetRef(target)+"!A1", "Location", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
		return fmt.Errorf("link %s!%s to %s: %w", sheet, cell, target, err)
	}
	if err := w.f.SetCellStyle(sheet, cell, cell, w.st.link); err != nil {
		return fmt.Errorf("style %s!%s: %w", sheet, cell, err)
	}
	return nil
}

// setProperties sets the document properties from the publication alone,
// so the same publication always gives the same workbook.
func (w *workbook) setProperties() error {
	m := w.pub.Meta
	title := orDefault(m.Title, "Equality monitoring tables")
	if m.Organisation != "" {
		title += ": " + m.Organisation
	}
	if m.AsOf != "" {
		title += ", " + humanDate(m.AsOf)
	}
	stamp := ""
	if t, err := time.Parse(time.RFC3339, m.Generated); err == nil {
		stamp = t.UTC().Format("2006-01-02T15:04:05Z")
	} else if t, err := time.Parse(time.DateOnly, m.AsOf); err == nil {
		stamp = t.Format("2006-01-02T15:04:05Z")
	}
	err := w.f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        "Workforce equality monitoring tables",
		Description:    "Disclosure-controlled equality monitoring tables, charts and findings, produced by equip.",
		Keywords:       "equality monitoring; workforce; protected characteristics",
		Creator:        "equip",
		LastModifiedBy: "equip",
		Language:       "en-GB",
		Created:        stamp,
		Modified:       stamp,
	})
	if err != nil {
		return fmt.Errorf("set document properties: %w", err)
	}
	if err := w.f.SetAppProps(&excelize.AppProperties{Application: "equip", Company: m.Organisation}); err != nil {
		return fmt.Errorf("set application properties: %w", err)
	}
	return nil
}

// Row heights in points: one line of 11-point text, the 16-point title row
// and the 13-point cover headings.
const (
	lineHeight    = 15.0
	titleHeight   = 21.0
	headingHeight = 18.0
)

// rowHeight estimates the height a wrapped cell of 11-point text needs in a
// column of the given width, since Excel does not grow rows to fit wrapped
// text written by other programs.
func rowHeight(s string, width float64) float64 {
	perLine := int(width * 1.1)
	if perLine < 1 {
		perLine = 1
	}
	lines := 0
	for _, para := range strings.Split(s, "\n") {
		n := utf8.RuneCountInString(para)
		lines += max(1, (n+perLine-1)/perLine)
	}
	return lineHeight * float64(lines)
}

// chartDescription is the contents line of a chart sheet.
func chartDescription(c chart.Chart) string {
	d := "Chart data and native Excel chart"
	if c.Subtitle != "" {
		d += ": " + c.Subtitle
	}
	if c.Source != "" {
		d += " (from the " + c.Source + " table)"
	}
	return d + "."
}

// humanDate writes an ISO date the way the cover reads it, "31 March 2025";
// anything else is returned as given.
func humanDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// plural writes a count with its noun: "1 table", "7 tables", "6,425 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// thousands writes n with comma thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func boolPtr(b bool) *bool { return &b }

// cellName is the A1 reference of a column and row, both from 1; the
// workbook only asks for cells well inside Excel's limits.
func cellName(col, row int) string {
	return colName(col) + strconv.Itoa(row)
}

// colName is the letter name of a column from 1.
func colName(col int) string {
	name := ""
	for col > 0 {
		col--
		name = string(rune('A'+col%26)) + name
		col /= 26
	}
	return name
}
