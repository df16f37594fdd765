package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/quality"
)

// Revision changes whenever reading a file would give different records
// from the same bytes (a new alias, a new date rule); a warehouse reloads a
// snapshot loaded under another revision.
const Revision = 3

// Answer is the cell of a column that maps to no field, by its header: a
// staff survey response to one item.
type Answer struct{ Item, Value string }

// NoAgeColumn is Record.Age for a file with neither a date of birth nor an age column.
const NoAgeColumn = -2

// ErrMissingColumn marks a workforce file without a required column.
var ErrMissingColumn = errors.New("required column missing")

// ErrInvalidData marks a file whose rows break a rule that makes the whole
// snapshot unusable (duplicate employee IDs).
var ErrInvalidData = errors.New("input data invalid")

// Unknown marks a numeric field that is absent or could not be read.
var Unknown = math.NaN()

// Record is one employee at a snapshot, harmonised. Text fields are empty
// and numbers NaN where the file has no such column; characteristics whose
// column exists but whose cell is blank or unmapped hold harmonise.NotKnown.
type Record struct {
	Row             int
	PersonKey       string // keyed hash of the employee ID: never the ID itself
	Grade           string
	Department      string
	ContractType    string
	WorkingPattern  string
	Chars           CharValues
	Age             int // completed years at the snapshot; -1 when not known, NoAgeColumn when the file has no age
	FTE             float64
	WeeklyHours     float64
	HourlyPay       float64 // as given, or worked out from salary or period pay and hours (METRICS.md "Hourly pay")
	OrdinaryPay     float64
	AnnualSalary    float64
	FTESalary       float64
	BonusPay        float64
	FullPayRelevant *bool
	StartDate       time.Time // zero when not known

	// Monitoring files' own fields.
	AgeBand string           // an age band given as text (survey forms), as one of the pipeline's bands or a missing category
	Date    time.Time        // the event's date (application, start, leaving, case opened, training); zero when not known
	Text    map[Field]string // stage, case type, outcome, course, status, reason, as written
	Other   []Answer         // the cells of unmapped columns, in column order (survey items)

	hasID bool // PersonKey comes from the file's ID column (not the row number)
}

// CharValues holds a record's category of each characteristic of
// harmonise.Input, in that order; "" where the file has no column for it.
type CharValues [harmonise.NumInput]string

// Get returns the category of c, "" when c is not an input characteristic
// or the file has no column for it.
func (v *CharValues) Get(c harmonise.Characteristic) string {
	if i := harmonise.InputIndex(c); i >= 0 {
		return v[i]
	}
	return ""
}

// CharsOf builds CharValues from categories by characteristic.
func CharsOf(m map[harmonise.Characteristic]string) CharValues {
	var v CharValues
	for c, category := range m {
		v.Set(c, category)
	}
	return v
}

// Set sets the category of the input characteristic c.
func (v *CharValues) Set(c harmonise.Characteristic, category string) {
	v[harmonise.InputIndex(c)] = category
}

// ReadOptions say how to read one workforce file.
type ReadOptions struct {
	Path        string // the file to open
	DisplayPath string // how messages name the file
	File        Options
	Aliases     Aliases
	Mapper      *harmonise.Mapper
	Snapshot    time.Time
	Key         []byte // the pseudonymisation key
	Log         *quality.Log
	// RowIDs lets a file without an ID column through, counting each row as
	// one person (one-off profiles of open-data extracts, survey responses);
	// QuietRowIDs does so without a warning.
	RowIDs, QuietRowIDs bool
	// IDField is the column that identifies a row (default employee_id;
	// application_id for recruitment, case_id for casework).
	IDField Field
	// AllowRepeatedIDs lets one ID appear on several rows (one employee's
	// training courses).
	AllowRepeatedIDs bool
	// AgeBands are the pipeline's bands, for files that give an age band as text.
	AgeBands harmonise.AgeBands
	// KeepOtherColumns keeps the cells of columns that map to no field in
	// Record.Other, in column order (staff survey items).
	KeepOtherColumns bool
	// StandardWeeklyHours is a full-time week, for hours from FTE and for
	// full-time-equivalent salaries (default 37).
	StandardWeeklyHours float64
	// PayPeriod is the period ordinary_pay covers: week, fortnight,
	// four_weeks, month (default) or year.
	PayPeriod string
	// Progress, when set, hears how far reading has got.
	Progress Progress
}

