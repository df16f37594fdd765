package harmonise

import (
	"slices"
	"testing"
)

func FuzzMap(f *testing.F) {
	seeds := []string{
		"", "-", "F", "White - British", "A - White British", "C2 White - Northern Irish", "Z Not stated",
		"Prefer not to say", "I do not wish to disclose my religion", "Mixed - White and Chinese",
		"White and Chinese", "Bahá'í", "\u00a0", "\xff\xfe", "a b c d", "Any other White background: Polish",
	}
	for i, s := range seeds {
		f.Add(uint8(i), s)
	}
	m, err := NewMapper(map[string]map[string]string{"ethnicity": {"HISPANIC": otherAny}})
	if err != nil {
		f.Fatal(err)
	}
	characteristics := append(slices.Clone(Reported), Characteristic("unknown"))
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		c := characteristics[int(which)%len(characteristics)]
		got, ok := m.Map(c, raw)
		if !slices.Contains(ValidCategories(c), got) {
			t.Fatalf("Map(%s, %q) = %q, not a valid category", c, raw, got)
		}
		if !ok && got != NotKnown {
			t.Fatalf("Map(%s, %q) = %q, false; an unmapped label must be Not known", c, raw, got)
		}
		if again, ok2 := m.Map(c, raw); again != got || ok2 != ok {
			t.Fatalf("Map(%s, %q) gave %q, %v then %q, %v", c, raw, got, ok, again, ok2)
		}
	})
}
