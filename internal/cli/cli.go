// Package cli is the equip command line: it parses arguments, runs the
// command and maps its outcome onto the documented exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/pipeline"
	"github.com/equip-project/equip/internal/warehouse"
)

// Exit codes (CONTRACT.md).
const (
	ExitOK      = 0 // success
	ExitFailed  = 1 // the run failed; nothing published
	ExitUsage   = 2 // usage or configuration error
	ExitInvalid = 3 // input data failed validation
	ExitBusy    = 4 // the warehouse is in use by another run
)

const usage = `equip — workforce equality monitoring

Usage:
  equip run PIPELINE.yaml [--out DIR] [--db FILE] [--as-of YYYY-MM-DD] [--strict] [--lock-wait DURATION] [--quiet|--json-log]
  equip validate PIPELINE.yaml [--db FILE] [--as-of YYYY-MM-DD] [--strict] [--lock-wait DURATION]
  equip profile --workforce FILE [--census FILE] [--geography CODE,…] [--senior-from GRADE] [--as-of YYYY-MM-DD] [--out DIR] [--db FILE] [--lock-wait DURATION] [--quiet]
  equip schedule PIPELINE.yaml... [--once] [--lock-wait DURATION] [--json-log]
  equip version

One run at a time uses a warehouse: a second run waits for the first up to
--lock-wait (default 30s). SIGINT or SIGTERM stops a run; it publishes nothing.

Exit codes: 0 success; 1 the run failed or was interrupted (nothing
published); 2 usage or configuration error; 3 input data failed validation;
4 the warehouse is in use by another run (nothing published).
`

// Run runs the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "run", "validate":
		err = interruptible(ctx, func(ctx context.Context) error { return runCmd(ctx, rest, stdout, stderr, cmd == "validate") })
	case "profile":
		err = interruptible(ctx, func(ctx context.Context) error { return profileCmd(ctx, rest, stdout, stderr) })
	case "schedule":
		err = scheduleCmd(ctx, rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "equip %s\n", pipeline.Version)
		return ExitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(stderr, "equip: unknown command %q; one of run, validate, profile, schedule, version\n", cmd)
		return ExitUsage
	}
	return report(err, stderr)
}

// errInterrupted is a run stopped by SIGINT or SIGTERM (exit 1).
var errInterrupted = errors.New("equip: interrupted; nothing was published and the warehouse is as it was")

// interruptible runs cmd with a context that SIGINT and SIGTERM cancel: the
// run rolls back and publishes nothing. After the first signal the handler
// is gone, so a second one ends the process at once.
func interruptible(ctx context.Context, cmd func(context.Context) error) error {
	sigCtx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(sigCtx, stop)
	err := cmd(sigCtx)
	if err != nil && sigCtx.Err() != nil && ctx.Err() == nil {
		return errInterrupted
	}
	return err
}

// usageError marks a command-line mistake (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// report prints err, one line per problem, and returns its exit code.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	sentinels := []error{config.ErrInvalid, pipeline.ErrInput, pipeline.ErrStrict, ingest.ErrMissingColumn, ingest.ErrInvalidData, ingest.ErrUnreadable}
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		skip := line == ""
		for _, s := range sentinels {
			if line == s.Error() {
				skip = true
			}
			line = strings.ReplaceAll(line, ": "+s.Error()+": ", ": ")
			line = strings.TrimPrefix(line, s.Error()+": ")
		}
		if !skip {
			fmt.Fprintln(stderr, line)
		}
	}
	return exitCode(err)
}

func exitCode(err error) int {
	var ue usageError
	switch {
	case errors.As(err, &ue), errors.Is(err, config.ErrInvalid), errors.Is(err, flag.ErrHelp):
		return ExitUsage
	case errors.Is(err, pipeline.ErrInput), errors.Is(err, pipeline.ErrStrict):
		return ExitInvalid
	case errors.Is(err, warehouse.ErrBusy):
		return ExitBusy
	}
	return ExitFailed
}

// logger builds the run's logger: text lines on stderr, JSON with
// --json-log, nothing but errors with --quiet.
func logger(stderr io.Writer, quiet, jsonLog bool) *slog.Logger {
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if jsonLog {
		return slog.New(slog.NewJSONHandler(stderr, opts))
	}
	return slog.New(slog.NewTextHandler(stderr, opts))
}

// parse parses flags that may come before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
