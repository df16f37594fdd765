package png

import (
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/table"
)

// Every image is 8 × 5 inches at 150 dpi: 1200 × 750 pixels, a size that
// fills half a 16:9 slide and stays sharp when projected.
const (
	dpi        = 150
	pageWidth  = 8 * vg.Inch
	pageHeight = 5 * vg.Inch
	margin     = vg.Length(16)
)

// Text sizes in points.
const (
	titleSize      = 14
	subtitleSize   = 10
	legendSize     = 9
	axisSize       = 9
	tickSize       = 8.5
	valueSize      = 8
	smallValueSize = 6.5
	footSize       = 7.5
)

var (
	ink   = color.RGBA{0x0b, 0x0c, 0x0c, 0xff} // GOV.UK text colour
	muted = color.RGBA{0x50, 0x5a, 0x5f, 0xff} // GOV.UK secondary text
	rule  = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// render draws one chart: title, subtitle and legend at the top, the source
// at the foot and the plot between.
func render(c chart.Chart, txt text.Plain) image.Image {
	canvas := vgimg.NewWith(vgimg.UseWH(pageWidth, pageHeight), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(white))
	dc := draw.New(canvas)
	r := &renderer{txt: txt, c: normalise(c)}
	r.pct = strings.Contains(c.ValueLabel, "%")

	area := draw.Crop(dc, margin, -margin, margin, -margin)
	width := area.Max.X - area.Min.X
	y := area.Max.Y
	y = r.block(dc, r.style(titleSize, true, ink), c.Title, area.Min.X, y, width, 2) - 4
	y = r.block(dc, r.style(subtitleSize, false, muted), c.Subtitle, area.Min.X, y, width, 2) - 10
	if r.hasLegend() {
		y = r.legend(dc, area.Min.X, y, width) - 8
	}

	var foot []string
	if c.Source != "" {
		foot = append(foot, "Source: tables/"+c.Source+".csv")
	}
	if r.withheld() {
		foot = append(foot, "[c] withheld to protect confidentiality")
	}
	fs := r.style(footSize, false, muted)
	fs.YAlign = draw.YBottom
	dc.FillText(fs, vg.Point{X: area.Min.X, Y: area.Min.Y}, strings.Join(foot, ".   "))
	bottom := area.Min.Y + fs.Height("Source") + 8

	plotArea := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: area.Min.X, Y: bottom},
		Max: vg.Point{X: area.Max.X, Y: y},
	}}
	if len(r.c.Categories) == 0 || len(r.c.Series) == 0 || plotArea.Max.Y-plotArea.Min.Y < 40 {
		ms := r.style(axisSize, false, muted)
		ms.XAlign, ms.YAlign = draw.XCenter, draw.YCenter
		dc.FillText(ms, plotArea.Center(), "No figures to show")
		return canvas.Image()
	}
	r.plot(plotArea)
	return canvas.Image()
}

// normalise gives every series one value per category, counting a missing
// or non-finite value as withheld, so that drawing never indexes past a
// short slice.
func normalise(c chart.Chart) chart.Chart {
	n := len(c.Categories)
	series := make([]chart.Series, len(c.Series))
	for i, s := range c.Series {
		vals, sup := make([]float64, n), make([]bool, n)
		for j := range n {
			v, ok := s.Value(j)
			vals[j], sup[j] = v, !ok
		}
		series[i] = chart.Series{Name: s.Name, Values: vals, Suppressed: sup, Colour: s.Colour}
	}
	c.Series = series
	targets := c.Targets[:0:0]
	for _, t := range c.Targets {
		if !math.IsNaN(t.Value) && !math.IsInf(t.Value, 0) {
			targets = append(targets, t)
		}
	}
	c.Targets = targets
	return c
}

// labelEvery reports whether a line chart has few enough points to label
// each one; otherwise only each line's last point is labelled.
func (r *renderer) labelEvery() bool {
	return len(r.c.Series)*len(r.c.Categories) <= 24
}

// withheld reports whether any value of the chart is withheld.
func (r *renderer) withheld() bool {
	for _, s := range r.c.Series {
		for _, sup := range s.Suppressed {
			if sup {
				return true
			}
		}
	}
	return false
}

