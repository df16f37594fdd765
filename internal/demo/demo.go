// Package demo generates the shipped demo inputs of a fictional "Shire
// County Council", written the way real HR systems and monitoring forms
// export them, reproducibly from a seed: five annual workforce snapshots,
// two quarterly ones, and the equality monitoring files of 2024/25 and the
// first half of 2025/26 (recruitment, starters, leavers, casework, training,
// the staff survey and the action plan).
//
// The population model (population.go, quarters.go, traits.go, pay.go)
// moves the same people from one snapshot to the next; the exports (this
// file, labels.go, xlsx.go, csv.go) write each snapshot's staff in one HR
// system's layout and spelling; monitoring.go and the files it names draw
// the monitoring inputs from the same people.
package demo

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

// DefaultSeed is the seed the committed demo inputs were generated with.
const DefaultSeed uint64 = 20250331

// WorkforceDir is the folder, under the inputs folder, the snapshots go in.
const WorkforceDir = "workforce"

// QuarterlyDir is the folder, under WorkforceDir, the quarterly snapshots
// go in, apart so that a pipeline globbing the annual ones does not pick
// them up.
const QuarterlyDir = "quarterly"

type format int

const (
	xlsxFormat    format = iota
	csvFormat            // the new system's Windows-1252 semicolon CSV
	utf8CSVFormat        // a report saved as UTF-8 comma CSV, with the XLSX headers
)

// export is how one snapshot was taken out of the HR system.
type export struct {
	date   time.Time
	format format
	system system
	// titleRows come above the header, followed by a blank row, as in a
	// report run rather than a plain extract.
	titleRows []string
	// bareDateOfBirth writes date of birth as an Excel serial number with no
	// date format, as some exports do.
	bareDateOfBirth bool
	oddities        []oddity
}

var exports = []export{
	{
		date: snapshotDate(2021), format: xlsxFormat, system: oldSystem,
		oddities: []oddity{{harmonise.Ethnicity, "BME", 3}, {harmonise.Religion, "Pastafarian", 1}, {harmonise.Sex, "X", 1}},
	},
	{
		date: snapshotDate(2022), format: xlsxFormat, system: oldSystem, bareDateOfBirth: true,
		oddities: []oddity{
			{harmonise.Ethnicity, "BME", 2}, {harmonise.Disability, "Diabetes", 2},
			{harmonise.SexualOrientation, "Questioning", 1}, {harmonise.Religion, "Spiritual but not religious", 1},
		},
	},
	{
		date: snapshotDate(2023), format: xlsxFormat, system: oldSystem,
		titleRows: []string{"Shire County Council – establishment report", "Run date: 03/04/2023"},
		oddities:  []oddity{{harmonise.Ethnicity, "BAME", 2}, {harmonise.Disability, "Dyslexia", 1}, {harmonise.Sex, "U", 1}},
	},
	{
		date: snapshotDate(2024), format: csvFormat, system: newSystem,
		oddities: []oddity{
			{harmonise.Ethnicity, "European", 3}, {harmonise.Religion, "Pastafarian", 1},
			{harmonise.Sex, "X", 1}, {harmonise.SexualOrientation, "Questioning", 2},
		},
	},
	{
		date: snapshotDate(2025), format: xlsxFormat, system: newSystem,
		oddities: []oddity{
			{harmonise.Ethnicity, "BME", 2}, {harmonise.Religion, "Spiritual but not religious", 2},
			{harmonise.Disability, "Long Covid", 1}, {harmonise.SexualOrientation, "Questioning", 1}, {harmonise.Sex, "X", 1},
		},
	},
	{
		date: quarterEnds[0].date, format: utf8CSVFormat, system: newSystem,
		oddities: []oddity{{harmonise.Ethnicity, "BME", 2}, {harmonise.SexualOrientation, "Questioning", 1}, {harmonise.Sex, "X", 1}},
	},
	{
		date: quarterEnds[1].date, format: utf8CSVFormat, system: newSystem,
		oddities: []oddity{
			{harmonise.Ethnicity, "BME", 1}, {harmonise.Religion, "Spiritual but not religious", 1},
			{harmonise.Disability, "Long Covid", 1},
		},
	},
}

