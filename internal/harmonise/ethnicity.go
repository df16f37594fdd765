package harmonise

import (
	"slices"
	"strings"
)

// ethnicityRules recognise ethnicity labels by their structure when no
// table holds them whole: a White British label written with the home
// nations in any order, an NHS ethnic category code before or after the
// text, and a known group heading followed by a detail the tables do not
// list ("Black - Nigerian" is in the Black group, detail unknown).
func (t *builtinTables) ethnicityRules(key string) (string, bool) {
	if isWhiteBritishWords(key) {
		return WhiteBritish, true
	}
	if category, found := t.nhsCoded(key); found {
		return category, true
	}
	return t.headingFallback(key)
}

// lookupEthnicity finds a whole label in the ethnicity and missing-value
// tables, without the looser structural rules.
func (t *builtinTables) lookupEthnicity(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	if category, found := t.byCharacteristic[Ethnicity][key]; found {
		return category, true
	}
	if category, found := t.missing[key]; found {
		return category, true
	}
	if isWhiteBritishWords(key) {
		return WhiteBritish, true
	}
	return "", false
}

var whiteBritishWords = map[string]bool{
	"white": true, "english": true, "welsh": true, "scottish": true, "northern": true, "irish": true,
	"british": true, "cornish": true, "uk": true, "or": true, "and": true,
}

// isWhiteBritishWords accepts labels such as "White - British, English,
// Welsh, Scottish or Northern Irish": only home-nation words, at least one
// of them naming Britain or a nation of it, and "Irish" only as part of
// "Northern Irish" (plain Irish is White Irish).
func isWhiteBritishWords(key string) bool {
	words := strings.Fields(key)
	nation := false
	for i, w := range words {
		if !whiteBritishWords[w] {
			return false
		}
		switch w {
		case "english", "welsh", "scottish", "british", "cornish", "northern":
			nation = true
		case "irish":
			if i == 0 || words[i-1] != "northern" {
				return false
			}
		}
	}
	return nation
}

// nhsCoded reads labels that carry an NHS ethnic category code, such as
// "A - White British", "A White - British", "White British (A)" or ESR's
// two-character subcodes ("C2 White - Northern Irish"). The code and the
// text must agree: a label whose text contradicts its code, or whose text
// is not known, is not guessed at.
func (t *builtinTables) nhsCoded(key string) (string, bool) {
	words := strings.Fields(key)
	if len(words) < 2 {
		return "", false // a bare code is in the table
	}
	first, last := words[0], words[len(words)-1]
	if coded, found := nhsEthnicCodes[first]; found {
		return t.agree(coded, strings.Join(words[1:], " "))
	}
	if coded, found := nhsEthnicCodes[last]; found {
		return t.agree(coded, strings.Join(words[:len(words)-1], " "))
	}
	if len(first) == 2 && isASCIIAlnum(first[1]) {
		if coded, found := nhsEthnicCodes[first[:1]]; found && !IsMissing(coded) {
			return t.subcoded(coded, strings.Join(words[1:], " "))
		}
	}
	return "", false
}

// subcoded reads ESR's local two-character codes ("CP White Polish", "LE
// Asian Sri Lankan"), which the NHS rolls up to their first letter. The
// text must be in the letter's group; when it names a detailed category
// ("CA White English") that is the answer, otherwise the letter's category
// supplies the detail the text lacks.
func (t *builtinTables) subcoded(coded, rest string) (string, bool) {
	text, found := t.lookupEthnicity(rest)
	if !found {
		text, found = t.headingFallback(rest)
	}
	if !found || IsMissing(text) || EthnicGroupOf(text) != EthnicGroupOf(coded) {
		return "", false
	}
	if isEthnicGroup(text) {
		return coded, true
	}
	return text, true
}

// agree returns the code's category when the text says the same thing,
// names only the code's group, or (for the NHS "not stated" code Z) is a
// missing-value label.
func (t *builtinTables) agree(coded, rest string) (string, bool) {
	text, found := t.lookupEthnicity(rest)
	switch {
	case !found:
		return "", false
	case text == coded:
		return coded, true
	case IsMissing(coded) && IsMissing(text):
		return text, true
	case !IsMissing(coded) && isEthnicGroup(text) && EthnicGroupOf(coded) == text:
		return coded, true
	}
	return "", false
}

// headingFallback maps a known group heading followed by an unlisted detail
// to the group itself ("White - Polish" -> White, "Asian - Sri Lankan" ->
// Asian), and an "any other" category followed by the free text a form
// appended to it to that category ("Any other White background: Polish" ->
// Other White), unless the detail names another group ("White and
// Chinese"), in which case the label is left for the user to map.
func (t *builtinTables) headingFallback(key string) (string, bool) {
	for _, h := range t.headings {
		if !strings.HasPrefix(key, h.key+" ") {
			continue
		}
		if h.family.anyRest {
			return h.category, true
		}
		for _, w := range strings.Fields(key[len(h.key)+1:]) {
			groups := t.words[w]
			if len(groups) > 0 && !slices.Contains(groups, h.family.group) {
				return "", false
			}
		}
		return h.category, true
	}
	return "", false
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z'
}