type renderer struct {
	txt text.Plain
	c   chart.Chart
	pct bool // the values are percentages: labels get a % sign
}

func (r *renderer) style(size vg.Length, bold bool, col color.Color) text.Style {
	f := font.Font{Typeface: typeface, Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{Color: col, Font: f, Handler: r.txt}
}

// block writes wrapped text with its top-left corner at (x, top) and returns
// the y of its foot.
func (r *renderer) block(dc draw.Canvas, sty text.Style, s string, x, top, width vg.Length, maxLines int) vg.Length {
	if s == "" {
		return top
	}
	s = wrap(sty, s, width, maxLines)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	dc.FillText(sty, vg.Point{X: x, Y: top}, s)
	return top - sty.Height(s)
}

// wrap breaks text at spaces into lines no wider than width, at most
// maxLines of them; a last line that still overflows is cut with "…".
func wrap(sty text.Style, s string, width vg.Length, maxLines int) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	s = strings.Join(words, " ")
	if maxLines <= 1 && sty.Width(s) > width {
		if short, ok := shortenGroup(sty, s, width); ok {
			return short
		}
	}
	var lines []string
	line := words[0]
	for i, w := range words[1:] {
		if len(lines) == maxLines-1 {
			line += " " + strings.Join(words[i+1:], " ")
			break
		}
		if sty.Width(line+" "+w) <= width {
			line += " " + w
			continue
		}
		lines = append(lines, line)
		line = w
	}
	if sty.Width(line) > width {
		runes := []rune(line)
		for len(runes) > 1 && sty.Width(string(runes)+"…") > width {
			runes = runes[:len(runes)-1]
		}
		line = strings.TrimRight(string(runes), " ,;:") + "…"
	}
	return strings.Join(append(lines, line), "\n")
}

// shortenGroup fits a "Group: Detail" label on one line by cutting the
// group rather than the detail, which is what tells such labels apart
// ("Asian, Asian…: Bangladeshi").
func shortenGroup(sty text.Style, s string, width vg.Length) (string, bool) {
	i := strings.LastIndex(s, ": ")
	if i <= 0 {
		return "", false
	}
	group, detail := []rune(s[:i]), s[i:]
	for len(group) > 0 {
		cut := strings.TrimRight(string(group), " ,;:") + "…" + detail
		if sty.Width(cut) <= width {
			return cut, true
		}
		group = group[:len(group)-1]
	}
	return "", false
}

// legend draws one swatch and name per series, then a dashed line and
// label per target when the targets are not labelled in the plot, in rows
// from (x, top); it returns the y below it.
func (r *renderer) legend(dc draw.Canvas, x0, top, width vg.Length) vg.Length {
	sty := r.style(legendSize, false, ink)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	rowH := sty.Height("Ag") + 5
	x, mid := x0, top-rowH/2
	item := func(swatch vg.Length, name string, drawSwatch func(x vg.Length)) {
		w := swatch + 5 + sty.Width(name)
		if x > x0 && x+w > x0+width {
			x, mid = x0, mid-rowH
		}
		drawSwatch(x)
		dc.FillText(sty, vg.Point{X: x + swatch + 5, Y: mid}, name)
		x += w + 16
	}
	if len(r.c.Series) > 1 {
		for _, s := range r.c.Series {
			col := parseHex(s.Colour)
			if r.c.Kind == chart.Line {
				item(18, s.Name, func(x vg.Length) {
					dc.StrokeLine2(draw.LineStyle{Color: col, Width: 2}, x, mid, x+18, mid)
					dc.DrawGlyph(draw.GlyphStyle{Color: col, Radius: 2.8, Shape: draw.CircleGlyph{}}, vg.Point{X: x + 9, Y: mid})
				})
				continue
			}
			item(10, s.Name, func(x vg.Length) { dc.FillPolygon(col, rect(x, mid-5, x+10, mid+5)) })
		}
	}
	if !r.targetsInPlot() {
		for _, t := range r.c.Targets {
			item(22, t.Label, func(x vg.Length) { dc.StrokeLine2(targetStyle, x, mid, x+22, mid) })
		}
	}
	return mid - rowH/2
}

