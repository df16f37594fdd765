package e2e

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// personal holds values from the demo inputs that identify a person.
type personal struct {
	ids     map[string]bool // employee IDs
	births  map[string]bool // dates of birth as the inputs write them, and as YYYY-MM-DD
	serials map[string]bool // dates of birth as Excel serial numbers
	pay     map[string]bool // individual pay amounts few people share, as 1234.00
}

var (
	idPattern     = regexp.MustCompile(`E\d{6}`)
	datePattern   = regexp.MustCompile(`\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2}`)
	serialPattern = regexp.MustCompile(`<v>(\d{5})</v>`)
	moneyPattern  = regexp.MustCompile(`\d{1,3}(?:,\d{3})+\.\d{2}|\d{4,}\.\d{2}`)
)

// readPersonal collects the identifying values of the demo's workforce
// extracts: every ID and date of birth, and the salaries and bonuses held
// by ten people or fewer.
func readPersonal(t *testing.T) personal {
	t.Helper()
	p := personal{ids: map[string]bool{}, births: map[string]bool{}, serials: map[string]bool{}, pay: map[string]bool{}}
	payCount := map[string]int{}
	add := func(header []string, row []string) {
		for i, h := range header {
			if i >= len(row) || row[i] == "" {
				continue
			}
			v := strings.TrimSpace(row[i])
			switch h {
			case "Employee Number", "Person Ref":
				p.ids[v] = true
			case "Date of Birth", "DOB":
				p.births[v] = true
				if d, rest, ok := strings.Cut(v, "/"); ok {
					if m, y, ok := strings.Cut(rest, "/"); ok {
						p.births[y+"-"+m+"-"+d] = true
					}
				}
			case "FTE Annual Salary", "Annual Salary", "Bonus Paid", "Bonus":
				if amount, err := strconv.ParseFloat(strings.NewReplacer("£", "", ",", "").Replace(v), 64); err == nil && amount > 0 {
					payCount[strconv.FormatFloat(amount, 'f', 2, 64)]++
				}
			}
		}
	}
	xlsx, _ := filepath.Glob(filepath.Join(root(t), "inputs", "workforce", "staff-*.xlsx"))
	for _, path := range xlsx {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Staff", excelize.Options{RawCellValue: true})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		// Dates are stored as serial numbers and shown as DD/MM/YYYY.
		dob := slices.Index(rows[0], "Date of Birth")
		for _, r := range rows[1:] {
			if dob >= 0 && dob < len(r) {
				p.serials[r[dob]] = true
				if serial, err := strconv.ParseFloat(r[dob], 64); err == nil {
					if d, err := excelize.ExcelDateToTime(serial, false); err == nil {
						r[dob] = d.Format("02/01/2006")
					}
				}
			}
			add(rows[0], r)
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(root(t), "inputs", "workforce", "staff-*.csv"))
	for _, path := range csvs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := charmap.Windows1252.NewDecoder().Bytes(b)
		r := csv.NewReader(bytes.NewReader(text))
		r.Comma, r.FieldsPerRecord = ';', -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			add(rows[0], row)
		}
	}
	for v, n := range payCount {
		if n <= 10 && len(v) >= 7 { // 1000.00 and up: small round sums are everyday numbers
			p.pay[v] = true
		}
	}
	if len(p.ids) < 6000 || len(p.births) < 5000 || len(p.serials) < 5000 || len(p.pay) == 0 {
		t.Fatalf("read %d IDs, %d birth dates, %d serials, %d pay amounts from the inputs", len(p.ids), len(p.births), len(p.serials), len(p.pay))
	}
	return p
}

// publishedText returns the text a reader could get from a published file.
func publishedText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var sb strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(rc)
			rc.Close()
			sb.Write(part)
			sb.WriteByte('\n')
		}
		return sb.String()
	case ".pdf":
		if _, err := exec.LookPath("pdftotext"); err != nil {
			return string(b) // the raw file; its compressed streams go unread
		}
		text, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		return string(text)
	case ".png":
		return pngText(t, b)
	}
	return string(b)
}

// pngText returns the text chunks (tEXt, zTXt, iTXt) of a PNG.
func pngText(t *testing.T, b []byte) string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatal("not a PNG")
	}
	var sb strings.Builder
	for b = b[8:]; len(b) >= 12; {
		n := int(binary.BigEndian.Uint32(b))
		if 12+n > len(b) {
			break
		}
		kind, data := string(b[4:8]), b[8:8+n]
		switch kind {
		case "tEXt", "iTXt":
			sb.Write(data)
		case "zTXt":
			if _, rest, ok := bytes.Cut(data, []byte{0}); ok && len(rest) > 1 {
				if zr, err := zlib.NewReader(bytes.NewReader(rest[1:])); err == nil {
					text, _ := io.ReadAll(zr)
					sb.Write(text)
				}
			}
		}
		sb.WriteByte('\n')
		b = b[12+n:]
	}
	return sb.String()
}

// TestPublishedOutputsHoldNoPersonalData scans every file the demo run
// publishes — tables, workbook XML, PDF text, dashboard, manifest, chart
// text chunks — for the employee IDs, dates of birth and individual pay of
// the demo inputs, and finds none.
func TestPublishedOutputsHoldNoPersonalData(t *testing.T) {
	out := demo(t)
	p := readPersonal(t)
	files := 0
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		text := publishedText(t, path)
		rel, _ := filepath.Rel(out, path)
		report := func(what, v string) { t.Errorf("%s shows %s %q", rel, what, v) }
		for _, v := range idPattern.FindAllString(text, -1) {
			if p.ids[v] {
				report("the employee ID", v)
			}
		}
		for _, v := range datePattern.FindAllString(text, -1) {
			if p.births[v] {
				report("the date of birth", v)
			}
		}
		for _, m := range serialPattern.FindAllStringSubmatch(text, -1) {
			if p.serials[m[1]] {
				report("the date of birth (as an Excel serial)", m[1])
			}
		}
		for _, v := range moneyPattern.FindAllString(text, -1) {
			if p.pay[strings.ReplaceAll(v, ",", "")] {
				report("the pay amount", v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Errorf("scanned %d files, want the whole publication", files)
	}
}

// TestSecretFilesArePrivate: the warehouse and the key file created beside
// it are readable by their owner only.
func TestSecretFilesArePrivate(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	dir := t.TempDir()
	t.Setenv("EQUIP_ID_KEY", "") // no key given: one is made beside the warehouse
	writeFile(t, dir, "staff-2025-03-31.csv", goodCSV)
	p := writeFile(t, dir, "p.yaml", "name: private\ninputs:\n  workforce:\n    - path: staff-2025-03-31.csv\noutputs: [tables]\n")
	db := filepath.Join(dir, "data", "equip.duckdb")
	if code, _, stderr := equip(t, "run", p, "--out", filepath.Join(dir, "out"), "--db", db, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{db, filepath.Join(dir, "data", "equip.key")} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(f), info.Mode().Perm())
		}
	}
	if _, err := os.Stat(db + ".lock"); err == nil {
		t.Error("the lock file outlived the run")
	}
}
