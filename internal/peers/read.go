// Package peers compares the organisation's gender pay gap with a peer group
// of employers' figures from the government's published gender pay gap
// data: it reads the download, picks the peers, and says where the
// organisation sits among them.
package peers

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/equip-project/equip/internal/ingest"
)

// The measures compared, with the government's column names.
const (
	MeanGap           = "DiffMeanHourlyPercent"
	MedianGap         = "DiffMedianHourlyPercent"
	FemaleTopQuartile = "FemaleTopQuartile"
)

// Measures lists the compared measures in the order tables and charts show them.
var Measures = []string{MeanGap, MedianGap, FemaleTopQuartile}

// Filter names a peer group. An employer matches when it matches every
// non-empty field, and a field when it matches any of its entries:
//   - SIC: any of the employer's SIC 2007 codes (as in the file, e.g. "84110";
//     "1" is the file's code for the public sector). Leading zeros are
//     ignored, because the file drops them ("1470" is 01470).
//   - Sizes: the file's EmployerSize text ("250 to 499", "5000 to 19,999"),
//     compared without case, spaces, commas or a trailing "employees".
//   - Employers: EmployerName or CurrentName compared without case, spaces
//     or punctuation, or CompanyNumber exactly.
//
// Blank entries are ignored; an empty Filter matches every employer.
type Filter struct{ SIC, Sizes, Employers []string }

// Employer is one employer's published figures.
type Employer struct {
	Name, CurrentName, CompanyNumber string
	Size                             string
	SIC                              []string // as in the file
	// The figures are NaN when the file leaves them blank.
	DiffMeanHourly, DiffMedianHourly, FemaleTopQuartile float64
	DueDate                                             string // YYYY-MM-DD when the file's date reads as one, else as in the file
}

// Value returns the employer's figure for one of the Measures (NaN for any other name).
func (e Employer) Value(measure string) float64 {
	switch measure {
	case MeanGap:
		return e.DiffMeanHourly
	case MedianGap:
		return e.DiffMedianHourly
	case FemaleTopQuartile:
		return e.FemaleTopQuartile
	}
	return math.NaN()
}

// The columns Read needs and the optional ones it uses when present.
var (
	requiredColumns = []string{"EmployerName", MeanGap, MedianGap, FemaleTopQuartile, "SicCodes", "EmployerSize"}
	optionalColumns = []string{"CurrentName", "CompanyNumber", "DueDate"}
)

