// Command demogen writes the shipped demo inputs: the workforce snapshots
// and equality monitoring files of the fictional Shire County Council and,
// given the real ONS files, the Census 2021 benchmark cut to its area.
//
//	go run ./cmd/demogen [-out inputs] [-seed N] [-census-from DIR]
//
// Exit codes: 0 written, 1 writing failed, 2 bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/equip-project/equip/internal/census"
	"github.com/equip-project/equip/internal/demo"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("demogen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("out", "inputs", "folder to write under: workforce/, monitoring/ and, with -census-from, census/")
	seed := flags.Uint64("seed", demo.DefaultSeed, "generator seed; the committed inputs use the default")
	censusFrom := flags.String("census-from", "", "folder holding the real ONS Census 2021 files to cut census/ from")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "demogen: unexpected argument %q; all settings are flags (-out, -seed, -census-from)\n", flags.Arg(0))
		return 2
	}
	if err := demo.Generate(*out, *seed); err != nil {
		fmt.Fprintf(stderr, "demogen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(*out, demo.WorkforceDir))
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(*out, demo.MonitoringDir))
	if *censusFrom != "" {
		sources := make([]string, len(census.DemoSources))
		for i, name := range census.DemoSources {
			sources[i] = filepath.Join(*censusFrom, name)
		}
		dst := filepath.Join(*out, "census")
		if err := census.Extract(sources, dst, census.DemoAreas); err != nil {
			fmt.Fprintf(stderr, "demogen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s\n", dst)
	}
	return 0
}
