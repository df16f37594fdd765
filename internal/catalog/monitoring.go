package catalog

import (
	"github.com/equip-project/equip/internal/disclose"
	"github.com/equip-project/equip/internal/table"
)

var period = text("period", "Period")

// likelihoodLink suppresses a relative likelihood whose reference row's
// counts are suppressed.
func likelihoodLink(by []string, counts ...string) disclose.Link {
	return disclose.Link{Column: "relative_likelihood", By: by, KeyColumn: "category", Key: referenceOf, Counts: counts}
}

// The employment monitoring tables (METRICS.md "Employment monitoring").
var (
	Recruitment = Entry{
		Name:        "recruitment",
		Title:       "Recruitment",
		Description: "Applications in the period by the furthest stage reached, with the shortlisting and appointment rates, the relative likelihood of appointment from shortlisting against the reference category (above 1: less likely) and the four-fifths adverse-impact flag.",
		Columns: []table.Column{period, characteristic, category,
			count("applied", "Applied"), count("shortlisted", "Shortlisted"), count("appointed", "Appointed"),
			pct("shortlist_rate", "Shortlisted %"), pct("appointment_rate", "Appointed from shortlisting %"),
			ratio("relative_likelihood", "Relative likelihood"), flag("adverse_impact", "Adverse impact (four-fifths rule)"),
			text("reference_category", "Reference category")},
		Disclosure: disclose.Spec{
			Counts: []string{"applied", "shortlisted", "appointed"},
			Groups: []disclose.Group{
				{Columns: []string{"applied"}, By: []string{"period", "characteristic"}},
				{Columns: []string{"shortlisted"}, By: []string{"period", "characteristic"}},
				{Columns: []string{"appointed"}, By: []string{"period", "characteristic"}},
			},
			Derived: map[string][]string{
				"shortlist_rate": {"applied", "shortlisted"}, "appointment_rate": {"shortlisted", "appointed"},
				"relative_likelihood": {"shortlisted", "appointed"}, "adverse_impact": {"shortlisted", "appointed"},
			},
			Linked: []disclose.Link{likelihoodLink([]string{"period", "characteristic"}, "shortlisted", "appointed")},
		},
	}
	Turnover = Entry{
		Name:        "turnover",
		Title:       "Starters, leavers and turnover",
		Description: "Starters and leavers in the period by category, with turnover: leavers ÷ the category's average headcount (mean of the opening and closing snapshots) × 100.",
		Columns: []table.Column{period, characteristic, category,
			count("starters", "Starters"), count("leavers", "Leavers"),
			{Name: "average_headcount", Kind: table.Number, Decimals: 1, Label: "Average headcount"},
			pct("turnover_rate", "Turnover %")},
		Disclosure: disclose.Spec{
			Counts: []string{"starters", "leavers"},
			Groups: []disclose.Group{
				{Columns: []string{"starters"}, By: []string{"period", "characteristic"}},
				{Columns: []string{"leavers"}, By: []string{"period", "characteristic"}},
			},
			Derived: map[string][]string{"turnover_rate": {"leavers"}},
		},
	}
	Casework = Entry{
		Name:        "casework",
		Title:       "Casework",
		Description: "Cases opened in the period per 100 staff of each category, by case type, with the relative likelihood of entering the process against the reference category (above 1: more likely).",
		Columns: []table.Column{period, text("case_type", "Case type"), characteristic, category,
			count("cases", "Cases"), {Name: "headcount", Kind: table.Number, Decimals: 1, Label: "Average headcount"},
			ratio("rate_per_100", "Cases per 100 staff"), ratio("relative_likelihood", "Relative likelihood"),
			text("reference_category", "Reference category")},
		Disclosure: disclose.Spec{
			Counts:  []string{"cases"},
			Groups:  []disclose.Group{{Columns: []string{"cases"}, By: []string{"period", "case_type", "characteristic"}}},
			Derived: map[string][]string{"rate_per_100": {"cases"}, "relative_likelihood": {"cases"}},
			Linked:  []disclose.Link{likelihoodLink([]string{"period", "case_type", "characteristic"}, "cases")},
		},
	}
	Training = Entry{
		Name:        "training",
		Title:       "Non-mandatory training",
		Description: "Applications for and courses received of non-mandatory training in the period, the rate received per 100 staff of each category, and the relative likelihood against the reference category (above 1: less likely to receive training).",
		Columns: []table.Column{period, characteristic, category,
			count("applied", "Applied for"), count("received", "Received"), {Name: "headcount", Kind: table.Number, Decimals: 1, Label: "Average headcount"},
			pct("received_rate", "Received per 100 staff"), ratio("relative_likelihood", "Relative likelihood"),
			text("reference_category", "Reference category")},
		Disclosure: disclose.Spec{
			Counts: []string{"applied", "received"},
			Groups: []disclose.Group{
				{Columns: []string{"applied"}, By: []string{"period", "characteristic"}},
				{Columns: []string{"received"}, By: []string{"period", "characteristic"}},
			},
			Derived: map[string][]string{"received_rate": {"received"}, "relative_likelihood": {"received"}},
			Linked:  []disclose.Link{likelihoodLink([]string{"period", "characteristic"}, "received")},
		},
	}
	StaffSurvey = Entry{
		Name:        "staff_survey",
		Title:       "Staff survey",
		Description: "For each item, the percentage of respondents in each category who agree or strongly agree, and the category's response rate against the workforce.",
		Threshold:   SurveyThreshold,
		Columns: []table.Column{period, text("item", "Item"), characteristic, category,
			count("responses", "Responses"), count("respondents", "Answered the item"), count("positive", "Agree or strongly agree"),
			pct("positive_percent", "% positive"), count("workforce_headcount", "Staff in category"), pct("response_rate", "Response rate %"),
			flag("agree_is_favourable", "Agreeing is favourable")},
		Disclosure: disclose.Spec{
			Counts: []string{"responses", "respondents", "positive"},
			Groups: []disclose.Group{
				{Columns: []string{"respondents"}, By: []string{"period", "item", "characteristic"}},
				{Columns: []string{"responses"}, By: []string{"period", "item", "characteristic"}},
			},
			Derived: map[string][]string{"positive_percent": {"respondents", "positive"}, "response_rate": {"responses"}, "positive": {"respondents"}},
		},
	}
	ActionPlan = Entry{
		Name:        "action_plan",
		Title:       "Equality action plan",
		Description: "Each action of the equality action plan with its lead, due date and status, and whether it is overdue (due before the report date and not complete).",
		Columns: []table.Column{text("priority", "Priority"), text("outcome", "Outcome sought"), text("action", "Action"),
			text("lead", "Lead service area"), date("due_date", "Due"), text("status", "Status"), text("measure", "Measure of success"),
			flag("overdue", "Overdue")},
	}
	ActionPlanSummary = Entry{
		Name:        "action_plan_summary",
		Title:       "Equality action plan progress",
		Description: "The action plan's actions counted by status, with how many are overdue.",
		Columns:     []table.Column{text("status", "Status"), count("actions", "Actions"), count("overdue", "Overdue")},
	}
)
