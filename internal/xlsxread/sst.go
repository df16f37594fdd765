package xlsxread

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// readSharedStrings reads the shared-strings part (nil: the workbook has
// none) into one string per item.
func readSharedStrings(f *zip.File) (strs sharedStrings) {
	if f == nil {
		return sharedStrings{}
	}
	defer func() {
		if p := recover(); p != nil {
			strs = sharedStrings{err: fmt.Errorf("shared strings cannot be read (%v)", p)}
		}
	}()
	rc, err := f.Open()
	if err != nil {
		return sharedStrings{err: fmt.Errorf("shared strings: %w", err)}
	}
	defer rc.Close()
	var buf bytes.Buffer
	// Size the buffer by the part's claimed size only as far as its
	// compressed size makes it plausible: a damaged or hostile directory
	// may claim gigabytes for a few hundred bytes.
	buf.Grow(int(min(f.UncompressedSize64, 64*f.CompressedSize64+64<<10, 256<<20)))
	if _, err := buf.ReadFrom(rc); err != nil {
		return sharedStrings{err: fmt.Errorf("shared strings: %w", err)}
	}
	list, err := parseSharedStrings(buf.Bytes())
	if err != nil {
		return sharedStrings{err: fmt.Errorf("shared strings: %w", err)}
	}
	return sharedStrings{list: list}
}

// checkSharedStrings refuses a shared-strings part declared in an encoding
// other than UTF-8, before any row is read.
func checkSharedStrings(f *zip.File) error {
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: shared strings: %v", ErrUnsupported, err)
	}
	defer rc.Close()
	head := make([]byte, 256)
	n, _ := io.ReadFull(rc, head)
	return checkDeclaration(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf")))
}

// parseSharedStrings reads the <si> items that are children of the root,
// as excelize does: each is the text of its last <t> followed by the text
// of its rich-text runs, with _xHHHH_ escapes decoded.
func parseSharedStrings(data []byte) ([]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	l := lexer{b: data, final: true}
	var (
		arena []byte
		ends  []int
		depth int
	)
	p := 0
	for {
		i := bytes.IndexByte(data[p:], '<')
		if i < 0 {
			break
		}
		t, err := l.readTag(p + i)
		if err != nil {
			return nil, err
		}
		p = t.end
		switch t.kind {
		case tagStart:
			switch {
			case depth == 0:
				depth = 1
				continue
			case string(t.local) == "si":
				start := len(arena)
				if p, arena, err = l.richText(p, arena); err != nil {
					return nil, err
				}
				if bytes.Contains(arena[start:], []byte("_x")) {
					arena = append(arena[:start], unescapeOOXML(arena[start:])...)
				}
			default:
				if p, err = l.skipElement(p); err != nil {
					return nil, err
				}
				continue
			}
			ends = append(ends, len(arena))
		case tagEmpty:
			if depth == 1 && string(t.local) == "si" {
				ends = append(ends, len(arena))
			}
		case tagEnd:
			depth--
		}
		if depth < 0 {
			break
		}
	}
	all := string(arena)
	list := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		list[i] = all[start:end]
		start = end
	}
	return list, nil
}
