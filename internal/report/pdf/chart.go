package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/equip-project/equip/internal/chart"
)

// Type sizes of the parts of a chart, in points.
const (
	chartTitleSize    = 10.5
	chartSubtitleSize = 8.5
	legendSize        = 7.5
	categorySize      = 8
	tickSize          = 7
	valueSize         = 7
	chartNoteSize     = 7
	chartGap          = 6 // space after a chart, mm
)

// scale maps values onto an axis from min to max with ticks every step.
type scale struct{ min, max, step float64 }

func (s scale) frac(v float64) float64 {
	if s.max == s.min {
		return 0
	}
	return (v - s.min) / (s.max - s.min)
}

func (s scale) ticks() []float64 {
	var out []float64
	if s.step <= 0 {
		return out
	}
	for i := 0; ; i++ {
		v := s.min + float64(i)*s.step
		if v > s.max+s.step*1e-6 || i > 50 {
			break
		}
		out = append(out, v)
	}
	return out
}

// label writes a tick value with as many decimal places as the step
// needs (none for 5, one for 0.5, two for 0.25), so ticks never repeat.
func (s scale) label(v float64) string {
	places := 0
	for step := s.step; places < 3 && math.Abs(step-math.Round(step)) > 1e-9; places++ {
		step *= 10
	}
	return fixed(v, places)
}

// niceScale returns an axis from lo to hi (widened to whole steps) with
// about five ticks at 1, 2, 2.5 or 5 times a power of ten.
func niceScale(lo, hi float64) scale {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw-raw*1e-9 {
			step = m * mag
			break
		}
	}
	return scale{min: math.Floor(lo/step+1e-9) * step, max: math.Ceil(hi/step-1e-9) * step, step: step}
}

