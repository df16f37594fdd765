package warehouse

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
)

var snapshotDate = time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)

// loadPeople loads one snapshot of people with the given sexes.
func loadPeople(t *testing.T, w *Warehouse, sexes ...string) {
	t.Helper()
	_, err := w.Load(t.Context(), Snapshot{Date: snapshotDate, Source: "test", SHA256: "x", SettingsHash: "x"},
		func(emit func(*ingest.Record) error) (ingest.Summary, error) {
			for i, sex := range sexes {
				r := &ingest.Record{Row: i + 2, PersonKey: string(rune('a' + i)), Age: -1}
				r.Chars.Set(harmonise.Sex, sex)
				if err := emit(r); err != nil {
					return ingest.Summary{}, err
				}
			}
			return ingest.Summary{Rows: len(sexes)}, nil
		}, func() []quality.Problem { return nil })
	if err != nil {
		t.Fatal(err)
	}
}

func countStaff(t *testing.T, w *Warehouse) int {
	t.Helper()
	var n int
	if err := w.Conn().QueryRowContext(t.Context(), "SELECT count(*) FROM staff").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A run that does not commit leaves the warehouse file as it was, byte for
// byte, and no working copy behind.
func TestRollbackLeavesTheFileUnchanged(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	before, _ := os.ReadFile(db)

	w, err = Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(t.Context()); err != nil {
		t.Fatal(err)
	}
	loadPeople(t, w, "Female", "Male")
	if err := w.Checkpoint(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := countStaff(t, w); n != 2 {
		t.Fatalf("the run sees %d staff rows, want 2", n)
	}
	w.Close() // without Commit

	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the warehouse file changed though the run did not commit")
	}
	for _, leftover := range []string{db + ".next", db + ".next.wal", db + ".wal"} {
		if _, err := os.Stat(leftover); err == nil {
			t.Errorf("%s left behind", filepath.Base(leftover))
		}
	}
}

// Commit puts the run's copy in the warehouse's place; a copy left by a
// killed run is replaced, not reused.
func TestCommitReplacesTheWarehouse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	if err := os.WriteFile(db+".next", []byte("left by a killed run"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(t.Context()); err != nil {
		t.Fatal(err)
	}
	loadPeople(t, w, "Female", "Male", "Female")
	if err := w.Commit(t.Context()); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := os.Stat(db + ".next"); err == nil {
		t.Error("the working copy is still there after the commit")
	}
	w, err = Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n := countStaff(t, w); n != 3 {
		t.Errorf("the warehouse holds %d staff rows after the commit, want 3", n)
	}
}

// A warehouse written with text characteristic columns (as equip wrote
// them before they became ENUMs) is upgraded by the next run, keeping its
// categories; a label that is no category becomes Not known.
func TestUpgradeTextColumnsToEnums(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []string{
		"ALTER TABLE staff ALTER COLUMN sex SET DATA TYPE VARCHAR",
		"ALTER TABLE staff ALTER COLUMN ethnicity SET DATA TYPE VARCHAR",
		`INSERT INTO staff (snapshot_date, person_key, sex, ethnicity) VALUES
			('2024-03-31', 'a', 'Female', 'White: Irish'), ('2024-03-31', 'b', 'Man', NULL), ('2024-03-31', 'c', NULL, 'Prefer not to say')`,
	} {
		if _, err := w.Conn().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()

	w, err = Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	w.Close()
	w, err = Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var sexType string
	if err := w.Conn().QueryRowContext(ctx, "SELECT data_type FROM duckdb_columns() WHERE table_name = 'staff' AND column_name = 'sex'").Scan(&sexType); err != nil {
		t.Fatal(err)
	}
	if sexType != "ENUM('Female', 'Male', 'Prefer not to say', 'Not known')" {
		t.Errorf("sex is %s after the upgrade", sexType)
	}
	rows, err := w.Conn().QueryContext(ctx, "SELECT person_key, coalesce(sex::VARCHAR, '-'), coalesce(ethnicity::VARCHAR, '-') FROM staff ORDER BY person_key")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var k, sex, eth string
		if err := rows.Scan(&k, &sex, &eth); err != nil {
			t.Fatal(err)
		}
		got = append(got, k+"|"+sex+"|"+eth)
	}
	want := []string{"a|Female|White: Irish", "b|Not known|-", "c|-|Prefer not to say"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
