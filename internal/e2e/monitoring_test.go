package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runPipeline runs a shipped pipeline into a temporary folder.
func runPipeline(t *testing.T, name string, args ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	t.Setenv("EQUIP_ID_KEY", "e2e-test-key")
	all := append([]string{"run", filepath.Join(root(t), "pipelines", name), "--out", out, "--db", filepath.Join(dir, "w.duckdb"), "--quiet"}, args...)
	if code, _, stderr := equip(t, all...); code != 0 {
		t.Fatalf("equip %v exited %d: %s", all, code, stderr)
	}
	return out
}

// TestQuarterlyDashboardTwoQuarters: the same pipeline file gives two
// different quarters with --as-of, and each writes a dashboard and tables.
func TestQuarterlyDashboardTwoQuarters(t *testing.T) {
	for _, c := range []struct{ asOf, period string }{{"2025-06-30", "2025/26 Q1"}, {"2025-09-30", "2025/26 Q2"}} {
		out := runPipeline(t, "quarterly-dashboard.yaml", "--as-of", c.asOf)
		if !checkDashboard(t, filepath.Join(out, "dashboard.html")) {
			t.Log("chromium not installed: the dashboard was not loaded")
		}
		for _, name := range []string{"turnover", "recruitment", "casework"} {
			rows := readCSV(t, filepath.Join(out, "tables", name+".csv"))
			if len(rows) < 2 {
				t.Errorf("%s: %s has no rows", c.asOf, name)
				continue
			}
			if rows[1][0] != c.period {
				t.Errorf("%s: %s period %q, want %q", c.asOf, name, rows[1][0], c.period)
			}
		}
		profile := readCSV(t, filepath.Join(out, "tables", "profile.csv"))
		if profile[1][0] != c.asOf {
			t.Errorf("profile snapshot %s, want %s", profile[1][0], c.asOf)
		}
	}
}

// TestBoardPack: the pack's text shows the summary sentences with the
// demo's figures and every section heading.
func TestBoardPack(t *testing.T) {
	out := runPipeline(t, "board-pack.yaml")
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (CI installs poppler-utils)")
	}
	text, err := exec.Command("pdftotext", filepath.Join(out, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Join(strings.Fields(string(text)), " ")
	rec := readCSV(t, filepath.Join(out, "tables", "recruitment.csv"))
	rl := lookup(t, rec, "relative_likelihood", "characteristic", "ethnic_minority", "category", "Ethnic minority")
	if want := "Ethnic minority applicants were " + rl + " times less likely than White applicants to be appointed from shortlisting"; !strings.Contains(s, want) {
		t.Errorf("the board pack lacks %q", want)
	}
	for _, heading := range []string{"Targets", "Pay", "Recruitment", "Leavers", "Casework", "Training", "Staff survey", "Action plan", "Methodology"} {
		if !strings.Contains(s, heading) {
			t.Errorf("the board pack lacks the heading %q", heading)
		}
	}
}