// Summary is what reading one file found.
type Summary struct {
	Sheet    string
	Rows     int // data rows read
	Rejected int // rows left out
	Fields   []Field
	Chars    []harmonise.Characteristic // characteristics the file has a column for
}

// headerSearchRows is how far down a sheet the header row is looked for.
const headerSearchRows = 30

// sniffRows is how many data rows are looked at to settle the date order.
const sniffRows = 2000

// Pseudonymise returns the keyed hash that stands for an employee ID.
func Pseudonymise(key []byte, id string) string {
	return newPseudonymiser(key).key(id)
}

// pseudonymiser hashes IDs with one keyed HMAC, reset between IDs rather
// than built anew for each row.
type pseudonymiser struct {
	mac hash.Hash
	sum []byte
}

func newPseudonymiser(key []byte) *pseudonymiser {
	return &pseudonymiser{mac: hmac.New(sha256.New, key)}
}

func (p *pseudonymiser) key(id string) string {
	p.mac.Reset()
	p.mac.Write([]byte(strings.ToUpper(strings.TrimSpace(id))))
	p.sum = p.mac.Sum(p.sum[:0])
	return hex.EncodeToString(p.sum[:16])
}

type row struct {
	cells []string
	n     int
}

// ReadWorkforce reads a workforce file and calls emit for each record.
// File-level problems (unreadable file, no header, missing employee_id,
// duplicate IDs) are returned as errors naming file, sheet and row; row-level
// problems go to the log and the field is treated as not known.
func ReadWorkforce(opts ReadOptions, emit func(*Record) error) (Summary, error) {
	var sum Summary
	name := opts.DisplayPath
	if name == "" {
		name = opts.Path
	}
	rows, err := Open(opts.Path, opts.File)
	if err != nil {
		return sum, err
	}
	defer rows.Close()
	if sz, ok := rows.(sized); ok && opts.Progress != nil {
		_, total, unit := sz.progress()
		opts.Progress.Start(name, total, unit)
		defer opts.Progress.Finish()
		rows = &reportingRows{Rows: rows, sz: sz, to: opts.Progress}
	}
	sum.Sheet = rows.Sheet()
	where := name
	if sum.Sheet != "" {
		where += ":" + sum.Sheet
	}

	// Find the header row: the row among the first ones that names most fields.
	var (
		header      []string
		headerRow   int
		bestMatches int
		pending     []row
	)
	for len(pending) < headerSearchRows {
		cells, n, err := rows.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			opts.Log.Add(quality.Problem{File: name, Sheet: sum.Sheet, Row: re.Row, Kind: "unreadable row", Message: fmt.Sprintf("the row cannot be read (%v); it is left out", re.Err), Severity: quality.Rejected})
			continue
		}
		if err != nil {
			return sum, atRow(where, err)
		}
		pending = append(pending, row{append([]string(nil), cells...), n})
	}
	for i, r := range pending {
		matches := 0
		for _, c := range r.cells {
			c, _ = RepairUTF8(c)
			if _, _, ok := opts.Aliases.Lookup(c); ok {
				matches++
			}
		}
		if matches > bestMatches {
			bestMatches, header, headerRow = matches, r.cells, i
		}
	}
	for i, c := range header {
		header[i], _ = RepairUTF8(c) // a header's stray byte is not a data problem
	}
	if len(pending) == 0 {
		what := "file"
		if sum.Sheet != "" {
			what = "sheet"
		}
		return sum, fmt.Errorf("%s: %w: the %s is empty; expected a header row and one row per employee", where, ErrInvalidData, what)
	}
	if bestMatches < 2 {
		return sum, fmt.Errorf("%s: %w: no header row found in the first %d rows; expected headers such as employee_id, grade, sex, ethnicity (add aliases under columns: in the pipeline)", where, ErrMissingColumn, headerSearchRows)
	}
	m, err := MapHeaders(header, opts.Aliases)
	if err != nil {
		return sum, fmt.Errorf("%s:%d: %w: %v", where, pending[headerRow].n, ErrInvalidData, err)
	}
	idField := opts.idField()
	if _, ok := m.Index[idField]; !ok && !opts.RowIDs {
		return sum, fmt.Errorf("%s:%d:%s: %w: no %s column; the closest header present is %q (map it under columns.%s in the pipeline)", where, pending[headerRow].n, idField, ErrMissingColumn, idNoun(idField), NearestHeader(idField, header, opts.Aliases), idField)
	}
	for _, note := range m.Notes {
		opts.Log.Add(quality.Problem{File: name, Sheet: sum.Sheet, Row: pending[headerRow].n, Kind: "column choice", Message: note})
	}
	for _, f := range fieldOrder {
		if _, ok := m.Index[f]; ok {
			sum.Fields = append(sum.Fields, f)
		}
	}
	if _, ok := m.Index[idField]; !ok && !opts.QuietRowIDs {
		opts.Log.Add(quality.Problem{File: name, Sheet: sum.Sheet, Kind: "no employee ID", Message: fmt.Sprintf("no %s column; each row is counted as one", idNoun(idField))})
	}
	for _, c := range harmonise.Input {
		if _, ok := m.Index[Field(c)]; ok {
			sum.Chars = append(sum.Chars, c)
		}
	}
	if _, ok := m.Index[DateOfBirth]; ok {
		sum.Chars = append(sum.Chars, harmonise.AgeBand)
	} else if _, ok := m.Index[Age]; ok {
		sum.Chars = append(sum.Chars, harmonise.AgeBand)
	}

	// Keep the rows after the header, and read ahead far enough to settle
	// whether numeric dates are day-first or month-first.
	data := pending[headerRow+1:]
	eof := false
	for len(data) < sniffRows && !eof {
		cells, n, err := rows.Next()
		if err == io.EOF {
			eof = true
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			data = append(data, row{nil, re.Row})
			continue
		}
		if err != nil {
			return sum, atRow(where, err)
		}
		data = append(data, row{append([]string(nil), cells...), n})
	}
	orders := map[Field]DateOrder{}
	for _, f := range []Field{DateOfBirth, StartDate, EventDate} {
		col, ok := m.Index[f]
		if !ok {
			continue
		}
		var day, month int
		for _, r := range data {
			if col < len(r.cells) {
				switch dateOrderEvidence(r.cells[col]) {
				case DayFirst:
					day++
				case MonthFirst:
					month++
				}
			}
		}
		if month > day {
			orders[f] = MonthFirst
			opts.Log.Add(quality.Problem{File: name, Sheet: sum.Sheet, Column: header[col], Kind: "date order", Message: "dates read month-first (US style), as the column's values show"})
		}
	}

	p := parser{opts: opts, name: name, sheet: sum.Sheet, m: m, orders: orders, unmapped: map[unmappedKey]*unmappedCount{}, width: len(header), ids: newPseudonymiser(opts.Key), col: columnsOf(m, opts)}
	next := func() (row, error) {
		if len(data) > 0 {
			r := data[0]
			data = data[1:]
			return r, nil
		}
		if eof {
			return row{}, io.EOF
		}
		cells, n, err := rows.Next()
		var re *RowError
		switch {
		case errors.As(err, &re):
			return row{nil, re.Row}, nil
		case err == io.EOF:
			return row{}, err
		case err != nil:
			return row{}, atRow(where, err)
		}
		return row{cells, n}, nil
	}
	if err := p.readRows(next, where, &sum, emit); err != nil {
		return sum, err
	}
	if sum.Rows == 0 {
		return sum, fmt.Errorf("%s: %w: the file has a header row but no data rows; expected one row per employee below the header", where, ErrInvalidData)
	}
	if sum.Rejected >= sum.Rows {
		return sum, fmt.Errorf("%s: %w: every one of the %s was left out (no employee ID, or unreadable); check the employee ID column and the file's quoting", where, ErrInvalidData, plural(sum.Rows, "data row"))
	}
	p.reportUnmapped()
	p.reportNoPay()
	return sum, nil
}

