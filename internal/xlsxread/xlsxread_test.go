package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/testutil"
	"github.com/xuri/excelize/v2"
)

// row is one row as a reader gives it.
type row struct {
	num   int
	cells []string
	bad   bool // a row-level error
}

func (r row) String() string {
	return fmt.Sprintf("%d%s %q", r.num, map[bool]string{true: "!"}[r.bad], r.cells)
}

// readAll reads a sheet with this package's reader.
func readAll(t *testing.T, path, sheet string) ([]row, error) {
	t.Helper()
	r, err := Open(path, Options{Sheet: sheet})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []row
	for {
		cells, n, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		var re *RowError
		if errors.As(err, &re) {
			out = append(out, row{num: re.Row, bad: true})
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, row{num: n, cells: slices.Clone(cells)})
	}
}

// oracleRows reads a sheet with excelize as the ingest package used to:
// Rows, counting each Next, and Columns with raw cell values.
func oracleRows(t *testing.T, path, sheet string) []row {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize cannot open %s: %v", path, err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetList()[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatalf("excelize cannot read %s: %v", sheet, err)
	}
	defer rows.Close()
	var out []row
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			out = append(out, row{num: n, bad: true})
			continue
		}
		out = append(out, row{num: n, cells: cells})
	}
	if err := rows.Error(); err != nil {
		t.Fatalf("excelize: %v", err)
	}
	return out
}

// sameRows compares rows, taking a nil and an empty row as the same, and
// names the first cell that differs.
func sameRows(t *testing.T, what string, got, want []row) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w row
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g.num != w.num || g.bad != w.bad || len(g.cells) != len(w.cells) {
			t.Fatalf("%s: row %d of %d/%d differs:\n got %s\nwant %s", what, i+1, len(got), len(want), clipRow(g), clipRow(w))
		}
		for j := range g.cells {
			if g.cells[j] != w.cells[j] {
				t.Fatalf("%s: row %d, cell %d differs:\n got %q\nwant %q", what, g.num, j+1, clip([]byte(g.cells[j])), clip([]byte(w.cells[j])))
			}
		}
	}
}

func clipRow(r row) string {
	cells := make([]string, len(r.cells))
	for i, c := range r.cells {
		cells[i] = clip([]byte(c))
	}
	return row{num: r.num, bad: r.bad, cells: cells}.String()
}

// TestMatchesExcelizeOnRepositoryWorkbooks reads every workbook the
// repository ships (the demo inputs, and any test corpus) with both readers.
func TestMatchesExcelizeOnRepositoryWorkbooks(t *testing.T) {
	root := testutil.Root(t)
	var files []string
	for _, pattern := range []string{"inputs/workforce/*.xlsx", "testdata/*.xlsx", "testdata/*/*.xlsx", "internal/*/testdata/*.xlsx", "internal/*/testdata/*/*.xlsx"} {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no workbooks in the repository")
	}
	checked := 0
	for _, f := range files {
		got, err := readAll(t, f, "")
		if errors.Is(err, ErrUnsupported) {
			continue // the general reader's business
		}
		if _, xerr := excelize.OpenFile(f); xerr != nil {
			continue // a corpus file excelize cannot open either
		}
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		sameRows(t, filepath.Base(f), got, oracleRows(t, f, ""))
		checked++
	}
	if checked == 0 {
		t.Fatal("no workbook was compared")
	}
}

// part is one file of a hand-built package.
type part struct{ name, body string }

const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// writeWorkbook writes a package with the given sheets (name, sheetData
// content) and shared strings (nil: no shared-strings part), plus extra parts.
func writeWorkbook(t testing.TB, dir, file string, sheets [][2]string, sst []string, workbookPr string, extra ...part) string {
	t.Helper()
	var wb, rels, types strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<workbook " + mainNS + ">" + workbookPr + "<sheets>")
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	types.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	parts := []part{}
	for i, s := range sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s[0], i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		body := s[1]
		if !strings.HasPrefix(body, "<?xml") && !strings.HasPrefix(body, "<worksheet") {
			body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<worksheet " + mainNS + "><sheetData>" + body + "</sheetData></worksheet>"
		}
		parts = append(parts, part{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), body})
	}
	wb.WriteString("</sheets></workbook>")
	if sst != nil {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, len(sheets)+1)
		types.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
		for _, si := range sst {
			b.WriteString(si)
		}
		b.WriteString("</sst>")
		parts = append(parts, part{"xl/sharedStrings.xml", b.String()})
	}
	rels.WriteString("</Relationships>")
	types.WriteString("</Types>")
	parts = append([]part{
		{"[Content_Types].xml", types.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
	}, parts...)
	parts = append(parts, extra...)
	return writeZip(t, filepath.Join(dir, file), parts)
}

