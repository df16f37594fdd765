// Package table is the shape every published figure travels in: a named
// table of typed columns whose cells are either values or one of the GSS
// shorthand markers ([c] suppressed, [x] not available, [z] not applicable).
// Metrics produce tables, disclosure control rewrites their cells, and every
// report (CSV, XLSX, PDF, HTML, charts) reads the same tables.
package table

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind says what a column holds and so how its cells are formatted.
type Kind int

const (
	Text    Kind = iota // labels: characteristic, category, grade, status
	Date                // ISO dates, held as text (YYYY-MM-DD)
	Count               // whole numbers of people, applications, cases
	Percent             // 0–100, rounded to Column.Decimals (default 2)
	Ratio               // representation ratios, relative likelihoods (2 dp)
	Number              // other measures, e.g. percentage-point gaps
	Flag                // yes/no flags, held as text
)

// Column describes one column of a table.
type Column struct {
	Name     string // the stable machine name used in CSV headers (CONTRACT.md)
	Kind     Kind
	Decimals int    // for Percent, Ratio and Number; 0 means the default of 2
	Label    string // a human heading for the workbook and reports; Name when empty
}

// Heading returns the human heading of the column.
func (c Column) Heading() string {
	if c.Label != "" {
		return c.Label
	}
	return c.Name
}

// Places returns the number of decimal places the column's values are shown
// with: Decimals when set, else 2 for percentages, ratios and numbers, and
// none for the other kinds.
func (c Column) Places() int {
	switch c.Kind {
	case Percent, Ratio, Number:
		if c.Decimals > 0 {
			return c.Decimals
		}
		return 2
	}
	return 0
}

// Status says whether a cell holds a value or why it does not.
type Status int

const (
	Value         Status = iota
	Empty                // nothing to show (e.g. an optional column with no data)
	Suppressed           // [c] confidential: disclosure control withheld it
	NotAvailable         // [x] not available (e.g. no man or no woman had a bonus)
	NotApplicable        // [z] not applicable (e.g. the reference category's own ratio)
)

// Marker returns the GSS shorthand for a status ("" for Value and Empty).
func (s Status) Marker() string {
	switch s {
	case Suppressed:
		return "[c]"
	case NotAvailable:
		return "[x]"
	case NotApplicable:
		return "[z]"
	}
	return ""
}

// Cell is one value of a table: text for Text, Date and Flag columns, a number
// for the rest, or a Status marker in place of either.
type Cell struct {
	Text   string
	Num    float64
	Status Status
}

// Str makes a text cell.
func Str(s string) Cell { return Cell{Text: s} }

// Num makes a numeric cell; NaN and infinities become NotAvailable.
func Num(v float64) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Cell{Status: NotAvailable}
	}
	return Cell{Num: v}
}

// Int makes a count cell.
func Int(n int64) Cell { return Cell{Num: float64(n)} }

// Marked makes a cell carrying only a status marker.
func Marked(s Status) Cell { return Cell{Status: s} }

// IsValue reports whether the cell holds a value (not a marker, not empty).
func (c Cell) IsValue() bool { return c.Status == Value }

// Format renders the cell as the tidy CSV shows it: markers as [c]/[x]/[z],
// numbers rounded to the column's places with '.' as the decimal point.
func (c Cell) Format(col Column) string {
	switch c.Status {
	case Empty:
		return ""
	case Value:
	default:
		return c.Status.Marker()
	}
	switch col.Kind {
	case Text, Date, Flag:
		return c.Text
	case Count:
		return strconv.FormatInt(int64(math.Round(c.Num)), 10)
	}
	v := Round(c.Num, col.Places())
	return strconv.FormatFloat(v, 'f', col.Places(), 64)
}

// Round rounds half away from zero to the given number of decimal places.
func Round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	// The small nudge keeps values such as 2.675 (stored as 2.67499…) rounding as written.
	return math.Round(v*p+math.Copysign(1e-9, v)) / p
}

// Thousands writes a whole number with comma thousands separators, as
// sentences and headings show counts: 6425 → "6,425".
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Row is one row of a table, one cell per column.
type Row []Cell

// Table is one published table.
type Table struct {
	Name        string // file and sheet name: profile, representation_by_grade, …
	Title       string // a sentence-case title for the workbook and reports
	Description string // what the table shows, for the contents sheet and notes
	Columns     []Column
	Rows        []Row
}

// Index returns the position of the named column, or -1.
func (t *Table) Index(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// MustIndex returns the position of the named column and panics when the
// table has no such column: a programming error, never an input error.
func (t *Table) MustIndex(name string) int {
	i := t.Index(name)
	if i < 0 {
		panic(fmt.Sprintf("table %s has no column %q", t.Name, name))
	}
	return i
}

// Get returns the cell of row r in the named column.
func (t *Table) Get(r int, name string) Cell { return t.Rows[r][t.MustIndex(name)] }

// Filter returns the rows whose named text columns equal the given values,
// given as name, value pairs.
func (t *Table) Filter(pairs ...string) []Row {
	idx := make([]int, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		idx = append(idx, t.MustIndex(pairs[i]))
	}
	var out []Row
	for _, row := range t.Rows {
		ok := true
		for k, i := range idx {
			if row[i].Text != pairs[2*k+1] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, row)
		}
	}
	return out
}

// Distinct returns the distinct text values of a column in first-seen order.
func (t *Table) Distinct(name string) []string {
	i := t.MustIndex(name)
	seen := map[string]bool{}
	var out []string
	for _, row := range t.Rows {
		if v := row[i].Text; !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
