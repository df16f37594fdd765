// Package testutil holds what several packages' tests share: finding the
// repository root and the real public data sets beside it.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the repository root: the nearest folder above the test's
// working folder that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// FindRealData returns the folder of real public data sets kept beside the
// repository (../shared/data/real), or "" when it is absent, for tests that
// run either way and only do more with the data.
func FindRealData(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(Root(t), "..", "shared", "data", "real")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// RealData is FindRealData for tests that need the data: it skips the test
// when the folder is absent.
func RealData(t testing.TB) string {
	t.Helper()
	dir := FindRealData(t)
	if dir == "" {
		t.Skip("the real data sets are not beside the repository")
	}
	return dir
}
