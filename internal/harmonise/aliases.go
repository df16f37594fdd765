package harmonise

// The built-in alias tables. Keys are written as people type them; they are
// normalised (suggest.Normalise) when the tables are built, so one entry
// covers every spelling that differs only in case, spacing or punctuation.
// They cover what UK HR systems (iTrent, Oracle, SAP, ESR) and equality
// monitoring forms export, plus the ONS 2011 and 2021 census wording.

// declinedLabels mean the person was asked and chose not to answer.
var declinedLabels = []string{
	"Prefer not to say", "Prefer not to state", "Prefer not to answer", "Prefer not to disclose",
	"Prefer not to declare", "I prefer not to say", "I would prefer not to say",
	"I do not wish to disclose", "I do not wish to declare", "I do not wish to answer",
	"I do not wish to say", "I don't wish to disclose", "Do not wish to declare",
	"Do not wish to disclose", "Do not wish to answer", "Do not wish to say", "Don't wish to disclose",
	"Dont wish to disclose", "Not disclosed", "Declined", "Declined to answer", "Declined to disclose",
	"Declined to state", "Declined to say", "Refused", "Information refused", "Refused to answer",
	"Not willing to say", "Not willing to disclose", "Unwilling to disclose", "Rather not say",
	"I'd rather not say", "I would rather not say", "Would rather not say", "PNTS", "PNTA",
	"Withheld", "Choose not to disclose", "Chose not to disclose", "Chose not to answer",
	// NHS information standards (ethnic category Z, sexual orientation
	// monitoring) spell out that "not stated" here means asked and declined.
	"Not stated (person asked but declined to provide a response)",
	"Person asked but declined to provide a response",
}

// declinedPrefixes catch the longer forms some systems use, such as ESR's
// "I do not wish to disclose my religion/belief".
var declinedPrefixes = []string{
	"prefer not to", "i prefer not to", "i would prefer not to", "i do not wish to", "do not wish to",
	"i don t wish to", "don t wish to", "i d rather not", "i would rather not", "rather not",
	"declined to", "refused to", "not willing to", "choose not to", "chose not to",
}

// notKnownLabels mean no answer was recorded: the person may never have been
// asked. The census's own "Not answered" and "Does not apply" belong here too.
var notKnownLabels = []string{
	"Not known", "Unknown", "Not stated", "Not declared", "N/A", "NA", "N.A.", "Blank", "Null", "None given",
	"Not answered", "Does not apply", "Not applicable", "Not specified", "Unspecified", "Not provided",
	"Not recorded", "Not given", "Not set", "Missing", "No data", "No response", "Not collected",
	"Not asked", "Not known / not stated", "Unknown / not stated", "Not stated / not known", "NK",
	"Not Known (not recorded)", "Data not collected", "TBC", "To be confirmed", "Undefined", "Nil return",
	// An answer, but not one that places the person in a category.
	"Don't know", "Do not know", "Not sure", "Unsure", "Undecided",
	"Person asked and does not know or is not sure",
}

var yesLabels = []string{"Yes", "Y", "True", "1"}
var noLabels = []string{"No", "N", "False", "0"}

var sexAliases = map[string][]string{
	"Female": {"F", "Female", "Woman", "Women", "W", "Fem", "Girl", "Females", "Lady", "Female (F)", "F - Female", "Female / Woman"},
	"Male":   {"M", "Male", "Man", "Men", "Boy", "Males", "Gentleman", "Male (M)", "M - Male", "Male / Man"},
}

var genderIdentityAliases = map[string][]string{
	"Yes": {
		"Yes", "Y", "True", "Same", "Same as sex registered at birth",
		"Gender identity the same as sex registered at birth", "Gender identity same as sex registered at birth",
		"Yes - same as sex registered at birth", "Yes, same as sex registered at birth",
		"Same as sex assigned at birth", "Gender identity the same as sex assigned at birth",
		"Yes - my gender identity is the same as my sex registered at birth",
		"My gender identity is the same as my sex registered at birth", "Identifies as sex registered at birth",
		"Cis", "Cisgender",
	},
	"No": {
		"No", "N", "False", "Different", "Different from sex registered at birth",
		"Gender identity different from sex registered at birth", "Gender identity is different from sex registered at birth",
		"No - different from sex registered at birth", "No, different from sex registered at birth",
		"Different from sex assigned at birth", "Gender identity different from sex assigned at birth",
		"No - my gender identity is different from my sex registered at birth",
		"My gender identity is different from my sex registered at birth", "Trans", "Transgender",
		// Census 2021's detailed gender identities, all different from the
		// sex registered at birth.
		"Gender identity different from sex registered at birth but no specific identity given",
		"Trans man", "Trans woman", "Non-binary", "All other gender identities",
	},
}

