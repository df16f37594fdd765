package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRows reads a sheet as openXLSX did before the streaming reader:
// excelize's Rows, counting each Next, raw cell values.
func excelizeRows(t *testing.T, path, sheet string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		out = append(out, describeRow(n, cells, err))
	}
	return out
}

// ingestRows reads a sheet through Open, as ReadWorkforce does, and reports
// whether the streaming reader took it.
func ingestRows(t *testing.T, path, sheet string) ([]string, bool) {
	t.Helper()
	rows, err := Open(path, Options{Sheet: sheet})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	_, streamed := rows.(*sheetRows)
	var out []string
	for {
		cells, n, err := rows.Next()
		if err == io.EOF {
			return out, streamed
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			t.Fatal(err)
		}
		out = append(out, describeRow(n, cells, err))
	}
}

// describeRow is a row as one string: its number and cells, or its number
// and "!" for a row that could not be read.
func describeRow(n int, cells []string, err error) string {
	if err != nil {
		return fmt.Sprintf("%d!", n)
	}
	return strings.Join(append([]string{strconv.Itoa(n)}, cells...), "|")
}

// rewritePart returns a copy of a zip package with one part's content changed.
func rewritePart(t *testing.T, data []byte, name string, change func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			body = change(body)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStreamingReaderMatchesExcelize reads workbooks of every kind the
// users' HR systems and Excel write through openXLSX, and checks the rows
// are the ones excelize gives.
func TestStreamingReaderMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	var files []string

	// Excel-style: shared strings, numbers, dates, booleans, a formula,
	// rich text, blanks and a gap of rows.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Staff")
	f.SetSheetRow("Staff", "A1", &[]any{"Employee Number", "Gender", "Pay Grade", "Date of Birth", "FTE", "Carer"})
	f.SetSheetRow("Staff", "A2", &[]any{"E1", "F", "Grade 1", time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC), 0.6, true})
	f.SetSheetRow("Staff", "A3", &[]any{"E2", nil, "Grade 2", 29359, 1, false})
	f.SetSheetRow("Staff", "A6", &[]any{"E3", " M ", "Grade 10", "17/05/1980", "37.5%", "=1+1"})
	f.SetCellRichText("Staff", "B7", []excelize.RichTextRun{{Text: "Fe", Font: &excelize.Font{Bold: true}}, {Text: "male"}})
	f.SetCellValue("Staff", "A7", "E4")
	f.SetCellFormula("Staff", "F7", "UPPER(B7)")
	shared := filepath.Join(dir, "shared.xlsx")
	if err := f.SaveAs(shared); err != nil {
		t.Fatal(err)
	}
	f.Close()
	files = append(files, shared)

	// Report-tool style: excelize's stream writer, inline strings.
	f = excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Shire County Council – establishment report"})
	sw.SetRow("A3", []any{"Employee Number", "Gender", "Ethnic Origin"})
	sw.SetRow("A4", []any{"E1", "Female", "White: English, Welsh, Scottish, Northern Irish or British"})
	sw.SetRow("A5", []any{"E2", nil, "Any other White background & <more>"})
	sw.SetRow("B6", []any{excelize.Cell{Value: 45747, StyleID: 0}, "tab\there"})
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	streamed := filepath.Join(dir, "streamed.xlsx")
	if err := f.SaveAs(streamed); err != nil {
		t.Fatal(err)
	}
	f.Close()
	files = append(files, streamed)

	// The shipped demo inputs, when present.
	if root, err := filepath.Abs(filepath.Join("..", "..", "inputs", "workforce")); err == nil {
		demo, _ := filepath.Glob(filepath.Join(root, "*.xlsx"))
		files = append(files, demo...)
	}

	for _, path := range files {
		xf, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sheet := xf.GetSheetList()[0]
		xf.Close()
		got, fast := ingestRows(t, path, sheet)
		if !fast {
			t.Errorf("%s: openXLSX did not use the streaming reader", filepath.Base(path))
		}
		want := excelizeRows(t, path, sheet)
		if !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("%s: row %d:\n got %q\nwant %q", filepath.Base(path), i+1, got[i], want[i])
				}
			}
			t.Fatalf("%s: %d rows, excelize %d", filepath.Base(path), len(got), len(want))
		}
	}
}

// TestExcelizeTakesWhatTheStreamingReaderRefuses: a worksheet declared in
// another encoding is read by excelize, with the same cells.
func TestExcelizeTakesWhatTheStreamingReaderRefuses(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Employee Number", "Gender"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"E1", "F"})
	path := filepath.Join(dir, "plain.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Re-declare the sheet's XML as ISO-8859-1 (its text is ASCII, so it still reads).
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recoded := rewritePart(t, data, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return []byte(strings.Replace(string(b), `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1))
	})
	latin := filepath.Join(dir, "latin1.xlsx")
	if err := os.WriteFile(latin, recoded, 0o600); err != nil {
		t.Fatal(err)
	}
	got, fast := ingestRows(t, latin, "Sheet1")
	if fast {
		t.Error("the streaming reader took a sheet declared in ISO-8859-1")
	}
	want := []string{"1|Employee Number|Gender", "2|E1|F"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
