package ingest

import (
	"fmt"
	"strings"

	"github.com/equip-project/equip/internal/suggest"
)

// Field is a canonical workforce field of CONTRACT.md.
type Field string

// The canonical workforce fields.
const (
	EmployeeID         Field = "employee_id"
	Grade              Field = "grade"
	Department         Field = "department"
	Sex                Field = "sex"
	GenderIdentity     Field = "gender_identity"
	DateOfBirth        Field = "date_of_birth"
	Age                Field = "age"
	Ethnicity          Field = "ethnicity"
	Disability         Field = "disability"
	Religion           Field = "religion"
	SexualOrientation  Field = "sexual_orientation"
	MaritalStatus      Field = "marital_status"
	PregnancyMaternity Field = "pregnancy_maternity"
	Carer              Field = "carer"
	ContractType       Field = "contract_type"
	WorkingPattern     Field = "working_pattern"
	FTE                Field = "fte"
	WeeklyHours        Field = "weekly_hours"
	HourlyPay          Field = "hourly_pay"
	OrdinaryPay        Field = "ordinary_pay"
	AnnualSalary       Field = "annual_salary"
	FTESalary          Field = "fte_annual_salary"
	FullPayRelevant    Field = "full_pay_relevant"
	BonusPay           Field = "bonus_pay"
	StartDate          Field = "start_date"

	// Fields of the monitoring files (CONTRACT.md, "The monitoring inputs").
	ApplicationID Field = "application_id"
	CaseID        Field = "case_id"
	ResponseID    Field = "response_id"
	AgeBandText   Field = "age_band" // an age band as a survey form asks it
	EventDate     Field = "date"
	Stage         Field = "stage"
	CaseType      Field = "case_type"
	Outcome       Field = "outcome"
	Course        Field = "course"
	Status        Field = "status"
	Reason        Field = "reason"
)

// monitoringText are the monitoring fields kept as text.
var monitoringText = []Field{Stage, CaseType, Outcome, Course, Status, Reason}

// builtinAliases lists, for each canonical field, the headers HR systems
// (iTrent, Oracle, SAP, ESR) and open-data extracts commonly use, most
// specific first. Matching ignores case, spaces and punctuation.
var builtinAliases = map[Field][]string{
	EmployeeID: {"employee id", "employee number", "employee no", "employee ref", "employee reference", "emp id", "emp no",
		"staff id", "staff number", "staff no", "person id", "person ref", "person number", "personnel number",
		"payroll number", "pay number", "assignment number", "employee", "id"},
	Grade: {"grade", "pay grade", "grade code", "pay band", "band", "salary grade", "job grade", "grade name", "pay scale",
		"agenda for change band", "afc band"},
	Department: {"department", "directorate", "service", "department name", "dept", "service area", "business unit",
		"department description", "org unit", "organisation unit"},
	Sex:            {"sex", "gender", "legal sex", "sex at birth"},
	GenderIdentity: {"gender identity", "gender same as at birth", "gender identity same", "gender same as birth", "gender identity same as sex registered at birth", "same gender as birth", "trans status"},
	DateOfBirth:    {"date of birth", "dob", "birth date", "birthdate"},
	Age:            {"age", "age years", "age at snapshot"},
	Ethnicity: {"ethnicity", "ethnic origin", "ethnic group", "ethnic background", "ethnic category", "ethnicity description",
		"ethnic code", "race", "race desc", "race ethnicity"},
	Disability:         {"disability", "disabled", "disability status", "has disability", "disability flag", "disability indicator"},
	Religion:           {"religion", "religion or belief", "religious belief", "belief", "faith"},
	SexualOrientation:  {"sexual orientation", "sexuality", "orientation"},
	MaritalStatus:      {"marital status", "marital desc", "marital", "civil status", "marital description"},
	PregnancyMaternity: {"pregnancy maternity", "maternity leave", "on maternity leave", "maternity", "maternity adoption leave", "on maternity or adoption leave"},
	Carer:              {"carer", "carer status", "caring responsibilities", "has caring responsibilities"},
	ContractType:       {"contract type", "contract", "employment type", "contract status", "employee type"},
	WorkingPattern:     {"working pattern", "work pattern", "full time part time", "ft pt", "full or part time"},
	FTE:                {"fte", "full time equivalent", "job fte", "wte", "fte value"},
	WeeklyHours:        {"weekly hours", "contracted hours", "hours per week", "contract hours", "std hours", "standard hours", "hours"},
	HourlyPay:          {"hourly pay", "hourly rate", "rate per hour", "hourly salary"},
	OrdinaryPay:        {"ordinary pay", "period pay", "gross ordinary pay"},
	AnnualSalary: {"annual salary", "salary", "base salary", "annual rt", "annual rate", "basic salary", "annual pay",
		"actual salary", "actual annual salary"},
	FTESalary: {"fte annual salary", "fte salary", "full time salary", "full time equivalent salary", "salary fte",
		"full time annual salary", "spinal point salary"},
	FullPayRelevant: {"full pay relevant", "full pay", "full pay relevant employee", "fpre"},
	BonusPay:        {"bonus pay", "bonus", "bonus paid", "bonus amount"},
	StartDate:       {"start date", "date of hire", "hire date", "date joined", "employment start date", "continuous service date"},

	ApplicationID: {"application id", "application ref", "application reference", "application number", "candidate id", "applicant id"},
	CaseID:        {"case id", "case ref", "case reference", "case number"},
	ResponseID:    {"response id", "respondent id", "response number"},
	AgeBandText:   {"age band", "age group", "age range", "age bracket"},
	EventDate: {"date", "date received", "application date", "leaving date", "leave date", "termination date", "date of leaving",
		"date opened", "opened", "case opened", "training date", "course date", "event date"},
	Stage:    {"stage", "stage reached", "furthest stage", "outcome stage", "application status"},
	CaseType: {"case type", "type of case", "casework type", "process"},
	Outcome:  {"outcome", "case outcome", "result"},
	Course:   {"course", "course name", "training course", "programme"},
	Status:   {"status", "training status"},
	Reason:   {"reason", "leaving reason", "reason for leaving", "termination reason", "leaver reason"},
}

