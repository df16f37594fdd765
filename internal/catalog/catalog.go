// Package catalog is the register of published tables: for each, its name,
// title, description and columns as CONTRACT.md fixes them. The metrics
// package fills them from the SQL of the same name in queries/, disclosure
// control protects them, and every report lays them out in this order.
package catalog

import (
	"github.com/equip-project/equip/internal/disclose"
	"github.com/equip-project/equip/internal/table"
)

func text(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Text, Label: label}
}
func date(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Date, Label: label}
}
func count(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Count, Label: label}
}
func pct(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Percent, Label: label}
}
func ratio(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Ratio, Label: label}
}
func num(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Number, Label: label}
}
func flag(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Flag, Label: label}
}

// Entry describes one published table.
type Entry struct {
	Name        string
	Title       string
	Description string
	Columns     []table.Column
	// Threshold names the suppression threshold that applies.
	Threshold Threshold
	// Disclosure says which cells are counts, which add up to published
	// totals and which are computed from them (METRICS.md "Disclosure control").
	Disclosure disclose.Spec
}

// New returns an empty table with the entry's name, title and columns.
func (e Entry) New() *table.Table {
	cols := make([]table.Column, len(e.Columns))
	copy(cols, e.Columns)
	return &table.Table{Name: e.Name, Title: e.Title, Description: e.Description, Columns: cols}
}

var (
	snapshot       = date("snapshot_date", "Snapshot date")
	characteristic = text("characteristic", "Characteristic")
	category       = text("category", "Category")
)

