package peers

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/table"
)

// Table renders the positions as the pay_gap_peers table: one row per
// measure, dated asOf, with group describing the peer group (see Describe)
// and the source file's name (never its directory). Missing figures are [x].
func Table(asOf string, positions []Position, group string, source string) *table.Table {
	t := catalog.PayGapPeers.New()
	src := ""
	if source != "" {
		src = filepath.Base(source)
	}
	for _, p := range positions {
		t.Rows = append(t.Rows, table.Row{
			table.Str(asOf), table.Str(p.Measure),
			table.Num(p.Value), table.Num(p.PeerMedian),
			table.Num(p.PeerLowerQuartile), table.Num(p.PeerUpperQuartile),
			table.Num(p.Percentile), table.Int(int64(p.PeerCount)),
			table.Str(group), table.Str(src),
		})
	}
	return t
}

// Describe says in words which employers the peer group holds, e.g.
// "SIC 84110; 250 to 499 employees; 412 employers", where count is the
// number of employers the filter matched.
func Describe(f Filter, count int) string {
	var parts []string
	if codes := nonBlank(f.SIC); len(codes) > 0 {
		parts = append(parts, "SIC "+orList(codes))
	}
	if sizes := nonBlank(f.Sizes); len(sizes) > 0 {
		parts = append(parts, orList(sizes)+" employees")
	}
	if names := nonBlank(f.Employers); len(names) > 0 {
		// A long list of names would swamp the table; the pipeline file keeps it.
		if len(names) <= 3 {
			parts = append(parts, "named: "+strings.Join(names, ", "))
		} else {
			parts = append(parts, strconv.Itoa(len(names))+" named employers")
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "all employers in the file")
	}
	noun := "employers"
	if count == 1 {
		noun = "employer"
	}
	return strings.Join(append(parts, table.Thousands(int64(count))+" "+noun), "; ")
}

func nonBlank(items []string) []string {
	var out []string
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// orList joins items as "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
