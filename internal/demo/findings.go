package demo

import (
	"fmt"
	"strings"
	"time"
)

// findings are the planted disparities as the generator made them,
// counted from the records it wrote, for the README to state.
type findings struct {
	recruitment   [2]funnelCounts // 2024/25, then April to September 2025
	liveVacancies int
	casework      [2]caseCounts
	training      [2]trainingCounts
	survey        surveyCounts
}

// The two reporting periods the README gives figures for: the financial
// year, and the two quarters after it together.
var halves = [2]string{"2024/25", "April to September 2025"}

func halfOf(d time.Time) int {
	if d.After(snapshotDate(2025)) {
		return 1
	}
	return 0
}

// funnelCounts count applications by ethnicity class and by disability
// class, stages cumulative as METRICS.md counts them.
type funnelCounts struct {
	applied, shortlisted, appointed          [3]int // by ethnicity class
	disApplied, disShortlisted, disAppointed [3]int // by disability class
}

func summariseRecruitment(apps []*application) [2]funnelCounts {
	var out [2]funnelCounts
	for _, a := range apps {
		f := &out[halfOf(a.received)]
		e, d := ethnicOf(a.person), disabilityOf(a.person)
		f.applied[e]++
		f.disApplied[d]++
		switch a.stage {
		case stageShortlisted, stageInterviewed, stageOffered, stageAppointed:
			f.shortlisted[e]++
			f.disShortlisted[d]++
		}
		if a.stage == stageAppointed {
			f.appointed[e]++
			f.disAppointed[d]++
		}
	}
	return out
}

// caseCounts count cases by kind and by its class, with the headcount of
// each class (mean of the period's first and last snapshots).
type caseCounts struct {
	cases    map[string][3]int
	ethnic   [3]float64
	disabled [3]float64
}

func summariseCasework(steps []step, cases []*workCase) [2]caseCounts {
	var out [2]caseCounts
	for h := range out {
		out[h].cases = map[string][3]int{}
		out[h].ethnic, out[h].disabled = meanHeadcounts(steps, h)
	}
	for _, c := range cases {
		counts := &out[halfOf(c.opened)]
		n := counts.cases[c.kind]
		n[kindNamed(c.kind).class(c.person)]++
		counts.cases[c.kind] = n
	}
	return out
}

// meanHeadcounts are each class's mean headcount over a half's first and
// last snapshots.
func meanHeadcounts(steps []step, half int) (ethnic, disabled [3]float64) {
	first, last := steps[0].before, steps[0].after
	if half == 1 {
		first, last = steps[1].before, steps[len(steps)-1].after
	}
	for _, y := range []Year{first, last} {
		e := classCount(y.Staff, 3, ethnicOf)
		d := classCount(y.Staff, 3, disabilityOf)
		for c := range 3 {
			ethnic[c] += float64(e[c]) / 2
			disabled[c] += float64(d[c]) / 2
		}
	}
	return ethnic, disabled
}

type trainingCounts struct {
	applied, received       [3]int
	disApplied, disReceived [3]int
	ethnic, disabled        [3]float64
}

func summariseTraining(steps []step, records []*trainingRecord) [2]trainingCounts {
	var out [2]trainingCounts
	for h := range out {
		out[h].ethnic, out[h].disabled = meanHeadcounts(steps, h)
	}
	for _, t := range records {
		c := &out[halfOf(t.date)]
		e, d := ethnicOf(t.person), disabilityOf(t.person)
		c.applied[e]++
		c.disApplied[d]++
		if t.status == trainingReceived {
			c.received[e]++
			c.disReceived[d]++
		}
	}
	return out
}

// surveyCounts hold, for each item, respondents and those agreeing in the
// groups the disparities are between.
type surveyCounts struct {
	respondents int
	groups      []string
	members     map[string]int
	answered    map[string][]int // group -> per item
	agreed      map[string][]int
}

var surveyGroups = []string{"White", "Ethnic minority", "Not disabled", "Disabled", "Heterosexual or straight", "LGB+"}

