package xlsxread

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sizes of the scanner's work: the read buffer (grown for a row that does
// not fit) and when a batch of rows is handed over.
const (
	readSize      = 1 << 20
	maxBufferSize = 1 << 30
	batchRows     = 1024
	batchArena    = 256 << 10
)

// maxColumns is the last column a cell reference may name (XFD).
const maxColumns = 16384

// batch is a run of rows handed from the scanner to the caller.
type batch struct {
	rows  []rowOut
	cells []string // the rows' cells, back to back
	err   error    // why the sheet ends after these rows

	// While the batch is built, cell values are spans of the arena or
	// shared strings; they become strings when the batch is sealed.
	spans []span
	arena []byte
}

type rowOut struct {
	cells      []string
	first, end int // the row's spans
	num        int
	err        error
}

// span is a cell's text: a shared string, or a stretch of the batch's arena.
type span struct {
	str     string
	off, n  int
	inArena bool
}

func (b *batch) reset() {
	b.rows, b.cells, b.spans, b.arena, b.err = b.rows[:0], b.cells[:0], b.spans[:0], b.arena[:0], nil
}

// seal turns the spans into strings: one copy of the arena per batch.
func (b *batch) seal() {
	text := string(b.arena)
	for _, s := range b.spans {
		if s.inArena {
			b.cells = append(b.cells, text[s.off:s.off+s.n])
		} else {
			b.cells = append(b.cells, s.str)
		}
	}
	for i := range b.rows {
		r := &b.rows[i]
		if r.end > r.first {
			r.cells = b.cells[r.first:r.end:r.end]
		} else {
			r.cells = nil
		}
	}
}

// sheetScanner reads a worksheet's XML and cuts it into rows the way
// excelize's Rows iterator does, row numbering and all.
type sheetScanner struct {
	src    io.Reader
	lex    lexer
	buf    []byte
	pos    int // next unread byte of buf
	srcErr error

	strsReady <-chan sharedStrings
	strs      []string
	strsErr   error
	strsRead  bool

	free <-chan *batch
	out  *batch

	// The iterator's state, named as in excelize: cur is the number of the
	// row element last met, seek the number of the row being returned.
	cur, seek int
	// pending is a row start tag met by the search for the next row and
	// not yet taken by the cells' reader.
	pending bool

	value, inline []byte // scratch for one cell's text
}

func newSheetScanner(src io.Reader, strs <-chan sharedStrings, free <-chan *batch) *sheetScanner {
	return &sheetScanner{src: src, strsReady: strs, free: free, buf: make([]byte, 0, readSize)}
}

// fill reads more input, keeping buf[keep:]; positions shift down by
// keep. It is only called while more input may come (the lexer is not final).
func (s *sheetScanner) fill(keep int) {
	n := copy(s.buf[:cap(s.buf)], s.buf[keep:])
	s.buf = s.buf[:n]
	s.pos -= keep
	if cap(s.buf)-n < readSize/2 {
		if cap(s.buf) >= maxBufferSize {
			s.srcErr = fmt.Errorf("a row is larger than %d bytes", maxBufferSize)
			s.lex.b, s.lex.final = s.buf, true
			return
		}
		grown := make([]byte, n, 2*cap(s.buf))
		copy(grown, s.buf)
		s.buf = grown
	}
	// Fill the buffer: the fewer the refills, the fewer rows are read twice.
	for len(s.buf) < cap(s.buf) {
		m, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+m]
		if err != nil {
			s.srcErr = err
			break
		}
	}
	s.lex.b, s.lex.final = s.buf, s.srcErr != nil
}

// start reads the first block and checks the XML declaration: a sheet in
// an encoding other than UTF-8 is left to the general reader.
func (s *sheetScanner) start() error {
	s.fill(0)
	if s.srcErr != nil && s.srcErr != io.EOF {
		return fmt.Errorf("%w: %v", ErrUnsupported, s.srcErr)
	}
	s.buf = bytes.TrimPrefix(s.buf, []byte("\xef\xbb\xbf"))
	s.lex.b = s.buf
	return checkDeclaration(s.buf)
}

