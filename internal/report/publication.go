// Package report holds what every output format is given: the
// disclosure-controlled tables, the charts drawn from them, the findings
// written from them and the facts about the run. Formats live in the
// packages below it and never see the warehouse or an unsuppressed count.
package report

import (
	"github.com/equip-project/equip/internal/chart"
	"github.com/equip-project/equip/internal/table"
)

// Meta says what a publication is about.
type Meta struct {
	Pipeline       string // pipeline name, e.g. annual-workforce-profile
	Title          string // e.g. Workforce equality profile
	Organisation   string
	AsOf           string   // the snapshot date reported, YYYY-MM-DD
	Snapshots      []string // every snapshot date in the warehouse used for trends, oldest first
	Generated      string   // when the run happened, RFC 3339
	Version        string   // equip version
	SeniorFrom     string   // the lowest senior grade, e.g. "Grade 13"; empty when no grades
	PopulationBase string   // e.g. "Census 2021, residents aged 16 and over, 7 areas"
	MinCount       int      // suppression threshold for counts
	PayMinCount    int
	SmallCounts    bool   // the threshold was lowered below 3 on purpose: the cover says so
	Report         string // which PDF: "annual_profile" (default) or "board_pack"
	Period         string // the monitoring period reported, e.g. "2024/25" or "2025/26 Q1"
	PeriodStart    string // YYYY-MM-DD
	PeriodEnd      string // YYYY-MM-DD
}

// Finding is one key finding in plain English, with the table it came from.
type Finding struct {
	Text  string
	Table string
}

// Note is one methodology or data-quality note (numbered on the notes sheet).
type Note struct {
	Title string
	Text  string
}

// Input summarises one input file for the data-quality notes.
type Input struct {
	Path     string // as given in the pipeline, relative
	Kind     string // workforce, census, …
	Snapshot string // for workforce snapshots
	Rows     int
	Rejected int
}

// Quality summarises the data-quality report of the run (the details are in
// data-quality.csv); no personal value ever appears here.
type Quality struct {
	Inputs   []Input
	Warnings map[string]int // count of problems by kind
	Unmapped []Unmapped
}

// Unmapped is a label no mapping recognised, counted as Not known.
type Unmapped struct {
	File           string
	Column         string
	Characteristic string
	Label          string
	Count          int
}

// Publication is everything a report format needs.
type Publication struct {
	Meta     Meta
	Tables   []*table.Table // in presentation order
	Charts   []chart.Chart
	Findings []Finding
	Notes    []Note
	Quality  Quality
}

// Table returns the named table, or nil when the run did not produce it.
func (p *Publication) Table(name string) *table.Table {
	for _, t := range p.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}
