package harmonise

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/equip-project/equip/internal/suggest"
)

// builtinTables are the alias tables with every label normalised, built
// once and shared read-only by every Mapper.
type builtinTables struct {
	byCharacteristic map[Characteristic]map[string]string // normalised label -> category
	missing          map[string]string                    // declined and not-known labels, for every characteristic
	headings         []heading                            // ethnic group headings, longest first
	words            map[string][]string                  // word -> groups it names
	declinedPrefixes []string                             // normalised starts of longer "declined" labels
}

// heading is one normalised way of writing an ethnic group heading, or an
// "any other" category that takes a free-text detail after it.
type heading struct {
	key      string
	category string
	family   *ethnicFamily
}

var (
	builtinOnce sync.Once
	builtin     *builtinTables
	builtinErr  error
)

// loadBuiltin builds the shared tables on first use. An error means two
// built-in aliases collide, which the package tests rule out.
func loadBuiltin() (*builtinTables, error) {
	builtinOnce.Do(func() { builtin, builtinErr = buildBuiltin() })
	return builtin, builtinErr
}

// tableBuilder collects normalised aliases and records collisions rather
// than letting a later alias silently overwrite an earlier one.
type tableBuilder struct {
	name      string
	entries   map[string]string
	conflicts *[]error
}

func (b tableBuilder) add(label, category string) {
	key := suggest.Normalise(label)
	if prev, dup := b.entries[key]; dup && prev != category {
		*b.conflicts = append(*b.conflicts, fmt.Errorf("built-in %s aliases: %q maps to both %q and %q", b.name, key, prev, category))
		return
	}
	b.entries[key] = category
}

func (b tableBuilder) addAll(aliases map[string][]string) {
	for _, category := range sortedKeys(aliases) {
		for _, label := range aliases[category] {
			b.add(label, category)
		}
	}
}

func buildBuiltin() (*builtinTables, error) {
	var conflicts []error
	t := &builtinTables{
		byCharacteristic: make(map[Characteristic]map[string]string),
		missing:          make(map[string]string),
		words:            make(map[string][]string),
	}
	newBuilder := func(name string, entries map[string]string) tableBuilder {
		return tableBuilder{name: name, entries: entries, conflicts: &conflicts}
	}

	missing := newBuilder("missing-value", t.missing)
	missing.add(PreferNotToSay, PreferNotToSay)
	missing.add(NotKnown, NotKnown)
	for _, label := range declinedLabels {
		missing.add(label, PreferNotToSay)
	}
	for _, label := range notKnownLabels {
		missing.add(label, NotKnown)
	}
	for _, p := range declinedPrefixes {
		t.declinedPrefixes = append(t.declinedPrefixes, suggest.Normalise(p))
	}

	aliases := map[Characteristic]map[string][]string{
		Sex:                sexAliases,
		GenderIdentity:     genderIdentityAliases,
		Disability:         disabilityAliases,
		Religion:           religionAliases,
		SexualOrientation:  sexualOrientationAliases,
		MaritalStatus:      maritalStatusAliases,
		PregnancyMaternity: pregnancyAliases,
		Carer:              carerAliases,
		Ethnicity:          ethnicityExtra,
	}
	for _, c := range Reported {
		entries := make(map[string]string)
		t.byCharacteristic[c] = entries
		b := newBuilder(string(c), entries)
		// A file that already uses the canonical categories needs no aliases.
		for _, category := range Categories[c] {
			b.add(category, category)
		}
		if table, found := aliases[c]; found {
			b.addAll(table)
		}
	}
	ethnicity := newBuilder(string(Ethnicity), t.byCharacteristic[Ethnicity])
	for code, category := range nhsEthnicCodes {
		ethnicity.add(code, category)
	}
	for i := range ethnicFamilies {
		f := &ethnicFamilies[i]
		ethnicity.add(f.group, f.group)
		ethnicity.addAll(f.details)
		for _, h := range f.headings {
			ethnicity.add(h, f.group)
			hk := suggest.Normalise(h)
			t.headings = append(t.headings, heading{key: hk, category: f.group, family: f})
			for _, details := range []map[string][]string{f.details, f.bare} {
				for _, category := range sortedKeys(details) {
					for _, d := range details[category] {
						ethnicity.add(hk+" "+d, category)
					}
				}
			}
		}
		for _, label := range f.details[f.other] {
			t.headings = append(t.headings, heading{key: suggest.Normalise(label), category: f.other, family: f})
		}
		for _, w := range f.words {
			t.words[w] = append(t.words[w], f.group)
		}
	}
	// Longest first, so "asian british" wins over "asian" as the heading of
	// "Asian British - Sri Lankan".
	sort.SliceStable(t.headings, func(i, j int) bool { return len(t.headings[i].key) > len(t.headings[j].key) })

	// A built-in alias that shadows a missing-value label would turn a
	// declined answer into a category (or the reverse): forbid it.
	for _, c := range Reported {
		for key, category := range t.byCharacteristic[c] {
			if m, found := t.missing[key]; found && m != category {
				conflicts = append(conflicts, fmt.Errorf("built-in %s aliases: %q maps to %q but is also a missing-value label (%q)", c, key, category, m))
			}
		}
	}
	if len(conflicts) > 0 {
		sort.Slice(conflicts, func(i, j int) bool { return conflicts[i].Error() < conflicts[j].Error() })
		return nil, fmt.Errorf("harmonise: inconsistent built-in alias tables: %w", errors.Join(conflicts...))
	}
	return t, nil
}
