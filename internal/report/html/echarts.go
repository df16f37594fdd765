package html

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/equip-project/equip/internal/chart"
)

// chartSpec is what the page script needs to draw one chart: the ECharts
// option go-echarts builds, plus the unit its tooltip and labels append.
type chartSpec struct {
	ID     string          `json:"id"`
	Option json.RawMessage `json:"option"`
	Unit   string          `json:"unit"`
	// MinLabel is the smallest value whose label fits inside its bar
	// segment; smaller ones are left to the tooltip and the data table.
	MinLabel float64 `json:"minLabel"`
	// Decimals is the number of decimal places labels and the tooltip show.
	Decimals int `json:"decimals"`
}

// minStackedLabel is the narrowest stacked segment, in percent of the
// axis, that has room for a label such as "26.7%".
const minStackedLabel = 8

func newSpec(c chart.Chart, raw json.RawMessage) chartSpec {
	s := chartSpec{ID: c.ID, Option: raw, Unit: unit(c), Decimals: decimals(c)}
	if c.Kind == chart.StackedBar {
		s.MinLabel = minStackedLabel
	}
	return s
}

// Colours of the parts of a chart that are not series.
const (
	inkColour    = "#1b1b1b"
	targetColour = "#383f43"
)

// unit returns "%" when the chart's values are percentages.
func unit(c chart.Chart) string {
	if c.ValueMax == 100 || strings.Contains(c.ValueLabel, "%") {
		return "%"
	}
	return ""
}

// decimals is the number of decimal places a chart's values are shown
// with: none for counts, whose values are all whole numbers on a chart
// that is not of percentages (headcount, actions), else one, as chart
// labels are in the other reports.
func decimals(c chart.Chart) int {
	if unit(c) == "%" {
		return 1
	}
	whole := false
	for _, s := range c.Series {
		for i, v := range s.Values {
			if s.Withheld(i) {
				continue
			}
			if v != math.Trunc(v) {
				return 1
			}
			whole = true
		}
	}
	for _, t := range c.Targets {
		if t.Value != math.Trunc(t.Value) {
			return 1
		}
	}
	if !whole {
		return 1
	}
	return 0
}

// formatValue writes a chart value as the chart shows it: to one decimal
// place, or as a whole number with thousands separators.
func formatValue(v float64, decimals int) string {
	if decimals == 0 {
		return thousands(v)
	}
	return oneDecimal(v)
}

// checkChart rejects a chart model the page could not draw faithfully.
func checkChart(c chart.Chart) error {
	if c.ID == "" {
		return fmt.Errorf("chart %q has no ID", c.Title)
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return fmt.Errorf("chart %s: series %q has %d values for %d categories", c.ID, s.Name, len(s.Values), len(c.Categories))
		}
	}
	return nil
}

// seriesData returns the series' values with null where a value is
// withheld, so that ECharts leaves a gap rather than drawing a zero.
func seriesData(s chart.Series) []any {
	data := make([]any, len(s.Values))
	for i, v := range s.Values {
		if !s.Withheld(i) {
			data[i] = v
		}
	}
	return data
}

// option builds the ECharts option of a chart model with go-echarts and
// returns it as JSON. Only the option is taken from go-echarts, not its
// element or script: its script names a variable after the chart ID, and
// IDs such as "profile-sex" are not JavaScript names. encoding/json escapes
// <, > and & in it, so labels from HR data cannot close the script element.
func option(c chart.Chart) (json.RawMessage, error) {
	if err := checkChart(c); err != nil {
		return nil, err
	}
	var obj map[string]interface{}
	switch c.Kind {
	case chart.Bar, chart.StackedBar:
		obj = barOption(c)
	case chart.Line:
		obj = lineOption(c)
	default:
		return nil, fmt.Errorf("chart %s: unknown kind %d", c.ID, c.Kind)
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("chart %s: encode ECharts option: %w", c.ID, err)
	}
	if raw, err = adjustAxes(raw, c); err != nil {
		return nil, fmt.Errorf("chart %s: %w", c.ID, err)
	}
	return raw, nil
}

// categoryLineHeight is the line height, in pixels, of category labels.
// Without it ECharts draws the lines of a wrapped label ("Black, Black
// British, Black Welsh, Caribbean or African") over each other.
const categoryLineHeight = 16

// valuePadding widens an automatic value axis beyond the data at both
// ends, so that the label of a bar ending at the axis's minimum or maximum
// has room outside it rather than over the category labels.
const valuePadding = "15%"