// targetsInPlot reports whether the targets are labelled beside their lines:
// on horizontal bar charts, in a band kept free above the bars. On the other
// charts a label by its line would cover data, so the legend names them.
func (r *renderer) targetsInPlot() bool {
	return r.c.Horizontal && r.c.Kind != chart.Line
}

// hasLegend reports whether the chart needs a legend: several series, or
// targets the plot does not label.
func (r *renderer) hasLegend() bool {
	return len(r.c.Series) > 1 || (len(r.c.Targets) > 0 && !r.targetsInPlot())
}

var targetStyle = draw.LineStyle{Color: ink, Width: 1.25, Dashes: []vg.Length{5, 3}}

func rect(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}}
}

// parseHex reads "#RRGGBB"; anything else is drawn in the text colour.
func parseHex(s string) color.Color {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return ink
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return ink
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// contrast returns the text colour that reads on a fill: white on dark
// colours, the text colour on light ones (WCAG relative luminance).
func contrast(fill color.Color) color.Color {
	r, g, b, _ := fill.RGBA()
	lin := func(c uint32) float64 {
		v := float64(c) / 0xffff
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	if 0.2126*lin(r)+0.7152*lin(g)+0.0722*lin(b) < 0.3 {
		return white
	}
	return ink
}

// valueText writes a value as bars and points are labelled: one decimal
// place, with a % sign on percentages.
func (r *renderer) valueText(v float64) string {
	s := strconv.FormatFloat(table.Round(v, 1), 'f', 1, 64)
	if r.pct {
		s += "%"
	}
	return s
}

// valueRange returns the value axis: from zero (or the lowest negative
// value) to ValueMax when set, else to a round number above the largest
// value, stacked total or target.
func (r *renderer) valueRange() (lo, hi float64) {
	var top float64
	for i := range r.c.Categories {
		var stack float64
		for _, s := range r.c.Series {
			v := s.Values[i]
			lo = math.Min(lo, v)
			top = math.Max(top, v)
			if v > 0 {
				stack += v
			}
		}
		if r.c.Kind == chart.StackedBar {
			top = math.Max(top, stack)
		}
	}
	for _, t := range r.c.Targets {
		top = math.Max(top, t.Value)
		lo = math.Min(lo, t.Value)
	}
	if r.c.ValueMax > 0 {
		return lo, math.Max(r.c.ValueMax, top)
	}
	if top <= 0 {
		top = 1
	}
	// Room above the largest value for its label.
	step := niceStep((top * 1.12) - lo)
	hi = math.Ceil(top*1.12/step) * step
	if r.pct && top <= 100 && hi > 100 {
		hi = 100 // a share has no room beyond the whole
	}
	return math.Floor(lo/step) * step, hi
}

// niceStep returns a tick step of 1, 2, 2.5 or 5 times a power of ten
// giving at most six intervals over the span.
func niceStep(span float64) float64 {
	if span <= 0 {
		return 1
	}
	base := math.Pow(10, math.Floor(math.Log10(span/6)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if span/(m*base) <= 6 {
			return m * base
		}
	}
	return 10 * base
}

func valueTicks(lo, hi float64) []plot.Tick {
	step := niceStep(hi - lo)
	var ticks []plot.Tick
	for k := math.Ceil(lo / step); k*step <= hi+step*1e-9; k++ {
		v := k * step
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(table.Round(v, 2), 'f', -1, 64)})
	}
	return ticks
}

// layout holds what the plotters need to place bars and labels.
type layout struct {
	horiz  bool
	n      int
	pitch  vg.Length // distance between neighbouring categories
	barW   vg.Length // thickness of one bar
	lo, hi float64   // value axis
}

// pos is the position of the i-th category on the category axis: left to
// right, or top to bottom on horizontal charts.
func (l layout) pos(i int) float64 {
	if l.horiz {
		return float64(l.n - 1 - i)
	}
	return float64(i)
}

func (r *renderer) plot(area draw.Canvas) {
	c := r.c
	n := len(c.Categories)
	lay := layout{horiz: c.Horizontal && c.Kind != chart.Line, n: n}
	lay.lo, lay.hi = r.valueRange()

	p := plot.New()
	p.BackgroundColor = nil
	p.TextHandler = r.txt
	catAx, valAx := &p.X, &p.Y
	if lay.horiz {
		catAx, valAx = &p.Y, &p.X
	}
	xTick := r.style(tickSize, false, ink)
	xTick.XAlign, xTick.YAlign = draw.XCenter, draw.YTop
	yTick := r.style(tickSize, false, ink)
	yTick.XAlign, yTick.YAlign = draw.XRight, draw.YCenter
	p.X.Tick.Label, p.Y.Tick.Label = xTick, yTick
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle = r.style(axisSize, false, ink)
		ax.Label.TextStyle.XAlign, ax.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
		ax.Label.Padding = 4
		ax.Tick.Length = 0
		ax.Padding = 0
	}
	p.Legend.TextStyle = r.style(legendSize, false, ink)

	valAx.Tick.Marker = plot.ConstantTicks(valueTicks(lay.lo, lay.hi))
	valAx.Tick.Label.Color = muted
	valAx.LineStyle.Width = 0
	valAx.Label.Text = c.ValueLabel

	catAx.LineStyle = draw.LineStyle{Color: ink, Width: 0.75}
	width, height := area.Max.X-area.Min.X, area.Max.Y-area.Min.Y
	lineH := xTick.Height("Ag")
	var labelW vg.Length
	maxLines := 3
	if lay.horiz {
		labelW = min(width*0.36, 200)
		maxLines = max(1, min(3, int((height-40)/vg.Length(n)/lineH)))
	} else {
		labelW = (width-60)/vg.Length(n) - 6
	}
	ticks := make([]plot.Tick, n)
	for i, cat := range c.Categories {
		if c.Kind == chart.Line {
			cat = chart.LongDate(cat)
		}
		label := wrap(xTick, cat, labelW, maxLines)
		if label == "" {
			label = " " // an empty label would make a minor, unlabelled tick
		}
		ticks[i] = plot.Tick{Value: lay.pos(i), Label: label}
	}
	catAx.Tick.Marker = plot.ConstantTicks(ticks)

	grid := plotter.NewGrid()
	gridStyle := draw.LineStyle{Color: rule, Width: 0.5}
	if lay.horiz {
		grid.Horizontal.Color, grid.Vertical = nil, gridStyle
	} else {
		grid.Vertical.Color, grid.Horizontal = nil, gridStyle
	}
	p.Add(grid)

	// Bar thickness depends on the size of the data area, so measure it
	// with the axes set; horizontal charts keep a band at the top for the
	// target labels.
	catMin, catMax := -0.5, float64(n)-0.5
	setRanges := func() {
		catAx.Min, catAx.Max = catMin, catMax
		valAx.Min, valAx.Max = lay.lo, lay.hi
	}
	setRanges()
	data := p.DataCanvas(area)
	catLen := data.Max.X - data.Min.X
	if lay.horiz {
		catLen = data.Max.Y - data.Min.Y
	}
	pitch := catLen / vg.Length(n)
	if lay.horiz && len(c.Targets) > 0 {
		band := vg.Length(len(c.Targets))*(r.style(valueSize, false, ink).Height("Ag")+2) + 4
		pitch = (catLen - band) / vg.Length(n)
		catMax += float64(band / pitch)
	}
	if c.Kind == chart.Line && !r.labelEvery() {
		// Room right of the last snapshot for the lines' end labels.
		room := r.style(valueSize, false, ink).Width(r.valueText(lay.hi)) + 8
		pitch = (catLen - room) / vg.Length(n)
		catMax += float64(room / pitch)
	}
	lay.pitch = pitch

	switch c.Kind {
	case chart.StackedBar:
		lay.barW = min(pitch*0.62, 70)
		r.addStacked(p, lay)
	case chart.Line:
		r.addLines(p)
	default:
		limit := vg.Length(56)
		if lay.horiz {
			limit = 30
		}
		lay.barW = min(pitch*0.8/vg.Length(len(c.Series)), limit)
		r.addBars(p, lay)
	}
	for _, t := range c.Targets {
		pts := plotter.XYs{{X: catMin, Y: t.Value}, {X: catMax, Y: t.Value}}
		if lay.horiz {
			pts = plotter.XYs{{X: t.Value, Y: catMin}, {X: t.Value, Y: catMax}}
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			continue // a non-finite target was dropped by normalise; nothing else fails here
		}
		line.LineStyle = targetStyle
		p.Add(line)
	}
	p.Add(&overlay{r: r, lay: lay})
	setRanges() // Add widened the axes to the data; keep the ones chosen
	p.Draw(area)
}

