package harmonise

import "testing"

const (
	asianIndian       = "Asian, Asian British or Asian Welsh: Indian"
	asianPakistani    = "Asian, Asian British or Asian Welsh: Pakistani"
	asianBangladeshi  = "Asian, Asian British or Asian Welsh: Bangladeshi"
	asianChinese      = "Asian, Asian British or Asian Welsh: Chinese"
	asianOther        = "Asian, Asian British or Asian Welsh: Other Asian"
	blackAfrican      = "Black, Black British, Black Welsh, Caribbean or African: African"
	blackCaribbean    = "Black, Black British, Black Welsh, Caribbean or African: Caribbean"
	blackOther        = "Black, Black British, Black Welsh, Caribbean or African: Other Black"
	mixedWhiteAsian   = "Mixed or Multiple ethnic groups: White and Asian"
	mixedWhiteAfrican = "Mixed or Multiple ethnic groups: White and Black African"
	mixedWhiteCarib   = "Mixed or Multiple ethnic groups: White and Black Caribbean"
	mixedOther        = "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups"
	whiteIrish        = "White: Irish"
	whiteTraveller    = "White: Gypsy or Irish Traveller"
	whiteRoma         = "White: Roma"
	whiteOther        = "White: Other White"
	otherArab         = "Other ethnic group: Arab"
	otherAny          = "Other ethnic group: Any other ethnic group"
)