// adjustAxes sets what go-echarts has no (numeric) option for: the line
// height of category labels; the alignment of a vertical value axis's name,
// which starts at the axis and runs right, so that a long name is not cut
// off at the chart's left edge; for charts with negative values, room
// beyond the data on the value axis, whose range ECharts then chooses; and
// for charts of counts, ticks at whole numbers only. It
// works on the encoded option; encoding/json writes the keys in order, so
// the result is as reproducible as the rest.
func adjustAxes(raw json.RawMessage, c chart.Chart) (json.RawMessage, error) {
	negative, whole := hasNegative(c), decimals(c) == 0
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, fmt.Errorf("decode ECharts option: %w", err)
	}
	for _, key := range []string{"xAxis", "yAxis"} {
		axes, _ := o[key].([]any)
		for _, a := range axes {
			axis, ok := a.(map[string]any)
			if !ok {
				continue
			}
			switch axis["type"] {
			case "category":
				if label, ok := axis["axisLabel"].(map[string]any); ok {
					label["lineHeight"] = categoryLineHeight
				}
			case "value":
				if negative {
					axis["boundaryGap"] = []string{valuePadding, valuePadding}
				}
				if whole {
					axis["minInterval"] = 1 // no tick at 0.5 of an action
				}
				if key == "yAxis" {
					axis["nameTextStyle"] = map[string]any{"align": "left"}
				}
			}
		}
	}
	adjusted, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("encode ECharts option: %w", err)
	}
	return adjusted, nil
}

// globalOptions are the options every chart shares: its ID, colours,
// legend, tooltip and grid.
func globalOptions(c chart.Chart, axisPointer string) []charts.GlobalOpts {
	colours := make(opts.Colors, len(c.Series))
	for i, s := range c.Series {
		colours[i] = s.ColourAt(i)
	}
	top, bottom := 16, 8
	if len(c.Series) > 1 {
		top += 32 // the legend
	}
	if c.Horizontal {
		bottom += 28 // the value axis name, below the axis
		if len(c.Targets) > 0 {
			top += 20 // target labels, above the plot
		}
	} else {
		top += 24 // the value axis name, above the axis
	}
	return []charts.GlobalOpts{
		// The model's ID, not go-echarts' random one, so output is reproducible.
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID}),
		charts.WithColorsOpts(colours),
		charts.WithAnimation(true),
		charts.WithLegendOpts(opts.Legend{
			Show: opts.Bool(len(c.Series) > 1), Type: "scroll", Top: "0", Left: "0",
			TextStyle: &opts.TextStyle{Color: inkColour, FontSize: 13},
		}),
		charts.WithTooltipOpts(opts.Tooltip{
			Show: opts.Bool(true), Trigger: "axis",
			AxisPointer: &opts.AxisPointer{Type: axisPointer},
		}),
		charts.WithGridOpts(opts.Grid{Top: strconv.Itoa(top), Left: "8", Right: "48", Bottom: strconv.Itoa(bottom), ContainLabel: opts.Bool(true)}),
	}
}

// hasNegative reports whether a chart draws any value or target below
// zero, as pay gaps in women's favour are.
func hasNegative(c chart.Chart) bool {
	for _, s := range c.Series {
		for i, v := range s.Values {
			if v < 0 && !s.Withheld(i) {
				return true
			}
		}
	}
	for _, t := range c.Targets {
		if t.Value < 0 {
			return true
		}
	}
	return false
}

// valueAxis is the axis the values run along. It starts at zero unless a
// value is negative, when ECharts picks the range so no bar is cut off.
func valueAxis(c chart.Chart) (name, nameLocation string, nameGap int, min, max any, label *opts.AxisLabel) {
	if !hasNegative(c) {
		min = 0
	}
	if c.ValueMax > 0 {
		max = c.ValueMax
	}
	label = &opts.AxisLabel{Show: opts.Bool(true), Color: inkColour}
	if unit(c) == "%" {
		label.Formatter = "{value}%"
	}
	if c.Horizontal {
		return c.ValueLabel, "middle", 28, min, max, label
	}
	return c.ValueLabel, "end", 12, min, max, label
}

// categoryLine keeps the category axis, and so its labels, at the edge of
// the plot when values are negative, instead of at zero among the bars.
func categoryLine(c chart.Chart) *opts.AxisLine {
	if !hasNegative(c) {
		return nil
	}
	return &opts.AxisLine{OnZero: opts.Bool(false)}
}

func categoryLabel(horizontal bool) *opts.AxisLabel {
	l := &opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Color: inkColour, Overflow: "break", Width: 120}
	if horizontal {
		l.Width = 200
	}
	return l
}

