package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/census"
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/disclose"
	"github.com/equip-project/equip/internal/findings"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/report"
	"github.com/equip-project/equip/internal/report/html"
	"github.com/equip-project/equip/internal/report/pdf"
	"github.com/equip-project/equip/internal/report/png"
	"github.com/equip-project/equip/internal/report/tables"
	"github.com/equip-project/equip/internal/report/xlsx"
	"github.com/equip-project/equip/internal/table"
	"github.com/equip-project/equip/internal/warehouse"
)

// Manifest is manifest.json: what went in, what came out, and how long it took.
type Manifest struct {
	Pipeline     string         `json:"pipeline"`
	AsOf         string         `json:"as_of"`
	EquipVersion string         `json:"equip_version"`
	Generated    string         `json:"generated"`
	Inputs       []ManifestFile `json:"inputs"`
	Outputs      []ManifestFile `json:"outputs"`
	Warnings     map[string]int `json:"warnings"`
	Suppression  map[string]int `json:"suppression"`
	Timings      Timings        `json:"timings"`
}

// ManifestFile is one input or output file.
type ManifestFile struct {
	Path     string `json:"path"`
	Kind     string `json:"kind,omitempty"`
	Snapshot string `json:"snapshot,omitempty"`
	SHA256   string `json:"sha256"`
	Rows     *int   `json:"rows_read,omitempty"`
	Rejected *int   `json:"rows_rejected,omitempty"`
}

// Timings are the run's stage times in seconds.
type Timings struct {
	Ingest  float64 `json:"ingest_s"`
	Store   float64 `json:"store_s"` // writing the loaded rows' compressed columns
	Metrics float64 `json:"metrics_s"`
	Outputs float64 `json:"outputs_s"`
	Total   float64 `json:"total_s"`
}

func newManifest(p *config.Pipeline) *Manifest {
	return &Manifest{Pipeline: p.Name, EquipVersion: Version, Generated: time.Now().UTC().Format(time.RFC3339), Warnings: map[string]int{}}
}

func (m *Manifest) addInput(path, kind, snapshot string, rows, rejected int) {
	sha, _ := fileSHA256(path)
	f := ManifestFile{Path: displayPath(path), Kind: kind, Snapshot: snapshot, SHA256: sha}
	if kind == "workforce" {
		f.Rows, f.Rejected = &rows, &rejected
	}
	m.Inputs = append(m.Inputs, f)
}

func (m *Manifest) addInputHashed(display, kind, snapshot, sha string, rows, rejected int) {
	m.Inputs = append(m.Inputs, ManifestFile{Path: display, Kind: kind, Snapshot: snapshot, SHA256: sha, Rows: &rows, Rejected: &rejected})
}

// chartCharacteristics are the characteristics that get charts, in order.
var chartCharacteristics = []string{"sex", "age_band", "ethnic_group", "ethnic_minority", "disability", "religion", "lgb", "gender_identity"}

// publication assembles what every report format is given.
func publication(p *config.Pipeline, res *metrics.Result, published map[string]*table.Table, asOf string, dates []string,
	period metrics.Period, bench *census.Benchmark, stats disclose.Stats, problems []quality.Problem, man *Manifest) *report.Publication {
	pub := &report.Publication{Meta: report.Meta{
		Pipeline: p.Name, Title: p.Title, Organisation: p.Organisation, AsOf: asOf, Snapshots: dates,
		Generated: man.Generated, Version: Version, SeniorFrom: res.SeniorFrom,
		MinCount: p.Suppression.MinCount, PayMinCount: p.Suppression.PayMinCount, SmallCounts: p.Suppression.MinCount < 3,
		Report: p.Report, Period: period.Label,
	}}
	if !period.Start.IsZero() {
		pub.Meta.PeriodStart, pub.Meta.PeriodEnd = period.Start.Format(time.DateOnly), period.End.Format(time.DateOnly)
	}
	for _, e := range catalog.All {
		if t := published[e.Name]; t != nil {
			pub.Tables = append(pub.Tables, t)
		}
	}
	if t := published[catalog.Benchmark.Name]; t != nil && len(t.Rows) > 0 {
		pub.Meta.PopulationBase = t.Get(0, "population_base").Text
	}
	pub.Charts = chart.Build(pub.Tables, chart.Options{AsOf: asOf, SeniorFrom: res.SeniorFrom, Characteristics: chartCharacteristics, GradeOrder: res.Grades})
	pub.Findings = append(findings.Write(published, asOf, res.SeniorFrom), findings.Monitoring(published)...)
	pub.Notes = notes(p, res, bench, stats)
	for _, in := range man.Inputs {
		r := report.Input{Path: in.Path, Kind: in.Kind, Snapshot: in.Snapshot}
		if in.Rows != nil {
			r.Rows, r.Rejected = *in.Rows, *in.Rejected
		}
		pub.Quality.Inputs = append(pub.Quality.Inputs, r)
	}
	pub.Quality.Warnings = map[string]int{}
	for _, pr := range problems {
		pub.Quality.Warnings[pr.Kind] += pr.Count
		if pr.Kind == "unmapped label" {
			pub.Quality.Unmapped = append(pub.Quality.Unmapped, report.Unmapped{File: pr.File, Column: pr.Column, Label: unmappedLabel(pr.Message), Characteristic: unmappedCharacteristic(pr.Message), Count: pr.Count})
		}
	}
	man.Warnings = pub.Quality.Warnings
	man.Suppression = map[string]int{"primary": stats.Primary, "secondary": stats.Secondary, "derived": stats.Derived}
	return pub
}

