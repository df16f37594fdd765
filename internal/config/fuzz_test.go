package config

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzConfig: whatever the bytes, Parse returns a valid pipeline or an
// ErrInvalid error, and never panics.
func FuzzConfig(f *testing.F) {
	for _, s := range []string{
		"name: x\ninputs:\n  workforce:\n    - path: a.csv\n",
		"name: x\ninputs:\n  workforce:\n    - {path: a.csv, sheet: Staff, snapshot: 2025-03-31, encoding: cp1252, delimiter: \";\"}\n" +
			"  census: {path: [c.csv], geography: [E07000129]}\ncolumns: {employee_id: [\"Person Ref\"]}\n" +
			"labels: {sex: {W: Female}}\nanalysis: {grades: {order: [G1, G2], senior_from: G2}, age_bands: [16, 25, 65]}\n" +
			"targets:\n  - {id: t, characteristic: sex, category: Female, measure: percent, target: 50, due: 2026-03-31}\n",
		"", "---\n", "[]", "name: [a, b]", "name: x\nanalysys: 1\n", "a: &a [*a]\n", "name: x\ninputs: {workforce: 3}\n",
		"name: x\ninputs:\n  workforce:\n    - path: a.csv\nanalysis:\n  age_bands: young\n",
		"schedule: \"61 * * * *\"\n", "name: x\ntargets: [{}]\n", "\t\tname: x", "name: \"\\xff\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(bytes.NewReader(data), "p.yaml")
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid (it would exit 1, not 2)", err)
			}
			return
		}
		if p.Name == "" || len(p.Inputs.Workforce) == 0 || p.Suppression.MinCount < 1 {
			t.Fatalf("Parse accepted a pipeline without a name, workforce input or threshold: %+v", p)
		}
	})
}