// reportingRows passes reading progress on every few hundred rows.
type reportingRows struct {
	Rows
	sz sized
	to Progress
	n  int
}

func (r *reportingRows) Next() ([]string, int, error) {
	if r.n++; r.n%256 == 0 {
		done, _, _ := r.sz.progress()
		r.to.Update(done)
	}
	return r.Rows.Next()
}

// atRow names where a file-level error was found: the file (and sheet), and
// the row when the error carries one.
func atRow(where string, err error) error {
	var fe *FatalRowError
	if errors.As(err, &fe) {
		return fmt.Errorf("%s:%d: %w", where, fe.Row, fe.Err)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// MaxCellBytes is the longest cell read: nothing in a workforce extract is
// longer, and a longer cell (a pasted document, a broken export) is noted
// and treated as not known rather than carried into the warehouse.
const MaxCellBytes = 1024

// sanitise repairs cells holding bytes that are not UTF-8 and blanks cells
// longer than MaxCellBytes, noting each by row and column (never its value).
func (p *parser) sanitise(r row) {
	// The column's name is worked out only for a cell that has a problem:
	// this runs for every cell of every row.
	column := func(i int) string {
		if i < len(p.m.Headers) && strings.TrimSpace(p.m.Headers[i]) != "" {
			return strings.TrimSpace(p.m.Headers[i])
		}
		return "column " + columnName(i)
	}
	for i, c := range r.cells {
		if len(c) > MaxCellBytes {
			r.cells[i] = ""
			p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Column: column(i), Kind: "cell too long",
				Message: fmt.Sprintf("the cell holds %d bytes, more than the %d a workforce field can need; treated as not known", len(c), MaxCellBytes)})
			continue
		}
		if fixed, repaired := RepairUTF8(c); repaired {
			r.cells[i] = fixed
			p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Column: column(i), Kind: "encoding",
				Message: "the cell holds bytes that are not UTF-8 (the file mixes encodings); they were read as Windows-1252; save the file as UTF-8"})
		}
	}
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

