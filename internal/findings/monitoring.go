package findings

import (
	"fmt"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/table"
)

// groups are the characteristics whose monitoring findings are written,
// with how their focus and reference categories are named in a sentence.
var groups = []struct{ characteristic, category, people, reference, refPeople string }{
	{"ethnic_minority", "Ethnic minority", "ethnic minority", "White", "White"},
	{"disability", "Disabled", "disabled", "Not disabled", "non-disabled"},
}

// likelihood describes a relative likelihood as a comparison ending before
// the reference group: "2.67 times less likely than", "1.50 times as likely
// as". In the WRES recruitment and training direction a value above 1
// means less likely; in the casework direction, more likely.
func likelihood(v float64, aboveMeansLess bool) string {
	r := table.Round(v, 2)
	switch {
	case r >= 0.95 && r <= 1.05:
		return "about as likely as"
	case aboveMeansLess && r > 1:
		return fmt.Sprintf("%.2f times less likely than", r)
	case aboveMeansLess:
		return fmt.Sprintf("%.2f times as likely as", 1/v)
	}
	return fmt.Sprintf("%.2f times as likely as", r)
}

// Monitoring returns the key findings of the employment monitoring tables.
func Monitoring(tables map[string]*table.Table) []report.Finding {
	var out []report.Finding
	add := func(name, format string, args ...any) {
		out = append(out, report.Finding{Text: fmt.Sprintf(format, args...), Table: name})
	}
	// relative adds each group's relative likelihood from the named table;
	// format takes the group, the comparison, the reference group and the
	// likelihood. filter narrows the rows further (casework's case type).
	relative := func(name, format string, aboveMeansLess bool, filter ...string) {
		t := tables[name]
		if t == nil {
			return
		}
		for _, g := range groups {
			pairs := append(slices.Clone(filter), "characteristic", g.characteristic, "category", g.category)
			if v, ok := value(t, "relative_likelihood", pairs...); ok && v > 0 {
				add(name, format, capitalise(g.people), likelihood(v, aboveMeansLess), g.refPeople, table.Round(v, 2))
			}
		}
	}
	relative("recruitment", "%s applicants were %s %s applicants to be appointed from shortlisting (relative likelihood %.2f).", true)
	if t := tables["turnover"]; t != nil {
		for _, g := range groups {
			a, okA := value(t, "turnover_rate", "characteristic", g.characteristic, "category", g.category)
			b, okB := value(t, "turnover_rate", "characteristic", g.characteristic, "category", g.reference)
			if okA && okB {
				add("turnover", "Turnover of %s staff was %s, against %s for %s staff.", g.people, pct(a), pct(b), g.refPeople)
			}
		}
	}
	relative("casework", "%s staff were %s %s staff to enter a disciplinary process (relative likelihood %.2f).", false, "case_type", "Disciplinary")
	relative("training", "%s staff were %s %s staff to receive non-mandatory training (relative likelihood %.2f).", true)
	if t := tables["staff_survey"]; t != nil {
		for _, g := range groups {
			if f, ok := surveyGap(t, g.characteristic, g.category, g.reference); ok {
				add("staff_survey", "The widest gap in the staff survey for %s respondents is on “%s”: %s agreed, against %s of %s respondents.",
					g.people, f.item, pct(f.a), pct(f.b), g.refPeople)
			}
		}
	}
	if t := tables["action_plan_summary"]; t != nil && len(t.Rows) > 0 {
		total, overdue := 0, 0
		var parts []string
		for _, r := range t.Rows {
			n := int(r[t.MustIndex("actions")].Num)
			total += n
			overdue += int(r[t.MustIndex("overdue")].Num)
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(r[t.MustIndex("status")].Text)))
		}
		add("action_plan_summary", "Of %d actions in the equality action plan, %s by their status; %d are past their due date and not complete.",
			total, strings.Join(parts, ", "), overdue)
	}
	return out
}

// value reads one published number; ok is false when it is withheld or absent.
func value(t *table.Table, column string, pairs ...string) (float64, bool) {
	c, ok := published(t, column, pairs...)
	return c.Num, ok
}

// published reads the cell of column in the one row matching the name,
// value pairs; ok is false when the table, the column or a single such row
// is missing, or the cell holds a marker.
func published(t *table.Table, column string, pairs ...string) (table.Cell, bool) {
	if t == nil || t.Index(column) < 0 {
		return table.Cell{}, false
	}
	rows := t.Filter(pairs...)
	if len(rows) != 1 {
		return table.Cell{}, false
	}
	c := rows[0][t.MustIndex(column)]
	return c, c.IsValue()
}

type gap struct {
	item string
	a, b float64
}

// surveyGap finds the survey item with the largest difference in positive
// answers between a category and its reference.
func surveyGap(t *table.Table, characteristic, category, reference string) (gap, bool) {
	var best gap
	found := false
	for _, item := range t.Distinct("item") {
		a, okA := value(t, "positive_percent", "item", item, "characteristic", characteristic, "category", category)
		b, okB := value(t, "positive_percent", "item", item, "characteristic", characteristic, "category", reference)
		if okA && okB && (!found || abs(a-b) > abs(best.a-best.b)) {
			best, found = gap{item, a, b}, true
		}
	}
	return best, found
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
