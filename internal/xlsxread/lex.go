package xlsxread

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// errShort says the buffer ends before the item being read does; more
// input is needed and the item is read again from its start.
var errShort = errors.New("more input needed")

// errTruncated is the end of the input inside an item.
var errTruncated = errors.New("the XML ends in the middle of an element")

// lexer reads XML markup from a buffer that may hold only part of the
// document: final says no more input will follow b.
type lexer struct {
	b     []byte
	final bool
	attrs []attr // of the last start tag read; valid until the next

	plain, runs []byte // scratch for richText
}

type attr struct {
	local []byte
	value []byte
	amp   bool // the value holds an entity reference
}

type tagKind int

const (
	tagStart tagKind = iota
	tagEmpty         // <x/>
	tagEnd
	tagCDATA // <![CDATA[ … ]]>: body holds the text
	tagSkip  // a comment, processing instruction or DOCTYPE
)

type tag struct {
	kind  tagKind
	local []byte // the name without its namespace prefix
	body  []byte // the CDATA text
	end   int    // the position after the tag
}

func (l *lexer) short() error {
	if l.final {
		return errTruncated
	}
	return errShort
}

// readTag reads the markup item starting at p, where b[p] is '<'.
func (l *lexer) readTag(p int) (tag, error) {
	b := l.b
	if p+1 >= len(b) {
		return tag{}, l.short()
	}
	switch b[p+1] {
	case '?':
		i := bytes.Index(b[p+2:], []byte("?>"))
		if i < 0 {
			return tag{}, l.short()
		}
		return tag{kind: tagSkip, end: p + 2 + i + 2}, nil
	case '!':
		rest := b[p+2:]
		switch {
		case len(rest) >= 2 && rest[0] == '-' && rest[1] == '-':
			i := bytes.Index(rest[2:], []byte("-->"))
			if i < 0 {
				return tag{}, l.short()
			}
			return tag{kind: tagSkip, end: p + 4 + i + 3}, nil
		case len(rest) >= 7 && string(rest[:7]) == "[CDATA[":
			i := bytes.Index(rest[7:], []byte("]]>"))
			if i < 0 {
				return tag{}, l.short()
			}
			return tag{kind: tagCDATA, body: rest[7 : 7+i], end: p + 9 + i + 3}, nil
		case len(rest) < 7 && !l.final:
			return tag{}, errShort
		}
		i := bytes.IndexByte(rest, '>')
		if i < 0 {
			return tag{}, l.short()
		}
		if bytes.IndexByte(rest[:i], '[') >= 0 {
			return tag{}, errors.New("a DOCTYPE with an internal subset is not read")
		}
		return tag{kind: tagSkip, end: p + 2 + i + 1}, nil
	case '/':
		q := p + 2
		start := q
		for q < len(b) && !isNameEnd(b[q]) {
			q++
		}
		name := b[start:q]
		for q < len(b) && isSpace(b[q]) {
			q++
		}
		if q >= len(b) {
			return tag{}, l.short()
		}
		if b[q] != '>' || len(name) == 0 {
			return tag{}, fmt.Errorf("malformed end tag %q", clip(b[p:q+1]))
		}
		return tag{kind: tagEnd, local: localName(name), end: q + 1}, nil
	}
	q := p + 1
	for q < len(b) && !isNameEnd(b[q]) {
		q++
	}
	if q >= len(b) {
		return tag{}, l.short()
	}
	name := b[p+1 : q]
	if len(name) == 0 {
		return tag{}, fmt.Errorf("malformed tag %q", clip(b[p:q+1]))
	}
	l.attrs = l.attrs[:0]
	for {
		for q < len(b) && isSpace(b[q]) {
			q++
		}
		if q >= len(b) {
			return tag{}, l.short()
		}
		switch b[q] {
		case '>':
			return tag{kind: tagStart, local: localName(name), end: q + 1}, nil
		case '/':
			if q+1 >= len(b) {
				return tag{}, l.short()
			}
			if b[q+1] != '>' {
				return tag{}, fmt.Errorf("malformed tag <%s", clip(name))
			}
			return tag{kind: tagEmpty, local: localName(name), end: q + 2}, nil
		}
		start := q
		for q < len(b) && !isNameEnd(b[q]) && b[q] != '=' {
			q++
		}
		an := b[start:q]
		for q < len(b) && isSpace(b[q]) {
			q++
		}
		if q >= len(b) {
			return tag{}, l.short()
		}
		if b[q] != '=' || len(an) == 0 {
			return tag{}, fmt.Errorf("malformed attribute in <%s", clip(name))
		}
		q++
		for q < len(b) && isSpace(b[q]) {
			q++
		}
		if q >= len(b) {
			return tag{}, l.short()
		}
		quote := b[q]
		if quote != '"' && quote != '\'' {
			return tag{}, fmt.Errorf("unquoted attribute %s in <%s", clip(an), clip(name))
		}
		i := bytes.IndexByte(b[q+1:], quote)
		if i < 0 {
			return tag{}, l.short()
		}
		v := b[q+1 : q+1+i]
		l.attrs = append(l.attrs, attr{local: localName(an), value: v, amp: bytes.IndexByte(v, '&') >= 0})
		q += i + 2
	}
}

