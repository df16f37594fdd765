package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScheduleOnce: `equip schedule --once` runs a pipeline that is due (it
// never ran) and publishes it; straight after, the same call finds it not
// due (its yearly schedule has not come round) and publishes nothing.
func TestScheduleOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	dir := t.TempDir()
	t.Setenv("EQUIP_ID_KEY", "e2e-test-key")
	writeFile(t, dir, "staff-2025-03-31.csv", goodCSV)
	p := writeFile(t, dir, "yearly.yaml", "name: yearly\nschedule: \"0 6 1 5 *\"\noutputs: [tables]\ninputs:\n  workforce:\n    - path: staff-2025-03-31.csv\n")
	out, db := filepath.Join(dir, "out"), filepath.Join(dir, "w.duckdb")
	code, stdout, stderr := equip(t, "schedule", "--once", p, "--out", out, "--db", db)
	if code != 0 || !strings.Contains(stdout, "published yearly") {
		t.Fatalf("first --once: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "tables", "profile.csv")); err != nil {
		t.Fatal("the due pipeline published nothing")
	}
	os.RemoveAll(out)
	code, stdout, stderr = equip(t, "schedule", "--once", p, "--out", out, "--db", db)
	if code != 0 || !strings.Contains(stdout, "not due") {
		t.Fatalf("second --once: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a pipeline that was not due published")
	}
	// A pipeline without a schedule is a configuration error.
	np := writeFile(t, dir, "none.yaml", "name: none\ninputs:\n  workforce:\n    - path: staff-2025-03-31.csv\n")
	if code, _, _ := equip(t, "schedule", "--once", np, "--db", db); code != 2 {
		t.Errorf("no schedule: exit %d, want 2", code)
	}
}
