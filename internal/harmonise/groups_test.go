package harmonise

import (
	"slices"
	"testing"
)

func TestEthnicGroupOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{WhiteBritish, GroupWhite},
		{whiteIrish, GroupWhite},
		{whiteTraveller, GroupWhite},
		{whiteRoma, GroupWhite},
		{whiteOther, GroupWhite},
		{mixedWhiteCarib, GroupMixed},
		{mixedOther, GroupMixed},
		{asianIndian, GroupAsian},
		{asianChinese, GroupAsian},
		{blackAfrican, GroupBlack},
		{blackOther, GroupBlack},
		{otherArab, GroupOther},
		{otherAny, GroupOther},
		{GroupWhite, GroupWhite},
		{GroupAsian, GroupAsian},
		{GroupBlack, GroupBlack},
		{GroupMixed, GroupMixed},
		{GroupOther, GroupOther},
		{PreferNotToSay, PreferNotToSay},
		{NotKnown, NotKnown},
		{"White - British", NotKnown}, // a raw label, not a category
		{"Asian, Asian British or Asian Welsh: Nepali", NotKnown},
		{"", NotKnown},
	}
	for _, tt := range tests {
		if got := EthnicGroupOf(tt.in); got != tt.want {
			t.Errorf("EthnicGroupOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Every detailed category has a group.
	for _, c := range Categories[Ethnicity] {
		if g := EthnicGroupOf(c); !slices.Contains(Categories[EthnicGroup], g) {
			t.Errorf("EthnicGroupOf(%q) = %q, not a group", c, g)
		}
	}
}

func TestEthnicMinorityOf(t *testing.T) {
	tests := []struct {
		in            string
		whiteMinority bool
		want          string
	}{
		{WhiteBritish, false, EthnicMinorityNo},
		{whiteIrish, false, EthnicMinorityNo},
		{whiteTraveller, false, EthnicMinorityNo},
		{whiteRoma, false, EthnicMinorityNo},
		{whiteOther, false, EthnicMinorityNo},
		{GroupWhite, false, EthnicMinorityNo},
		{WhiteBritish, true, EthnicMinorityNo},
		{whiteIrish, true, EthnicMinorityYes},
		{whiteTraveller, true, EthnicMinorityYes},
		{whiteRoma, true, EthnicMinorityYes},
		{whiteOther, true, EthnicMinorityYes},
		{GroupWhite, true, EthnicMinorityNo}, // bare White: detail unknown, counted White
		{asianIndian, false, EthnicMinorityYes},
		{mixedWhiteAsian, false, EthnicMinorityYes},
		{blackCaribbean, true, EthnicMinorityYes},
		{otherArab, false, EthnicMinorityYes},
		{GroupAsian, false, EthnicMinorityYes},
		{GroupOther, true, EthnicMinorityYes},
		{PreferNotToSay, false, PreferNotToSay},
		{NotKnown, true, NotKnown},
		{"BAME", false, NotKnown},
	}
	for _, tt := range tests {
		if got := EthnicMinorityOf(tt.in, tt.whiteMinority); got != tt.want {
			t.Errorf("EthnicMinorityOf(%q, %v) = %q, want %q", tt.in, tt.whiteMinority, got, tt.want)
		}
	}
}

func TestLGBOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{Heterosexual, Heterosexual},
		{"Gay or lesbian", LGBPlus},
		{"Bisexual", LGBPlus},
		{"Other", LGBPlus},
		{PreferNotToSay, PreferNotToSay},
		{NotKnown, NotKnown},
		{"Gay", NotKnown}, // a raw label, not a category
		{"", NotKnown},
	}
	for _, tt := range tests {
		if got := LGBOf(tt.in); got != tt.want {
			t.Errorf("LGBOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidCategories(t *testing.T) {
	tests := []struct {
		c    Characteristic
		want []string
	}{
		{Sex, []string{"Female", "Male", PreferNotToSay, NotKnown}},
		{Disability, []string{"Disabled", "Not disabled", PreferNotToSay, NotKnown}},
		{AgeBand, []string{PreferNotToSay, NotKnown}},
		{Characteristic("nonsense"), []string{PreferNotToSay, NotKnown}},
		{EthnicGroup, []string{GroupAsian, GroupBlack, GroupMixed, GroupWhite, GroupOther, PreferNotToSay, NotKnown}},
	}
	for _, tt := range tests {
		if got := ValidCategories(tt.c); !slices.Equal(got, tt.want) {
			t.Errorf("ValidCategories(%s) = %q, want %q", tt.c, got, tt.want)
		}
	}
	eth := ValidCategories(Ethnicity)
	if len(eth) != 19+5+2 {
		t.Fatalf("ValidCategories(ethnicity) has %d entries, want 26", len(eth))
	}
	if eth[0] != asianBangladeshi || eth[18] != otherAny || eth[19] != GroupAsian || eth[23] != GroupOther ||
		eth[24] != PreferNotToSay || eth[25] != NotKnown {
		t.Errorf("ValidCategories(ethnicity) order wrong: %q", eth)
	}
	// The result is the caller's: changing it must not change Categories.
	eth[0] = "changed"
	if Categories[Ethnicity][0] != asianBangladeshi {
		t.Error("ValidCategories shares its slice with Categories")
	}
}

func TestOrder(t *testing.T) {
	tests := []struct {
		c        Characteristic
		category string
		want     int
	}{
		{Sex, "Female", 0},
		{Sex, "Male", 1},
		{Sex, PreferNotToSay, 2},
		{Sex, NotKnown, 3},
		{Sex, "Other", 4},
		{Ethnicity, asianBangladeshi, 0},
		{Ethnicity, WhiteBritish, 12},
		{Ethnicity, otherAny, 18},
		{Ethnicity, GroupAsian, 19},
		{Ethnicity, GroupWhite, 22},
		{Ethnicity, PreferNotToSay, 24},
		{Ethnicity, NotKnown, 25},
		{Ethnicity, "BAME", 26},
		{Religion, "Other religion", 7},
		{Religion, NotKnown, 9},
		{AgeBand, PreferNotToSay, 0},
		{AgeBand, "16-24", 2},
	}
	for _, tt := range tests {
		if got := Order(tt.c, tt.category); got != tt.want {
			t.Errorf("Order(%s, %q) = %d, want %d", tt.c, tt.category, got, tt.want)
		}
	}
}