// Read reads a government gender pay gap download (CSV in the published
// layout, or the same columns in an XLSX sheet) and returns the employers
// that match the filter, in file order. A missing required column is an
// error naming the file and the column; a blank figure is kept as NaN; a
// figure that is not a number is an error naming file, row and column.
func Read(path string, f Filter) ([]Employer, error) {
	name := filepath.Base(path)
	if err := checkNotBlank(path); err != nil {
		return nil, err
	}
	rows, err := ingest.Open(path, ingest.Options{})
	if err != nil {
		return nil, fmt.Errorf("reading peer pay gap data: %w", err)
	}
	defer rows.Close()

	var header []string
	for header == nil {
		cells, _, err := rows.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s: the file is empty; give the government's gender pay gap download", name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: reading the header: %w", name, err)
		}
		if !blank(cells) {
			header = append([]string(nil), cells...)
		}
	}
	col, err := locate(name, header)
	if err != nil {
		return nil, err
	}

	m := newMatcher(f)
	var out []Employer
	for {
		cells, n, err := rows.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var re *ingest.RowError
			if errors.As(err, &re) {
				return nil, fmt.Errorf("%s:%d: the row cannot be read (%v); the government's download is well-formed, so the file may have been damaged", name, re.Row, re.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if blank(cells) {
			continue
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		e := Employer{
			Name:          get("EmployerName"),
			CurrentName:   get("CurrentName"),
			CompanyNumber: get("CompanyNumber"),
			Size:          get("EmployerSize"),
			SIC:           splitSIC(get("SicCodes")),
			DueDate:       isoDate(get("DueDate")),
		}
		if !m.match(e) {
			continue
		}
		for _, fig := range []struct {
			column string
			dst    *float64
		}{{MeanGap, &e.DiffMeanHourly}, {MedianGap, &e.DiffMedianHourly}, {FemaleTopQuartile, &e.FemaleTopQuartile}} {
			v, err := figure(get(fig.column))
			if err != nil {
				return nil, fmt.Errorf("%s:%d:%s: %w", name, n, fig.column, err)
			}
			*fig.dst = v
		}
		out = append(out, e)
	}
}

// checkNotBlank rejects a text file holding nothing but white space before
// the CSV reader sees it, since that reader fails on a file without a
// single record; the message then says what is wrong.
func checkNotBlank(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reading peer pay gap data: %w", err)
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return fmt.Errorf("reading peer pay gap data: %s: %w", path, err)
	}
	if n < len(head) && strings.TrimSpace(strings.TrimPrefix(string(head[:n]), "\uFEFF")) == "" {
		return fmt.Errorf("%s: the file is empty; give the government's gender pay gap download", filepath.Base(path))
	}
	return nil
}

// locate finds the position of each column Read uses. Headers are compared
// without case, spaces or underscores, so that a file re-saved from a
// spreadsheet ("Employer Name") still reads.
func locate(file string, header []string) (map[string]int, error) {
	at := map[string]int{}
	for i, h := range header {
		k := headerKey(h)
		if _, dup := at[k]; !dup {
			at[k] = i
		}
	}
	col := map[string]int{}
	var missing []string
	for _, c := range requiredColumns {
		if i, ok := at[headerKey(c)]; ok {
			col[c] = i
		} else {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		noun := "column"
		if len(missing) > 1 {
			noun = "columns"
		}
		return nil, fmt.Errorf("%s: no %s %s; a gender pay gap download from the government's service has %s",
			file, noun, strings.Join(missing, ", "), strings.Join(requiredColumns, ", "))
	}
	for _, c := range optionalColumns {
		if i, ok := at[headerKey(c)]; ok {
			col[c] = i
		}
	}
	return col, nil
}

func headerKey(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\uFEFF")
	return strings.ToLower(strings.NewReplacer(" ", "", "_", "").Replace(s))
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// figure reads a published percentage; blank is NaN.
func figure(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	v, err := ingest.ParseNumber(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number; the figure should be a percentage such as 12.5, or blank", s)
	}
	return v, nil
}

// splitSIC splits a SicCodes cell, which holds one code or several separated
// by commas and line breaks ("85200,\n85310").
func splitSIC(cell string) []string {
	parts := strings.FieldsFunc(cell, func(r rune) bool {
		return r == ',' || r == ';' || unicode.IsSpace(r)
	})
	if len(parts) == 0 {
		return nil
	}
	return parts
}

// isoDate turns the file's "2022/04/05 00:00:00" into "2022-04-05".
func isoDate(s string) string {
	d, _, _ := strings.Cut(s, " ")
	if len(d) == 10 && d[4] == '/' && d[7] == '/' {
		return d[:4] + "-" + d[5:7] + "-" + d[8:]
	}
	return s
}

// sicKey drops the leading zeros the file leaves out, so that "01470" from
// the SIC 2007 list matches the file's "1470".
func sicKey(code string) string {
	k := strings.TrimLeft(strings.TrimSpace(code), "0")
	if k == "" && strings.TrimSpace(code) != "" {
		return "0"
	}
	return k
}

// sizeKey compares employer size bands without case, spaces, commas or a
// trailing "employees": "5,000 to 19,999 employees" is "5000to19999".
func sizeKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimSuffix(s, "employees"))
	return strings.NewReplacer(" ", "", ",", "", "\u00a0", "").Replace(s)
}

// nameKey compares employer names without case, spaces or punctuation.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type matcher struct {
	sic, sizes, names, numbers map[string]bool
}

func newMatcher(f Filter) matcher {
	return matcher{sic: keys(f.SIC, sicKey), sizes: keys(f.Sizes, sizeKey), names: keys(f.Employers, nameKey), numbers: keys(f.Employers, strings.TrimSpace)}
}

func keys(items []string, key func(string) string) map[string]bool {
	out := map[string]bool{}
	for _, s := range items {
		if k := key(s); k != "" {
			out[k] = true
		}
	}
	return out
}

func (m matcher) match(e Employer) bool {
	if len(m.sic) > 0 && !m.matchSIC(e.SIC) {
		return false
	}
	if len(m.sizes) > 0 && !m.sizes[sizeKey(e.Size)] {
		return false
	}
	if len(m.names) > 0 && !m.named(e) {
		return false
	}
	return true
}

func (m matcher) matchSIC(codes []string) bool {
	for _, c := range codes {
		if m.sic[sicKey(c)] {
			return true
		}
	}
	return false
}

func (m matcher) named(e Employer) bool {
	if k := nameKey(e.Name); k != "" && m.names[k] {
		return true
	}
	if k := nameKey(e.CurrentName); k != "" && m.names[k] {
		return true
	}
	return e.CompanyNumber != "" && m.numbers[e.CompanyNumber]
}

// Exclude returns the employers other than those named (by EmployerName,
// CurrentName or CompanyNumber, matched as Filter.Employers is), so that
// the organisation is not counted among its own peers.
func Exclude(employers []Employer, names []string) []Employer {
	m := newMatcher(Filter{Employers: names})
	if len(m.names) == 0 {
		return employers
	}
	var out []Employer
	for _, e := range employers {
		if !m.named(e) {
			out = append(out, e)
		}
	}
	return out
}
