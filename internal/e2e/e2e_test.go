// Package e2e runs the equip command line in-process on the shipped demo
// and on real public extracts, and checks what a user would see: the tidy
// tables against golden files and known figures, the PDF's text, the
// workbook re-opened, and the dashboard in headless Chromium.
package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/cli"
	"github.com/equip-project/equip/internal/testutil"
)

// root is the repository root.
func root(t testing.TB) string { return testutil.Root(t) }

// equip runs the command line in-process and returns its exit code and output.
func equip(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

var (
	demoOnce sync.Once
	demoOut  string
	demoErr  string
	demoCode int
)

// demo runs the annual pipeline on the demo inputs once per test binary.
func demo(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "equip-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		demoOut = filepath.Join(dir, "out")
		t.Setenv("EQUIP_ID_KEY", "e2e-test-key")
		demoCode, _, demoErr = equip(t, "run", filepath.Join(root(t), "pipelines", "annual-workforce-profile.yaml"),
			"--out", demoOut, "--db", filepath.Join(dir, "equip.duckdb"), "--quiet")
	})
	if demoCode != 0 {
		t.Fatalf("equip run exited %d: %s", demoCode, demoErr)
	}
	return demoOut
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// lookup returns the value of column in the row whose key columns match.
func lookup(t *testing.T, rows [][]string, column string, pairs ...string) string {
	t.Helper()
	idx := func(name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, rows[0])
		}
		return i
	}
	var found []string
	for _, r := range rows[1:] {
		ok := true
		for k := 0; k+1 < len(pairs); k += 2 {
			if r[idx(pairs[k])] != pairs[k+1] {
				ok = false
			}
		}
		if ok {
			found = append(found, r[idx(column)])
		}
	}
	if len(found) != 1 {
		t.Fatalf("%v: %d rows match, want 1", pairs, len(found))
	}
	return found[0]
}

// TestDemoGolden pins every tidy table of the demo against testdata; run
// `make golden` to regenerate after a deliberate change.
func TestDemoGolden(t *testing.T) {
	out := demo(t)
	goldenDir := filepath.Join(root(t), "testdata", "cases", "annual-demo", "tables")
	got, _ := filepath.Glob(filepath.Join(out, "tables", "*.csv"))
	if len(got) == 0 {
		t.Fatal("no tables written")
	}
	if os.Getenv("EQUIP_UPDATE_GOLDEN") != "" {
		os.RemoveAll(goldenDir)
		os.MkdirAll(goldenDir, 0o755)
		for _, p := range got {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(goldenDir, filepath.Base(p)), b, 0o644)
		}
	}
	want, _ := filepath.Glob(filepath.Join(goldenDir, "*.csv"))
	if len(want) != len(got) {
		t.Errorf("%d tables written, %d golden", len(got), len(want))
	}
	for _, w := range want {
		g := filepath.Join(out, "tables", filepath.Base(w))
		wb, _ := os.ReadFile(w)
		gb, err := os.ReadFile(g)
		if err != nil {
			t.Errorf("%s not written", filepath.Base(w))
			continue
		}
		if !bytes.Equal(wb, gb) {
			wl, gl := strings.Split(string(wb), "\n"), strings.Split(string(gb), "\n")
			for i := range min(len(wl), len(gl)) {
				if wl[i] != gl[i] {
					t.Errorf("%s line %d:\n got  %s\n want %s", filepath.Base(w), i+1, gl[i], wl[i])
					break
				}
			}
			if len(wl) != len(gl) {
				t.Errorf("%s: %d lines, want %d", filepath.Base(w), len(gl), len(wl))
			}
		}
	}
}

