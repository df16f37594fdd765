// Package pipeline wires one run: ingest the inputs into the warehouse,
// compute the tables, protect them, and publish every output — all of them
// or none — with a manifest tracing each figure back to its inputs.
package pipeline

import (
	"context"

	"errors"
	"fmt"
	"github.com/robfig/cron/v3"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/census"
	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/disclose"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/metrics"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/table"
	"github.com/equip-project/equip/internal/warehouse"
)

// Version is the equip version, set at build time with -ldflags.
var Version = "0.1.0"

// Options say how to run a pipeline.
type Options struct {
	OutDir   string          // default outputs/<name>/<as-of>
	DBPath   string          // default outputs/equip.duckdb
	AsOf     string          // YYYY-MM-DD; overrides the pipeline's as_of
	Strict   bool            // any data-quality warning fails the run
	Validate bool            // check inputs and compute, publish nothing, change nothing
	RowIDs   bool            // files without an employee ID column count rows as people
	LockWait time.Duration   // how long to wait for another run to release the warehouse
	Progress ingest.Progress // when set, hears how far each workforce file has been read
	Logger   *slog.Logger
	// DueAt, when set, runs the pipeline only if its schedule has come round
	// since it last published (or it never has); otherwise Run returns a
	// Result with NotDue set and changes nothing.
	DueAt time.Time
}

// Result is what a run did.
type Result struct {
	AsOf     string
	OutDir   string
	Outputs  []string
	Problems []quality.Problem
	Manifest *Manifest
	NotDue   bool // DueAt was set and the schedule had not come round
}

// ErrStrict marks a strict run failed by data-quality warnings (exit code 3).
var ErrStrict = errors.New("data-quality problems in strict mode")

