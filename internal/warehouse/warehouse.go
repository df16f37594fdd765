// Package warehouse keeps the harmonised workforce records in a DuckDB file:
// one set of records per snapshot date, with the file each came from, its
// content hash and its data-quality findings. A run's changes are one
// transaction, so a failed run leaves the warehouse as it was.
package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
)

const schema = `
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
	sex                 VARCHAR,
	gender_identity     VARCHAR,
	ethnicity           VARCHAR,
	disability          VARCHAR,
	religion            VARCHAR,
	sexual_orientation  VARCHAR,
	marital_status      VARCHAR,
	pregnancy_maternity VARCHAR,
	carer               VARCHAR,
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
var charColumns = []harmonise.Characteristic{
	harmonise.Sex, harmonise.GenderIdentity, harmonise.Ethnicity, harmonise.Disability, harmonise.Religion,
	harmonise.SexualOrientation, harmonise.MaritalStatus, harmonise.PregnancyMaternity, harmonise.Carer,
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
}

// Open opens (creating when needed, with mode 0600) the warehouse at path.
// An empty path or ":memory:" opens a warehouse in memory.
func Open(ctx context.Context, path string) (*Warehouse, error) {
	dsn := ""
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
		dsn = path
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, fmt.Errorf("open the warehouse %s: %w", path, err)
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
			return nil, fmt.Errorf("%s: %w (%s holds the file open); close it and try again", path, ErrBusy, holder)
		}
		return nil, fmt.Errorf("open the warehouse %s: %w (is it a DuckDB file?)", path, err)
	}
	w := &Warehouse{Path: path, db: db, conn: conn}
	if dsn != "" {
		os.Chmod(path, 0o600)
	}
	// Every query orders its result, so DuckDB need not keep insertion order
	// (which costs memory on large loads). EQUIP_MEMORY_LIMIT bounds DuckDB's
	// memory where a machine is shared; a run's loaded rows stay in memory
	// until it commits, so a bound below about a gigabyte per million rows
	// fails the run.
	settings := "SET preserve_insertion_order = false;"
	if memoryLimit != "" {
		settings += " SET memory_limit = '" + strings.ReplaceAll(memoryLimit, "'", "") + "';"
		if dsn != "" {
			settings += " SET temp_directory = '" + strings.ReplaceAll(path+".tmp", "'", "''") + "';"
		}
	}
	if _, err := conn.ExecContext(ctx, settings); err != nil {
		w.Close()
		return nil, fmt.Errorf("prepare the warehouse %s: %w", path, err)
	}
	if _, err := conn.ExecContext(ctx, schema+monitoringSchema+runsSchema); err != nil {
		w.Close()
		return nil, fmt.Errorf("prepare the warehouse %s: %w", path, err)
	}
	return w, nil
}

// Close closes the warehouse, rolling back an open transaction.
func (w *Warehouse) Close() error {
	if w.inTx {
		w.Rollback()
	}
	w.conn.Close()
	err := w.db.Close()
	for _, p := range []string{w.Path, w.Path + ".wal"} {
		if p != "" && p != ":memory:" {
			os.Chmod(p, 0o600)
		}
	}
	return err
}

// Conn is the warehouse's connection, for the metric queries.
func (w *Warehouse) Conn() *sql.Conn { return w.conn }

// Begin starts the run's transaction.
func (w *Warehouse) Begin(ctx context.Context) error {
	if _, err := w.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	w.inTx = true
	return nil
}

// Commit makes the run's changes permanent.
func (w *Warehouse) Commit(ctx context.Context) error {
	if !w.inTx {
		return nil
	}
	w.inTx = false
	if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if _, err := w.conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Rollback undoes the run's changes.
func (w *Warehouse) Rollback() error {
	if !w.inTx {
		return nil
	}
	w.inTx = false
	_, err := w.conn.ExecContext(context.Background(), "ROLLBACK")
	return err
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
// must run inside the run's transaction. read runs on a goroutine of its
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
	err := w.conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "staff")
		if err != nil {
			return fmt.Errorf("appender: %w", err)
		}
		var readErr error
		sum, readErr, err = appendRead(read, func(r *ingest.Record, values []driver.Value) error {
			return app.AppendRow(appendRecordValues(values, s.Date, r)...)
		})
		if cerr := app.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("append: %w", cerr)
		}
		if err != nil {
			return fmt.Errorf("append: %w", err)
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

// appendRead runs read on a goroutine of its own and calls add, on this
// one, for each record it emits, passing a slice add may reuse for the
// row's values. It returns read's summary and error, and add's first error
// (after which read is stopped). A panic in read is raised again here.
func appendRead(read func(emit func(*ingest.Record) error) (ingest.Summary, error), add func(*ingest.Record, []driver.Value) error) (ingest.Summary, error, error) {
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
	var addErr error
	values := make([]driver.Value, 0, 32)
	for batch := range batches {
		if addErr != nil {
			continue // let the reader see stop and finish
		}
		for _, r := range batch {
			if addErr = add(r, values[:0]); addErr != nil {
				close(stop)
				break
			}
		}
	}
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

func nullableFloat(v float64) driver.Value {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// appendRecordValues appends a record's staff-table row to v.
func appendRecordValues(v []driver.Value, date time.Time, r *ingest.Record) []driver.Value {
	v = append(v, date, r.PersonKey, nullable(r.Grade), nullable(r.Department), nullable(r.ContractType), nullable(r.WorkingPattern))
	for _, c := range charColumns {
		v = append(v, nullable(r.Chars[c]))
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
