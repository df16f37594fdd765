package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/quality"
)

// Action is one row of an equality action plan.
type Action struct {
	Row                                              int
	Priority, Outcome, Action, Lead, Status, Measure string
	Due                                              time.Time // zero when not given
}

// actionFields are the action plan's columns and the headers councils use.
var actionFields = []struct {
	name    string
	aliases []string
}{
	{"priority", []string{"priority", "equality priority", "objective", "equality objective", "theme"}},
	{"outcome", []string{"outcome", "outcome sought", "outcomes", "desired outcome"}},
	{"action", []string{"action", "actions", "what we will do", "activity"}},
	{"lead", []string{"lead", "lead service area", "lead officer", "owner", "responsible", "service area"}},
	{"due", []string{"due", "due date", "deadline", "target date", "by when", "timescale"}},
	{"status", []string{"status", "progress", "rag status", "rag"}},
	{"measure", []string{"measure", "measure of success", "success measure", "how we will measure success", "performance measure"}},
}

// ReadActionPlan reads an equality action plan: one action per row with
// priority, outcome sought, action, lead service area, due date, status and
// measure of success. An action column is required; the others may be missing.
func ReadActionPlan(path, display string, opts Options, log *quality.Log) ([]Action, error) {
	rows, err := Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sheet := rows.Sheet()
	where := display
	if sheet != "" {
		where += ":" + sheet
	}
	lookup := func(h string) string {
		k := headerKey(h)
		for _, f := range actionFields {
			for _, a := range f.aliases {
				if headerKey(a) == k {
					return f.name
				}
			}
		}
		return ""
	}
	var index map[string]int
	var out []Action
	for {
		cells, n, err := rows.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			log.Add(quality.Problem{File: display, Sheet: sheet, Row: re.Row, Kind: "unreadable row", Message: "the row cannot be read; it is left out", Severity: quality.Rejected})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if index == nil {
			found := map[string]int{}
			for i, c := range cells {
				if f := lookup(c); f != "" {
					if _, dup := found[f]; !dup {
						found[f] = i
					}
				}
			}
			if _, ok := found["action"]; ok && len(found) >= 2 {
				index = found
			} else if n >= headerSearchRows {
				return nil, fmt.Errorf("%s: %w: no header row with an Action column in the first %d rows; expected Priority, Outcome sought, Action, Lead service area, Due date, Status, Measure of success", where, ErrMissingColumn, headerSearchRows)
			}
			continue
		}
		get := func(f string) string {
			if i, ok := index[f]; ok && i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		a := Action{Row: n, Priority: get("priority"), Outcome: get("outcome"), Action: get("action"), Lead: get("lead"), Status: get("status"), Measure: get("measure")}
		if a.Action == "" && a.Priority == "" && a.Outcome == "" {
			continue
		}
		if raw := get("due"); raw != "" {
			if t, err := ParseDate(raw, DayFirst, time.Now().Year()); err == nil {
				a.Due = t
			} else {
				log.Add(quality.Problem{File: display, Sheet: sheet, Row: n, Column: "due", Kind: "invalid date", Message: "the due date is not a date; the action is counted without one"})
			}
		}
		out = append(out, a)
	}
	if index == nil {
		return nil, fmt.Errorf("%s: %w: no header row with an Action column; expected Priority, Outcome sought, Action, Lead service area, Due date, Status, Measure of success", where, ErrMissingColumn)
	}
	return out, nil
}
