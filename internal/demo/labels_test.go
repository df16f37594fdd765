package demo

import (
	"testing"

	"github.com/equip-project/equip/internal/harmonise"
)

// Every spelling the demo writes is one harmonise maps onto the category it
// stands for; only the deliberate oddities are left unmapped.
func TestSpellingsMapToTheirCategory(t *testing.T) {
	m, err := harmonise.NewMapper(nil)
	if err != nil {
		t.Fatal(err)
	}
	for c, categories := range spellings {
		for category, options := range categories {
			for _, s := range options {
				if got, ok := m.Map(c, s.label); !ok || got != category {
					t.Errorf("%s %q maps to %q (%v), want %q", c, s.label, got, ok, category)
				}
			}
		}
	}
	for _, s := range []string{"Gay man", "Gay woman/lesbian"} {
		if got, _ := m.Map(harmonise.SexualOrientation, s); got != "Gay or lesbian" {
			t.Errorf("%q maps to %q", s, got)
		}
	}
	for _, e := range exports {
		for _, o := range e.oddities {
			if got, ok := m.Map(o.characteristic, o.label); ok {
				t.Errorf("oddity %s %q maps to %q", o.characteristic, o.label, got)
			}
		}
	}
}

// Every category a person can have has a spelling in both systems.
func TestEveryCategoryIsSpelled(t *testing.T) {
	for _, tr := range traits {
		categories := append([]string{}, harmonise.Categories[tr.characteristic]...)
		for _, s := range tr.missing {
			categories = append(categories, s.category)
		}
		if tr.characteristic == harmonise.Ethnicity {
			// The demo writes detailed ethnicities only, never a bare group or a Gypsy or Roma one.
			categories = categories[:0]
			for _, s := range tr.declared {
				categories = append(categories, s.category)
			}
			categories = append(categories, harmonise.PreferNotToSay, harmonise.NotKnown)
		}
		for _, category := range categories {
			if tr.characteristic == harmonise.SexualOrientation && category == "Gay or lesbian" {
				continue // spelled by sex
			}
			options := spellings[tr.characteristic][category]
			old, new := 0.0, 0.0
			for _, s := range options {
				old += s.old
				new += s.new
			}
			if old == 0 || new == 0 {
				t.Errorf("%s %q has no spelling in one system (old %v, new %v)", tr.characteristic, category, old, new)
			}
		}
	}
}

// A record keeps its spelling from one export of a system to the next.
func TestSpellingIsStable(t *testing.T) {
	q := &Person{quirk: 12345, Sex: "Female"}
	first := label(oldSystem, harmonise.Sex, "Female", q)
	for range 5 {
		if got := label(oldSystem, harmonise.Sex, "Female", q); got != first {
			t.Fatalf("spelling changed from %q to %q", first, got)
		}
	}
}
