// Package census reads ONS Census 2021 tables into the population benchmark
// the workforce is compared with: the residents of the chosen areas in each
// canonical category of each characteristic.
//
// It reads the two layouts ONS publishes: the nomis bulk layout (one row per
// geography, one "<Variable>: <Category>; measures: Value" column per
// category) and the long layout of custom tables (one row per combination of
// categories, the count in "Observation"), whose variables' totals are found
// by summing out the others.
//
// Detailed ethnicity comes only from a 20-category ethnic group table; the
// 8-category one gives the five groups and the minority binary, and the
// 4-category sexual orientation table only the LGB+ binary. The
// ethnic_minority binary follows METRICS.md's default (every White group is
// White).
//
// The population base is residents aged 16 and over wherever a table allows
// it: rows of age categories under 16 are dropped, and in a table with
// sexual orientation or gender identity (asked only of those aged 16 and
// over) the "Does not apply" rows are left out of the other variables.
package census

import (
	"fmt"
	"slices"
	"strings"

	"github.com/equip-project/equip/internal/harmonise"
)

// Count is the population of one category of one characteristic.
type Count struct {
	Characteristic harmonise.Characteristic
	// Category is a canonical category, or harmonise.NotKnown for the
	// census's own "Not answered" and "Does not apply": kept so that the base
	// can be reported, but left out of shares.
	Category string
	Count    float64
}

// Benchmark is the census population of an area. Age is not in Counts: its
// categories depend on the pipeline's bands, so AgeShares forms them.
type Benchmark struct {
	Areas   []string                            // geography codes summed
	Base    string                              // e.g. "Census 2021, usual residents aged 16 and over"
	Counts  []Count                             // in harmonise.Reported and harmonise.Categories order
	Sources map[harmonise.Characteristic]string // the file each characteristic was taken from

	// the first table giving each age on its own, and the first giving
	// bands
	singleAges, bandedAges *ageTable
}

const (
	baseAdult = "usual residents aged 16 and over"
	baseAll   = "all usual residents"
)

const known = "sex, age, ethnic group, disability, religion, sexual orientation or gender identity"

// Read reads one or more census files (CSV, UTF-8 with or without a byte
// order mark) and sums the rows of the given geography codes; with none
// given, each file must hold exactly one geography. A characteristic given
// by more than one file is taken from the first only, with a warning: ONS
// perturbs each table separately, so totals differ a little between tables
// and must never be mixed. Errors name file, row and column.
func Read(paths []string, geographies []string) (*Benchmark, []string, error) {
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("census: no table given; name one or more Census 2021 CSV files")
	}
	r := &reader{
		b:      &Benchmark{Sources: map[harmonise.Characteristic]string{}},
		counts: map[harmonise.Characteristic]map[string]float64{},
		adult:  map[harmonise.Characteristic]bool{},
	}
	for _, path := range paths {
		t, err := readTable(path, geographies)
		if err != nil {
			return nil, r.warnings, err
		}
		if r.b.Areas == nil {
			r.b.Areas = t.areas
		} else if !slices.Equal(r.b.Areas, t.areas) {
			return nil, r.warnings, fmt.Errorf("%s: holds geography %s but %s holds %s; name the geographies to sum", path, strings.Join(t.areas, ", "), paths[0], strings.Join(r.b.Areas, ", "))
		}
		r.warnings = append(r.warnings, t.warnings...)
		if err := r.add(t); err != nil {
			return nil, r.warnings, err
		}
	}
	r.b.Counts = orderedCounts(r.counts)
	r.setBase()
	return r.b, r.warnings, nil
}

// reader gathers the benchmark table by table.
type reader struct {
	b        *Benchmark
	counts   map[harmonise.Characteristic]map[string]float64
	adult    map[harmonise.Characteristic]bool // on the base of residents aged 16+
	warnings []string
}

// add takes from a table the characteristics no earlier table gave.
func (r *reader) add(t *table) error {
	var firsts []string               // earlier tables that keep a characteristic t also gives
	repeated := map[string][]string{} // earlier table -> those characteristics
	repeat := func(what, first string) {
		if len(repeated[first]) == 0 {
			firsts = append(firsts, first)
		}
		repeated[first] = append(repeated[first], what)
	}
	used := false
	for _, v := range t.vars {
		switch v.kind {
		case kindOther:
			r.warnings = append(r.warnings, fmt.Sprintf("census: %s: %q is not a characteristic equip benchmarks; summed out", t.path, v.name))
			continue
		case kindAge:
			used = true
			at := ageTableOf(t.path, v)
			slot := &r.b.bandedAges
			if at.singleYear() {
				slot = &r.b.singleAges
			}
			if *slot != nil {
				repeat("age", (*slot).source)
				continue
			}
			*slot = &at
			continue
		}
		m, err := mapVariable(t.path, v)
		if err != nil {
			return err
		}
		for _, c := range harmonise.Reported {
			cats, ok := m[c]
			if !ok {
				continue
			}
			used = true
			if _, taken := r.counts[c]; taken {
				repeat(string(c), r.b.Sources[c])
				continue
			}
			r.counts[c] = cats
			r.adult[c] = t.adult
			r.b.Sources[c] = t.path
		}
	}
	if !used {
		return fmt.Errorf("%s:1: no column holds a characteristic equip benchmarks; expected a census table of %s", t.path, known)
	}
	for _, first := range firsts {
		r.warnings = append(r.warnings, fmt.Sprintf("census: %s: %s left out, taken from %s (ONS perturbs each table separately, so totals must not be mixed)", t.path, strings.Join(repeated[first], ", "), first))
	}
	return nil
}

