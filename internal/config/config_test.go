package config

import (
	"errors"
	"strings"
	"testing"
)

const minimal = "name: test\ninputs:\n  workforce:\n    - path: staff.csv\n"

func TestParseDefaults(t *testing.T) {
	p, err := Parse(strings.NewReader(minimal), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.AsOf != "latest" || p.Period != "financial_year" || p.Suppression.MinCount != 5 || p.Suppression.PayMinCount != 10 ||
		p.Analysis.StandardWeeklyHours != 37 || len(p.Outputs) != 5 || p.Analysis.PayPeriod != "month" {
		t.Errorf("defaults not applied: %+v", p)
	}
	if got := p.AgeBands().Labels(); got[0] != "16-24" || got[len(got)-1] != "65+" {
		t.Errorf("default age bands %v", got)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string // substrings of the error
	}{
		{"unknown key with suggestion", minimal + "analysys: {}\n", []string{"p.yaml:5", `unknown key "analysys"`, `"analysis"`}},
		{"nested unknown key", minimal + "analysis:\n  grades:\n    senior_form: Grade 13\n", []string{`"analysis.grades.senior_form"`, `"analysis.grades.senior_from"`}},
		{"wrong type", minimal + "suppression:\n  min_count: five\n", []string{"p.yaml", "five"}},
		{"missing name", "inputs:\n  workforce:\n    - path: a.csv\n", []string{"name: missing"}},
		{"no workforce", "name: x\n", []string{"inputs.workforce: missing"}},
		{"bad measure", minimal + "targets:\n  - {id: t, characteristic: sex, category: Female, measure: percent_senior, target: 50}\n", []string{`"percent_of_senior"`}},
		{"bad characteristic", minimal + "targets:\n  - {id: t, characteristic: ethnicty, category: White, measure: percent, target: 50}\n", []string{`"ethnicity"`}},
		{"target out of range", minimal + "targets:\n  - {id: t, characteristic: sex, category: Female, measure: percent, target: 150}\n", []string{"0 to 100"}},
		{"bad cron", minimal + "schedule: every day\n", []string{"cron"}},
		{"bad output", minimal + "outputs: [tables, pdf]\n", []string{`"pdf"`}},
		{"bad label target", minimal + "labels:\n  ethnicity: {HISPANIC: Hispanic}\n", []string{"Hispanic"}},
		{"empty file", "", []string{"empty"}},
		{"not yaml", "name: [unclosed\n", []string{"not valid YAML"}},
		{"bad column field", minimal + "columns:\n  employe_id: Staff Ref\n", []string{`"employee_id"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.yaml), "p.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error is not ErrInvalid: %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestScalarOrList(t *testing.T) {
	p, err := Parse(strings.NewReader(minimal+"columns:\n  grade: Pay Band\n  employee_id: [Person Ref, Staff No]\n"), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Columns["grade"]) != 1 || len(p.Columns["employee_id"]) != 2 {
		t.Errorf("columns %v", p.Columns)
	}
}