type unmappedKey struct {
	column string
	char   harmonise.Characteristic
	label  string
}

type unmappedCount struct {
	first, n int
}

type parser struct {
	opts       ReadOptions
	name       string
	sheet      string
	m          Mapping
	orders     map[Field]DateOrder
	unmapped   map[unmappedKey]*unmappedCount
	width      int
	ids        *pseudonymiser
	noPay      int // rows with pay columns but no usable hourly pay
	payRows    int // rows of a file with pay columns
	firstNoPay int
	// labels caches the mapper's answers on this parser's goroutine (the
	// mapper's own cache is shared, and so locked), by characteristic.
	labels [harmonise.NumInput]map[string]mappedLabel
	col    rowColumns
}

// rowColumns are the columns of the fields read from every row, -1 for a
// field the file has no column for: worked out once, rather than looked up
// by name for each cell.
type rowColumns struct {
	id, grade, department, contractType, workingPattern       int
	dateOfBirth, age, fte, weeklyHours                        int
	hourlyPay, ordinaryPay, annualSalary, fteSalary, bonusPay int
	fullPayRelevant, startDate                                int
	chars                                                     [harmonise.NumInput]int
	// monitoring: the file has a field only monitoring files have, or its
	// other columns are kept (survey answers).
	monitoring bool
}

// has reports whether the file has a column for any of the columns given.
func has(cols ...int) bool {
	for _, c := range cols {
		if c >= 0 {
			return true
		}
	}
	return false
}

