package demo

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

// MonitoringDir is the folder, under the inputs folder, the monitoring
// inputs go in.
const MonitoringDir = "monitoring"

// The monitoring period runs from 1 April 2024 (the start of 2024/25) to
// 30 September 2025 (the end of the second quarter of 2025/26); the files
// were taken out of the systems a few days after it.
var (
	periodStart = time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC)
	periodEnd   = time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC)
	exportedAt  = time.Date(2025, time.October, 6, 8, 30, 0, 0, time.UTC)
)

// step is one stretch of the monitoring period between two snapshots of
// the model: its joiners started in it and its leavers left in it.
type step struct{ before, after Year }

// first and last are the first and last days of the step.
func (s *step) first() time.Time { return s.before.Date.AddDate(0, 0, 1) }
func (s *step) last() time.Time  { return s.after.Date }

// share is the step's length as a share of a year.
func (s *step) share() float64 {
	return float64(days(s.before.Date, s.after.Date)) / 365
}

// leaver is a leaver of the model with the date and reason HR recorded.
type leaver struct {
	person *Person
	date   time.Time
	reason string
	step   int
}

// monitoring is what the monitoring files are drawn from.
type monitoring struct {
	seed    uint64
	steps   []step
	leavers []leaver // in leaving-date order
	found   findings // the planted disparities as generated, for the README
}

// rand is the random stream of one file.
func (m *monitoring) rand(file string) *rand.Rand {
	return rand.New(rand.NewPCG(m.seed, streamOf(file)))
}

// generateMonitoring writes the monitoring inputs and their README.
func generateMonitoring(dir string, h History, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if len(h.Years) < 2 || len(h.Quarters) != len(quarterEnds) {
		return fmt.Errorf("monitoring needs the 2024 and 2025 snapshots and %d quarters, have %d years and %d quarters",
			len(quarterEnds), len(h.Years), len(h.Quarters))
	}
	m := &monitoring{seed: seed}
	snapshots := append([]Year{h.Years[len(h.Years)-2], h.Years[len(h.Years)-1]}, h.Quarters...)
	for i := 1; i < len(snapshots); i++ {
		m.steps = append(m.steps, step{before: snapshots[i-1], after: snapshots[i]})
	}
	m.leavers = m.leavingDetails(m.rand("leavers"))

	type file struct {
		name  string
		write func(path string) error
	}
	files := []file{
		{"starters.csv", func(path string) error { return writeCSV(path, plainCSV, startersHeader, m.starters()) }},
		{"leavers.csv", func(path string) error { return writeCSV(path, plainCSV, leaversHeader, m.leaverRows()) }},
		{"recruitment.xlsx", func(path string) error {
			return writeXLSX(path, exportBook("Applications", "Shire County Council Recruitment", "Applications 01/04/2024 to 30/09/2025"),
				recruitmentHeader, m.recruitment(m.rand("recruitment")))
		}},
		{"casework.xlsx", func(path string) error {
			return writeXLSX(path, exportBook("Cases", "Shire County Council HR", "Employee relations cases opened 01/04/2024 to 30/09/2025"),
				caseworkHeader, m.casework(m.rand("casework")))
		}},
		{"training.xlsx", func(path string) error {
			return writeXLSX(path, exportBook("Training", "Shire County Council Learning and Development", "Non-mandatory training 01/04/2024 to 30/09/2025"),
				trainingHeader, m.training(m.rand("training")))
		}},
		{"staff-survey.csv", func(path string) error {
			header, rows := m.survey(m.rand("survey"), h.Years[len(h.Years)-1])
			return writeCSV(path, surveyCSV, header, rows)
		}},
		{"action-plan.xlsx", func(path string) error {
			return writeXLSX(path, actionPlanBook, actionPlanHeader, actionPlanRows())
		}},
		{"README.md", func(path string) error { return os.WriteFile(path, []byte(m.readme()), 0o644) }},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := f.write(path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// exportBook is a monitoring system's export: one sheet, run the Monday
// after the period.
func exportBook(sheet, creator, title string) workbook {
	return workbook{sheet: sheet, creator: creator, title: title, created: exportedAt}
}

// personHeaders are the characteristic columns every monitoring file has;
// beliefHeaders the two more the recruitment, casework and training
// exports carry.
var (
	personHeaders = []string{"Gender", "Date of Birth", "Ethnic Origin", "Disability"}
	beliefHeaders = []string{"Religion or Belief", "Sexual Orientation"}
)

// personCells are a person's characteristics as the new HR system spells
// them (the recruitment system shares its forms), so a record reads the
// same in every file.
func personCells(q *Person, beliefs bool) []cell {
	cells := []cell{
		text(label(newSystem, harmonise.Sex, q.Sex, q)),
		{kind: dateCell, date: q.DateOfBirth},
		text(label(newSystem, harmonise.Ethnicity, q.Ethnicity, q)),
		text(label(newSystem, harmonise.Disability, q.Disability, q)),
	}
	if beliefs {
		cells = append(cells,
			text(label(newSystem, harmonise.Religion, q.Religion, q)),
			text(label(newSystem, harmonise.SexualOrientation, q.SexualOrientation, q)))
	}
	return cells
}

func headers(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func date(d time.Time) cell { return cell{kind: dateCell, date: d} }

// days is the number of whole days from a to b.
func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// dayIn is a day from a to b inclusive, uniformly; a when b is before a.
func dayIn(r *rand.Rand, a, b time.Time) time.Time {
	if b.Before(a) {
		return a
	}
	return a.AddDate(0, 0, r.IntN(days(a, b)+1))
}

// latest and earliest of two dates.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// classCount counts people by a class function into n classes.
func classCount(people []Person, n int, class func(*Person) int) []int {
	counts := make([]int, n)
	for i := range people {
		counts[class(&people[i])]++
	}
	return counts
}

func ethnicOf(q *Person) int     { return ethnicClass(q.Ethnicity) }
func disabilityOf(q *Person) int { return disabilityClass(q.Disability) }
