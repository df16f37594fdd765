// Package warehouse keeps the harmonised workforce records in a DuckDB file:
// one set of records per snapshot date, with the file each came from, its
// content hash and its data-quality findings. A run changes a copy of the
// warehouse file that replaces it only when the run succeeds, so a failed
// run leaves the warehouse as it was.
package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
)

const schemaFormat = `
CREATE TABLE IF NOT EXISTS snapshots (
	snapshot_date   DATE PRIMARY KEY,
	source          VARCHAR NOT NULL,
	sheet           VARCHAR,
	sha256          VARCHAR NOT NULL,
	settings_hash   VARCHAR NOT NULL,
	rows_read       INTEGER NOT NULL,
	rows_rejected   INTEGER NOT NULL,
	loaded_at       TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS staff (
	snapshot_date       DATE NOT NULL,
	person_key          VARCHAR NOT NULL,
	grade               VARCHAR,
	department          VARCHAR,
	contract_type       VARCHAR,
	working_pattern     VARCHAR,
	sex                 %[1]s,
	gender_identity     %[2]s,
	ethnicity           %[3]s,
	disability          %[4]s,
	religion            %[5]s,
	sexual_orientation  %[6]s,
	marital_status      %[7]s,
	pregnancy_maternity %[8]s,
	carer               %[9]s,
	age                 INTEGER,  -- NULL: no age column; -1: column present, age not known
	fte                 DOUBLE,
	weekly_hours        DOUBLE,
	hourly_pay          DOUBLE,
	ordinary_pay        DOUBLE,
	annual_salary       DOUBLE,
	fte_annual_salary   DOUBLE,
	bonus_pay           DOUBLE,
	full_pay_relevant   BOOLEAN,
	start_date          DATE
);
CREATE TABLE IF NOT EXISTS problems (
	snapshot_date DATE NOT NULL,
	file          VARCHAR,
	sheet         VARCHAR,
	row_number    INTEGER,
	column_name   VARCHAR,
	kind          VARCHAR,
	message       VARCHAR,
	severity      VARCHAR,
	count         INTEGER
);
`

// The characteristic columns of the staff table, in table order.
// They are harmonise.Input, in its order, which is also the order of a
// record's CharValues.
var charColumns = harmonise.Input

// The staff table's characteristic columns are ENUMs of the harmonised
// categories: DuckDB stores and compares a category as a small number, and
// the appender hands it over without copying the text, which makes loading
// a large extract much cheaper than with text columns.
var schema = fmt.Sprintf(schemaFormat, charTypes()...)

// charType is the ENUM type of a characteristic column: its valid
// categories, in presentation order.
func charType(c harmonise.Characteristic) string {
	var b strings.Builder
	b.WriteString("ENUM(")
	for i, category := range harmonise.ValidCategories(c) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + strings.ReplaceAll(category, "'", "''") + "'")
	}
	b.WriteString(")")
	return b.String()
}

func charTypes() []any {
	out := make([]any, len(charColumns))
	for i, c := range charColumns {
		out[i] = charType(c)
	}
	return out
}

// upgradeStaff brings the characteristic columns of a warehouse written by
// an earlier equip (text columns, or ENUMs of an older list of categories)
// to the current types; a category no longer in the list becomes Not known.
func (w *Warehouse) upgradeStaff(ctx context.Context) error {
	for _, c := range charColumns {
		want := charType(c)
		var have, canonical string
		err := w.conn.QueryRowContext(ctx, `SELECT data_type, typeof(NULL::`+want+`) FROM duckdb_columns()
			WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'staff' AND column_name = ?`, string(c)).Scan(&have, &canonical)
		if err != nil {
			return fmt.Errorf("read the staff table's columns: %w", err)
		}
		if have == canonical {
			continue
		}
		col := string(c)
		q := fmt.Sprintf(`ALTER TABLE staff ALTER COLUMN %[1]s SET DATA TYPE %[2]s USING
			CASE WHEN %[1]s IS NULL THEN NULL ELSE coalesce(TRY_CAST(%[1]s::VARCHAR AS %[2]s), '%[3]s') END`, col, want, harmonise.NotKnown)
		if _, err := w.conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("upgrade the staff table's %s column: %w", col, err)
		}
	}
	return nil
}

// memoryLimit bounds DuckDB's buffer memory when EQUIP_MEMORY_LIMIT is set
// (e.g. "1.5GB"); by default DuckDB takes up to 80% of the machine's.
var memoryLimit = os.Getenv("EQUIP_MEMORY_LIMIT")

