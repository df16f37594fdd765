package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// runsSchema records each published run, so that `equip schedule --once`
// can tell which pipelines are due.
const runsSchema = `
CREATE TABLE IF NOT EXISTS runs (
	pipeline    VARCHAR NOT NULL,
	as_of       DATE NOT NULL,
	finished_at TIMESTAMP NOT NULL
);
`

// RecordRun notes that a pipeline published its outputs; it belongs to the
// run's transaction, so a failed run leaves no record.
func (w *Warehouse) RecordRun(ctx context.Context, pipeline string, asOf, finished time.Time) error {
	if _, err := w.conn.ExecContext(ctx, `INSERT INTO runs VALUES (?, ?, ?)`, pipeline, asOf, finished.UTC()); err != nil {
		return fmt.Errorf("record the run: %w", err)
	}
	return nil
}

// LastRun returns when a pipeline last published, or the zero time.
func (w *Warehouse) LastRun(ctx context.Context, pipeline string) (time.Time, error) {
	var t sql.NullTime
	err := w.conn.QueryRowContext(ctx, `SELECT max(finished_at) FROM runs WHERE pipeline = ?`, pipeline).Scan(&t)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, fmt.Errorf("look up the last run: %w", err)
	}
	if !t.Valid {
		return time.Time{}, nil
	}
	return t.Time, nil
}
