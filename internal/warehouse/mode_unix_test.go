//go:build unix

package warehouse

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWarehouseFileMode(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	db := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("warehouse mode %v, want 0600 even with umask 0", info.Mode().Perm())
	}
}
