package demo

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

// share is one category's weight: a percentage of all staff in the tables
// written as targets, a relative weight in the conditional ones.
type share struct {
	category string
	percent  float64
}

// pick draws one category in proportion to the weights.
func pick(r *rand.Rand, shares []share) string { return pickAt(shares, r.Float64()) }

// pickIndex draws an index in proportion to the weights.
func pickIndex(r *rand.Rand, weights []float64) int {
	return indexAt(weights, r.Float64())
}

// indexAt is the index whose slice of [0, 1), in proportion to the
// weights, holds u.
func indexAt(weights []float64, u float64) int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	u *= sum
	for i, w := range weights {
		u -= w
		if u < 0 {
			return i
		}
	}
	return len(weights) - 1
}

// pickAt is the category whose slice of [0, 1) holds u.
func pickAt(shares []share, u float64) string {
	weights := make([]float64, len(shares))
	for i, s := range shares {
		weights[i] = s.percent
	}
	return shares[indexAt(weights, u)].category
}

// trait describes how one recorded characteristic is distributed among
// staff: the shares at the 2025 snapshot, how fast the not-declared shares
// fall (earlier snapshots had more of them), and, for the characteristics the
// reports should find a gap in, a different make-up in the senior grades.
type trait struct {
	characteristic harmonise.Characteristic
	field          func(*Person) *string
	// declared holds the declared categories as percentages of all staff in
	// 2025; declaredFor, when set, replaces them with weights that depend on
	// the person (religion on ethnicity, marital status on age).
	declared    []share
	declaredFor func(p *Person, asOf time.Time) []share
	missing     []share // Prefer not to say and Not known, percent of all staff in 2025
	fall        float64 // points the not-declared share falls each year
	gap         *seniorGap
}

// seniorGap makes a group rarer (or commoner) in the senior grades: the
// group is `senior` percent of Grade 13+ staff, and the other grades make up
// the difference so the whole workforce still has the 2025 share. A trait
// with a gap has a fixed `declared` table.
type seniorGap struct {
	group  []string
	senior float64
}

// traits lists the characteristics in the order a new person's are drawn:
// religion depends on ethnicity, marital status on age (drawn before these).
var traits = []trait{
	{
		characteristic: harmonise.Sex,
		field:          func(p *Person) *string { return &p.Sex },
		declared:       []share{{"Female", 73}, {"Male", 27}},
		gap:            &seniorGap{group: []string{"Female"}, senior: 53},
	},
	{
		characteristic: harmonise.Ethnicity,
		field:          func(p *Person) *string { return &p.Ethnicity },
		declared: []share{
			{harmonise.WhiteBritish, 75.9}, {"White: Irish", 0.6}, {"White: Other White", 1.4},
			{harmonise.GroupAsian + ": Indian", 4.6}, {harmonise.GroupAsian + ": Pakistani", 0.5},
			{harmonise.GroupAsian + ": Bangladeshi", 0.2}, {harmonise.GroupAsian + ": Chinese", 0.3},
			{harmonise.GroupAsian + ": Other Asian", 0.6},
			{harmonise.GroupMixed + ": White and Black Caribbean", 0.5}, {harmonise.GroupMixed + ": White and Asian", 0.4},
			{harmonise.GroupMixed + ": White and Black African", 0.15},
			{harmonise.GroupMixed + ": Other Mixed or Multiple ethnic groups", 0.3},
			{harmonise.GroupBlack + ": African", 0.45}, {harmonise.GroupBlack + ": Caribbean", 0.35},
			{harmonise.GroupBlack + ": Other Black", 0.05},
			{harmonise.GroupOther + ": Arab", 0.05}, {harmonise.GroupOther + ": Any other ethnic group", 0.15},
		},
		missing: []share{{harmonise.PreferNotToSay, 4.0}, {harmonise.NotKnown, 9.5}},
		fall:    1.0,
		gap:     &seniorGap{group: ethnicMinorityCategories(), senior: 5},
	},
	{
		characteristic: harmonise.Disability,
		field:          func(p *Person) *string { return &p.Disability },
		declared:       []share{{"Disabled", 4.6}, {"Not disabled", 69.6}},
		missing:        []share{{harmonise.PreferNotToSay, 5.8}, {harmonise.NotKnown, 20.0}},
		fall:           1.0,
		gap:            &seniorGap{group: []string{"Disabled"}, senior: 3},
	},
	{
		characteristic: harmonise.Religion,
		field:          func(p *Person) *string { return &p.Religion },
		declaredFor:    religionWeights,
		missing:        []share{{harmonise.PreferNotToSay, 2.5}, {harmonise.NotKnown, 59.0}},
		fall:           1.0,
	},
	{
		characteristic: harmonise.SexualOrientation,
		field:          func(p *Person) *string { return &p.SexualOrientation },
		declared: []share{
			{harmonise.Heterosexual, 28.7}, {"Gay or lesbian", 0.4}, {"Bisexual", 0.3}, {"Other", 0.05},
		},
		missing: []share{{harmonise.PreferNotToSay, 7.55}, {harmonise.NotKnown, 63.0}},
		fall:    1.5,
	},
	{
		characteristic: harmonise.MaritalStatus,
		field:          func(p *Person) *string { return &p.MaritalStatus },
		declaredFor:    maritalWeights,
		missing:        []share{{harmonise.PreferNotToSay, 1.0}, {harmonise.NotKnown, 2.5}},
		fall:           0.2,
	},
	{
		characteristic: harmonise.GenderIdentity,
		field:          func(p *Person) *string { return &p.GenderIdentity },
		declared:       []share{{"Yes", 58.0}, {"No", 0.3}},
		missing:        []share{{harmonise.PreferNotToSay, 1.2}, {harmonise.NotKnown, 40.5}},
		fall:           1.0,
	},
	{
		characteristic: harmonise.Carer,
		field:          func(p *Person) *string { return &p.Carer },
		declared:       []share{{"Yes", 11.0}, {"No", 29.0}},
		missing:        []share{{harmonise.NotKnown, 60.0}},
		fall:           1.0,
	},
}

