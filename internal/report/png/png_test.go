package png

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	imgpng "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/report/reporttest"
)

// fixtureCharts are the charts Build draws from the fixture's tables.
func fixtureCharts() []chart.Chart {
	pub := reporttest.Publication()
	return chart.Build(pub.Tables, chart.Options{
		AsOf: pub.Meta.AsOf, SeniorFrom: pub.Meta.SeniorFrom,
		Characteristics: []string{"sex", "ethnic_minority", "religion"},
		GradeOrder:      []string{"Grade 1", "Grade 2", "Grade 13", "Grade 18"},
	})
}

func decode(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := imgpng.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// colours counts each colour's pixels.
func colours(img image.Image) map[color.RGBA]int {
	out := map[color.RGBA]int{}
	if rgba, ok := img.(*image.RGBA); ok { // what the encoder's opaque RGB decodes to; fast
		for i := 0; i+3 < len(rgba.Pix); i += 4 {
			out[color.RGBA{rgba.Pix[i], rgba.Pix[i+1], rgba.Pix[i+2], rgba.Pix[i+3]}]++
		}
		return out
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			out[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	return out
}

var blue = color.RGBA{0x00, 0x72, 0xB2, 0xff} // chart.Palette[0]

func TestWriteRendersEveryFixtureChart(t *testing.T) {
	charts := append(fixtureCharts(), reporttest.Publication().Charts[1:]...) // the fixture's own grade and trend charts too
	charts[len(charts)-2].ID = "fixture-grade"
	charts[len(charts)-1].ID = "fixture-trend"
	dir := filepath.Join(t.TempDir(), "charts") // Write creates it
	paths, err := Write(dir, charts)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(charts) {
		t.Fatalf("%d paths for %d charts", len(paths), len(charts))
	}
	for i, c := range charts {
		if want := filepath.Join(dir, c.ID+".png"); paths[i] != want {
			t.Errorf("path %d = %s, want %s", i, paths[i], want)
		}
		img := decode(t, paths[i])
		if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 750 {
			t.Errorf("%s is %d×%d, want 1200×750", c.ID, b.Dx(), b.Dy())
		}
		counts := colours(img)
		// Text is anti-aliased, so a drawn chart has many shades; a blank
		// or failed one has one or two.
		if len(counts) < 50 {
			t.Errorf("%s has only %d colours: nothing drawn?", c.ID, len(counts))
		}
		// Every chart's first series is Palette[0]; bars and lines are
		// wide enough to hold pixels of the exact colour.
		if counts[blue] < 100 {
			t.Errorf("%s has %d pixels of #0072B2, want the first series drawn in it", c.ID, counts[blue])
		}
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	charts := fixtureCharts()
	a, err := Write(t.TempDir(), charts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Write(t.TempDir(), charts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		x, _ := os.ReadFile(a[i])
		y, _ := os.ReadFile(b[i])
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%d and %d bytes)", filepath.Base(a[i]), len(x), len(y))
		}
	}
}

// TestSuppressedValuesDrawNoBar draws a one-series chart whose values are
// all [c]: no pixel may take the series colour (one series has no legend).
func TestSuppressedValuesDrawNoBar(t *testing.T) {
	shown := chart.Chart{
		ID: "shown", Title: "Staff by religion", Kind: chart.Bar, Horizontal: true,
		Categories: []string{"Sikh", "Jewish"}, ValueLabel: "% of all staff", ValueMax: 100, Source: "profile",
		Series: []chart.Series{{Name: "% of all staff", Values: []float64{2, 3}, Suppressed: []bool{false, false}, Colour: "#0072B2"}},
	}
	hidden := shown
	hidden.ID = "hidden"
	// A stale value under a [c] must not be drawn either.
	hidden.Series = []chart.Series{{Name: "% of all staff", Values: []float64{2, 0}, Suppressed: []bool{true, true}, Colour: "#0072B2"}}
	for _, tt := range []struct {
		c    chart.Chart
		bars bool
	}{{shown, true}, {hidden, false}} {
		var buf bytes.Buffer
		if err := Encode(&buf, tt.c); err != nil {
			t.Fatal(err)
		}
		img, err := imgpng.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := colours(img)[blue] > 0; got != tt.bars {
			t.Errorf("%s: bar colour drawn = %v, want %v", tt.c.ID, got, tt.bars)
		}
	}
}

// itxt returns the PNG's international text chunks by keyword.
func itxt(t *testing.T, data []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	for p := 8; p+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		kind := string(data[p+4 : p+8])
		body := data[p+8 : p+8+n]
		if kind == "iTXt" {
			// keyword NUL, compression flag 0, method 0, language NUL,
			// translated keyword NUL, text: six parts split at NUL.
			parts := bytes.SplitN(body, []byte{0}, 6)
			if len(parts) == 6 {
				out[string(parts[0])] = string(parts[5])
			}
		}
		p += 12 + n
	}
	return out
}

func TestEncodeEmbedsTitleAndAltText(t *testing.T) {
	c := fixtureCharts()[0]
	var buf bytes.Buffer
	if err := Encode(&buf, c); err != nil {
		t.Fatal(err)
	}
	text := itxt(t, buf.Bytes())
	if text["Title"] != "Staff by sex" {
		t.Errorf("Title %q", text["Title"])
	}
	if want := "Bar chart of staff by sex at 31 March 2025: Female 73.0%, Male 27.0%."; text["Description"] != want {
		t.Errorf("Description %q, want %q", text["Description"], want)
	}
	// The chunks must not break the file for decoders.
	if _, err := imgpng.Decode(bytes.NewReader(buf.Bytes())); err != nil {
		t.Errorf("decode: %v", err)
	}
}

func TestWriteRejectsBadIDs(t *testing.T) {
	ok := chart.Chart{ID: "profile-sex", Title: "t"}
	tests := []struct {
		name   string
		charts []chart.Chart
		badID  bool
	}{
		{"path separator", []chart.Chart{{ID: "../profile-sex"}}, true},
		{"empty", []chart.Chart{{ID: ""}}, true},
		{"dot dot", []chart.Chart{{ID: ".."}}, true},
		{"duplicate", []chart.Chart{ok, ok}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			paths, err := Write(dir, tt.charts)
			if err == nil {
				t.Fatalf("no error, wrote %v", paths)
			}
			if errors.Is(err, ErrBadID) != tt.badID {
				t.Errorf("error %v: ErrBadID = %v, want %v", err, !tt.badID, tt.badID)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("wrote %d files before failing", len(entries))
			}
		})
	}
}

func TestRenderCopesWithOddCharts(t *testing.T) {
	tests := []chart.Chart{
		{ID: "empty", Title: "Nothing to show"},
		{ID: "short-series", Title: "Short", Kind: chart.Bar, Categories: []string{"A", "B", "C"},
			Series: []chart.Series{{Name: "s", Values: []float64{1}, Colour: "not a colour"}}},
		{ID: "negative", Title: "Gaps", Kind: chart.Bar, Horizontal: true, Categories: []string{"A", "B"}, ValueLabel: "pp",
			Series:  []chart.Series{{Name: "gap", Values: []float64{-5.5, 3}, Suppressed: []bool{false, false}, Colour: "#0072B2"}},
			Targets: []chart.Target{{Value: 0, Label: "Parity"}}},
		{ID: "one-point", Title: "One snapshot", Kind: chart.Line, Categories: []string{"2025-03-31"},
			Series: []chart.Series{{Name: "s", Values: []float64{4}, Suppressed: []bool{false}, Colour: "#0072B2"}}},
	}
	for _, c := range tests {
		img, err := Render(c)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 750 {
			t.Errorf("%s is %d×%d", c.ID, b.Dx(), b.Dy())
		}
	}
}

func TestGoFontsHaveTheGlyphsChartsUse(t *testing.T) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range "£–’…%+[]" {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			t.Errorf("Go Regular has no glyph for %q", r)
		}
	}
}

