// Package disclose applies disclosure control to a published table: it
// replaces small counts, the cells they could be worked back from, and the
// figures computed from either, with the GSS marker [c] (METRICS.md,
// "Disclosure control").
//
// The method is cell suppression as practised across the Government
// Statistical Service:
//
//   - Primary: a count from 1 to min−1 is suppressed. Zero is shown: it
//     says nobody is in the cell, which identifies no one.
//   - Secondary: a group of cells that adds up to a published total (the
//     categories of a characteristic, a row or a column of a cross-tab, the
//     parts of a row's own total) must not hold exactly one suppressed cell,
//     or the cell is the total minus the others. In every such group the
//     smallest cell still shown is suppressed as well, and the sweep over
//     all groups repeats until nothing changes, because a cell suppressed
//     for one group can leave a lone suppressed cell in another (a grade
//     column fixed by suppressing a second cell can leave that cell alone in
//     its category row).
//   - Derived: a percentage, rate, ratio or gap computed from a suppressed
//     count is suppressed, including one computed against another row's
//     count (a relative likelihood against the reference category).
//
// Limits. Each table is protected on its own, using only the groups its Spec
// names: a total published in one table and its parts published in another
// are linked only if the caller's Spec says so (for example by carrying the
// total as a column of the same table and naming the group). The rule "no
// group with exactly one suppressed cell" stops differencing by simple
// subtraction; it is the GSS rule of thumb, not a proof against every
// attack (a determined reader solving the table's equations may still narrow
// a suppressed count to an interval).
package disclose

import (
	"fmt"
	"strings"

	"github.com/equip-project/equip/internal/table"
)

// Spec says, for one table, which cells are counts, which cells add up to a
// published total, and which columns are computed from which counts.
type Spec struct {
	Counts  []string            // count columns subject to primary suppression (1 .. min-1 -> [c]; 0 shown)
	Groups  []Group             // sets of cells that add up to a published total
	Derived map[string][]string // derived column -> the count columns (same row) it is computed from
	// Linked lists derived columns that also depend on counts of OTHER rows
	// of the same group (e.g. a relative likelihood computed against the
	// reference category's row).
	Linked []Link
}

// Group names a family of cell sets: the cells of Columns in all rows sharing
// the same values of the By columns form one group (e.g. profile: Columns
// [headcount], By [snapshot_date, characteristic] — the categories of a
// characteristic add up to all staff). With By naming every key column of
// the row, a group is the row's own cells (e.g. declaration: Columns
// [declared, prefer_not_to_say, not_known] add up to the row's total).
type Group struct {
	Columns []string
	By      []string
}

// Link says that Column in a row is also suppressed when, in the row of the
// same By-group whose KeyColumn equals Key(row) (e.g. the reference
// category), any of the Counts is suppressed.
type Link struct {
	Column    string
	By        []string
	KeyColumn string
	Key       func(row table.Row, t *table.Table) string // value of KeyColumn identifying the linked row; "" = none
	Counts    []string
}

// Stats says how many cells each stage suppressed, for the notes.
type Stats struct{ Primary, Secondary, Derived int }

// Total returns the number of cells suppressed by all stages.
func (s Stats) Total() int { return s.Primary + s.Secondary + s.Derived }

// Validate reports the first column the spec names that t does not have, or
// a link without a Key function. Callers registering a table can check its
// spec once, up front.
func (s Spec) Validate(t *table.Table) error {
	check := func(what string, names ...string) error {
		for _, n := range names {
			if t.Index(n) < 0 {
				return fmt.Errorf("disclosure spec for table %s: %s names column %q, which the table does not have", t.Name, what, n)
			}
		}
		return nil
	}
	if err := check("counts", s.Counts...); err != nil {
		return err
	}
	for i, g := range s.Groups {
		if err := check(fmt.Sprintf("group %d columns", i+1), g.Columns...); err != nil {
			return err
		}
		if err := check(fmt.Sprintf("group %d by", i+1), g.By...); err != nil {
			return err
		}
	}
	for d, srcs := range s.Derived {
		if err := check("derived", d); err != nil {
			return err
		}
		if err := check("sources of derived "+d, srcs...); err != nil {
			return err
		}
	}
	for i, l := range s.Linked {
		what := fmt.Sprintf("link %d", i+1)
		if err := check(what, l.Column, l.KeyColumn); err != nil {
			return err
		}
		if err := check(what+" by", l.By...); err != nil {
			return err
		}
		if err := check(what+" counts", l.Counts...); err != nil {
			return err
		}
		if l.Key == nil {
			return fmt.Errorf("disclosure spec for table %s: %s on column %q has no Key function", t.Name, what, l.Column)
		}
	}
	return nil
}

// Apply rewrites t in place: primary suppression of counts 1..min-1, then
// secondary suppression until no group has exactly one suppressed cell, then
// derived suppression. It returns how many cells it suppressed (primary,
// secondary, derived) for the notes. min < 1 is treated as 1 (nothing
// suppressed). Cells already marked [c], [x] or [z] are left as they are;
// cells already [c] take part in the secondary rule like primary ones.
//
// Apply panics when the spec names a column t does not have: specs are
// written alongside the tables they protect, so that is a programming error,
// and carrying on would publish a table with less protection than intended.
// Use Validate to check a spec without panicking.
func Apply(t *table.Table, spec Spec, min int) Stats {
	if err := spec.Validate(t); err != nil {
		panic(err.Error())
	}
	if min < 1 {
		min = 1
	}
	var st Stats
	st.Primary = primary(t, spec.Counts, min)
	st.Secondary = secondary(t, spec.Groups)
	st.Derived = derived(t, spec.Derived) + linked(t, spec.Linked)
	return st
}