// Profile and the tables after it are the annual profile's tables.
var (
	Profile = Entry{
		Name:        "profile",
		Title:       "Workforce profile by characteristic",
		Description: "Headcount and share of all staff and of staff who declared, for each category of each characteristic, with a 95% Wilson interval for the share of all staff.",
		Columns: []table.Column{snapshot, characteristic, category,
			count("headcount", "Headcount"), pct("percent", "% of all staff"), pct("percent_of_declared", "% of staff who declared"),
			pct("ci_low", "95% interval, lower"), pct("ci_high", "95% interval, upper")},
		Disclosure: disclose.Spec{
			Counts:  []string{"headcount"},
			Groups:  []disclose.Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic"}}},
			Derived: map[string][]string{"percent": {"headcount"}, "percent_of_declared": {"headcount"}, "ci_low": {"headcount"}, "ci_high": {"headcount"}},
		},
	}
	Declaration = Entry{
		Name:        "declaration",
		Title:       "Declaration rates",
		Description: "How many staff declared each characteristic, how many preferred not to say and how many are not known.",
		Columns: []table.Column{snapshot, characteristic,
			count("total", "All staff"), count("declared", "Declared"), count("prefer_not_to_say", "Prefer not to say"),
			count("not_known", "Not known"), pct("declaration_rate", "Declaration rate %")},
		Disclosure: disclose.Spec{
			Counts:  []string{"declared", "prefer_not_to_say", "not_known"},
			Groups:  []disclose.Group{{Columns: []string{"declared", "prefer_not_to_say", "not_known"}, By: []string{"snapshot_date", "characteristic"}}},
			Derived: map[string][]string{"declaration_rate": {"declared"}},
		},
	}
	RepresentationByGrade = Entry{
		Name:        "representation_by_grade",
		Title:       "Representation by grade",
		Description: "For each grade, each category's headcount and its share of the grade's headcount.",
		Columns: []table.Column{snapshot, characteristic, category, text("grade", "Grade"),
			count("headcount", "Headcount"), count("grade_headcount", "Grade headcount"), pct("percent_of_grade", "% of grade")},
		Disclosure: disclose.Spec{
			Counts: []string{"headcount", "grade_headcount"},
			Groups: []disclose.Group{
				{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "grade"}},
				{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "category"}},
			},
			Derived: map[string][]string{"percent_of_grade": {"headcount", "grade_headcount"}},
		},
	}
	SeniorRepresentation = Entry{
		Name:        "senior_representation",
		Title:       "Representation in senior grades",
		Description: "Each group's share of senior posts (percent_of_senior) and the share of the group that holds a senior post (percent_of_group_in_senior) — two different measures — with a 95% Wilson interval for the share of senior posts, compared with the group's share of all staff.",
		Columns: []table.Column{snapshot, characteristic, category,
			count("senior_headcount", "Senior headcount"), count("senior_total", "All senior staff"),
			pct("percent_of_senior", "% of senior staff"), count("group_total", "Group headcount"),
			pct("percent_of_group_in_senior", "% of group in senior grades"),
			pct("percent_of_all_staff", "% of all staff"), pct("ci_low", "95% interval, lower"), pct("ci_high", "95% interval, upper"),
			flag("significant", "Clear difference from share of all staff")},
		Disclosure: disclose.Spec{
			Counts: []string{"senior_headcount", "senior_total", "group_total"},
			Groups: []disclose.Group{
				{Columns: []string{"senior_headcount"}, By: []string{"snapshot_date", "characteristic"}},
				{Columns: []string{"group_total"}, By: []string{"snapshot_date", "characteristic"}},
			},
			Derived: map[string][]string{
				"percent_of_senior": {"senior_headcount", "senior_total"}, "ci_low": {"senior_headcount", "senior_total"},
				"ci_high": {"senior_headcount", "senior_total"}, "significant": {"senior_headcount", "senior_total"},
				"percent_of_group_in_senior": {"senior_headcount", "group_total"}, "percent_of_all_staff": {"group_total"},
			},
		},
	}
	Benchmark = Entry{
		Name:        "benchmark",
		Title:       "Workforce compared with the local population",
		Description: "Each category's share of staff who declared against its share of the population (leaving out the census's own missing categories); a representation ratio of 1.00 is parity.",
		Columns: []table.Column{snapshot, characteristic, category,
			pct("workforce_percent", "% of staff who declared"), pct("population_percent", "% of population"),
			ratio("representation_ratio", "Representation ratio"), text("population_base", "Population base"),
			count("headcount", "Declared staff in category")},
		Disclosure: disclose.Spec{
			Counts:  []string{"headcount"},
			Groups:  []disclose.Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic"}}},
			Derived: map[string][]string{"workforce_percent": {"headcount"}, "representation_ratio": {"headcount"}},
		},
	}
	Targets = Entry{
		Name:        "targets",
		Title:       "Equality targets",
		Description: "Each target with the latest figure, the gap in percentage points and its status (Met, Improving, Not met, No data).",
		Columns: []table.Column{text("target_id", "Target"), characteristic, category, text("scope", "Scope"),
			text("measure", "Measure"), pct("target_percent", "Target %"), pct("actual_percent", "Actual %"),
			num("gap_pp", "Gap (percentage points)"), date("due_date", "Due"), text("status", "Status"),
			text("direction", "Direction"), pct("previous_percent", "Previous %"), date("previous_date", "Previous snapshot")},
	}
	Trend = Entry{
		Name:        "trend",
		Title:       "Trend over snapshots",
		Description: "Each category's share of all staff (scope all) and of senior staff (scope senior) at every snapshot.",
		Columns: []table.Column{snapshot, characteristic, category, text("scope", "Scope"),
			pct("percent", "%"), count("headcount", "Headcount")},
		Disclosure: disclose.Spec{
			Counts:  []string{"headcount"},
			Groups:  []disclose.Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "scope"}}},
			Derived: map[string][]string{"percent": {"headcount"}},
		},
	}
)

// Threshold says which suppression threshold protects a table.
type Threshold int

const (
	CountThreshold  Threshold = iota // suppression.min_count
	PayThreshold                     // suppression.pay_min_count
	SurveyThreshold                  // suppression.survey_min_count
)

func gpg(name string) table.Column {
	return table.Column{Name: name, Kind: table.Percent, Decimals: 1, Label: name}
}

