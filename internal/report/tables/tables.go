// Package tables writes the tidy output tables: one CSV per table exactly
// as CONTRACT.md fixes it (UTF-8, header row, comma, '.' decimals, markers
// as text) and the same tables as Parquet with typed columns, plus the
// data-quality report.
package tables

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/table"
)

// WriteCSV writes t to path.
func WriteCSV(path string, t *table.Table) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	w.Write(header)
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, c := range row {
			rec[i] = Neutralise(c.Format(t.Columns[i]), t.Columns[i])
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// Neutralise stops text that came from an input file from being read as a
// formula by a spreadsheet opening the CSV: text cells starting with = + - @
// get a leading apostrophe. Numbers are left alone.
func Neutralise(s string, col table.Column) string {
	if col.Kind != table.Text || s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// WriteAll writes every table as CSV and Parquet under dir and returns the
// paths written.
func WriteAll(ctx context.Context, dir string, ts []*table.Table) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range ts {
		p := filepath.Join(dir, t.Name+".csv")
		if err := WriteCSV(p, t); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	pq, err := writeParquet(ctx, dir, ts)
	if err != nil {
		return nil, err
	}
	return append(paths, pq...), nil
}

func sqlType(k table.Kind) string {
	switch k {
	case table.Count:
		return "BIGINT"
	case table.Percent, table.Ratio, table.Number:
		return "DOUBLE"
	case table.Date:
		return "DATE"
	}
	return "VARCHAR"
}

// writeParquet loads the tables into an in-memory DuckDB and copies each to
// a Parquet file: numbers typed, suppressed and other marked cells NULL.
func writeParquet(ctx context.Context, dir string, ts []*table.Table) ([]string, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var paths []string
	for _, t := range ts {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = strconv.Quote(c.Name) + " " + sqlType(c.Kind)
		}
		name := strconv.Quote(t.Name)
		if _, err := conn.ExecContext(ctx, "CREATE TABLE "+name+" ("+strings.Join(cols, ", ")+")"); err != nil {
			return nil, fmt.Errorf("parquet %s: %w", t.Name, err)
		}
		err := conn.Raw(func(dc any) error {
			app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", t.Name)
			if err != nil {
				return err
			}
			vals := make([]driver.Value, len(t.Columns))
			for _, row := range t.Rows {
				for i, c := range row {
					vals[i] = value(c, t.Columns[i])
				}
				if err := app.AppendRow(vals...); err != nil {
					app.Close()
					return err
				}
			}
			return app.Close()
		})
		if err != nil {
			return nil, fmt.Errorf("parquet %s: %w", t.Name, err)
		}
		p := filepath.Join(dir, t.Name+".parquet")
		if _, err := conn.ExecContext(ctx, "COPY "+name+" TO '"+strings.ReplaceAll(p, "'", "''")+"' (FORMAT parquet)"); err != nil {
			return nil, fmt.Errorf("parquet %s: %w", t.Name, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func value(c table.Cell, col table.Column) driver.Value {
	if !c.IsValue() {
		return nil
	}
	switch col.Kind {
	case table.Count:
		return int64(c.Num)
	case table.Percent, table.Ratio, table.Number:
		return table.Round(c.Num, col.Places())
	case table.Date:
		d, err := time.Parse(time.DateOnly, c.Text)
		if err != nil {
			return nil
		}
		return d
	}
	return c.Text
}

// WriteQuality writes the data-quality report: one row per problem, with
// file, sheet, row, column, kind, severity, count and the problem — never a
// personal value.
func WriteQuality(path string, problems []quality.Problem) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"file", "sheet", "row", "column", "kind", "severity", "count", "problem"})
	for _, p := range problems {
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		text := table.Column{Kind: table.Text}
		w.Write([]string{Neutralise(p.File, text), Neutralise(p.Sheet, text), row, Neutralise(p.Column, text), p.Kind, string(p.Severity), strconv.Itoa(p.Count), Neutralise(p.Message, text)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
