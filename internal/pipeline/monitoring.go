package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/ingest"
	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/warehouse"
)

// monitoringInput is one monitoring file of the pipeline and how it is read.
type monitoringInput struct {
	kind string
	file *config.File
	id   ingest.Field
	// repeated: one ID may appear on several rows (an employee's courses).
	repeated bool
	// rowIDs: rows need no ID (each row is one response or case).
	rowIDs bool
	other  bool // keep unmapped columns (survey items)
}

func monitoringInputs(p *config.Pipeline) []monitoringInput {
	in := p.Inputs
	all := []monitoringInput{
		{kind: "recruitment", file: in.Recruitment, id: ingest.ApplicationID, rowIDs: true},
		{kind: "starters", file: in.Starters, id: ingest.EmployeeID, repeated: true, rowIDs: true},
		{kind: "leavers", file: in.Leavers, id: ingest.EmployeeID, repeated: true, rowIDs: true},
		{kind: "casework", file: in.Casework, id: ingest.CaseID, rowIDs: true},
		{kind: "training", file: in.Training, id: ingest.EmployeeID, repeated: true, rowIDs: true},
		{kind: "staff_survey", file: in.StaffSurvey, id: ingest.ResponseID, rowIDs: true, other: true},
		{kind: "action_plan", file: in.ActionPlan},
	}
	var out []monitoringInput
	for _, m := range all {
		if m.file != nil {
			out = append(out, m)
		}
	}
	return out
}

// loadMonitoring loads the pipeline's monitoring files (each replacing its
// previous rows when it changed) and returns the source of each kind.
func loadMonitoring(ctx context.Context, p *config.Pipeline, w *warehouse.Warehouse, aliases ingest.Aliases, mapper *harmonise.Mapper,
	key []byte, asOf time.Time, qlog *quality.Log, man *Manifest) (map[string]string, error) {
	sources := map[string]string{}
	for _, m := range monitoringInputs(p) {
		if m.file.Path == "" {
			return nil, fmt.Errorf("%w\n%s: inputs.%s.path: missing", config.ErrInvalid, p.Path, m.kind)
		}
		path := resolve(p.Dir, m.file.Path)
		matches, _ := filepath.Glob(path)
		if len(matches) != 1 {
			return nil, fmt.Errorf("%w\n%s: inputs.%s.path: no such file %q; %s", config.ErrInvalid, p.Path, m.kind, m.file.Path, nearestFile(path, m.file.Path))
		}
		path = matches[0]
		display := displayPath(path)
		sha, err := fileSHA256(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %v", display, ingest.ErrUnreadable, err)
		}
		settings := settingsHash(p, config.Workforce{File: *m.file}, key, false)
		f := warehouse.MonitoringFile{Kind: m.kind, Source: display, SHA256: sha, SettingsHash: settings}
		sources[m.kind] = display
		loaded, err := w.MonitoringLoaded(ctx, m.kind, display, sha, settings)
		if err != nil {
			return nil, err
		}
		if loaded {
			ps, err := w.MonitoringProblems(ctx, m.kind, display)
			if err != nil {
				return nil, err
			}
			for _, pr := range ps {
				qlog.Add(pr)
			}
		} else {
			var fileLog quality.Log
			opts := ingest.Options{Sheet: m.file.Sheet, Encoding: m.file.Encoding, Delimiter: m.file.Delimiter}
			if m.kind == "action_plan" {
				actions, err := ingest.ReadActionPlan(path, display, opts, &fileLog)
				if err != nil {
					return nil, classify(err)
				}
				if err := w.LoadActions(ctx, f, actions, fileLog.Problems()); err != nil {
					return nil, err
				}
			} else {
				_, err := w.LoadEvents(ctx, f, func(emit func(*ingest.Record) error) (ingest.Summary, error) {
					return ingest.ReadWorkforce(ingest.ReadOptions{
						Path: path, DisplayPath: display, File: opts, Aliases: aliases, Mapper: mapper, Snapshot: asOf, Key: key, Log: &fileLog,
						IDField: m.id, AllowRepeatedIDs: m.repeated, RowIDs: m.rowIDs, QuietRowIDs: m.rowIDs,
						KeepOtherColumns: m.other, AgeBands: p.AgeBands(),
						StandardWeeklyHours: p.Analysis.StandardWeeklyHours, PayPeriod: p.Analysis.PayPeriod,
					}, emit)
				}, fileLog.Problems)
				if err != nil {
					return nil, classify(err)
				}
			}
			for _, pr := range fileLog.Problems() {
				qlog.Add(pr)
			}
		}
		rec, err := w.MonitoringFile(ctx, m.kind, display)
		if err != nil {
			return nil, err
		}
		man.addInputHashed(display, m.kind, "", sha, rec.Rows, rec.Rejected)
	}
	return sources, nil
}
