package xlsx

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSheetName is Excel's limit on the length of a sheet name.
const maxSheetName = 31

// nameSet hands out names that are unique ignoring case, as Excel requires of
// both sheet names and table names.
type nameSet map[string]bool

// sheet returns a valid, unused sheet name close to want: characters Excel
// forbids become underscores, the name is cut to 31 characters and a number
// is added when the name is taken.
func (n nameSet) sheet(want string) string {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			return '_'
		}
		if unicode.IsControl(r) {
			return '_'
		}
		return r
	}, want)
	clean = strings.Trim(clean, "' ")
	if clean == "" || strings.EqualFold(clean, "History") {
		clean = "Sheet"
	}
	return n.unique(clean, maxSheetName, " ")
}

// table returns a valid, unused Excel table name: letters, digits and
// underscores, starting with "tbl_" so that it can never look like a cell
// reference.
func (n nameSet) table(want string) string {
	clean := strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return r
		}
		return '_'
	}, want)
	return n.unique("tbl_"+clean, 250, "_")
}

// unique cuts name to limit characters and, when it is taken, replaces its
// end with sep and 2, 3, … until it is free.
func (n nameSet) unique(name string, limit int, sep string) string {
	name = cut(name, limit)
	candidate := name
	for i := 2; n[strings.ToLower(candidate)]; i++ {
		suffix := sep + strconv.Itoa(i)
		candidate = cut(name, limit-utf8.RuneCountInString(suffix)) + suffix
	}
	n[strings.ToLower(candidate)] = true
	return candidate
}

// cut returns s cut to at most limit characters.
func cut(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit])
}

// sheetRef is a sheet name quoted for use in a cell reference or hyperlink.
func sheetRef(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}