func TestWrap(t *testing.T) {
	txt, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{txt: txt}
	sty := r.style(tickSize, false, ink)
	const long = "Black, Black British, Black Welsh, Caribbean or African: Other Black"
	width := sty.Width("Black, Black British,") + 1

	got := wrap(sty, long, width, 5)
	lines := strings.Split(got, "\n")
	if lines[0] != "Black, Black British," {
		t.Errorf("first line %q", lines[0])
	}
	if strings.Join(lines, " ") != long {
		t.Errorf("wrapped text %q loses words", got)
	}
	for _, l := range lines {
		if sty.Width(l) > width {
			t.Errorf("line %q is wider than %v", l, width)
		}
	}

	// Two lines at most: the second is cut with an ellipsis.
	if got := strings.Split(wrap(sty, long, width, 2), "\n"); len(got) != 2 || !strings.HasSuffix(got[1], "…") {
		t.Errorf("two-line wrap %q", got)
	}

	// On one line a "Group: Detail" label keeps its detail.
	one := wrap(sty, long, sty.Width("Black, Black…: Other Black")+1, 1)
	if one != "Black, Black…: Other Black" {
		t.Errorf("one-line label %q", one)
	}
	if wrap(sty, "  ", width, 1) != "" {
		t.Error("blank text should wrap to nothing")
	}
}

