// Command scale is equip's benchmark (make bench). It generates workforce
// extracts of each size as XLSX and CSV (bench/gen), runs the annual
// pipeline on each with the equip binary, and in the same run times the
// pandas/openpyxl reference (bench/reference.py) on the same files and the
// bare inflation of the worksheet XML (unzip -p), checks that equip and the
// reference publish the same numbers, and prints every figure.
//
//	go run ./bench/scale [-sizes 10000,100000,1000000] [-equip bin/equip] [-python python3] [-out FILE]
//
// Exit codes: 0 done, 1 a run failed or the numbers differ, 2 bad usage.
package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/equip-project/equip/bench/gen"
	"github.com/equip-project/equip/internal/harmonise"
)

func main() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, equipCommand{})) }

// equipCommand is how the equip command line is started: a binary, or
// (in the smoke test) another program with extra environment.
type equipCommand struct {
	path string
	env  []string
}

// config is what the flags set.
type config struct {
	sizes     []int
	python    string
	reference string
	pipeline  string // the annual pipeline whose settings every run uses
	work      string
	out       string
	seed      uint64
	keep      bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, equip equipCommand) int {
	flags := flag.NewFlagSet("scale", flag.ContinueOnError)
	flags.SetOutput(stderr)
	sizes := flags.String("sizes", "10000,100000,1000000", "extract sizes in rows, comma-separated")
	equipPath := flags.String("equip", "bin/equip", "the equip binary to run")
	var c config
	flags.StringVar(&c.python, "python", "python3", "the Python with pandas and openpyxl for the reference (else /usr/bin/python3 is tried, where Debian's python3-pandas lives)")
	flags.StringVar(&c.reference, "reference", "bench/reference.py", "the pandas reference script")
	flags.StringVar(&c.pipeline, "pipeline", "pipelines/annual-workforce-profile.yaml", "the pipeline whose settings each run uses (its inputs are replaced)")
	flags.StringVar(&c.work, "work", "", "folder for the extracts and outputs (default a temporary folder, removed after)")
	flags.StringVar(&c.out, "out", "", "also write the results as a Markdown table to this file")
	flags.Uint64Var(&c.seed, "seed", 1, "generator seed")
	flags.BoolVar(&c.keep, "keep", false, "keep the temporary folder")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "scale: -sizes: %q is not a number of rows\n", s)
			return 2
		}
		c.sizes = append(c.sizes, n)
	}
	if equip.path == "" {
		equip.path = *equipPath
	}
	if _, err := os.Stat(equip.path); err != nil {
		fmt.Fprintf(stderr, "scale: the equip binary %s is missing (run make build): %v\n", equip.path, err)
		return 2
	}
	results, err := bench(ctx, c, equip, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "scale: %v\n", err)
		return 1
	}
	if c.out != "" {
		if err := os.WriteFile(c.out, []byte(markdown(results)), 0o644); err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
	}
	for _, r := range results {
		if r.mismatch != "" {
			return 1
		}
	}
	return 0
}

// result is one size and format.
type result struct {
	rows             int
	format           string
	fileBytes        int64
	sheetXMLBytes    int64 // the inflated worksheet (XLSX)
	ingest           float64
	metrics, outputs float64
	total            float64 // the run's wall time, process start to exit
	peakRSS          int64   // bytes
	warehouse        int64   // bytes
	refRead          float64 // the reference's read time (0: not run)
	refCompute       float64
	floor            float64 // unzip -p of the worksheet XML (0: not measured)
	compared         int     // cells compared with the reference
	suppressed       int     // cells equip publishes as [c], not compared
	mismatch         string
}