func columnsOf(m Mapping, opts ReadOptions) rowColumns {
	idField := opts.idField()
	at := func(f Field) int {
		if i, ok := m.Index[f]; ok {
			return i
		}
		return -1
	}
	c := rowColumns{
		id: at(idField), grade: at(Grade), department: at(Department), contractType: at(ContractType), workingPattern: at(WorkingPattern),
		dateOfBirth: at(DateOfBirth), age: at(Age), fte: at(FTE), weeklyHours: at(WeeklyHours),
		hourlyPay: at(HourlyPay), ordinaryPay: at(OrdinaryPay), annualSalary: at(AnnualSalary), fteSalary: at(FTESalary), bonusPay: at(BonusPay),
		fullPayRelevant: at(FullPayRelevant), startDate: at(StartDate),
	}
	for i, ch := range harmonise.Input {
		c.chars[i] = at(Field(ch))
	}
	c.monitoring = opts.KeepOtherColumns || at(AgeBandText) >= 0 || at(EventDate) >= 0
	for _, f := range monitoringText {
		c.monitoring = c.monitoring || at(f) >= 0
	}
	return c
}

type mappedLabel struct {
	category string
	ok       bool
}

// maxLocalLabels bounds each characteristic's cache of labels: a file with
// more distinct labels than this is mostly junk, mapped afresh each time.
const maxLocalLabels = 4096

// mapLabel maps a label of the i-th input characteristic c.
func (p *parser) mapLabel(i int, c harmonise.Characteristic, raw string) (string, bool) {
	if m, hit := p.labels[i][raw]; hit {
		return m.category, m.ok
	}
	category, ok := p.opts.Mapper.Map(c, raw)
	if p.labels[i] == nil {
		p.labels[i] = map[string]mappedLabel{}
	}
	if len(p.labels[i]) < maxLocalLabels {
		p.labels[i][raw] = mappedLabel{category, ok}
	}
	return category, ok
}

func (p *parser) warn(r row, f Field, kind, format string, args ...any) {
	p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Column: p.header(f), Kind: kind, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) header(f Field) string {
	if i, ok := p.m.Index[f]; ok {
		return strings.TrimSpace(p.m.Headers[i])
	}
	return string(f)
}

func (p *parser) cell(r row, f Field) (string, bool) {
	i, ok := p.m.Index[f]
	if !ok {
		return "", false
	}
	return p.cellAt(r, i)
}

// cellAt is the trimmed cell of column i (from p.col), and whether the file
// has that column (i >= 0); a row ending before the column gives "".
func (p *parser) cellAt(r row, i int) (string, bool) {
	if i < 0 {
		return "", false
	}
	if i >= len(r.cells) {
		return "", true
	}
	return strings.TrimSpace(r.cells[i]), true
}