// Warehouse is an open DuckDB warehouse, used through one connection.
type Warehouse struct {
	Path string
	db   *sql.DB
	conn *sql.Conn
	inTx bool
	// next is the working copy a run changes ("<Path>.next") between Begin
	// and Commit; empty outside a run and for a warehouse in memory.
	next string
}

// Open opens (creating when needed, with mode 0600) the warehouse at path.
// An empty path or ":memory:" opens a warehouse in memory.
func Open(ctx context.Context, path string) (*Warehouse, error) {
	if path != "" && path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create the warehouse folder: %w", err)
		}
		f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("open the warehouse %s: %w", path, err)
		}
		info, _ := f.Stat()
		f.Close()
		if info != nil && info.Size() == 0 {
			// DuckDB refuses an empty file; remove it and let DuckDB create it, then fix the mode.
			os.Remove(path)
		}
	}
	w := &Warehouse{Path: path}
	if err := w.open(ctx, path); err != nil {
		return nil, err
	}
	return w, nil
}

// open connects to the DuckDB file at file (the warehouse or its working
// copy) and makes sure the tables exist.
func (w *Warehouse) open(ctx context.Context, file string) error {
	dsn := file
	if file == ":memory:" {
		dsn = ""
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return fmt.Errorf("open the warehouse %s: %w", w.Path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		// A program that is not an equip run (it would have taken our lock
		// first) holds DuckDB's own lock on the file.
		if msg := err.Error(); strings.Contains(msg, "Could not set lock") {
			holder := "another program"
			if _, after, ok := strings.Cut(msg, "Conflicting lock is held in "); ok {
				holder, _, _ = strings.Cut(after, ". See also")
			}
			return fmt.Errorf("%s: %w (%s holds the file open); close it and try again", w.Path, ErrBusy, holder)
		}
		return fmt.Errorf("open the warehouse %s: %w (is it a DuckDB file?)", w.Path, err)
	}
	w.db, w.conn = db, conn
	if dsn != "" {
		os.Chmod(file, 0o600)
	}
	// Every query orders its result, so DuckDB need not keep insertion order
	// (which costs memory on large loads). EQUIP_MEMORY_LIMIT bounds DuckDB's
	// memory where a machine is shared; beyond it DuckDB spills to
	// "<warehouse>.tmp".
	settings := "SET preserve_insertion_order = false;"
	if memoryLimit != "" {
		settings += " SET memory_limit = '" + strings.ReplaceAll(memoryLimit, "'", "") + "';"
		if dsn != "" {
			settings += " SET temp_directory = '" + strings.ReplaceAll(w.Path+".tmp", "'", "''") + "';"
		}
	}
	if _, err := conn.ExecContext(ctx, settings); err != nil {
		w.disconnect()
		return fmt.Errorf("prepare the warehouse %s: %w", w.Path, err)
	}
	if _, err := conn.ExecContext(ctx, schema+monitoringSchema+runsSchema); err != nil {
		w.disconnect()
		return fmt.Errorf("prepare the warehouse %s: %w", w.Path, err)
	}
	return nil
}

// disconnect closes the DuckDB connection and database, if open.
func (w *Warehouse) disconnect() error {
	if w.db == nil {
		return nil
	}
	w.conn.Close()
	err := w.db.Close()
	w.db, w.conn = nil, nil
	return err
}

// Close closes the warehouse, discarding a run that was not committed.
func (w *Warehouse) Close() error {
	if w.inTx {
		w.Rollback()
	}
	err := w.disconnect()
	for _, p := range []string{w.Path, w.Path + ".wal"} {
		if p != "" && p != ":memory:" {
			os.Chmod(p, 0o600)
		}
	}
	return err
}

// Conn is the warehouse's connection, for the metric queries.
func (w *Warehouse) Conn() *sql.Conn { return w.conn }

// Begin starts the run's changes. A warehouse in memory takes them in one
// transaction. A warehouse file is copied to "<path>.next" and the run
// changes the copy, committing as it goes, so that DuckDB can keep the
// loaded rows on disk rather than hold a large load in memory until the
// end; Commit then puts the copy in the warehouse's place with one rename,
// and Rollback (or a killed run) leaves the warehouse as it was.
func (w *Warehouse) Begin(ctx context.Context) error {
	if w.Path == "" || w.Path == ":memory:" {
		if _, err := w.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		w.inTx = true
		return nil
	}
	// Fold any write-ahead log into the file, so the file is the whole warehouse.
	if _, err := w.conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if err := w.disconnect(); err != nil {
		return fmt.Errorf("close the warehouse %s: %w", w.Path, err)
	}
	next := CopyPath(w.Path)
	removeCopy(next) // a killed run's copy
	if err := copyFile(w.Path, next); err != nil {
		removeCopy(next)
		w.open(ctx, w.Path)
		return fmt.Errorf("copy the warehouse %s: %w", w.Path, err)
	}
	if err := w.open(ctx, next); err != nil {
		removeCopy(next)
		return err
	}
	w.next, w.inTx = next, true
	return w.upgradeStaff(ctx)
}

// Commit makes the run's changes permanent. For a warehouse file the
// working copy is checkpointed, closed, synced and renamed over the
// warehouse; the warehouse is then closed.
func (w *Warehouse) Commit(ctx context.Context) error {
	if !w.inTx {
		return nil
	}
	w.inTx = false
	if w.next == "" {
		if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}
	next := w.next
	w.next = ""
	fail := func(err error) error {
		w.disconnect()
		removeCopy(next)
		return err
	}
	if _, err := w.conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fail(fmt.Errorf("checkpoint: %w", err))
	}
	if err := w.disconnect(); err != nil {
		return fail(fmt.Errorf("close the warehouse %s: %w", w.Path, err))
	}
	if _, err := os.Stat(next + ".wal"); err == nil {
		return fail(fmt.Errorf("commit: the warehouse copy %s still has a write-ahead log after closing", next))
	}
	if err := syncFile(next); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	if err := os.Rename(next, w.Path); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	syncDir(filepath.Dir(w.Path))
	return nil
}