func bench(ctx context.Context, c config, equip equipCommand, stdout io.Writer) ([]result, error) {
	start := time.Now()
	work := c.work
	if work != "" {
		if err := os.MkdirAll(work, 0o755); err != nil {
			return nil, err
		}
	} else {
		dir, err := os.MkdirTemp("", "equip-bench-")
		if err != nil {
			return nil, err
		}
		work = dir
		if !c.keep {
			defer os.RemoveAll(dir)
		}
	}
	settings, err := pipelineSettings(c.pipeline)
	if err != nil {
		return nil, err
	}
	python, why := findPython(ctx, c.python)
	fmt.Fprintf(stdout, "equip benchmark: %d CPUs, %s/%s, %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, time.Now().UTC().Format(time.DateOnly))
	if python == "" {
		fmt.Fprintf(stdout, "reference: skipped (%s)\n", why)
	}
	unzip, _ := exec.LookPath("unzip")
	if unzip == "" {
		fmt.Fprintln(stdout, "floor: skipped (no unzip on the PATH)")
	}

	pool, err := gen.Templates()
	if err != nil {
		return nil, err
	}
	spec, err := pool.Spec(harmonise.DefaultAgeBands)
	if err != nil {
		return nil, err
	}
	specPath := filepath.Join(work, "spec.json")
	if err := writeJSON(specPath, spec); err != nil {
		return nil, err
	}
	var results []result
	for _, n := range c.sizes {
		dir := filepath.Join(work, strconv.Itoa(n))
		t := time.Now()
		ext, err := pool.Write(dir, n, c.seed)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "\n%s rows: generated in %.1fs\n", thousands(n), time.Since(t).Seconds())
		sheetBytes, floor := 0.0, 0.0
		if unzip != "" {
			if sheetBytes, floor, err = inflateFloor(ctx, unzip, ext.XLSX); err != nil {
				return nil, err
			}
		}
		for _, format := range []string{"xlsx", "csv"} {
			file := ext.XLSX
			if format == "csv" {
				file = ext.CSV
			}
			r := result{rows: n, format: format}
			if info, err := os.Stat(file); err == nil {
				r.fileBytes = info.Size()
			}
			if format == "xlsx" {
				r.sheetXMLBytes, r.floor = int64(sheetBytes), floor
			}
			if err := runEquip(ctx, equip, settings, dir, file, format, &r); err != nil {
				return nil, err
			}
			if python != "" {
				if err := runReference(ctx, python, c.reference, specPath, dir, file, format, &r); err != nil {
					return nil, err
				}
			}
			fmt.Fprintln(stdout, describe(r))
			results = append(results, r)
		}
	}
	fmt.Fprintf(stdout, "\n%s", table(results))
	fmt.Fprintf(stdout, "\nbenchmark took %.0fs\n", time.Since(start).Seconds())
	return results, nil
}

// pipelineSettings reads the pipeline whose settings (analysis, suppression,
// targets, outputs, census) every run uses, with census paths made
// absolute. It is kept as a YAML tree so that dates stay as written.
func pipelineSettings(path string) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the pipeline: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a pipeline", path)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	if paths := lookup(lookup(lookup(doc.Content[0], "inputs"), "census"), "path"); paths != nil {
		for _, n := range append([]*yaml.Node{paths}, paths.Content...) {
			if n.Kind == yaml.ScalarNode && !filepath.IsAbs(n.Value) {
				n.Value = filepath.Join(dir, n.Value)
			}
		}
	}
	return doc.Content[0], nil
}

// lookup is the value of key in a mapping node (nil when absent).
func lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// withKey returns a copy of mapping m with key set to value (nil: removed).
func withKey(m *yaml.Node, key string, value any) (*yaml.Node, error) {
	out := *m
	out.Content = nil
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			out.Content = append(out.Content, m.Content[i], m.Content[i+1])
		}
	}
	if value == nil {
		return &out, nil
	}
	var k, v yaml.Node
	if err := k.Encode(key); err != nil {
		return nil, err
	}
	if n, ok := value.(*yaml.Node); ok {
		v = *n
	} else if err := v.Encode(value); err != nil {
		return nil, err
	}
	out.Content = append(out.Content, &k, &v)
	return &out, nil
}