// chartScale chooses the value axis of a chart: from zero (or the lowest
// negative value) to ValueMax when given, else to a little above the
// largest value or target, leaving room for value labels.
func chartScale(c chart.Chart) scale {
	lo, hi := 0.0, 0.0
	if c.Kind == chart.StackedBar {
		// A stack of shares runs to 100% unless the chart says otherwise.
		if c.ValueMax == 0 {
			c.ValueMax = 100
		}
		for i := range c.Categories {
			sum := 0.0
			for _, s := range c.Series {
				if v, ok := s.Value(i); ok && v > 0 {
					sum += v
				}
			}
			hi = max(hi, sum)
		}
	} else {
		for _, s := range c.Series {
			for i := range c.Categories {
				if v, ok := s.Value(i); ok {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
		}
	}
	for _, t := range c.Targets {
		if !math.IsNaN(t.Value) && !math.IsInf(t.Value, 0) {
			lo, hi = min(lo, t.Value), max(hi, t.Value)
		}
	}
	// Rounded shares can add up to a little over 100; that still fits an
	// axis to 100.
	if c.ValueMax > 0 && hi <= c.ValueMax*1.01 {
		s := niceScale(lo, c.ValueMax)
		s.max = c.ValueMax
		return s
	}
	s := niceScale(lo, hi*1.05)
	// Shares never exceed 100%, so the headroom for labels stops there.
	if strings.Contains(c.ValueLabel, "%") && hi <= 101 && s.max > 100 {
		s.max = 100
	}
	return s
}

// legendItem is one series in the legend, placed relative to the legend's corner.
type legendItem struct {
	name   string
	colour rgb
	x, y   float64
}

// chartBox is one chart laid out at a width: every part is measured before
// drawing, so that the chart's height is known and it is never split
// across pages.
type chartBox struct {
	c        chart.Chart
	w        float64
	title    []string
	subtitle []string
	colours  []rgb
	legend   []legendItem
	legendH  float64
	scale    scale
	cats     [][]string // wrapped category labels
	plotH    float64

	// Horizontal bars.
	labelW    float64   // the category label column
	groupH    []float64 // each category's band
	barH      float64
	targetPad float64 // room above the plot for target labels
	valuePad  float64 // room right of the plot for value labels

	// Vertical bars and lines.
	tickW  float64 // the value tick labels
	labelH float64 // the category label band

	suppressed bool
	height     float64

	// Value labels outside the bars and points wait until the target lines
	// are drawn, then go on top with a white knockout so a line never
	// crosses a figure.
	outside []valueLabel
}

// valueLabel is a figure placed beside a bar or point, by its baseline.
type valueLabel struct {
	x, base float64
	text    string
	colour  rgb
}

// later queues a value label to draw after the target lines.
func (b *chartBox) later(x, base float64, text string, c rgb) {
	b.outside = append(b.outside, valueLabel{x: x, base: base, text: text, colour: c})
}

func (d *doc) flushLabels(b *chartBox) {
	d.font("", valueSize)
	h := capHeight(valueSize)
	for _, l := range b.outside {
		w := d.f.GetStringWidth(l.text)
		d.fillColour(white)
		d.f.Rect(l.x-0.4, l.base-h-0.5, w+0.8, h+1, "F")
		d.textColour(l.colour)
		d.f.Text(l.x, l.base, l.text)
	}
	b.outside = nil
}

func (b *chartBox) horizontal() bool { return b.c.Horizontal && b.c.Kind != chart.Line }

func (d *doc) layoutChart(c chart.Chart, w float64) *chartBox {
	b := &chartBox{c: c, w: w, scale: chartScale(c)}
	d.font("B", chartTitleSize)
	b.title = d.wrap(c.Title, w)
	if c.Subtitle != "" {
		d.font("", chartSubtitleSize)
		b.subtitle = d.wrap(c.Subtitle, w)
	}
	for i, s := range c.Series {
		b.colours = append(b.colours, hexColour(s.ColourAt(i)))
		for k := range c.Categories {
			if s.Withheld(k) {
				b.suppressed = true
			}
		}
	}
	if len(c.Series) > 1 {
		d.font("", legendSize)
		x, row := 0.0, 0
		for i, s := range c.Series {
			iw := 4.7 + d.f.GetStringWidth(s.Name) + 5
			if x > 0 && x+iw > w {
				row++
				x = 0
			}
			b.legend = append(b.legend, legendItem{name: s.Name, colour: b.colours[i], x: x, y: float64(row) * 4.4})
			x += iw
		}
		b.legendH = float64(row+1)*4.4 + 1.5
	}
	if b.horizontal() {
		d.layoutHorizontal(b)
	} else {
		d.layoutVertical(b)
	}
	b.height = b.headHeight() + b.legendH + b.plotBlockHeight() + 2
	if b.suppressed {
		b.height += lineHeight(chartNoteSize) + 1
	}
	return b
}

func (b *chartBox) headHeight() float64 {
	return float64(len(b.title))*lineHeight(chartTitleSize) + float64(len(b.subtitle))*lineHeight(chartSubtitleSize) + 2.5
}

func (b *chartBox) plotBlockHeight() float64 {
	if b.horizontal() {
		return b.targetPad + b.plotH + 4 + lineHeight(legendSize) + 1
	}
	return lineHeight(tickSize) + 2 + b.plotH + b.labelH
}

func (d *doc) layoutHorizontal(b *chartBox) {
	c := b.c
	d.font("", categorySize)
	widest := 0.0
	for _, cat := range c.Categories {
		widest = max(widest, d.f.GetStringWidth(displayCategory(cat)))
	}
	b.labelW = min(max(widest+3, 16), 0.38*b.w)
	for _, cat := range c.Categories {
		b.cats = append(b.cats, d.clip(d.wrap(displayCategory(cat), b.labelW-3), 3, b.labelW-3))
	}
	bars := len(c.Series)
	b.barH = max(2.8, 4.4-0.4*float64(bars-2))
	gap := 3.0
	if bars <= 1 || c.Kind == chart.StackedBar {
		bars, b.barH, gap = 1, 5.5, 2.6
	}
	if d.compact {
		b.barH, gap = b.barH*0.8, gap*0.8
	}
	if len(c.Targets) > 0 {
		b.targetPad = lineHeight(valueSize) + 1.5
	}
	d.font("", valueSize)
	b.valuePad = d.f.GetStringWidth(b.scale.label(b.scale.max)+".0") + 3
	b.groupH = make([]float64, len(b.cats))
	// Very long category lists squeeze their bars (down to half) so that the
	// chart still fits one page.
	squeeze := 1.0
	for {
		b.plotH = 0
		for i, lines := range b.cats {
			b.groupH[i] = max(float64(bars)*b.barH*squeeze, float64(len(lines))*lineHeight(categorySize)) + gap*squeeze
			b.plotH += b.groupH[i]
		}
		if b.plotH < bodyHeight-70 || squeeze <= 0.5 {
			break
		}
		squeeze -= 0.1
	}
	b.barH *= squeeze
}

func (d *doc) layoutVertical(b *chartBox) {
	c := b.c
	d.font("", tickSize)
	for _, t := range b.scale.ticks() {
		b.tickW = max(b.tickW, d.f.GetStringWidth(b.scale.label(t)))
	}
	b.tickW += 2.5
	n := max(len(c.Categories), 1)
	slot := (b.w - b.tickW - 1) / float64(n)
	d.font("", categorySize-0.5)
	lines := 1
	for _, cat := range c.Categories {
		l := d.clip(d.wrap(displayCategory(cat), slot-1.5), 3, slot-1.5)
		b.cats = append(b.cats, l)
		lines = max(lines, len(l))
	}
	b.labelH = float64(lines)*lineHeight(categorySize-0.5) + 2.5
	b.plotH = 56
	if c.Kind == chart.Line && len(c.Series) <= 2 {
		b.plotH = 50
	}
	if d.compact {
		b.plotH -= 14
	}
}

// chart draws a chart across the content width at the current position,
// on a new page when it would not fit on this one.
func (d *doc) chart(c chart.Chart) {
	b := d.layoutChart(c, contentW)
	d.ensure(b.height)
	d.f.SetY(d.drawChart(b, marginL, d.f.GetY()))
}

// pairGap is the space between two charts side by side, mm.
const pairGap = 6.0

// halfWidth is the width of each of two charts side by side.
const halfWidth = (contentW - pairGap) / 2

// chartPairs draws charts two to a row at half the content width, each row
// kept on one page; a last odd chart takes the left half.
func (d *doc) chartPairs(cs []chart.Chart) {
	for i := 0; i < len(cs); i += 2 {
		row := cs[i:min(i+2, len(cs))]
		boxes := make([]*chartBox, len(row))
		h := 0.0
		for k, c := range row {
			boxes[k] = d.layoutChart(c, halfWidth)
			h = max(h, boxes[k].height)
		}
		d.ensure(h)
		y := d.f.GetY()
		end := y
		for k, b := range boxes {
			end = max(end, d.drawChart(b, marginL+float64(k)*(halfWidth+pairGap), y))
		}
		d.f.SetY(end)
	}
}

// pairHeight is the height the first row of chartPairs needs.
func (d *doc) pairHeight(cs []chart.Chart) float64 {
	h := 0.0
	for _, c := range cs[:min(2, len(cs))] {
		h = max(h, d.layoutChart(c, halfWidth).height)
	}
	return h
}

// drawChart draws a laid-out chart with its top left corner at x, y and
// returns the position below it, after the gap that follows a chart.
func (d *doc) drawChart(b *chartBox, x, y float64) float64 {
	d.textColour(ink)
	d.font("B", chartTitleSize)
	for _, line := range b.title {
		d.f.SetXY(x, y)
		d.f.CellFormat(b.w, lineHeight(chartTitleSize), line, "", 0, "L", false, 0, "")
		y += lineHeight(chartTitleSize)
	}
	d.font("", chartSubtitleSize)
	d.textColour(muted)
	for _, line := range b.subtitle {
		d.f.SetXY(x, y)
		d.f.CellFormat(b.w, lineHeight(chartSubtitleSize), line, "", 0, "L", false, 0, "")
		y += lineHeight(chartSubtitleSize)
	}
	y += 2.5
	if len(b.legend) > 0 {
		d.drawLegend(b, x, y)
		y += b.legendH
	}
	if b.horizontal() {
		d.drawHorizontal(b, x, y)
	} else {
		d.drawVertical(b, x, y)
	}
	y += b.plotBlockHeight()
	if b.suppressed {
		d.font("I", chartNoteSize)
		d.textColour(muted)
		d.f.Text(x, y+capHeight(chartNoteSize), "[c] marks a figure withheld to protect confidentiality.")
		y += lineHeight(chartNoteSize) + 1
	}
	d.textColour(ink)
	d.f.SetDashPattern(nil, 0)
	d.f.SetLineWidth(0.2)
	return y + 2 + chartGap
}

func (d *doc) drawLegend(b *chartBox, x, y float64) {
	d.font("", legendSize)
	for _, it := range b.legend {
		ix, iy := x+it.x, y+it.y
		if b.c.Kind == chart.Line {
			d.drawColour(it.colour)
			d.f.SetLineWidth(0.6)
			d.f.Line(ix, iy+1.6, ix+3.4, iy+1.6)
			d.marker(ix+1.7, iy+1.6, it.colour)
		} else {
			d.fillColour(it.colour)
			d.f.Rect(ix, iy, 3.2, 3.2, "F")
		}
		d.textColour(ink)
		d.f.Text(ix+4.7, iy+1.6+capHeight(legendSize)/2, it.name)
	}
}

func (d *doc) marker(x, y float64, c rgb) {
	d.fillColour(c)
	d.drawColour(white)
	d.f.SetLineWidth(0.3)
	d.f.Circle(x, y, 0.95, "FD")
}

// valueText is a bar's or point's value label: one decimal place, the unit
// being in the axis title.
func valueText(v float64) string { return fixed(v, 1) }

func (d *doc) dashed(on bool) {
	if on {
		d.f.SetDashPattern([]float64{1.6, 1.1}, 0)
		return
	}
	d.f.SetDashPattern(nil, 0)
}

// targetLabel is a target's label, or its value when it has none.
func targetLabel(t chart.Target) string {
	if t.Label != "" {
		return t.Label
	}
	return "Target " + fixed(t.Value, 1)
}

func (d *doc) drawHorizontal(b *chartBox, x, y float64) {
	c := b.c
	px := x + b.labelW
	pw := b.w - b.labelW - b.valuePad
	top := y + b.targetPad
	bottom := top + b.plotH
	pos := func(v float64) float64 { return px + pw*b.scale.frac(v) }

	d.font("", tickSize)
	d.textColour(muted)
	d.f.SetLineWidth(0.2)
	for _, t := range b.scale.ticks() {
		tx := pos(t)
		d.drawColour(gridGrey)
		d.f.Line(tx, top, tx, bottom)
		label := b.scale.label(t)
		d.f.Text(tx-d.f.GetStringWidth(label)/2, bottom+1.2+capHeight(tickSize), label)
	}
	d.font("", legendSize)
	d.f.Text(px+(pw-d.f.GetStringWidth(c.ValueLabel))/2, bottom+4+capHeight(legendSize)+0.6, c.ValueLabel)

	cy := top
	for i, lines := range b.cats {
		gh := b.groupH[i]
		mid := cy + gh/2
		d.font("", categorySize)
		d.textColour(ink)
		lh := lineHeight(categorySize)
		ly := mid - float64(len(lines))*lh/2
		for k, line := range lines {
			d.f.Text(px-2.5-d.f.GetStringWidth(line), ly+float64(k)*lh+lh/2+capHeight(categorySize)/2, line)
		}
		if c.Kind == chart.StackedBar {
			d.stackRow(b, i, mid-b.barH/2, pos)
		} else {
			by := mid - float64(len(c.Series))*b.barH/2
			for k, s := range c.Series {
				d.barRow(b, s, i, b.colours[k], by+float64(k)*b.barH, b.barH-0.5, x+b.w, pos)
			}
		}
		cy += gh
	}
	d.drawColour(axisGrey)
	d.f.SetLineWidth(0.3)
	d.f.Line(pos(max(b.scale.min, 0)), top, pos(max(b.scale.min, 0)), bottom)
	for _, t := range c.Targets {
		tx := pos(t.Value)
		d.drawColour(ink)
		d.f.SetLineWidth(0.35)
		d.dashed(true)
		d.f.Line(tx, top-0.5, tx, bottom)
		d.dashed(false)
		d.font("B", valueSize)
		d.textColour(ink)
		label := targetLabel(t)
		lw := d.f.GetStringWidth(label)
		lx := min(max(tx-lw/2, x), x+b.w-lw)
		d.f.Text(lx, top-1.2, label)
	}
	d.flushLabels(b)
}

// barRow draws one horizontal bar with its value label outside its end, or
// inside it when there is no room, or "[c]" when the value is suppressed.
func (d *doc) barRow(b *chartBox, s chart.Series, i int, col rgb, by, bh, right float64, pos func(float64) float64) {
	mid := by + bh/2
	d.font("", valueSize)
	v, ok := s.Value(i)
	if !ok {
		if s.Withheld(i) {
			b.later(pos(0)+1, mid+capHeight(valueSize)/2, "[c]", muted)
		}
		return
	}
	x0, x1 := pos(0), pos(v)
	d.fillColour(col)
	d.f.Rect(min(x0, x1), by, math.Abs(x1-x0), bh, "F")
	label := valueText(v)
	lw := d.f.GetStringWidth(label)
	base := mid + capHeight(valueSize)/2
	switch {
	case v >= 0 && x1+1+lw <= right:
		b.later(x1+1, base, label, ink)
	case v < 0 && x1-1-lw >= pos(b.scale.min):
		b.later(x1-1-lw, base, label, ink)
	case math.Abs(x1-x0) > lw+2 && bh >= capHeight(valueSize)+0.6:
		d.textOn(col)
		d.f.Text(max(x0, x1)-1-lw, base, label)
	}
}

// textOn sets a text colour that reads on a fill.
func (d *doc) textOn(fill rgb) {
	if isDark(fill) {
		d.textColour(white)
	} else {
		d.textColour(ink)
	}
}

// stack walks one category's 100% stack, handing draw each positive
// value with its series' position and the height of the stack below it; it
// returns the stack's height and whether a series is withheld there.
func stack(b *chartBox, i int, draw func(k int, below, v float64)) (height float64, withheld bool) {
	for k, s := range b.c.Series {
		v, ok := s.Value(i)
		if !ok {
			withheld = withheld || s.Withheld(i)
			continue
		}
		if v <= 0 {
			continue
		}
		draw(k, height, v)
		height += v
	}
	return height, withheld
}

// stackRow draws one category's horizontal 100% stack.
func (d *doc) stackRow(b *chartBox, i int, by float64, pos func(float64) float64) {
	at, withheld := stack(b, i, func(k int, below, v float64) {
		x0, x1 := pos(below), pos(below+v)
		d.segment(b.colours[k], x0, by, x1-x0, b.barH, v)
	})
	if withheld {
		b.later(pos(at)+1, by+b.barH/2+capHeight(valueSize)/2, "[c]", muted)
	}
}

// segment draws one part of a stacked bar with its value inside when it fits.
func (d *doc) segment(col rgb, x, y, w, h, v float64) {
	d.fillColour(col)
	d.drawColour(white)
	d.f.SetLineWidth(0.3)
	d.f.Rect(x, y, w, h, "FD")
	d.font("", valueSize)
	label := valueText(v)
	lw := d.f.GetStringWidth(label)
	if lw+1.2 <= w && capHeight(valueSize)+1 <= h {
		d.textOn(col)
		d.f.Text(x+(w-lw)/2, y+h/2+capHeight(valueSize)/2, label)
	}
}

func (d *doc) drawVertical(b *chartBox, x, y float64) {
	c := b.c
	d.font("", tickSize)
	d.textColour(muted)
	d.f.Text(x, y+capHeight(tickSize), c.ValueLabel)
	top := y + lineHeight(tickSize) + 2
	px := x + b.tickW
	pw := b.w - b.tickW - 1
	bottom := top + b.plotH
	pos := func(v float64) float64 { return bottom - b.plotH*b.scale.frac(v) }

	d.f.SetLineWidth(0.2)
	for _, t := range b.scale.ticks() {
		ty := pos(t)
		d.drawColour(gridGrey)
		d.f.Line(px, ty, px+pw, ty)
		label := b.scale.label(t)
		d.f.Text(px-1.5-d.f.GetStringWidth(label), ty+capHeight(tickSize)/2, label)
	}
	n := max(len(c.Categories), 1)
	slot := pw / float64(n)
	d.font("", categorySize-0.5)
	d.textColour(ink)
	lh := lineHeight(categorySize - 0.5)
	for i, lines := range b.cats {
		cx := px + slot*(float64(i)+0.5)
		for k, line := range lines {
			d.f.Text(cx-d.f.GetStringWidth(line)/2, bottom+1.5+float64(k)*lh+capHeight(categorySize-0.5), line)
		}
	}

	switch c.Kind {
	case chart.StackedBar:
		bw := min(slot*0.6, 24)
		for i := range c.Categories {
			d.stackColumn(b, i, px+slot*(float64(i)+0.5)-bw/2, bw, pos)
		}
	case chart.Line:
		// Point labels keep clear of the target labels drawn later.
		var reserved []rect
		d.font("B", valueSize)
		for _, t := range c.Targets {
			lw, base := d.f.GetStringWidth(targetLabel(t)), pos(t.Value)-1.2
			reserved = append(reserved, rect{px + pw - lw, base - capHeight(valueSize), px + pw, base})
		}
		d.lines(b, px, slot, bottom, pos, reserved)
	default:
		group := min(slot*0.72, 18*float64(len(c.Series)))
		bw := group / float64(max(len(c.Series), 1))
		for i := range c.Categories {
			gx := px + slot*(float64(i)+0.5) - group/2
			for k, s := range c.Series {
				d.column(b, s, i, b.colours[k], gx+float64(k)*bw, bw-0.5, slot/float64(max(len(c.Series), 1)), pos)
			}
		}
	}

	d.drawColour(axisGrey)
	d.f.SetLineWidth(0.3)
	zero := pos(max(b.scale.min, 0))
	d.f.Line(px, zero, px+pw, zero)

	for _, t := range c.Targets {
		ty := pos(t.Value)
		d.drawColour(ink)
		d.f.SetLineWidth(0.35)
		d.dashed(true)
		d.f.Line(px, ty, px+pw, ty)
		d.dashed(false)
		d.font("B", valueSize)
		d.textColour(ink)
		label := targetLabel(t)
		d.f.Text(px+pw-d.f.GetStringWidth(label), ty-1.2, label)
	}
	d.flushLabels(b)
}

// column draws one vertical bar with its value above it when the label fits
// the bar's share of the slot, or "[c]" when the value is suppressed.
func (d *doc) column(b *chartBox, s chart.Series, i int, col rgb, bx, bw, room float64, pos func(float64) float64) {
	d.font("", valueSize)
	v, ok := s.Value(i)
	if !ok {
		if s.Withheld(i) {
			lw := d.f.GetStringWidth("[c]")
			b.later(bx+(bw-lw)/2, pos(0)-1.2, "[c]", muted)
		}
		return
	}
	y0, y1 := pos(0), pos(v)
	d.fillColour(col)
	d.f.Rect(bx, min(y0, y1), bw, math.Abs(y1-y0), "F")
	label := valueText(v)
	lw := d.f.GetStringWidth(label)
	if lw <= room-0.4 {
		ly := y1 - 1.2
		if v < 0 {
			ly = y1 + 1 + capHeight(valueSize)
		}
		b.later(bx+(bw-lw)/2, ly, label, ink)
	}
}

// stackColumn draws one category's vertical 100% stack.
func (d *doc) stackColumn(b *chartBox, i int, bx, bw float64, pos func(float64) float64) {
	at, withheld := stack(b, i, func(k int, below, v float64) {
		y0, y1 := pos(below), pos(below+v)
		d.segment(b.colours[k], bx, y1, bw, y0-y1, v)
	})
	if withheld {
		d.font("", valueSize)
		lw := d.f.GetStringWidth("[c]")
		b.later(bx+(bw-lw)/2, pos(at)-1.2, "[c]", muted)
	}
}

// rect is a placed label, to keep point labels from overlapping.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) overlaps(o rect) bool {
	return r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1
}

// lines draws a line chart: each series joined across its unsuppressed
// points, a marker at each point, and value labels above (or below, when
// that is where there is room) the points.
func (d *doc) lines(b *chartBox, px, slot, bottom float64, pos func(float64) float64, reserved []rect) {
	c := b.c
	at := func(i int) float64 { return px + slot*(float64(i)+0.5) }
	for k, s := range c.Series {
		d.drawColour(b.colours[k])
		d.f.SetLineWidth(0.7)
		for i := 1; i < len(c.Categories); i++ {
			v0, ok0 := s.Value(i - 1)
			v1, ok1 := s.Value(i)
			if ok0 && ok1 {
				d.f.Line(at(i-1), pos(v0), at(i), pos(v1))
			}
		}
	}
	placed := append([]rect(nil), reserved...)
	d.font("", valueSize)
	h := capHeight(valueSize)
	for k, s := range c.Series {
		for i := range c.Categories {
			v, ok := s.Value(i)
			if !ok {
				if s.Withheld(i) {
					lw := d.f.GetStringWidth("[c]")
					b.later(at(i)-lw/2, bottom-1.2, "[c]", muted)
				}
				continue
			}
			d.marker(at(i), pos(v), b.colours[k])
			placed = append(placed, rect{at(i) - 1.2, pos(v) - 1.2, at(i) + 1.2, pos(v) + 1.2})
		}
	}
	for _, s := range c.Series {
		for i := range c.Categories {
			v, ok := s.Value(i)
			if !ok {
				continue
			}
			label := valueText(v)
			lw := d.f.GetStringWidth(label)
			cx, cy := at(i), pos(v)
			for _, base := range []float64{cy - 2, cy + 2 + h} {
				r := rect{cx - lw/2, base - h, cx + lw/2, base}
				free := true
				for _, p := range placed {
					if r.overlaps(p) {
						free = false
						break
					}
				}
				if free {
					b.later(r.x0, base, label, ink)
					placed = append(placed, r)
					break
				}
			}
		}
	}
}

// displayCategory shows snapshot dates as "31 Mar 2025"; other categories as they are.
func displayCategory(s string) string {
	if len(s) == len(isoDate) {
		if _, err := strconv.Atoi(s[:4]); err == nil {
			return shortDate(s)
		}
	}
	return s
}
