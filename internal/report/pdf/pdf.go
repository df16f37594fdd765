// Package pdf writes a publication as a PDF report, its tables typeset and
// its charts drawn as vectors. A document is a list of section builders, so
// that other reports (the board pack) can reuse the parts.
package pdf

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/equip-project/equip/internal/report"
)

// A4 portrait in millimetres.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginL      = 20.0
	marginR      = 20.0
	marginTop    = 24.0
	marginBottom = 18.0
	contentW     = pageW - marginL - marginR
	bodyTop      = marginTop
	bodyBottom   = pageH - marginBottom
	bodyHeight   = bodyBottom - bodyTop
	pagesAlias   = "{nb}"
)

// section is one part of the document: it starts on a new page under a
// bookmark with its title, and is listed in the contents when listed.
type section struct {
	title  string
	listed bool
	build  func(d *doc)
}

// pages is what one pass over the document learnt about its pagination.
type pages struct {
	start []int // the first page of each section, in section order
	total int
}

// doc is one pass of drawing the document.
type doc struct {
	f        *fpdf.Fpdf
	pub      *report.Publication
	sections []section
	links    []int  // internal link of each section, for the contents
	prev     *pages // pagination of the previous pass; nil on the first
	this     pages
	// compact draws charts shorter, as the board pack does to keep to a
	// ten-minute read.
	compact bool
}

// Write writes a publication to a PDF file at path: the equalities board
// pack when Meta.Report is "board_pack", else the annual workforce equality
// profile.
func Write(path string, pub *report.Publication) error {
	if pub == nil {
		return fmt.Errorf("write PDF %s: %w", path, errNoPublication)
	}
	sections := annualProfile(pub)
	if isBoardPack(pub.Meta) {
		sections = boardPack(pub)
	}
	d, err := build(pub, sections)
	if err != nil {
		return fmt.Errorf("write PDF %s: %w", path, err)
	}
	if err := d.f.OutputFileAndClose(path); err != nil {
		return fmt.Errorf("write PDF %s: %w", path, err)
	}
	return nil
}

var errNoPublication = errors.New("no publication")

// build draws the document until its pagination settles: the contents can
// only give page numbers once a pass has found them, so the first pass
// learns them and the next one prints them. The contents' layout does not
// depend on the numbers, so the second pass is normally the last.
func build(pub *report.Publication, sections []section) (*doc, error) {
	var prev *pages
	for range 3 {
		d, err := render(pub, sections, prev)
		if err != nil {
			return nil, err
		}
		if prev != nil && prev.total == d.this.total && slices.Equal(prev.start, d.this.start) {
			return d, nil
		}
		p := d.this
		prev = &p
	}
	return nil, errors.New("the page numbering did not settle after three passes")
}

func render(pub *report.Publication, sections []section, prev *pages) (*doc, error) {
	f := fpdf.New("P", "mm", "A4", "")
	d := &doc{f: f, pub: pub, sections: sections, prev: prev, compact: isBoardPack(pub.Meta)}
	m := pub.Meta

	// A fixed creation date, sorted catalogues and compressed streams make
	// two writes of the same publication byte-identical.
	stamp := generatedTime(m)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetTitle(documentTitle(m), true)
	f.SetSubject(reportHeading(m), true)
	f.SetAuthor(m.Organisation, true)
	f.SetCreator("equip", true)
	f.SetProducer("equip "+m.Version, true)
	f.SetLang("en-GB")

	f.SetMargins(marginL, marginTop, marginR)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCellMargin(0)
	f.AliasNbPages(pagesAlias)
	registerFonts(f)
	f.SetHeaderFuncMode(d.pageHeader, true)
	f.SetFooterFunc(d.pageFooter)

	for range sections {
		d.links = append(d.links, f.AddLink())
	}
	for i, s := range sections {
		f.AddPage()
		d.this.start = append(d.this.start, f.PageNo())
		f.SetLink(d.links[i], 0, f.PageNo())
		d.font("", 10)
		f.Bookmark(s.title, 0, 0)
		s.build(d)
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("draw %s: %w", s.title, err)
		}
	}
	d.this.total = f.PageNo()
	return d, nil
}

