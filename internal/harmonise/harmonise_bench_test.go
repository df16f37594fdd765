package harmonise

import "testing"

// messyLabels are HR spellings of the kind the demo exports hold, one of
// each shape the resolver handles: exact, punctuated, coded, declined.
var messyLabels = []struct {
	c     Characteristic
	label string
}{
	{Ethnicity, "White - British"}, {Ethnicity, "White: English, Welsh, Scottish, Northern Irish or British"},
	{Ethnicity, "Asian or Asian British - Indian"}, {Ethnicity, "Black, Black British, Caribbean or African: African"},
	{Ethnicity, "Mixed - White and Black Caribbean"}, {Ethnicity, "Not stated"}, {Ethnicity, "BME"},
	{Sex, "F"}, {Sex, "Female "}, {Sex, "Man"}, {Religion, "Church of England"}, {Religion, "None"},
	{SexualOrientation, "Heterosexual/Straight"}, {SexualOrientation, "Gay woman/lesbian"},
	{MaritalStatus, "Married/Civil Partner"}, {Disability, "Y"}, {Carer, "Prefer not to say"}, {GenderIdentity, ""},
}

// BenchmarkResolve maps each messy label from scratch, as the first row
// holding it does (later rows hit the cache: BenchmarkMapRepeatedLabel).
func BenchmarkResolve(b *testing.B) {
	m := newTestMapper(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range messyLabels {
			m.resolve(l.c, l.label)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(messyLabels)), "ns/label")
}

// BenchmarkMapRow maps one row's nine characteristics, all seen before:
// the per-row cost of harmonising.
func BenchmarkMapRow(b *testing.B) {
	m := newTestMapper(b, nil)
	row := []struct {
		c     Characteristic
		label string
	}{
		{Sex, "F"}, {GenderIdentity, "Yes"}, {Ethnicity, "White - British"}, {Disability, "N"}, {Religion, "Christian"},
		{SexualOrientation, "Heterosexual/Straight"}, {MaritalStatus, "Married"}, {PregnancyMaternity, "N"}, {Carer, ""},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range row {
			m.Map(l.c, l.label)
		}
	}
}