// record turns one row into a Record; nil when the row is left out.
func (p *parser) record(r row) (*Record, error) {
	if len(r.cells) < p.width && p.sheet == "" {
		// A CSV row with too few fields; a worksheet row simply ends at its last filled cell.
		for _, i := range p.m.Index {
			if i >= len(r.cells) {
				p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Kind: "short row", Message: fmt.Sprintf("the row has %d fields but the header has %d; the missing fields are treated as not known", len(r.cells), p.width)})
				break
			}
		}
	} else if len(r.cells) > p.width && !blankRow(r.cells[p.width:]) {
		p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Kind: "long row", Message: fmt.Sprintf("the row has %d fields but the header has %d; the extra fields are ignored", len(r.cells), p.width)})
	}
	rec := &Record{Row: r.n, Age: -1,
		FTE: Unknown, WeeklyHours: Unknown, HourlyPay: Unknown, OrdinaryPay: Unknown, AnnualSalary: Unknown, FTESalary: Unknown, BonusPay: Unknown}

	idField := p.opts.idField()
	if id, ok := p.cellAt(r, p.col.id); ok {
		if id == "" {
			p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Column: p.header(idField), Kind: "missing " + idNoun(idField), Message: fmt.Sprintf("no %s; the row is left out", idNoun(idField)), Severity: quality.Rejected})
			return nil, nil
		}
		rec.PersonKey = p.ids.key(id)
		rec.hasID = true
	} else {
		rec.PersonKey = p.ids.key(fmt.Sprintf("row-%d", r.n))
	}

	rec.Grade, _ = p.cellAt(r, p.col.grade)
	rec.Department, _ = p.cellAt(r, p.col.department)
	rec.ContractType, _ = p.cellAt(r, p.col.contractType)
	rec.WorkingPattern, _ = p.cellAt(r, p.col.workingPattern)
	if p.col.grade >= 0 && rec.Grade == "" {
		rec.Grade = harmonise.NotKnown
	}

	for ci, c := range harmonise.Input {
		raw, ok := p.cellAt(r, p.col.chars[ci])
		if !ok {
			continue
		}
		cat, mapped := p.mapLabel(ci, c, raw)
		if !mapped {
			k := unmappedKey{p.header(Field(c)), c, raw}
			if u := p.unmapped[k]; u != nil {
				u.n++
			} else {
				p.unmapped[k] = &unmappedCount{first: r.n, n: 1}
			}
		}
		rec.Chars[ci] = cat
	}

	p.readAge(r, rec)
	rec.FTE = p.number(r, FTE, p.col.fte, 0, 5, "an FTE from 0 to 5")
	rec.WeeklyHours = p.number(r, WeeklyHours, p.col.weeklyHours, 0, 100, "weekly hours from 0 to 100")
	rec.HourlyPay = p.money(r, HourlyPay, p.col.hourlyPay)
	rec.OrdinaryPay = p.money(r, OrdinaryPay, p.col.ordinaryPay)
	rec.AnnualSalary = p.money(r, AnnualSalary, p.col.annualSalary)
	rec.FTESalary = p.money(r, FTESalary, p.col.fteSalary)
	p.hourlyPay(r, rec)
	if p.col.monitoring {
		p.monitoringFields(r, rec)
	}
	rec.BonusPay = p.money(r, BonusPay, p.col.bonusPay)
	if raw, ok := p.cellAt(r, p.col.fullPayRelevant); ok && raw != "" {
		if yes, ok := ParseYesNo(raw); ok {
			rec.FullPayRelevant = &yes
		} else {
			p.warn(r, FullPayRelevant, "invalid flag", "not a yes/no value; treated as full-pay relevant")
		}
	}
	if raw, ok := p.cellAt(r, p.col.startDate); ok && raw != "" {
		if t, err := ParseDate(raw, p.orders[StartDate], p.opts.Snapshot.Year()); err == nil {
			rec.StartDate = t
		} else {
			p.warn(r, StartDate, "invalid date", "not a date; write YYYY-MM-DD or DD/MM/YYYY; treated as not known")
		}
	}
	if rec.Date.IsZero() && !rec.StartDate.IsZero() {
		rec.Date = rec.StartDate // a starters file dates its rows by the start date
	}
	return rec, nil
}

func (p *parser) readAge(r row, rec *Record) {
	if !has(p.col.dateOfBirth, p.col.age) {
		rec.Age = NoAgeColumn
		return
	}
	if raw, ok := p.cellAt(r, p.col.dateOfBirth); ok {
		if raw == "" {
			return
		}
		dob, err := ParseDate(raw, p.orders[DateOfBirth], p.opts.Snapshot.Year())
		if err != nil {
			p.warn(r, DateOfBirth, "invalid date", "not a date; write YYYY-MM-DD or DD/MM/YYYY; age treated as not known")
			return
		}
		age := harmonise.AgeAt(dob, p.opts.Snapshot)
		if age < 14 || age > 100 {
			p.warn(r, DateOfBirth, "impossible age", "gives an age outside 14–100 at the snapshot date; age treated as not known")
			return
		}
		rec.Age = age
		return
	}
	if raw, ok := p.cellAt(r, p.col.age); ok && raw != "" {
		v, err := ParseNumber(raw)
		if err != nil || v != math.Trunc(v) {
			p.warn(r, Age, "invalid number", "not a whole number of years; age treated as not known")
			return
		}
		if v < 14 || v > 100 {
			p.warn(r, Age, "impossible age", "an age outside 14–100; treated as not known")
			return
		}
		rec.Age = int(v)
	}
}

