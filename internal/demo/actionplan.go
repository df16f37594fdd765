package demo

import "time"

var actionPlanHeader = []string{"Priority", "Outcome sought", "Action", "Lead service area", "Due date", "Status", "Measure of success"}

// actionPlanBook is the equality team's own workbook, with the plan's title
// above the table as published.
var actionPlanBook = workbook{
	sheet: "Action plan", creator: "Shire County Council Equality and Diversity Team",
	title: "Equality, diversity and inclusion action plan 2024 to 2028", created: time.Date(2025, time.September, 15, 9, 0, 0, 0, time.UTC),
	titleRows: []string{"Shire County Council – Equality, Diversity and Inclusion Action Plan 2024–2028", "Progress update: September 2025"},
	widths:    []float64{26, 36, 70, 28, 12, 12, 50},
}

// action is one row of the plan.
type action struct {
	priority, outcome, action, lead string
	due                             time.Time
	status, measure                 string
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// actions are the plan. Five were due by 31 March 2025 and are not
// complete: three marked Overdue, one At risk and one still On track (a
// status nobody updated), so a report checking due dates finds five.
var actions = []action{
	{"A representative workforce", "Senior leadership reflects the communities we serve",
		"Run a positive action leadership programme for ethnic minority staff in Grades 9 to 12",
		"Organisational Development", day(2026, time.March, 31), "On track",
		"10% of Grade 13 and above posts held by ethnic minority staff by March 2026"},
	{"A representative workforce", "Fair recruitment for every applicant",
		"Introduce anonymised shortlisting and diverse interview panels for all posts at Grade 9 and above",
		"HR Recruitment", day(2024, time.September, 30), "Complete",
		"Relative likelihood of White applicants being appointed from shortlisting compared with ethnic minority applicants below 1.25"},
	{"A representative workforce", "Disabled applicants reach interview",
		"Renew Disability Confident Leader status and guarantee an interview to disabled applicants who meet the essential criteria",
		"HR Recruitment", day(2024, time.December, 31), "Overdue",
		"Disabled applicants shortlisted at the same rate as non-disabled applicants"},
	{"A representative workforce", "Complete equality data",
		"Run a \"Count me in\" campaign asking every member of staff to update their equality data in self-service",
		"HR Systems", day(2025, time.March, 31), "Complete",
		"Ethnicity declared by 90% of staff and sexual orientation by 50%"},
	{"A representative workforce", "Staff stay and progress",
		"Offer every leaver an exit interview and report leaving reasons by protected characteristic each quarter",
		"HR Business Partners", day(2025, time.January, 31), "Overdue",
		"Quarterly leavers report to the Equality Board; turnover of ethnic minority and disabled staff no higher than others'"},
	{"Fair pay", "Close the gender pay gap",
		"Review market supplements, honoraria and bonus payments for equal pay risk",
		"Reward and Pay", day(2025, time.July, 31), "Complete",
		"Median gender pay gap below 5%"},
	{"Fair pay", "Open reporting on pay",
		"Publish ethnicity and disability pay gaps alongside the gender pay gap",
		"Reward and Pay", day(2025, time.March, 31), "Complete",
		"Ethnicity and disability pay gaps published by 31 March each year"},
	{"Fair pay", "Flexible work at every grade",
		"Advertise every post as open to flexible working unless there is a business reason it cannot be",
		"HR Recruitment", day(2025, time.November, 30), "At risk",
		"80% of adverts offer flexible working, including at Grade 13 and above"},
	{"Inclusive culture", "Staff feel safe to speak up",
		"Recruit and train 20 dignity at work advisers across all directorates",
		"Organisational Development", day(2025, time.February, 28), "At risk",
		"Advisers in every directorate; staff survey: 85% know how to report bullying, harassment or discrimination"},
	{"Inclusive culture", "Fair treatment in formal processes",
		"Review every proposed disciplinary case by ethnicity before a formal hearing and train investigating officers in cultural awareness",
		"HR Business Partners", day(2025, time.June, 30), "Not started",
		"Relative likelihood of ethnic minority staff entering the disciplinary process below 1.25"},
	{"Inclusive culture", "Bullying and harassment tackled",
		"Relaunch the dignity at work policy with a confidential reporting route, co-designed with the LGBT+ staff network",
		"Organisational Development", day(2025, time.October, 31), "On track",
		"Staff survey: fewer than 10% report bullying or harassment from colleagues, for every group"},
	{"Inclusive culture", "Staff networks are heard",
		"Give each staff network (Disability, Race Equality, LGBT+, Carers) an executive sponsor and protected time for its chair",
		"Chief Executive's", day(2024, time.December, 31), "Complete",
		"Each network meets its sponsor quarterly"},
	{"Inclusive culture", "Reasonable adjustments without delay",
		"Introduce a reasonable adjustments passport and a central budget for adjustments",
		"Occupational Health", day(2024, time.November, 30), "On track",
		"Adjustments in place within six weeks for 90% of requests"},
	{"Accessible services", "Services everyone can use",
		"Audit the council website against WCAG 2.2 AA and fix the failing pages",
		"Digital Services", day(2026, time.March, 31), "On track",
		"95% of pages pass WCAG 2.2 AA"},
	{"Accessible services", "Decisions consider their equality impact",
		"Complete and publish an equality impact assessment for every budget proposal",
		"Policy and Performance", day(2025, time.February, 28), "Complete",
		"Equality impact assessments published with all budget proposals"},
	{"Accessible services", "Information in accessible formats",
		"Provide key public documents in Easy Read and in the five most spoken community languages",
		"Communications", day(2024, time.October, 31), "Overdue",
		"Easy Read and translated versions of the ten most requested documents"},
}

func actionPlanRows() [][]cell {
	rows := make([][]cell, len(actions))
	for i, a := range actions {
		rows[i] = []cell{text(a.priority), text(a.outcome), text(a.action), text(a.lead), date(a.due), text(a.status), text(a.measure)}
	}
	return rows
}