// attrValue is the decoded value of an attribute of the last start tag.
func (l *lexer) attrValue(a attr) ([]byte, error) {
	if !a.amp {
		return a.value, nil
	}
	return appendText(nil, a.value, true)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameEnd(c byte) bool { return isSpace(c) || c == '>' || c == '/' }

func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// elementText reads the content of an element whose start tag ends at p,
// through its end tag, and returns the position after it. The element's own
// character data (CDATA included) is appended to dst when keep is set;
// nested elements are passed over, as encoding/xml does for a string.
func (l *lexer) elementText(p int, dst []byte, keep bool) (int, []byte, error) {
	b := l.b
	depth := 0
	for {
		i := bytes.IndexByte(b[p:], '<')
		if i < 0 {
			return 0, dst, l.short()
		}
		if keep && depth == 0 && i > 0 {
			var err error
			if dst, err = appendText(dst, b[p:p+i], true); err != nil {
				return 0, dst, err
			}
		}
		p += i
		t, err := l.readTag(p)
		if err != nil {
			return 0, dst, err
		}
		p = t.end
		switch t.kind {
		case tagCDATA:
			if keep && depth == 0 {
				if dst, err = appendText(dst, t.body, false); err != nil {
					return 0, dst, err
				}
			}
		case tagStart:
			depth++
		case tagEnd:
			if depth == 0 {
				return p, dst, nil
			}
			depth--
		}
	}
}

// skipElement passes over an element whose start tag ends at p.
func (l *lexer) skipElement(p int) (int, error) {
	p, _, err := l.elementText(p, nil, false)
	return p, err
}

// richText reads a string item (a shared string's <si> or a cell's <is>)
// whose start tag ends at p: its text is the last direct <t>, then the <t>
// of each rich-text run; phonetic runs are left out. It returns the
// position after the end tag.
func (l *lexer) richText(p int, dst []byte) (int, []byte, error) {
	plain, runs := l.plain[:0], l.runs[:0]
	defer func() { l.plain, l.runs = plain, runs }()
	p, plain, err := l.lastText(p, plain, &runs)
	if err != nil {
		return 0, dst, err
	}
	dst = append(dst, plain...)
	return p, append(dst, runs...), nil
}

// lastText reads the children of an element whose start tag ends at p,
// through its end tag, and appends to dst the text of its last <t>. With
// runs set, each <r> child is a rich-text run whose own last <t> is
// appended to *runs; other children are passed over.
func (l *lexer) lastText(p int, dst []byte, runs *[]byte) (int, []byte, error) {
	mark := len(dst)
	for {
		i := bytes.IndexByte(l.b[p:], '<')
		if i < 0 {
			return 0, dst, l.short()
		}
		t, err := l.readTag(p + i)
		if err != nil {
			return 0, dst, err
		}
		p = t.end
		switch {
		case t.kind == tagEnd:
			return p, dst, nil
		case t.kind == tagEmpty && string(t.local) == "t":
			dst = dst[:mark]
		case t.kind != tagStart:
		case string(t.local) == "t":
			dst = dst[:mark]
			if p, dst, err = l.elementText(p, dst, true); err != nil {
				return 0, dst, err
			}
		case runs != nil && string(t.local) == "r":
			if p, *runs, err = l.lastText(p, *runs, nil); err != nil {
				return 0, dst, err
			}
		default:
			if p, err = l.skipElement(p); err != nil {
				return 0, dst, err
			}
		}
	}
}

// appendText appends character data as an XML parser reports it: entity
// and character references decoded (when entities is set; CDATA has none),
// line ends normalised to \n, and anything that is not XML text refused.
func appendText(dst, s []byte, entities bool) ([]byte, error) {
	// The usual case, plain ASCII text, is copied in one go.
	plain := true
	for _, c := range s {
		if c < 0x20 || c >= 0x80 || c == '&' {
			plain = false
			break
		}
	}
	if plain {
		return append(dst, s...), nil
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case c == '&' && entities:
			j := bytes.IndexByte(s[i:], ';')
			if j < 0 {
				return dst, fmt.Errorf("unterminated entity reference %q", clip(s[i:]))
			}
			r, err := entity(s[i+1 : i+j])
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
			i += j + 1
		case c < 0x80:
			if c < 0x20 && c != '\t' && c != '\n' {
				return dst, fmt.Errorf("illegal character code U+%04X", c)
			}
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				return dst, errors.New("invalid UTF-8")
			}
			if !isXMLChar(r) {
				return dst, fmt.Errorf("illegal character code %U", r)
			}
			dst = append(dst, s[i:i+size]...)
			i += size
		}
	}
	return dst, nil
}

func entity(name []byte) (rune, error) {
	switch string(name) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "apos":
		return '\'', nil
	case "quot":
		return '"', nil
	}
	if len(name) > 1 && name[0] == '#' {
		var n uint64
		var err error
		if name[1] == 'x' {
			n, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err == nil && isXMLChar(rune(n)) {
			return rune(n), nil
		}
	}
	return 0, fmt.Errorf("invalid character entity &%s;", clip(name))
}

// isXMLChar reports whether r may appear in XML 1.0 text.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// unescapeOOXML decodes the _xHHHH_ escapes Excel writes for characters XML
// cannot hold, as excelize does: _x005F_ is an underscore, and an escape of
// a code point that is not a character is dropped.
func unescapeOOXML(s []byte) []byte {
	if bytes.Index(s, []byte("_x")) < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			n, _ := strconv.ParseUint(string(s[i+2:i+6]), 16, 32)
			switch {
			case n == 0x5F:
				out = append(out, '_')
			case utf8.ValidRune(rune(n)):
				out = utf8.AppendRune(out, rune(n))
			}
			i += 7
			continue
		}
		out = append(out, s[i])
		i++
	}
	return out
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