var disabilityAliases = map[string][]string{
	"Disabled": {
		"Yes", "Y", "True", "Disabled", "Yes - disabled", "Has a disability", "Have a disability",
		"Yes, I have a disability", "Yes I consider myself to have a disability", "I have a disability",
		"Disability", "Yes - limited a lot", "Yes - limited a little", "Yes, limited a lot", "Yes, limited a little",
		"Day-to-day activities limited a lot", "Day-to-day activities limited a little",
		"Limited a lot", "Limited a little", "Disabled under the Equality Act",
		"Disabled under the Equality Act: Day-to-day activities limited a lot",
		"Disabled under the Equality Act: Day-to-day activities limited a little",
		"Disabled - day-to-day activities limited a lot", "Disabled - day-to-day activities limited a little",
		"Disabled person",
	},
	"Not disabled": {
		"No", "N", "False", "Not disabled", "No disability", "Non-disabled", "Nondisabled", "None",
		"No - not disabled", "No, I do not have a disability", "I do not have a disability",
		"Does not have a disability", "Do not have a disability", "Not disabled under the Equality Act",
		"Day-to-day activities not limited", "Not limited",
		"Has long term physical or mental health condition but day-to-day activities are not limited",
		"No long term physical or mental health conditions",
	},
}

var religionAliases = map[string][]string{
	"No religion": {
		"No religion", "None", "No religion or belief", "No religion/belief", "No religion (none)",
		"Atheist", "Atheism", "Agnostic", "Agnosticism", "Humanist", "Humanism", "Non-religious",
		"Not religious", "No faith", "No belief", "No religious belief", "No religion, none", "Jedi", "Jedi Knight",
	},
	"Christian": {
		"Christian", "Christianity", "Christian - all denominations", "Christian (all denominations)",
		"Christian (including Church of England, Catholic, Protestant and all other Christian denominations)",
		"Christian - Church of England", "Christian - Catholic", "Christian - Roman Catholic", "Christian - Other",
		"Christian - Protestant", "Christian - Methodist", "Christian - Baptist", "Christian - Orthodox",
		"Christian other", "Other Christian", "Church of England", "C of E", "CofE", "CE", "Anglican",
		"Church of England/Anglican", "Catholic", "Roman Catholic", "RC", "Methodist", "Baptist", "Protestant",
		"Church of Scotland", "Church in Wales", "Church of Wales", "Church of Ireland", "Presbyterian",
		"Orthodox Christian", "Greek Orthodox", "Russian Orthodox", "Eastern Orthodox", "Pentecostal",
		"Evangelical", "Evangelical Christian", "Quaker", "Society of Friends", "United Reformed Church",
		"Salvation Army", "Seventh-day Adventist", "Free Church", "Jehovah's Witness", "Mormon",
		"Church of Jesus Christ of Latter-day Saints", "Lutheran", "Congregationalist", "Born again Christian",
	},
	"Buddhist": {"Buddhist", "Buddhism", "Buddhist - all", "Buddhists"},
	"Hindu":    {"Hindu", "Hinduism", "Hindus"},
	"Jewish":   {"Jewish", "Judaism", "Jew", "Orthodox Jewish", "Reform Jewish", "Liberal Jewish"},
	"Muslim":   {"Muslim", "Islam", "Islamic", "Moslem", "Sunni", "Sunni Muslim", "Shia", "Shia Muslim", "Shi'a"},
	"Sikh":     {"Sikh", "Sikhism", "Sikhs"},
	"Other religion": {
		"Other", "Other religion", "Any other religion", "Other religion or belief", "Any other religion or belief",
		"Other religion/belief", "Other faith", "Any other faith", "Other belief", "Other religion (please specify)",
		"Any other religion or belief (please specify)", "Pagan", "Paganism", "Wicca", "Wiccan", "Druid",
		"Heathen", "Jain", "Jainism", "Spiritualist", "Spiritualism", "Bahai", "Bahá'í", "Baha'i",
		"Zoroastrian", "Zoroastrianism", "Rastafarian", "Rastafari", "Shinto", "Taoist", "Taoism",
		"Mixed religion", "Spiritual",
	},
}