// Run runs the pipeline p.
func Run(ctx context.Context, p *config.Pipeline, opts Options) (*Result, error) {
	start := time.Now()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.DBPath == "" {
		opts.DBPath = filepath.Join("outputs", "equip.duckdb")
	}
	inputs, err := workforceInputs(p)
	if err != nil {
		return nil, err
	}
	mapper, err := harmonise.NewMapper(p.Labels)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", p.Path, config.ErrInvalid, err)
	}
	key, err := idKey(opts.DBPath)
	if err != nil {
		return nil, err
	}
	var qlog quality.Log
	man := newManifest(p)

	// Read the census first: it is small, and a bad one should stop the run early.
	var bench *census.Benchmark
	if c := p.Inputs.Census; c != nil {
		paths, err := censusPaths(p, c)
		if err != nil {
			return nil, err
		}
		b, warnings, err := census.Read(paths, c.Geography)
		// Messages name files as the user does, never by a machine's absolute path.
		relative := func(msg string) string {
			for _, path := range paths {
				msg = strings.ReplaceAll(msg, path, displayPath(path))
			}
			return msg
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrInput, relative(err.Error()))
		}
		for _, w := range warnings {
			qlog.Add(quality.Problem{File: "census", Kind: "census", Message: relative(w)})
		}
		for _, path := range paths {
			man.addInput(path, "census", "", 0, 0)
		}
		bench = b
	}

	// One run at a time per warehouse; the lock outlives the warehouse (deferred first).
	if opts.DBPath != ":memory:" {
		lock, err := warehouse.AcquireLock(ctx, opts.DBPath, warehouse.LockOptions{Wait: opts.LockWait, Pipeline: p.Name, Logger: log})
		if err != nil {
			return nil, err
		}
		defer lock.Release()
	}
	w, err := warehouse.Open(ctx, opts.DBPath)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	if !opts.DueAt.IsZero() {
		due, err := isDue(ctx, w, p, opts.DueAt)
		if err != nil || !due {
			return &Result{NotDue: !due}, err
		}
	}
	if left := warehouse.CopyPath(opts.DBPath); opts.DBPath != ":memory:" && fileExists(left) {
		log.Info("removed a working copy of the warehouse left by an interrupted run", "file", displayPath(left))
	}
	if err := w.Begin(ctx); err != nil {
		return nil, err
	}
	// Until the end, every return rolls the warehouse back (Close does).

	ingestStart := time.Now()
	aliases := ingest.NewAliases(aliasMap(p.Columns))
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sha, err := fileSHA256(in.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %v", in.Display, ingest.ErrUnreadable, err)
		}
		in.SHA256 = sha
		settings := settingsHash(p, in.Input, key, opts.RowIDs)
		loaded, err := w.Loaded(ctx, in.Date, sha, settings)
		if err != nil {
			return nil, err
		}
		if loaded {
			log.Info("snapshot already loaded; unchanged", "file", in.Display, "snapshot", in.Date.Format(time.DateOnly))
			ps, err := w.Problems(ctx, in.Date)
			if err != nil {
				return nil, err
			}
			for _, pr := range ps {
				qlog.Add(pr)
			}
			continue
		}
		var fileLog quality.Log
		log.Info("loading snapshot", "file", in.Display, "snapshot", in.Date.Format(time.DateOnly))
		sum, err := w.Load(ctx, warehouse.Snapshot{Date: in.Date, Source: in.Display, Sheet: in.Input.Sheet, SHA256: sha, SettingsHash: settings},
			func(emit func(*ingest.Record) error) (ingest.Summary, error) {
				emit = interruptible(ctx, emit)
				return ingest.ReadWorkforce(ingest.ReadOptions{
					Path: in.Path, DisplayPath: in.Display,
					File:    ingest.Options{Sheet: in.Input.Sheet, Encoding: in.Input.Encoding, Delimiter: in.Input.Delimiter},
					Aliases: aliases, Mapper: mapper, Snapshot: in.Date, Key: key, Log: &fileLog, RowIDs: opts.RowIDs,
					StandardWeeklyHours: p.Analysis.StandardWeeklyHours, PayPeriod: p.Analysis.PayPeriod, Progress: opts.Progress,
				}, emit)
			}, fileLog.Problems)
		if err != nil {
			return nil, classify(err)
		}
		for _, pr := range fileLog.Problems() {
			qlog.Add(pr)
		}
		log.Info("loaded snapshot", "file", in.Display, "rows", sum.Rows, "rejected", sum.Rejected)
		if err := pauseAt(ctx, "ingest"); err != nil {
			return nil, err
		}
	}
	all, err := w.Snapshots(ctx)
	if err != nil {
		return nil, err
	}
	// The run reports on its own inputs' snapshots; the warehouse may hold
	// others, loaded by other pipelines.
	var snaps []warehouse.Snapshot
	var runDates []time.Time
	for _, s := range all {
		for _, in := range inputs {
			if in.Date.Equal(s.Date) {
				snaps = append(snaps, s)
				runDates = append(runDates, s.Date)
				break
			}
		}
	}
	for _, in := range inputs {
		var s warehouse.Snapshot
		for _, x := range snaps {
			if x.Date.Equal(in.Date) {
				s = x
			}
		}
		man.addInputHashed(in.Display, "workforce", in.Date.Format(time.DateOnly), s.SHA256, s.Rows, s.Rejected)
	}
	asOf, err := chooseAsOf(p, opts.AsOf, snaps)
	if err != nil {
		return nil, err
	}
	man.AsOf = asOf.Format(time.DateOnly)
	sources, err := loadMonitoring(ctx, p, w, aliases, mapper, key, asOf, &qlog, man)
	if err != nil {
		return nil, err
	}
	man.Timings.Ingest = time.Since(ingestStart).Seconds()
	// The metrics read the loaded rows from the warehouse's compressed
	// blocks, not from memory (which, for a large load, they would outgrow).
	storeStart := time.Now()
	if err := w.Checkpoint(ctx); err != nil {
		return nil, err
	}
	man.Timings.Store = time.Since(storeStart).Seconds()
	// The load's garbage (a record per row) goes back to the system before
	// DuckDB's working memory for the metrics comes on top of it.
	debug.FreeOSMemory()

	if opts.Strict {
		var lines []string
		for _, pr := range qlog.Problems() {
			if pr.Severity != quality.Info {
				lines = append(lines, pr.String())
			}
		}
		if len(lines) > 0 {
			return &Result{Problems: qlog.Problems()}, fmt.Errorf("%w\n%s", ErrStrict, strings.Join(lines, "\n"))
		}
	}

	metricsStart := time.Now()
	settings := metrics.Settings{
		AsOf: asOf, Snapshots: runDates, GradeOrder: p.Analysis.Grades.Order, SeniorFrom: p.Analysis.Grades.SeniorFrom,
		AgeBands: p.AgeBands(), WhiteMinoritiesAsMinority: p.Analysis.WhiteMinoritiesAsMinority,
		Reference: p.Analysis.Reference,
		Period:    metrics.PeriodEnding(p.Period, asOf), Sources: sources,
	}
	if bench != nil {
		settings.Population, settings.PopulationBase = population(bench, p.AgeBands())
	}
	res, err := metrics.Compute(ctx, w.Conn(), settings)
	if err != nil {
		return nil, err
	}
	if err := pauseAt(ctx, "metrics"); err != nil {
		return nil, err
	}
	for _, warn := range res.Warnings {
		qlog.Add(quality.Problem{File: p.Path, Kind: "settings", Message: warn})
	}
	published, stats := protect(res.Tables, p.Suppression)
	var dates []string
	for _, s := range snaps {
		if !s.Date.After(asOf) {
			dates = append(dates, s.Date.Format(time.DateOnly))
		}
	}
	if err := comparePeers(p, published, man); err != nil {
		return nil, err
	}
	if len(p.Targets) > 0 {
		published[catalog.Targets.Name] = metrics.Targets(p.Targets, published, man.AsOf, dates)
	}
	trimToAsOf(published, man.AsOf, dates)
	man.Timings.Metrics = time.Since(metricsStart).Seconds()

	result := &Result{AsOf: man.AsOf, Problems: qlog.Problems()}
	if opts.Validate {
		return result, nil // Close rolls the warehouse back: validate changes nothing.
	}

	outStart := time.Now()
	outDir := opts.OutDir
	if outDir == "" {
		outDir = filepath.Join("outputs", p.Name, man.AsOf)
	}
	pub := publication(p, res, published, man.AsOf, dates, settings.Period, bench, stats, qlog.Problems(), man)
	cleanLeftovers(outDir, start, log)
	written, err := publish(ctx, p, pub, outDir, qlog.Problems(), man, func() {
		man.Timings.Outputs = time.Since(outStart).Seconds()
		man.Timings.Total = time.Since(start).Seconds()
	}, w)
	if err != nil {
		return nil, err
	}
	result.OutDir, result.Outputs, result.Manifest = outDir, written, man
	return result, nil
}

