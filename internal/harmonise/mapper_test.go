package harmonise

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

type labelCase struct {
	raw  string
	want string
	ok   bool
}

func newTestMapper(t testing.TB, extra map[string]map[string]string) *Mapper {
	t.Helper()
	m, err := NewMapper(extra)
	if err != nil {
		t.Fatalf("NewMapper: %v", err)
	}
	return m
}

func checkLabels(t *testing.T, m *Mapper, c Characteristic, cases []labelCase) {
	t.Helper()
	for _, tc := range cases {
		got, ok := m.Map(c, tc.raw)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Map(%s, %q) = %q, %v; want %q, %v", c, tc.raw, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBuiltinTablesAreConsistent(t *testing.T) {
	tables, err := loadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for c, table := range tables.byCharacteristic {
		valid := ValidCategories(c)
		for key, category := range table {
			if !slices.Contains(valid, category) {
				t.Errorf("%s alias %q maps to %q, not a valid category", c, key, category)
			}
		}
	}
	for key, category := range tables.missing {
		if !IsMissing(category) {
			t.Errorf("missing-value label %q maps to %q", key, category)
		}
	}
}

func TestMapSex(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), Sex, []labelCase{
		{"F", "Female", true},
		{"f", "Female", true},
		{"Female", "Female", true},
		{"Female ", "Female", true},
		{"  FEMALE\t", "Female", true},
		{"Female\u00a0", "Female", true},
		{"Woman", "Female", true},
		{"W", "Female", true},
		{"Fem", "Female", true},
		{"Girl", "Female", true},
		{"F - Female", "Female", true},
		{"M", "Male", true},
		{"M ", "Male", true}, // as in the Huebner HR data set
		{"Male", "Male", true},
		{"MALE", "Male", true},
		{"Man", "Male", true},
		{"Men", "Male", true},
		{"Other", NotKnown, false},
		{"Non-binary", NotKnown, false},
		{"X", NotKnown, false},
		{"Prefer not to say", PreferNotToSay, true},
		{"", NotKnown, true},
	})
}

func TestMapGenderIdentity(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), GenderIdentity, []labelCase{
		{"Yes", "Yes", true},
		{"Y", "Yes", true},
		{"yes ", "Yes", true},
		{"Same as sex registered at birth", "Yes", true},
		{"Gender identity the same as sex registered at birth", "Yes", true},
		{"Yes - same as sex registered at birth", "Yes", true},
		{"Cisgender", "Yes", true},
		{"No", "No", true},
		{"N", "No", true},
		{"Different", "No", true},
		{"Different from sex registered at birth", "No", true},
		{"Gender identity different from sex registered at birth", "No", true},
		{"No - different from sex registered at birth", "No", true},
		{"Trans", "No", true},
		{"Not answered", NotKnown, true},
		{"Prefer not to say", PreferNotToSay, true},
		{"Maybe", NotKnown, false},
	})
}

func TestMapDisability(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), Disability, []labelCase{
		{"Yes", "Disabled", true},
		{"Y", "Disabled", true},
		{"Disabled", "Disabled", true},
		{"Has a disability", "Disabled", true},
		{"Yes, I have a disability", "Disabled", true},
		{"Day-to-day activities limited a lot", "Disabled", true},
		{"Day to day activities limited a little", "Disabled", true},
		{"Disabled under the Equality Act", "Disabled", true},
		{"Disabled under the Equality Act: Day-to-day activities limited a lot", "Disabled", true},
		{"Disabled under the Equality Act: Day-to-day activities limited a little", "Disabled", true},
		{"No", "Not disabled", true},
		{"N", "Not disabled", true},
		{"Not disabled", "Not disabled", true},
		{"No disability", "Not disabled", true},
		{"Non-disabled", "Not disabled", true},
		{"Not disabled under the Equality Act", "Not disabled", true},
		{"I do not wish to disclose whether I have a disability", PreferNotToSay, true},
		{"Not declared", NotKnown, true},
		{"Does not apply", NotKnown, true},
		{"Sometimes", NotKnown, false},
	})
}