// offset is the shift of series s within its category group.
func (r *renderer) offset(lay layout, s int) vg.Length {
	k := len(r.c.Series)
	off := (vg.Length(s) - vg.Length(k-1)/2) * lay.barW
	if lay.horiz {
		return -off // the first series on top
	}
	return off
}

// barValues returns a series' values in the order of the category axis.
func (lay layout) barValues(s chart.Series) plotter.Values {
	vals := make(plotter.Values, lay.n)
	for i, v := range s.Values {
		vals[int(lay.pos(i))] = v
	}
	return vals
}

func (r *renderer) addBars(p *plot.Plot, lay layout) {
	for si, s := range r.c.Series {
		b, err := plotter.NewBarChart(lay.barValues(s), lay.barW)
		if err != nil {
			continue // only a zero width fails, and barW is positive
		}
		b.Color = parseHex(s.Colour)
		b.LineStyle = draw.LineStyle{}
		b.Horizontal = lay.horiz
		b.Offset = r.offset(lay, si)
		p.Add(b)
	}
}

func (r *renderer) addStacked(p *plot.Plot, lay layout) {
	var below *plotter.BarChart
	for _, s := range r.c.Series {
		b, err := plotter.NewBarChart(lay.barValues(s), lay.barW)
		if err != nil {
			continue
		}
		b.Color = parseHex(s.Colour)
		b.LineStyle = draw.LineStyle{}
		b.Horizontal = lay.horiz
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
	}
}

