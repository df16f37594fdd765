package html

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/chart"
)

// decode builds a chart's option and decodes it for inspection.
func decode(t *testing.T, c chart.Chart) map[string]any {
	t.Helper()
	raw, err := option(c)
	if err != nil {
		t.Fatalf("option: %v", err)
	}
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatalf("option is not JSON: %v", err)
	}
	return o
}

// at walks a decoded option by keys and indexes.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %T is not an object", path, v)
			}
			v = m[k]
		case int:
			s, ok := v.([]any)
			if !ok || k >= len(s) {
				t.Fatalf("at %v: %v has no item %d", path, v, k)
			}
			v = s[k]
		}
	}
	return v
}

func TestOptionHorizontalBarWithWithheldValue(t *testing.T) {
	c := chart.Chart{
		ID: "profile-religion", Kind: chart.Bar, Horizontal: true, ValueMax: 100, ValueLabel: "% of all staff",
		Categories: []string{"Christian", "Sikh"},
		Series:     []chart.Series{{Name: "% of all staff", Values: []float64{28.03, 0}, Suppressed: []bool{false, true}, Colour: "#0072B2"}},
		Targets:    []chart.Target{{Value: 30, Label: "Target 30%"}},
	}
	o := decode(t, c)
	checks := []struct {
		path []any
		want any
	}{
		{[]any{"yAxis", 0, "type"}, "category"},
		{[]any{"yAxis", 0, "inverse"}, true},
		{[]any{"yAxis", 0, "data"}, []any{"Christian", "Sikh"}},
		{[]any{"xAxis", 0, "type"}, "value"},
		{[]any{"xAxis", 0, "max"}, 100.0},
		{[]any{"xAxis", 0, "min"}, 0.0},
		{[]any{"xAxis", 0, "name"}, "% of all staff"},
		{[]any{"xAxis", 0, "axisLabel", "formatter"}, "{value}%"},
		{[]any{"series", 0, "type"}, "bar"},
		{[]any{"series", 0, "data"}, []any{28.03, nil}}, // withheld: null, not 0
		{[]any{"series", 0, "itemStyle", "color"}, "#0072B2"},
		{[]any{"series", 0, "markPoint", "data", 0, "coord"}, []any{0.0, 1.0}}, // at the axis, on Sikh's row
		{[]any{"series", 0, "markPoint", "data", 0, "label", "formatter"}, "[c]"},
		{[]any{"series", 0, "markLine", "data", 0, "xAxis"}, 30.0}, // a vertical line on a horizontal chart
		{[]any{"series", 0, "markLine", "data", 0, "name"}, "Target 30%"},
		{[]any{"legend", "show"}, false},
	}
	for _, ck := range checks {
		if got := at(t, o, ck.path...); !reflect.DeepEqual(got, ck.want) {
			t.Errorf("%v = %#v, want %#v", ck.path, got, ck.want)
		}
	}
}

func TestOptionStackedBarMarksWithheldAtTopOfStack(t *testing.T) {
	c := chart.Chart{
		ID: "grade-sex", Kind: chart.StackedBar, ValueMax: 100, ValueLabel: "% of grade",
		Categories: []string{"Grade 1", "Grade 18"},
		Series: []chart.Series{
			{Name: "Female", Values: []float64{76.92, 0}, Suppressed: []bool{false, true}, Colour: "#0072B2"},
			{Name: "Male", Values: []float64{23.08, 60}, Colour: "#E69F00"},
		},
	}
	o := decode(t, c)
	checks := []struct {
		path []any
		want any
	}{
		{[]any{"xAxis", 0, "type"}, "category"},
		{[]any{"yAxis", 0, "max"}, 100.0},
		{[]any{"series", 0, "stack"}, "total"},
		{[]any{"series", 1, "stack"}, "total"},
		{[]any{"series", 0, "data"}, []any{76.92, nil}},
		{[]any{"series", 1, "data"}, []any{23.08, 60.0}},                        // Suppressed shorter than Values: the rest are shown
		{[]any{"series", 0, "markPoint", "data", 0, "coord"}, []any{1.0, 60.0}}, // Grade 18, on top of the 60 shown
		{[]any{"series", 1, "markPoint"}, nil},
		{[]any{"color"}, []any{"#0072B2", "#E69F00"}},
		{[]any{"legend", "show"}, true},
	}
	for _, ck := range checks {
		if got := at(t, o, ck.path...); !reflect.DeepEqual(got, ck.want) {
			t.Errorf("%v = %#v, want %#v", ck.path, got, ck.want)
		}
	}
}

func TestOptionLineWithTarget(t *testing.T) {
	c := chart.Chart{
		ID: "trend-ethnic_minority", Kind: chart.Line, ValueLabel: "%",
		Categories: []string{"2023-03-31", "2024-03-31"},
		Series:     []chart.Series{{Name: "All staff", Values: []float64{7.9, 8.2}}},
		Targets:    []chart.Target{{Value: 10, Label: "Target 10%"}},
	}
	o := decode(t, c)
	checks := []struct {
		path []any
		want any
	}{
		{[]any{"series", 0, "type"}, "line"},
		{[]any{"series", 0, "data"}, []any{7.9, 8.2}},
		{[]any{"series", 0, "markLine", "data", 0, "yAxis"}, 10.0},
		{[]any{"series", 0, "markLine", "label", "formatter"}, "{b}"},
		{[]any{"series", 0, "lineStyle", "color"}, "#0072B2"}, // no colour in the model: the palette's first
		{[]any{"yAxis", 0, "max"}, nil},                       // ValueMax 0: automatic
		{[]any{"xAxis", 0, "data"}, []any{"2023-03-31", "2024-03-31"}},
	}
	for _, ck := range checks {
		if got := at(t, o, ck.path...); !reflect.DeepEqual(got, ck.want) {
			t.Errorf("%v = %#v, want %#v", ck.path, got, ck.want)
		}
	}
}