// checkDeclaration refuses an XML declaration naming an encoding other than UTF-8.
func checkDeclaration(b []byte) error {
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return nil
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return nil
	}
	decl := string(b[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return nil
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		rest = rest[1:]
		if j := strings.IndexAny(rest, `"'`); j >= 0 {
			if enc := strings.ToLower(rest[:j]); enc != "utf-8" && enc != "utf8" {
				return fmt.Errorf("%w: the XML is in %s", ErrUnsupported, rest[:j])
			}
		}
	}
	return nil
}

// run scans the sheet and sends batches of rows until the sheet ends, it
// fails, or done is closed.
func (s *sheetScanner) run(out chan<- *batch, done <-chan struct{}) {
	defer func() {
		// A fault in the scanner must end the read with an error, not the program.
		if p := recover(); p != nil {
			select {
			case out <- &batch{err: fmt.Errorf("the worksheet cannot be read (%v)", p)}:
			case <-done:
			}
		}
		close(out)
	}()
	s.out = s.newBatch()
	send := func() bool {
		s.out.seal()
		select {
		case out <- s.out:
		case <-done:
			return false
		}
		s.out = s.newBatch()
		return true
	}
	for {
		err := s.step()
		if errors.Is(err, errShort) {
			continue // step has read more input; the row is read again
		}
		if err == io.EOF {
			err = s.drain()
		}
		if err != nil {
			if err != io.EOF {
				s.out.err = s.failure(err)
			}
			if len(s.out.rows) > 0 || s.out.err != nil {
				send()
			}
			return
		}
		if len(s.out.rows) >= batchRows || len(s.out.arena) >= batchArena {
			if !send() {
				return
			}
		}
		select {
		case <-done:
			return
		default:
		}
	}
}

// drain reads what follows the sheet's data, so that a damaged part (a
// checksum that does not match) is noticed; it returns io.EOF when all is well.
func (s *sheetScanner) drain() error {
	if s.srcErr == nil {
		_, err := io.Copy(io.Discard, s.src)
		s.srcErr = err
		if err == nil {
			s.srcErr = io.EOF
		}
	}
	if s.srcErr != io.EOF {
		return s.srcErr
	}
	return io.EOF
}

// failure words why the sheet could not be read: a read error (damaged
// compressed data) explains a document that seems cut short.
func (s *sheetScanner) failure(err error) error {
	if s.srcErr != nil && s.srcErr != io.EOF {
		return fmt.Errorf("the worksheet cannot be inflated: %w", s.srcErr)
	}
	return fmt.Errorf("the worksheet XML is malformed: %w", err)
}

func (s *sheetScanner) newBatch() *batch {
	select {
	case b := <-s.free:
		b.reset()
		return b
	default:
		return &batch{}
	}
}

// sharedString returns shared string i, waiting for the table the first
// time; found is false for an index outside the table.
func (s *sheetScanner) sharedString(i int) (str string, found bool, err error) {
	if !s.strsRead {
		t := <-s.strsReady
		s.strs, s.strsErr, s.strsRead = t.list, t.err, true
	}
	if s.strsErr != nil {
		return "", false, s.strsErr
	}
	if i < 0 || i >= len(s.strs) {
		return "", false, nil
	}
	return s.strs[i], true, nil
}

// step is one turn of the iterator: Next, then Columns. When the input runs
// out in the middle of a row it reads more and returns errShort, and the
// row is read again from its start on the next call. It returns io.EOF
// after the last row.
func (s *sheetScanner) step() error {
	s.seek++
	if s.cur < s.seek {
		for {
			found, err := s.findRow()
			if errors.Is(err, errShort) {
				s.fill(s.pos)
				continue
			}
			if err != nil {
				return err
			}
			if !found {
				return io.EOF
			}
			break
		}
	}
	if s.cur > s.seek {
		s.emit()
		return nil
	}
	saved := *s
	out := s.out
	rows, spans, arena := len(out.rows), len(out.spans), len(out.arena)
	err := s.columns()
	if errors.Is(err, errShort) {
		*s = saved
		out.rows, out.spans, out.arena = out.rows[:rows], out.spans[:spans], out.arena[:arena]
		s.seek--
		s.fill(s.pos)
	}
	return err
}