var sexualOrientationAliases = map[string][]string{
	Heterosexual: {
		"Heterosexual", "Straight", "Heterosexual or straight", "Straight or heterosexual",
		"Heterosexual/Straight", "Straight/Heterosexual", "Heterosexual (straight)", "Hetrosexual",
		"Heterosexual - straight", "Heterosexual or straight (attracted to the opposite sex)",
		"Straight or heterosexual (attracted to people of the opposite sex)",
	},
	"Gay or lesbian": {
		"Gay", "Lesbian", "Gay man", "Gay woman", "Gay woman/lesbian", "Gay woman or lesbian",
		"Gay or lesbian", "Gay/lesbian", "Lesbian or gay", "Lesbian or gay woman", "Gay or lesbian woman",
		"Gay man or gay woman", "Gay man/woman", "Homosexual", "Gay women/lesbian", "Gay (man)", "Gay (woman/lesbian)",
	},
	"Bisexual": {"Bisexual", "Bi", "Bi-sexual", "Bi sexual", "Bisexual (attracted to more than one sex)"},
	"Other": {
		"Other", "Other sexual orientation", "All other sexual orientations", "Any other sexual orientation",
		"Other sexual orientation not listed", "Another sexual orientation", "Pansexual", "Asexual",
		"Queer", "Other (please specify)", "Other sexual orientation (please specify)", "Pan", "Demisexual",
	},
}

var maritalStatusAliases = map[string][]string{
	"Single": {
		"Single", "Never married", "Single (never married)", "Single, never married",
		"Never married and never registered a civil partnership",
		"Never married and never registered a same-sex civil partnership", "Never married or registered a civil partnership",
		"Single (never married or never registered a civil partnership)", "Unmarried",
	},
	"Married or in a civil partnership": {
		"Married", "Civil partnership", "Civil partner", "Civil partnered", "In a civil partnership",
		"Married or in a registered civil partnership", "Married or in a civil partnership",
		"Married/civil partnership", "Married/civil partner", "Married or civil partnership",
		"Registered civil partnership", "In a registered civil partnership", "Married (including same-sex)",
		"Married or in a registered same-sex civil partnership", "In a registered same-sex civil partnership",
		"Married: opposite sex", "Married: same sex", "Civil partnership: opposite sex", "Civil partnership: same sex",
		"Married/Civil Partnership", "Married (or civil partnership)", "Spouse",
	},
	"Cohabiting": {
		"Cohabiting", "Cohabitating", "Cohabitee", "Co-habiting", "Living with partner", "Living with a partner",
		"Living together", "Partner", "Partnered", "Unmarried partner", "Common law", "Common-law partner",
		"Domestic partner", "Cohabiting/living with partner", "In a relationship",
	},
	"Separated": {
		"Separated", "Legally separated", "Separated but still legally married",
		"Separated but still legally in a civil partnership",
		"Separated, but still legally married or still legally in a civil partnership",
		"Separated (but still legally married or in a civil partnership)",
	},
	"Divorced or civil partnership dissolved": {
		"Divorced", "Civil partnership dissolved", "Divorced or civil partnership dissolved",
		"Divorced/civil partnership dissolved", "Dissolved civil partnership",
		"Formerly in a civil partnership", "Formerly in a civil partnership now legally dissolved",
		"Formerly in a same-sex civil partnership which is now legally dissolved",
		"Divorced or formerly in a civil partnership which is now legally dissolved",
		"Divorced or formerly in a same-sex civil partnership which is now legally dissolved",
	},
	"Widowed or surviving civil partner": {
		"Widowed", "Widow", "Widower", "Surviving civil partner", "Widowed or surviving civil partner",
		"Widowed/surviving civil partner", "Surviving partner from a civil partnership",
		"Surviving partner from a same-sex civil partnership",
		"Widowed or surviving partner from a civil partnership",
		"Widowed or surviving partner from a same-sex civil partnership",
	},
}