// runEquip runs the annual pipeline on one extract and reads its manifest.
func runEquip(ctx context.Context, equip equipCommand, settings *yaml.Node, dir, file, format string, r *result) error {
	name := fmt.Sprintf("bench-%d-%s", r.rows, format)
	input := map[string]string{"path": file}
	if format == "xlsx" {
		input["sheet"] = gen.SheetName
	} else {
		input["encoding"], input["delimiter"] = "windows-1252", ";"
	}
	inputs := &yaml.Node{Kind: yaml.MappingNode}
	inputs, err := withKey(inputs, "workforce", []map[string]string{input})
	if err != nil {
		return err
	}
	if census := lookup(lookup(settings, "inputs"), "census"); census != nil {
		if inputs, err = withKey(inputs, "census", census); err != nil {
			return err
		}
	}
	p := settings
	for _, kv := range []struct {
		key   string
		value any
	}{
		{"name", name}, {"as_of", "latest"}, {"inputs", inputs},
		{"schedule", nil}, {"columns", nil}, // the extracts use the demo's XLSX headers, which need no aliases
	} {
		if p, err = withKey(p, kv.key, kv.value); err != nil {
			return err
		}
	}
	data, err := yaml.Marshal(p)
	if err != nil {
		return err
	}
	pipe := filepath.Join(dir, name+".yaml")
	if err := os.WriteFile(pipe, data, 0o644); err != nil {
		return err
	}
	out, db := filepath.Join(dir, name), filepath.Join(dir, name+".duckdb")
	// A fresh warehouse each time: a snapshot already loaded is not loaded again.
	for _, f := range []string{out, db, db + ".wal"} {
		if err := os.RemoveAll(f); err != nil {
			return err
		}
	}
	cmd := exec.CommandContext(ctx, equip.path, "run", pipe, "--out", out, "--db", db, "--quiet")
	cmd.Env = append(os.Environ(), equip.env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	t := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("equip run on %s: %v\n%s", filepath.Base(file), err, stderr.String())
	}
	r.total = time.Since(t).Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peakRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	var man struct {
		Timings struct {
			Ingest  float64 `json:"ingest_s"`
			Metrics float64 `json:"metrics_s"`
			Outputs float64 `json:"outputs_s"`
		} `json:"timings"`
	}
	raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		return fmt.Errorf("equip run on %s: %w", filepath.Base(file), err)
	}
	if err := json.Unmarshal(raw, &man); err != nil {
		return fmt.Errorf("manifest of %s: %w", filepath.Base(file), err)
	}
	r.ingest, r.metrics, r.outputs = man.Timings.Ingest, man.Timings.Metrics, man.Timings.Outputs
	for _, f := range []string{db, db + ".wal"} {
		if info, err := os.Stat(f); err == nil {
			r.warehouse += info.Size()
		}
	}
	return nil
}

// findPython returns a Python that has pandas and openpyxl, or why none.
func findPython(ctx context.Context, want string) (string, string) {
	for _, p := range []string{want, "/usr/bin/python3"} {
		if err := exec.CommandContext(ctx, p, "-c", "import pandas, openpyxl").Run(); err == nil {
			return p, ""
		}
	}
	return "", "no Python with pandas and openpyxl; install python3-pandas and python3-openpyxl"
}

// runReference times the pandas reference on one extract and compares its
// tables with equip's.
func runReference(ctx context.Context, python, script, spec, dir, file, format string, r *result) error {
	out := filepath.Join(dir, "reference-"+format)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, python, script, spec, file, out)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("reference on %s: %v\n%s", filepath.Base(file), err, stderr.String())
	}
	var t struct {
		Rows    int     `json:"rows"`
		Read    float64 `json:"read_s"`
		Compute float64 `json:"compute_s"`
	}
	if err := json.Unmarshal([]byte(stdout.String()), &t); err != nil {
		return fmt.Errorf("reference on %s: %v: %q", filepath.Base(file), err, stdout.String())
	}
	r.refRead, r.refCompute = t.Read, t.Compute
	tables := filepath.Join(dir, fmt.Sprintf("bench-%d-%s", r.rows, format), "tables")
	var err error
	r.compared, r.suppressed, r.mismatch, err = compareTables(tables, out)
	return err
}

