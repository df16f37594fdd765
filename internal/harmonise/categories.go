// Package harmonise maps the labels HR systems export onto the ONS 2021 / GSS
// harmonised categories, and derives the grouped characteristics (ethnic
// group, ethnic minority, LGB+, age band) from the detailed ones.
package harmonise

// Characteristic names a protected (or monitored) characteristic as it
// appears in the `characteristic` column of every output table.
type Characteristic string

const (
	Sex                Characteristic = "sex"
	GenderIdentity     Characteristic = "gender_identity"
	AgeBand            Characteristic = "age_band"
	Ethnicity          Characteristic = "ethnicity"
	EthnicGroup        Characteristic = "ethnic_group"
	EthnicMinority     Characteristic = "ethnic_minority"
	Disability         Characteristic = "disability"
	Religion           Characteristic = "religion"
	SexualOrientation  Characteristic = "sexual_orientation"
	LGB                Characteristic = "lgb"
	MaritalStatus      Characteristic = "marital_status"
	PregnancyMaternity Characteristic = "pregnancy_maternity"
	Carer              Characteristic = "carer"
)

// Reported lists every characteristic in the order reports present them.
var Reported = []Characteristic{
	Sex, AgeBand, Ethnicity, EthnicGroup, EthnicMinority, Disability, Religion,
	SexualOrientation, LGB, GenderIdentity, MaritalStatus, PregnancyMaternity, Carer,
}

// Input lists the characteristics read from a file column (the rest are
// derived: age band from age or date of birth, the ethnic and LGB groupings
// from the detailed categories).
var Input = []Characteristic{
	Sex, GenderIdentity, Ethnicity, Disability, Religion, SexualOrientation,
	MaritalStatus, PregnancyMaternity, Carer,
}

// NumInput is len(Input), for arrays indexed like Input.
const NumInput = 9

// InputIndex is c's position in Input, or -1 for a derived characteristic.
func InputIndex(c Characteristic) int {
	for i, x := range Input {
		if x == c {
			return i
		}
	}
	return -1
}

// The two missing-value categories every characteristic has.
const (
	PreferNotToSay = "Prefer not to say" // the person declined
	NotKnown       = "Not known"         // blank, or a label that could not be mapped
)

// IsMissing reports whether a category is one of the two missing-value categories.
func IsMissing(category string) bool { return category == PreferNotToSay || category == NotKnown }

// ONS 2021 high-level ethnic groups.
const (
	GroupAsian = "Asian, Asian British or Asian Welsh"
	GroupBlack = "Black, Black British, Black Welsh, Caribbean or African"
	GroupMixed = "Mixed or Multiple ethnic groups"
	GroupWhite = "White"
	GroupOther = "Other ethnic group"
)

// Binary groupings.
const (
	EthnicMinorityYes = "Ethnic minority"
	EthnicMinorityNo  = "White"
	LGBPlus           = "LGB+"
	Heterosexual      = "Heterosexual or straight"
	WhiteBritish      = "White: English, Welsh, Scottish, Northern Irish or British"
)

// Categories lists each characteristic's valid categories in presentation
// order, without the two missing-value categories (which always follow).
// Age bands are not listed: they depend on the pipeline's age_bands.
var Categories = map[Characteristic][]string{
	Sex:            {"Female", "Male"},
	GenderIdentity: {"Yes", "No"}, // same as sex registered at birth
	Ethnicity: {
		GroupAsian + ": Bangladeshi",
		GroupAsian + ": Chinese",
		GroupAsian + ": Indian",
		GroupAsian + ": Pakistani",
		GroupAsian + ": Other Asian",
		GroupBlack + ": African",
		GroupBlack + ": Caribbean",
		GroupBlack + ": Other Black",
		GroupMixed + ": White and Asian",
		GroupMixed + ": White and Black African",
		GroupMixed + ": White and Black Caribbean",
		GroupMixed + ": Other Mixed or Multiple ethnic groups",
		WhiteBritish,
		"White: Irish",
		"White: Gypsy or Irish Traveller",
		"White: Roma",
		"White: Other White",
		GroupOther + ": Arab",
		GroupOther + ": Any other ethnic group",
	},
	EthnicGroup:    {GroupAsian, GroupBlack, GroupMixed, GroupWhite, GroupOther},
	EthnicMinority: {EthnicMinorityYes, EthnicMinorityNo},
	Disability:     {"Disabled", "Not disabled"},
	Religion: {
		"No religion", "Christian", "Buddhist", "Hindu", "Jewish", "Muslim", "Sikh", "Other religion",
	},
	SexualOrientation: {Heterosexual, "Gay or lesbian", "Bisexual", "Other"},
	LGB:               {LGBPlus, Heterosexual},
	MaritalStatus: {
		"Single", "Married or in a civil partnership", "Cohabiting", "Separated",
		"Divorced or civil partnership dissolved", "Widowed or surviving civil partner",
	},
	PregnancyMaternity: {"Yes", "No"},
	Carer:              {"Yes", "No"},
}