var pregnancyAliases = map[string][]string{
	"Yes": append([]string{
		"Pregnant", "Currently pregnant", "On maternity leave", "On adoption leave", "Maternity",
		"Maternity leave", "Adoption", "Adoption leave", "Pregnant or on maternity leave",
		"On maternity or adoption leave", "Yes - pregnant", "Yes - on maternity leave",
	}, yesLabels...),
	"No": append([]string{
		"Not pregnant", "Not on maternity leave", "Not pregnant or on maternity leave",
		"Not on maternity or adoption leave", "No - not pregnant",
	}, noLabels...),
}

var carerAliases = map[string][]string{
	"Yes": append([]string{
		"Carer", "Has caring responsibilities", "Have caring responsibilities", "Caring responsibilities",
		"Yes - carer", "Yes, I am a carer", "I am a carer", "Unpaid carer", "Provides unpaid care",
		"Yes - caring responsibilities", "Primary carer", "Secondary carer",
		"Provides 9 hours or less unpaid care a week", "Provides 10 to 19 hours unpaid care a week",
		"Provides 19 hours or less unpaid care a week", "Provides 20 to 34 hours unpaid care a week",
		"Provides 20 to 49 hours unpaid care a week", "Provides 35 to 49 hours unpaid care a week",
		"Provides 50 or more hours unpaid care a week",
	}, yesLabels...),
	"No": append([]string{
		"Not a carer", "No caring responsibilities", "No - not a carer", "I am not a carer",
		"Does not have caring responsibilities", "Provides no unpaid care", "None",
	}, noLabels...),
}

// nhsEthnicCodes are the NHS Data Dictionary ETHNIC CATEGORY codes (2001
// census based). Z, "Not stated", is treated like every other "not stated".
var nhsEthnicCodes = map[string]string{
	"a": WhiteBritish,
	"b": "White: Irish",
	"c": "White: Other White",
	"d": GroupMixed + ": White and Black Caribbean",
	"e": GroupMixed + ": White and Black African",
	"f": GroupMixed + ": White and Asian",
	"g": GroupMixed + ": Other Mixed or Multiple ethnic groups",
	"h": GroupAsian + ": Indian",
	"j": GroupAsian + ": Pakistani",
	"k": GroupAsian + ": Bangladeshi",
	"l": GroupAsian + ": Other Asian",
	"m": GroupBlack + ": Caribbean",
	"n": GroupBlack + ": African",
	"p": GroupBlack + ": Other Black",
	"r": GroupAsian + ": Chinese",
	"s": GroupOther + ": Any other ethnic group",
	"z": NotKnown,
}

// ethnicFamily describes one ONS high-level group: the ways its heading is
// written (alone they mean the group, detail unknown), and its detailed
// categories with the ways each is written after a heading ("White - Irish")
// or on its own ("Irish"). Details in bare are valid only after a heading
// ("White - Other" is Other White; "Other" alone is the Other group).
type ethnicFamily struct {
	group    string
	headings []string
	details  map[string][]string // category -> labels valid alone or after a heading
	bare     map[string][]string // category -> labels valid only after a heading
	// words name this group; a label whose text after a heading names
	// another group is not guessed at (see headingFallback).
	words []string
	// anyRest: whatever follows this heading, the group is certain
	// ("Mixed - White and Chinese" is Mixed whatever the mix).
	anyRest bool
	// other is the group's "any other" category; its labels also act as
	// headings, because forms append the "please specify" text to them
	// ("Any other White background - Polish" is Other White).
	other string
}