func summariseSurvey(responses []respondent) surveyCounts {
	s := surveyCounts{respondents: len(responses), groups: surveyGroups, members: map[string]int{}, answered: map[string][]int{}, agreed: map[string][]int{}}
	for _, g := range surveyGroups {
		s.answered[g] = make([]int, len(surveyItems))
		s.agreed[g] = make([]int, len(surveyItems))
	}
	for _, resp := range responses {
		var in []string
		switch resp.ethnicGroup {
		case "White":
			in = append(in, "White")
		case "", "Prefer not to say":
		default:
			in = append(in, "Ethnic minority")
		}
		switch resp.disability {
		case "Yes":
			in = append(in, "Disabled")
		case "No":
			in = append(in, "Not disabled")
		}
		switch resp.orientation {
		case "Heterosexual or straight":
			in = append(in, "Heterosexual or straight")
		case "", "Prefer not to say":
		default:
			in = append(in, "LGB+")
		}
		for _, g := range in {
			s.members[g]++
		}
		for i, a := range resp.answers {
			if a == "" {
				continue
			}
			for _, g := range in {
				s.answered[g][i]++
				if a == agreeScale[0] || a == agreeScale[1] {
					s.agreed[g][i]++
				}
			}
		}
	}
	return s
}

func (s surveyCounts) percent(group string, item int) float64 {
	return pct(s.agreed[group][item], s.answered[group][item])
}

