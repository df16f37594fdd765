package demo

import (
	"fmt"
	"testing"

	"github.com/equip-project/equip/internal/harmonise"
)

func TestScratch(t *testing.T) {
	m, _ := harmonise.NewMapper(nil)
	for _, c := range []struct{ c harmonise.Characteristic; l string }{
		{harmonise.Ethnicity, "White: Any other White background"},
		{harmonise.Ethnicity, "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background"},
		{harmonise.Ethnicity, "Mixed or Multiple ethnic groups: Any other Mixed or Multiple ethnic background"},
		{harmonise.Ethnicity, "Mixed - Any other Mixed background"},
		{harmonise.Ethnicity, "Asian or Asian British - Any other Asian background"},
		{harmonise.Ethnicity, "Black or Black British - Any other Black background"},
		{harmonise.Ethnicity, "Other ethnic group: Any other ethnic group"},
		{harmonise.Ethnicity, "Other ethnic group: Arab"},
		{harmonise.MaritalStatus, "Married/Civil Partner"},
		{harmonise.MaritalStatus, "Living with partner"},
		{harmonise.MaritalStatus, "Divorced/Dissolved civil partnership"},
		{harmonise.Religion, "None"},
		{harmonise.SexualOrientation, "Gay man"},
		{harmonise.PregnancyMaternity, "Y"},
		{harmonise.Carer, "N"},
	} {
		cat, ok := m.Map(c.c, c.l)
		fmt.Printf("%-20s %-40q -> %q %v\n", c.c, c.l, cat, ok)
	}
}
