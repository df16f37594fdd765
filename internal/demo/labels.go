package demo

import (
	"hash/fnv"
	"math/rand/v2"

	"github.com/equip-project/equip/internal/harmonise"
)

// system is the HR system an export came from: each writes categories its
// own ways, and records keyed in before a migration keep their old spelling.
type system int

const (
	oldSystem system = iota // the HR system to 2023
	newSystem               // the system migrated to in 2023/24
)

// spelling is one way of writing a category, with how often each system
// writes it that way (relative weights; 0 = never).
type spelling struct {
	label    string
	old, new float64
}

var yesNoSpellings = map[string][]spelling{
	"Yes": {{"Yes", 92, 20}, {"Y", 8, 80}},
	"No":  {{"No", 92, 20}, {"N", 8, 80}},
}

// declinedOrBlank are the spellings of the two missing categories for most
// characteristics: "Prefer not to say", and an empty cell.
var declinedOrBlank = map[string][]spelling{
	harmonise.PreferNotToSay: {{"Prefer not to say", 1, 1}},
	harmonise.NotKnown:       {{"", 1, 1}},
}

// spellings holds, per characteristic, each category's spellings.
var spellings = map[harmonise.Characteristic]map[string][]spelling{
	harmonise.Sex: {
		"Female": {{"Female", 78, 25}, {"F", 12, 70}, {"Female ", 6, 0}, {"Woman", 4, 5}},
		"Male":   {{"Male", 84, 27}, {"M", 12, 70}, {"Man", 4, 3}},
	},
	harmonise.Ethnicity: {
		harmonise.WhiteBritish: {
			{"White - British", 70, 25}, {"White British", 30, 10},
			{"White: English, Welsh, Scottish, Northern Irish or British", 0, 65},
		},
		"White: Irish":       {{"White - Irish", 1, 30}, {"White: Irish", 0, 70}},
		"White: Other White": {{"Any other White background", 1, 40}, {"White: Any other White background", 0, 60}},
		harmonise.GroupAsian + ": Indian": {
			{"Asian or Asian British - Indian", 80, 10}, {"Indian", 20, 20}, {"Asian or Asian British: Indian", 0, 70},
		},
		harmonise.GroupAsian + ": Pakistani": {
			{"Asian or Asian British - Pakistani", 1, 20}, {"Asian or Asian British: Pakistani", 0, 80},
		},
		harmonise.GroupAsian + ": Bangladeshi": {
			{"Asian or Asian British - Bangladeshi", 1, 20}, {"Asian or Asian British: Bangladeshi", 0, 80},
		},
		harmonise.GroupAsian + ": Chinese": {{"Chinese", 1, 30}, {"Asian or Asian British: Chinese", 0, 70}},
		harmonise.GroupAsian + ": Other Asian": {
			{"Asian or Asian British - Any other Asian background", 1, 20},
			{"Asian or Asian British: Any other Asian background", 0, 80},
		},
		harmonise.GroupBlack + ": African": {
			{"Black or Black British - African", 1, 20}, {"Black, Black British, Caribbean or African: African", 0, 80},
		},
		harmonise.GroupBlack + ": Caribbean": {
			{"Black or Black British - Caribbean", 1, 20}, {"Black, Black British, Caribbean or African: Caribbean", 0, 80},
		},
		harmonise.GroupBlack + ": Other Black": {
			{"Black or Black British - Any other Black background", 1, 20},
			{"Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background", 0, 80},
		},
		harmonise.GroupMixed + ": White and Black Caribbean": {
			{"Mixed - White and Black Caribbean", 1, 20}, {"Mixed or Multiple ethnic groups: White and Black Caribbean", 0, 80},
		},
		harmonise.GroupMixed + ": White and Black African": {
			{"Mixed - White and Black African", 1, 20}, {"Mixed or Multiple ethnic groups: White and Black African", 0, 80},
		},
		harmonise.GroupMixed + ": White and Asian": {
			{"Mixed - White and Asian", 1, 20}, {"Mixed or Multiple ethnic groups: White and Asian", 0, 80},
		},
		harmonise.GroupMixed + ": Other Mixed or Multiple ethnic groups": {
			{"Mixed - Any other Mixed background", 1, 20},
			{"Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background", 0, 80},
		},
		harmonise.GroupOther + ": Arab": {{"Arab", 1, 30}, {"Other ethnic group: Arab", 0, 70}},
		harmonise.GroupOther + ": Any other ethnic group": {
			{"Any other ethnic group", 1, 30}, {"Other ethnic group: Any other ethnic group", 0, 70},
		},
		harmonise.PreferNotToSay: {{"Prefer not to say", 1, 1}},
		harmonise.NotKnown:       {{"", 70, 60}, {"Not stated", 30, 40}},
	},
	harmonise.Disability: merge(map[string][]spelling{
		"Disabled":     yesNoSpellings["Yes"],
		"Not disabled": yesNoSpellings["No"],
	}, declinedOrBlank),
	harmonise.Religion: merge(map[string][]spelling{
		"Christian":      {{"Christian", 60, 85}, {"Church of England", 25, 5}, {"Roman Catholic", 15, 10}},
		"No religion":    {{"None", 60, 10}, {"No religion", 40, 90}},
		"Buddhist":       {{"Buddhist", 1, 1}},
		"Hindu":          {{"Hindu", 1, 1}},
		"Jewish":         {{"Jewish", 1, 1}},
		"Muslim":         {{"Muslim", 1, 1}},
		"Sikh":           {{"Sikh", 1, 1}},
		"Other religion": {{"Other", 1, 1}},
	}, declinedOrBlank),
	harmonise.SexualOrientation: {
		harmonise.Heterosexual:   {{"Heterosexual", 1, 20}, {"Heterosexual/Straight", 0, 80}},
		"Bisexual":               {{"Bisexual", 1, 1}},
		"Other":                  {{"Other", 1, 1}},
		harmonise.PreferNotToSay: {{"Prefer not to say", 1, 1}},
		harmonise.NotKnown:       {{"", 60, 50}, {"Not stated", 40, 50}},
		// "Gay or lesbian" is spelled by sex: see label.
	},
	harmonise.MaritalStatus: merge(map[string][]spelling{
		"Single":                            {{"Single", 1, 1}},
		"Married or in a civil partnership": {{"Married", 90, 0}, {"Civil Partnership", 10, 0}, {"Married/Civil Partner", 0, 1}},
		"Cohabiting":                        {{"Cohabiting", 1, 20}, {"Living with partner", 0, 80}},
		"Separated":                         {{"Separated", 1, 1}},
		"Divorced or civil partnership dissolved": {{"Divorced", 1, 70}, {"Divorced/civil partnership dissolved", 0, 30}},
		"Widowed or surviving civil partner":      {{"Widowed", 1, 1}},
	}, declinedOrBlank),
	harmonise.GenderIdentity:     merge(yesNoSpellings, declinedOrBlank),
	harmonise.Carer:              merge(yesNoSpellings, declinedOrBlank),
	harmonise.PregnancyMaternity: yesNoSpellings,
}