// inflateFloor times unzip inflating the worksheet XML to /dev/null, and
// returns the XML's size: the least any XLSX reader must do.
func inflateFloor(ctx context.Context, unzip, xlsx string) (float64, float64, error) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, 0, err
	}
	defer null.Close()
	cmd := exec.CommandContext(ctx, unzip, "-p", xlsx, "xl/worksheets/sheet1.xml")
	cmd.Stdout = null
	t := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("unzip -p %s: %w", filepath.Base(xlsx), err)
	}
	floor := time.Since(t).Seconds()
	size, err := exec.CommandContext(ctx, unzip, "-Z", "-t", xlsx).Output()
	if err != nil {
		return 0, floor, nil
	}
	// "9 files, 63690942 bytes uncompressed, …": the sheet is nearly all of it.
	fields := strings.Fields(string(size))
	if len(fields) > 2 {
		v, _ := strconv.ParseFloat(fields[2], 64)
		return v, floor, nil
	}
	return 0, floor, nil
}

// compareTables checks equip's profile and representation_by_grade
// against the reference's: every count equip publishes must equal the
// reference's (a category missing there counts 0), every percentage must
// be the reference's rounded to 2 dp, and every category the reference
// counts must be in equip's table.
func compareTables(equipDir, refDir string) (compared, suppressed int, mismatch string, err error) {
	type spec struct {
		name     string
		key      []string
		counts   []string
		percents []string
	}
	for _, s := range []spec{
		{"profile", []string{"characteristic", "category"}, []string{"headcount"}, []string{"percent", "percent_of_declared"}},
		{"representation_by_grade", []string{"characteristic", "category", "grade"}, []string{"headcount", "grade_headcount"}, []string{"percent_of_grade"}},
	} {
		got, err := readTable(filepath.Join(equipDir, s.name+".csv"), s.key)
		if err != nil {
			return 0, 0, "", err
		}
		want, err := readTable(filepath.Join(refDir, s.name+".csv"), s.key)
		if err != nil {
			return 0, 0, "", err
		}
		for key, g := range got {
			w := want[key]
			for i, col := range s.counts {
				switch gv := g[col]; {
				case gv == "[c]":
					suppressed++
				case w == nil && i > 0:
					// a total beside a category nobody is in: compared on the category's other rows
				case w == nil && gv == "0":
					compared++
				case w == nil || gv != w[col]:
					return compared, suppressed, fmt.Sprintf("%s %s %s: equip %s, reference %s", s.name, key, col, gv, w[col]), nil
				default:
					compared++
				}
			}
			for _, col := range s.percents {
				gv, wv := g[col], ""
				if w != nil {
					wv = w[col]
				}
				gf, gerr := strconv.ParseFloat(gv, 64)
				wf, werr := strconv.ParseFloat(wv, 64)
				switch {
				case gerr != nil:
					// [c], [z] or blank: nothing published to compare
				case w == nil && gf == 0:
					compared++
				case werr != nil || math.Abs(gf-math.Round(wf*100)/100) > 0.0051:
					return compared, suppressed, fmt.Sprintf("%s %s %s: equip %s, reference %s", s.name, key, col, gv, wv), nil
				default:
					compared++
				}
			}
		}
		for key, w := range want {
			if w[s.counts[0]] != "0" && got[key] == nil {
				return compared, suppressed, fmt.Sprintf("%s %s: the reference counts %s, equip has no row", s.name, key, w[s.counts[0]]), nil
			}
		}
	}
	return compared, suppressed, "", nil
}

