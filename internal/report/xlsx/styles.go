package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/table"
)

// styles holds the cell style IDs the workbook uses, made once per file.
type styles struct {
	title     int // sheet titles in A1
	heading   int // section headings on the cover
	warning   int // the lowered-threshold warning on the cover
	header    int // table header rows
	wrap      int // long text: notes, findings, descriptions
	link      int // internal hyperlinks
	marker    int // [c], [x] and [z], right-aligned like the numbers they replace
	markerTop int // the same, at the top of a row of wrapped text
	quoted    int // text from input files that starts like a formula
	quotedTop int // the same, in wrapped long-text columns
	numFmts   map[string]int
	f         *excelize.File
}

// newStyles registers the workbook's styles. The quote-prefix styles are made
// last and checked to be distinct, because excelize's Style has no quote
// prefix field: the flag is set on the style record itself, and a later
// identical NewStyle call would otherwise share (and inherit) it.
func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{numFmts: map[string]int{}, f: f}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}}},
		{&s.heading, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&s.warning, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.link, excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.marker, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&s.markerTop, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}},
		{&s.quoted, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&s.quotedTop, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", WrapText: true, Vertical: "top"}}},
	}
	seen := map[int]bool{0: true}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return nil, fmt.Errorf("create cell style: %w", err)
		}
		if seen[id] {
			return nil, fmt.Errorf("create cell style: style %d made twice", id)
		}
		seen[id] = true
		*d.id = id
	}
	for _, id := range []int{s.quoted, s.quotedTop} {
		if f.Styles == nil || f.Styles.CellXfs == nil || id >= len(f.Styles.CellXfs.Xf) {
			return nil, fmt.Errorf("set quote prefix on style %d: style not found", id)
		}
		yes := true
		f.Styles.CellXfs.Xf[id].QuotePrefix = &yes
	}
	return s, nil
}

// numFmt returns a style showing numbers with the given format code, made on
// first use. Every such style has a custom number format, so none can be
// confused with the quote-prefix styles.
func (s *styles) numFmt(code string) (int, error) {
	return s.numFmtAligned(code, false)
}

// numFmtAligned is numFmt, aligned to the top of the row when top is set,
// for tables whose rows hold wrapped text.
func (s *styles) numFmtAligned(code string, top bool) (int, error) {
	key := code
	if top {
		key += "\x00top"
	}
	if id, ok := s.numFmts[key]; ok {
		return id, nil
	}
	c := code
	st := &excelize.Style{CustomNumFmt: &c}
	if top {
		st.Alignment = &excelize.Alignment{Vertical: "top"}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("create number format %q: %w", code, err)
	}
	s.numFmts[key] = id
	return id, nil
}

// numberFormat is the Excel format code for a numeric column: counts with
// thousands separators, the rest with the column's decimal places. Percent
// values are already 0–100, so Excel's % format (which multiplies by 100) is
// not used.
func numberFormat(col table.Column) string {
	if col.Kind == table.Count {
		return "#,##0"
	}
	places := col.Places()
	if places <= 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", places)
}

// needsQuote reports whether text would be read as a formula if a user
// re-entered the cell (=, +, - or @ first, or a leading tab or carriage return
// that some tools strip).
func needsQuote(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
