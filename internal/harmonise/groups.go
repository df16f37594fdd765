package harmonise

import "strings"

// ethnicGroups are the five ONS 2021 high-level groups in presentation order.
var ethnicGroups = []string{GroupAsian, GroupBlack, GroupMixed, GroupWhite, GroupOther}

func isEthnicGroup(s string) bool {
	for _, g := range ethnicGroups {
		if s == g {
			return true
		}
	}
	return false
}

// EthnicGroupOf returns the ONS high-level group of a detailed ethnicity
// category, or the group itself when given a group name. The two missing
// categories pass through; anything else is NotKnown.
func EthnicGroupOf(ethnicity string) string {
	if IsMissing(ethnicity) || isEthnicGroup(ethnicity) {
		return ethnicity
	}
	if ethnicity == WhiteBritish {
		return GroupWhite
	}
	for _, detailed := range Categories[Ethnicity] {
		if detailed != ethnicity {
			continue
		}
		for _, g := range ethnicGroups {
			if strings.HasPrefix(detailed, g+": ") {
				return g
			}
		}
	}
	return NotKnown
}

// EthnicMinorityOf returns "White" or "Ethnic minority" for an ethnicity
// category (detailed or group). Every group but White is an ethnic minority.
// With whiteMinoritiesAsMinority set, only White British stays "White" and
// the other White categories (Irish, Gypsy or Irish Traveller, Roma, Other
// White) count as ethnic minorities; a bare "White" group label, whose
// detail is unknown, stays "White" because most White staff in the UK are
// White British and "Not known" would drop them from the declared base.
// The two missing categories pass through; anything else is NotKnown.
func EthnicMinorityOf(ethnicity string, whiteMinoritiesAsMinority bool) string {
	group := EthnicGroupOf(ethnicity)
	switch {
	case IsMissing(group):
		return group
	case group != GroupWhite:
		return EthnicMinorityYes
	case !whiteMinoritiesAsMinority, ethnicity == WhiteBritish, ethnicity == GroupWhite:
		return EthnicMinorityNo
	default:
		return EthnicMinorityYes
	}
}

// LGBOf groups a sexual orientation category: heterosexual or straight
// against LGB+ (gay or lesbian, bisexual, other). The two missing categories
// pass through; anything else is NotKnown.
func LGBOf(orientation string) string {
	switch orientation {
	case Heterosexual:
		return Heterosexual
	case "Gay or lesbian", "Bisexual", "Other":
		return LGBPlus
	case PreferNotToSay, NotKnown:
		return orientation
	}
	return NotKnown
}

// ValidCategories returns the categories a characteristic may take: its
// Categories (none for age bands, which the pipeline defines), for
// ethnicity also the five group names (a label naming only the group), then
// Prefer not to say and Not known, in presentation order. The slice is new
// on every call.
func ValidCategories(c Characteristic) []string {
	valid := append([]string(nil), Categories[c]...)
	if c == Ethnicity {
		valid = append(valid, ethnicGroups...)
	}
	return append(valid, PreferNotToSay, NotKnown)
}

// Order gives a category's place in presentation order: the
// characteristic's categories in Categories order, then (for ethnicity) the
// group names, then Prefer not to say, then Not known; a category the
// characteristic does not have sorts after all of them.
func Order(c Characteristic, category string) int {
	valid := ValidCategories(c)
	for i, v := range valid {
		if v == category {
			return i
		}
	}
	return len(valid)
}