// readTable reads a CSV table into rows keyed by the key columns.
func readTable(path string, key []string) (map[string]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		var k []string
		for _, c := range key {
			k = append(k, row[c])
		}
		out[strings.Join(k, " / ")] = row
	}
	return out, nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func describe(r result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %-4s %s: ingest %.2fs (%s rows/s), metrics %.2fs, outputs %.2fs, whole run %.2fs, peak RSS %s, warehouse %s",
		r.format, mb(r.fileBytes), r.ingest, thousands(int(float64(r.rows)/r.ingest)), r.metrics, r.outputs, r.total, mb(r.peakRSS), mb(r.warehouse))
	if r.floor > 0 {
		fmt.Fprintf(&b, "\n       floor: unzip -p of the %s sheet XML %.2fs; ingest = %.1f× the floor", mb(r.sheetXMLBytes), r.floor, r.ingest/r.floor)
	}
	if r.refRead > 0 {
		fmt.Fprintf(&b, "\n       pandas: read %.2fs, tables %.2fs; equip ingest ÷ pandas read = %.3f (%s); ",
			r.refRead, r.refCompute, r.ingest/r.refRead, speed(r.ingest, r.refRead))
		if r.mismatch != "" {
			fmt.Fprintf(&b, "NUMBERS DIFFER: %s", r.mismatch)
		} else {
			fmt.Fprintf(&b, "same numbers (%d cells compared, %d suppressed by equip)", r.compared, r.suppressed)
		}
	}
	return b.String()
}

// table lays the results out one row per size and format.
func table(rs []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%10s %-5s %9s %10s %9s %9s %9s %9s %9s %9s %8s %8s %s\n",
		"rows", "fmt", "ingest_s", "rows/s", "run_s", "peak_RSS", "warehouse", "pandas_s", "eq/pandas", "floor_s", "eq/floor", "", "numbers")
	for _, r := range rs {
		fmt.Fprintf(&b, "%10s %-5s %9.2f %10s %9.2f %9s %9s %9s %9s %9s %8s %8s %s\n",
			thousands(r.rows), r.format, r.ingest, thousands(int(float64(r.rows)/r.ingest)), r.total, mb(r.peakRSS), mb(r.warehouse),
			optional(r.refRead, "%.2f"), optional(ratio(r.ingest, r.refRead), "%.3f"), optional(r.floor, "%.2f"), optional(ratio(r.ingest, r.floor), "%.1f"), "", verdict(r))
	}
	return b.String()
}

// markdown is the results as a Markdown table, for docs/scaling.md.
func markdown(rs []result) string {
	var b strings.Builder
	b.WriteString("| rows | format | file | ingest (s) | rows/s | whole run (s) | peak RSS | warehouse | pandas read (s) | equip ÷ pandas | unzip floor (s) | equip ÷ floor | numbers |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f | %s | %.2f | %s | %s | %s | %s | %s | %s | %s |\n",
			thousands(r.rows), strings.ToUpper(r.format), mb(r.fileBytes), r.ingest, thousands(int(float64(r.rows)/r.ingest)), r.total,
			mb(r.peakRSS), mb(r.warehouse), optional(r.refRead, "%.2f"), optional(ratio(r.ingest, r.refRead), "%.3f"),
			optional(r.floor, "%.2f"), optional(ratio(r.ingest, r.floor), "%.1f×"), verdict(r))
	}
	return b.String()
}

// speed words how equip's time compares with the reference's.
func speed(equip, ref float64) string {
	if equip <= ref {
		return fmt.Sprintf("equip %.1f× faster", ref/equip)
	}
	return fmt.Sprintf("equip %.1f× slower", equip/ref)
}

func verdict(r result) string {
	switch {
	case r.refRead == 0:
		return "not checked"
	case r.mismatch != "":
		return "DIFFER"
	}
	return "same"
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func optional(v float64, format string) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprintf(format, v)
}

func mb(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}
