package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/pipeline"
	"github.com/equip-project/equip/internal/warehouse"
)

func TestExitCodes(t *testing.T) {
	busy := &warehouse.BusyError{Path: "w.duckdb", Waited: time.Second}
	cases := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{errors.New("disk full"), ExitFailed},
		{errInterrupted, ExitFailed},
		{usageError{"bad flag"}, ExitUsage},
		{fmt.Errorf("%w\np.yaml: name: missing", config.ErrInvalid), ExitUsage},
		{fmt.Errorf("%w: x", pipeline.ErrInput), ExitInvalid},
		{busy, ExitBusy},
		{fmt.Errorf("%w (another program holds the file open)", warehouse.ErrBusy), ExitBusy},
	}
	for _, c := range cases {
		if got := report(c.err, &bytes.Buffer{}); got != c.want {
			t.Errorf("%v: exit %d, want %d", c.err, got, c.want)
		}
	}
}

func TestUsageDocumentsEveryExitCode(t *testing.T) {
	for _, want := range []string{"0 success", "1 the run failed or was interrupted", "2 usage", "3 input data", "4 the warehouse is in use by another run", "--lock-wait"} {
		if !strings.Contains(usage, want) {
			t.Errorf("the usage text lacks %q", want)
		}
	}
}

func TestNegativeLockWaitIsAUsageError(t *testing.T) {
	var stderr bytes.Buffer
	code := Run(context.Background(), []string{"validate", "p.yaml", "--lock-wait", "-1s"}, nil, &bytes.Buffer{}, &stderr)
	// The pipeline file does not exist: that is found first, and is also exit 2.
	if code != ExitUsage {
		t.Errorf("exit %d, want 2 (%s)", code, stderr.String())
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	if p := progress(&bytes.Buffer{}, false, false); p != nil {
		t.Error("a progress bar for a writer that is not a terminal")
	}
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	if p := progress(devNull, false, false); p != nil {
		t.Error("a progress bar on /dev/null")
	}
}

func TestProgressBarForLargeFilesOnly(t *testing.T) {
	var w bytes.Buffer
	p := &termProgress{w: &w}
	p.Start("staff.csv", 1000, "bytes")
	p.Update(500)
	p.Finish()
	if w.Len() != 0 {
		t.Errorf("a bar for a 1000-byte file: %q", w.String())
	}
	p.Start("staff.csv", 8<<20, "bytes")
	p.Update(4 << 20)
	p.Finish()
	if !strings.Contains(w.String(), "staff.csv") || !strings.Contains(w.String(), "MB") {
		t.Errorf("no bar for an 8 MiB file: %q", w.String())
	}
	w.Reset()
	p.Start("staff.xlsx", 20000, "rows")
	p.Update(10000)
	p.Finish()
	if !strings.Contains(w.String(), "10000/20000") {
		t.Errorf("no row count in the bar: %q", w.String())
	}
}
