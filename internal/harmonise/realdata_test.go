package harmonise

import (
	"encoding/csv"
	"errors"
	"github.com/equip-project/equip/internal/testutil"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// realDataDir is the real public data beside the repository; the test is
// skipped when it is not there.
func realDataDir(t *testing.T) string { return testutil.RealData(t) }

// distinctColumn returns the distinct values of one column of a CSV file.
func distinctColumn(t *testing.T, path, column string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: reading header: %v", path, err)
	}
	col := -1
	for i, h := range header {
		if h == column || (i == 0 && h == "\ufeff"+column) {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no column %q in %q", path, column, header)
	}
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		seen[rec[col]] = true
	}
	values := make([]string, 0, len(seen))
	for v := range seen {
		values = append(values, v)
	}
	sort.Strings(values)
	return values
}

// Every label in the real Census 2021 tables and the Huebner HR data set
// maps to the category worked out by hand below.
func TestMapRealDataLabels(t *testing.T) {
	dir := realDataDir(t)
	m := newTestMapper(t, nil)
	tests := []struct {
		file, column string
		c            Characteristic
		want         map[string]string
	}{
		{"census2021_ltla_gender_identity_by_disability.csv", "Gender identity (7 categories)", GenderIdentity, map[string]string{
			"All other gender identities": "No",
			"Does not apply":              NotKnown,
			"Gender identity different from sex registered at birth but no specific identity given": "No",
			"Gender identity the same as sex registered at birth":                                   "Yes",
			"Not answered": NotKnown,
			"Trans man":    "No",
			"Trans woman":  "No",
		}},
		{"census2021_ltla_gender_identity_by_disability.csv", "Disability - Equality act disabled (4 categories)", Disability, map[string]string{
			"Disabled under the Equality Act: Day-to-day activities limited a little": "Disabled",
			"Disabled under the Equality Act: Day-to-day activities limited a lot":    "Disabled",
			"Does not apply":                      NotKnown,
			"Not disabled under the Equality Act": "Not disabled",
		}},
		{"census2021_ltla_sexual_orientation_by_religion.csv", "Sexual orientation (6 categories)", SexualOrientation, map[string]string{
			"All other sexual orientations": "Other",
			"Bisexual":                      "Bisexual",
			"Does not apply":                NotKnown,
			"Gay or Lesbian":                "Gay or lesbian",
			"Not answered":                  NotKnown,
			"Straight or Heterosexual":      Heterosexual,
		}},
		{"census2021_ltla_sexual_orientation_by_religion.csv", "Religion (10 categories)", Religion, map[string]string{
			"Buddhist": "Buddhist", "Christian": "Christian", "Does not apply": NotKnown, "Hindu": "Hindu",
			"Jewish": "Jewish", "Muslim": "Muslim", "No religion": "No religion", "Not answered": NotKnown,
			"Other religion": "Other religion", "Sikh": "Sikh",
		}},
		{"census2021_ltla_gender_identity_by_ethnic_group.csv", "Ethnic group (8 categories)", Ethnicity, map[string]string{
			"Asian, Asian British or Asian Welsh":                     GroupAsian,
			"Black, Black British, Black Welsh, Caribbean or African": GroupBlack,
			"Does not apply":                  NotKnown,
			"Mixed or Multiple ethnic groups": GroupMixed,
			"Other ethnic group":              GroupOther,
			"White: English, Welsh, Scottish, Northern Irish or British": WhiteBritish,
			"White: Gypsy or Irish Traveller, Roma or Other White":       GroupWhite,
			"White: Irish": "White: Irish",
		}},
		{"huebner_HRDataset_v14.csv", "Sex", Sex, map[string]string{"F": "Female", "M ": "Male"}},
		{"huebner_HRDataset_v14.csv", "MaritalDesc", MaritalStatus, map[string]string{
			"Divorced":  "Divorced or civil partnership dissolved",
			"Married":   "Married or in a civil partnership",
			"Separated": "Separated",
			"Single":    "Single",
			"Widowed":   "Widowed or surviving civil partner",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.column, func(t *testing.T) {
			values := distinctColumn(t, filepath.Join(dir, tt.file), tt.column)
			if len(values) != len(tt.want) {
				t.Errorf("%d distinct labels %q, want %d", len(values), values, len(tt.want))
			}
			for _, v := range values {
				want, listed := tt.want[v]
				if !listed {
					t.Errorf("label %q not expected", v)
					continue
				}
				if got, ok := m.Map(tt.c, v); got != want || !ok {
					t.Errorf("Map(%s, %q) = %q, %v; want %q, true", tt.c, v, got, ok, want)
				}
			}
		})
	}
}