// addLines draws each series as lines through its shown values, broken
// where a value is withheld.
func (r *renderer) addLines(p *plot.Plot) {
	for _, s := range r.c.Series {
		var run plotter.XYs
		flush := func() {
			if len(run) > 1 {
				if l, err := plotter.NewLine(run); err == nil {
					l.LineStyle = draw.LineStyle{Color: parseHex(s.Colour), Width: 2}
					p.Add(l)
				}
			}
			run = nil
		}
		for i, v := range s.Values {
			if s.Suppressed[i] {
				flush()
				continue
			}
			run = append(run, plotter.XY{X: float64(i), Y: v})
		}
		flush()
	}
}

// overlay draws what gonum's plotters do not: value labels, [c] markers,
// line points and the target labels. It draws in the final data area, so
// its text sits exactly on the bars.
type overlay struct {
	r   *renderer
	lay layout
}

func (o *overlay) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	// at returns the point of a category position (plus an offset across
	// the bars) and a value.
	at := func(cat float64, off vg.Length, val float64) vg.Point {
		if o.lay.horiz {
			return vg.Point{X: trX(val), Y: trY(cat) + off}
		}
		return vg.Point{X: trX(cat) + off, Y: trY(val)}
	}
	switch o.r.c.Kind {
	case chart.StackedBar:
		o.stackLabels(c, at)
	case chart.Line:
		o.linePoints(c, at)
	default:
		o.barLabels(c, at)
	}
	o.targetLabels(c, at)
}

// put writes text aligned at a point on a ground of the halo colour, so
// that a target line or grid line crossing it does not cut the figures.
func put(c draw.Canvas, sty text.Style, halo color.Color, xa text.XAlignment, ya text.YAlignment, pt vg.Point, s string) {
	sty.XAlign, sty.YAlign = xa, ya
	if halo != nil {
		b := sty.Rectangle(s).Add(pt)
		c.FillPolygon(halo, rect(b.Min.X-1.5, b.Min.Y, b.Max.X+1.5, b.Max.Y))
	}
	c.FillText(sty, pt, s)
}