// fieldOrder is the order fields are reported in.
var fieldOrder = []Field{EmployeeID, Grade, Department, Sex, GenderIdentity, DateOfBirth, Age, Ethnicity, Disability,
	Religion, SexualOrientation, MaritalStatus, PregnancyMaternity, Carer, ContractType, WorkingPattern, FTE,
	WeeklyHours, HourlyPay, OrdinaryPay, AnnualSalary, FTESalary, FullPayRelevant, BonusPay, StartDate,
	ApplicationID, CaseID, ResponseID, AgeBandText, EventDate, Stage, CaseType, Outcome, Course, Status, Reason}

// headerKey is the form headers are compared in: letters and digits only.
func headerKey(s string) string { return strings.ReplaceAll(suggest.Normalise(s), " ", "") }

// Aliases maps normalised header text to a canonical field, with a rank:
// the pipeline's own aliases first, then the canonical name, then built-in
// aliases in list order.
type Aliases struct {
	rank  map[string]int
	field map[string]Field
}

// NewAliases builds the alias table from the built-in one plus the
// pipeline's `columns:` map (canonical field -> headers).
func NewAliases(extra map[string][]string) Aliases {
	a := Aliases{rank: map[string]int{}, field: map[string]Field{}}
	put := func(h string, f Field, rank int) {
		k := headerKey(h)
		if k == "" {
			return
		}
		if old, ok := a.rank[k]; ok && old <= rank {
			return
		}
		a.rank[k], a.field[k] = rank, f
	}
	for f, hs := range extra {
		for _, h := range hs {
			put(h, Field(f), 0)
		}
	}
	for _, f := range fieldOrder {
		put(string(f), f, 1)
		for i, h := range builtinAliases[f] {
			put(h, f, 2+i)
		}
	}
	return a
}

// Lookup returns the canonical field a header names.
func (a Aliases) Lookup(header string) (Field, int, bool) {
	k := headerKey(header)
	f, ok := a.field[k]
	return f, a.rank[k], ok
}

// Mapping is the result of matching a header row: the column index of each
// field found.
type Mapping struct {
	Index   map[Field]int
	Headers []string
	Ignored []string // headers that map to no field
	Notes   []string // choices made (a field named by two headers)
}

// MapHeaders maps a header row onto fields. Two columns with the same
// header are an error; two different headers naming one field keep the
// better-ranked one and say so.
func MapHeaders(headers []string, a Aliases) (Mapping, error) {
	m := Mapping{Index: map[Field]int{}, Headers: headers}
	seen := map[string]int{}
	bestRank := map[Field]int{}
	for i, h := range headers {
		k := headerKey(h)
		if k == "" {
			continue
		}
		if j, dup := seen[k]; dup {
			if _, known := a.field[k]; known {
				return m, fmt.Errorf("columns %s and %s both have the header %q; rename or remove one", columnName(j), columnName(i), strings.TrimSpace(h))
			}
			continue
		}
		seen[k] = i
		f, rank, ok := a.Lookup(h)
		if !ok {
			m.Ignored = append(m.Ignored, strings.TrimSpace(h))
			continue
		}
		if j, taken := m.Index[f]; taken {
			if rank >= bestRank[f] {
				m.Notes = append(m.Notes, fmt.Sprintf("column %q also looks like %s; using %q", strings.TrimSpace(h), f, strings.TrimSpace(headers[j])))
				continue
			}
			m.Notes = append(m.Notes, fmt.Sprintf("column %q also looks like %s; using %q", strings.TrimSpace(headers[j]), f, strings.TrimSpace(h)))
		}
		m.Index[f], bestRank[f] = i, rank
	}
	return m, nil
}

// columnName gives the spreadsheet letter of a 0-based column index.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// NearestHeader returns the header, among those not mapped to another
// field, that is closest to any of a missing field's names.
func NearestHeader(f Field, headers []string, a Aliases) string {
	names := append([]string{strings.ReplaceAll(string(f), "_", " ")}, builtinAliases[f]...)
	best, bestDist := "", -1
	for _, h := range headers {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, _, mapped := a.Lookup(h); mapped {
			continue
		}
		for _, n := range names {
			if d := suggest.Distance(h, n); bestDist < 0 || d < bestDist {
				best, bestDist = h, d
			}
		}
	}
	if best == "" {
		return suggest.Nearest(names[0], headers)
	}
	return best
}
