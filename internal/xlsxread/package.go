package xlsxread

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// Relationship types of transitional Open XML; a Strict package uses other
// names and is left to the general reader.
const (
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relWorksheet      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
	mainNamespace     = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
)

// sharedStringsPath is where the shared strings are read from, whatever the
// relationships say, as excelize does (matched ignoring case).
const sharedStringsPath = "xl/sharedstrings.xml"

// maxPartSize bounds the small parts parsed whole (workbook, relationships).
const maxPartSize = 16 << 20

// pkg is what Open needs from the package: the sheet's part and name and
// the shared-strings part.
type pkg struct {
	sheet         *zip.File
	sheetName     string
	sharedStrings *zip.File
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type workbookXML struct {
	XMLName xml.Name
	Sheets  []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

func openPackage(z *zip.Reader, opts Options) (*pkg, error) {
	files := make(map[string]*zip.File, len(z.File))
	var total uint64
	var sst *zip.File
	for _, f := range z.File {
		total += f.UncompressedSize64
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, fmt.Errorf("%w: part %s uses compression method %d", ErrUnsupported, f.Name, f.Method)
		}
		name := strings.ReplaceAll(f.Name, `\`, "/")
		files[name] = f
		if strings.EqualFold(name, sharedStringsPath) {
			sst = f
		}
	}
	if opts.MaxUnzipSize > 0 && total > uint64(opts.MaxUnzipSize) {
		return nil, fmt.Errorf("%w: the parts inflate to %d bytes, over the limit of %d", ErrUnsupported, total, opts.MaxUnzipSize)
	}

	var root relationships
	if err := readXMLPart(files, "_rels/.rels", &root); err != nil {
		return nil, err
	}
	wbPath := ""
	for _, r := range root.Rels {
		if r.Type == relOfficeDocument {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if wbPath == "" {
		return nil, fmt.Errorf("%w: no workbook relationship in _rels/.rels", ErrUnsupported)
	}
	var wb workbookXML
	if err := readXMLPart(files, wbPath, &wb); err != nil {
		return nil, err
	}
	if wb.XMLName.Space != mainNamespace {
		return nil, fmt.Errorf("%w: workbook namespace %q", ErrUnsupported, wb.XMLName.Space)
	}
	var wbRels relationships
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := readXMLPart(files, relsPath, &wbRels); err != nil {
		return nil, err
	}
	if len(wb.Sheets) == 0 {
		return nil, fmt.Errorf("%w: the workbook lists no sheets", ErrUnsupported)
	}
	idx := 0
	if opts.Sheet != "" {
		idx = -1
		for i, s := range wb.Sheets {
			if strings.EqualFold(s.Name, opts.Sheet) {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("%w: no sheet %q", ErrUnsupported, opts.Sheet)
		}
	}
	want := wb.Sheets[idx]
	for _, r := range wbRels.Rels {
		if r.ID != want.RID {
			continue
		}
		if r.Type != relWorksheet {
			return nil, fmt.Errorf("%w: sheet %q is not a worksheet (%s)", ErrUnsupported, want.Name, r.Type)
		}
		target := worksheetPath(wbPath, r.Target)
		f := files[target]
		if f == nil {
			return nil, fmt.Errorf("%w: sheet %q: no part %s", ErrUnsupported, want.Name, target)
		}
		name := want.Name
		if opts.Sheet != "" {
			name = opts.Sheet
		}
		return &pkg{sheet: f, sheetName: name, sharedStrings: sst}, nil
	}
	return nil, fmt.Errorf("%w: sheet %q has no relationship %q", ErrUnsupported, want.Name, want.RID)
}

// worksheetPath resolves a relationship target against the workbook's
// folder (or from the package root when it starts with "/").
func worksheetPath(wbPath, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+target), "/")
}

func readXMLPart(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return fmt.Errorf("%w: no part %s", ErrUnsupported, name)
	}
	if f.UncompressedSize64 > maxPartSize {
		return fmt.Errorf("%w: part %s is %d bytes", ErrUnsupported, name, f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: part %s: %v", ErrUnsupported, name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	if err != nil {
		return fmt.Errorf("%w: part %s: %v", ErrUnsupported, name, err)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: part %s: %v", ErrUnsupported, name, err)
	}
	return nil
}