func pct(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// readme describes the monitoring files and what the reports should find
// in them, with the figures as generated.
func (m *monitoring) readme() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Demo monitoring inputs\n\n")
	w("Generated by `go run ./cmd/demogen` from the same population model and seed as the\n")
	w("workforce snapshots in `../workforce/`; do not edit by hand. Shire County Council is\n")
	w("fictional. The period covered is **1 April 2024 to 30 September 2025**: the financial\n")
	w("year 2024/25 and the first two quarters of 2025/26, so an annual report at 31 March 2025\n")
	w("and quarterly dashboards at 30 June and 30 September 2025 all have data. The quarterly\n")
	w("workforce snapshots are in `../workforce/quarterly/`.\n\n")
	w("Labels are spelled as the workforce files spell them (\"F\", \"White: English, Welsh,\n")
	w("Scottish, Northern Irish or British\", \"Y\", \"Heterosexual/Straight\", blanks for not\n")
	w("known, \"Prefer not to say\" for declined). Dates in the XLSX files are Excel dates; in the\n")
	w("CSV files they are DD/MM/YYYY. \"Ethnic minority\" below means every ethnic group but White\n")
	w("(White minorities count as White); rates are counted with the stages cumulative as\n")
	w("METRICS.md counts them, and per-staff rates use the mean of the headcounts at the\n")
	w("period's first and last snapshots.\n\n")

	w("## Files\n\n")
	w("| File | One row per | Rows | Period |\n|---|---|---|---|\n")
	rec := m.found.recruitment
	apps := sum(rec[0].applied[:]) + sum(rec[1].applied[:])
	starters := 0
	for _, s := range m.steps {
		starters += len(s.after.Joiners)
	}
	cases := 0
	for _, h := range m.found.casework {
		for _, n := range h.cases {
			cases += sum(n[:])
		}
	}
	trainingRows := sum(m.found.training[0].applied[:]) + sum(m.found.training[1].applied[:])
	w("| `recruitment.xlsx` (sheet Applications) | application | %d | received 1 April 2024 to 30 September 2025 |\n", apps)
	w("| `starters.csv` | starter | %d | started 1 April 2024 to 30 September 2025 |\n", starters)
	w("| `leavers.csv` | leaver | %d | left 1 April 2024 to 29 September 2025 |\n", len(m.leavers))
	w("| `casework.xlsx` (sheet Cases) | case | %d | opened 1 April 2024 to 30 September 2025 |\n", cases)
	w("| `training.xlsx` (sheet Training) | application for a non-mandatory course | %d | 1 April 2024 to 30 September 2025 |\n", trainingRows)
	w("| `staff-survey.csv` | response | %d | the survey of February–March 2025 |\n", m.found.survey.respondents)
	w("| `action-plan.xlsx` (sheet Action plan) | action | %d | progress at September 2025 |\n\n", len(actions))

	w("## recruitment.xlsx\n\n")
	w("Exported from the recruitment system: Application ID, Vacancy Ref, Post Grade,\n")
	w("Directorate, Date Received, Stage Reached (the furthest reached: Applied, Shortlisted,\n")
	w("Interviewed, Offered, Appointed, Withdrawn) and the applicant's Gender, Date of Birth,\n")
	w("Ethnic Origin, Disability, Religion or Belief and Sexual Orientation: every application\n")
	w("received in the period. Each vacancy was advertised for two to four weeks, closing three to\n")
	w("ten weeks before the post started, and filled by one of the model's joiners, its one\n")
	w("Appointed application, who is in `starters.csv` with the same grade, directorate and\n")
	w("characteristics. Starters before 10 June 2024 were recruited before the period, so they\n")
	w("are in `starters.csv` but not here; %d vacancies advertised in the last weeks of the\n", m.found.liveVacancies)
	w("period, for posts starting after it, are still in progress (no one appointed yet). A\n")
	w("vacancy's applications all fall in one reporting period (2024/25 or a quarter). About 3%%\n")
	w("of stages are written in a variant spelling: ")
	var variants []string
	for _, s := range []string{stageApplied, stageShortlisted, stageInterviewed, stageOffered, stageAppointed, stageWithdrawn} {
		for _, v := range stageVariants[s] {
			variants = append(variants, fmt.Sprintf("%q", v))
		}
	}
	w("%s. Three applicants typed \"BAME\" for their ethnicity, which maps to no category.\n\n", strings.Join(variants, ", "))
	w("Planted: ethnic minority applicants are shortlisted at much the same rate as White\n")
	w("applicants but appointed from shortlisting about %.2f times less often (WRES indicator 2\n", appointmentLikelihood)
	w("relative likelihood); disabled applicants are shortlisted %.0f%% as often as others and\n", 100*disabledShortlisting)
	w("appointed from shortlisting as often. Applicants are more diverse than the workforce.\n\n")
	w("| Period | Applications | Ethnic minority share of applicants | Shortlisting rate White / ethnic minority | Appointment rate from shortlisting White / ethnic minority | Relative likelihood | Shortlisting rate not disabled / disabled |\n")
	w("|---|---|---|---|---|---|---|\n")
	for h, f := range rec {
		sW, sM := pct(f.shortlisted[classWhite], f.applied[classWhite]), pct(f.shortlisted[classMinority], f.applied[classMinority])
		aW, aM := pct(f.appointed[classWhite], f.shortlisted[classWhite]), pct(f.appointed[classMinority], f.shortlisted[classMinority])
		w("| %s | %d | %.1f%% | %.1f%% / %.1f%% | %.1f%% / %.1f%% | %.2f | %.1f%% / %.1f%% |\n", halves[h], sum(f.applied[:]),
			pct(f.applied[classMinority], sum(f.applied[:])), sW, sM, aW, aM, ratio(aW, aM),
			pct(f.disShortlisted[classNotDisabled], f.disApplied[classNotDisabled]), pct(f.disShortlisted[classDisabled], f.disApplied[classDisabled]))
	}
	w("\n")

	w("## starters.csv and leavers.csv\n\n")
	w("From the HR system's starters and leavers reports (UTF-8, comma separated): Employee\n")
	w("Number, Start Date or Leaving Date (the last day of service) and Leaving Reason, Pay\n")
	w("Grade, Directorate, Gender, Date of Birth, Ethnic Origin, Disability. They are exactly\n")
	w("the people who join and leave between the workforce snapshots: a 2024/25 starter is in\n")
	w("the 31 March 2025 snapshot and not the 2024 one, a leaver the other way round, and so on\n")
	w("for the quarters. Leavers' grade and characteristics are as at the snapshot before they left.\n\n")
	w("Planted: in 2025/26 ethnic minority and disabled staff leave %.1f times as often as\n", leavingDisparityFactor)
	w("others of the same age and contract. The 2024/25 leavers are the model's, fixed by the\n")
	w("annual snapshots published before the monitoring files, and in them ethnic minority staff\n")
	w("happened to leave *less* often than White staff, so the disparity shows in the quarterly\n")
	w("dashboards, not in the 2024/25 report (disabled staff do leave a little more often in both).\n\n")
	w("| Period | Leavers | White | Ethnic minority | Not disabled | Disabled |\n|---|---|---|---|---|---|\n")
	for h := range halves {
		ethnic, disabled := meanHeadcounts(m.steps, h)
		var e, d [3]int
		total := 0
		for _, l := range m.leavers {
			if (l.step > 0) == (h == 1) {
				e[ethnicOf(l.person)]++
				d[disabilityOf(l.person)]++
				total++
			}
		}
		w("| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", halves[h], total,
			100*float64(e[classWhite])/ethnic[classWhite], 100*float64(e[classMinority])/ethnic[classMinority],
			100*float64(d[classNotDisabled])/disabled[classNotDisabled], 100*float64(d[classDisabled])/disabled[classDisabled])
	}
	reasons := map[string]int{}
	for _, l := range m.leavers {
		reasons[l.reason]++
	}
	w("\nLeaving reasons over the period: ")
	var parts []string
	for _, r := range []string{reasonResignation, reasonRetirement, reasonFixedTerm, reasonDismissal, reasonRedundancy, reasonIllHealth, reasonDeath} {
		parts = append(parts, fmt.Sprintf("%s %d", r, reasons[r]))
	}
	w("%s. Every dismissal has a disciplinary or capability case in `casework.xlsx` with the\n", strings.Join(parts, ", "))
	w("outcome Dismissal.\n\n")

	w("## casework.xlsx\n\n")
	w("Employee relations cases: Case Ref, Case Type (Grievance, Disciplinary, Capability,\n")
	w("Bullying and harassment), Date Opened, Outcome (No case to answer, Informal action, Written\n")
	w("warning, Final written warning, Dismissal, Upheld, Not upheld, Withdrawn, Ongoing), Employee\n")
	w("Number (the member of staff the case is about, or who raised a grievance or complaint) and\n")
	w("their characteristics. Cases opened in the last weeks before the export are mostly Ongoing.\n\n")
	w("Planted: ethnic minority staff are %.2f times as likely as White staff to enter the\n", kindNamed(caseDisciplinary).weights[classMinority])
	w("disciplinary process (WRES indicator 3); disabled staff %.1f times as likely as others to\n", kindNamed(caseCapability).weights[classDisabled])
	w("enter the capability process; ethnic minority staff raise grievances and bullying and\n")
	w("harassment complaints a little more often.\n\n")
	w("| Period | Cases | Disciplinary: White / ethnic minority per 100 staff | Relative likelihood | Capability: not disabled / disabled per 100 staff | Relative likelihood |\n|---|---|---|---|---|---|\n")
	for h, c := range m.found.casework {
		n := 0
		for _, k := range c.cases {
			n += sum(k[:])
		}
		dW := 100 * float64(c.cases[caseDisciplinary][classWhite]) / c.ethnic[classWhite]
		dM := 100 * float64(c.cases[caseDisciplinary][classMinority]) / c.ethnic[classMinority]
		cN := 100 * float64(c.cases[caseCapability][classNotDisabled]) / c.disabled[classNotDisabled]
		cD := 100 * float64(c.cases[caseCapability][classDisabled]) / c.disabled[classDisabled]
		w("| %s | %d | %.2f / %.2f | %.2f | %.2f / %.2f | %.2f |\n", halves[h], n, dW, dM, ratio(dM, dW), cN, cD, ratio(cD, cN))
	}
	w("\nA quarter on its own has few cases in a group; expect those cells suppressed.\n\n")

	w("## training.xlsx\n\n")
	w("Applications for non-mandatory training from the learning system: Employee Number, Course,\n")
	w("Status (Applied: applied for and not taken up, or not yet; Received: applied for and\n")
	w("attended, so it counts as applied too), Date (of the application, or of the course when\n")
	w("received) and the employee's characteristics.\n\n")
	w("Planted: staff apply at the same rates, but applications from ethnic minority and from\n")
	w("disabled staff lead to training %.0f%% as often (WRES indicator 4).\n\n", 100*receivedDisparity)
	w("| Period | Applications | Received per 100 staff: White / ethnic minority | Relative likelihood | Received per 100 staff: not disabled / disabled | Relative likelihood |\n|---|---|---|---|---|---|\n")
	for h, t := range m.found.training {
		rW := 100 * float64(t.received[classWhite]) / t.ethnic[classWhite]
		rM := 100 * float64(t.received[classMinority]) / t.ethnic[classMinority]
		rN := 100 * float64(t.disReceived[classNotDisabled]) / t.disabled[classNotDisabled]
		rD := 100 * float64(t.disReceived[classDisabled]) / t.disabled[classDisabled]
		w("| %s | %d | %.1f / %.1f | %.2f | %.1f / %.1f | %.2f |\n", halves[h], sum(t.applied[:]), rW, rM, ratio(rW, rM), rN, rD, ratio(rN, rD))
	}
	w("\n")

	s := m.found.survey
	w("## staff-survey.csv\n\n")
	w("The staff survey of February–March 2025, downloaded from the survey tool (UTF-8 with a\n")
	w("byte order mark, every answer quoted): Response ID, then the form's own demographic\n")
	w("questions (Gender; Age Band 16-24, 25-34, 35-44, 45-54, 55-64, 65+; Ethnic Group, the\n")
	w("five high-level ONS groups; Disability; Sexual Orientation; each with Prefer not to say),\n")
	w("then %d statements answered Strongly agree, Agree, Neither agree nor disagree, Disagree or\n", len(surveyItems))
	w("Strongly disagree, with some left blank. %d responses from %d staff in post at 31 March\n", s.respondents, len(m.steps[0].after.Staff))
	w("2025 (%.0f%%). Respondents describe themselves more fully than their HR records do.\n\n", pct(s.respondents, len(m.steps[0].after.Staff)))
	w("**One statement is negative**: agreeing with \"%s\" is the bad answer, so a higher share\n", surveyItems[5].header)
	w("agreeing is worse, unlike every other item.\n\n")
	w("Planted: ethnic minority and disabled respondents agree less that they feel valued and\n")
	w("that the organisation acts fairly on career progression; LGB+ respondents (and, less so,\n")
	w("disabled and ethnic minority ones) more often report bullying or harassment.\n\n")
	w("| Statement | White | Ethnic minority | Not disabled | Disabled | Heterosexual or straight | LGB+ |\n|---|---|---|---|---|---|---|\n")
	for i, it := range surveyItems {
		w("| %s |", it.header)
		for _, g := range s.groups {
			w(" %.0f%% |", s.percent(g, i))
		}
		w("\n")
	}
	w("\nPercent agreeing or strongly agreeing, of those in the group who answered. Respondents:")
	for _, g := range s.groups {
		w(" %s %d;", g, s.members[g])
	}
	w(" small groups are for the suppression rule to deal with.\n\n")

	w("## action-plan.xlsx\n\n")
	w("The equality action plan as the equality team keeps it: two title rows and a blank row\n")
	w("above the table; Priority, Outcome sought, Action, Lead service area, Due date (an Excel\n")
	w("date), Status (Complete, On track, At risk, Overdue, Not started), Measure of success.\n")
	overdue := 0
	for _, a := range actions {
		if a.due.Before(snapshotDate(2025)) && a.status != "Complete" {
			overdue++
		}
	}
	w("%d actions; %d were due before 31 March 2025 and are not complete, one of them still\n", len(actions), overdue)
	w("marked On track, so a report checking due dates should flag it although its status does not.\n")
	return b.String()
}
