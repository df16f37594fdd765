package cli

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/equip-project/equip/internal/ingest"
)

// Files below these sizes load in a moment; a bar would only flicker.
const (
	barMinBytes = 1 << 20
	barMinRows  = 5000
)

// termProgress draws a progress bar on the terminal while a large file loads.
type termProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

// progress returns a progress bar for ingest when stderr is a terminal and
// the user wants the normal log, else nil: cron and pipes get the plain
// "loading snapshot" / "loaded snapshot" log lines only.
func progress(stderr io.Writer, quiet, jsonLog bool) ingest.Progress {
	f, ok := stderr.(*os.File)
	if !ok || quiet || jsonLog || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &termProgress{w: stderr}
}

func (p *termProgress) Start(file string, total int64, unit string) {
	p.bar = nil
	if total <= 0 || (unit == "bytes" && total < barMinBytes) || (unit == "rows" && total < barMinRows) {
		return
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription(file), progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100 * time.Millisecond), progressbar.OptionClearOnFinish(), progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowCount(),
	}
	if unit == "bytes" {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionSetItsString(unit))
	}
	p.bar = progressbar.NewOptions64(total, opts...)
}

func (p *termProgress) Update(done int64) {
	if p.bar != nil {
		p.bar.Set64(done)
	}
}

func (p *termProgress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