func writeZip(t testing.TB, path string, parts []part) string {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := z.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// edgeSST holds shared strings of every shape: plain, rich text with a
// phonetic run, an escaped carriage return, empty, and padded.
var edgeSST = []string{
	`<si><t>Name</t></si>`,
	`<si><r><t>Ri</t></r><r><rPr><b/></rPr><t>ch</t></r><rPh sb="0" eb="1"><t>フリ</t></rPh></si>`,
	`<si><t>a_x000D_b</t></si>`,
	`<si><t/></si>`,
	`<si><t xml:space="preserve">  padded  </t></si>`,
	`<si><t>_x005F_x0041_ and _xD800_ and _x00e9_</t></si>`,
}

// edgeRows exercises cell types, gaps, rows without numbers, text
// decoding, namespace prefixes, formulas and a bad cell reference.
var edgeRows = `<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
	`<row r="3"><c r="B3" t="inlineStr"><is><t>inline &amp; &lt;x&gt; &#233;</t></is></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c></row>` +
	`<row r="4"><c r="A4"><v>45382</v></c><c r="B4" s="1"><v>0.5</v></c><c r="C4" t="str"><f>A4&amp;"x"</f><v>45382x</v></c><c r="D4"><f>1+1</f></c><c r="E4" t="s"><v>3</v></c></row>` +
	`<row><c t="inlineStr"><is><r><t>A</t></r><r><rPr><b/></rPr><t xml:space="preserve"> B</t></r></is></c><c/><c t="s"><v>2</v></c></row>` +
	`<row r="6"><c r="A6" t="inlineStr"><is><t><![CDATA[x<y & z]]></t></is></c><c r="B6" t="inlineStr"><is><t>line1&#13;&#10;line2</t></is></c><c r="C6" t="inlineStr"><is><t>raw` + "\r\n" + `break</t></is></c></row>` +
	`<x:row r="7" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="A7" t="s"><x:v>4</x:v></x:c><x:c r="B7" t="s"><x:v>5</x:v></x:c></x:row>` +
	`<row r="10"><c r="B10" t="inlineStr"><is><t>` + strings.Repeat("é", 40000) + `</t></is></c></row>` +
	`<row r="11"><c r="A11"><v>1</v></c><c r="1A"><v>2</v></c><c r="C11"><v>3</v></c></row>` +
	`<!-- a comment --><row r="12"><c r="A12" t="d"><v>2025-03-31T00:00:00</v></c><c r="$B$12" t="s"><v> 0 </v></c><c r="C12" t="s"><v>99</v></c></row>`

// edgeWant is edgeRows as worked out by hand from excelize's rules.
var edgeWant = []row{
	{num: 1, cells: []string{"Name", "", "Rich"}},
	{num: 2},
	{num: 3, cells: []string{"", "inline & <x> é", "", "1", "#N/A"}},
	{num: 4, cells: []string{"45382", "0.5", "45382x", ""}},
	{num: 5, cells: []string{"A B", "", "a\rb"}},
	{num: 6, cells: []string{"x<y & z", "line1\r\nline2", "raw\nbreak"}},
	{num: 7, cells: []string{"  padded  ", "_x0041_ and  and é"}},
	{num: 8},
	{num: 9},
	{num: 10, cells: []string{"", strings.Repeat("é", 40000)}},
	{num: 11, bad: true},
	{num: 12, cells: []string{"2025-03-31T00:00:00", "Name"}},
}

func TestEdgeCases(t *testing.T) {
	dir := t.TempDir()
	path := writeWorkbook(t, dir, "edge.xlsx", [][2]string{{"Staff", edgeRows}}, edgeSST, `<workbookPr date1904="1"/>`)
	got, err := readAll(t, path, "")
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "by hand", got, edgeWant)
	sameRows(t, "excelize", got, oracleRows(t, path, ""))
}

