package pdf

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"codeberg.org/go-pdf/fpdf"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/table"
)

// The Go fonts are embedded as TrueType so that £, –, ’ and the [c] markers
// render the same on every machine; the core PDF fonts cannot show them.
const (
	fontSans = "go"
	fontMono = "gomono"
)

// registerFonts hands fpdf copies of the font files: when it subsets a font
// whose horizontal metrics are short (as Go Mono's are) it writes into the
// bytes it was given, which would change the shared gofont slices and so
// make the next document differ from this one.
func registerFonts(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(fontSans, "", bytes.Clone(goregular.TTF))
	f.AddUTF8FontFromBytes(fontSans, "B", bytes.Clone(gobold.TTF))
	f.AddUTF8FontFromBytes(fontSans, "I", bytes.Clone(goitalic.TTF))
	f.AddUTF8FontFromBytes(fontMono, "", bytes.Clone(gomono.TTF))
}

// rgb is a colour as fpdf takes it.
type rgb struct{ r, g, b int }

// hexColour parses "#RRGGBB"; anything else is drawn black rather than failing the report.
func hexColour(s string) rgb {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return rgb{}
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return rgb{}
	}
	return rgb{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// tint mixes a colour with white; share is the part of white (0–1).
func tint(c rgb, share float64) rgb {
	mix := func(v int) int { return int(math.Round(float64(v) + (255-float64(v))*share)) }
	return rgb{mix(c.r), mix(c.g), mix(c.b)}
}

// isDark says whether white text reads better than dark text on the colour.
func isDark(c rgb) bool {
	return (0.299*float64(c.r)+0.587*float64(c.g)+0.114*float64(c.b))/255 < 0.5
}

var (
	ink        = rgb{26, 26, 26}
	muted      = rgb{89, 89, 89}
	white      = rgb{255, 255, 255}
	ruleGrey   = rgb{200, 206, 214}
	gridGrey   = rgb{226, 230, 235}
	axisGrey   = rgb{110, 110, 110}
	zebra      = rgb{246, 248, 250}
	accent     = hexColour(chart.Palette[0])
	headerFill = tint(accent, 0.86)
	warnEdge   = hexColour("#D55E00")
	warnFill   = tint(warnEdge, 0.88)
)

// ragColours are the fills of the status chips (Okabe–Ito green, orange,
// vermillion and a neutral grey); the word is always printed in the chip.
var ragColours = map[string]rgb{
	"Met":       hexColour("#009E73"),
	"Improving": hexColour("#E69F00"),
	"Not met":   hexColour("#D55E00"),
	"No data":   rgb{200, 200, 200},
}

func (d *doc) textColour(c rgb) { d.f.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fillColour(c rgb) { d.f.SetFillColor(c.r, c.g, c.b) }
func (d *doc) drawColour(c rgb) { d.f.SetDrawColor(c.r, c.g, c.b) }

// font sets the sans font in a style ("", "B", "I") and size in points.
func (d *doc) font(style string, size float64) { d.f.SetFont(fontSans, style, size) }

// lineHeight is the distance between lines of text of a size in points, in mm.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.3 }

// capHeight is roughly the height of a capital letter of a size, in mm, for
// placing text by its baseline.
func capHeight(size float64) float64 { return size * 0.3528 * 0.72 }

// wrap splits text into lines no wider than w in the current font; an empty
// text is one empty line.
func (d *doc) wrap(s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		lines := d.f.SplitText(para, w)
		if len(lines) == 0 {
			lines = []string{""}
		}
		out = append(out, lines...)
	}
	return out
}

// clip keeps at most n lines, ending the last kept one with an ellipsis.
func (d *doc) clip(lines []string, n int, w float64) []string {
	if len(lines) <= n {
		return lines
	}
	lines = append([]string(nil), lines[:n]...)
	last := []rune(strings.TrimSpace(lines[n-1]))
	for len(last) > 0 && d.f.GetStringWidth(string(last)+"…") > w {
		last = last[:len(last)-1]
	}
	lines[n-1] = string(last) + "…"
	return lines
}

// characteristicNames are the human names of the characteristics.
var characteristicNames = map[harmonise.Characteristic]string{
	harmonise.Sex:                "Sex",
	harmonise.AgeBand:            "Age",
	harmonise.Ethnicity:          "Ethnicity (detailed)",
	harmonise.EthnicGroup:        "Ethnic group",
	harmonise.EthnicMinority:     "Ethnic minority",
	harmonise.Disability:         "Disability",
	harmonise.Religion:           "Religion or belief",
	harmonise.SexualOrientation:  "Sexual orientation",
	harmonise.LGB:                "Sexual orientation (LGB+)",
	harmonise.GenderIdentity:     "Gender identity",
	harmonise.MaritalStatus:      "Marital status",
	harmonise.PregnancyMaternity: "Pregnancy and maternity",
	harmonise.Carer:              "Carers",
}

// characteristicName returns the human name of a characteristic, or the
// machine name made readable for one this package does not know.
func characteristicName(c string) string {
	if n, ok := characteristicNames[harmonise.Characteristic(c)]; ok {
		return n
	}
	s := strings.ReplaceAll(c, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// measureNames put the targets' measures in words, with the two senior
// measures always named apart.
var measureNames = map[string]string{
	"percent":                    "% of all staff",
	"percent_of_declared":        "% of staff who declared",
	"percent_of_senior":          "% of senior staff",
	"percent_of_group_in_senior": "% of group in senior grades",
	"declaration_rate":           "Declaration rate",
}

func measureName(m string) string {
	if n, ok := measureNames[m]; ok {
		return n
	}
	return strings.ReplaceAll(m, "_", " ")
}

// thousands formats a whole number with comma thousands separators.
func thousands(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	lead := len(s) % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(s[:lead])
	for i := lead; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// grouped adds thousands separators to a formatted number such as an
// average headcount: "4957.5" → "4,957.5".
func grouped(s string) string {
	sign, digits := "", s
	if strings.HasPrefix(s, "-") {
		sign, digits = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return s
	}
	out := sign + thousands(n)
	if hasFrac {
		out += "." + frac
	}
	return out
}

// fixed formats a number to a number of places, never as "-0.0".
func fixed(v float64, places int) string {
	r := table.Round(v, places)
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', places, 64)
}

// formatCell renders a cell for the PDF: markers as [c]/[x]/[z], counts with
// thousands separators, percentages and gaps to 1 dp, ratios to 2 dp and
// dates as "31 Mar 2026".
func formatCell(c table.Cell, col table.Column) string {
	switch c.Status {
	case table.Value:
	case table.Empty:
		return ""
	default:
		return c.Status.Marker()
	}
	switch col.Kind {
	case table.Count:
		return thousands(int64(math.Round(c.Num)))
	case table.Percent:
		return fixed(c.Num, 1)
	case table.Number:
		return grouped(fixed(c.Num, 1))
	case table.Ratio:
		return fixed(c.Num, 2)
	case table.Date:
		return shortDate(c.Text)
	}
	return c.Text
}

const isoDate = "2006-01-02"

// longDate writes an ISO date as "31 March 2025"; other text is kept as it is.
func longDate(s string) string {
	t, err := time.Parse(isoDate, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// shortDate writes an ISO date as "31 Mar 2025"; other text is kept as it is.
func shortDate(s string) string {
	t, err := time.Parse(isoDate, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}