func (o *overlay) barLabels(c draw.Canvas, at func(float64, vg.Length, float64) vg.Point) {
	r, lay := o.r, o.lay
	sty := r.style(valueSize, false, ink)
	mark := r.style(valueSize, false, muted)
	th := sty.Height("0")
	for si, s := range r.c.Series {
		off := r.offset(lay, si)
		fill := parseHex(s.Colour)
		for i, v := range s.Values {
			base := at(lay.pos(i), off, 0)
			end := at(lay.pos(i), off, v)
			if s.Suppressed[i] {
				if lay.horiz {
					put(c, mark, white, draw.XLeft, draw.YCenter, vg.Point{X: base.X + 3, Y: base.Y}, "[c]")
				} else {
					put(c, mark, white, draw.XCenter, draw.YBottom, vg.Point{X: base.X, Y: base.Y + 2}, "[c]")
				}
				continue
			}
			// A lone series may let its label spill into the gap between bars.
			across := lay.barW + 1
			if len(r.c.Series) == 1 {
				across = lay.pitch - 1
			}
			label := r.valueText(v)
			sty, th := sty, th
			if lay.horiz && th > across {
				// Many categories: a smaller label still fits beside its bar.
				sty = r.style(smallValueSize, false, ink)
				th = sty.Height("0")
			}
			tw := sty.Width(label)
			inside := sty
			inside.Color = contrast(fill)
			if lay.horiz {
				if th > across {
					continue
				}
				length := vg.Length(math.Abs(float64(end.X - base.X)))
				sign := vg.Length(1)
				xa, xin := draw.XLeft, draw.XRight
				if v < 0 {
					sign, xa, xin = -1, draw.XRight, draw.XLeft
				}
				outX := end.X + sign*3
				switch {
				case (v >= 0 && outX+tw <= c.Max.X) || (v < 0 && outX-tw >= c.Min.X):
					put(c, sty, white, xa, draw.YCenter, vg.Point{X: outX, Y: end.Y}, label)
				case length >= tw+6:
					put(c, inside, fill, xin, draw.YCenter, vg.Point{X: end.X - sign*3, Y: end.Y}, label)
				}
				continue
			}
			if tw > across+1 {
				continue
			}
			length := vg.Length(math.Abs(float64(end.Y - base.Y)))
			if v >= 0 {
				switch {
				case end.Y+2+th <= c.Max.Y:
					put(c, sty, white, draw.XCenter, draw.YBottom, vg.Point{X: end.X, Y: end.Y + 2}, label)
				case length >= th+4:
					put(c, inside, fill, draw.XCenter, draw.YTop, vg.Point{X: end.X, Y: end.Y - 2}, label)
				}
			} else if end.Y-2-th >= c.Min.Y {
				put(c, sty, white, draw.XCenter, draw.YTop, vg.Point{X: end.X, Y: end.Y - 2}, label)
			}
		}
	}
}

func (o *overlay) stackLabels(c draw.Canvas, at func(float64, vg.Length, float64) vg.Point) {
	r, lay := o.r, o.lay
	sty := r.style(valueSize, false, ink)
	mark := r.style(valueSize, false, muted)
	th := sty.Height("0")
	for i := range r.c.Categories {
		var cum float64
		withheld := false
		for _, s := range r.c.Series {
			v := s.Values[i]
			if s.Suppressed[i] {
				withheld = true
				continue
			}
			if v <= 0 {
				continue
			}
			lo, hi := at(lay.pos(i), 0, cum), at(lay.pos(i), 0, cum+v)
			cum += v
			label := r.valueText(v)
			tw := sty.Width(label)
			inside := sty
			inside.Color = contrast(parseHex(s.Colour))
			mid := vg.Point{X: (lo.X + hi.X) / 2, Y: (lo.Y + hi.Y) / 2}
			if lay.horiz {
				if hi.X-lo.X >= tw+4 && lay.barW >= th+2 {
					put(c, inside, nil, draw.XCenter, draw.YCenter, mid, label)
				}
			} else if hi.Y-lo.Y >= th+4 && lay.barW >= tw+2 {
				put(c, inside, nil, draw.XCenter, draw.YCenter, mid, label)
			}
		}
		if !withheld {
			continue
		}
		// The withheld part of the stack is the gap above the shown parts.
		from, to := at(lay.pos(i), 0, cum), at(lay.pos(i), 0, math.Max(lay.hi, cum))
		tw := mark.Width("[c]")
		if lay.horiz {
			if to.X-from.X >= tw+4 {
				put(c, mark, nil, draw.XCenter, draw.YCenter, vg.Point{X: (from.X + to.X) / 2, Y: from.Y}, "[c]")
			} else {
				put(c, mark, white, draw.XRight, draw.YCenter, vg.Point{X: from.X - 2, Y: from.Y}, "[c]")
			}
		} else if to.Y-from.Y >= th+4 {
			put(c, mark, nil, draw.XCenter, draw.YCenter, vg.Point{X: from.X, Y: (from.Y + to.Y) / 2}, "[c]")
		} else {
			put(c, mark, white, draw.XCenter, draw.YTop, vg.Point{X: from.X, Y: from.Y - 2}, "[c]")
		}
	}
}

