// Package gen writes the benchmark's workforce extracts: any number of rows
// drawn from the demo's exports (their messy labels and oddities included),
// as an XLSX workbook laid out the way Excel saves one (shared strings, date
// and money styles) and as the demo's Windows-1252 semicolon CSV, both from
// a seed, so the same size gives the same bytes.
package gen

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/equip-project/equip/internal/demo"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
)

// Snapshot is the date the extracts are taken at.
var Snapshot = time.Date(2025, time.March, 31, 0, 0, 0, 0, time.UTC)

// SheetName is the extract's one sheet.
const SheetName = "Staff"

// kind says how a column's values are written.
type kind int

const (
	textKind   kind = iota
	numberKind      // a bare number: FTE, hours
	moneyKind       // pounds and pence, shown #,##0.00
	dateKind        // an Excel serial; styled as a date unless the template cell was bare
)

// columnKinds maps the demo's XLSX headers onto how their values are written;
// any other header is text.
var columnKinds = map[string]kind{
	"Date of Birth": dateKind, "Start Date": dateKind,
	"FTE": numberKind, "Contracted Hours": numberKind,
	"FTE Annual Salary": moneyKind, "Bonus Paid": moneyKind,
}

// idHeader is the column given a fresh employee number on every row.
const idHeader = "Employee Number"

// cell is one template value: text, or a number as the workbook stores it.
type cell struct {
	value  string
	styled bool // a date cell carrying a date format (else a bare serial)
}

// Pool is the rows the extracts are drawn from: every data row of the
// demo's XLSX snapshots (two HR systems' spellings), under one header.
type Pool struct {
	Header []string
	kinds  []kind
	idCol  int
	rows   [][]cell
}

// Templates generates the demo inputs from the demo's seed in a temporary
// folder and reads their XLSX snapshots into a pool.
func Templates() (*Pool, error) {
	dir, err := os.MkdirTemp("", "equip-bench-demo-")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := demo.Generate(dir, demo.DefaultSeed); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, demo.WorkforceDir, "*.xlsx"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("templates: the demo wrote no XLSX snapshot (%v)", err)
	}
	slices.Sort(files)
	p := &Pool{}
	for _, f := range files {
		if err := p.add(f); err != nil {
			return nil, fmt.Errorf("templates: %s: %w", filepath.Base(f), err)
		}
	}
	return p, nil
}

// add reads one demo snapshot: the rows under its header, with the style of
// each date cell.
func (p *Pool) add(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	headerRow := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == idHeader })
	if headerRow < 0 {
		return fmt.Errorf("no %q header", idHeader)
	}
	header := rows[headerRow]
	if p.Header == nil {
		p.Header = header
		p.idCol = 0 // the header row was found by its first cell, the employee number
		p.kinds = make([]kind, len(header))
		for i, h := range header {
			p.kinds[i] = columnKinds[h]
		}
	} else if !slices.Equal(header, p.Header) {
		return fmt.Errorf("header %q differs from the first snapshot's %q", header, p.Header)
	}
	for i, r := range rows[headerRow+1:] {
		rowNum := headerRow + 2 + i
		cells := make([]cell, len(p.Header))
		for j := range cells {
			if j >= len(r) {
				continue
			}
			cells[j].value = r[j]
			if p.kinds[j] == dateKind && r[j] != "" {
				ref, _ := excelize.CoordinatesToCellName(j+1, rowNum)
				style, err := f.GetCellStyle(sheet, ref)
				if err != nil {
					return err
				}
				cells[j].styled = style != 0
			}
		}
		p.rows = append(p.rows, cells)
	}
	return nil
}

// Size is the number of template rows.
func (p *Pool) Size() int { return len(p.rows) }

// Extract names the files written for one size.
type Extract struct {
	Rows int
	XLSX string
	CSV  string
}

