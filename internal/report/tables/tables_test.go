package tables

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/equip-project/equip/internal/quality"
	"github.com/equip-project/equip/internal/table"
)

func TestWriteCSV(t *testing.T) {
	tb := &table.Table{Name: "profile", Columns: []table.Column{
		{Name: "snapshot_date", Kind: table.Date}, {Name: "category", Kind: table.Text},
		{Name: "headcount", Kind: table.Count}, {Name: "percent", Kind: table.Percent}, {Name: "gap", Kind: table.Percent, Decimals: 1},
	}, Rows: []table.Row{
		{table.Str("2025-03-31"), table.Str("Asian, Asian British or Asian Welsh: Indian"), table.Int(401), table.Num(6.2412), table.Num(-4.25)},
		{table.Str("2025-03-31"), table.Str("=HYPERLINK(\"x\")"), table.Marked(table.Suppressed), table.Marked(table.Suppressed), table.Marked(table.NotAvailable)},
	}}
	path := filepath.Join(t.TempDir(), "profile.csv")
	if err := WriteCSV(path, tb); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	want := "snapshot_date,category,headcount,percent,gap\n" +
		"2025-03-31,\"Asian, Asian British or Asian Welsh: Indian\",401,6.24,-4.3\n" +
		"2025-03-31,\"'=HYPERLINK(\"\"x\"\")\",[c],[c],[x]\n" // a formula from input text is neutralised
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
}

func TestWriteQualityHasNoValueColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dq.csv")
	err := WriteQuality(path, []quality.Problem{{File: "staff.csv", Row: 7, Column: "DOB", Kind: "invalid date", Message: "not a date", Severity: quality.Warning, Count: 1}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "file,sheet,row,column,kind,severity,count,problem" || lines[1] != "staff.csv,,7,DOB,invalid date,warning,1,not a date" {
		t.Errorf("data-quality.csv:\n%s", b)
	}
}
