// Package chart is the one chart model every surface draws from: the HTML
// dashboard renders it with ECharts, the PDF draws it as vectors, the PNG
// files for slides and the workbook's native charts use the same data,
// colours and order.
package chart

// Kind is the form of a chart.
type Kind int

const (
	Bar        Kind = iota // one bar per category, one colour per series (grouped when several series)
	StackedBar             // each category's series stacked to 100%
	Line                   // one line per series across the categories (e.g. snapshot dates)
)

// Palette is the Okabe–Ito colour-blind-safe palette, in the order series take it.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// Colour returns the palette colour for the i-th series.
func Colour(i int) string { return Palette[i%len(Palette)] }

// Series is one named set of values, one per category of the chart.
type Series struct {
	Name       string
	Values     []float64
	Suppressed []bool // true where the published value is [c] (or otherwise withheld); Values is 0 there
	Colour     string // hex, from Palette
}

// Target is a horizontal (or, on horizontal bar charts, vertical) reference line.
type Target struct {
	Value float64
	Label string
}

// Chart is one chart: its categories along one axis, its series' values along the other.
type Chart struct {
	ID         string // file name stem for the PNG and the dashboard element id
	Title      string
	Subtitle   string // population, date, base
	AltText    string // a sentence saying what the chart shows, for screen readers and the workbook
	Kind       Kind
	Horizontal bool // bars run left to right (long category labels)
	Categories []string
	Series     []Series
	ValueLabel string  // axis title of the values, e.g. "% of staff"
	ValueMax   float64 // 0 means automatic; 100 for percentage shares
	Targets    []Target
	Source     string // the table the chart is drawn from
	// Characteristic is the characteristic a chart is about ("" for charts
	// across characteristics, such as declaration rates), so that reports can
	// place each chart in its characteristic's section.
	Characteristic string
}

// Chart IDs follow "<kind>-<characteristic>" with these kinds, so that every
// surface finds the same chart under the same name.
const (
	KindProfile     = "profile"     // Bar: % of all staff per category
	KindGrade       = "grade"       // StackedBar: % of each grade per category
	KindSenior      = "senior"      // Bar, two series: % of all staff and % of senior staff per category
	KindTrend       = "trend"       // Line: % of all staff (and of senior staff) per snapshot
	KindBenchmark   = "benchmark"   // Bar, two series: % of declared staff and % of population
	KindDeclaration = "declaration" // Bar: declaration rate per characteristic (ID "declaration")
	KindTargets     = "targets"     // Bar: actual against target per target (ID "targets")
)
