// Package html writes the offline HTML dashboard: one self-contained page
// with headline tiles, key findings, headcount and representation over
// time, targets, a section per characteristic with interactive ECharts
// charts and their tables, pay gaps, employment monitoring and the
// data-quality notes. ECharts is inlined, so the page makes no request to any other host
// and opens from a file share.
package html

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"os"

	"github.com/equip-project/equip/internal/report"
)

//go:embed assets/echarts.min.js
var echartsJS string

//go:embed assets/dashboard.html.tmpl assets/dashboard.css assets/dashboard.js
var assets embed.FS

// page is parsed once: the template is part of the program, so a parse
// error is a programming error, caught by the package's tests.
var page = template.Must(template.New("dashboard.html.tmpl").
	Funcs(template.FuncMap{"tableTitle": sourceTitle}).
	ParseFS(assets, "assets/dashboard.html.tmpl"))

// Write renders the publication as a dashboard and writes it to path. The
// page is rendered in full before the file is written, so an error never
// leaves half a page behind.
func Write(path string, pub *report.Publication) error {
	if pub == nil {
		return errors.New("write dashboard: no publication")
	}
	v, err := newView(pub)
	if err != nil {
		return fmt.Errorf("write dashboard %s: %w", path, err)
	}
	css, err := assets.ReadFile("assets/dashboard.css")
	if err != nil {
		return fmt.Errorf("write dashboard %s: %w", path, err)
	}
	script, err := assets.ReadFile("assets/dashboard.js")
	if err != nil {
		return fmt.Errorf("write dashboard %s: %w", path, err)
	}
	// The three assets are the package's own files, trusted as written.
	v.CSS = template.CSS(css)
	v.ECharts = template.JS(echartsJS)
	v.Script = template.JS(script)

	var buf bytes.Buffer
	if err := page.Execute(&buf, v); err != nil {
		return fmt.Errorf("render dashboard: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write dashboard: %w", err)
	}
	return nil
}