func (p *parser) number(r row, f Field, col int, lo, hi float64, valid string) float64 {
	raw, ok := p.cellAt(r, col)
	if !ok || raw == "" {
		return Unknown
	}
	v, err := ParseNumber(raw)
	if err != nil {
		p.warn(r, f, "invalid number", "not a number; expected %s; treated as not known", valid)
		return Unknown
	}
	if v < lo || v > hi {
		p.warn(r, f, "out of range", "outside the expected range (%s); treated as not known", valid)
		return Unknown
	}
	return v
}

func (p *parser) money(r row, f Field, col int) float64 {
	raw, ok := p.cellAt(r, col)
	if !ok || raw == "" {
		return Unknown
	}
	v, err := ParseMoney(raw)
	if err != nil {
		p.warn(r, f, "invalid amount", "not an amount of money; treated as not known")
		return Unknown
	}
	if v < 0 {
		p.warn(r, f, "negative pay", "a negative amount; treated as not known")
		return Unknown
	}
	return v
}

func (p *parser) reportUnmapped() {
	keys := make([]unmappedKey, 0, len(p.unmapped))
	for k := range p.unmapped {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].char != keys[j].char {
			return keys[i].char < keys[j].char
		}
		return keys[i].label < keys[j].label
	})
	for _, k := range keys {
		u := p.unmapped[k]
		p.opts.Log.Add(quality.Problem{
			File: p.name, Sheet: p.sheet, Row: u.first, Column: k.column, Kind: "unmapped label", Count: u.n,
			Message: fmt.Sprintf("label %q (%s) is not a known %s category and is counted as Not known; map it under labels.%s in the pipeline", k.label, plural(u.n, "row"), k.char, k.char),
		})
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Hourly pay bounds: below a tenth of the National Living Wage (£12.21 from
// April 2025) or above £1,000 an hour, a figure cannot be a rate of pay.
const (
	minHourlyPay = 1.221
	maxHourlyPay = 1000
	weeksPerYear = 52.143
)

// weeksPerPeriod converts ordinary pay for a period into weekly pay.
var weeksPerPeriod = map[string]float64{"week": 1, "fortnight": 2, "four_weeks": 4, "month": weeksPerYear / 12, "year": weeksPerYear}

// hourlyPay works out the hourly rate METRICS.md defines: the hourly_pay
// field; else ordinary pay for the period converted to a week ÷ weekly
// hours; else annual salary ÷ 52.143 ÷ weekly hours; else a full-time
// salary ÷ 52.143 ÷ the standard week. Weekly hours come from the hours
// column, else FTE × the standard week, else (for an annual salary with
// neither) the standard week.
func (p *parser) hourlyPay(r row, rec *Record) {
	std := p.opts.StandardWeeklyHours
	if std <= 0 {
		std = 37
	}
	hours := rec.WeeklyHours
	if math.IsNaN(hours) && !math.IsNaN(rec.FTE) {
		hours = rec.FTE * std
	}
	field := HourlyPay
	switch {
	case !math.IsNaN(rec.HourlyPay):
	case !math.IsNaN(rec.OrdinaryPay) && !math.IsNaN(hours) && hours > 0:
		weeks := weeksPerPeriod[p.opts.PayPeriod]
		if weeks == 0 {
			weeks = weeksPerPeriod["month"]
		}
		rec.HourlyPay, field = rec.OrdinaryPay/weeks/hours, OrdinaryPay
	case !math.IsNaN(rec.AnnualSalary):
		if math.IsNaN(hours) {
			hours = std
		}
		if hours > 0 {
			rec.HourlyPay = rec.AnnualSalary / weeksPerYear / hours
		}
		field = AnnualSalary
	case !math.IsNaN(rec.FTESalary):
		rec.HourlyPay, field = rec.FTESalary/weeksPerYear/std, FTESalary
	}
	if !has(p.col.hourlyPay, p.col.ordinaryPay, p.col.annualSalary, p.col.fteSalary) {
		return
	}
	p.payRows++
	if math.IsNaN(rec.HourlyPay) {
		p.markNoPay(r.n)
		return
	}
	if rec.HourlyPay < minHourlyPay || rec.HourlyPay > maxHourlyPay {
		p.warn(r, field, "impossible pay", "works out at an hourly rate below £1.22 or above £1,000; left out of the pay figures")
		rec.HourlyPay = Unknown
		p.markNoPay(r.n)
	}
}

// markNoPay counts row n among the rows with no usable pay.
func (p *parser) markNoPay(n int) {
	if p.noPay == 0 || n < p.firstNoPay {
		p.firstNoPay = n
	}
	p.noPay++
}

func (p *parser) reportNoPay() {
	if p.payRows == 0 {
		return
	}
	p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Kind: "pay coverage", Severity: quality.Info, Count: p.payRows - p.noPay,
		Message: fmt.Sprintf("%d of %s have a usable hourly rate of pay; %d have none", p.payRows-p.noPay, plural(p.payRows, "row"), p.noPay)})
	if p.noPay == 0 {
		return
	}
	p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: p.firstNoPay, Kind: "no usable pay", Count: p.noPay,
		Message: fmt.Sprintf("%s have no usable pay (blank, zero hours, not a number or impossible) and are left out of the pay gap figures", plural(p.noPay, "row"))})
}