var ethnicFamilies = []ethnicFamily{
	{
		group: GroupWhite,
		other: "White: Other White",
		headings: []string{
			"White", "White ethnic group", "White ethnic groups", "White background", "Caucasian",
		},
		details: map[string][]string{
			WhiteBritish: {
				"British", "English", "Welsh", "Scottish", "Northern Irish", "Cornish",
				"English, Welsh, Scottish, Northern Irish or British", "English/Welsh/Scottish/Northern Irish/British",
				"White British", "White English", "White Welsh", "White Scottish", "White Northern Irish",
				"British White", "English White", "White UK",
			},
			"White: Irish": {"Irish", "White Irish", "Irish White"},
			"White: Gypsy or Irish Traveller": {
				"Gypsy or Irish Traveller", "Gypsy/Irish Traveller", "Gypsy", "Irish Traveller", "Traveller",
				"Gypsy Traveller", "Gypsy or Traveller", "Traveller of Irish heritage", "Gypsy/Traveller",
				"White Gypsy or Irish Traveller", "Romany Gypsy", "Romany",
			},
			"White: Roma":        {"Roma", "White Roma"},
			"White: Other White": {"Any other White background", "Other White", "Other White background", "Any other White", "White Other", "White - any other background", "Any other White ethnic background", "White other background", "Other White ethnic group"},
			// A Gypsy, Roma or Traveller label spans two detailed categories
			// in the White group: the group is known, the detail is not.
			GroupWhite: {
				"Gypsy, Roma or Traveller", "Gypsy, Roma or Irish Traveller", "Gypsy/Roma/Traveller", "Gypsy or Roma",
				"Gypsy, Irish Traveller or Roma", "Gypsy or Irish Traveller, Roma or Other White",
			},
		},
		bare: map[string][]string{
			"White: Other White": {"Other", "Any other", "Any other background", "Other background", "Any other White background (please specify)"},
		},
		words: []string{"white", "british", "english", "welsh", "scottish", "irish", "gypsy", "traveller", "roma", "caucasian"},
	},
	{
		group: GroupMixed,
		other: GroupMixed + ": Other Mixed or Multiple ethnic groups",
		headings: []string{
			"Mixed", "Mixed/Multiple", "Mixed or Multiple", "Mixed/Multiple ethnic groups", "Mixed or Multiple ethnic groups",
			"Mixed/Multiple ethnic group", "Mixed ethnic group", "Mixed ethnic groups", "Mixed ethnicity", "Mixed background",
			"Mixed heritage", "Mixed race", "Dual heritage", "Mixed/dual heritage", "Multiple ethnic groups", "Multiple",
			"Mixed or multiple ethnic group", "Mixed/multiple background",
		},
		details: map[string][]string{
			GroupMixed + ": White and Black Caribbean": {"White and Black Caribbean", "White & Black Caribbean", "White/Black Caribbean", "Black Caribbean and White", "White Black Caribbean"},
			GroupMixed + ": White and Black African":   {"White and Black African", "White & Black African", "White/Black African", "Black African and White", "White Black African"},
			GroupMixed + ": White and Asian":           {"White and Asian", "White & Asian", "White/Asian", "Asian and White", "White Asian"},
			GroupMixed + ": Other Mixed or Multiple ethnic groups": {
				"Any other Mixed background", "Any other Mixed/Multiple ethnic background",
				"Any other Mixed or Multiple ethnic background", "Any other Mixed or Multiple background",
				"Other Mixed", "Other Mixed background", "Mixed Other", "Any other Mixed", "Other Mixed or Multiple ethnic groups",
				"Other Mixed/Multiple ethnic background", "Any other mixed/multiple background", "Other mixed ethnic background",
				"Any other mixed ethnic background", "Mixed any other", "Mixed - any other background",
			},
		},
		bare: map[string][]string{
			GroupMixed + ": Other Mixed or Multiple ethnic groups": {"Other", "Any other", "Any other background", "Other background", "Any other Mixed background (please specify)"},
		},
		words:   []string{"mixed", "multiple", "dual", "heritage", "and"},
		anyRest: true,
	},
	{
		group: GroupAsian,
		other: GroupAsian + ": Other Asian",
		headings: []string{
			"Asian", "Asian or Asian British", "Asian/Asian British", "Asian, Asian British", "Asian British",
			"British Asian", "Asian, Asian British or Asian Welsh", "Asian, Asian British, Asian Welsh",
			"Asian or Asian British or Asian Welsh", "Asian ethnic group", "Asian background",
		},
		details: map[string][]string{
			GroupAsian + ": Indian":      {"Indian", "British Indian", "Indian British", "Asian Indian"},
			GroupAsian + ": Pakistani":   {"Pakistani", "British Pakistani", "Pakistani British", "Asian Pakistani"},
			GroupAsian + ": Bangladeshi": {"Bangladeshi", "British Bangladeshi", "Bangladeshi British", "Asian Bangladeshi"},
			// 2011 placed Chinese under "Other ethnic group"; 2021 moved it to Asian.
			GroupAsian + ": Chinese": {"Chinese", "British Chinese", "Chinese British", "Asian Chinese"},
			GroupAsian + ": Other Asian": {
				"Any other Asian background", "Other Asian", "Other Asian background", "Asian Other", "Any other Asian",
				"Any other Asian ethnic background", "Other Asian ethnic group", "Asian - any other background",
			},
		},
		bare: map[string][]string{
			GroupAsian + ": Other Asian": {"Other", "Any other", "Any other background", "Other background", "Any other Asian background (please specify)"},
		},
		words: []string{"asian", "indian", "pakistani", "bangladeshi", "chinese"},
	},
	{
		group: GroupBlack,
		other: GroupBlack + ": Other Black",
		headings: []string{
			"Black", "Black or Black British", "Black/Black British", "Black British", "British Black",
			"Black, African, Caribbean or Black British", "Black/African/Caribbean/Black British",
			"Black, Black British, Caribbean or African", "Black, Black British, Black Welsh, Caribbean or African",
			"Black or African or Caribbean or Black British", "Black ethnic group", "Black background",
			"Black African Caribbean", "Black, African, Caribbean", "Black/African/Caribbean",
		},
		details: map[string][]string{
			GroupBlack + ": African":   {"African", "Black African", "African British", "British African"},
			GroupBlack + ": Caribbean": {"Caribbean", "Black Caribbean", "Caribbean British", "British Caribbean", "West Indian"},
			GroupBlack + ": Other Black": {
				"Any other Black background", "Other Black", "Other Black background", "Black Other", "Any other Black",
				"Any other Black/African/Caribbean background", "Any other Black, African or Caribbean background",
				"Any other Black, Black British or Caribbean background", "Any other Black, Black British, or Caribbean background",
				"Black - any other background", "Other Black ethnic group",
			},
		},
		bare: map[string][]string{
			GroupBlack + ": Other Black": {"Other", "Any other", "Any other background", "Other background", "Any other Black background (please specify)"},
		},
		words: []string{"black", "african", "caribbean"},
	},
	{
		group: GroupOther,
		other: GroupOther + ": Any other ethnic group",
		headings: []string{
			"Other", "Other ethnic group", "Other ethnic groups", "Other ethnic", "Other ethnicity", "Other ethnic background",
			"Chinese or other ethnic group", "Chinese or other ethnic groups",
			"Other ethnic group or background",
		},
		details: map[string][]string{
			GroupOther + ": Arab": {"Arab", "Arabic", "Arab British", "British Arab"},
			// The 2001 and 2011 classifications listed Chinese under this
			// heading ("Other ethnic groups - Chinese"); 2021 counts it as Asian.
			GroupAsian + ": Chinese": {"Chinese"},
			GroupOther + ": Any other ethnic group": {
				"Any other ethnic group", "Any other ethnic group (please specify)", "Other ethnic group - any other",
				"Other - any other ethnic group", "Any other group", "Any other ethnic origin", "Any other ethnic background",
			},
		},
		bare: map[string][]string{
			GroupOther + ": Any other ethnic group": {"Other", "Any other", "Any other background", "Other background", "Any other ethnic group"},
		},
		words: []string{"arab", "chinese"},
	},
}

// ethnicityExtra holds labels outside the family pattern.
var ethnicityExtra = map[string][]string{
	NotKnown: {"99", "Not stated (Z)", "Z - Not stated", "Not stated - Z"},
}