// unmappedLabel and unmappedCharacteristic read back the label and the
// characteristic from an unmapped-label message (`label "X" (n rows) is not a known C category…`).
func unmappedLabel(msg string) string {
	_, rest, ok := strings.Cut(msg, `label "`)
	if !ok {
		return ""
	}
	label, _, _ := strings.Cut(rest, `" (`)
	return label
}

func unmappedCharacteristic(msg string) string {
	_, rest, ok := strings.Cut(msg, "is not a known ")
	if !ok {
		return ""
	}
	c, _, _ := strings.Cut(rest, " category")
	return c
}

func notes(p *config.Pipeline, res *metrics.Result, bench *census.Benchmark, stats disclose.Stats) []report.Note {
	ns := []report.Note{
		{Title: "Headcount", Text: "Figures count people, not full-time equivalents: each part-time worker and job-sharer counts as one. Each snapshot is the workforce on its date."},
		{Title: "Missing values", Text: "'Prefer not to say' means the person declined to answer; 'Not known' means the record is blank or holds a label that could not be mapped. Both are shown, and both are left out of '% of staff who declared'."},
		{Title: "Suppression", Text: fmt.Sprintf("Counts from 1 to %d are shown as [c], and so are the cells from which they could be worked out by subtraction and every percentage, interval or ratio built on a suppressed count. Zero is shown. In this run %d cells were suppressed as small counts, %d to stop them being worked out and %d derived figures.", p.Suppression.MinCount-1, stats.Primary, stats.Secondary, stats.Derived)},
		{Title: "Shorthand", Text: "[c] confidential: suppressed to protect individuals. [x] not available. [z] not applicable."},
		{Title: "Confidence intervals", Text: "95% Wilson score intervals. A group's share of senior posts whose interval excludes its share of all staff is called a clear (statistically significant) difference; otherwise the text says there is no clear difference."},
	}
	if res.SeniorFrom != "" {
		ns = append(ns, report.Note{Title: "Senior grades", Text: fmt.Sprintf("%s and above. '%% of senior staff' is a group's share of senior posts; '%% of group in senior grades' is the share of the group that holds a senior post. They are different measures.", res.SeniorFrom)})
	}
	ns = append(ns, report.Note{Title: "Age bands", Text: "Age in completed years at the snapshot date, from the date of birth, in bands " + strings.Join(p.AgeBands().Labels(), ", ") + "."})
	ethnic := "The ethnic minority group is every group except White (White British, White Irish, Gypsy or Irish Traveller, Roma and Other White count as White), as in the NHS Workforce Race Equality Standard."
	if p.Analysis.WhiteMinoritiesAsMinority {
		ethnic = "The ethnic minority group is every group except White British: White minorities (White Irish, Gypsy or Irish Traveller, Roma, Other White) count as ethnic minority, as this pipeline sets."
	}
	ns = append(ns, report.Note{Title: "Ethnic groups", Text: ethnic + " Ethnic groups follow the ONS 2021 harmonised classification."})
	if bench != nil {
		src := make([]string, 0, len(bench.Sources))
		for c := range bench.Sources {
			src = append(src, string(c))
		}
		sort.Strings(src)
		ns = append(ns, report.Note{Title: "Population benchmark", Text: fmt.Sprintf("%s (ONS), summed over %s. The representation ratio is the category's share of staff who declared divided by its share of the population, leaving out the census's own 'Not answered' and 'Does not apply'; 1.00 is parity. Census figures carry ONS's small random perturbation.", bench.Base, strings.Join(bench.Areas, ", "))})
	}
	if p.Suppression.MinCount < 3 {
		ns = append(ns, report.Note{Title: "Warning: small counts shown", Text: fmt.Sprintf("This run was asked to show counts from %d upwards. Figures this small may identify individuals; do not publish them.", p.Suppression.MinCount)})
	}
	return ns
}

