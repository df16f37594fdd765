package census

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/equip-project/equip/internal/harmonise"
)

// kind is the census variable a column holds, as far as equip is concerned.
type kind int

const (
	kindOther kind = iota // summed out and otherwise ignored
	kindSex
	kindGenderIdentity
	kindAge
	kindEthnicGroup
	kindDisability
	kindReligion
	kindSexualOrientation
)

var kindNames = map[string]kind{
	"sex":                kindSex,
	"gender identity":    kindGenderIdentity,
	"age":                kindAge,
	"ethnic group":       kindEthnicGroup,
	"disability":         kindDisability,
	"religion":           kindReligion,
	"sexual orientation": kindSexualOrientation,
}

var parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)

// kindOf recognises a census variable by its name. ONS decorates names with
// the classification ("Age (D) (8 categories)", "Disability - Equality act
// disabled (4 categories)"), so the decorations are stripped first; the
// category labels, not the name, decide which classification it is.
func kindOf(name string) kind {
	n := parenthetical.ReplaceAllString(name, "")
	if i := strings.Index(n, " - "); i >= 0 {
		n = n[:i]
	}
	return kindNames[normalise(n)]
}

// adultOnly reports whether the census asked the variable's question of
// residents aged 16 and over only; its "Does not apply" category is then the
// under-16s.
func (k kind) adultOnly() bool { return k == kindSexualOrientation || k == kindGenderIdentity }

func normalise(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// The census's own missing categories. Both become harmonise.NotKnown.
var missingLabels = map[string]bool{"not answered": true, "does not apply": true}

const doesNotApply = "does not apply"

// mapping is what one census label stands for: a category of each
// characteristic it determines.
type mapping map[harmonise.Characteristic]string

// labelTables maps, for each variable, the Census 2021 labels onto canonical
// categories; labels match whatever their case and spacing (ONS spells
// "Gay or Lesbian" in one product and "Gay or lesbian" in another). Labels of finer classifications that are not
// listed ("Christian: Catholic", "Not disabled under the Equality Act: No
// long term physical or mental health conditions") are looked up by their
// parent, the text before the last ": ".
var labelTables = map[kind]map[string]mapping{
	kindSex: {
		"Female": {harmonise.Sex: "Female"},
		"Male":   {harmonise.Sex: "Male"},
	},
	kindGenderIdentity: genderIdentityLabels(),
	kindEthnicGroup:    ethnicLabels(),
	kindDisability: {
		"Disabled under the Equality Act":     {harmonise.Disability: "Disabled"},
		"Not disabled under the Equality Act": {harmonise.Disability: "Not disabled"},
	},
	kindReligion: religionLabels(),
	kindSexualOrientation: {
		"Straight or Heterosexual": {harmonise.SexualOrientation: harmonise.Heterosexual, harmonise.LGB: harmonise.Heterosexual},
		"Gay or Lesbian":           {harmonise.SexualOrientation: "Gay or lesbian", harmonise.LGB: harmonise.LGBPlus},
		"Bisexual":                 {harmonise.SexualOrientation: "Bisexual", harmonise.LGB: harmonise.LGBPlus},
		"All other sexual orientations": {
			harmonise.SexualOrientation: "Other", harmonise.LGB: harmonise.LGBPlus,
		},
		// The 4-category table groups the minority orientations, so it can
		// only give the binary.
		"Lesbian, Gay, Bisexual, or Other (LGB+)": {harmonise.LGB: harmonise.LGBPlus},
	},
}

func genderIdentityLabels() map[string]mapping {
	same := mapping{harmonise.GenderIdentity: "Yes"}
	different := mapping{harmonise.GenderIdentity: "No"}
	return map[string]mapping{
		"Gender identity the same as sex registered at birth":                                   same,
		"Gender identity different from sex registered at birth":                                different,
		"Gender identity different from sex registered at birth but no specific identity given": different,
		"Trans woman":                 different,
		"Trans man":                   different,
		"Non-binary":                  different,
		"All other gender identities": different,
	}
}

// ethnicLabels accepts both the 8-category table (the five groups, with White
// split three ways) and the 20-category one, whose labels are exactly the
// canonical detailed categories; only the detailed labels determine
// ethnicity.
func ethnicLabels() map[string]mapping {
	minority := func(group string) string {
		if group == harmonise.GroupWhite {
			return harmonise.EthnicMinorityNo
		}
		return harmonise.EthnicMinorityYes
	}
	t := map[string]mapping{}
	for _, g := range harmonise.Categories[harmonise.EthnicGroup] {
		t[g] = mapping{harmonise.EthnicGroup: g, harmonise.EthnicMinority: minority(g)}
	}
	for _, e := range harmonise.Categories[harmonise.Ethnicity] {
		g, _, _ := strings.Cut(e, ": ")
		t[e] = mapping{harmonise.Ethnicity: e, harmonise.EthnicGroup: g, harmonise.EthnicMinority: minority(g)}
	}
	t["White: Gypsy or Irish Traveller, Roma or Other White"] = mapping{
		harmonise.EthnicGroup: harmonise.GroupWhite, harmonise.EthnicMinority: harmonise.EthnicMinorityNo,
	}
	return t
}

func religionLabels() map[string]mapping {
	t := map[string]mapping{}
	for _, r := range harmonise.Categories[harmonise.Religion] {
		t[r] = mapping{harmonise.Religion: r}
	}
	return t
}

// labelIndex is labelTables keyed by normalised label.
var labelIndex = func() map[kind]map[string]mapping {
	idx := map[kind]map[string]mapping{}
	for k, t := range labelTables {
		idx[k] = map[string]mapping{}
		for l, m := range t {
			idx[k][normalise(l)] = m
		}
	}
	return idx
}()

// lookup finds the mapping of a label, falling back to its parent category.
func lookup(k kind, label string) mapping {
	table := labelIndex[k]
	for l := normalise(label); l != ""; {
		if m, ok := table[l]; ok {
			return m
		}
		i := strings.LastIndex(l, ": ")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return nil
}

// validLabels lists a variable's known labels for error messages.
func validLabels(k kind) string {
	var ls []string
	for l := range labelTables[k] {
		ls = append(ls, strconv.Quote(l))
	}
	sort.Strings(ls)
	return strings.Join(ls, ", ") + `, "Not answered", "Does not apply"`
}

// isTotal reports whether a nomis bulk category is a total column, which
// must not be added to its parts.
func isTotal(category string) bool {
	c := normalise(category)
	return strings.HasPrefix(c, "total") || c == "all persons" || strings.HasPrefix(c, "all usual residents")
}