// cellRef addresses one cell of the table.
type cellRef struct{ row, col int }

func (c cellRef) get(t *table.Table) table.Cell { return t.Rows[c.row][c.col] }

func (c cellRef) suppress(t *table.Table) { t.Rows[c.row][c.col] = table.Marked(table.Suppressed) }

// primary suppresses every shown count from 1 to min−1.
func primary(t *table.Table, counts []string, min int) int {
	n := 0
	for _, name := range counts {
		col := t.Index(name)
		for r := range t.Rows {
			ref := cellRef{r, col}
			c := ref.get(t)
			if !c.IsValue() {
				continue
			}
			// A fractional count below one is still somebody; it is tested by
			// its rounded value, as published, but never shown as a zero.
			if c.Num > 0 && table.Round(c.Num, 0) <= float64(min-1) {
				ref.suppress(t)
				n++
			}
		}
	}
	return n
}

// secondary sweeps all groups, suppressing a second cell wherever a group has
// exactly one, until a sweep changes nothing. Every step suppresses one more
// cell of a finite table, so the loop ends.
func secondary(t *table.Table, groups []Group) int {
	sets := cellSets(t, groups)
	n := 0
	for changed := true; changed; {
		changed = false
		for _, set := range sets {
			if ref, ok := nextToSuppress(t, set); ok {
				ref.suppress(t)
				n++
				changed = true
			}
		}
	}
	return n
}

// nextToSuppress returns the cell to suppress in a group holding exactly one
// suppressed cell: the smallest cell still shown, zeros included (the first
// in row order on a tie), as METRICS.md says. Taking a zero costs the reader
// least: suppressing a large cell instead (all men, because one person's sex
// is not known) would hide a figure that identifies nobody.
func nextToSuppress(t *table.Table, set []cellRef) (cellRef, bool) {
	suppressed := 0
	var best cellRef
	haveBest := false
	for _, ref := range set {
		c := ref.get(t)
		switch {
		case c.Status == table.Suppressed:
			suppressed++
		case !c.IsValue():
		case !haveBest || c.Num < best.get(t).Num:
			best, haveBest = ref, true
		}
	}
	if suppressed != 1 {
		return cellRef{}, false
	}
	return best, haveBest
}

// cellSets expands the groups into sets of cells, in the order the groups are
// given and, within a family, in the order the By values first appear. Each
// set lists its cells in row order, then in the order of the group's columns.
func cellSets(t *table.Table, groups []Group) [][]cellRef {
	var sets [][]cellRef
	for _, g := range groups {
		cols := indexes(t, g.Columns)
		by := indexes(t, g.By)
		pos := map[string]int{}
		first := len(sets)
		for r, row := range t.Rows {
			key := rowKey(t, row, by)
			i, ok := pos[key]
			if !ok {
				i = len(sets)
				pos[key] = i
				sets = append(sets, nil)
			}
			for _, c := range cols {
				sets[i] = append(sets[i], cellRef{r, c})
			}
		}
		for i := first; i < len(sets); i++ {
			sets[i] = dedupe(sets[i])
		}
	}
	return sets
}

// dedupe drops repeated cells (a column named twice in a group), so that one
// suppressed cell is never counted as two.
func dedupe(set []cellRef) []cellRef {
	seen := map[cellRef]bool{}
	out := set[:0]
	for _, ref := range set {
		if !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// derived suppresses each derived cell still showing a value whose source
// count in the same row is suppressed.
func derived(t *table.Table, spec map[string][]string) int {
	n := 0
	// Map order is random; the result does not depend on it, but the walk is
	// kept in column order so that the table is rewritten the same way each run.
	for col := range t.Columns {
		srcs, ok := spec[t.Columns[col].Name]
		if !ok {
			continue
		}
		src := indexes(t, srcs)
		for r, row := range t.Rows {
			if row[col].IsValue() && anySuppressed(row, src) {
				cellRef{r, col}.suppress(t)
				n++
			}
		}
	}
	return n
}

// linked suppresses each linked cell still showing a value whose linked row
// (same By-group, KeyColumn equal to Key(row)) has a suppressed count.
func linked(t *table.Table, links []Link) int {
	n := 0
	for _, l := range links {
		col := t.Index(l.Column)
		by := indexes(t, l.By)
		keyCol := t.Index(l.KeyColumn)
		counts := indexes(t, l.Counts)
		rowOf := map[string]int{}
		for r, row := range t.Rows {
			k := rowKey(t, row, by) + "\x00" + row[keyCol].Format(t.Columns[keyCol])
			if _, seen := rowOf[k]; !seen {
				rowOf[k] = r
			}
		}
		for r, row := range t.Rows {
			if !row[col].IsValue() {
				continue
			}
			key := l.Key(row, t)
			if key == "" {
				continue
			}
			other, ok := rowOf[rowKey(t, row, by)+"\x00"+key]
			if ok && anySuppressed(t.Rows[other], counts) {
				cellRef{r, col}.suppress(t)
				n++
			}
		}
	}
	return n
}

func anySuppressed(row table.Row, cols []int) bool {
	for _, c := range cols {
		if row[c].Status == table.Suppressed {
			return true
		}
	}
	return false
}

// rowKey joins the row's By values as published, so that rows group together
// exactly when a reader would see the same labels.
func rowKey(t *table.Table, row table.Row, by []int) string {
	parts := make([]string, len(by))
	for i, c := range by {
		parts[i] = row[c].Format(t.Columns[c])
	}
	return strings.Join(parts, "\x00")
}

func indexes(t *table.Table, names []string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = t.Index(n)
	}
	return out
}