// Write writes n rows drawn from the pool, with fresh unique employee
// numbers, as dir/staff-2025-03-31-<n>.xlsx and .csv. The same n and seed
// write the same bytes.
func (p *Pool) Write(dir string, n int, seed uint64) (Extract, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Extract{}, fmt.Errorf("create %s: %w", dir, err)
	}
	base := filepath.Join(dir, fmt.Sprintf("staff-%s-%d", Snapshot.Format(time.DateOnly), n))
	e := Extract{Rows: n, XLSX: base + ".xlsx", CSV: base + ".csv"}
	rows := p.draw(n, seed)
	if err := writeFile(e.XLSX, func(w io.Writer) error { return p.writeXLSX(w, rows) }); err != nil {
		return Extract{}, err
	}
	if err := writeFile(e.CSV, func(w io.Writer) error { return p.writeCSV(w, rows) }); err != nil {
		return Extract{}, err
	}
	return e, nil
}

// drawn is one output row: a template and the employee number it gets.
type drawn struct {
	template int
	id       string
}

func (p *Pool) draw(n int, seed uint64) []drawn {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	out := make([]drawn, n)
	next := 1_000_000
	for i := range out {
		// Numbers skip now and then, as posts that were never filled do.
		next += 1 + r.IntN(2)
		out[i] = drawn{template: r.IntN(len(p.rows)), id: "E" + strconv.Itoa(next)}
	}
	return out
}

