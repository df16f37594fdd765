// Package metrics computes the published tables in the warehouse: it
// prepares the run's helper tables (grade order, age bands, category order,
// derived groupings, population shares), runs the SQL of each table from
// queries/, and reads the results into tables. The figures themselves are
// defined in the SQL; this package only sets the stage and carries them out.
package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/table"
	"github.com/equip-project/equip/queries"
)

// Population is one category's share of the local population.
type Population struct {
	Characteristic string
	Category       string
	Percent        float64
}

// Settings are the analysis settings of a run.
type Settings struct {
	AsOf time.Time
	// Snapshots are the snapshot dates the run reports on (its inputs'); the
	// warehouse may hold others, loaded by other pipelines. Empty means all.
	Snapshots                 []time.Time
	GradeOrder                []string // the pipeline's order; grades not in it follow in natural order
	SeniorFrom                string   // "" for no senior tables
	AgeBands                  harmonise.AgeBands
	WhiteMinoritiesAsMinority bool
	Population                []Population
	PopulationBase            string
	// Reference names each characteristic's reference category for pay gaps
	// and relative likelihoods; DefaultReference fills what is missing.
	Reference map[string]string
	// Period is the monitoring period; Sources the monitoring file of each
	// kind the run reads (recruitment, starters, leavers, casework,
	// training, staff_survey, action_plan).
	Period  Period
	Sources map[string]string
}

// DefaultReference is the reference category of each characteristic that
// has one (METRICS.md "Other pay gaps" and "Employment monitoring").
var DefaultReference = map[string]string{
	string(harmonise.Sex):            "Male",
	string(harmonise.EthnicMinority): harmonise.EthnicMinorityNo,
	string(harmonise.EthnicGroup):    harmonise.GroupWhite,
	string(harmonise.Disability):     "Not disabled",
	string(harmonise.LGB):            harmonise.Heterosexual,
}

// needs names the monitoring input each monitoring table is computed from.
var needs = map[string]string{
	"recruitment": "recruitment", "turnover": "leavers", "casework": "casework", "training": "training",
	"staff_survey": "staff_survey", "action_plan": "action_plan", "action_plan_summary": "action_plan",
}

// Result holds the computed tables and facts found on the way.
type Result struct {
	Tables     map[string]*table.Table
	Grades     []string // grades at the as-of snapshot, in order
	SeniorFrom string   // the senior threshold used ("" when none)
	Warnings   []string
}