// findRow passes over markup up to the next row start tag, as Rows.Next
// does, leaving the tag for columns to read. It reports false at the end of
// sheetData or of the document.
func (s *sheetScanner) findRow() (bool, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:], '<')
		if i < 0 {
			if s.lex.final {
				s.pos = len(s.buf)
				return false, nil
			}
			s.pos = len(s.buf)
			return false, errShort
		}
		s.pos += i
		t, err := s.lex.readTag(s.pos)
		if err != nil {
			return false, err
		}
		switch {
		case t.kind == tagEnd && string(t.local) == "sheetData":
			s.pos = t.end
			return false, nil
		case (t.kind == tagStart || t.kind == tagEmpty) && string(t.local) == "row":
			r, _ := s.rowNumber()
			s.cur++
			if r > MaxRows {
				return false, fmt.Errorf("row number %d is past the last row, %d", r, MaxRows)
			}
			if r != 0 {
				s.cur = r
			}
			s.pending = true
			return true, nil
		}
		s.pos = t.end
	}
}

// rowNumber reads the r attribute of the row start tag just read (0 when
// there is none; 0 and an error when it is not a number).
func (s *sheetScanner) rowNumber() (int, error) {
	r := 0
	for _, a := range s.lex.attrs {
		if string(a.local) != "r" {
			continue
		}
		v, err := s.lex.attrValue(a)
		if err != nil {
			return 0, err
		}
		if n, ok := digits(v); ok {
			r = n
			continue
		}
		n, err := strconv.Atoi(string(v))
		if err != nil {
			return 0, err
		}
		r = n
	}
	return r, nil
}

