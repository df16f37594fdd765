package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/census"
	"github.com/equip-project/equip/internal/testutil"
)

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"unknown flag", []string{"-outt", "x"}, 2, "flag provided but not defined: -outt"},
		{"argument", []string{"extra"}, 2, `unexpected argument "extra"`},
		{"bad seed", []string{"-seed", "abc"}, 2, "invalid value"},
		{"help", []string{"-h"}, 0, "-census-from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tt.err)
			}
		})
	}
}

func TestRunWritesInputs(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"-out", out}
	real := testutil.FindRealData(t)
	if real != "" {
		args = append(args, "-census-from", real)
	}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// Five annual snapshots, two quarterly ones, seven monitoring files and
	// their README.
	for _, tt := range []struct {
		pattern string
		want    int
	}{
		{"workforce/staff-*", 5},
		{"workforce/quarterly/staff-*.csv", 2},
		{"monitoring/*", 8},
	} {
		files, err := filepath.Glob(filepath.Join(out, tt.pattern))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != tt.want {
			t.Errorf("%d files match %s, want %d", len(files), tt.pattern, tt.want)
		}
	}
	if !strings.Contains(stdout.String(), filepath.Join(out, "monitoring")) {
		t.Errorf("stdout %q does not name the monitoring folder", stdout.String())
	}
	if real == "" {
		t.Log("no real data folder: census extraction not exercised")
		return
	}
	for _, src := range census.DemoSources {
		if _, err := os.Stat(filepath.Join(out, "census", census.ExtractName(src))); err != nil {
			t.Errorf("census extract missing: %v", err)
		}
	}
}

func TestRunCensusFromMissingFolder(t *testing.T) {
	var stdout, stderr bytes.Buffer
	out := t.TempDir()
	code := run([]string{"-out", out, "-census-from", filepath.Join(out, "no-such-folder")}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "no-such-folder") {
		t.Errorf("exit %d, stderr %q; want 1 naming the missing file", code, stderr.String())
	}
}