// TestDemoFiles checks that every file CONTRACT.md lists is written, and the manifest.
func TestDemoFiles(t *testing.T) {
	out := demo(t)
	for _, f := range []string{"workbook.xlsx", "report.pdf", "dashboard.html", "data-quality.csv", "manifest.json",
		"tables/profile.csv", "tables/profile.parquet", "tables/representation_by_grade.csv", "tables/senior_representation.csv",
		"tables/declaration.csv", "tables/benchmark.csv", "tables/targets.csv", "tables/trend.csv"} {
		if info, err := os.Stat(filepath.Join(out, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s: missing or empty", f)
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(out, "charts", "*.png"))
	if len(pngs) < 5 {
		t.Errorf("%d chart PNGs, want at least 5", len(pngs))
	}
	var m struct {
		Pipeline string `json:"pipeline"`
		AsOf     string `json:"as_of"`
		Inputs   []struct {
			Path   string `json:"path"`
			Kind   string `json:"kind"`
			SHA256 string `json:"sha256"`
			Rows   *int   `json:"rows_read"`
		} `json:"inputs"`
		Outputs []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"outputs"`
		Timings map[string]float64 `json:"timings"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Pipeline != "annual-workforce-profile" || m.AsOf != "2025-03-31" {
		t.Errorf("manifest pipeline %q as_of %q", m.Pipeline, m.AsOf)
	}
	// Known figures: the demo generator builds a 2025 workforce of 6,425, 73% women.
	decl := readCSV(t, filepath.Join(out, "tables", "declaration.csv"))
	if got := lookup(t, decl, "total", "characteristic", "sex"); got != "6425" {
		t.Errorf("2025 headcount %s, want 6425", got)
	}
	profile := readCSV(t, filepath.Join(out, "tables", "profile.csv"))
	if got := lookup(t, profile, "percent", "characteristic", "sex", "category", "Female"); got != "73.00" {
		t.Errorf("female share %s, want 73.00", got)
	}
	workforce := 0
	for _, in := range m.Inputs {
		if len(in.SHA256) != 64 {
			t.Errorf("input %s has no sha256", in.Path)
		}
		if in.Kind == "workforce" && in.Rows != nil && *in.Rows > 6000 {
			workforce++
		}
		if filepath.IsAbs(in.Path) {
			t.Errorf("input path %s is absolute: the manifest must not carry machine paths", in.Path)
		}
	}
	if workforce != 5 {
		t.Errorf("%d workforce inputs with rows, want 5", workforce)
	}
	if len(m.Outputs) < 10 {
		t.Errorf("%d outputs in the manifest", len(m.Outputs))
	}
	for _, k := range []string{"ingest_s", "metrics_s", "outputs_s", "total_s"} {
		if _, ok := m.Timings[k]; !ok {
			t.Errorf("timings lack %s", k)
		}
	}
}

func TestDemoPDFText(t *testing.T) {
	out := demo(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (CI installs poppler-utils)")
	}
	text, err := exec.Command("pdftotext", "-layout", filepath.Join(out, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Join(strings.Fields(string(text)), " ")
	profile := readCSV(t, filepath.Join(out, "tables", "profile.csv"))
	senior := readCSV(t, filepath.Join(out, "tables", "senior_representation.csv"))
	women := oneDP(t, lookup(t, profile, "percent", "characteristic", "sex", "category", "Female"))
	womenSenior := oneDP(t, lookup(t, senior, "percent_of_senior", "characteristic", "sex", "category", "Female"))
	for _, want := range []string{
		"Shire County Council", "Key findings", "Targets", "Methodology",
		"Women are " + women + "% of all staff and hold " + womenSenior + "% of Grade 13+ posts",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	targets := readCSV(t, filepath.Join(out, "tables", "targets.csv"))
	for _, r := range targets[1:] {
		if !strings.Contains(s, r[slices.Index(targets[0], "status")]) {
			t.Errorf("the PDF lacks the status of target %s", r[0])
		}
	}
}

// oneDP rounds a CSV number to one decimal place as the reports print it.
func oneDP(t *testing.T, s string) string {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func TestDemoWorkbook(t *testing.T) {
	out := demo(t)
	f, err := excelize.OpenFile(filepath.Join(out, "workbook.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 3 || sheets[0] != "Cover" || sheets[1] != "Contents" || sheets[2] != "Notes" {
		t.Fatalf("sheets %v: want Cover, Contents, Notes first", sheets)
	}
	for _, s := range []string{"profile", "senior_representation", "targets"} {
		if !slices.Contains(sheets, s) {
			t.Errorf("no %s sheet", s)
		}
	}
	charts := 0
	for _, s := range sheets {
		if strings.HasPrefix(s, "Chart") {
			charts++
		}
	}
	if charts == 0 {
		t.Error("no chart sheet")
	}
	// Native charts: chart parts in the package, with alt text on their drawings.
	zr, err := zip.OpenReader(filepath.Join(out, "workbook.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	chartParts, described := 0, 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			chartParts++
		}
		if strings.HasPrefix(f.Name, "xl/drawings/drawing") && strings.HasSuffix(f.Name, ".xml") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(b, []byte(`descr="`)) {
				described++
			}
		}
	}
	if chartParts == 0 || described == 0 {
		t.Errorf("%d native chart parts, %d drawings with alt text", chartParts, described)
	}
	// The profile sheet holds the same number as the CSV.
	profile := readCSV(t, filepath.Join(out, "tables", "profile.csv"))
	rows, err := f.GetRows("profile")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 3 && r[1] == "sex" && r[2] == "Female" {
			found = strings.ReplaceAll(r[3], ",", "") == lookup(t, profile, "headcount", "characteristic", "sex", "category", "Female")
		}
	}
	if !found {
		t.Error("the workbook's profile sheet does not hold the CSV's female headcount")
	}
}

// TestDemoDashboardInChromium loads the dashboard with networking disabled
// and checks every chart rendered and no script error was logged.
func TestDemoDashboardInChromium(t *testing.T) {
	if !checkDashboard(t, filepath.Join(demo(t), "dashboard.html")) {
		t.Skip("chromium not installed (CI installs it)")
	}
}

// checkDashboard loads a dashboard in headless Chromium with networking
// disabled and checks it refers to no other host, draws every chart and
// logs no script error. It returns false, checking nothing, when Chromium
// is not installed.
func checkDashboard(t *testing.T, page string) bool {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		return false
	}
	html, _ := os.ReadFile(page)
	if bytes.Contains(html, []byte(`src="http`)) || bytes.Contains(html, []byte(`href="http`)) {
		t.Error("the dashboard refers to another host")
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-quic", "--user-data-dir="+t.TempDir(),
		"--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	if _, err := os.Stat(page); err != nil {
		t.Fatalf("no dashboard: %v", err)
	}
	charts := bytes.Count(html, []byte(`class="chart"`))
	rendered := bytes.Count(dom, []byte(`data-rendered="true"`))
	if charts == 0 || rendered < charts {
		t.Errorf("%d of %d charts rendered", rendered, charts)
	}
	if strings.Contains(stderr.String(), "Uncaught") {
		t.Errorf("script error in the console:\n%s", stderr.String())
	}
	return true
}

// TestProfileRealExtracts runs `equip profile` with no YAML on real open-data extracts.
func TestProfileRealExtracts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	real := testutil.RealData(t)
	t.Run("montgomery", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := equip(t, "profile", "--workforce", filepath.Join(real, "montgomery_county_md_employee_salaries_2023.csv"), "--out", out, "--quiet")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		profile := readCSV(t, filepath.Join(out, "tables", "profile.csv"))
		// Counted independently: the file has 4,362 F and 5,929 M in its Gender column.
		if got := lookup(t, profile, "headcount", "characteristic", "sex", "category", "Female"); got != "4362" {
			t.Errorf("female headcount %s, want 4362", got)
		}
		if got := lookup(t, profile, "headcount", "characteristic", "sex", "category", "Male"); got != "5929" {
			t.Errorf("male headcount %s, want 5929", got)
		}
		grades := readCSV(t, filepath.Join(out, "tables", "representation_by_grade.csv"))
		if len(grades) < 100 {
			t.Errorf("representation_by_grade has %d rows", len(grades))
		}
	})
	t.Run("huebner", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := equip(t, "profile", "--workforce", filepath.Join(real, "huebner_HRDataset_v14.csv"), "--out", out, "--quiet")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		profile := readCSV(t, filepath.Join(out, "tables", "profile.csv"))
		// Counted independently: 176 rows with Sex "F", 135 with "M " (trailing space).
		if got := lookup(t, profile, "headcount", "characteristic", "sex", "category", "Female"); got != "176" {
			t.Errorf("female headcount %s, want 176", got)
		}
		dq, _ := os.ReadFile(filepath.Join(out, "data-quality.csv"))
		for _, label := range []string{"Two or more races", "American Indian or Alaska Native", "Hispanic"} {
			if !strings.Contains(string(dq), label) {
				t.Errorf("data-quality.csv does not list the unmapped label %q", label)
			}
		}
	})
}
