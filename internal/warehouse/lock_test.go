package warehouse

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLockExcludesASecondRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	first, err := AcquireLock(context.Background(), db, LockOptions{Pipeline: "first"})
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(LockPath(db))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("lock file mode %v, want 0600", info.Mode().Perm())
	}
	var h Holder
	b, _ := os.ReadFile(LockPath(db))
	if err := json.Unmarshal(b, &h); err != nil || h.PID != os.Getpid() || h.Pipeline != "first" || h.Started.IsZero() {
		t.Errorf("lock file holds %s (%v); want this process and pipeline first", b, err)
	}

	// flock is per open file, so a second lock in this process is refused like another run's.
	start := time.Now()
	_, err = AcquireLock(context.Background(), db, LockOptions{Wait: 300 * time.Millisecond, Pipeline: "second"})
	var busy *BusyError
	if !errors.As(err, &busy) || !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v, want a BusyError", err)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond || waited > 3*time.Second {
		t.Errorf("waited %v, want about 300ms", waited)
	}
	msg := err.Error()
	for _, want := range []string{db + ": the warehouse is in use by another run", "pid " + strconv.Itoa(os.Getpid()), "pipeline first", "started ", "--lock-wait"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("message %q is more than one line", msg)
	}

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(LockPath(db)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is still there after release: %v", err)
	}
	again, err := AcquireLock(context.Background(), db, LockOptions{})
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()
}

func TestLockWaitsForRelease(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	first, err := AcquireLock(context.Background(), db, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		first.Release()
	}()
	var logged bytes.Buffer
	second, err := AcquireLock(context.Background(), db, LockOptions{Wait: 10 * time.Second, Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatalf("the waiting run did not get the lock: %v", err)
	}
	defer second.Release()
	if !strings.Contains(logged.String(), "waiting for another run") {
		t.Errorf("no waiting message logged: %q", logged.String())
	}
}

func TestLockTakesOverAStaleLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	// What a run killed with SIGKILL leaves: its record, and no lock held.
	stale := `{"pid":999999,"started":"2025-04-01T06:00:00Z","host":"elsewhere","pipeline":"annual"}`
	if err := os.WriteFile(LockPath(db), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	l, err := AcquireLock(context.Background(), db, LockOptions{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	defer l.Release()
	for _, want := range []string{"took over the warehouse lock", "pid=999999", "pipeline=annual"} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("log %q lacks %q", logged.String(), want)
		}
	}
	b, _ := os.ReadFile(LockPath(db))
	if h := parseHolder(b); h == nil || h.PID != os.Getpid() {
		t.Errorf("lock file holds %s, want this process", b)
	}
}

func TestLockWaitEndsWithTheContext(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	first, err := AcquireLock(context.Background(), db, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := AcquireLock(ctx, db, LockOptions{Wait: time.Minute}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's error", err)
	}
}