// generatedTime is the run's time from Meta.Generated, used as the PDF's
// creation date; a publication without one gets its as-of date, and failing
// that a fixed date, so that the output never depends on the clock.
func generatedTime(m report.Meta) time.Time {
	if t, err := time.Parse(time.RFC3339, m.Generated); err == nil {
		return t.UTC()
	}
	if t, err := time.Parse(isoDate, m.AsOf); err == nil {
		return t
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// documentTitle is "organisation – title", as the running header shows it.
func documentTitle(m report.Meta) string {
	title := reportTitle(m)
	if m.Organisation == "" {
		return title
	}
	return m.Organisation + " – " + title
}

// pageHeader runs at the top of every page after the cover.
func (d *doc) pageHeader() {
	if d.f.PageNo() == 1 {
		return
	}
	m := d.pub.Meta
	d.font("", 8)
	d.textColour(muted)
	d.f.SetXY(marginL, 10)
	d.f.CellFormat(contentW*0.78, 4, documentTitle(m), "", 0, "L", false, 0, "")
	d.f.SetXY(marginL, 10)
	d.f.CellFormat(contentW, 4, longDate(m.AsOf), "", 0, "R", false, 0, "")
	d.drawColour(ruleGrey)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, 15.5, pageW-marginR, 15.5)
}

// pageFooter runs at the foot of every page after the cover: the key to the
// table symbols and "Page N of M".
func (d *doc) pageFooter() {
	if d.f.PageNo() == 1 {
		return
	}
	y := pageH - 10
	d.drawColour(ruleGrey)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, y-4.5, pageW-marginR, y-4.5)
	d.font("", 7.5)
	d.textColour(muted)
	d.f.Text(marginL, y, "[c] confidential   [x] not available   [z] not applicable")
	// The total is only known at the end; the alias is replaced then. Its
	// width is measured with the previous pass's total so the text ends at
	// the margin.
	label := fmt.Sprintf("Page %d of %s", d.f.PageNo(), pagesAlias)
	measure := label
	if d.prev != nil {
		measure = fmt.Sprintf("Page %d of %d", d.f.PageNo(), d.prev.total)
	}
	d.f.Text(pageW-marginR-d.f.GetStringWidth(measure), y, label)
}

// ensure starts a new page unless a block of height h fits below the
// current position (a block taller than a page starts at the top anyway).
func (d *doc) ensure(h float64) {
	if y := d.f.GetY(); y+h > bodyBottom && y > bodyTop+1 {
		d.f.AddPage()
	}
}

// space moves down by h unless that would run off the page.
func (d *doc) space(h float64) {
	y := d.f.GetY() + h
	if y > bodyBottom {
		y = bodyBottom
	}
	d.f.SetY(y)
}

// sectionTitle draws a section's heading at the top of its page.
func (d *doc) sectionTitle(title string) {
	y := d.f.GetY()
	d.fillColour(accent)
	d.f.Rect(marginL, y+0.8, 1.6, 8, "F")
	d.font("B", 20)
	d.textColour(ink)
	d.f.SetXY(marginL+5, y)
	d.f.CellFormat(contentW-5, 10, title, "", 1, "L", false, 0, "")
	d.f.SetY(y + 15)
}

const subheadingH = 9

// subheading draws a heading inside a section, kept on one page with the
// first `following` millimetres of what comes after it.
func (d *doc) subheading(title string, following float64) {
	d.ensure(subheadingH + following)
	if d.f.GetY() > bodyTop+1 {
		d.space(2)
	}
	d.font("B", 12.5)
	d.textColour(accent)
	d.f.SetX(marginL)
	d.f.CellFormat(contentW, 6, title, "", 1, "L", false, 0, "")
	d.f.SetY(d.f.GetY() + 2)
	d.textColour(ink)
}

// paragraph writes body text across the content width.
func (d *doc) paragraph(text string) {
	d.styledText(text, "", 10, ink)
	d.space(2.5)
}

// note writes a smaller, muted paragraph, such as a table's footnote.
func (d *doc) note(text string) {
	d.styledText(text, "", 8.5, muted)
	d.space(2)
}

func (d *doc) styledText(text, style string, size float64, c rgb) {
	d.font(style, size)
	d.textColour(c)
	d.f.SetX(marginL)
	d.f.MultiCell(contentW, lineHeight(size), text, "", "L", false)
	d.textColour(ink)
}

// textHeight is the height a paragraph of text would take.
func (d *doc) textHeight(text string, size float64) float64 {
	d.font("", size)
	return float64(len(d.wrap(text, contentW))) * lineHeight(size)
}

// bullets writes a bulleted list with hanging indents.
func (d *doc) bullets(items []string) {
	const indent = 6
	for _, item := range items {
		d.font("", 10)
		lines := d.wrap(item, contentW-indent)
		d.ensure(float64(len(lines)) * lineHeight(10))
		y := d.f.GetY()
		d.fillColour(accent)
		d.f.Circle(marginL+1.6, y+lineHeight(10)/2, 0.9, "F")
		d.textColour(ink)
		d.f.SetXY(marginL+indent, y)
		d.f.MultiCell(contentW-indent, lineHeight(10), item, "", "L", false)
		d.space(2)
	}
}