// fileName is the snapshot's path under WorkforceDir, with its date for
// the pipeline to read.
func (e *export) fileName() string {
	name := "staff-" + e.date.Format(time.DateOnly)
	switch e.format {
	case csvFormat:
		return name + ".csv"
	case utf8CSVFormat:
		return filepath.Join(QuarterlyDir, name+".csv")
	}
	return name + ".xlsx"
}

// runDate is when the report was run: the third day after the snapshot.
func (e *export) runDate() time.Time { return e.date.AddDate(0, 0, 3).Add(8 * time.Hour) }

// oddityStream is the random stream that places the export's oddities: the
// year for the annual snapshots, as it always was, and year and month for
// the quarterly ones.
func (e *export) oddityStream() uint64 {
	if e.date.Month() == time.March {
		return uint64(e.date.Year())
	}
	return uint64(e.date.Year()*100 + int(e.date.Month()))
}

func (e *export) workbook() workbook {
	return workbook{
		sheet: sheetName, creator: "Shire County Council HR",
		title: "Staff " + e.date.Format("02/01/2006"), created: e.runDate(), titleRows: e.titleRows,
	}
}

// Generate writes the workforce snapshots into dir/workforce (the quarterly
// ones into dir/workforce/quarterly) and the monitoring inputs into
// dir/monitoring, creating the folders if need be. The same seed writes the
// same bytes.
func Generate(dir string, seed uint64) error {
	out := filepath.Join(dir, WorkforceDir)
	if err := os.MkdirAll(filepath.Join(out, QuarterlyDir), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	history := SimulateHistory(seed)
	for i := range exports {
		e := &exports[i]
		y, err := snapshotOf(history, e.date)
		if err != nil {
			return err
		}
		header, rows := e.table(y, seed)
		path := filepath.Join(out, e.fileName())
		switch e.format {
		case csvFormat:
			err = writeCSV(path, legacyCSV, header, rows)
		case utf8CSVFormat:
			err = writeCSV(path, reportCSV, header, rows)
		default:
			err = writeXLSX(path, e.workbook(), header, rows)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return generateMonitoring(filepath.Join(dir, MonitoringDir), history, seed)
}

func snapshotOf(h History, date time.Time) (Year, error) {
	for _, y := range append(h.Years[:len(h.Years):len(h.Years)], h.Quarters...) {
		if y.Date.Equal(date) {
			return y, nil
		}
	}
	return Year{}, fmt.Errorf("no snapshot at %s in the simulation", date.Format(time.DateOnly))
}

type cellKind int

const (
	textCell   cellKind = iota
	dateCell            // a date, shown as a date
	serialCell          // a date as a bare Excel serial number
	numberCell
	moneyCell // pounds and pence
)

// cell is one value in an export, typed so each format writes it its own way.
type cell struct {
	kind     cellKind
	text     string
	date     time.Time
	number   float64
	decimals int // for a number written as text; -1: as few as needed
}

func text(s string) cell    { return cell{kind: textCell, text: s} }
func money(pounds int) cell { return cell{kind: moneyCell, number: float64(pounds), decimals: 2} }
func number(v float64, decimals int) cell {
	return cell{kind: numberCell, number: v, decimals: decimals}
}

// entry is what a column reads one person's value from.
type entry struct {
	export *export
	person *Person
	date   time.Time // the snapshot
	labels map[harmonise.Characteristic]string
}

// column is one column of a snapshot, under its header in each layout.
type column struct {
	xlsxHeader, csvHeader string
	value                 func(e *entry) cell
}

func characteristic(c harmonise.Characteristic) func(e *entry) cell {
	return func(e *entry) cell { return text(e.labels[c]) }
}

var columns = []column{
	{"Employee Number", "Person Ref", func(e *entry) cell { return text(e.person.ID) }},
	{"Pay Grade", "Grade Code", func(e *entry) cell { return text(gradeLabel(e.person.Grade)) }},
	{"Directorate", "Service", func(e *entry) cell { return text(e.person.Directorate) }},
	{"Gender", "Sex", characteristic(harmonise.Sex)},
	{"Date of Birth", "DOB", func(e *entry) cell {
		if e.export.bareDateOfBirth {
			return cell{kind: serialCell, date: e.person.DateOfBirth}
		}
		return cell{kind: dateCell, date: e.person.DateOfBirth}
	}},
	{"Ethnic Origin", "Ethnicity", characteristic(harmonise.Ethnicity)},
	{"Disability", "Disabled", characteristic(harmonise.Disability)},
	{"Religion or Belief", "Religion", characteristic(harmonise.Religion)},
	{"Sexual Orientation", "Sexual Orientation", characteristic(harmonise.SexualOrientation)},
	{"Marital Status", "Marital Status", characteristic(harmonise.MaritalStatus)},
	{"Gender Same As At Birth", "Gender Identity Same", characteristic(harmonise.GenderIdentity)},
	{"Maternity Leave", "On Maternity Leave", characteristic(harmonise.PregnancyMaternity)},
	{"Carer", "Carer", characteristic(harmonise.Carer)},
	{"Contract Type", "Contract", func(e *entry) cell { return text(contractLabel(e.export.system, e.person.Contract)) }},
	{"FTE", "FTE", func(e *entry) cell { return number(e.person.FTE, -1) }},
	{"Contracted Hours", "Weekly Hours", func(e *entry) cell { return number(weeklyHours(e.person.FTE), 2) }},
	{"FTE Annual Salary", "Annual Salary", func(e *entry) cell { return money(e.person.Salary(e.date)) }},
	{"Full Pay Relevant", "Full Pay", func(e *entry) cell {
		return text(yesNo(e.export.system, !e.person.ReducedPay, e.person, "full pay"))
	}},
	{"Bonus Paid", "Bonus", func(e *entry) cell { return money(e.person.Bonus) }},
	{"Start Date", "Start Date", func(e *entry) cell { return cell{kind: dateCell, date: e.person.StartDate} }},
}

// standardWeek is the full-time week, in hours, that FTE is a fraction of.
const standardWeek = 37

func weeklyHours(fte float64) float64 { return float64(int(fte*standardWeek*100+0.5)) / 100 }

func contractLabel(sys system, contract string) string {
	if sys == oldSystem && contract == "Fixed term" {
		return "Fixed Term"
	}
	return contract
}

// table lays out a year's staff as the export has them: the header in the
// export's layout, and one row of cells per person, oddities included.
func (e *export) table(y Year, seed uint64) ([]string, [][]cell) {
	header := make([]string, len(columns))
	for i, c := range columns {
		header[i] = c.xlsxHeader
		if e.format == csvFormat {
			header[i] = c.csvHeader
		}
	}
	entries := make([]entry, len(y.Staff))
	for i := range y.Staff {
		q := &y.Staff[i]
		entries[i] = entry{export: e, person: q, date: y.Date, labels: e.labels(q)}
	}
	e.addOddities(entries, seed)
	rows := make([][]cell, len(entries))
	for i := range entries {
		row := make([]cell, len(columns))
		for j, c := range columns {
			row[j] = c.value(&entries[i])
		}
		rows[i] = row
	}
	return header, rows
}

// labels spells a person's characteristics in the export's system.
func (e *export) labels(q *Person) map[harmonise.Characteristic]string {
	maternity := "No"
	if q.MaternityLeave {
		maternity = "Yes"
	}
	out := map[harmonise.Characteristic]string{harmonise.PregnancyMaternity: label(e.system, harmonise.PregnancyMaternity, maternity, q)}
	for i := range traits {
		t := &traits[i]
		out[t.characteristic] = label(e.system, t.characteristic, *t.field(q), q)
	}
	return out
}

// addOddities gives the export's unmappable labels to people chosen with a
// generator of the export's own, so the population is not disturbed.
func (e *export) addOddities(entries []entry, seed uint64) {
	r := rand.New(rand.NewPCG(seed, e.oddityStream()))
	for _, o := range e.oddities {
		t := traitOf(o.characteristic)
		if t == nil {
			continue
		}
		var candidates []int
		for i := range entries {
			category := *t.field(entries[i].person)
			if category == harmonise.NotKnown || t.characteristic == harmonise.Sex {
				candidates = append(candidates, i)
			}
		}
		for _, i := range r.Perm(len(candidates))[:min(o.count, len(candidates))] {
			entries[candidates[i]].labels[o.characteristic] = o.label
		}
	}
}

func traitOf(c harmonise.Characteristic) *trait {
	for i := range traits {
		if traits[i].characteristic == c {
			return &traits[i]
		}
	}
	return nil
}