func TestMapReligion(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), Religion, []labelCase{
		{"No religion", "No religion", true},
		{"None", "No religion", true},
		{"Atheist", "No religion", true},
		{"Agnostic", "No religion", true},
		{"Humanist", "No religion", true},
		{"Christian", "Christian", true},
		{"Christian - all denominations", "Christian", true},
		{"Church of England", "Christian", true},
		{"C of E", "Christian", true},
		{"Anglican", "Christian", true},
		{"Catholic", "Christian", true},
		{"Roman Catholic", "Christian", true},
		{"Methodist", "Christian", true},
		{"Baptist", "Christian", true},
		{"Protestant", "Christian", true},
		{"Church of Scotland", "Christian", true},
		{"Orthodox Christian", "Christian", true},
		{"Christian (including Church of England, Catholic, Protestant and all other Christian denominations)", "Christian", true},
		{"Buddhist", "Buddhist", true},
		{"Buddhism", "Buddhist", true},
		{"Hindu", "Hindu", true},
		{"Hinduism", "Hindu", true},
		{"Jewish", "Jewish", true},
		{"Judaism", "Jewish", true},
		{"Muslim", "Muslim", true},
		{"Islam", "Muslim", true},
		{"Sikh", "Sikh", true},
		{"Sikhism", "Sikh", true},
		{"Other", "Other religion", true},
		{"Any other religion", "Other religion", true},
		{"Other religion or belief", "Other religion", true},
		{"Pagan", "Other religion", true},
		{"Jain", "Other religion", true},
		{"Spiritualist", "Other religion", true},
		{"Bahá'í", "Other religion", true},
		{"I do not wish to disclose my religion/belief", PreferNotToSay, true},
		{"Not stated", NotKnown, true},
		{"Orthodox", NotKnown, false}, // Christian or Jewish: not guessed
	})
}

func TestMapSexualOrientation(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), SexualOrientation, []labelCase{
		{"Heterosexual", Heterosexual, true},
		{"Straight", Heterosexual, true},
		{"Heterosexual or straight", Heterosexual, true},
		{"Straight or Heterosexual", Heterosexual, true}, // Census 2021 custom tables
		{"Heterosexual/Straight", Heterosexual, true},
		{"Gay", "Gay or lesbian", true},
		{"Lesbian", "Gay or lesbian", true},
		{"Gay man", "Gay or lesbian", true},
		{"Gay woman/lesbian", "Gay or lesbian", true},
		{"Gay or Lesbian", "Gay or lesbian", true},
		{"Bisexual", "Bisexual", true},
		{"Bi", "Bisexual", true},
		{"Other", "Other", true},
		{"All other sexual orientations", "Other", true},
		{"Pansexual", "Other", true},
		{"Asexual", "Other", true},
		{"Queer", "Other", true},
		{"Other sexual orientation", "Other", true},
		{"Prefer not to say", PreferNotToSay, true},
		{"Not answered", NotKnown, true},
		{"Not stated (person asked but declined to provide a response)", PreferNotToSay, true},
		{"Person asked and does not know or is not sure", NotKnown, true},
		{"Undecided", NotKnown, true},
		{"LGBT", NotKnown, false},
	})
}

func TestMapMaritalStatus(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), MaritalStatus, []labelCase{
		{"Single", "Single", true},
		{"Never married", "Single", true},
		{"Married", "Married or in a civil partnership", true},
		{"Civil partnership", "Married or in a civil partnership", true},
		{"Civil Partner", "Married or in a civil partnership", true},
		{"Married or in a registered civil partnership", "Married or in a civil partnership", true},
		{"Married/Civil Partnership", "Married or in a civil partnership", true},
		{"Cohabiting", "Cohabiting", true},
		{"Living with partner", "Cohabiting", true},
		{"Separated", "Separated", true},
		{"Divorced", "Divorced or civil partnership dissolved", true},
		{"Civil partnership dissolved", "Divorced or civil partnership dissolved", true},
		{"Widowed", "Widowed or surviving civil partner", true},
		{"Widow", "Widowed or surviving civil partner", true},
		{"Widower", "Widowed or surviving civil partner", true},
		{"Surviving civil partner", "Widowed or surviving civil partner", true},
		{"Declined", PreferNotToSay, true},
		{"Engaged", NotKnown, false},
	})
}