func merge(a, b map[string][]spelling) map[string][]spelling {
	out := make(map[string][]spelling, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// label is how a system writes a person's category of a characteristic.
// The choice among spellings is fixed by the person's quirk, so a record
// keeps its spelling from one export of a system to the next.
func label(sys system, c harmonise.Characteristic, category string, q *Person) string {
	if c == harmonise.SexualOrientation && category == "Gay or lesbian" {
		if q.Sex == "Male" {
			return "Gay man"
		}
		return "Gay woman/lesbian"
	}
	options := spellings[c][category]
	if len(options) == 0 {
		return category // the canonical name is a fair spelling
	}
	return spell(sys, options, q, string(c))
}

// yesNo is how a system writes a yes/no field that is not a characteristic.
func yesNo(sys system, yes bool, q *Person, field string) string {
	if yes {
		return spell(sys, yesNoSpellings["Yes"], q, field)
	}
	return spell(sys, yesNoSpellings["No"], q, field)
}

func spell(sys system, options []spelling, q *Person, field string) string {
	weights := make([]float64, len(options))
	for i, s := range options {
		weights[i] = s.old
		if sys == newSystem {
			weights[i] = s.new
		}
	}
	return options[indexAt(weights, quirkUniform(q.quirk, field))].label
}

// quirkUniform turns a person's quirk and a field name into a uniform
// number in [0, 1), different for each field.
func quirkUniform(quirk uint64, field string) float64 {
	h := fnv.New64a()
	h.Write([]byte(field))
	return rand.New(rand.NewPCG(quirk, h.Sum64())).Float64()
}

// oddity is a label no mapping knows, as data entry produces now and then:
// count people who had not declared the characteristic (anyone, for sex)
// carry it in one export, so the unmapped-label report has something in it.
type oddity struct {
	characteristic harmonise.Characteristic
	label          string
	count          int
}
