package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/cli"
	"github.com/equip-project/equip/internal/testutil"
)

// asEquip makes the test binary act as the equip command line, so the smoke
// run can start it as the benchmark starts bin/equip.
const asEquip = "EQUIP_BENCH_AS_EQUIP"

func TestMain(m *testing.M) {
	if os.Getenv(asEquip) == "1" {
		os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestSmoke runs the benchmark at 10,000 rows: extracts written, the
// annual pipeline run on each, and, where pandas is installed, the
// reference run and its numbers checked against equip's.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("the benchmark smoke run is skipped in -short mode")
	}
	root := testutil.Root(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "results.md")
	var stdout, stderr strings.Builder
	start := time.Now()
	code := run(context.Background(), []string{
		"-sizes", "10000",
		"-pipeline", filepath.Join(root, "pipelines", "annual-workforce-profile.yaml"),
		"-reference", filepath.Join(root, "bench", "reference.py"),
		"-out", report,
	}, &stdout, &stderr, equipCommand{path: exe, env: []string{asEquip + "=1"}})
	t.Logf("smoke run took %.1fs:\n%s", time.Since(start).Seconds(), stdout.String())
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"10,000 rows: generated", "xlsx", "csv", "rows/s", "peak RSS", "warehouse"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not mention %q", want)
		}
	}
	if strings.Contains(out, "reference: skipped") {
		t.Log("pandas and openpyxl are not installed: the reference was not run")
	} else if n := strings.Count(out, "same numbers"); n != 2 {
		t.Errorf("%d of 2 runs report the same numbers as the reference", n)
	}
	md, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(md), "\n"); lines != 4 {
		t.Errorf("the Markdown results have %d lines, want a header, a rule and 2 rows", lines)
	}
}