// TestRowQuirks checks the row numbering against excelize where the r
// attributes are missing, out of order, repeated or not numbers.
func TestRowQuirks(t *testing.T) {
	cases := []struct {
		name, rows string
		want       []row
	}{
		{"no numbers", `<row><c><v>1</v></c></row><row><c><v>2</v></c></row>`,
			[]row{{num: 1, cells: []string{"1"}}, {num: 2, cells: []string{"2"}}}},
		{"starts late", `<row r="3"><c r="B3"><v>1</v></c></row>`,
			[]row{{num: 1}, {num: 2}, {num: 3, cells: []string{"", "1"}}}},
		{"numbered after a gap", `<row r="2"><c><v>1</v></c></row><row><c><v>2</v></c></row>`,
			[]row{{num: 1}, {num: 2, cells: []string{"1"}}, {num: 3, cells: []string{"2"}}}},
		// A row numbered before the current one is read into it.
		{"out of order", `<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>`,
			[]row{{num: 1, cells: []string{"1"}}, {num: 2}, {num: 3, cells: []string{"3", "2"}}}},
		// A malformed r fails the row before it (excelize reads it there).
		{"bad number", `<row r="1"><c><v>1</v></c></row><row r="x"><c><v>2</v></c></row><row r="3"><c><v>3</v></c></row>`,
			[]row{{num: 1, bad: true}, {num: 2, cells: []string{"2"}}, {num: 3, cells: []string{"3"}}}},
		{"bad first number", `<row r="x"><c><v>1</v></c></row><row><c><v>2</v></c></row>`,
			[]row{{num: 1, bad: true}, {num: 2, cells: []string{"2"}}}},
		{"cells out of order", `<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row>`,
			[]row{{num: 1, cells: []string{"", "", "3", "1"}}}},
		{"bad style", `<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="x" t="s"><v>0</v></c><c><v>3</v></c></row>`,
			[]row{{num: 1, cells: []string{"1", "", "3"}}}},
		{"empty row element", `<row r="1"/><row r="2"><c><v>2</v></c></row>`,
			[]row{{num: 1}, {num: 2, cells: []string{"2"}}}},
		{"no rows", ``, nil},
		{"column past XFD", `<row r="1"><c r="XFE1"><v>1</v></c></row><row r="2"><c><v>2</v></c></row>`,
			[]row{{num: 1, bad: true}, {num: 2, cells: []string{"2"}}}},
		{"lower-case reference", `<row r="1"><c r="b1"><v>2</v></c></row>`,
			[]row{{num: 1, cells: []string{"", "2"}}}},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeWorkbook(t, dir, fmt.Sprintf("q%d.xlsx", i), [][2]string{{"S", c.rows}}, nil, "")
			got, err := readAll(t, path, "")
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, "by hand", got, c.want)
			sameRows(t, "excelize", got, oracleRows(t, path, ""))
		})
	}
}

func TestSheetChoice(t *testing.T) {
	dir := t.TempDir()
	path := writeWorkbook(t, dir, "two.xlsx", [][2]string{
		{"Notes", `<row r="1"><c t="inlineStr"><is><t>read me</t></is></c></row>`},
		{"Staff", `<row r="1"><c t="inlineStr"><is><t>id</t></is></c></row>`},
	}, nil, "")
	cases := []struct{ sheet, wantName, wantCell string }{
		{"", "Notes", "read me"},
		{"staff", "staff", "id"},
		{"Staff", "Staff", "id"},
	}
	for _, c := range cases {
		r, err := Open(path, Options{Sheet: c.sheet})
		if err != nil {
			t.Fatalf("sheet %q: %v", c.sheet, err)
		}
		cells, n, err := r.Next()
		r.Close()
		if err != nil || n != 1 || len(cells) != 1 || cells[0] != c.wantCell || r.Sheet() != c.wantName {
			t.Errorf("sheet %q: got %q (row %d, %v) from %q; want %q from %q", c.sheet, cells, n, err, r.Sheet(), c.wantCell, c.wantName)
		}
	}
	if _, err := Open(path, Options{Sheet: "Pay"}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("a missing sheet: got %v, want ErrUnsupported (the general reader words the error)", err)
	}
}

