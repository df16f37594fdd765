package ingest

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/equip-project/equip/internal/quality"
)

// Rows are validated and harmonised on several goroutines at once, in
// batches: one goroutine reads the file, a worker per core turns each batch
// of rows into records, and the caller's goroutine takes the batches back
// in file order, checks for repeated IDs and emits the records. A file
// therefore gives the same records, problems and errors, in the same order,
// as when read row by row.

// rowBatchSize is how many rows a worker takes at a time.
const rowBatchSize = 1024

// rowBatch is a run of consecutive rows and what a worker made of them.
type rowBatch struct {
	seq  int
	rows []row
	out  []rowOutcome
}

// rowOutcome is what became of one row.
type rowOutcome struct {
	rec     *Record // nil when the row is left out or not counted
	err     error   // a problem with the whole file, found at this row
	counted bool    // a data row (not blank, readable): counts in Summary.Rows
	dropped bool    // counts in Summary.Rejected
}

// errRowsStopped ends the reading goroutine once the rows are no longer wanted.
var errRowsStopped = errors.New("reading stopped")

// readRows reads the rows next returns (until io.EOF or another error)
// through workers like p, adding to sum and emitting the records in order.
func (p *parser) readRows(next func() (row, error), where string, sum *Summary, emit func(*Record) error) error {
	workers := min(max(runtime.GOMAXPROCS(0), 1), 4)
	var (
		stop     = make(chan struct{})
		work     = make(chan *rowBatch, workers)
		done     = make(chan *rowBatch, 2*workers)
		readErr  error
		panicked any
		panicMu  sync.Mutex
	)
	recoverInto := func() {
		if v := recover(); v != nil {
			panicMu.Lock()
			if panicked == nil {
				panicked = v
			}
			panicMu.Unlock()
		}
	}

	// The reader: rows in batches, cells copied (a reader may reuse its slices).
	go func() {
		defer close(work)
		defer recoverInto()
		b := &rowBatch{}
		send := func() bool {
			select {
			case work <- b:
				b = &rowBatch{seq: b.seq + 1}
				return true
			case <-stop:
				return false
			}
		}
		var cells []string
		for {
			r, err := next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				break
			}
			if r.cells != nil {
				if len(cells)+len(r.cells) > cap(cells) {
					cells = make([]string, 0, max(rowBatchSize*len(r.cells), len(r.cells)))
				}
				start := len(cells)
				cells = append(cells, r.cells...)
				r.cells = cells[start:len(cells):len(cells)]
			}
			if b.rows = append(b.rows, r); len(b.rows) == rowBatchSize && !send() {
				return
			}
		}
		if len(b.rows) > 0 {
			send()
		}
	}()

	// The workers, each with its own pseudonymiser and tallies.
	parsers := make([]*parser, workers)
	var wg sync.WaitGroup
	for i := range parsers {
		wp := *p
		wp.ids = newPseudonymiser(p.opts.Key)
		wp.unmapped = map[unmappedKey]*unmappedCount{}
		wp.noPay, wp.payRows, wp.firstNoPay = 0, 0, 0
		wp.labels = [len(wp.labels)]map[string]mappedLabel{}
		parsers[i] = &wp
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverInto()
			for b := range work {
				b.out = make([]rowOutcome, len(b.rows))
				for j, r := range b.rows {
					b.out[j] = wp.handle(r)
				}
				select {
				case done <- b:
				case <-stop:
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	// In file order: count, check IDs, emit.
	var (
		firstErr error
		waiting  = map[int]*rowBatch{}
		want     int
		seen     = map[[16]byte]int{} // by the key's bytes: a map without pointers, which the collector need not scan
		idField  = p.opts.idField()
	)
	fail := func(err error) {
		firstErr = err
		close(stop)
	}
	for b := range done {
		if firstErr != nil {
			continue // drain, so that every goroutine has finished when this returns
		}
		waiting[b.seq] = b
		for firstErr == nil {
			b, ok := waiting[want]
			if !ok {
				break
			}
			delete(waiting, want)
			want++
			for j, o := range b.out {
				if o.counted {
					sum.Rows++
				}
				if o.dropped {
					sum.Rejected++
				}
				if o.err != nil {
					fail(o.err)
					break
				}
				if o.rec == nil {
					continue
				}
				if o.rec.hasID && !p.opts.AllowRepeatedIDs {
					var k [16]byte
					hex.Decode(k[:], []byte(o.rec.PersonKey))
					if first, dup := seen[k]; dup {
						fail(fmt.Errorf("%s:%d:%s: %w: the same %s as row %d; each must appear once in the file", where, b.rows[j].n, p.header(idField), ErrInvalidData, idNoun(idField), first))
						break
					}
					seen[k] = b.rows[j].n
				}
				if err := emit(o.rec); err != nil {
					fail(err)
					break
				}
			}
		}
	}
	if panicked != nil {
		panic(panicked)
	}
	if firstErr != nil {
		return firstErr
	}
	if readErr != nil {
		return readErr
	}
	for _, wp := range parsers {
		p.merge(wp)
	}
	return nil
}

// handle turns one row into its outcome.
func (p *parser) handle(r row) rowOutcome {
	if r.cells == nil {
		p.opts.Log.Add(quality.Problem{File: p.name, Sheet: p.sheet, Row: r.n, Kind: "unreadable row", Message: "the row cannot be read (a stray quote or broken field); it is left out", Severity: quality.Rejected})
		return rowOutcome{dropped: true}
	}
	p.sanitise(r)
	if blankRow(r.cells) {
		return rowOutcome{}
	}
	rec, err := p.record(r)
	return rowOutcome{rec: rec, err: err, counted: true, dropped: rec == nil && err == nil}
}

// merge adds a worker's tallies of unmapped labels and unusable pay to p's.
func (p *parser) merge(wp *parser) {
	for k, u := range wp.unmapped {
		if have := p.unmapped[k]; have != nil {
			have.n += u.n
			have.first = min(have.first, u.first)
		} else {
			p.unmapped[k] = &unmappedCount{first: u.first, n: u.n}
		}
	}
	if wp.noPay > 0 && (p.noPay == 0 || wp.firstNoPay < p.firstNoPay) {
		p.firstNoPay = wp.firstNoPay
	}
	p.noPay += wp.noPay
	p.payRows += wp.payRows
}