func TestMapPregnancyMaternity(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), PregnancyMaternity, []labelCase{
		{"Yes", "Yes", true},
		{"Y", "Yes", true},
		{"True", "Yes", true},
		{"1", "Yes", true},
		{"On maternity leave", "Yes", true},
		{"On adoption leave", "Yes", true},
		{"Maternity", "Yes", true},
		{"Pregnant", "Yes", true},
		{"No", "No", true},
		{"N", "No", true},
		{"False", "No", true},
		{"0", "No", true},
		{"Not on maternity leave", "No", true},
		{"Carer", NotKnown, false},
		{"2", NotKnown, false},
	})
}

func TestMapCarer(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), Carer, []labelCase{
		{"Yes", "Yes", true},
		{"Y", "Yes", true},
		{"TRUE", "Yes", true},
		{"1", "Yes", true},
		{"Carer", "Yes", true},
		{"Has caring responsibilities", "Yes", true},
		{"Provides 20 to 49 hours unpaid care a week", "Yes", true},
		{"No", "No", true},
		{"n", "No", true},
		{"false", "No", true},
		{"0", "No", true},
		{"Not a carer", "No", true},
		{"Provides no unpaid care", "No", true},
		{"On maternity leave", NotKnown, false},
	})
}

// Declined and not known are different answers and must never merge.
func TestMapDeclinedAndNotKnownStayApart(t *testing.T) {
	m := newTestMapper(t, nil)
	declined := []string{
		"Prefer not to say", "prefer not to state", "I do not wish to disclose", "Do not wish to declare",
		"Not disclosed", "Declined", "Refused", "Information refused", "Not willing to say", "Rather not say",
		"PNTS", "I don't wish to disclose", "PREFER NOT TO SAY ", "Prefer not to answer",
		"I do not wish to disclose my sexual orientation", "Prefer not to say (PNTS)",
	}
	notKnown := []string{
		"", " ", "\t", "\u00a0", "-", "--", "?", "Not known", "Unknown", "UNKNOWN", "Not stated", "Not declared",
		"N/A", "n/a", "NA", "Blank", "Null", "NULL", "Not answered", "Does not apply", "Not specified",
	}
	for _, c := range Input {
		for _, raw := range declined {
			if got, ok := m.Map(c, raw); got != PreferNotToSay || !ok {
				t.Errorf("Map(%s, %q) = %q, %v; want %q, true", c, raw, got, ok, PreferNotToSay)
			}
		}
		for _, raw := range notKnown {
			if got, ok := m.Map(c, raw); got != NotKnown || !ok {
				t.Errorf("Map(%s, %q) = %q, %v; want %q, true", c, raw, got, ok, NotKnown)
			}
		}
	}
}

func TestMapUnknownCharacteristic(t *testing.T) {
	m := newTestMapper(t, nil)
	checkLabels(t, m, Characteristic("shoe_size"), []labelCase{
		{"Female", NotKnown, false},
		{"Prefer not to say", PreferNotToSay, true},
		{"", NotKnown, true},
	})
	checkLabels(t, m, AgeBand, []labelCase{
		{"16-24", NotKnown, false},
		{"Not known", NotKnown, true},
	})
	// Derived characteristics accept their own categories, so a census table
	// that already uses them maps unchanged.
	checkLabels(t, m, EthnicGroup, []labelCase{
		{"Asian, Asian British or Asian Welsh", GroupAsian, true},
		{"White", GroupWhite, true},
	})
	checkLabels(t, m, LGB, []labelCase{{"LGB+", LGBPlus, true}})
}