// ethnicMinorityCategories are the detailed ethnicities outside the White group.
func ethnicMinorityCategories() []string {
	var out []string
	for _, c := range harmonise.Categories[harmonise.Ethnicity] {
		if !strings.HasPrefix(c, harmonise.GroupWhite) {
			out = append(out, c)
		}
	}
	return out
}

func total(shares []share) float64 {
	t := 0.0
	for _, s := range shares {
		t += s.percent
	}
	return t
}

// missingPercent is the not-declared share of all staff at a snapshot
// yearsBefore years before 2025, when that many declaration drives were
// still to come.
func (t *trait) missingPercent(yearsBefore int) float64 {
	m := total(t.missing)
	if m == 0 {
		return 0
	}
	return m + float64(yearsBefore)*t.fall
}

// groupPercent is the gap group's share of all staff in the senior grades,
// or in the others, at a snapshot yearsBefore years before 2025 (smaller
// then as the declared share was). Only traits with a gap have one.
func (t *trait) groupPercent(senior bool, yearsBefore int) float64 {
	declared2025 := 100 - total(t.missing)
	overall := 0.0
	for _, w := range t.declared {
		if t.gap.contains(w.category) {
			overall += w.percent
		}
	}
	want := t.gap.senior
	if !senior {
		want = (overall - seniorPercent*t.gap.senior/100) / (1 - seniorPercent/100)
	}
	return want * (100 - t.missingPercent(yearsBefore)) / declared2025
}

// shares is the distribution a person's category is drawn from: the
// not-declared categories at their share yearsBefore years before 2025, and
// the declared ones dividing the rest, with a gap group at groupPercent of
// all (ignored for traits without a gap).
func (t *trait) shares(p *Person, asOf time.Time, yearsBefore int, groupPercent float64) []share {
	missing := t.missingPercent(yearsBefore)
	var out []share
	if m := total(t.missing); m > 0 {
		for _, s := range t.missing {
			out = append(out, share{s.category, s.percent * missing / m})
		}
	}
	return append(out, t.declaredShares(p, asOf, 100-missing, groupPercent)...)
}

// declaredShares divides declaredPercent among the declared categories.
func (t *trait) declaredShares(p *Person, asOf time.Time, declaredPercent, groupPercent float64) []share {
	weights := t.declared
	if t.declaredFor != nil {
		weights = t.declaredFor(p, asOf)
	}
	sum, group := total(weights), 0.0
	if t.gap != nil {
		groupPercent = min(max(groupPercent, 0), declaredPercent)
		for _, w := range weights {
			if t.gap.contains(w.category) {
				group += w.percent
			}
		}
	}
	out := make([]share, len(weights))
	for i, w := range weights {
		switch {
		case t.gap == nil:
			out[i] = share{w.category, w.percent / sum * declaredPercent}
		case t.gap.contains(w.category):
			out[i] = share{w.category, w.percent / group * groupPercent}
		default:
			out[i] = share{w.category, w.percent / (sum - group) * (declaredPercent - groupPercent)}
		}
	}
	return out
}

