package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/quality"
)

// workbook returns the bytes of a small XLSX with one sheet of rows.
func workbook(t testing.TB, sheet string, rows [][]any, save excelize.Options) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, save); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var staffRows = [][]any{
	{"Employee Number", "Gender", "Pay Grade", "Ethnic Origin"},
	{"E1", "F", "Grade 1", "White - British"},
	{"E2", "M", "Grade 2", "Indian"},
}

// read reads a workforce file written from data and returns the records,
// the problems noted and the error.
func read(t testing.TB, name string, data []byte) ([]*Record, []quality.Problem, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	mapper, err := harmonise.NewMapper(nil)
	if err != nil {
		t.Fatal(err)
	}
	var log quality.Log
	var recs []*Record
	_, err = ReadWorkforce(ReadOptions{Path: path, DisplayPath: name, Aliases: NewAliases(nil), Mapper: mapper,
		Snapshot: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Key: []byte("k"), Log: &log},
		func(r *Record) error { recs = append(recs, r); return nil })
	return recs, log.Problems(), err
}

// inputError reports whether err is one of the file-level input errors
// (exit code 3), as every error from reading a bad file must be.
func inputError(err error) bool {
	return errors.Is(err, ErrUnreadable) || errors.Is(err, ErrInvalidData) || errors.Is(err, ErrMissingColumn)
}

// lyingWorkbook returns a copy of a workbook whose shared strings claim
// 2 GB though they hold a few hundred bytes. FuzzXLSX found it: the XLSX
// readers sized a buffer by the claim and took a minute over the file.
func lyingWorkbook(good []byte) []byte {
	lying := append([]byte(nil), good...)
	const central = "PK\x01\x02" // a central directory entry: size at +24, name length at +28, name at +46
	for i := bytes.Index(lying, []byte(central)); i >= 0 && i+46 < len(lying); {
		nameLen := int(lying[i+28]) | int(lying[i+29])<<8
		if i+46+nameLen <= len(lying) && string(lying[i+46:i+46+nameLen]) == "xl/sharedStrings.xml" {
			copy(lying[i+24:i+28], []byte{0x04, 0x00, 0x00, 0x7F})
		}
		next := bytes.Index(lying[i+4:], []byte(central))
		if next < 0 {
			break
		}
		i += 4 + next
	}
	return lying
}

func TestUnreadableWorkbooks(t *testing.T) {
	good := workbook(t, "Staff", staffRows, excelize.Options{})
	bomb := func() []byte {
		// A sheet padded with 2 MB of blanks inflates far past the lowered
		// limit though it compresses to a few KB.
		zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			w, _ := zw.Create(f.Name)
			rc, _ := f.Open()
			var part bytes.Buffer
			part.ReadFrom(rc)
			rc.Close()
			b := part.Bytes()
			if strings.HasPrefix(f.Name, "xl/worksheets/") {
				b = bytes.Replace(b, []byte("</worksheet>"), append(bytes.Repeat([]byte(" "), 2<<20), "</worksheet>"...), 1)
			}
			w.Write(b)
		}
		zw.Close()
		return buf.Bytes()
	}()
	lying := lyingWorkbook(good)
	t.Setenv(MaxUnzipEnv, "1000000")
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"password", workbook(t, "Staff", staffRows, excelize.Options{Password: "secret"}), "password-protected"},
		{"truncated", good[:len(good)/2], "truncated or corrupt"},
		{"text", []byte("Employee Number,Gender\nE1,F\n"), "holds text, not an XLSX workbook"},
		{"old format", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "Excel 97–2003"},
		{"bomb", bomb, "unpacks to more than 976.6 KiB"},
		{"empty", nil, "the file is empty"},
		{"impossible size", lying, "its part xl/sharedStrings.xml claims an impossible size"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := read(t, "staff.xlsx", c.data)
			if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an ErrUnreadable saying %q", err, c.want)
			}
		})
	}
	if recs, _, err := read(t, "staff.xlsx", good); err != nil || len(recs) != 2 {
		t.Errorf("the good workbook: %d records, %v", len(recs), err)
	}
}