func barOption(c chart.Chart) map[string]interface{} {
	bar := charts.NewBar()
	pointer := "shadow"
	bar.SetGlobalOptions(globalOptions(c, pointer)...)
	name, loc, gap, min, max, label := valueAxis(c)
	split := &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#e3e6e8"}}
	if c.Horizontal {
		bar.XYReversal()
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: name, NameLocation: loc, NameGap: gap, Min: min, Max: max, AxisLabel: label, SplitLine: split}),
			// Inverse puts the first category at the top, the order tables read in.
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: categoryLabel(true), AxisLine: categoryLine(c)}),
		)
	} else {
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: categoryLabel(false), AxisLine: categoryLine(c)}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: name, NameLocation: loc, NameGap: gap, Min: min, Max: max, AxisLabel: label, SplitLine: split}),
		)
	}
	bar.SetXAxis(c.Categories)
	stacked := c.Kind == chart.StackedBar
	tops := stackTops(c)
	for i, s := range c.Series {
		i, s := i, s
		bar.AddSeries(s.Name, nil, charts.WithSeriesOpts(func(o *charts.SingleSeries) {
			o.Data = seriesData(s)
			o.ItemStyle = &opts.ItemStyle{Color: s.ColourAt(i)}
			o.BarMaxWidth = "48"
			if stacked {
				o.Stack = "total"
				o.Label = &opts.Label{Show: opts.Bool(true), Position: "inside", Color: "#ffffff", FontSize: 12}
				o.LabelLayout = &opts.LabelLayout{HideOverlap: opts.Bool(true)}
			} else {
				pos := "top"
				switch {
				case hasNegative(c):
					pos = "outside" // beyond the bar's end, on whichever side of zero it lies
				case c.Horizontal:
					pos = "right"
				}
				o.Label = &opts.Label{Show: opts.Bool(true), Position: pos, Color: inkColour, FontSize: 12}
			}
			if i == 0 {
				o.MarkLines = targetLines(c)
			}
			o.MarkPoints = withheldMarks(c, s, tops)
		}))
	}
	bar.Validate()
	return bar.JSON()
}

func lineOption(c chart.Chart) map[string]interface{} {
	line := charts.NewLine()
	line.SetGlobalOptions(globalOptions(c, "line")...)
	name, loc, gap, min, max, label := valueAxis(c)
	line.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: categoryLabel(false), AxisLine: categoryLine(c)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: name, NameLocation: loc, NameGap: gap, Min: min, Max: max, AxisLabel: label,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#e3e6e8"}}}),
	)
	line.SetXAxis(c.Categories)
	for i, s := range c.Series {
		i, s := i, s
		colour := s.ColourAt(i)
		line.AddSeries(s.Name, nil, charts.WithSeriesOpts(func(o *charts.SingleSeries) {
			o.Data = seriesData(s)
			o.ItemStyle = &opts.ItemStyle{Color: colour}
			o.LineStyle = &opts.LineStyle{Color: colour, Width: 2.5}
			o.Symbol = "circle"
			o.SymbolSize = 8
			o.ConnectNulls = opts.Bool(false)
			if i == 0 {
				o.MarkLines = targetLines(c)
			}
			o.MarkPoints = withheldMarks(c, s, nil)
		}))
	}
	line.Validate()
	return line.JSON()
}

// targetLines draws each target as a dashed reference line across the
// value axis, labelled with the target's label.
func targetLines(c chart.Chart) *opts.MarkLines {
	if len(c.Targets) == 0 {
		return nil
	}
	data := make([]interface{}, len(c.Targets))
	for i, t := range c.Targets {
		if c.Horizontal {
			data[i] = opts.MarkLineNameXAxisItem{Name: t.Label, XAxis: t.Value}
		} else {
			data[i] = opts.MarkLineNameYAxisItem{Name: t.Label, YAxis: t.Value}
		}
	}
	pos := "insideEndTop"
	if c.Horizontal {
		// The category axis runs top to bottom (inverse), so the line's
		// start is at the top of the plot, clear of the value axis labels.
		pos = "start"
	}
	return &opts.MarkLines{Data: data, MarkLineStyle: opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: pos, Color: targetColour, FontSize: 12},
		LineStyle: &opts.LineStyle{Color: targetColour, Type: "dashed", Width: 1.5},
	}}
}

// stackTops returns, for a stacked chart, the height of each category's
// stack of shown values, where a withheld value's "[c]" mark goes; nil for
// other charts, whose marks sit on the axis.
func stackTops(c chart.Chart) []float64 {
	if c.Kind != chart.StackedBar {
		return nil
	}
	tops := make([]float64, len(c.Categories))
	for _, s := range c.Series {
		for i, v := range s.Values {
			if !s.Withheld(i) {
				tops[i] += v
			}
		}
	}
	return tops
}

// withheldMarks puts a "[c]" mark where a series' value is withheld, so a
// gap is never mistaken for a zero.
func withheldMarks(c chart.Chart, s chart.Series, tops []float64) *opts.MarkPoints {
	var data []interface{}
	for i := range s.Values {
		if !s.Withheld(i) {
			continue
		}
		at := 0.0
		if tops != nil {
			at = tops[i]
		}
		coord := []interface{}{i, at}
		pos := "top"
		if c.Horizontal {
			coord = []interface{}{at, i}
			pos = "right"
		}
		data = append(data, opts.MarkPointNameCoordItem{
			Name: "[c]", Coordinate: coord, Value: "[c]",
			Symbol: "rect", SymbolSize: 1,
			ItemStyle: &opts.ItemStyle{Color: "rgba(0,0,0,0)"},
			Label:     &opts.Label{Show: opts.Bool(true), Position: pos, Color: inkColour, FontSize: 12, FontWeight: "bold", Formatter: "[c]"},
		})
	}
	if data == nil {
		return nil
	}
	return &opts.MarkPoints{Data: data}
}