func TestExtraMappingsWin(t *testing.T) {
	m := newTestMapper(t, map[string]map[string]string{
		"ethnicity":      {"HISPANIC": "Other ethnic group: Any other ethnic group", "Black or African American": "black, black british, black welsh, caribbean or african"},
		"sex":            {"M": "Female", "X-Woman": "female"},
		"carer":          {"": "No"},
		"disability":     {"Not known": "Not disabled"},
		"religion":       {"Orthodox": "Christian"},
		"marital_status": {"Engaged": "Single"},
	})
	checkLabels(t, m, Ethnicity, []labelCase{
		{"Hispanic", GroupOther + ": Any other ethnic group", true},
		{"hispanic ", GroupOther + ": Any other ethnic group", true},
		{"Black or African American", GroupBlack, true}, // target matched like a label, stored canonical
		{"White British", WhiteBritish, true},           // built-ins still apply
	})
	checkLabels(t, m, Sex, []labelCase{
		{"M", "Female", true}, // the pipeline overrides a built-in alias
		{"m ", "Female", true},
		{"x woman", "Female", true},
		{"F", "Female", true},
	})
	checkLabels(t, m, Carer, []labelCase{
		{"", "No", true}, // a pipeline may say a blank flag means No
		{"  ", "No", true},
		{"Yes", "Yes", true},
	})
	checkLabels(t, m, Disability, []labelCase{{"NOT KNOWN", "Not disabled", true}})
	checkLabels(t, m, Religion, []labelCase{{"Orthodox", "Christian", true}})
	checkLabels(t, m, MaritalStatus, []labelCase{{"engaged", "Single", true}})
	// Extras are per characteristic.
	checkLabels(t, m, PregnancyMaternity, []labelCase{{"", NotKnown, true}})
}