func TestOptionEscapesMarkup(t *testing.T) {
	c := chart.Chart{ID: "x", Kind: chart.Bar, Categories: []string{"</script>"},
		Series: []chart.Series{{Name: "<b>", Values: []float64{1}}}}
	raw, err := option(c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(raw), "<>") {
		t.Errorf("option %s holds raw markup characters", raw)
	}
}

func TestOptionNegativeValues(t *testing.T) {
	bar := chart.Chart{
		ID: "pay-gap-ethnic_minority", Kind: chart.Bar, Horizontal: true, ValueLabel: "Pay gap %",
		Categories: []string{"Ethnic minority", "Not known"},
		Series:     []chart.Series{{Name: "Mean", Values: []float64{1.8, -0.5}}},
	}
	line := chart.Chart{
		ID: "pay-gap-trend", Kind: chart.Line, ValueLabel: "Pay gap %",
		Categories: []string{"2024-03-31", "2025-03-31"},
		Series:     []chart.Series{{Name: "Median", Values: []float64{2.0, -1.3}}},
	}
	// A withheld value is drawn as a gap whatever it holds, so it does not
	// count as negative.
	withheld := bar
	withheld.Series = []chart.Series{{Name: "Mean", Values: []float64{1.8, -0.5}, Suppressed: []bool{false, true}}}
	for _, tc := range []struct {
		name string
		c    chart.Chart
		path []any
		want any
	}{
		{"bar: value axis not fixed at zero", bar, []any{"xAxis", 0, "min"}, nil},
		{"bar: category labels at the edge", bar, []any{"yAxis", 0, "axisLine", "onZero"}, false},
		{"bar: labels beyond the bar's end", bar, []any{"series", 0, "label", "position"}, "outside"},
		{"bar: room for labels at both ends", bar, []any{"xAxis", 0, "boundaryGap"}, []any{"15%", "15%"}},
		{"bar: wrapped category labels spaced", bar, []any{"yAxis", 0, "axisLabel", "lineHeight"}, 16.0},
		{"bar: value axis name below the axis as set", bar, []any{"xAxis", 0, "nameTextStyle"}, nil},
		{"line: value axis name runs right from the axis", line, []any{"yAxis", 0, "nameTextStyle", "align"}, "left"},
		{"line: room at both ends", line, []any{"yAxis", 0, "boundaryGap"}, []any{"15%", "15%"}},
		{"line: value axis not fixed at zero", line, []any{"yAxis", 0, "min"}, nil},
		{"line: category labels at the edge", line, []any{"xAxis", 0, "axisLine", "onZero"}, false},
		{"withheld negative: axis from zero", withheld, []any{"xAxis", 0, "min"}, 0.0},
		{"withheld negative: labels to the right", withheld, []any{"series", 0, "label", "position"}, "right"},
		{"withheld negative: axis line as usual", withheld, []any{"yAxis", 0, "axisLine"}, nil},
		{"withheld negative: no padding", withheld, []any{"xAxis", 0, "boundaryGap"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := at(t, decode(t, tc.c), tc.path...); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%v = %#v, want %#v", tc.path, got, tc.want)
			}
		})
	}
}

func TestDecimalsAndWholeNumberAxis(t *testing.T) {
	counts := chart.Chart{ID: "action-plan", Kind: chart.Bar, ValueLabel: "Actions", Categories: []string{"In progress", "Complete"},
		Series: []chart.Series{{Name: "Actions", Values: []float64{2, 1}}, {Name: "Overdue", Values: []float64{1, 0.5}, Suppressed: []bool{false, true}}}}
	rates := counts
	rates.Series = []chart.Series{{Name: "Cases per 100 staff", Values: []float64{2, 1.25}}}
	shares := counts
	shares.ValueLabel, shares.ValueMax = "% of staff", 100
	tests := []struct {
		name string
		c    chart.Chart
		want int
	}{
		{"counts (the withheld value is not looked at)", counts, 0},
		{"rates", rates, 1},
		{"percentages, even when whole", shares, 1},
		{"no values", chart.Chart{ID: "empty", Kind: chart.Bar}, 1},
	}
	for _, tc := range tests {
		if got := decimals(tc.c); got != tc.want {
			t.Errorf("%s: decimals = %d, want %d", tc.name, got, tc.want)
		}
	}
	if got := at(t, decode(t, counts), "yAxis", 0, "minInterval"); got != 1.0 {
		t.Errorf("counts' value axis minInterval = %v, want 1", got)
	}
	if got := at(t, decode(t, rates), "yAxis", 0, "minInterval"); got != nil {
		t.Errorf("rates' value axis minInterval = %v, want none", got)
	}
	for _, tc := range []struct {
		v      float64
		places int
		want   string
	}{{6430, 0, "6,430"}, {6430, 1, "6430.0"}, {3.03, 1, "3.0"}} {
		if got := formatValue(tc.v, tc.places); got != tc.want {
			t.Errorf("formatValue(%v, %d) = %q, want %q", tc.v, tc.places, got, tc.want)
		}
	}
}