func TestMissingSheetSuggestsTheNearest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "staff.xlsx")
	os.WriteFile(path, workbook(t, "Staff", staffRows, excelize.Options{}), 0o600)
	_, err := Open(path, Options{Sheet: "Staf"})
	if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), `staff.xlsx:Staf: `) || !strings.Contains(err.Error(), `did you mean "Staff"?`) {
		t.Errorf("got %v", err)
	}
}

func TestCSVFileProblems(t *testing.T) {
	cases := []struct {
		name string
		data string
		want string
	}{
		{"xlsx named csv", "PK\x03\x04\x14\x00rest of a zip", "is an XLSX workbook"},
		{"binary", "a,b\x00\x01\x02", "binary data"},
		{"unclosed quote", "Employee Number,Gender\nE1,F\nE2,\"M\nE3,F\nE4,F\n", `staff.csv:3: input data invalid: a quote opened on this line is never closed, so lines 3–5 cannot be read`},
		{"every row rejected", "Employee Number,Gender\n,F\n,M\n", "every one of the 2 data rows was left out"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := read(t, "staff.csv", []byte(c.data))
			if !inputError(err) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an input error saying %q", err, c.want)
			}
		})
	}
}

func TestStrayQuoteLosesOneRow(t *testing.T) {
	// Row 3's quote is closed on row 4 and followed by junk: rows 3–4 go, row 5 stays.
	recs, problems, err := read(t, "staff.csv", []byte("Employee Number,Gender\nE1,F\nE2,\"M\nE3\"x,F\nE4,F\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Row != 5 {
		t.Errorf("%d records, want rows 2 and 5", len(recs))
	}
	if len(problems) != 1 || problems[0].Row != 3 || problems[0].Kind != "unreadable row" {
		t.Errorf("problems %+v, want one unreadable row 3", problems)
	}
}

func TestEncodings(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Employee Number,Gender,Ethnic Origin\r\nE1,F,Asian or Asian British: Indian\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	// Mostly UTF-8 ("é" twice), with one Windows-1252 apostrophe (0x92) in row 3's department.
	mixed := []byte("Employee Number,Gender,Department\nE1,F,Caf\xc3\xa9s\nE2,M,Chief Executive\x92s\nE3,F,R\xc3\xa9sum\xc3\xa9s\n")
	t.Run("utf-16", func(t *testing.T) {
		recs, problems, err := read(t, "staff.csv", utf16)
		if err != nil || len(recs) != 1 || recs[0].Chars.Get(harmonise.Ethnicity) != "Asian, Asian British or Asian Welsh: Indian" {
			t.Errorf("records %+v, problems %v, error %v", recs, problems, err)
		}
	})
	t.Run("mixed", func(t *testing.T) {
		recs, problems, err := read(t, "staff.csv", mixed)
		if err != nil || len(recs) != 3 {
			t.Fatalf("%d records, %v", len(recs), err)
		}
		if recs[0].Department != "Cafés" || recs[1].Department != "Chief Executive’s" {
			t.Errorf("departments %q, %q", recs[0].Department, recs[1].Department)
		}
		if len(problems) != 1 || problems[0].Row != 3 || problems[0].Column != "Department" || problems[0].Kind != "encoding" {
			t.Fatalf("problems %+v, want one encoding problem at row 3, Department", problems)
		}
		if strings.Contains(problems[0].Message, "Chief") {
			t.Error("the problem quotes the cell")
		}
	})
}

func TestLongCell(t *testing.T) {
	data := "Employee Number,Gender,Department\nE1,F," + strings.Repeat("x", 10<<20) + "\nE2,M,Finance\n"
	recs, problems, err := read(t, "staff.csv", []byte(data))
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if recs[0].Department != "" {
		t.Error("the long cell was kept")
	}
	if len(problems) != 1 || problems[0].Kind != "cell too long" || problems[0].Row != 2 || problems[0].Column != "Department" || len(problems[0].Message) > 200 {
		t.Errorf("problems %+v", problems)
	}
}

func TestRepairUTF8(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"caf\xe9", "café"},
		{"\x93quoted\x94 and \xc3\xa9", "“quoted” and é"},
		{"\x81", "\ufffd"}, // undefined in Windows-1252
	}
	for _, c := range cases {
		if got, _ := RepairUTF8(c.in); got != c.want {
			t.Errorf("RepairUTF8(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
