package chart

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/equip-project/equip/internal/table"
)

// labels holds the human names of the characteristics that need more than
// their machine name with spaces (CONTRACT.md lists the machine names).
var labels = map[string]string{
	"sex":                 "Sex",
	"gender_identity":     "Gender identity",
	"age_band":            "Age band",
	"ethnicity":           "Ethnicity",
	"ethnic_group":        "Ethnic group",
	"ethnic_minority":     "Ethnic minority",
	"disability":          "Disability",
	"religion":            "Religion or belief",
	"sexual_orientation":  "Sexual orientation",
	"lgb":                 "Sexual orientation (LGB+)",
	"marital_status":      "Marital or civil partnership status",
	"pregnancy_maternity": "Pregnancy and maternity",
	"carer":               "Caring responsibilities",
}

// Label returns the human name of a characteristic ("age_band" → "Age band");
// a characteristic it does not know is shown with spaces for underscores.
func Label(characteristic string) string {
	if l, ok := labels[characteristic]; ok {
		return l
	}
	return upperFirst(strings.ReplaceAll(characteristic, "_", " "))
}

// upperFirst capitalises the first letter of a sentence or name.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lowers the first letter of a label for use inside a sentence,
// leaving acronyms ("LGB+") alone.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// LongDate writes an ISO date (YYYY-MM-DD) the way GOV.UK style writes dates,
// "31 March 2025"; text that is not an ISO date is returned as it is.
func LongDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// percent writes a share to one decimal place with a % sign, the precision
// charts label their values with.
func percent(v float64) string {
	return strconv.FormatFloat(table.Round(v, 1), 'f', 1, 64) + "%"
}

// plainNumber writes a configured figure such as a target without trailing
// zeros: 10 → "10", 12.5 → "12.5".
func plainNumber(v float64) string {
	return strconv.FormatFloat(table.Round(v, 2), 'f', -1, 64)
}

// thousands writes a headcount with thousands separators: 6425 → "6,425".
func thousands(v float64) string {
	s := strconv.FormatInt(int64(table.Round(v, 0)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
