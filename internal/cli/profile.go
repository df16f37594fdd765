package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/config"
)

var fileDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// profileCmd runs a one-off profile of one extract with default settings,
// in a fresh temporary warehouse unless --db is given.
func profileCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	var workforce, censusPath, geography, seniorFrom, sheet string
	fs := flag.NewFlagSet("profile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&workforce, "workforce", "", "workforce extract (CSV or XLSX)")
	fs.StringVar(&sheet, "sheet", "", "sheet of an XLSX extract (default the first)")
	fs.StringVar(&censusPath, "census", "", "Census 2021 table(s) for the population benchmark (comma-separated)")
	fs.StringVar(&geography, "geography", "", "geography codes to sum in the census table (comma-separated)")
	fs.StringVar(&seniorFrom, "senior-from", "", "the lowest senior grade")
	fs.StringVar(&o.asOf, "as-of", "", "snapshot date (default: the date in the file name, else today)")
	fs.StringVar(&o.out, "out", "", "output folder (default outputs/profile/<as-of>)")
	fs.StringVar(&o.db, "db", "", "warehouse file (default: a temporary one)")
	fs.BoolVar(&o.quiet, "quiet", false, "log errors only")
	fs.BoolVar(&o.jsonLog, "json-log", false, "log as JSON lines")
	fs.BoolVar(&o.strict, "strict", false, "fail on any data-quality warning (exit 3)")
	lockWaitFlag(fs, &o)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if workforce == "" || len(pos) > 0 {
		return usageError{"equip profile: give the extract with --workforce FILE (and no other arguments)"}
	}
	abs, err := filepath.Abs(workforce)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("%w\n%s: no such file", config.ErrInvalid, workforce)
	}
	asOf := o.asOf
	if asOf == "" {
		asOf = fileDate.FindString(filepath.Base(abs))
	}
	if asOf == "" {
		asOf = time.Now().Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, asOf); err != nil {
		return usageError{fmt.Sprintf("equip profile: --as-of %q is not a date; write YYYY-MM-DD", asOf)}
	}
	o.asOf = asOf
	yaml := fmt.Sprintf("name: profile\ninputs:\n  workforce:\n    - path: %q\n      snapshot: %s\n", abs, asOf)
	if sheet != "" {
		yaml += fmt.Sprintf("      sheet: %q\n", sheet)
	}
	if censusPath != "" {
		yaml += "  census:\n    path: ["
		for i, c := range strings.Split(censusPath, ",") {
			a, err := filepath.Abs(strings.TrimSpace(c))
			if err != nil {
				return err
			}
			if i > 0 {
				yaml += ", "
			}
			yaml += fmt.Sprintf("%q", a)
		}
		yaml += "]\n"
		if geography != "" {
			yaml += fmt.Sprintf("    geography: [%s]\n", geography)
		}
	}
	if seniorFrom != "" {
		yaml += fmt.Sprintf("analysis:\n  grades:\n    senior_from: %q\n", seniorFrom)
	}
	p, err := config.Parse(strings.NewReader(yaml), "profile")
	if err != nil {
		return err
	}
	p.Path, p.Dir = workforce, filepath.Dir(abs)
	if o.db == "" {
		dir, err := os.MkdirTemp("", "equip-profile-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.db = filepath.Join(dir, "profile.duckdb")
	}
	return execute(ctx, p, o, false, true, stdout, stderr)
}
