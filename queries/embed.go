// Package queries holds the SQL that defines every published figure, one
// file per table (named after it), embedded into the binary. Each file's
// header names the METRICS.md section it implements.
//
// Conventions: a query returns the columns of its table in catalogue order;
// NULL in a number column means not applicable ([z]) and NaN means not
// available ([x]). Queries read the run's helper tables, prepared by the
// metrics package: staff_long (one row per person, characteristic and
// category), categories, characteristic_order, grade_order, run (as_of),
// population.
package queries

import "embed"

// FS holds the .sql files.
//
//go:embed *.sql
var FS embed.FS