// interruptible wraps a record sink so that a long file stops loading soon
// after the run is interrupted (checked every few thousand records).
func interruptible(ctx context.Context, emit func(*ingest.Record) error) func(*ingest.Record) error {
	n := 0
	return func(r *ingest.Record) error {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return emit(r)
	}
}

// classify maps ingest errors onto the run's error kinds.
func classify(err error) error {
	switch {
	case errors.Is(err, ingest.ErrMissingColumn), errors.Is(err, ingest.ErrInvalidData), errors.Is(err, ingest.ErrUnreadable):
		return fmt.Errorf("%w: %w", ErrInput, err)
	}
	return err
}

func aliasMap(cols map[string]config.Strings) map[string][]string {
	out := make(map[string][]string, len(cols))
	for k, v := range cols {
		out[k] = v
	}
	return out
}

func censusPaths(p *config.Pipeline, c *config.Census) ([]string, error) {
	var out []string
	for _, pat := range c.Path {
		matches, err := filepath.Glob(resolve(p.Dir, pat))
		if err != nil || len(matches) == 0 {
			return nil, fmt.Errorf("%w\n%s: inputs.census.path: no file matches %q", config.ErrInvalid, p.Path, pat)
		}
		slices.Sort(matches)
		out = append(out, matches...)
	}
	return out, nil
}

