package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/pipeline"
)

type runOptions struct {
	out, db, asOf    string
	strict, quiet    bool
	jsonLog          bool
	allowSmallCounts bool
	dueAt            time.Time // schedule --once: run only if due
	lockWait         time.Duration
}

// defaultLockWait is how long a run waits for another to release the warehouse.
const defaultLockWait = 30 * time.Second

func lockWaitFlag(fs *flag.FlagSet, o *runOptions) {
	fs.DurationVar(&o.lockWait, "lock-wait", defaultLockWait, "how long to wait for another run using the warehouse (e.g. 30s, 5m); then exit 4")
}

func runFlags(name string, o *runOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "output folder (default outputs/<pipeline>/<as-of>)")
	fs.StringVar(&o.db, "db", "", "warehouse file (default outputs/equip.duckdb)")
	fs.StringVar(&o.asOf, "as-of", "", "report the snapshot at this date (YYYY-MM-DD)")
	fs.BoolVar(&o.strict, "strict", false, "fail on any data-quality warning (exit 3)")
	fs.BoolVar(&o.quiet, "quiet", false, "log errors only")
	fs.BoolVar(&o.jsonLog, "json-log", false, "log as JSON lines")
	fs.BoolVar(&o.allowSmallCounts, "allow-small-counts", false, "allow a suppression threshold below 3")
	lockWaitFlag(fs, o)
	return fs
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer, validate bool) error {
	name := "run"
	if validate {
		name = "validate"
	}
	var o runOptions
	fs := runFlags(name, &o, stderr)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Sprintf("equip %s: give one pipeline file, e.g. equip %s pipelines/annual-workforce-profile.yaml", name, name)}
	}
	p, err := config.Load(pos[0])
	if err != nil {
		return err
	}
	return execute(ctx, p, o, validate, false, stdout, stderr)
}

func execute(ctx context.Context, p *config.Pipeline, o runOptions, validate, rowIDs bool, stdout, stderr io.Writer) error {
	if p.Suppression.MinCount < 3 && !o.allowSmallCounts {
		return fmt.Errorf("%w\n%s: suppression.min_count: %d would publish counts small enough to identify people; use at least 3, or pass --allow-small-counts on purpose", config.ErrInvalid, p.Path, p.Suppression.MinCount)
	}
	if o.lockWait < 0 {
		return usageError{fmt.Sprintf("equip: --lock-wait %s is negative; give a duration such as 30s or 0s", o.lockWait)}
	}
	log := logger(stderr, o.quiet, o.jsonLog)
	res, err := pipeline.Run(ctx, p, pipeline.Options{OutDir: o.out, DBPath: o.db, AsOf: o.asOf, Strict: o.strict, Validate: validate, RowIDs: rowIDs,
		LockWait: o.lockWait, Logger: log, Progress: progress(stderr, o.quiet, o.jsonLog), DueAt: o.dueAt})
	if validate && res != nil {
		printQuality(stdout, res)
	}
	if err != nil {
		return err
	}
	if validate {
		fmt.Fprintf(stdout, "valid: %s at %s; nothing published\n", p.Name, res.AsOf)
		return nil
	}
	if res.NotDue {
		if !o.quiet {
			fmt.Fprintf(stdout, "not due: %s has published since its schedule last came round\n", p.Name)
		}
		return nil
	}
	if !o.quiet {
		fmt.Fprintf(stdout, "published %s at %s to %s (%d files)\n", p.Name, res.AsOf, res.OutDir, len(res.Outputs))
	}
	return nil
}

func printQuality(w io.Writer, res *pipeline.Result) {
	if len(res.Problems) == 0 {
		fmt.Fprintln(w, "data quality: no problems found")
		return
	}
	counts := map[string]int{}
	var kinds []string
	for _, p := range res.Problems {
		if counts[p.Kind] == 0 {
			kinds = append(kinds, p.Kind)
		}
		counts[p.Kind] += p.Count
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	fmt.Fprintf(w, "data quality: %s\n", strings.Join(parts, ", "))
	for _, p := range res.Problems {
		fmt.Fprintln(w, "  "+p.String())
	}
}
