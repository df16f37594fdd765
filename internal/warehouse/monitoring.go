package warehouse

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
)

// monitoringSchema holds the monitoring inputs: events (applications,
// starters, leavers, cases, training) with the characteristics the file
// gives, staff survey answers, and the equality action plan. Each file's
// rows are kept under its kind and source, and replaced when the file
// changes.
const monitoringSchema = `
CREATE TABLE IF NOT EXISTS monitoring_files (
	kind          VARCHAR NOT NULL,
	source        VARCHAR NOT NULL,
	sha256        VARCHAR NOT NULL,
	settings_hash VARCHAR NOT NULL,
	rows_read     INTEGER NOT NULL,
	rows_rejected INTEGER NOT NULL,
	loaded_at     TIMESTAMP NOT NULL,
	PRIMARY KEY (kind, source)
);
CREATE TABLE IF NOT EXISTS events (
	kind                VARCHAR NOT NULL,
	source              VARCHAR NOT NULL,
	event_key           VARCHAR NOT NULL,
	event_date          DATE,
	stage               VARCHAR,
	case_type           VARCHAR,
	outcome             VARCHAR,
	course              VARCHAR,
	status              VARCHAR,
	reason              VARCHAR,
	grade               VARCHAR,
	department          VARCHAR,
	sex                 VARCHAR,
	gender_identity     VARCHAR,
	ethnicity           VARCHAR,
	disability          VARCHAR,
	religion            VARCHAR,
	sexual_orientation  VARCHAR,
	marital_status      VARCHAR,
	pregnancy_maternity VARCHAR,
	carer               VARCHAR,
	age                 INTEGER,
	age_band            VARCHAR   -- as the file gives it (survey forms ask for a band)
);
CREATE TABLE IF NOT EXISTS survey_answers (
	source        VARCHAR NOT NULL,
	response_key  VARCHAR NOT NULL,
	item          VARCHAR NOT NULL,
	item_order    INTEGER NOT NULL,
	answer        VARCHAR
);
CREATE TABLE IF NOT EXISTS actions (
	source    VARCHAR NOT NULL,
	row_number INTEGER,
	priority  VARCHAR,
	outcome   VARCHAR,
	action    VARCHAR,
	lead      VARCHAR,
	due       DATE,
	status    VARCHAR,
	measure   VARCHAR
);
CREATE TABLE IF NOT EXISTS monitoring_problems (
	kind          VARCHAR NOT NULL,
	source        VARCHAR NOT NULL,
	file          VARCHAR,
	sheet         VARCHAR,
	row_number    INTEGER,
	column_name   VARCHAR,
	problem_kind  VARCHAR,
	message       VARCHAR,
	severity      VARCHAR,
	count         INTEGER
);
`

// MonitoringFile describes one loaded monitoring file.
type MonitoringFile struct {
	Kind, Source, SHA256, SettingsHash string
	Rows, Rejected                     int
}

// MonitoringLoaded reports whether this kind's file at source was loaded
// with this content and these settings.
func (w *Warehouse) MonitoringLoaded(ctx context.Context, kind, source, sha, settings string) (bool, error) {
	var n int
	err := w.conn.QueryRowContext(ctx, `SELECT count(*) FROM monitoring_files WHERE kind = ? AND source = ? AND sha256 = ? AND settings_hash = ?`,
		kind, source, sha, settings).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up %s file: %w", kind, err)
	}
	return n > 0, nil
}

// MonitoringFile returns what is recorded of a loaded monitoring file.
func (w *Warehouse) MonitoringFile(ctx context.Context, kind, source string) (MonitoringFile, error) {
	f := MonitoringFile{Kind: kind, Source: source}
	err := w.conn.QueryRowContext(ctx, `SELECT sha256, settings_hash, rows_read, rows_rejected FROM monitoring_files WHERE kind = ? AND source = ?`, kind, source).
		Scan(&f.SHA256, &f.SettingsHash, &f.Rows, &f.Rejected)
	return f, err
}

func (w *Warehouse) clearMonitoring(ctx context.Context, kind, source string) error {
	for _, q := range []string{
		`DELETE FROM events WHERE kind = ? AND source = ?`,
		`DELETE FROM monitoring_problems WHERE kind = ? AND source = ?`,
		`DELETE FROM monitoring_files WHERE kind = ? AND source = ?`,
	} {
		if _, err := w.conn.ExecContext(ctx, q, kind, source); err != nil {
			return fmt.Errorf("replace %s file: %w", kind, err)
		}
	}
	switch kind {
	case "staff_survey":
		_, err := w.conn.ExecContext(ctx, `DELETE FROM survey_answers WHERE source = ?`, source)
		return err
	case "action_plan":
		_, err := w.conn.ExecContext(ctx, `DELETE FROM actions WHERE source = ?`, source)
		return err
	}
	return nil
}