// chooseAsOf picks the reported snapshot: the newest snapshot on or before
// the requested date (or the newest of all for "latest").
func chooseAsOf(p *config.Pipeline, flag string, snaps []warehouse.Snapshot) (time.Time, error) {
	want := p.AsOf
	if flag != "" {
		want = flag
	}
	if len(snaps) == 0 {
		return time.Time{}, fmt.Errorf("%w: no workforce snapshot loaded", ErrInput)
	}
	if want == "" || want == "latest" {
		return snaps[len(snaps)-1].Date, nil
	}
	t, err := time.Parse(time.DateOnly, want)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: --as-of %q is not a date; write YYYY-MM-DD", config.ErrInvalid, want)
	}
	var best time.Time
	for _, s := range snaps {
		if !s.Date.After(t) {
			best = s.Date
		}
	}
	if best.IsZero() {
		return time.Time{}, fmt.Errorf("%w: no workforce snapshot on or before %s; the earliest is %s", ErrInput, want, snaps[0].Date.Format(time.DateOnly))
	}
	return best, nil
}

// population turns the census benchmark into population shares by category.
func population(b *census.Benchmark, bands harmonise.AgeBands) ([]metrics.Population, string) {
	var out []metrics.Population
	for _, c := range harmonise.Reported {
		var shares map[string]float64
		if c == harmonise.AgeBand {
			shares = b.AgeShares(bands)
		} else {
			shares = b.Shares(c)
		}
		for _, cat := range append(bands.Labels(), harmonise.ValidCategories(c)...) {
			if v, ok := shares[cat]; ok {
				out = append(out, metrics.Population{Characteristic: string(c), Category: cat, Percent: v})
				delete(shares, cat)
			}
		}
	}
	base := b.Base
	if len(b.Areas) > 0 {
		base = fmt.Sprintf("%s, %d area", b.Base, len(b.Areas))
		if len(b.Areas) > 1 {
			base += "s"
		}
	}
	return out, base
}

// protect applies disclosure control to every table, each with its threshold.
func protect(ts map[string]*table.Table, sup config.Suppression) (map[string]*table.Table, disclose.Stats) {
	var total disclose.Stats
	out := map[string]*table.Table{}
	for name, t := range ts {
		e, _ := catalog.Lookup(name)
		min := sup.MinCount
		switch e.Threshold {
		case catalog.PayThreshold:
			min = sup.PayMinCount
		case catalog.SurveyThreshold:
			min = sup.SurveyMinCount
		}
		s := disclose.Apply(t, e.Disclosure, min)
		total.Primary += s.Primary
		total.Secondary += s.Secondary
		total.Derived += s.Derived
		out[name] = t
	}
	return out, total
}

// trimToAsOf keeps the as-of snapshot's rows in the snapshot tables (the
// earlier ones served the targets) and the trend up to the as-of date.
func trimToAsOf(ts map[string]*table.Table, asOf string, dates []string) {
	for name, t := range ts {
		i := t.Index("snapshot_date")
		if i < 0 {
			continue
		}
		keep := t.Rows[:0]
		for _, r := range t.Rows {
			d := r[i].Text
			keepsHistory := name == catalog.Trend.Name || name == catalog.GenderPayGap.Name
			if (keepsHistory && slices.Contains(dates, d)) || d == asOf {
				keep = append(keep, r)
			}
		}
		t.Rows = keep
	}
}

// isDue reports whether the pipeline's schedule has fired since it last
// published: a pipeline that never ran is due.
func isDue(ctx context.Context, w *warehouse.Warehouse, p *config.Pipeline, now time.Time) (bool, error) {
	sched, err := cron.ParseStandard(p.Schedule)
	if err != nil {
		return false, fmt.Errorf("%w\n%s: schedule: %q is not a cron expression", config.ErrInvalid, p.Path, p.Schedule)
	}
	last, err := w.LastRun(ctx, p.Name)
	if err != nil || last.IsZero() {
		return err == nil, err
	}
	return !sched.Next(last).After(now), nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