func (o ReadOptions) idField() Field {
	if o.IDField == "" {
		return EmployeeID
	}
	return o.IDField
}

func idNoun(f Field) string {
	switch f {
	case ApplicationID:
		return "application ID"
	case CaseID:
		return "case ID"
	case ResponseID:
		return "response ID"
	}
	return "employee ID"
}

// monitoringFields reads the fields monitoring files add to the characteristics.
func (p *parser) monitoringFields(r row, rec *Record) {
	for _, f := range monitoringText {
		if v, ok := p.cell(r, f); ok && v != "" {
			if rec.Text == nil {
				rec.Text = map[Field]string{}
			}
			rec.Text[f] = v
		}
	}
	if raw, ok := p.cell(r, AgeBandText); ok {
		rec.AgeBand = p.ageBand(r, raw)
	}
	if raw, ok := p.cell(r, EventDate); ok && raw != "" {
		if t, err := ParseDate(raw, p.orders[EventDate], p.opts.Snapshot.Year()+1); err == nil {
			rec.Date = t
		} else {
			p.warn(r, EventDate, "invalid date", "not a date; write YYYY-MM-DD or DD/MM/YYYY; the row is left out of period figures")
		}
	}
	if p.opts.KeepOtherColumns {
		rec.Other = rec.Other[:0]
		for i, h := range p.m.Headers {
			if _, _, mapped := p.opts.Aliases.Lookup(h); mapped || strings.TrimSpace(h) == "" {
				continue
			}
			v := ""
			if i < len(r.cells) {
				v = strings.TrimSpace(r.cells[i])
			}
			rec.Other = append(rec.Other, Answer{Item: strings.TrimSpace(h), Value: v})
		}
	}
}

var bandNumbers = regexp.MustCompile(`\d+`)

// ageBand reads an age band written as text ("25-34", "25 to 34", "65+",
// "65 and over") as one of the pipeline's bands.
func (p *parser) ageBand(r row, raw string) string {
	if cat, ok := p.opts.Mapper.Map(harmonise.Sex, raw); ok && harmonise.IsMissing(cat) {
		return cat
	}
	bands := p.opts.AgeBands
	if len(bands) == 0 {
		bands = harmonise.DefaultAgeBands
	}
	nums := bandNumbers.FindAllString(raw, -1)
	label := ""
	switch {
	case len(nums) == 2:
		label = nums[0] + "-" + nums[1]
	case len(nums) == 1 && (strings.Contains(raw, "+") || strings.Contains(strings.ToLower(raw), "over")):
		label = nums[0] + "+"
	}
	for _, l := range bands.Labels() {
		if l == label {
			return l
		}
	}
	k := unmappedKey{p.header(AgeBandText), harmonise.AgeBand, raw}
	if u := p.unmapped[k]; u != nil {
		u.n++
	} else {
		p.unmapped[k] = &unmappedCount{first: r.n, n: 1}
	}
	return harmonise.NotKnown
}
