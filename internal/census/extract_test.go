package census

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/testutil"
)

var update = flag.Bool("update", false, "re-extract inputs/census/ from the real census tables")

// realSources returns the paths of the demo's source tables, skipping the
// test when the real data folder is not beside the repository.
func realSources(t *testing.T) []string {
	t.Helper()
	real := testutil.RealData(t)
	var paths []string
	for _, s := range DemoSources {
		paths = append(paths, filepath.Join(real, s))
	}
	return paths
}

func demoFiles(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(testutil.Root(t), "inputs", "census")
	var paths []string
	for _, s := range DemoSources {
		paths = append(paths, filepath.Join(dir, ExtractName(s)))
	}
	return paths
}

// TestExtractMatchesCommittedDemo re-cuts the demo benchmark from the real
// tables and checks the committed copies are byte for byte the same.
// `go test ./internal/census -run TestExtractMatchesCommittedDemo -update`
// rewrites them.
func TestExtractMatchesCommittedDemo(t *testing.T) {
	sources := realSources(t)
	dst := t.TempDir()
	if *update {
		dst = filepath.Join(testutil.Root(t), "inputs", "census")
	}
	if err := Extract(sources, dst, DemoAreas); err != nil {
		t.Fatal(err)
	}
	for _, committed := range demoFiles(t) {
		want, err := os.ReadFile(committed)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dst, filepath.Base(committed)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh extract; regenerate with -update", filepath.Base(committed))
		}
	}
}

func TestExtractKeepsBytes(t *testing.T) {
	dir := t.TempDir()
	// a byte order mark, CRLF line endings, a quoted cell with a line break
	// and a last row without a line ending
	src := "\xef\xbb\xbfArea Code,Area,Sex (2 categories) Code,Sex (2 categories),Observation\r\n" +
		"E1,\"One,\nTown\",1,Female,10\r\n" +
		"E2,Two,1,Female,20\r\n" +
		"E1,\"One,\nTown\",2,Male,30"
	path := filepath.Join(dir, "census2021_ltla_sex.csv")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := Extract([]string{path}, out, []string{"E1"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "leicestershire-sex.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "\xef\xbb\xbfArea Code,Area,Sex (2 categories) Code,Sex (2 categories),Observation\r\n" +
		"E1,\"One,\nTown\",1,Female,10\r\n" +
		"E1,\"One,\nTown\",2,Male,30"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}

	err = Extract([]string{path}, out, []string{"E3"})
	if err == nil || !strings.Contains(err.Error(), `geography code "E3" is not in column "Area Code"`) {
		t.Errorf("missing geography: got error %v", err)
	}
}

func TestExtractName(t *testing.T) {
	for src, want := range map[string]string{
		"census2021_ltla_sexual_orientation_by_ethnic_group.csv": "leicestershire-sexual_orientation_by_ethnic_group.csv",
		"dir/census2021_ts007_age_single_year_ltla.csv":          "leicestershire-ts007_age_single_year.csv",
		"census2021_ltla_gender_identity_by_ethnic_group.csv":    "leicestershire-gender_identity_by_ethnic_group.csv",
	} {
		if got := ExtractName(src); got != want {
			t.Errorf("ExtractName(%q) = %q, want %q", src, got, want)
		}
	}
}