// Compute runs every table's query and returns the unsuppressed tables.
func Compute(ctx context.Context, conn *sql.Conn, s Settings) (*Result, error) {
	res := &Result{Tables: map[string]*table.Table{}}
	if err := runViews(ctx, conn, s); err != nil {
		return nil, err
	}
	if err := prepare(ctx, conn, s, res); err != nil {
		return nil, err
	}
	var withPay int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM run_staff WHERE hourly_pay IS NOT NULL`).Scan(&withPay); err != nil {
		return nil, fmt.Errorf("look for pay data: %w", err)
	}
	for _, e := range catalog.All {
		if kind, ok := needs[e.Name]; ok && s.Sources[kind] == "" {
			continue
		}
		switch {
		case e.Threshold == catalog.PayThreshold && withPay == 0:
			continue
		case e.Name == catalog.Targets.Name:
			continue // built from the protected tables: see targets.go
		case e.Name == catalog.PayGapPeers.Name:
			continue // public figures, compared in the peers package
		case e.Name == catalog.RepresentationByGrade.Name && len(res.Grades) == 0:
			continue
		case e.Name == catalog.SeniorRepresentation.Name && res.SeniorFrom == "":
			continue
		case e.Name == catalog.Benchmark.Name && len(s.Population) == 0:
			continue
		}
		t, err := Query(ctx, conn, e)
		if err != nil {
			return nil, err
		}
		res.Tables[e.Name] = t
	}
	return res, nil
}

// Query runs the SQL file named after the entry and reads its rows.
func Query(ctx context.Context, conn *sql.Conn, e catalog.Entry) (*table.Table, error) {
	q, err := queries.FS.ReadFile(e.Name + ".sql")
	if err != nil {
		return nil, fmt.Errorf("no query for table %s: %w", e.Name, err)
	}
	rows, err := conn.QueryContext(ctx, string(q))
	if err != nil {
		return nil, fmt.Errorf("compute %s: %w", e.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if len(cols) != len(e.Columns) {
		return nil, fmt.Errorf("compute %s: the query returns %d columns, the table has %d", e.Name, len(cols), len(e.Columns))
	}
	t := e.New()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("compute %s: %w", e.Name, err)
		}
		row := make(table.Row, len(cols))
		for i, v := range vals {
			row[i] = cell(v, e.Columns[i])
		}
		t.Rows = append(t.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("compute %s: %w", e.Name, err)
	}
	return t, nil
}

// cell converts one SQL value: NULL is [z] in number columns (not
// applicable) and empty in text ones; NaN is [x] (not available).
func cell(v any, col table.Column) table.Cell {
	switch x := v.(type) {
	case nil:
		if col.Kind == table.Text || col.Kind == table.Date || col.Kind == table.Flag {
			return table.Marked(table.Empty)
		}
		return table.Marked(table.NotApplicable)
	case time.Time:
		return table.Str(x.Format(time.DateOnly))
	case string:
		return table.Str(x)
	case int64:
		return table.Int(x)
	case int32:
		return table.Int(int64(x))
	case uint64:
		return table.Int(int64(x))
	case float64:
		return table.Num(x)
	case bool:
		if x {
			return table.Str("Yes")
		}
		return table.Str("No")
	}
	// HUGEINT sums and DECIMALs arrive as other types; their text is a number.
	f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	if err != nil {
		return table.Str(fmt.Sprint(v))
	}
	return table.Num(f)
}

// execer returns a function running one statement of the metrics'
// preparation on conn.
func execer(ctx context.Context, conn *sql.Conn) func(q string, args ...any) error {
	return func(q string, args ...any) error {
		if _, err := conn.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("prepare metrics: %w", err)
		}
		return nil
	}
}

// runViews creates what scopes every query to the run: run_staff, the
// staff records of the run's snapshots; run_sources and run_events, the
// monitoring files it reads and their events in its period; run_period,
// the period with its opening and closing snapshots.
func runViews(ctx context.Context, conn *sql.Conn, s Settings) error {
	exec := execer(ctx, conn)
	q := `CREATE OR REPLACE TEMP VIEW run_staff AS SELECT * FROM staff`
	if len(s.Snapshots) > 0 {
		dates := make([]string, len(s.Snapshots))
		for i, d := range s.Snapshots {
			dates[i] = "DATE '" + d.Format(time.DateOnly) + "'"
		}
		q += ` WHERE snapshot_date IN (` + strings.Join(dates, ", ") + `)`
	}
	if err := exec(q); err != nil {
		return err
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE run_sources (kind VARCHAR, source VARCHAR)`); err != nil {
		return err
	}
	for kind, src := range s.Sources {
		if err := exec(`INSERT INTO run_sources VALUES (?, ?)`, kind, src); err != nil {
			return err
		}
	}
	var opening, closing any
	for _, d := range s.Snapshots {
		if d.Before(s.Period.Start) {
			opening = d
		}
		if !d.After(s.Period.End) {
			closing = d
		}
	}
	if opening != nil && closing != nil && opening.(time.Time).Equal(closing.(time.Time)) {
		opening = nil
	}
	var start, end any
	if !s.Period.Start.IsZero() {
		start, end = s.Period.Start, s.Period.End
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE run_period AS
		SELECT ?::VARCHAR AS label, ?::DATE AS period_start, ?::DATE AS period_end, ?::DATE AS opening, ?::DATE AS closing`,
		s.Period.Label, start, end, opening, closing); err != nil {
		return err
	}
	return exec(`CREATE OR REPLACE TEMP VIEW run_events AS
		SELECT e.* FROM events AS e JOIN run_sources AS r ON r.kind = e.kind AND r.source = e.source
		WHERE e.kind = 'staff_survey' OR e.event_date BETWEEN (SELECT period_start FROM run_period) AND (SELECT period_end FROM run_period)`)
}

// prepare creates the run's helper tables and the staff_long view.
func prepare(ctx context.Context, conn *sql.Conn, s Settings, res *Result) error {
	exec := execer(ctx, conn)
	macros, err := queries.FS.ReadFile("macros.sql")
	if err != nil {
		return err
	}
	if err := exec(string(macros)); err != nil {
		return err
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE run AS SELECT ?::DATE AS as_of`, s.AsOf); err != nil {
		return err
	}

	// Grades at the as-of snapshot, ordered, with the senior flag.
	grades, err := strings1(ctx, conn, `SELECT DISTINCT grade FROM run_staff WHERE grade IS NOT NULL AND snapshot_date <= ?`, s.AsOf)
	if err != nil {
		return err
	}
	ordered := OrderGrades(grades, s.GradeOrder)
	seniorRank := -1
	if s.SeniorFrom != "" {
		seniorRank = slices.Index(ordered, s.SeniorFrom)
		if seniorRank < 0 && len(grades) > 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("senior grades start at %q, but no snapshot has that grade; the senior tables are left out", s.SeniorFrom))
		}
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE grade_order (grade VARCHAR, grade_rank INTEGER, senior BOOLEAN)`); err != nil {
		return err
	}
	for i, g := range ordered {
		senior := seniorRank >= 0 && i >= seniorRank && g != harmonise.NotKnown
		if err := exec(`INSERT INTO grade_order VALUES (?, ?, ?)`, g, i, senior); err != nil {
			return err
		}
	}
	if seniorRank >= 0 {
		res.SeniorFrom = s.SeniorFrom
	}
	atGrades, err := strings1(ctx, conn, `SELECT DISTINCT grade FROM run_staff WHERE grade IS NOT NULL AND snapshot_date = ?`, s.AsOf)
	if err != nil {
		return err
	}
	res.Grades = OrderGrades(atGrades, s.GradeOrder)

	// Age bands.
	if err := exec(`CREATE OR REPLACE TEMP TABLE age_bands (lo INTEGER, hi INTEGER, label VARCHAR)`); err != nil {
		return err
	}
	labels := s.AgeBands.Labels()
	for i, lo := range s.AgeBands {
		hi := 200
		if i+1 < len(s.AgeBands) {
			hi = s.AgeBands[i+1]
		}
		if err := exec(`INSERT INTO age_bands VALUES (?, ?, ?)`, lo, hi, labels[i]); err != nil {
			return err
		}
	}
	// Each whole age's band, for the long forms to join on equality, which
	// DuckDB does faster than a join on the range (a million staff: 5.1 s of
	// metrics against 6.8 s).
	if err := exec(`CREATE OR REPLACE TEMP TABLE age_band_of AS
		SELECT a.age::INTEGER AS age, b.label FROM range(0, 200) AS a(age) JOIN age_bands AS b ON a.age >= b.lo AND a.age < b.hi`); err != nil {
		return err
	}

	// Derived groupings of the categories present.
	ethnicities, err := strings1(ctx, conn, `SELECT DISTINCT ethnicity FROM (SELECT ethnicity FROM run_staff UNION SELECT ethnicity FROM run_events) WHERE ethnicity IS NOT NULL`)
	if err != nil {
		return err
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE ethnic_map (ethnicity VARCHAR, ethnic_group VARCHAR, ethnic_minority VARCHAR)`); err != nil {
		return err
	}
	for _, e := range ethnicities {
		if err := exec(`INSERT INTO ethnic_map VALUES (?, ?, ?)`, e, harmonise.EthnicGroupOf(e), harmonise.EthnicMinorityOf(e, s.WhiteMinoritiesAsMinority)); err != nil {
			return err
		}
	}
	orientations, err := strings1(ctx, conn, `SELECT DISTINCT sexual_orientation FROM (SELECT sexual_orientation FROM run_staff UNION SELECT sexual_orientation FROM run_events) WHERE sexual_orientation IS NOT NULL`)
	if err != nil {
		return err
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE lgb_map (sexual_orientation VARCHAR, lgb VARCHAR)`); err != nil {
		return err
	}
	for _, o := range orientations {
		if err := exec(`INSERT INTO lgb_map VALUES (?, ?)`, o, harmonise.LGBOf(o)); err != nil {
			return err
		}
	}

	for _, name := range []string{"staff_long.sql", "events_long.sql"} {
		view, err := queries.FS.ReadFile(name)
		if err != nil {
			return err
		}
		if err := exec(string(view)); err != nil {
			return err
		}
	}

	// Category and characteristic order: the canonical categories, then any
	// other category found, then the two missing-value categories.
	if err := exec(`CREATE OR REPLACE TEMP TABLE characteristic_order (characteristic VARCHAR, ord INTEGER)`); err != nil {
		return err
	}
	for i, c := range harmonise.Reported {
		if err := exec(`INSERT INTO characteristic_order VALUES (?, ?)`, string(c), i); err != nil {
			return err
		}
	}
	if err := exec(`CREATE OR REPLACE TEMP TABLE categories (characteristic VARCHAR, category VARCHAR, ord INTEGER)`); err != nil {
		return err
	}
	// Categories found only in monitoring files (a survey's group-level
	// ethnicity) are ordered after these, and add no rows to workforce tables.
	observed, err := pairs(ctx, conn, `SELECT DISTINCT characteristic, category FROM staff_long`)
	if err != nil {
		return err
	}
	for _, c := range harmonise.Reported {
		var cats []string
		if c == harmonise.AgeBand {
			cats = append(slices.Clone(labels), harmonise.PreferNotToSay, harmonise.NotKnown)
		} else {
			cats = slices.Clone(harmonise.ValidCategories(c))
		}
		for _, o := range observed[string(c)] {
			if !slices.Contains(cats, o) {
				cats = append(cats, o)
			}
		}
		sort.SliceStable(cats, func(i, j int) bool { return missingLast(cats[i]) < missingLast(cats[j]) })
		if c == harmonise.Ethnicity {
			cats = ethnicityInUse(cats, observed[string(c)])
		}
		for i, cat := range cats {
			if err := exec(`INSERT INTO categories VALUES (?, ?, ?)`, string(c), cat, i); err != nil {
				return err
			}
		}
	}

	// Reference categories for pay gaps and relative likelihoods.
	if err := exec(`CREATE OR REPLACE TEMP TABLE reference (characteristic VARCHAR, reference VARCHAR)`); err != nil {
		return err
	}
	refs := maps.Clone(DefaultReference)
	for c, r := range s.Reference {
		if r != "" {
			refs[c] = r
		}
	}
	for _, c := range harmonise.Reported {
		if r, ok := refs[string(c)]; ok {
			if err := exec(`INSERT INTO reference VALUES (?, ?)`, string(c), r); err != nil {
				return err
			}
		}
	}

	// Population shares for the benchmark.
	if err := exec(`CREATE OR REPLACE TEMP TABLE population (characteristic VARCHAR, category VARCHAR, percent DOUBLE, base VARCHAR)`); err != nil {
		return err
	}
	for _, p := range s.Population {
		if err := exec(`INSERT INTO population VALUES (?, ?, ?, ?)`, p.Characteristic, p.Category, p.Percent, s.PopulationBase); err != nil {
			return err
		}
	}
	return nil
}

func missingLast(category string) int {
	switch category {
	case harmonise.PreferNotToSay:
		return 1
	case harmonise.NotKnown:
		return 2
	}
	return 0
}

// ethnicityInUse keeps the detailed ethnic categories and drops the five
// group-only labels unless some record uses one (a file that says only
// "White" or "Asian"); when no record has a detailed category at all, the
// detailed categories are dropped instead, rather than listed as zeros.
func ethnicityInUse(cats, observed []string) []string {
	groups := harmonise.Categories[harmonise.EthnicGroup]
	detailed := harmonise.Categories[harmonise.Ethnicity]
	anyDetailed := slices.ContainsFunc(observed, func(o string) bool { return slices.Contains(detailed, o) })
	var out []string
	for _, c := range cats {
		if slices.Contains(groups, c) && !slices.Contains(observed, c) {
			continue
		}
		if !anyDetailed && slices.Contains(detailed, c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func strings1(ctx context.Context, conn *sql.Conn, q string, args ...any) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("prepare metrics: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out, rows.Err()
}

func pairs(ctx context.Context, conn *sql.Conn, q string) (map[string][]string, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare metrics: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out[a] = append(out[a], b)
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out, rows.Err()
}

// OrderGrades puts grades in the pipeline's order, then the rest in natural
// order ("Grade 2" before "Grade 10"), with Not known last.
func OrderGrades(grades, order []string) []string {
	var known, rest []string
	for _, g := range order {
		if slices.Contains(grades, g) {
			known = append(known, g)
		}
	}
	for _, g := range grades {
		if !slices.Contains(order, g) {
			rest = append(rest, g)
		}
	}
	sort.SliceStable(rest, func(i, j int) bool {
		a, b := rest[i], rest[j]
		if (a == harmonise.NotKnown) != (b == harmonise.NotKnown) {
			return b == harmonise.NotKnown
		}
		return NaturalLess(a, b)
	})
	return append(known, rest...)
}

// NaturalLess compares strings with their runs of digits as numbers.
func NaturalLess(a, b string) bool {
	ca, cb := chunks(a), chunks(b)
	for i := 0; i < len(ca) && i < len(cb); i++ {
		x, y := ca[i], cb[i]
		nx, errX := strconv.ParseFloat(x, 64)
		ny, errY := strconv.ParseFloat(y, 64)
		switch {
		case errX == nil && errY == nil:
			if nx != ny {
				return nx < ny
			}
		case errX == nil:
			return true // numbers before words
		case errY == nil:
			return false
		default:
			if lx, ly := strings.ToLower(x), strings.ToLower(y); lx != ly {
				return lx < ly
			}
		}
	}
	if len(ca) != len(cb) {
		return len(ca) < len(cb)
	}
	return a < b
}

func chunks(s string) []string {
	var out []string
	var cur []rune
	digit := false
	for i, r := range strings.TrimSpace(s) {
		d := unicode.IsDigit(r)
		if i > 0 && d != digit && len(cur) > 0 {
			out = append(out, strings.TrimSpace(string(cur)))
			cur = cur[:0]
		}
		digit = d
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		out = append(out, strings.TrimSpace(string(cur)))
	}
	return out
}
