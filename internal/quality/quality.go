// Package quality records the data-quality findings of a run: every warning
// and rejected row, located by file, sheet, row and column, and never
// carrying a person's value.
package quality

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Severity says whether a problem stops a run.
type Severity string

const (
	Warning  Severity = "warning"  // the run goes on; the field is treated as not known or the row left out
	Rejected Severity = "rejected" // the row was left out
	Error    Severity = "error"    // the input cannot be used; the run fails
	Info     Severity = "info"     // a fact about the input worth reporting, not a problem (never fails a strict run)
)

// Problem is one data-quality finding.
type Problem struct {
	File     string
	Sheet    string
	Row      int // 1-based row in the file or sheet; 0 when the problem is about the whole file
	Column   string
	Kind     string // short, stable kind: unmapped label, invalid date, duplicate id, …
	Message  string // what is wrong; what would be valid — never the personal value
	Severity Severity
	Count    int // how many rows share this problem (unmapped labels are reported once with their count)
}

// String renders the problem as FILE[:SHEET][:ROW][:COLUMN]: message.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		b.WriteString(":" + p.Sheet)
	}
	if p.Row > 0 {
		b.WriteString(":" + strconv.Itoa(p.Row))
	}
	if p.Column != "" {
		b.WriteString(":" + p.Column)
	}
	b.WriteString(": " + p.Message)
	return b.String()
}

// Log collects problems; it is safe for concurrent use.
type Log struct {
	mu       sync.Mutex
	problems []Problem
}

// Add records a problem.
func (l *Log) Add(p Problem) {
	if p.Count == 0 {
		p.Count = 1
	}
	if p.Severity == "" {
		p.Severity = Warning
	}
	l.mu.Lock()
	l.problems = append(l.problems, p)
	l.mu.Unlock()
}

// Addf records a warning about a cell.
func (l *Log) Addf(file, sheet string, row int, column, kind, format string, args ...any) {
	l.Add(Problem{File: file, Sheet: sheet, Row: row, Column: column, Kind: kind, Message: fmt.Sprintf(format, args...)})
}

// Problems returns the recorded problems in a stable order.
func (l *Log) Problems() []Problem {
	l.mu.Lock()
	out := append([]Problem(nil), l.problems...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		return a.Row < b.Row
	})
	return out
}

// CountByKind returns the number of affected rows by problem kind.
func (l *Log) CountByKind() map[string]int {
	out := map[string]int{}
	for _, p := range l.Problems() {
		out[p.Kind] += p.Count
	}
	return out
}

// Errors returns the problems of Error severity.
func (l *Log) Errors() []Problem {
	var out []Problem
	for _, p := range l.Problems() {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Len returns the number of problems recorded.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.problems)
}
