package census

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/equip-project/equip/internal/suggest"
)

var bom = []byte("\xef\xbb\xbf")

// labelSum is the residents of one census category, summed over the chosen
// areas and over every other variable of the table.
type labelSum struct {
	label  string
	count  float64
	line   int    // where the label was first seen, for errors
	column string // the header of the column holding it
}

// variable is one census variable of a table and its marginal totals.
type variable struct {
	name   string // as the table names it, e.g. "Ethnic group (8 categories)"
	kind   kind
	col    int // the column holding its labels (long layout)
	labels []*labelSum
	index  map[string]*labelSum
}

func (v *variable) add(label string, count float64, line int, column string) {
	if v.index == nil {
		v.index = map[string]*labelSum{}
	}
	s, ok := v.index[label]
	if !ok {
		s = &labelSum{label: label, line: line, column: column}
		v.index[label] = s
		v.labels = append(v.labels, s)
	}
	s.count += count
}

// table is one census file reduced to the marginal totals of its variables
// over the chosen areas.
type table struct {
	path     string
	areas    []string
	vars     []*variable
	adult    bool // the population base is residents aged 16 and over
	warnings []string
}

// readTable reads a census file in either ONS layout and sums the rows of
// the given geography codes.
func readTable(path string, geographies []string) (*table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read census table: %w", err)
	}
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not UTF-8 text; save the census table as CSV UTF-8", path)
	}
	r := csv.NewReader(bytes.NewReader(data))
	var rows [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %v; each row needs one cell per header column, quoted where it holds a comma", path, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty file; expected a Census 2021 table with a header row", path)
	}
	header := make([]string, len(rows[0]))
	for i, h := range rows[0] {
		header[i] = strings.TrimSpace(h)
	}
	t := &table{path: path}
	l, err := detect(path, header)
	if err != nil {
		return nil, err
	}
	keep, err := t.chooseAreas(header[l.geoCol], rows[1:], l.geoCol, geographies)
	if err != nil {
		return nil, err
	}
	if l.bulk {
		err = t.sumBulk(header, rows[1:], lines[1:], l, keep)
	} else {
		err = t.sumLong(header, rows[1:], lines[1:], l, keep)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// layout says where things are in a census table.
type layout struct {
	bulk     bool
	geoCol   int
	obsCol   int        // long layout: the Observation column
	varCols  []int      // long layout: the label column of each variable
	bulkCols []bulkCell // bulk layout: the value columns
}

type bulkCell struct {
	col                int
	variable, category string
}

// bulkHeader matches a nomis bulk value column, "Age: Aged 16 years;
// measures: Value"; other measures (percentages) are ignored.
var bulkHeader = regexp.MustCompile(`^(.+?): (.+); measures: Value$`)

const layouts = "the ONS long layout (<Area> Code, <Area>, <Variable> Code, <Variable>, …, Observation) or the nomis bulk layout (date, geography, geography code, then one \"<Variable>: <Category>; measures: Value\" column per category)"

func detect(path string, header []string) (layout, error) {
	for i, h := range header {
		if strings.EqualFold(h, "geography code") {
			l := layout{bulk: true, geoCol: i}
			for j, h := range header {
				if m := bulkHeader.FindStringSubmatch(h); m != nil {
					l.bulkCols = append(l.bulkCols, bulkCell{col: j, variable: m[1], category: m[2]})
				}
			}
			if len(l.bulkCols) == 0 {
				return l, fmt.Errorf("%s:1: no \"<Variable>: <Category>; measures: Value\" column; expected %s", path, layouts)
			}
			return l, nil
		}
	}
	if len(header) < 3 || !hasCodeSuffix(header[0]) {
		return layout{}, fmt.Errorf("%s:1: header %q is not a census table's; expected %s", path, strings.Join(header, ","), layouts)
	}
	last := len(header) - 1
	if !strings.EqualFold(header[last], "Observation") {
		return layout{}, fmt.Errorf("%s:1: no Observation column (the last column is %q); the ONS long layout ends with the count column \"Observation\"", path, header[last])
	}
	l := layout{geoCol: 0, obsCol: last}
	first := 1
	if strings.EqualFold(header[1], strings.TrimSpace(header[0][:len(header[0])-len("code")])) {
		first = 2 // the area name column
	}
	for i := first; i < last; i++ {
		if hasCodeSuffix(header[i]) && i+1 < last && strings.EqualFold(header[i+1], strings.TrimSpace(header[i][:len(header[i])-len("code")])) {
			continue // a variable's code column: its label column follows
		}
		l.varCols = append(l.varCols, i)
	}
	if len(l.varCols) == 0 {
		return layout{}, fmt.Errorf("%s:1: no variable columns between the area and Observation; expected %s", path, layouts)
	}
	return l, nil
}

func hasCodeSuffix(h string) bool {
	return len(h) > len(" code") && strings.EqualFold(h[len(h)-len(" code"):], " code")
}

// chooseAreas returns the set of geography codes to sum: the given ones,
// each of which must be in the file, or the file's only geography.
func (t *table) chooseAreas(column string, rows [][]string, geoCol int, geographies []string) (map[string]bool, error) {
	var present []string
	seen := map[string]bool{}
	for _, row := range rows {
		code := strings.ToUpper(strings.TrimSpace(row[geoCol]))
		if code != "" && !seen[code] {
			seen[code] = true
			present = append(present, code)
		}
	}
	keep := map[string]bool{}
	if len(geographies) == 0 {
		if len(present) != 1 {
			return nil, fmt.Errorf("%s: %d geographies in column %q; name the ones to sum (census geography), e.g. %s", t.path, len(present), column, strings.Join(firstN(present, 3), ", "))
		}
		keep[present[0]] = true
		t.areas = present
		return keep, nil
	}
	for _, g := range geographies {
		code := strings.ToUpper(strings.TrimSpace(g))
		if keep[code] {
			continue
		}
		if !seen[code] {
			return nil, fmt.Errorf("%s: geography code %q is not in column %q; the nearest code in the file is %s", t.path, g, column, nearestCode(code, present))
		}
		keep[code] = true
		t.areas = append(t.areas, code)
	}
	return keep, nil
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// nearestCode returns the code in the file nearest to a mistyped one. Codes
// equally near by edit distance go to the one sharing the longest prefix,
// then to the closest digit where they part: GSS codes are hierarchical (E07
// is a non-metropolitan district), so a shared prefix means a similar area.
func nearestCode(code string, present []string) string {
	type rank struct{ common, gap int }
	rankOf := func(a string) rank {
		i := 0
		for i < len(a) && i < len(code) && a[i] == code[i] {
			i++
		}
		gap := 256
		if i < len(a) && i < len(code) {
			gap = int(a[i]) - int(code[i])
			if gap < 0 {
				gap = -gap
			}
		}
		return rank{i, gap}
	}
	sorted := append([]string(nil), present...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := rankOf(sorted[i]), rankOf(sorted[j])
		if a.common != b.common {
			return a.common > b.common
		}
		return a.gap < b.gap
	})
	return suggest.Nearest(code, sorted)
}

// parseCount reads one census count.
func parseCount(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

func (t *table) sumLong(header []string, rows [][]string, lines []int, l layout, keep map[string]bool) error {
	ageCol := -1
	for _, c := range l.varCols {
		v := &variable{name: header[c], kind: kindOf(header[c]), col: c}
		t.vars = append(t.vars, v)
		switch {
		case v.kind == kindAge:
			ageCol = c
			t.adult = true
		case v.kind.adultOnly():
			t.adult = true
		}
	}
	ages := map[string]ageRange{}
	straddles := false
	firstLine := map[string]int{}
	for i, row := range rows {
		if !keep[strings.ToUpper(strings.TrimSpace(row[l.geoCol]))] {
			continue
		}
		line := lines[i]
		obs, ok := parseCount(row[l.obsCol])
		if !ok {
			return fmt.Errorf("%s:%d:%s: %q is not a count; expected a whole number of residents, 0 or more", t.path, line, header[l.obsCol], row[l.obsCol])
		}
		if ageCol >= 0 {
			label := strings.TrimSpace(row[ageCol])
			r, ok := ages[label]
			if !ok {
				lo, hi, ok := parseAge(label)
				if !ok {
					return fmt.Errorf("%s:%d:%s: %q is not an age category; expected one such as %s", t.path, line, header[ageCol], label, validAges)
				}
				r = ageRange{lo: lo, hi: hi}
				ages[label] = r
			}
			if r.hi < adultAge {
				continue
			}
			if r.lo < adultAge {
				straddles = true
			}
		}
		key := strings.ToUpper(strings.TrimSpace(row[l.geoCol]))
		for _, c := range l.varCols {
			key += "\x1f" + strings.TrimSpace(row[c])
		}
		if first, dup := firstLine[key]; dup {
			return fmt.Errorf("%s:%d: repeats line %d (same area and categories); each combination must appear once or it would be counted twice", t.path, line, first)
		}
		firstLine[key] = line
		for _, v := range t.vars {
			if t.underSixteen(row, v) {
				continue
			}
			v.add(strings.TrimSpace(row[v.col]), obs, line, header[v.col])
		}
	}
	if straddles {
		t.warnings = append(t.warnings, fmt.Sprintf("census: %s: an age category spans age %d, so the population base includes some residents under %d", t.path, adultAge, adultAge))
	}
	return nil
}

// underSixteen reports whether the row counts residents under 16 for v: the
// "Does not apply" category of a question asked only of adults (sexual
// orientation, gender identity). They stay in that question's own "Not
// known" count but are left out of every other variable, so that the
// table's base is residents aged 16 and over throughout.
func (t *table) underSixteen(row []string, v *variable) bool {
	for _, o := range t.vars {
		if o != v && o.kind.adultOnly() && normalise(row[o.col]) == doesNotApply {
			return true
		}
	}
	return false
}

func (t *table) sumBulk(header []string, rows [][]string, lines []int, l layout, keep map[string]bool) error {
	sums := make([]float64, len(l.bulkCols))
	firstLine := map[string]int{}
	for i, row := range rows {
		code := strings.ToUpper(strings.TrimSpace(row[l.geoCol]))
		if !keep[code] {
			continue
		}
		if first, dup := firstLine[code]; dup {
			return fmt.Errorf("%s:%d:%s: geography %s appears again (first on line %d); a bulk table has one row per geography", t.path, lines[i], header[l.geoCol], code, first)
		}
		firstLine[code] = lines[i]
		for j, c := range l.bulkCols {
			v, ok := parseCount(row[c.col])
			if !ok {
				return fmt.Errorf("%s:%d:%s: %q is not a count; expected a whole number of residents, 0 or more", t.path, lines[i], header[c.col], row[c.col])
			}
			sums[j] += v
		}
	}
	byName := map[string]*variable{}
	for j, c := range l.bulkCols {
		v, ok := byName[c.variable]
		if !ok {
			v = &variable{name: c.variable, kind: kindOf(c.variable)}
			byName[c.variable] = v
			t.vars = append(t.vars, v)
			if v.kind.adultOnly() {
				t.adult = true
			}
		}
		if isTotal(c.category) {
			if strings.Contains(normalise(c.category), "aged 16") {
				t.adult = true
			}
			continue
		}
		v.add(c.category, sums[j], 1, header[c.col])
	}
	for _, v := range t.vars {
		if v.kind == kindAge {
			if err := t.finestAges(v); err != nil {
				return err
			}
			continue
		}
		v.labels = leaves(v.labels)
	}
	return nil
}

// leaves drops the subtotal categories of a bulk table ("Asian, Asian
// British or Asian Welsh" beside "Asian, Asian British or Asian Welsh:
// Indian"), which would otherwise be counted twice.
func leaves(labels []*labelSum) []*labelSum {
	var kept []*labelSum
	for _, s := range labels {
		parent := false
		for _, o := range labels {
			if strings.HasPrefix(normalise(o.label), normalise(s.label)+": ") {
				parent = true
				break
			}
		}
		if !parent {
			kept = append(kept, s)
		}
	}
	return kept
}

// finestAges keeps a bulk table's finest age categories.
func (t *table) finestAges(v *variable) error {
	var ranges []ageRange
	byRange := map[ageRange]*labelSum{}
	for _, s := range v.labels {
		lo, hi, ok := parseAge(s.label)
		if !ok {
			return fmt.Errorf("%s:%d:%s: %q is not an age category; expected one such as %s", t.path, s.line, s.column, s.label, validAges)
		}
		r := ageRange{lo: lo, hi: hi}
		ranges = append(ranges, r)
		byRange[r] = s
	}
	kept := finest(ranges)
	if a, b, found := overlap(kept); found {
		sa, sb := byRange[a], byRange[b]
		return fmt.Errorf("%s:%d:%s: %q overlaps %q; age categories must not share an age", t.path, sb.line, sb.column, sb.label, sa.label)
	}
	v.labels = v.labels[:0]
	for _, r := range kept {
		v.labels = append(v.labels, byRange[r])
	}
	return nil
}
