package catalog

// StatutoryFigure is one of the six gender pay gap figures, by its column
// of the gender_pay_gap table, in the government service's words and order.
type StatutoryFigure struct{ Column, Label string }

// StatutoryFigures lists the six figures.
var StatutoryFigures = []StatutoryFigure{
	{"DiffMeanHourlyPercent", "Mean gender pay gap in hourly pay"},
	{"DiffMedianHourlyPercent", "Median gender pay gap in hourly pay"},
	{"DiffMeanBonusPercent", "Mean gender pay gap in bonus pay"},
	{"DiffMedianBonusPercent", "Median gender pay gap in bonus pay"},
	{"MaleBonusPercent", "Percentage of men receiving bonus pay"},
	{"FemaleBonusPercent", "Percentage of women receiving bonus pay"},
}

// PayQuarter is one quarter of full-pay relevant employees ranked by
// hourly pay, with the gender_pay_gap columns of men's and women's shares.
type PayQuarter struct{ Label, Men, Women string }

// PayQuarters lists the quarters, lowest paid first.
var PayQuarters = []PayQuarter{
	{"Lower quartile", "MaleLowerQuartile", "FemaleLowerQuartile"},
	{"Lower middle quartile", "MaleLowerMiddleQuartile", "FemaleLowerMiddleQuartile"},
	{"Upper middle quartile", "MaleUpperMiddleQuartile", "FemaleUpperMiddleQuartile"},
	{"Top quartile", "MaleTopQuartile", "FemaleTopQuartile"},
}

// PayMeasureLabel names a gender_pay_gap column (a measure of the peer
// comparison) in words.
func PayMeasureLabel(column string) string {
	for _, f := range StatutoryFigures {
		if f.Column == column {
			return f.Label
		}
	}
	if column == "FemaleTopQuartile" {
		return "Women in the top pay quartile"
	}
	return column
}