func (p *Pool) value(d drawn, col int) cell {
	if col == p.idCol {
		return cell{value: d.id}
	}
	return p.rows[d.template][col]
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Cell styles of the workbook: 0 general, 1 dd/mm/yyyy, 2 #,##0.00.
const (
	dateStyle  = 1
	moneyStyle = 2
)

// modified is the time stamped on every part, so the bytes do not depend
// on when the file was written.
var modified = time.Date(2025, time.April, 3, 8, 0, 0, 0, time.UTC)

// writeXLSX writes the workbook part by part; the sheet streams straight
// into the zip and the shared-strings table follows it.
func (p *Pool) writeXLSX(w io.Writer, rows []drawn) error {
	z := zip.NewWriter(w)
	part := func(name string, body func(*bufio.Writer) error) error {
		pw, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(pw, 256<<10)
		if err := body(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	fixed := func(text string) func(*bufio.Writer) error {
		return func(b *bufio.Writer) error { _, err := b.WriteString(text); return err }
	}
	for _, f := range []struct{ name, text string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/app.xml", appProps},
		{"docProps/core.xml", coreProps},
		{"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", workbookRels},
		{"xl/styles.xml", styles},
	} {
		if err := part(f.name, fixed(f.text)); err != nil {
			return err
		}
	}
	sst := newStrings()
	if err := part("xl/worksheets/sheet1.xml", func(b *bufio.Writer) error { return p.writeSheet(b, rows, sst) }); err != nil {
		return err
	}
	if err := part("xl/sharedStrings.xml", sst.write); err != nil {
		return err
	}
	return z.Close()
}

func (p *Pool) writeSheet(b *bufio.Writer, rows []drawn, sst *sharedStrings) error {
	last := columnName(len(p.Header) - 1)
	b.WriteString(xmlHeader)
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	fmt.Fprintf(b, `<dimension ref="A1:%s%d"/>`, last, len(rows)+1)
	b.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	fmt.Fprintf(b, `<cols><col min="1" max="%d" width="16" customWidth="1"/></cols><sheetData>`, len(p.Header))
	spans := `" spans="1:` + strconv.Itoa(len(p.Header)) + `">`
	var num []byte
	row := func(r int, value func(col int) (cell, kind)) {
		num = strconv.AppendInt(num[:0], int64(r), 10)
		b.WriteString(`<row r="`)
		b.Write(num)
		b.WriteString(spans)
		for col := range p.Header {
			c, k := value(col)
			if c.value == "" {
				continue // a blank is no cell at all
			}
			b.WriteString(`<c r="`)
			b.WriteString(columnName(col))
			b.Write(num)
			switch {
			case k == textKind:
				b.WriteString(`" t="s"><v>`)
				b.WriteString(strconv.Itoa(sst.index(c.value)))
			case k == moneyKind:
				b.WriteString(`" s="` + strconv.Itoa(moneyStyle) + `"><v>`)
				b.WriteString(c.value)
			case k == dateKind && c.styled:
				b.WriteString(`" s="` + strconv.Itoa(dateStyle) + `"><v>`)
				b.WriteString(c.value)
			default:
				b.WriteString(`"><v>`)
				b.WriteString(c.value)
			}
			b.WriteString(`</v></c>`)
		}
		b.WriteString(`</row>`)
	}
	row(1, func(col int) (cell, kind) { return cell{value: p.Header[col]}, textKind })
	for i, d := range rows {
		row(i+2, func(col int) (cell, kind) { return p.value(d, col), p.kinds[col] })
	}
	b.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	return nil
}

// columnName is the spreadsheet letter of a 0-based column index.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// sharedStrings is the workbook's table of text, in order of first use.
type sharedStrings struct {
	ids   map[string]int
	list  []string
	count int
}

func newStrings() *sharedStrings { return &sharedStrings{ids: map[string]int{}} }

func (s *sharedStrings) index(text string) int {
	s.count++
	if i, ok := s.ids[text]; ok {
		return i
	}
	i := len(s.list)
	s.ids[text] = i
	s.list = append(s.list, text)
	return i
}

func (s *sharedStrings) write(b *bufio.Writer) error {
	b.WriteString(xmlHeader)
	fmt.Fprintf(b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, s.count, len(s.list))
	for _, t := range s.list {
		if strings.TrimSpace(t) != t {
			b.WriteString(`<si><t xml:space="preserve">`)
		} else {
			b.WriteString(`<si><t>`)
		}
		writeEscaped(b, t)
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return nil
}

func writeEscaped(b *bufio.Writer, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
}

// writeCSV writes the rows as the demo's migrated HR system exports them:
// Windows-1252, semicolons, CRLF, text, dates and money quoted (blanks left
// empty), other numbers bare, dates day-first and money as "£32,076.00".
func (p *Pool) writeCSV(w io.Writer, rows []drawn) error {
	enc := charmap.Windows1252.NewEncoder().Writer(w)
	b := bufio.NewWriterSize(enc, 256<<10)
	field := func(col int, text string, quoted bool) {
		if col > 0 {
			b.WriteByte(';')
		}
		if quoted && text != "" {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(text, `"`, `""`))
			b.WriteByte('"')
		} else {
			b.WriteString(text)
		}
	}
	for col, h := range p.Header {
		field(col, h, true)
	}
	b.WriteString("\r\n")
	for _, d := range rows {
		for col := range p.Header {
			c, k := p.value(d, col), p.kinds[col]
			text, err := csvText(c.value, k)
			if err != nil {
				return fmt.Errorf("template row %d, column %q: %w", d.template, p.Header[col], err)
			}
			field(col, text, k != numberKind)
		}
		b.WriteString("\r\n")
	}
	return b.Flush()
}

var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

func csvText(v string, k kind) (string, error) {
	if v == "" || k == textKind || k == numberKind {
		return v, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", err
	}
	if k == dateKind {
		return excelEpoch.AddDate(0, 0, int(f)).Format("02/01/2006"), nil
	}
	return demo.Pounds(f), nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`

const coreProps = xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
	`<dc:creator>Shire County Council HR</dc:creator><dc:title>Staff 31/03/2025</dc:title>` +
	`<dcterms:created xsi:type="dcterms:W3CDTF">2025-04-03T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-04-03T08:00:00Z</dcterms:modified>` +
	`</cp:coreProperties>`

const workbook = xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
	`<workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
	`<sheets><sheet name="` + SheetName + `" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`

const workbookRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`</Relationships>`

const styles = xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
	`<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

// Spec is what the pandas reference needs to compute equip's profile and
// representation_by_grade tables from the same files: where each field
// is, and how each raw label, category and age maps, as equip maps them.
type Spec struct {
	Snapshot     string      `json:"snapshot"`
	Sheet        string      `json:"sheet"`
	CSVEncoding  string      `json:"csv_encoding"`
	CSVDelimiter string      `json:"csv_delimiter"`
	GradeColumn  string      `json:"grade_column"`
	DOBColumn    string      `json:"dob_column"`
	Inputs       []SpecInput `json:"inputs"`  // characteristics read from a column, in report order
	Derived      []SpecGroup `json:"derived"` // characteristics derived from another's categories
	AgeBands     []SpecBand  `json:"age_bands"`
	// Order lists every characteristic in the order equip reports them.
	Order []string `json:"order"`
}

// SpecInput maps one column's labels (trimmed) onto categories.
type SpecInput struct {
	Characteristic string            `json:"characteristic"`
	Column         string            `json:"column"`
	Labels         map[string]string `json:"labels"`
}

// SpecGroup maps the categories of From onto the groups of Characteristic.
type SpecGroup struct {
	Characteristic string            `json:"characteristic"`
	From           string            `json:"from"`
	Map            map[string]string `json:"map"`
}

// SpecBand is the age band [Lo, Hi).
type SpecBand struct {
	Lo    int    `json:"lo"`
	Hi    int    `json:"hi"`
	Label string `json:"label"`
}

// Spec works out the reference's spec for the pool's columns, with the
// harmoniser and aliases equip uses (no pipeline labels or columns).
func (p *Pool) Spec(bands harmonise.AgeBands) (Spec, error) {
	mapper, err := harmonise.NewMapper(nil)
	if err != nil {
		return Spec{}, err
	}
	aliases := ingest.NewAliases(nil)
	s := Spec{Snapshot: Snapshot.Format(time.DateOnly), Sheet: SheetName, CSVEncoding: "cp1252", CSVDelimiter: ";"}
	for _, c := range harmonise.Reported {
		s.Order = append(s.Order, string(c))
	}
	categories := map[harmonise.Characteristic]map[string]bool{}
	for col, h := range p.Header {
		f, _, ok := aliases.Lookup(h)
		if !ok {
			continue
		}
		switch f {
		case ingest.Grade:
			s.GradeColumn = h
		case ingest.DateOfBirth:
			s.DOBColumn = h
		}
		c := harmonise.Characteristic(f)
		if !slices.Contains(harmonise.Input, c) {
			continue
		}
		in := SpecInput{Characteristic: string(c), Column: h, Labels: map[string]string{}}
		categories[c] = map[string]bool{}
		for _, r := range p.rows {
			raw := strings.TrimSpace(r[col].value)
			if _, done := in.Labels[raw]; !done {
				cat, _ := mapper.Map(c, raw)
				in.Labels[raw] = cat
				categories[c][cat] = true
			}
		}
		s.Inputs = append(s.Inputs, in)
	}
	if s.GradeColumn == "" || s.DOBColumn == "" {
		return Spec{}, fmt.Errorf("spec: the templates have no grade or date-of-birth column (header %q)", p.Header)
	}
	group := func(name, from harmonise.Characteristic, f func(string) string) {
		g := SpecGroup{Characteristic: string(name), From: string(from), Map: map[string]string{}}
		for cat := range categories[from] {
			g.Map[cat] = f(cat)
		}
		s.Derived = append(s.Derived, g)
	}
	group(harmonise.EthnicGroup, harmonise.Ethnicity, harmonise.EthnicGroupOf)
	group(harmonise.EthnicMinority, harmonise.Ethnicity, func(e string) string { return harmonise.EthnicMinorityOf(e, false) })
	group(harmonise.LGB, harmonise.SexualOrientation, harmonise.LGBOf)
	labels := bands.Labels()
	for i, lo := range bands {
		hi := 200 // as the metrics' age_bands table closes the last band
		if i+1 < len(bands) {
			hi = bands[i+1]
		}
		s.AgeBands = append(s.AgeBands, SpecBand{Lo: lo, Hi: hi, Label: labels[i]})
	}
	return s, nil
}