// publish writes every output into a temporary folder beside outDir, then
// commits the warehouse and moves the folder into place: a failure at any
// point leaves the previous outputs and the warehouse as they were.
func publish(ctx context.Context, p *config.Pipeline, pub *report.Publication, outDir string, problems []quality.Problem,
	man *Manifest, finish func(), w *warehouse.Warehouse) ([]string, error) {
	parent := filepath.Dir(outDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(outDir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("create a folder beside %s: %w", outDir, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	os.Chmod(tmp, 0o755)

	var written []string
	if p.Emits("tables") {
		paths, err := tables.WriteAll(ctx, filepath.Join(tmp, "tables"), pub.Tables)
		if err != nil {
			return nil, fmt.Errorf("write tables: %w", err)
		}
		written = append(written, paths...)
	}
	steps := []struct {
		kind, name string
		write      func(string, *report.Publication) error
	}{
		{"workbook", "workbook.xlsx", xlsx.Write},
		{"report", "report.pdf", pdf.Write},
		{"dashboard", "dashboard.html", html.Write},
	}
	for _, s := range steps {
		if !p.Emits(s.kind) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		path := filepath.Join(tmp, s.name)
		if err := s.write(path, pub); err != nil {
			return nil, fmt.Errorf("write %s: %w", s.name, err)
		}
		written = append(written, path)
	}
	if err := pauseAt(ctx, "outputs"); err != nil {
		return nil, err
	}
	if p.Emits("charts") && len(pub.Charts) > 0 {
		paths, err := png.Write(filepath.Join(tmp, "charts"), pub.Charts)
		if err != nil {
			return nil, fmt.Errorf("write charts: %w", err)
		}
		written = append(written, paths...)
	}
	qpath := filepath.Join(tmp, "data-quality.csv")
	if err := tables.WriteQuality(qpath, problems); err != nil {
		return nil, fmt.Errorf("write data-quality.csv: %w", err)
	}
	written = append(written, qpath)

	final := make([]string, 0, len(written)+1)
	for _, path := range written {
		sha, err := fileSHA256(path)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(tmp, path)
		man.Outputs = append(man.Outputs, ManifestFile{Path: filepath.ToSlash(rel), SHA256: sha})
		final = append(final, filepath.Join(outDir, rel))
	}
	finish()
	mpath := filepath.Join(tmp, "manifest.json")
	if err := writeJSON(mpath, man); err != nil {
		return nil, err
	}
	final = append(final, filepath.Join(outDir, "manifest.json"))

	asOf, _ := time.Parse(time.DateOnly, man.AsOf)
	if err := w.RecordRun(ctx, p.Name, asOf, time.Now()); err != nil {
		return nil, err
	}
	if err := w.Commit(ctx); err != nil {
		return nil, err
	}
	// Swap the folders: the old outputs move aside, the new ones into place.
	old := ""
	if _, err := os.Stat(outDir); err == nil {
		old = filepath.Join(parent, "."+filepath.Base(outDir)+".old-"+randomSuffix())
		if err := os.Rename(outDir, old); err != nil {
			return nil, fmt.Errorf("replace %s: %w", outDir, err)
		}
	}
	if err := os.Rename(tmp, outDir); err != nil {
		if old != "" {
			os.Rename(old, outDir)
		}
		return nil, fmt.Errorf("publish %s: %w", outDir, err)
	}
	done = true
	if old != "" {
		os.RemoveAll(old)
	}
	return final, nil
}

// cleanLeftovers tidies what killed runs left beside outDir: a run killed
// in the middle of the swap leaves the previous outputs in an .old- folder
// and none in place, so the newest such folder is moved back; every other
// .partial- or .old- folder older than this run is removed. (The warehouse
// lock keeps a second run on this warehouse from publishing meanwhile.)
func cleanLeftovers(outDir string, runStart time.Time, log *slog.Logger) {
	parent, base := filepath.Dir(outDir), filepath.Base(outDir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	type leftover struct {
		path string
		mod  time.Time
		old  bool
	}
	var found []leftover
	for _, e := range entries {
		name := e.Name()
		partial, old := strings.HasPrefix(name, "."+base+".partial-"), strings.HasPrefix(name, "."+base+".old-")
		if !e.IsDir() || (!partial && !old) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(runStart) {
			continue
		}
		found = append(found, leftover{filepath.Join(parent, name), info.ModTime(), old})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].mod.After(found[j].mod) })
	if _, err := os.Stat(outDir); errors.Is(err, os.ErrNotExist) {
		for i, l := range found {
			if l.old {
				if err := os.Rename(l.path, outDir); err == nil {
					log.Warn("restored the previous outputs that an interrupted run had moved aside", "from", l.path, "to", outDir)
					found = append(found[:i], found[i+1:]...)
				}
				break
			}
		}
	}
	for _, l := range found {
		if err := os.RemoveAll(l.path); err != nil {
			log.Warn("could not remove a folder left by an interrupted run", "path", l.path, "error", err.Error())
			continue
		}
		log.Info("removed a folder left by an interrupted run", "path", l.path)
	}
}

func randomSuffix() string {
	h := sha256.Sum256([]byte(time.Now().String()))
	return hex.EncodeToString(h[:4])
}

func writeJSON(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
