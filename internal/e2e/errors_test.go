package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/warehouse"
)

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodCSV = "Employee Number,Gender,Pay Grade,Ethnic Origin\n" +
	"E1,F,Grade 1,White - British\nE2,M,Grade 1,White - British\nE3,F,Grade 2,Indian\nE4,F,Grade 2,White - Irish\n" +
	"E5,M,Grade 2,White - British\nE6,F,Grade 1,Prefer not to say\n"

// snapshotsIn lists the snapshot dates held by a warehouse file.
func snapshotsIn(t *testing.T, db string) []string {
	t.Helper()
	w, err := warehouse.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("the warehouse does not open: %v", err)
	}
	defer w.Close()
	snaps, err := w.Snapshots(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range snaps {
		out = append(out, s.Date.Format("2006-01-02"))
	}
	return out
}

// TestBadInputPublishesNothing: a missing required column exits 3 with one
// line naming file, field and the closest header; a corrupt XLSX exits
// non-zero; either way the previous outputs and the warehouse stay as they were.
func TestBadInputPublishesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	dir := t.TempDir()
	t.Setenv("EQUIP_ID_KEY", "e2e-test-key")
	db := filepath.Join(dir, "w.duckdb")
	out := filepath.Join(dir, "out")
	writeFile(t, dir, "staff-2025-03-31.csv", goodCSV)
	good := writeFile(t, dir, "good.yaml", "name: good\ninputs:\n  workforce:\n    - path: staff-2025-03-31.csv\n")
	if code, _, stderr := equip(t, "run", good, "--out", out, "--db", db, "--quiet"); code != 0 {
		t.Fatalf("good run exited %d: %s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "tables", "profile.csv"))

	writeFile(t, dir, "staff-2024-03-31.csv", "Staff Ref,Gender,Pay Grade\nA1,F,Grade 1\nA2,M,Grade 2\n")
	noID := writeFile(t, dir, "noid.yaml", "name: good\ninputs:\n  workforce:\n    - path: staff-2024-03-31.csv\n    - path: staff-2025-03-31.csv\n")
	code, _, stderr := equip(t, "run", noID, "--out", out, "--db", db, "--quiet")
	if code != 3 {
		t.Errorf("missing employee_id: exit %d, want 3 (%s)", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "staff-2024-03-31.csv") || !strings.Contains(lines[0], "employee_id") || !strings.Contains(lines[0], `"Staff Ref"`) {
		t.Errorf("want one line naming the file, the field and the closest header; got:\n%s", stderr)
	}

	writeFile(t, dir, "staff-2023-03-31.xlsx", "PK\x03\x04 this is not really a workbook")
	corrupt := writeFile(t, dir, "corrupt.yaml", "name: good\ninputs:\n  workforce:\n    - path: staff-2023-03-31.xlsx\n    - path: staff-2025-03-31.csv\n")
	code, _, stderr = equip(t, "run", corrupt, "--out", out, "--db", db, "--quiet")
	if code == 0 || !strings.Contains(stderr, "staff-2023-03-31.xlsx") || strings.Contains(stderr, "goroutine") {
		t.Errorf("corrupt XLSX: exit %d, stderr %q", code, stderr)
	}

	after, err := os.ReadFile(filepath.Join(out, "tables", "profile.csv"))
	if err != nil || string(after) != string(before) {
		t.Error("a failed run changed the published outputs")
	}
	if got := snapshotsIn(t, db); len(got) != 1 || got[0] != "2025-03-31" {
		t.Errorf("warehouse snapshots %v after failed runs, want only 2025-03-31", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".out.*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// TestConfigErrors: an unknown key names the nearest valid key; exit 2.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.yaml", "name: x\ninputs:\n  workforce:\n    - path: a.csv\nanalysys:\n  age_bands: [16]\n")
	code, _, stderr := equip(t, "validate", p)
	if code != 2 || !strings.Contains(stderr, `"analysys"`) || !strings.Contains(stderr, `"analysis"`) || !strings.Contains(stderr, "p.yaml:5") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	p = writeFile(t, dir, "q.yaml", "name: x\ninputs:\n  workforce:\n    - path: missing-*.csv\n")
	code, _, stderr = equip(t, "validate", p)
	if code != 2 || !strings.Contains(stderr, "matches no file") {
		t.Errorf("glob matching nothing: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := equip(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}