// digits reads a short run of ASCII digits.
func digits(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// columns reads the cells of the row being returned, up to the start of the
// next row that has a later number, the end of sheetData, or the end of the
// document — as Rows.Columns does, quirks included: a row element whose
// number is not past the row being returned adds its cells to it, and a
// malformed r on the next row's element fails this one.
func (s *sheetScanner) columns() error {
	row := rowOut{num: s.seek, first: len(s.out.spans)}
	col, count := 0, 0 // the column of the last cell; cells so far, blanks included
	finish := func(err error) error {
		row.end, row.err = row.first+count, err
		if err != nil {
			s.out.spans = s.out.spans[:row.first]
			row.end = row.first
		}
		s.out.rows = append(s.out.rows, row)
		return nil
	}
	for {
		i := bytes.IndexByte(s.buf[s.pos:], '<')
		if i < 0 {
			if s.lex.final {
				s.pos = len(s.buf)
				return finish(nil)
			}
			return errShort
		}
		if c, ok, err := s.plainCell(s.pos + i); ok || err != nil {
			if err != nil {
				return err
			}
			s.pos = c.end
			if col, err = cellColumn(c.ref); err != nil {
				return finish(err)
			}
			if c.keep {
				count = s.place(c.value, col, count)
			}
			continue
		}
		t, err := s.lex.readTag(s.pos + i)
		if err != nil {
			return err
		}
		s.pos = t.end
		switch {
		case t.kind == tagEnd && string(t.local) == "sheetData":
			return finish(nil)
		case (t.kind == tagStart || t.kind == tagEmpty) && string(t.local) == "row":
			r, rerr := s.rowNumber()
			if r > MaxRows {
				// excelize would return empty rows up to r; a number past
				// Excel's last row means a damaged file, so stop here.
				return fmt.Errorf("row number %d is past the last row, %d", r, MaxRows)
			}
			if r != 0 {
				s.cur = r
			} else if !s.pending {
				s.cur++
			}
			s.pending = false
			if s.cur > s.seek || rerr != nil {
				return finish(rerr)
			}
		case (t.kind == tagStart || t.kind == tagEmpty) && string(t.local) == "c":
			c, err := s.cell(t)
			if err != nil {
				return err
			}
			s.pos = c.end
			if len(c.ref) == 0 {
				col++
			} else if col, err = cellColumn(c.ref); err != nil {
				// The rest of the row is passed over by the next search for a row.
				return finish(err)
			}
			if c.keep {
				count = s.place(c.value, col, count)
			}
		}
	}
}

// place adds a cell's value to the row being built, in column col: after
// a blank for each column passed over since the row's last cell. count is
// the row's cells so far, blanks included; place returns the new count.
func (s *sheetScanner) place(value span, col, count int) int {
	for blank := col - count; blank > 1; blank-- {
		s.out.spans = append(s.out.spans, span{})
		count++
	}
	s.out.spans = append(s.out.spans, value)
	return count + 1
}

// emit adds a row without cells: a gap in the row numbers.
func (s *sheetScanner) emit() {
	n := len(s.out.spans)
	s.out.rows = append(s.out.rows, rowOut{num: s.seek, first: n, end: n})
}

// cellRead is one <c> element as read.
type cellRead struct {
	end   int    // the position after the element
	ref   []byte // its r attribute ("" when none)
	value span
	keep  bool // the cell has a value, or a formula (kept even when empty)
}

// cell reads a <c> element whose start tag was t. Its value follows the
// type as excelize gives raw values: a shared string's text for "s", the
// inline string for "inlineStr", and for anything else the <v> text as
// written.
func (s *sheetScanner) cell(t tag) (cellRead, error) {
	c := cellRead{end: t.end}
	var typ []byte
	for _, a := range s.lex.attrs {
		v, err := s.lex.attrValue(a)
		if err != nil {
			return c, err
		}
		switch string(a.local) {
		case "r":
			c.ref = v
		case "t":
			typ = v
		case "s":
			if _, ok := digits(v); !ok {
				if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
					// excelize stops reading the cell at a style that is not a
					// number: the cell keeps its place, not its value.
					if t.kind == tagStart {
						c.end, err = s.lex.skipElement(t.end)
					}
					return c, err
				}
			}
		}
	}
	if t.kind == tagEmpty {
		return c, nil
	}
	var (
		p                  = t.end
		v                  []byte
		formula, hasInline bool
	)
	for {
		i := bytes.IndexByte(s.buf[p:], '<')
		if i < 0 {
			return c, s.lex.short()
		}
		ct, err := s.lex.readTag(p + i)
		if err != nil {
			return c, err
		}
		p = ct.end
		if ct.kind == tagEnd && string(ct.local) == "c" {
			break
		}
		if ct.kind != tagStart && ct.kind != tagEmpty {
			continue
		}
		switch string(ct.local) {
		case "v":
			s.value = s.value[:0]
			if ct.kind == tagStart {
				if p, s.value, err = s.lex.elementText(p, s.value, true); err != nil {
					return c, err
				}
			}
			v = s.value
		case "f":
			formula = true
			if ct.kind == tagStart {
				if p, err = s.lex.skipElement(p); err != nil {
					return c, err
				}
			}
		case "is":
			hasInline = true
			s.inline = s.inline[:0]
			if ct.kind == tagStart {
				if p, s.inline, err = s.lex.richText(p, s.inline); err != nil {
					return c, err
				}
			}
		}
	}
	c.end, c.keep = p, formula
	text := v
	switch string(typ) {
	case "s":
		if len(v) == 0 {
			break
		}
		idx, ok := digits(v)
		if !ok {
			idx, _ = strconv.Atoi(strings.TrimSpace(string(v)))
		}
		str, _, err := s.sharedString(idx)
		if err != nil {
			return c, err
		}
		// An index past the table gives no value, as in excelize.
		c.value = span{str: str}
		c.keep = c.keep || str != ""
		return c, nil
	case "inlineStr":
		if hasInline {
			text = unescapeOOXML(s.inline)
		}
	}
	if len(text) > 0 {
		c.value, c.keep = s.inArena(text), true
	}
	return c, nil
}