// TestRefused lists the packages left to the general reader.
func TestRefused(t *testing.T) {
	dir := t.TempDir()
	strict := strings.NewReplacer("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
	good := writeWorkbook(t, dir, "good.xlsx", [][2]string{{"S", `<row r="1"><c><v>1</v></c></row>`}}, nil, "")
	data, _ := os.ReadFile(good)
	notZip := filepath.Join(dir, "text.xlsx")
	os.WriteFile(notZip, []byte("id,grade\n1,A\n"), 0o644)
	ole := filepath.Join(dir, "encrypted.xlsx")
	os.WriteFile(ole, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644)
	cases := map[string]string{
		"not a zip":               notZip,
		"OLE (encrypted or .xls)": ole,
		"strict namespace": writeZip(t, filepath.Join(dir, "strict.xlsx"), []part{
			{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
			{"xl/workbook.xml", strict.Replace(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
			{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		}),
		"sheet in another encoding": writeWorkbook(t, dir, "latin1.xlsx", [][2]string{{"S", `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet ` + mainNS + `><sheetData/></worksheet>`}}, nil, ""),
		"no workbook relationship":  writeZip(t, filepath.Join(dir, "norels.xlsx"), []part{{"xl/workbook.xml", "<workbook/>"}}),
	}
	for name, path := range cases {
		if _, err := Open(path, Options{}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: got %v, want ErrUnsupported", name, err)
		}
	}
	if _, err := Open(good, Options{MaxUnzipSize: 100}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("over the unzip limit: got %v, want ErrUnsupported", err)
	}
	if len(data) == 0 {
		t.Fatal("the good workbook was not written")
	}
}

// TestDamagedData flips bytes inside the compressed worksheet: the reader
// must end with an error, never hang or panic, and never pass it off as a
// clean end.
func TestDamagedData(t *testing.T) {
	dir := t.TempDir()
	var rows strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>person %d</t></is></c><c r="B%d"><v>%d</v></c></row>`, i, i, i, i, i*7)
	}
	path := writeWorkbook(t, dir, "big.xlsx", [][2]string{{"S", rows.String()}}, nil, "")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet *zip.File
	for _, f := range z.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			sheet = f
		}
	}
	off, err := sheet.DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	size := int64(sheet.CompressedSize64)
	for _, at := range []int64{off + size/3, off + size/2, off + size - 8} {
		bad := slices.Clone(data)
		bad[at] ^= 0x55
		bad[at+1] ^= 0xAA
		p := filepath.Join(dir, fmt.Sprintf("bad%d.xlsx", at))
		os.WriteFile(p, bad, 0o644)
		got, err := readAll(t, p, "")
		if err == nil {
			t.Errorf("damage at byte %d: read %d rows and no error", at, len(got))
		}
	}
}

// TestCloseEarly stops reading part way through a large sheet.
func TestCloseEarly(t *testing.T) {
	dir := t.TempDir()
	var rows strings.Builder
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i)
	}
	path := writeWorkbook(t, dir, "big.xlsx", [][2]string{{"S", rows.String()}}, nil, "")
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cells, n, err := r.Next()
	if err != nil || n != 1 || cells[0] != "1" {
		t.Fatalf("first row: %q %d %v", cells, n, err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRowLargerThanBuffer reads a row of several megabytes, more than the
// reader's first buffer holds.
func TestRowLargerThanBuffer(t *testing.T) {
	long := strings.Repeat("x", 32000)
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2">`)
	for c := 1; c <= 100; c++ {
		fmt.Fprintf(&b, `<c r="%s2" t="inlineStr"><is><t>%s</t></is></c>`, colName(c), long)
	}
	b.WriteString(`</row><row r="3"><c r="A3"><v>3</v></c></row>`)
	path := writeWorkbook(t, t.TempDir(), "wide.xlsx", [][2]string{{"S", b.String()}}, nil, "")
	got, err := readAll(t, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(got[1].cells) != 100 || got[1].cells[99] != long || got[2].cells[0] != "3" {
		t.Fatalf("got %d rows, the second with %d cells; want 3 rows, the second with 100 cells of 32000 x", len(got), len(got[1].cells))
	}
}

// randomWorkbook writes a sheet of random rows and shared strings: rows
// and cells with and without numbers and with gaps, every cell type, text
// with markup characters, entities, CDATA, line ends, escapes and
// non-ASCII, and rows long enough to straddle the reader's buffer.
func randomWorkbook(t *testing.T, dir string, seed uint64, rows int) string {
	r := rand.New(rand.NewPCG(seed, 1))
	pieces := []string{"a", "Z", " ", "é", "—", "中", "😀", "&amp;", "&lt;", "&gt;", "&quot;", "&#10;", "&#x1F600;", "\r\n", "\n", "\t", "_x000D_", "_x005F_", "'", "\""}
	text := func(n int) string {
		var b strings.Builder
		for range n {
			if r.IntN(3) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteByte(byte('a' + r.IntN(26)))
			}
		}
		s := b.String()
		if r.IntN(20) == 0 {
			s = "<![CDATA[<b> & " + strings.ReplaceAll(strings.ReplaceAll(s, "&", ""), "]]>", "") + "]]>"
		}
		return s
	}
	var sst []string
	for range 200 {
		if r.IntN(4) == 0 {
			sst = append(sst, `<si><r><t>`+text(5)+`</t></r><r><rPr><i/></rPr><t xml:space="preserve">`+text(8)+`</t></r></si>`)
		} else {
			sst = append(sst, `<si><t>`+text(1+r.IntN(30))+`</t></si>`)
		}
	}
	var b strings.Builder
	num := 0
	for range rows {
		num += 1 + r.IntN(2)
		if r.IntN(10) == 0 {
			fmt.Fprintf(&b, `<row>`)
			num = num - 1
		} else {
			fmt.Fprintf(&b, `<row r="%d" spans="1:40">`, num)
		}
		col := 0
		for range r.IntN(40) {
			col += 1 + r.IntN(3)
			ref := ""
			if r.IntN(8) != 0 {
				ref = fmt.Sprintf(` r="%s%d"`, colName(col), num)
			}
			switch r.IntN(9) {
			case 0:
				fmt.Fprintf(&b, `<c%s t="s"><v>%d</v></c>`, ref, r.IntN(len(sst)+2))
			case 1:
				fmt.Fprintf(&b, `<c%s t="inlineStr"><is><t>%s</t></is></c>`, ref, text(r.IntN(60)))
			case 2:
				fmt.Fprintf(&b, `<c%s t="b"><v>%d</v></c>`, ref, r.IntN(2))
			case 3:
				fmt.Fprintf(&b, `<c%s t="e"><v>#DIV/0!</v></c>`, ref)
			case 4:
				fmt.Fprintf(&b, `<c%s t="str"><f>A1&amp;B1</f><v>%s</v></c>`, ref, text(r.IntN(10)))
			case 5:
				fmt.Fprintf(&b, `<c%s/>`, ref)
			case 6:
				fmt.Fprintf(&b, `<c%s s="%d"><v>%g</v></c>`, ref, r.IntN(5), r.Float64()*1e6)
			case 7:
				fmt.Fprintf(&b, `<c%s t="inlineStr"><is><t>%s</t></is></c>`, ref, strings.Repeat("long ", r.IntN(400)))
			default:
				fmt.Fprintf(&b, `<c%s><v>%d</v></c>`, ref, r.IntN(100000))
			}
		}
		b.WriteString(`</row>`)
	}
	return writeWorkbook(t, dir, fmt.Sprintf("random%d.xlsx", seed), [][2]string{{"Random", b.String()}}, sst, "")
}

func colName(c int) string {
	name := ""
	for ; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name
}

func TestMatchesExcelizeOnRandomWorkbooks(t *testing.T) {
	dir := t.TempDir()
	for seed := uint64(1); seed <= 4; seed++ {
		path := randomWorkbook(t, dir, seed, 1500)
		got, err := readAll(t, path, "")
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		sameRows(t, fmt.Sprintf("seed %d", seed), got, oracleRows(t, path, ""))
	}
}

// TestMatchesExcelizeOnExcelizeWorkbook reads a workbook excelize wrote with
// its ordinary (shared-strings) writer: values of every Go type, rich
// text, a formula and a date.
func TestMatchesExcelizeOnExcelizeWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	values := []any{"text", 12, 3.25, true, false, "", " spaced ", "line\nbreak", -0.001, 1e21, "=not a formula"}
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i%4+1, i/4+1)
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellRichText("Sheet1", "B5", []excelize.RichTextRun{{Text: "bold", Font: &excelize.Font{Bold: true}}, {Text: " plain"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Sheet1", "C6", "SUM(A1:A2)"); err != nil {
		t.Fatal(err)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellValue("Sheet1", "D8", 45747)
	f.SetCellStyle("Sheet1", "D8", "D8", style)
	path := filepath.Join(t.TempDir(), "excelize.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got, err := readAll(t, path, "")
	if err != nil {
		t.Fatal(err)
	}
	want := oracleRows(t, path, "")
	sameRows(t, "excelize", got, want)
	if len(got) != 8 || got[4].cells[1] != "bold plain" || got[7].cells[3] != "45747" {
		t.Errorf("got %v; want 8 rows, B5 %q and D8 %q", got, "bold plain", "45747")
	}
}

// FuzzReader feeds malformed worksheets: the reader must not panic or
// hang, whatever the XML.
func FuzzReader(f *testing.F) {
	for _, s := range []string{edgeRows, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, `<row><c><v>1`, `<row r="2"><c r="`, `<![CDATA[`, `<!DOCTYPE x [<!ENTITY a "b">]>`} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, rows string) {
		path := writeWorkbook(t, dir, "fuzz.xlsx", [][2]string{{"S", rows}}, edgeSST, "")
		r, err := Open(path, Options{})
		if err != nil {
			return
		}
		defer r.Close()
		for i := 0; i < 1<<21; i++ {
			_, _, err := r.Next()
			var re *RowError
			if err != nil && !errors.As(err, &re) {
				return
			}
		}
		t.Fatal("the reader does not come to an end")
	})
}