func TestParseHex(t *testing.T) {
	tests := map[string]color.Color{
		"#0072B2": color.RGBA{0x00, 0x72, 0xB2, 0xff},
		"E69F00":  color.RGBA{0xE6, 0x9F, 0x00, 0xff},
		"#12345":  ink,
		"#GGGGGG": ink,
	}
	for in, want := range tests {
		if got := parseHex(in); got != want {
			t.Errorf("parseHex(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestValueRange(t *testing.T) {
	bar := func(valueMax float64, targets []chart.Target, vals ...float64) chart.Chart {
		return normalise(chart.Chart{Kind: chart.Bar, Categories: make([]string, len(vals)), ValueMax: valueMax, Targets: targets,
			Series: []chart.Series{{Values: vals}}})
	}
	tests := []struct {
		name   string
		c      chart.Chart
		pct    bool
		lo, hi float64
	}{
		// 86.81 × 1.12 = 97.2; steps of 20 → 100.
		{"share", bar(0, nil, 8.61, 86.81), true, 0, 100},
		// A 95 bar would need 106.4: a share stops at 100.
		{"share near 100", bar(0, nil, 95), true, 0, 100},
		// The same for a figure that is not a share goes on to 120.
		{"not a share", bar(0, nil, 95), false, 0, 120},
		// The target 10 is the largest: 11.2 in steps of 2 → 12.
		{"target", bar(0, []chart.Target{{Value: 10}}, 8.61, 4.86), true, 0, 12},
		{"fixed", bar(100, nil, 27), true, 0, 100},
		// −5.5 to 3 × 1.12 = 3.36: span 8.86 in steps of 2 → −6 to 4.
		{"negative", bar(0, nil, -5.5, 3), false, -6, 4},
	}
	for _, tt := range tests {
		r := &renderer{c: tt.c, pct: tt.pct}
		if lo, hi := r.valueRange(); lo != tt.lo || hi != tt.hi {
			t.Errorf("%s: range %v to %v, want %v to %v", tt.name, lo, hi, tt.lo, tt.hi)
		}
	}
	stacked := normalise(chart.Chart{Kind: chart.StackedBar, Categories: []string{"G1"}, ValueMax: 100,
		Series: []chart.Series{{Values: []float64{60}}, {Values: []float64{40}}}})
	if lo, hi := (&renderer{c: stacked, pct: true}).valueRange(); lo != 0 || hi != 100 {
		t.Errorf("stacked: %v to %v", lo, hi)
	}
	if got := valueTicks(0, 12); !slices.EqualFunc(got, []float64{0, 2, 4, 6, 8, 10, 12}, func(tk plot.Tick, v float64) bool { return tk.Value == v }) {
		t.Errorf("ticks %v", got)
	}
}