// drawDeclared gives a declared category, as when someone fills in a form
// they had left blank.
func (t *trait) drawDeclared(r *rand.Rand, p *Person, asOf time.Time) string {
	group := 0.0
	if t.gap != nil {
		group = t.groupPercent(isSenior(p.Grade), 0)
	}
	return pick(r, t.declaredShares(p, asOf, 100-total(t.missing), group))
}

func (g *seniorGap) contains(category string) bool {
	return slices.Contains(g.group, category)
}

// promotionWeight makes a promotion into the senior grades as likely for a
// person as the senior make-up needs: a group that is rarer at the top than
// below is promoted less often in proportion, so the gap persists.
func (t *trait) promotionWeight(p *Person) float64 {
	if t.gap == nil || !t.gap.contains(*t.field(p)) {
		return 1
	}
	return t.groupPercent(true, 0) / t.groupPercent(false, 0)
}

// religionWeights are the declared religions of a person's ethnic group,
// roughly as Census 2021 found them in the East Midlands.
func religionWeights(p *Person, _ time.Time) []share {
	switch {
	case p.Ethnicity == harmonise.GroupAsian+": Indian":
		return []share{{"Hindu", 55}, {"Sikh", 25}, {"Muslim", 10}, {"Christian", 4}, {"No religion", 5}, {"Other religion", 1}}
	case p.Ethnicity == harmonise.GroupAsian+": Pakistani", p.Ethnicity == harmonise.GroupAsian+": Bangladeshi":
		return []share{{"Muslim", 92}, {"No religion", 4}, {"Christian", 2}, {"Other religion", 2}}
	case p.Ethnicity == harmonise.GroupAsian+": Chinese":
		return []share{{"No religion", 60}, {"Christian", 22}, {"Buddhist", 15}, {"Other religion", 3}}
	case strings.HasPrefix(p.Ethnicity, harmonise.GroupAsian):
		return []share{{"Muslim", 30}, {"Hindu", 25}, {"Christian", 20}, {"No religion", 12}, {"Buddhist", 10}, {"Sikh", 3}}
	case strings.HasPrefix(p.Ethnicity, harmonise.GroupBlack):
		return []share{{"Christian", 72}, {"Muslim", 18}, {"No religion", 8}, {"Other religion", 2}}
	case strings.HasPrefix(p.Ethnicity, harmonise.GroupMixed):
		return []share{{"Christian", 45}, {"No religion", 45}, {"Muslim", 5}, {"Other religion", 3}, {"Buddhist", 2}}
	case strings.HasPrefix(p.Ethnicity, harmonise.GroupOther):
		return []share{{"Muslim", 55}, {"Christian", 20}, {"No religion", 20}, {"Other religion", 5}}
	default:
		return []share{
			{"Christian", 63}, {"No religion", 34.5}, {"Other religion", 1.2}, {"Buddhist", 0.5},
			{"Jewish", 0.4}, {"Muslim", 0.3}, {"Hindu", 0.1},
		}
	}
}

// maritalWeights follow age: most young staff are single, most older ones
// married, and divorce and widowhood come with the years.
func maritalWeights(p *Person, asOf time.Time) []share {
	const (
		single    = "Single"
		married   = "Married or in a civil partnership"
		cohabit   = "Cohabiting"
		separated = "Separated"
		divorced  = "Divorced or civil partnership dissolved"
		widowed   = "Widowed or surviving civil partner"
	)
	switch age := p.ageAt(asOf); {
	case age < 25:
		return []share{{single, 84}, {cohabit, 11}, {married, 5}}
	case age < 35:
		return []share{{single, 36}, {married, 38}, {cohabit, 22}, {separated, 2}, {divorced, 2}}
	case age < 55:
		return []share{{married, 58}, {single, 14}, {cohabit, 11}, {divorced, 12}, {separated, 4}, {widowed, 1}}
	default:
		return []share{{married, 62}, {divorced, 15}, {single, 10}, {widowed, 7}, {cohabit, 3}, {separated, 3}}
	}
}
