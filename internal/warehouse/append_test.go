package warehouse

import (
	"database/sql/driver"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/equip-project/equip/internal/ingest"
)

// emitN returns a read function emitting n records numbered by Row, then
// returning err.
func emitN(n int, err error, emitted *int) func(func(*ingest.Record) error) (ingest.Summary, error) {
	return func(emit func(*ingest.Record) error) (ingest.Summary, error) {
		for i := 1; i <= n; i++ {
			if e := emit(&ingest.Record{Row: i}); e != nil {
				return ingest.Summary{Rows: *emitted}, e
			}
			*emitted = i
		}
		return ingest.Summary{Rows: n}, err
	}
}

func TestAppendReadDeliversEveryRecordInOrder(t *testing.T) {
	var emitted int
	var rows []int
	sum, readErr, addErr := appendRead(emitN(1500, nil, &emitted), func(r *ingest.Record, v []driver.Value) error {
		if len(v) != 0 {
			t.Fatalf("values slice not empty: %d", len(v))
		}
		rows = append(rows, r.Row)
		return nil
	})
	if readErr != nil || addErr != nil || sum.Rows != 1500 || len(rows) != 1500 {
		t.Fatalf("sum %d, read %v, add %v, %d added; want 1500 and no errors", sum.Rows, readErr, addErr, len(rows))
	}
	for i, r := range rows {
		if r != i+1 {
			t.Fatalf("record %d added as %d: out of order", i+1, r)
		}
	}
}

func TestAppendReadStopsTheReaderWhenAddingFails(t *testing.T) {
	var emitted, added int
	full := errors.New("disk full")
	_, readErr, addErr := appendRead(emitN(100000, nil, &emitted), func(*ingest.Record, []driver.Value) error {
		if added++; added == 700 {
			return full
		}
		return nil
	})
	if !errors.Is(addErr, full) {
		t.Errorf("add error = %v, want %v", addErr, full)
	}
	if !errors.Is(readErr, errAppendStopped) {
		t.Errorf("read error = %v, want %v", readErr, errAppendStopped)
	}
	// The reader may run at most the queue (8 batches of 512) past the failure.
	if added != 700 || emitted >= 100000 {
		t.Errorf("added %d, emitted %d; want 700 added and the read stopped early", added, emitted)
	}
}

func TestAppendReadReturnsTheReadError(t *testing.T) {
	var emitted, added int
	dup := errors.New("duplicate employee ID")
	sum, readErr, addErr := appendRead(emitN(5, dup, &emitted), func(*ingest.Record, []driver.Value) error { added++; return nil })
	if !errors.Is(readErr, dup) || addErr != nil || sum.Rows != 5 {
		t.Errorf("read %v, add %v, sum %d; want %v, nil, 5", readErr, addErr, sum.Rows, dup)
	}
	// Records emitted before the error are not appended: the batch is dropped with the failed read.
	if added != 0 {
		t.Errorf("added %d records of a failed read, want 0", added)
	}
}

func TestAppendReadRaisesAPanicAgain(t *testing.T) {
	defer func() {
		if p := recover(); p != "boom" {
			t.Errorf("recovered %v, want the reader's panic", p)
		}
	}()
	appendRead(func(func(*ingest.Record) error) (ingest.Summary, error) { panic("boom") },
		func(*ingest.Record, []driver.Value) error { return nil })
	t.Error("appendRead returned after the reader panicked")
}

func TestAppendReadSharesRecordsBetweenAdders(t *testing.T) {
	var emitted int
	var mu sync.Mutex
	seen := map[int]int{}
	add := func(r *ingest.Record, _ []driver.Value) error {
		mu.Lock()
		seen[r.Row]++
		mu.Unlock()
		return nil
	}
	sum, readErr, addErr := appendRead(emitN(10000, nil, &emitted), add, add)
	if readErr != nil || addErr != nil || sum.Rows != 10000 {
		t.Fatalf("sum %d, read %v, add %v; want 10000 and no errors", sum.Rows, readErr, addErr)
	}
	for row := 1; row <= 10000; row++ {
		if seen[row] != 1 {
			t.Fatalf("record %d added %d times, want once", row, seen[row])
		}
	}
}

func TestAppendReadStopsWhenEitherAdderFails(t *testing.T) {
	var emitted int
	var added atomic.Int64
	full := errors.New("disk full")
	ok := func(*ingest.Record, []driver.Value) error { added.Add(1); return nil }
	failing := func(*ingest.Record, []driver.Value) error {
		if added.Add(1) > 2000 {
			return full
		}
		return nil
	}
	_, readErr, addErr := appendRead(emitN(1000000, nil, &emitted), ok, failing)
	if !errors.Is(addErr, full) || !errors.Is(readErr, errAppendStopped) {
		t.Errorf("add error %v, read error %v; want %v and %v", addErr, readErr, full, errAppendStopped)
	}
	if emitted >= 1000000 {
		t.Error("the reader read the whole input after an adder failed")
	}
}