// setBase describes the population the shares are of, warning when the
// tables' bases differ.
func (r *reader) setBase() {
	var all []string
	for _, c := range harmonise.Reported {
		if _, ok := r.counts[c]; ok && !r.adult[c] {
			all = append(all, string(c))
		}
	}
	switch {
	case len(all) == 0:
		r.b.Base = "Census 2021, " + baseAdult
	case len(all) == len(r.counts):
		r.b.Base = "Census 2021, " + baseAll
	default:
		r.b.Base = fmt.Sprintf("Census 2021, %s (%s for %s)", baseAdult, baseAll, strings.Join(all, ", "))
		r.warnings = append(r.warnings, fmt.Sprintf("census: %s come from tables of all usual residents, the rest from residents aged 16 and over; the bases differ", strings.Join(all, ", ")))
	}
}

// mapVariable turns a variable's census categories into canonical ones. A
// variable determines a characteristic only when every one of its answered
// categories does: the 8-category ethnic group table has "White: Irish",
// a detailed category, but cannot give detailed ethnicity as a whole.
func mapVariable(path string, v *variable) (map[harmonise.Characteristic]map[string]float64, error) {
	var produced map[harmonise.Characteristic]bool
	missing := false
	for _, s := range v.labels {
		if missingLabels[normalise(s.label)] {
			missing = true
			continue
		}
		m := lookup(v.kind, s.label)
		if m == nil {
			return nil, fmt.Errorf("%s:%d:%s: %q is not a Census 2021 category of %s; expected one of %s", path, s.line, s.column, s.label, v.name, validLabels(v.kind))
		}
		if produced == nil {
			produced = map[harmonise.Characteristic]bool{}
			for c := range m {
				produced[c] = true
			}
			continue
		}
		for c := range produced {
			if _, ok := m[c]; !ok {
				delete(produced, c)
			}
		}
	}
	out := map[harmonise.Characteristic]map[string]float64{}
	for c := range produced {
		cats := map[string]float64{}
		for _, s := range v.labels {
			if missingLabels[normalise(s.label)] {
				cats[harmonise.NotKnown] += s.count
				continue
			}
			cats[lookup(v.kind, s.label)[c]] += s.count
		}
		if missing {
			cats[harmonise.NotKnown] += 0
		}
		out[c] = cats
	}
	return out, nil
}

func ageTableOf(path string, v *variable) ageTable {
	t := ageTable{source: path}
	for _, s := range v.labels {
		// readTable has already checked every age label
		lo, hi, _ := parseAge(s.label)
		t.ranges = append(t.ranges, ageRange{lo: lo, hi: hi, count: s.count})
	}
	return t
}

// orderedCounts lists every canonical category of each characteristic (zero
// when the table had none), then Not known when the table had the census's
// missing categories.
func orderedCounts(counts map[harmonise.Characteristic]map[string]float64) []Count {
	var out []Count
	for _, c := range harmonise.Reported {
		cats, ok := counts[c]
		if !ok {
			continue
		}
		for _, cat := range harmonise.Categories[c] {
			out = append(out, Count{Characteristic: c, Category: cat, Count: cats[cat]})
		}
		if n, ok := cats[harmonise.NotKnown]; ok {
			out = append(out, Count{Characteristic: c, Category: harmonise.NotKnown, Count: n})
		}
	}
	return out
}

// Shares returns the share (0–100) of each category of a characteristic
// among residents who answered: the census's own missing categories are left
// out, as METRICS.md says. It is nil when the benchmark lacks the
// characteristic (age bands: see AgeShares).
func (b *Benchmark) Shares(c harmonise.Characteristic) map[string]float64 {
	var total float64
	for _, n := range b.Counts {
		if n.Characteristic == c && !harmonise.IsMissing(n.Category) {
			total += n.Count
		}
	}
	if total <= 0 {
		return nil
	}
	shares := map[string]float64{}
	for _, n := range b.Counts {
		if n.Characteristic == c && !harmonise.IsMissing(n.Category) {
			shares[n.Category] = n.Count / total * 100
		}
	}
	return shares
}