func TestNewMapperErrors(t *testing.T) {
	tests := []struct {
		name  string
		extra map[string]map[string]string
		want  []string
	}{
		{
			name:  "misspelt category",
			extra: map[string]map[string]string{"ethnicity": {"Caucasian": "Whte"}},
			want:  []string{`labels.ethnicity: "Whte" is not a category; did you mean "White"?`},
		},
		{
			name:  "a known alias as target suggests its category",
			extra: map[string]map[string]string{"sexual_orientation": {"G": "Gay"}},
			want:  []string{`labels.sexual_orientation: "Gay" is not a category; did you mean "Gay or lesbian"?`},
		},
		{
			name:  "sex category",
			extra: map[string]map[string]string{"sex": {"W": "Femail"}},
			want:  []string{`labels.sex: "Femail" is not a category; did you mean "Female"?`},
		},
		{
			name:  "missing category misspelt",
			extra: map[string]map[string]string{"sex": {"X": "Not know"}},
			want:  []string{`labels.sex: "Not know" is not a category; did you mean "Not known"?`},
		},
		{
			// "notdisabled" is 8 edits from both "female" and "notknown":
			// the tie goes to the first valid category.
			name:  "another characteristic's category",
			extra: map[string]map[string]string{"sex": {"X": "Not disabled"}},
			want:  []string{`labels.sex: "Not disabled" is not a category; did you mean "Female"?`},
		},
		{
			name:  "a group short name is not a category",
			extra: map[string]map[string]string{"ethnicity": {"Black or African American": "Black"}},
			want:  []string{`labels.ethnicity: "Black" is not a category; did you mean "` + GroupBlack + `"?`},
		},
		{
			name:  "unknown characteristic",
			extra: map[string]map[string]string{"sexx": {"W": "Female"}},
			want:  []string{`labels.sexx: "sexx" is not a characteristic read from a file; did you mean "sex"?`},
		},
		{
			name:  "derived characteristic",
			extra: map[string]map[string]string{"ethnic_group": {"BAME": "Other ethnic group"}},
			want:  []string{`labels.ethnic_group: "ethnic_group" is not a characteristic read from a file; did you mean "ethnicity"?`},
		},
		{
			name:  "two labels that are one key",
			extra: map[string]map[string]string{"sex": {"W": "Female", "w ": "Male"}},
			want:  []string{`labels.sex: "W" and "w " are the same label but map to "Female" and "Male"`},
		},
		{
			name: "every error reported",
			extra: map[string]map[string]string{
				"religion":   {"Orthodox": "Cristian"},
				"disability": {"Some": "Disabld"},
			},
			want: []string{
				`labels.disability: "Disabld" is not a category; did you mean "Disabled"?`,
				`labels.religion: "Cristian" is not a category; did you mean "Christian"?`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMapper(tt.extra)
			if err == nil {
				t.Fatalf("NewMapper(%v) = %v, nil; want an error", tt.extra, m)
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("error = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

func TestNewMapperAcceptsEveryValidTarget(t *testing.T) {
	for _, c := range Input {
		extra := map[string]map[string]string{string(c): {}}
		for i, category := range ValidCategories(c) {
			extra[string(c)][fmt.Sprintf("code %d", i)] = category
		}
		m := newTestMapper(t, extra)
		for i, category := range ValidCategories(c) {
			if got, ok := m.Map(c, fmt.Sprintf("CODE-%d", i)); got != category || !ok {
				t.Errorf("Map(%s, CODE-%d) = %q, %v; want %q, true", c, i, got, ok, category)
			}
		}
	}
}

// Run with -race: many goroutines map the same and different labels at once.
func TestMapConcurrent(t *testing.T) {
	m := newTestMapper(t, map[string]map[string]string{"sex": {"W": "Female"}})
	cases := []struct {
		c    Characteristic
		raw  string
		want string
		ok   bool
	}{
		{Sex, "W", "Female", true},
		{Sex, "M", "Male", true},
		{Sex, "Other", NotKnown, false},
		{Ethnicity, "White - British", WhiteBritish, true},
		{Ethnicity, "A - White British", WhiteBritish, true},
		{Ethnicity, "BAME", NotKnown, false},
		{Religion, "C of E", "Christian", true},
		{Disability, "Prefer not to say", PreferNotToSay, true},
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16*len(cases))
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				tc := cases[(g+i)%len(cases)]
				raw := tc.raw
				if i%2 == 1 {
					raw = " " + raw // a second spelling of the same label, cached apart
				}
				if got, ok := m.Map(tc.c, raw); got != tc.want || ok != tc.ok {
					errs <- fmt.Sprintf("Map(%s, %q) = %q, %v; want %q, %v", tc.c, raw, got, ok, tc.want, tc.ok)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestMapCacheIsBounded(t *testing.T) {
	m := newTestMapper(t, nil)
	for i := range maxCachedPerCharacteristic + 10 {
		if got, ok := m.Map(Sex, fmt.Sprintf("label %d", i)); got != NotKnown || ok {
			t.Fatalf("Map(sex, label %d) = %q, %v; want Not known, false", i, got, ok)
		}
	}
	if n := len(m.caches[Sex].results); n != maxCachedPerCharacteristic {
		t.Errorf("cache holds %d labels, want the cap %d", n, maxCachedPerCharacteristic)
	}
	// Past the cap labels still map correctly.
	if got, ok := m.Map(Sex, "Female "); got != "Female" || !ok {
		t.Errorf("Map(sex, Female) past the cap = %q, %v", got, ok)
	}
}

func BenchmarkMapRepeatedLabel(b *testing.B) {
	m := newTestMapper(b, nil)
	m.Map(Ethnicity, "Asian or Asian British - Indian")
	b.ReportAllocs()
	for b.Loop() {
		if got, _ := m.Map(Ethnicity, "Asian or Asian British - Indian"); got != GroupAsian+": Indian" {
			b.Fatalf("got %q", got)
		}
	}
}

func BenchmarkMapRepeatedLabelParallel(b *testing.B) {
	m := newTestMapper(b, nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Map(Sex, "Female ")
		}
	})
}