// The pay tables (METRICS.md "Gender pay gap (statutory)" and "Other pay gaps").
var (
	GenderPayGap = Entry{
		Name:        "gender_pay_gap",
		Title:       "Gender pay gap (statutory figures)",
		Description: "The six gender pay gap figures with the government's column names: a positive gap means men are paid more; quartile columns are the percentage of men and of women in each quarter of full-pay relevant employees ranked by hourly pay.",
		Threshold:   PayThreshold,
		Columns: []table.Column{snapshot,
			gpg("DiffMeanHourlyPercent"), gpg("DiffMedianHourlyPercent"), gpg("DiffMeanBonusPercent"), gpg("DiffMedianBonusPercent"),
			gpg("MaleBonusPercent"), gpg("FemaleBonusPercent"),
			gpg("MaleLowerQuartile"), gpg("FemaleLowerQuartile"), gpg("MaleLowerMiddleQuartile"), gpg("FemaleLowerMiddleQuartile"),
			gpg("MaleUpperMiddleQuartile"), gpg("FemaleUpperMiddleQuartile"), gpg("MaleTopQuartile"), gpg("FemaleTopQuartile"),
			count("male_full_pay_relevant", "Men (full-pay relevant)"), count("female_full_pay_relevant", "Women (full-pay relevant)"),
			count("male_bonus_paid", "Men paid a bonus"), count("female_bonus_paid", "Women paid a bonus")},
		Disclosure: disclose.Spec{
			Counts: []string{"male_full_pay_relevant", "female_full_pay_relevant", "male_bonus_paid", "female_bonus_paid"},
			Derived: map[string][]string{
				"DiffMeanHourlyPercent":   {"male_full_pay_relevant", "female_full_pay_relevant"},
				"DiffMedianHourlyPercent": {"male_full_pay_relevant", "female_full_pay_relevant"},
				"DiffMeanBonusPercent":    {"male_bonus_paid", "female_bonus_paid"},
				"DiffMedianBonusPercent":  {"male_bonus_paid", "female_bonus_paid"},
			},
		},
	}
	PayGap = Entry{
		Name:        "pay_gap",
		Title:       "Ethnicity and disability pay gaps",
		Description: "Mean and median hourly pay gaps of each category against the reference category, over full-pay relevant employees, with the declaration rate: a positive gap means the reference category is paid more.",
		Threshold:   PayThreshold,
		Columns: []table.Column{snapshot, characteristic, category, text("reference_category", "Reference category"),
			count("headcount", "Full-pay relevant employees"), gpg("mean_hourly_gap_percent"), gpg("median_hourly_gap_percent"),
			pct("declaration_rate", "Declaration rate %")},
		Disclosure: disclose.Spec{
			Counts:  []string{"headcount"},
			Groups:  []disclose.Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic"}}},
			Derived: map[string][]string{"mean_hourly_gap_percent": {"headcount"}, "median_hourly_gap_percent": {"headcount"}},
			Linked: []disclose.Link{
				{Column: "mean_hourly_gap_percent", By: []string{"snapshot_date", "characteristic"}, KeyColumn: "category", Key: referenceOf, Counts: []string{"headcount"}},
				{Column: "median_hourly_gap_percent", By: []string{"snapshot_date", "characteristic"}, KeyColumn: "category", Key: referenceOf, Counts: []string{"headcount"}},
			},
		},
	}
	PayQuartiles = Entry{
		Name:        "pay_quartiles",
		Title:       "Pay quartiles by characteristic",
		Description: "The make-up of each quarter of full-pay relevant employees ranked by hourly pay (lower to top), by category; people on a rate that straddles a boundary are spread over the quarters it spans.",
		Threshold:   PayThreshold,
		Columns: []table.Column{snapshot, characteristic, category, text("quartile", "Quartile"),
			count("headcount", "Headcount"), pct("percent", "% of quartile")},
		Disclosure: disclose.Spec{
			Counts:  []string{"headcount"},
			Groups:  []disclose.Group{{Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "quartile"}}, {Columns: []string{"headcount"}, By: []string{"snapshot_date", "characteristic", "category"}}},
			Derived: map[string][]string{"percent": {"headcount"}},
		},
	}
)

// referenceOf names a pay-gap row's reference category (its linked row).
func referenceOf(row table.Row, t *table.Table) string {
	return row[t.MustIndex("reference_category")].Text
}

// All lists every table in the order reports present them.
var All = []Entry{Profile, Declaration, RepresentationByGrade, SeniorRepresentation, Benchmark, Targets, Trend,
	GenderPayGap, PayGap, PayQuartiles, PayGapPeers,
	Recruitment, Turnover, Casework, Training, StaffSurvey, ActionPlanSummary, ActionPlan}

// Lookup returns the entry of the named table.
func Lookup(name string) (Entry, bool) {
	for _, e := range All {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}