// LoadEvents replaces the rows of one monitoring file (recruitment,
// starters, leavers, casework, training or staff_survey) with the records
// read. Survey records' other columns are stored as answers, one per item.
func (w *Warehouse) LoadEvents(ctx context.Context, f MonitoringFile, read func(emit func(*ingest.Record) error) (ingest.Summary, error), problems func() []quality.Problem) (ingest.Summary, error) {
	var sum ingest.Summary
	if err := w.clearMonitoring(ctx, f.Kind, f.Source); err != nil {
		return sum, err
	}
	var items []string
	itemOrder := map[string]int{}
	err := w.conn.Raw(func(dc any) error {
		events, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "events")
		if err != nil {
			return err
		}
		answers, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "survey_answers")
		if err != nil {
			events.Close()
			return err
		}
		sum, err = read(func(r *ingest.Record) error {
			if err := events.AppendRow(eventValues(f, r)...); err != nil {
				return err
			}
			for _, a := range r.Other {
				if _, ok := itemOrder[a.Item]; !ok {
					itemOrder[a.Item] = len(items)
					items = append(items, a.Item)
				}
				if err := answers.AppendRow(f.Source, r.PersonKey, a.Item, int32(itemOrder[a.Item]), nullable(a.Value)); err != nil {
					return err
				}
			}
			return nil
		})
		if cerr := events.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if cerr := answers.Close(); err == nil && cerr != nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		return sum, err
	}
	if err := w.recordMonitoring(ctx, f, sum, problems()); err != nil {
		return sum, err
	}
	return sum, nil
}

// LoadActions replaces the action plan read from one file.
func (w *Warehouse) LoadActions(ctx context.Context, f MonitoringFile, actions []ingest.Action, problems []quality.Problem) error {
	if err := w.clearMonitoring(ctx, f.Kind, f.Source); err != nil {
		return err
	}
	for _, a := range actions {
		var due any
		if !a.Due.IsZero() {
			due = a.Due
		}
		if _, err := w.conn.ExecContext(ctx, `INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Source, a.Row, a.Priority, a.Outcome, a.Action, a.Lead, due, a.Status, a.Measure); err != nil {
			return fmt.Errorf("load action plan: %w", err)
		}
	}
	return w.recordMonitoring(ctx, f, ingest.Summary{Rows: len(actions)}, problems)
}

func (w *Warehouse) recordMonitoring(ctx context.Context, f MonitoringFile, sum ingest.Summary, ps []quality.Problem) error {
	if _, err := w.conn.ExecContext(ctx, `INSERT INTO monitoring_files VALUES (?, ?, ?, ?, ?, ?, ?)`,
		f.Kind, f.Source, f.SHA256, f.SettingsHash, sum.Rows, sum.Rejected, time.Now().UTC()); err != nil {
		return fmt.Errorf("record %s file: %w", f.Kind, err)
	}
	for _, p := range ps {
		if _, err := w.conn.ExecContext(ctx, `INSERT INTO monitoring_problems VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Kind, f.Source, p.File, p.Sheet, p.Row, p.Column, p.Kind, p.Message, string(p.Severity), p.Count); err != nil {
			return fmt.Errorf("record %s problems: %w", f.Kind, err)
		}
	}
	return nil
}

// MonitoringProblems returns the data-quality findings stored with a monitoring file.
func (w *Warehouse) MonitoringProblems(ctx context.Context, kind, source string) ([]quality.Problem, error) {
	return w.problems(ctx, `SELECT file, coalesce(sheet,''), row_number, coalesce(column_name,''), problem_kind, message, severity, count
		FROM monitoring_problems WHERE kind = ? AND source = ? ORDER BY row_number`, kind, source)
}

func eventValues(f MonitoringFile, r *ingest.Record) []driver.Value {
	v := make([]driver.Value, 0, 24)
	var date driver.Value
	if !r.Date.IsZero() {
		date = r.Date
	}
	v = append(v, f.Kind, f.Source, r.PersonKey, date)
	for _, fld := range []ingest.Field{ingest.Stage, ingest.CaseType, ingest.Outcome, ingest.Course, ingest.Status, ingest.Reason} {
		v = append(v, nullable(r.Text[fld]))
	}
	v = append(v, nullable(r.Grade), nullable(r.Department))
	for _, c := range charColumns {
		v = append(v, nullable(r.Chars.Get(c)))
	}
	var age driver.Value
	if r.Age != ingest.NoAgeColumn {
		age = int32(r.Age)
	}
	return append(v, age, nullable(r.AgeBand))
}