func TestMapEthnicity(t *testing.T) {
	checkLabels(t, newTestMapper(t, nil), Ethnicity, []labelCase{
		// ONS 2021 wording, canonical and as questionnaires print it.
		{"White: English, Welsh, Scottish, Northern Irish or British", WhiteBritish, true},
		{"Asian, Asian British or Asian Welsh: Indian", asianIndian, true},
		{"Black, Black British, Black Welsh, Caribbean or African: Caribbean", blackCaribbean, true},
		{"Mixed or Multiple ethnic groups: White and Black African", mixedWhiteAfrican, true},
		{"Other ethnic group: Arab", otherArab, true},
		{"White: Gypsy or Irish Traveller", whiteTraveller, true},
		{"White: Roma", whiteRoma, true},
		{"Roma", whiteRoma, true},
		{"Any other Mixed or Multiple ethnic background", mixedOther, true},
		{"Any other Black, Black British, or Caribbean background", blackOther, true},
		// ONS 2011 wording.
		{"White: English/Welsh/Scottish/Northern Irish/British", WhiteBritish, true},
		{"Mixed/multiple ethnic groups: White and Black Caribbean", mixedWhiteCarib, true},
		{"Any other Mixed/Multiple ethnic background", mixedOther, true},
		{"Black/African/Caribbean/Black British: African", blackAfrican, true},
		{"Any other Black/African/Caribbean background", blackOther, true},
		{"Other ethnic group: Any other ethnic group", otherAny, true},
		// ESR and iTrent style, any separator.
		{"White - British", WhiteBritish, true},
		{"White: British", WhiteBritish, true},
		{"WHITE BRITISH", WhiteBritish, true},
		{"White/British ", WhiteBritish, true},
		{"White British", WhiteBritish, true},
		{"English", WhiteBritish, true},
		{"Welsh", WhiteBritish, true},
		{"Scottish", WhiteBritish, true},
		{"Northern Irish", WhiteBritish, true},
		{"British", WhiteBritish, true},
		{"White - English, Welsh, Scottish, Northern Irish or British", WhiteBritish, true},
		{"British, English, Welsh, Scottish or Northern Irish", WhiteBritish, true},
		{"White - Irish", whiteIrish, true},
		{"Irish", whiteIrish, true},
		{"Gypsy or Irish Traveller", whiteTraveller, true},
		{"White - Gypsy/Irish Traveller", whiteTraveller, true},
		{"Any other White background", whiteOther, true},
		{"White Other", whiteOther, true},
		{"Other White", whiteOther, true},
		{"White - Any other White background", whiteOther, true},
		{"White and Black Caribbean", mixedWhiteCarib, true},
		{"Mixed - White and Black African", mixedWhiteAfrican, true},
		{"Mixed White & Asian", mixedWhiteAsian, true},
		{"Mixed: White/Asian", mixedWhiteAsian, true},
		{"Mixed - Any other mixed background", mixedOther, true},
		{"Any other Mixed/Multiple ethnic background", mixedOther, true},
		{"Asian or Asian British - Indian", asianIndian, true},
		{"Asian or Asian British: Pakistani", asianPakistani, true},
		{"Asian British - Bangladeshi", asianBangladeshi, true},
		{"Bangladeshi", asianBangladeshi, true},
		{"Chinese", asianChinese, true},
		{"Other Ethnic Groups - Chinese", asianChinese, true}, // 2001/2011 heading, 2021 category
		{"Chinese or other ethnic group: Chinese", asianChinese, true},
		{"Asian or Asian British - Any other Asian background", asianOther, true},
		{"Any other Asian background", asianOther, true},
		{"Asian - Other", asianOther, true},
		{"Black or Black British - Caribbean", blackCaribbean, true},
		{"African", blackAfrican, true},
		{"Black African", blackAfrican, true},
		{"Black or Black British - African", blackAfrican, true},
		{"Any other Black background", blackOther, true},
		{"Black - Other", blackOther, true},
		{"Arab", otherArab, true},
		{"Any other ethnic group", otherAny, true},
		{"Other ethnic group - Any other ethnic group", otherAny, true},
		// NHS Data Dictionary ethnic category codes, alone and with text.
		{"A", WhiteBritish, true},
		{"B", whiteIrish, true},
		{"C", whiteOther, true},
		{"D", mixedWhiteCarib, true},
		{"E", mixedWhiteAfrican, true},
		{"F", mixedWhiteAsian, true},
		{"G", mixedOther, true},
		{"H", asianIndian, true},
		{"J", asianPakistani, true},
		{"K", asianBangladeshi, true},
		{"L", asianOther, true},
		{"M", blackCaribbean, true},
		{"N", blackAfrican, true},
		{"P", blackOther, true},
		{"R", asianChinese, true},
		{"S", otherAny, true},
		{"Z", NotKnown, true},
		{"A - White British", WhiteBritish, true},
		{"A White - British", WhiteBritish, true},
		{"B White - Irish", whiteIrish, true},
		{"C White - Any other White background", whiteOther, true},
		{"D Mixed - White and Black Caribbean", mixedWhiteCarib, true},
		{"H Asian or Asian British - Indian", asianIndian, true},
		{"N Black or Black British - African", blackAfrican, true},
		{"R Chinese", asianChinese, true},
		{"S Any other ethnic group", otherAny, true},
		{"Z Not stated", NotKnown, true},
		{"Z - Prefer not to say", PreferNotToSay, true},
		{"White British (A)", WhiteBritish, true},
		{"A White", WhiteBritish, true},                   // the code is more precise than its group
		{"C2 White - Northern Irish", WhiteBritish, true}, // ESR subcode: the text refines the letter
		{"CA White English", WhiteBritish, true},          // ESR subcodes: a detailed text wins
		{"CP White Polish", whiteOther, true},             // else the letter gives the detail
		{"LE Asian Sri Lankan", asianOther, true},
		{"PC Black Nigerian", blackOther, true},
		{"GA Mixed - Black and Asian", mixedOther, true},
		{"LH Asian British", asianOther, true},
		{"CS Rep. of Ireland", NotKnown, false}, // subcode whose text is not known
		{"PC White Polish", NotKnown, false},    // subcode and text in different groups
		{"H Pakistani", NotKnown, false},        // code and text disagree
		{"A Mixed background", NotKnown, false}, // code and text disagree
		{"99", NotKnown, true},                  // NHS "not known"
		{"Not stated", NotKnown, true},
		// A label naming only the high-level group: the group, detail unknown.
		{"White", GroupWhite, true},
		{"Asian", GroupAsian, true},
		{"Asian or Asian British", GroupAsian, true},
		{"Black", GroupBlack, true},
		{"Black or Black British", GroupBlack, true},
		{"Mixed", GroupMixed, true},
		{"Mixed/Multiple ethnic groups", GroupMixed, true},
		{"Other", GroupOther, true},
		{"Other ethnic group", GroupOther, true},
		{"Asian, Asian British or Asian Welsh", GroupAsian, true},
		{"White: Gypsy or Irish Traveller, Roma or Other White", GroupWhite, true}, // Census 2021 8-category table
		// A heading with a detail the tables do not list keeps the group.
		{"White - Polish", GroupWhite, true},
		{"Black - Nigerian", GroupBlack, true},
		{"Asian British - Sri Lankan", GroupAsian, true},
		{"Mixed - White and Chinese", GroupMixed, true},
		{"Any other White background: Polish", whiteOther, true},
		{"Any other ethnic group - Hispanic", otherAny, true},
		{"White and Chinese", NotKnown, false}, // a White heading whose detail names another group
		{"Other White and Asian", NotKnown, false},
		// Not categories.
		{"BME", NotKnown, false},
		{"BAME", NotKnown, false},
		{"Non-white", NotKnown, false},
		{"Hispanic", NotKnown, false},
		{"Irish British", NotKnown, false},
		{"Two or more races", NotKnown, false},
		// Missing values.
		{"Prefer not to say", PreferNotToSay, true},
		{"I do not wish to disclose my ethnic origin", PreferNotToSay, true},
		{"Not declared", NotKnown, true},
		{"N/A", NotKnown, true},
		{"", NotKnown, true},
	})
}

func TestIsWhiteBritishWords(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"white british", true},
		{"scottish or welsh", true},
		{"northern irish", true},
		{"white northern irish", true},
		{"irish", false},
		{"white irish", false},
		{"irish british", false},
		{"white", false},
		{"or and", false},
		{"british asian", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isWhiteBritishWords(tt.key); got != tt.want {
			t.Errorf("isWhiteBritishWords(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
