package warehouse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBusy marks a run that gave up waiting for another run to release the
// warehouse (exit code 4).
var ErrBusy = errors.New("the warehouse is in use by another run")

// Holder says who holds a warehouse lock; it is written into the lock file
// so that a waiting run can name it.
type Holder struct {
	PID      int       `json:"pid"`
	Started  time.Time `json:"started"`
	Host     string    `json:"host"`
	Pipeline string    `json:"pipeline"`
}

func (h *Holder) String() string {
	if h == nil {
		return "a run that has not yet said who it is"
	}
	s := fmt.Sprintf("pid %d", h.PID)
	if h.Host != "" {
		s += " on " + h.Host
	}
	if h.Pipeline != "" {
		s += ", pipeline " + h.Pipeline
	}
	return s + ", started " + h.Started.Local().Format("2006-01-02 15:04:05 MST")
}

// BusyError is returned when the lock was still held at the end of the wait.
type BusyError struct {
	Path   string // the warehouse
	Holder *Holder
	Waited time.Duration
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("%s: %v (%s); waited %s for it to finish; try again later or give a longer --lock-wait",
		e.Path, ErrBusy, e.Holder, e.Waited.Round(time.Millisecond))
}

func (e *BusyError) Unwrap() error { return ErrBusy }

// LockOptions say how to take the lock.
type LockOptions struct {
	Wait     time.Duration // how long to wait for another run to finish
	Pipeline string        // recorded for the messages of other runs
	Logger   *slog.Logger
}

// Lock is a held warehouse lock: while it is held no other equip run writes
// (or validates against) the same warehouse.
type Lock struct {
	path string
	file *os.File
}

// LockPath is the lock file of the warehouse at db: beside it, named after it.
func LockPath(db string) string { return db + ".lock" }

// pollInterval is how often a waiting run tries the lock again.
const pollInterval = 100 * time.Millisecond

// AcquireLock takes the lock of the warehouse at db, waiting up to
// opts.Wait for a run that holds it; then it fails with a *BusyError naming
// the holder. A lock left by a run that was killed is taken over, and the
// take-over logged. Our lock is checked before DuckDB opens the file, so the
// user sees our message rather than DuckDB's.
func AcquireLock(ctx context.Context, db string, opts LockOptions) (*Lock, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	path := LockPath(db)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the warehouse folder: %w", err)
	}
	start := time.Now()
	waiting := false
	for {
		l, stale, err := tryLock(path)
		if err != nil {
			return nil, fmt.Errorf("%s: lock the warehouse: %w", db, err)
		}
		if l != nil {
			if stale != nil {
				log.Warn("took over the warehouse lock of a run that did not finish (killed?)", "lock", path,
					"pid", stale.PID, "host", stale.Host, "pipeline", stale.Pipeline, "started", stale.Started.Format(time.RFC3339))
			}
			if err := l.record(opts.Pipeline); err != nil {
				l.Release()
				return nil, fmt.Errorf("%s: write the lock file: %w", db, err)
			}
			return l, nil
		}
		holder := readHolder(path)
		waited := time.Since(start)
		if waited >= opts.Wait {
			return nil, &BusyError{Path: db, Holder: holder, Waited: waited}
		}
		if !waiting {
			waiting = true
			log.Info("waiting for another run to release the warehouse", "db", db, "holder", holder.String(), "wait", opts.Wait.String())
		}
		t := time.NewTimer(min(pollInterval, opts.Wait-waited))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// record writes this process into the lock file.
func (l *Lock) record(pipeline string) error {
	host, _ := os.Hostname()
	b, err := json.Marshal(Holder{PID: os.Getpid(), Started: time.Now().UTC().Truncate(time.Second), Host: host, Pipeline: pipeline})
	if err != nil {
		return err
	}
	if err := l.file.Truncate(0); err != nil {
		return err
	}
	if _, err := l.file.WriteAt(append(b, '\n'), 0); err != nil {
		return err
	}
	return l.file.Sync()
}

// Release gives the lock up and removes the lock file, so that a lock file
// found later means a run that did not finish.
func (l *Lock) Release() error {
	if l == nil || l.file == nil {
		return nil
	}
	err := os.Remove(l.path)
	if cerr := l.file.Close(); err == nil {
		err = cerr
	}
	l.file = nil
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// readHolder reads who holds the lock; nil when the file is empty (its
// holder is between creating and writing it) or unreadable.
func readHolder(path string) *Holder {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return parseHolder(b)
}

func parseHolder(b []byte) *Holder {
	if strings.TrimSpace(string(b)) == "" {
		return nil
	}
	var h Holder
	if err := json.Unmarshal(b, &h); err != nil || h.PID <= 0 {
		return nil
	}
	return &h
}
