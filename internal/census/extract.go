package census

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DemoSources are the Census 2021 tables (file names in the project's real
// public data folder, shared/data/real) that the shipped demo benchmark
// inputs/census/ is cut from. The ethnic group table comes first, so that
// sexual orientation is taken from the 6-category table.
var DemoSources = []string{
	"census2021_ltla_sexual_orientation_by_ethnic_group.csv",
	"census2021_ltla_sexual_orientation_by_disability.csv",
	"census2021_ltla_sexual_orientation_by_religion.csv",
	"census2021_ltla_sexual_orientation_by_age_sex.csv",
	"census2021_ltla_gender_identity_by_ethnic_group.csv",
	"census2021_ts007_age_single_year_ltla.csv",
}

// DemoAreas are Leicestershire's seven districts (Blaby, Charnwood, Harborough,
// Hinckley and Bosworth, Melton, North West Leicestershire, Oadby and Wigston),
// the area of the demo county council.
var DemoAreas = []string{"E07000129", "E07000130", "E07000131", "E07000132", "E07000133", "E07000134", "E07000135"}

// DemoPlace names the demo area in the extracted files' names.
const DemoPlace = "leicestershire"

// Extract copies the header and the rows of the given geographies from each
// census table into dstDir, byte for byte (line endings, quoting and any
// byte order mark kept), so that the demo's inputs are the published figures
// unchanged. Each copy is named by ExtractName.
func Extract(srcPaths []string, dstDir string, geographies []string) error {
	if len(geographies) == 0 {
		return fmt.Errorf("extract census rows: no geography codes given")
	}
	if err := os.MkdirAll(dstDir, 0o755); err != nil {
		return fmt.Errorf("extract census rows: %w", err)
	}
	for _, src := range srcPaths {
		out, err := extractRows(src, geographies)
		if err != nil {
			return err
		}
		dst := filepath.Join(dstDir, ExtractName(src))
		if err := os.WriteFile(dst, out, 0o644); err != nil {
			return fmt.Errorf("extract census rows: %w", err)
		}
	}
	return nil
}

// ExtractName is the name Extract gives the copy of a table:
// census2021_ltla_sexual_orientation_by_religion.csv becomes
// leicestershire-sexual_orientation_by_religion.csv and
// census2021_ts007_age_single_year_ltla.csv becomes
// leicestershire-ts007_age_single_year.csv.
func ExtractName(src string) string {
	stem := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	stem = strings.TrimPrefix(stem, "census2021_")
	for _, level := range []string{"ltla", "utla"} {
		stem = strings.TrimPrefix(stem, level+"_")
		stem = strings.TrimSuffix(stem, "_"+level)
	}
	return DemoPlace + "-" + stem + ".csv"
}

func extractRows(src string, geographies []string) ([]byte, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, fmt.Errorf("extract census rows: %w", err)
	}
	records := splitRecords(data)
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: empty file; expected a Census 2021 table with a header row", src)
	}
	header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(records[0], bom))).Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", src, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	l, err := detect(src, header)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, g := range geographies {
		want[strings.ToUpper(strings.TrimSpace(g))] = true
	}
	found := map[string]bool{}
	var present []string
	out := append([]byte(nil), records[0]...)
	line := 1 + bytes.Count(records[0], []byte("\n"))
	for _, rec := range records[1:] {
		if len(bytes.TrimSpace(rec)) == 0 {
			line += bytes.Count(rec, []byte("\n"))
			continue
		}
		fields, err := csv.NewReader(bytes.NewReader(rec)).Read()
		if err != nil {
			return nil, fmt.Errorf("%s:%d: cannot read the row (%v); each row needs one cell per header column", src, line, err)
		}
		if len(fields) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d cells; the header has %d", src, line, len(fields), len(header))
		}
		code := strings.ToUpper(strings.TrimSpace(fields[l.geoCol]))
		if !found[code] {
			present = append(present, code)
		}
		if want[code] {
			out = append(out, rec...)
		}
		found[code] = true
		line += bytes.Count(rec, []byte("\n"))
	}
	for _, g := range geographies {
		if code := strings.ToUpper(strings.TrimSpace(g)); !found[code] {
			return nil, fmt.Errorf("%s: geography code %q is not in column %q; the nearest code in the file is %s", src, g, header[l.geoCol], nearestCode(code, present))
		}
	}
	return out, nil
}

// splitRecords cuts CSV text into its records, each with its own line
// ending, without splitting a quoted cell that holds a line break.
func splitRecords(data []byte) [][]byte {
	var records [][]byte
	quoted := false
	start := 0
	for i, c := range data {
		switch c {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				records = append(records, data[start:i+1])
				start = i + 1
			}
		}
	}
	if start < len(data) {
		records = append(records, data[start:])
	}
	return records
}
