package e2e

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// badWant is a case's want.txt (testdata/bad/README.md).
type badWant struct {
	exit, strict int
	hasStrict    bool
	stderr       []string
	quality      []string
	noQuality    []string
	secrets      []string
	env          []string
}

func readWant(t *testing.T, path string) badWant {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	w := badWant{exit: -1}
	for _, line := range strings.Split(string(b), "\n") {
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "":
		case "exit", "strict":
			n, err := strconv.Atoi(val)
			if err != nil {
				t.Fatalf("%s: %q", path, line)
			}
			if key == "exit" {
				w.exit = n
			} else {
				w.strict, w.hasStrict = n, true
			}
		case "stderr":
			w.stderr = append(w.stderr, val)
		case "quality":
			w.quality = append(w.quality, val)
		case "noquality":
			w.noQuality = append(w.noQuality, val)
		case "secret":
			w.secrets = append(w.secrets, val)
		case "env":
			w.env = append(w.env, val)
		default:
			t.Fatalf("%s: unknown line %q", path, line)
		}
	}
	if w.exit < 0 {
		t.Fatalf("%s: no exit line", path)
	}
	return w
}

// generated makes the inputs of the cases whose files are awkward to commit.
var generated = map[string]func(t *testing.T, dir string){
	"binary-junk-csv": func(t *testing.T, dir string) {
		junk := make([]byte, 4096)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range junk {
			junk[i] = byte(r.IntN(256))
		}
		junk[10] = 0
		put(t, dir, "staff-2025-03-31.csv", junk)
	},
	"xlsx-named-csv": func(t *testing.T, dir string) {
		put(t, dir, "staff-2025-03-31.csv", goodWorkbook(t, excelize.Options{}))
	},
	"missing-sheet": func(t *testing.T, dir string) {
		put(t, dir, "staff-2025-03-31.xlsx", goodWorkbook(t, excelize.Options{}))
	},
	"empty-sheet": func(t *testing.T, dir string) {
		put(t, dir, "staff-2025-03-31.xlsx", workbookOf(t, nil, excelize.Options{}))
	},
	"truncated-xlsx": func(t *testing.T, dir string) {
		b := goodWorkbook(t, excelize.Options{})
		put(t, dir, "staff-2025-03-31.xlsx", b[:len(b)*2/3])
	},
	"corrupt-xlsx": func(t *testing.T, dir string) {
		// The zip's directory is intact, but the sheet's compressed data is overwritten.
		b := goodWorkbook(t, excelize.Options{})
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if strings.HasPrefix(f.Name, "xl/worksheets/") {
				off, err := f.DataOffset()
				if err != nil {
					t.Fatal(err)
				}
				for i := off; i < off+int64(f.CompressedSize64) && i < int64(len(b)); i++ {
					b[i] ^= 0x5A
				}
			}
		}
		put(t, dir, "staff-2025-03-31.xlsx", b)
	},
	"password-xlsx": func(t *testing.T, dir string) {
		put(t, dir, "staff-2025-03-31.xlsx", goodWorkbook(t, excelize.Options{Password: "secret"}))
	},
	"zip-bomb": func(t *testing.T, dir string) {
		// 5 MB of blanks inside the sheet: a few KB zipped, far past the
		// 1 MB limit the case sets with EQUIP_MAX_UNZIP.
		b := goodWorkbook(t, excelize.Options{})
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(rc)
			rc.Close()
			if strings.HasPrefix(f.Name, "xl/worksheets/") {
				part = bytes.Replace(part, []byte("</worksheet>"), append(bytes.Repeat([]byte(" "), 5<<20), "</worksheet>"...), 1)
			}
			w, _ := zw.Create(f.Name)
			w.Write(part)
		}
		zw.Close()
		if out.Len() > 64<<10 {
			t.Fatalf("the bomb is %d bytes zipped", out.Len())
		}
		put(t, dir, "staff-2025-03-31.xlsx", out.Bytes())
	},
	"yaml-binary": func(t *testing.T, dir string) {
		put(t, dir, "pipeline.yaml", []byte("name: \x00\x01\x02\xff\xfe binary"))
	},
	"huge-cell": func(t *testing.T, dir string) {
		csv := "Employee Number,Gender,Pay Grade,Department\nE1,F,Grade 1,Finance\nE2,M,Grade 1," + strings.Repeat("x", 10<<20) +
			"\nE3,F,Grade 2,Highways\nE4,F,Grade 2,Highways\nE5,M,Grade 2,Libraries\n"
		put(t, dir, "staff-2025-03-31.csv", []byte(csv))
	},
}

func put(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// workbookOf returns an XLSX whose sheet "Staff" holds rows.
func workbookOf(t *testing.T, rows [][]any, save excelize.Options) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Staff"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Staff", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, save); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func goodWorkbook(t *testing.T, save excelize.Options) []byte {
	return workbookOf(t, [][]any{
		{"Employee Number", "Gender", "Pay Grade", "Ethnic Origin"},
		{"E1", "F", "Grade 1", "White - British"}, {"E2", "M", "Grade 1", "Indian"}, {"E3", "F", "Grade 2", "White - Irish"},
		{"E4", "F", "Grade 2", "White - British"}, {"E5", "M", "Grade 2", "Prefer not to say"},
	}, save)
}