// linePoints marks each shown value with a dot and a label (every point
// when there are few, else each line's last), and withheld ones with [c]
// above the axis.
func (o *overlay) linePoints(c draw.Canvas, at func(float64, vg.Length, float64) vg.Point) {
	r, lay := o.r, o.lay
	sty := r.style(valueSize, false, ink)
	mark := r.style(valueSize, false, muted)
	th := sty.Height("0")
	every := r.labelEvery()
	type label struct {
		pt   vg.Point
		text string
	}
	for i := range r.c.Categories {
		var labels []label
		var marks int
		for _, s := range r.c.Series {
			if s.Suppressed[i] {
				pt := at(float64(i), 0, lay.lo)
				put(c, mark, white, draw.XCenter, draw.YBottom, vg.Point{X: pt.X, Y: pt.Y + 3 + vg.Length(marks)*(th+1)}, "[c]")
				marks++
				continue
			}
			pt := at(float64(i), 0, s.Values[i])
			c.DrawGlyph(draw.GlyphStyle{Color: parseHex(s.Colour), Radius: 2.8, Shape: draw.CircleGlyph{}}, pt)
			if every || i == lastShown(s) {
				labels = append(labels, label{pt: pt, text: r.valueText(s.Values[i])})
			}
		}
		// Lowest first; a label that would overlap the one below moves up.
		sort.SliceStable(labels, func(a, b int) bool { return labels[a].pt.Y < labels[b].pt.Y })
		floor := c.Min.Y
		for _, l := range labels {
			if every {
				y := max(l.pt.Y+5, floor)
				if y+th > c.Max.Y {
					y = l.pt.Y - 5 - th
				}
				put(c, sty, white, draw.XCenter, draw.YBottom, vg.Point{X: l.pt.X, Y: y}, l.text)
				floor = y + th + 1
				continue
			}
			// End labels sit right of the last point, centred on it.
			y := max(l.pt.Y-th/2, floor)
			put(c, sty, white, draw.XLeft, draw.YBottom, vg.Point{X: l.pt.X + 6, Y: y}, l.text)
			floor = y + th + 1
		}
	}
}

func lastShown(s chart.Series) int {
	for i := len(s.Values) - 1; i >= 0; i-- {
		if !s.Suppressed[i] {
			return i
		}
	}
	return -1
}

// targetLabels writes each target's label by its line, in the band kept
// free at the top of horizontal bar charts; other charts name their
// targets in the legend.
func (o *overlay) targetLabels(c draw.Canvas, at func(float64, vg.Length, float64) vg.Point) {
	r := o.r
	if !r.targetsInPlot() {
		return
	}
	sty := r.style(valueSize, true, ink)
	th := sty.Height("Ag")
	for k, t := range r.c.Targets {
		pt := at(0, 0, t.Value)
		tw := sty.Width(t.Label)
		top := c.Max.Y - 2 - vg.Length(k)*(th+2)
		x := pt.X + 4
		if x+tw > c.Max.X {
			x = pt.X - 4 - tw
		}
		put(c, sty, white, draw.XLeft, draw.YBottom, vg.Point{X: x, Y: top - th}, t.Label)
	}
}