// Rollback undoes the run's changes.
func (w *Warehouse) Rollback() error {
	if !w.inTx {
		return nil
	}
	w.inTx = false
	if w.next == "" {
		_, err := w.conn.ExecContext(context.Background(), "ROLLBACK")
		return err
	}
	err := w.disconnect()
	removeCopy(w.next)
	w.next = ""
	return err
}

// Checkpoint writes what the run has loaded so far into its working copy's
// blocks, so that later queries read it from there (a warehouse in memory,
// whose run is one transaction, has nothing to write).
func (w *Warehouse) Checkpoint(ctx context.Context) error {
	if w.next == "" {
		return nil
	}
	if _, err := w.conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// CopyPath is the working copy a run of the warehouse at db changes:
// beside it, named after it.
func CopyPath(db string) string { return db + ".next" }

// removeCopy removes a working copy of the warehouse and its log.
func removeCopy(next string) {
	os.Remove(next)
	os.Remove(next + ".wal")
}

// copyFile copies src to a new file dst with mode 0600, synced to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir durable (where the system allows).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// Snapshot describes one loaded snapshot.
type Snapshot struct {
	Date         time.Time
	Source       string
	Sheet        string
	SHA256       string
	SettingsHash string
	Rows         int
	Rejected     int
}

// Snapshots lists the loaded snapshots, oldest first.
func (w *Warehouse) Snapshots(ctx context.Context) ([]Snapshot, error) {
	rows, err := w.conn.QueryContext(ctx, `SELECT snapshot_date, source, coalesce(sheet, ''), sha256, settings_hash, rows_read, rows_rejected FROM snapshots ORDER BY snapshot_date`)
	if err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var s Snapshot
		if err := rows.Scan(&s.Date, &s.Source, &s.Sheet, &s.SHA256, &s.SettingsHash, &s.Rows, &s.Rejected); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Loaded reports whether the snapshot at date was loaded from a file with
// this hash under these settings (so loading it again would change nothing).
func (w *Warehouse) Loaded(ctx context.Context, date time.Time, sha, settings string) (bool, error) {
	var n int
	err := w.conn.QueryRowContext(ctx, `SELECT count(*) FROM snapshots WHERE snapshot_date = ? AND sha256 = ? AND settings_hash = ?`, date, sha, settings).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up snapshot: %w", err)
	}
	return n > 0, nil
}

// Load replaces the snapshot at s.Date with the records read by read. It
// must run between Begin and Commit. read runs on a goroutine of its
// own while the records it emits are appended on this one, so reading and
// appending share the machine's cores; read must not change a record once
// it has emitted it.
func (w *Warehouse) Load(ctx context.Context, s Snapshot, read func(emit func(*ingest.Record) error) (ingest.Summary, error), problems func() []quality.Problem) (ingest.Summary, error) {
	var sum ingest.Summary
	for _, table := range []string{"staff", "problems", "snapshots"} {
		if _, err := w.conn.ExecContext(ctx, "DELETE FROM "+table+" WHERE snapshot_date = ?", s.Date); err != nil {
			return sum, fmt.Errorf("replace snapshot %s: %w", s.Date.Format(time.DateOnly), err)
		}
	}
	// The appenders store the rows on their own goroutines; DuckDB's worker
	// threads would only take the cores from them and the reader's
	// (measured: a 1,000,000-row load takes about 8% less time and CPU on
	// two cores).
	if _, err := w.conn.ExecContext(ctx, "SET threads = 1"); err != nil {
		return sum, fmt.Errorf("prepare the load: %w", err)
	}
	defer w.conn.ExecContext(context.Background(), "RESET threads")
	// A run on a working copy commits as it goes, so with more than one
	// core a second appender on a second connection stores half the rows
	// alongside the first (each commits its part when it closes; a failed
	// run discards the copy whole). Inside one transaction (a warehouse in
	// memory) one appender takes them all.
	conns := []*sql.Conn{w.conn}
	if w.next != "" && runtime.GOMAXPROCS(0) > 1 {
		c, err := w.db.Conn(ctx)
		if err != nil {
			return sum, fmt.Errorf("appender: %w", err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	err := withAppenders(conns, "staff", func(apps []*duckdb.Appender) error {
		adds := make([]func(*ingest.Record, []driver.Value) error, len(apps))
		for i, app := range apps {
			sv := newStaffValues(s.Date)
			adds[i] = func(r *ingest.Record, values []driver.Value) error {
				return app.AppendRow(sv.append(values, r)...)
			}
		}
		var readErr, addErr error
		sum, readErr, addErr = appendRead(read, adds...)
		if addErr != nil {
			return fmt.Errorf("append: %w", addErr)
		}
		return readErr
	})
	if err != nil {
		return sum, err
	}
	s.Rows, s.Rejected = sum.Rows, sum.Rejected
	if _, err := w.conn.ExecContext(ctx, `INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.Date, s.Source, s.Sheet, s.SHA256, s.SettingsHash, s.Rows, s.Rejected, time.Now().UTC()); err != nil {
		return sum, fmt.Errorf("record snapshot: %w", err)
	}
	return sum, w.saveProblems(ctx, s.Date, problems())
}

// appendBatch is how many records pass from the reader to the appender at
// a time: enough to make the hand-over cheap, few enough to bound memory.
const appendBatch = 512

// errAppendStopped ends a read whose records can no longer be appended.
var errAppendStopped = errors.New("appending stopped")

// withAppenders opens an appender to table on each connection, runs f,
// then closes (and so flushes) every appender.
func withAppenders(conns []*sql.Conn, table string, f func([]*duckdb.Appender) error) error {
	var open func(i int, apps []*duckdb.Appender) error
	open = func(i int, apps []*duckdb.Appender) error {
		if i == len(conns) {
			return f(apps)
		}
		return conns[i].Raw(func(dc any) error {
			app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
			if err != nil {
				return fmt.Errorf("appender: %w", err)
			}
			err = open(i+1, append(apps, app))
			if cerr := app.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("append: %w", cerr)
			}
			return err
		})
	}
	return open(0, nil)
}

// appendRead runs read on a goroutine of its own and passes each record it
// emits to one of the adds: the first runs on this goroutine, each other on
// a goroutine of its own; with one add, the records arrive in the order
// read emitted them. Each add gets a slice it may reuse for the row's
// values. It returns read's summary and error, and the first add error
// (after which read is stopped). A panic in read is raised again here.
func appendRead(read func(emit func(*ingest.Record) error) (ingest.Summary, error), adds ...func(*ingest.Record, []driver.Value) error) (ingest.Summary, error, error) {
	batches := make(chan []*ingest.Record, 8)
	stop := make(chan struct{})
	var (
		sum      ingest.Summary
		readErr  error
		panicked any
	)
	go func() {
		defer close(batches)
		defer func() { panicked = recover() }()
		batch := make([]*ingest.Record, 0, appendBatch)
		send := func() error {
			select {
			case batches <- batch:
				batch = make([]*ingest.Record, 0, appendBatch)
				return nil
			case <-stop:
				return errAppendStopped
			}
		}
		sum, readErr = read(func(r *ingest.Record) error {
			if batch = append(batch, r); len(batch) == appendBatch {
				return send()
			}
			return nil
		})
		if readErr == nil && len(batch) > 0 {
			readErr = send()
		}
	}()
	var (
		mu       sync.Mutex
		addErr   error
		stopOnce sync.Once
		wg       sync.WaitGroup
	)
	consume := func(add func(*ingest.Record, []driver.Value) error) {
		values := make([]driver.Value, 0, 32)
		failed := false
		for batch := range batches {
			if failed {
				continue // let the reader see stop and finish
			}
			for _, r := range batch {
				if err := add(r, values[:0]); err != nil {
					mu.Lock()
					if addErr == nil {
						addErr = err
					}
					mu.Unlock()
					stopOnce.Do(func() { close(stop) })
					failed = true
					break
				}
			}
		}
	}
	for _, add := range adds[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			consume(add)
		}()
	}
	consume(adds[0])
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return sum, readErr, addErr
}

func (w *Warehouse) saveProblems(ctx context.Context, date time.Time, ps []quality.Problem) error {
	if len(ps) == 0 {
		return nil
	}
	return w.conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "problems")
		if err != nil {
			return err
		}
		for _, p := range ps {
			if err := app.AppendRow(date, p.File, p.Sheet, int32(p.Row), p.Column, p.Kind, p.Message, string(p.Severity), int32(p.Count)); err != nil {
				app.Close()
				return err
			}
		}
		return app.Close()
	})
}

// Problems returns the data-quality findings stored with a snapshot.
func (w *Warehouse) Problems(ctx context.Context, date time.Time) ([]quality.Problem, error) {
	return w.problems(ctx, `SELECT file, coalesce(sheet,''), row_number, coalesce(column_name,''), kind, message, severity, count
		FROM problems WHERE snapshot_date = ? ORDER BY file, sheet, row_number`, date)
}

// problems reads data-quality findings: q selects file, sheet, row, column,
// kind, message, severity and count.
func (w *Warehouse) problems(ctx context.Context, q string, args ...any) ([]quality.Problem, error) {
	rows, err := w.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read problems: %w", err)
	}
	defer rows.Close()
	var out []quality.Problem
	for rows.Next() {
		var p quality.Problem
		var sev string
		if err := rows.Scan(&p.File, &p.Sheet, &p.Row, &p.Column, &p.Kind, &p.Message, &sev, &p.Count); err != nil {
			return nil, err
		}
		p.Severity = quality.Severity(sev)
		out = append(out, p)
	}
	return out, rows.Err()
}

func nullable(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

// text is a value for a text column: the string's bytes, shared rather
// than copied (the appender copies them into DuckDB and keeps no
// reference); NULL for "".
func text(s string) driver.Value {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func nullableFloat(v float64) driver.Value {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// staffValues turns records into staff-table rows for the appender. The
// few distinct labels (grades, departments, categories) are boxed as
// values once each rather than once a row, which spares the collector
// millions of small objects on a large load.
type staffValues struct {
	date       driver.Value
	text, enum map[string]driver.Value
}

func newStaffValues(date time.Time) *staffValues {
	return &staffValues{date: date, text: map[string]driver.Value{}, enum: map[string]driver.Value{}}
}

// maxBoxed bounds the labels kept boxed per kind: a column with more
// distinct values than this is not a column of labels.
const maxBoxed = 4096

// label is the value of a text column holding labels.
func (sv *staffValues) label(s string) driver.Value { return boxed(sv.text, s, text) }

// category is the value of an ENUM column: the category as a string, which
// the appender looks up in the ENUM's dictionary.
func (sv *staffValues) category(s string) driver.Value { return boxed(sv.enum, s, nullable) }

// boxed returns value(s), boxed once and kept in cache (up to maxBoxed).
func boxed(cache map[string]driver.Value, s string, value func(string) driver.Value) driver.Value {
	if v, ok := cache[s]; ok {
		return v
	}
	v := value(s)
	if len(cache) < maxBoxed {
		cache[s] = v
	}
	return v
}

// append appends a record's staff-table row to v.
func (sv *staffValues) append(v []driver.Value, r *ingest.Record) []driver.Value {
	v = append(v, sv.date, text(r.PersonKey), sv.label(r.Grade), sv.label(r.Department), sv.label(r.ContractType), sv.label(r.WorkingPattern))
	for _, c := range r.Chars { // in charColumns order
		v = append(v, sv.category(c))
	}
	var age driver.Value
	if r.Age != ingest.NoAgeColumn {
		age = int32(r.Age)
	}
	v = append(v, age, nullableFloat(r.FTE), nullableFloat(r.WeeklyHours), nullableFloat(r.HourlyPay),
		nullableFloat(r.OrdinaryPay), nullableFloat(r.AnnualSalary), nullableFloat(r.FTESalary), nullableFloat(r.BonusPay))
	if r.FullPayRelevant == nil {
		v = append(v, nil)
	} else {
		v = append(v, *r.FullPayRelevant)
	}
	if r.StartDate.IsZero() {
		v = append(v, nil)
	} else {
		v = append(v, r.StartDate)
	}
	return v
}