// problemLine is one line of an error: a file name (no spaces), optional
// :SHEET, :ROW and :COLUMN parts, then ": " and the problem.
var problemLine = regexp.MustCompile(`^[^\s:]+(:[^:]+)*: \S`)

const badPipeline = "name: bad\ninputs:\n  workforce:\n    - path: staff-2025-03-31.*\noutputs: [tables]\n"

var (
	baseOnce sync.Once
	baseDB   string
)

// baseWarehouse returns a warehouse holding one good snapshot, 2024-03-31,
// made once; each case runs on a copy of it.
func baseWarehouse(t *testing.T) string {
	t.Helper()
	baseOnce.Do(func() {
		dir, err := os.MkdirTemp(binDir, "base-")
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "staff-2024-03-31.csv", goodCSV)
		p := writeFile(t, dir, "p.yaml", "name: base\ninputs:\n  workforce:\n    - path: staff-2024-03-31.csv\noutputs: [tables]\n")
		db := filepath.Join(dir, "w.duckdb")
		if code, stderr := run(t, dir, childEnv("bad-corpus-key"), "run", p, "--out", filepath.Join(dir, "out"), "--db", db, "--quiet"); code != 0 {
			t.Fatalf("the base run exited %d: %s", code, stderr)
		}
		baseDB = db
	})
	if baseDB == "" {
		t.Fatal("no base warehouse")
	}
	return baseDB
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBadInputCorpus runs every case of testdata/bad: never a crash; a
// file-level problem exits 2 or 3 with one line per problem and publishes
// nothing; a row-level problem is listed in data-quality.csv by file, row
// and column, never with the person's value, and fails the run with --strict.
func TestBadInputCorpus(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join(root(t), "testdata", "bad", "*", "want.txt"))
	if err != nil || len(cases) < 30 {
		t.Fatalf("%d cases in testdata/bad, want at least 30 (%v)", len(cases), err)
	}
	db := baseWarehouse(t)
	for _, wantPath := range cases {
		src := filepath.Dir(wantPath)
		name := filepath.Base(src)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want := readWant(t, wantPath)
			dir := filepath.Join(t.TempDir(), "project", name)
			copyDir(t, src, dir)
			os.Remove(filepath.Join(dir, "want.txt"))
			if gen := generated[name]; gen != nil {
				gen(t, dir)
			}
			if _, err := os.Stat(filepath.Join(dir, "pipeline.yaml")); err != nil {
				put(t, dir, "pipeline.yaml", []byte(badPipeline))
			}
			b, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			put(t, dir, "w.duckdb", b)
			env := childEnv("bad-corpus-key", want.env...)
			args := []string{"run", "pipeline.yaml", "--out", "out", "--db", "w.duckdb", "--quiet"}

			code, stderr := run(t, dir, env, args...)
			t.Logf("exit %d; stderr:\n%s", code, stderr)
			noCrash(t, stderr)
			if code != want.exit {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, want.exit, stderr)
			}
			for _, s := range want.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			out := filepath.Join(dir, "out")
			if code != 0 {
				for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
					if !problemLine.MatchString(line) {
						t.Errorf("stderr line %q is not `FILE[:SHEET][:ROW][:COLUMN]: problem`", line)
					}
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("a failed run published outputs")
				}
				if got := snapshotsIn(t, filepath.Join(dir, "w.duckdb")); len(got) != 1 || got[0] != "2024-03-31" {
					t.Errorf("warehouse snapshots %v after a failed run, want only 2024-03-31", got)
				}
				return
			}

			dq, err := os.ReadFile(filepath.Join(out, "data-quality.csv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range want.quality {
				if !strings.Contains(string(dq), s) {
					t.Errorf("data-quality.csv lacks %q:\n%s", s, dq)
				}
			}
			for _, s := range want.noQuality {
				if strings.Contains(string(dq), s) {
					t.Errorf("data-quality.csv holds %q:\n%s", s, dq)
				}
			}
			if len(dq) > 16<<10 {
				t.Errorf("data-quality.csv is %d bytes", len(dq))
			}
			for _, secret := range want.secrets {
				if strings.Contains(stderr, secret) {
					t.Errorf("stderr shows the value %q", secret)
				}
				filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(secret)) {
							t.Errorf("%s shows the value %q", d.Name(), secret)
						}
					}
					return nil
				})
			}
			if !want.hasStrict {
				return
			}
			manifest, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
			code, stderr = run(t, dir, env, append(args, "--strict")...)
			noCrash(t, stderr)
			if code != want.strict {
				t.Errorf("--strict: exit %d, want %d; stderr:\n%s", code, want.strict, stderr)
			}
			if again, _ := os.ReadFile(filepath.Join(out, "manifest.json")); code != 0 && !bytes.Equal(again, manifest) {
				t.Error("a failed strict run changed the published outputs")
			}
		})
	}
}