// plainCell reads, at p, a cell in the form nearly every cell of a saved
// workbook takes — <c r="B2" s="1" t="s"><v>12</v></c>, or an inline
// string <c r="B2" t="inlineStr"><is><t>text</t></is></c> as report tools
// write them, with a reference, double quotes, plain ASCII and nothing else
// — faster than cell does. It reports false, having changed nothing, for
// any other form.
func (s *sheetScanner) plainCell(p int) (cellRead, bool, error) {
	b := s.buf
	if p+3 >= len(b) || b[p+1] != 'c' || b[p+2] != ' ' {
		return cellRead{}, false, nil
	}
	var c cellRead
	var typ []byte
	q := p + 3
	for {
		for q < len(b) && b[q] == ' ' {
			q++
		}
		if q >= len(b) {
			return cellRead{}, false, nil
		}
		if b[q] == '>' {
			q++
			break
		}
		eq := bytes.IndexByte(b[q:min(q+16, len(b))], '=')
		if eq < 1 || q+eq+1 >= len(b) || b[q+eq+1] != '"' {
			return cellRead{}, false, nil
		}
		name := b[q : q+eq]
		start := q + eq + 2
		end := bytes.IndexByte(b[start:], '"')
		if end < 0 {
			return cellRead{}, false, nil
		}
		v := b[start : start+end]
		if bytes.IndexByte(v, '&') >= 0 {
			return cellRead{}, false, nil
		}
		switch string(name) {
		case "r":
			c.ref = v
		case "t":
			typ = v
		case "s":
			if _, ok := digits(v); !ok {
				return cellRead{}, false, nil
			}
		default:
			for _, ch := range name {
				if !('a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z') {
					return cellRead{}, false, nil
				}
			}
		}
		q = start + end + 1
	}
	// The value: <v>text</v>, or for an inline string <is><t>text</t></is>.
	open, closing := "<v>", "</v></c>"
	if string(typ) == "inlineStr" {
		open, closing = "<is><t>", "</t></is></c>"
	}
	if len(c.ref) == 0 || q+len(open) >= len(b) || string(b[q:q+len(open)]) != open {
		return cellRead{}, false, nil
	}
	q += len(open)
	end := bytes.IndexByte(b[q:], '<')
	if end < 0 {
		return cellRead{}, false, nil
	}
	v := b[q : q+end]
	for _, ch := range v {
		if ch < 0x20 || ch >= 0x80 || ch == '&' {
			return cellRead{}, false, nil
		}
	}
	q += end
	if q+len(closing) > len(b) || string(b[q:q+len(closing)]) != closing {
		return cellRead{}, false, nil
	}
	c.end = q + len(closing)
	switch string(typ) {
	case "s":
		if len(v) == 0 {
			return c, true, nil
		}
		idx, ok := digits(v)
		if !ok {
			return cellRead{}, false, nil
		}
		str, _, err := s.sharedString(idx)
		if err != nil {
			return cellRead{}, false, err
		}
		c.value, c.keep = span{str: str}, str != ""
		return c, true, nil
	case "inlineStr":
		if bytes.Contains(v, []byte("_x")) {
			return cellRead{}, false, nil // an escape for cell to decode
		}
	}
	if len(v) > 0 {
		c.value, c.keep = s.inArena(v), true
	}
	return c, true, nil
}

// inArena copies a cell's text into the batch's arena.
func (s *sheetScanner) inArena(text []byte) span {
	sp := span{off: len(s.out.arena), n: len(text), inArena: true}
	s.out.arena = append(s.out.arena, text...)
	return sp
}

// cellColumn is the column number of a cell reference such as "B2" or
// "$AB$10", with excelize's rules for what is a reference.
func cellColumn(ref []byte) (int, error) {
	col, i := 0, 0
	for i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if row, ok := digits(ref[i:]); i > 0 && ok && row > 0 && row <= MaxRows && col <= maxColumns {
		return col, nil
	}
	return cellColumnSlow(string(ref))
}

func cellColumnSlow(ref string) (int, error) {
	bad := fmt.Errorf("cell reference %q is not a cell name such as B2", ref)
	isAlpha := func(r rune) bool { return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || r == '$' }
	if strings.IndexFunc(ref, isAlpha) != 0 {
		return 0, bad
	}
	i := strings.LastIndexFunc(ref, isAlpha)
	if i >= len(ref)-1 {
		return 0, bad
	}
	row, err := strconv.Atoi(ref[i+1:])
	if err != nil || row <= 0 {
		return 0, bad
	}
	if row > MaxRows {
		return 0, fmt.Errorf("cell reference %q is past row %d", ref, MaxRows)
	}
	name := strings.ReplaceAll(ref[:i+1], "$", "")
	if name == "" {
		return 0, bad
	}
	col, mult := 0, 1
	for j := len(name) - 1; j >= 0; j-- {
		c := name[j]
		switch {
		case 'A' <= c && c <= 'Z':
			col += int(c-'A'+1) * mult
		case 'a' <= c && c <= 'z':
			col += int(c-'a'+1) * mult
		default:
			return 0, bad
		}
		mult *= 26
	}
	if col > maxColumns {
		return 0, fmt.Errorf("cell reference %q is past column XFD", ref)
	}
	return col, nil
}
