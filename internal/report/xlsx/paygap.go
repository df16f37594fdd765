package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/table"
)

// The gender pay gap sheet sets out the statutory figures of one snapshot
// the way the government's gender pay gap service shows them.
const (
	payGapSheet = "Gender pay gap"
	// payGapPeersTable is the peer comparison table, named here so that the
	// sheet shows it whichever run produced it.
	payGapPeersTable = "pay_gap_peers"
)

// payGapPlan is the gender pay gap sheet to write: the snapshot's row of
// gender_pay_gap, the peer rows of the same snapshot and the Excel table
// names of its blocks.
type payGapPlan struct {
	sheet     string
	titleText string // "Gender pay gap, 31 March 2025"
	gpg       *table.Table
	row       table.Row
	peers     *table.Table // nil when the run has no peer comparison for the snapshot
	peerRows  []table.Row
	hasPeers  bool
	tableIDs  [3]string // figures, quartiles, peers
}

// planPayGap finds the gender pay gap figures of the reported snapshot (or,
// when it has none, of the latest snapshot); false when the run has none.
func (w *workbook) planPayGap(sheets nameSet) (*payGapPlan, bool) {
	gpg := w.pub.Table(catalog.GenderPayGap.Name)
	rows, date := snapshotRows(gpg, w.pub.Meta.AsOf)
	if len(rows) == 0 {
		return nil, false
	}
	p := &payGapPlan{gpg: gpg, row: rows[0], sheet: sheets.sheet(payGapSheet)}
	p.titleText = "Gender pay gap"
	if date != "" {
		p.titleText += ", " + humanDate(date)
	}
	// The peer comparison must be of the same snapshot, since it repeats
	// the organisation's figures.
	if peers := w.pub.Table(payGapPeersTable); peers != nil {
		i := peers.Index("snapshot_date")
		if prow := wellFormed(peers, func(r table.Row) bool { return i < 0 || r[i].Text == date }); len(prow) > 0 {
			p.peers, p.peerRows, p.hasPeers = peers, prow, true
		}
	}
	p.tableIDs[0] = w.tableNames.table("gender_pay_gap_figures")
	p.tableIDs[1] = w.tableNames.table("gender_pay_gap_quartiles")
	if p.hasPeers {
		p.tableIDs[2] = w.tableNames.table("gender_pay_gap_peers")
	}
	return p, true
}

// description is the contents line of the sheet.
func (p *payGapPlan) description() string {
	d := "The six statutory gender pay gap figures and the share of men and women in each pay quartile"
	if p.hasPeers {
		d += ", with the comparison with peer employers"
	}
	return d + ", laid out as the government's gender pay gap service shows them."
}

// snapshotRows returns the well-formed rows of a table at the given
// snapshot or, when there are none, at its latest snapshot, with the date
// used. A table without snapshots gives all its rows.
func snapshotRows(t *table.Table, date string) ([]table.Row, string) {
	if t == nil {
		return nil, ""
	}
	i := t.Index("snapshot_date")
	if i < 0 {
		return wellFormed(t, func(table.Row) bool { return true }), ""
	}
	at := func(d string) []table.Row {
		return wellFormed(t, func(r table.Row) bool { return r[i].Text == d })
	}
	if rows := at(date); len(rows) > 0 {
		return rows, date
	}
	latest := ""
	for _, r := range wellFormed(t, func(table.Row) bool { return true }) {
		latest = max(latest, r[i].Text)
	}
	if latest == "" {
		return nil, ""
	}
	return at(latest), latest
}

func wellFormed(t *table.Table, keep func(table.Row) bool) []table.Row {
	var out []table.Row
	for _, r := range t.Rows {
		if len(r) == len(t.Columns) && keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// get returns a row's cell in the named column, empty when there is none.
func get(t *table.Table, row table.Row, column string) table.Cell {
	i := t.Index(column)
	if i < 0 || i >= len(row) {
		return table.Marked(table.Empty)
	}
	return row[i]
}

// bonusNote explains the [x] a bonus gap shows when it cannot be worked out.
func bonusNote(t *table.Table, row table.Row) string {
	const generic = "[x] means not available: a bonus pay gap needs at least one man and one woman paid a bonus."
	mean, median := get(t, row, "DiffMeanBonusPercent"), get(t, row, "DiffMedianBonusPercent")
	if mean.Status != table.NotAvailable && median.Status != table.NotAvailable {
		return generic
	}
	none := func(column string) bool {
		c := get(t, row, column)
		return c.IsValue() && c.Num == 0
	}
	switch men, women := none("male_bonus_paid"), none("female_bonus_paid"); {
	case men && women:
		return "[x] means not available: no one received bonus pay, so there are no bonus pay gaps."
	case women:
		return "[x] means not available: no woman received bonus pay, so there are no bonus pay gaps."
	case men:
		return "[x] means not available: no man received bonus pay, so there are no bonus pay gaps."
	}
	return generic
}

// payGapColumns are the sheet's column widths in characters: the labels,
// then the figures.
var payGapColumns = []float64{44, 16, 16, 16, 16, 16, 16}

// payBlock is one table of the gender pay gap sheet: a heading, an
// optional line under it, then the table of a label column and figures.
type payBlock struct {
	heading string
	note    string
	headers []string
	places  []int // decimal places of each figure column
	rows    []payRow
	table   string // Excel table name
}

type payRow struct {
	label string
	cells []table.Cell
}

// writePayGap writes the gender pay gap sheet: a title carrying the
// snapshot date, a line on the sign of the gaps, one on [x] and [c], one on
// what the sheet holds, then a heading and an Excel table per block, one
// under the other with no blank rows and no merged cells.
func (w *workbook) writePayGap(p *payGapPlan) error {
	sheet := p.sheet
	if err := w.text(sheet, "A1", p.titleText, w.st.title); err != nil {
		return err
	}
	if err := w.f.SetRowHeight(sheet, 1, titleHeight); err != nil {
		return err
	}
	blocks := []payBlock{p.figuresBlock(), p.quartilesBlock()}
	if p.hasPeers {
		blocks = append(blocks, p.peersBlock())
	}
	intro := []string{
		"The figures public bodies publish each year under the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017, " +
			"laid out as on the government's gender pay gap service. A positive gap means men are paid more; a negative gap means women are paid more.",
		bonusNote(p.gpg, p.row) + " [c] marks a figure withheld to protect individuals; see the Notes sheet.",
		fmt.Sprintf("This worksheet contains %s, one under the other, each under a heading. Percentages are shown to one decimal place.", plural(len(blocks), "table")),
	}
	for i, text := range intro {
		if err := w.text(sheet, cellName(1, i+2), text, 0); err != nil {
			return err
		}
	}
	for i, wd := range payGapColumns {
		if err := w.f.SetColWidth(sheet, colName(i+1), colName(i+1), wd); err != nil {
			return err
		}
	}
	r := len(intro) + 2
	for _, b := range blocks {
		next, err := w.writePayBlock(sheet, r, b)
		if err != nil {
			return err
		}
		r = next
	}
	return nil
}

func (p *payGapPlan) figuresBlock() payBlock {
	b := payBlock{heading: "The six statutory figures", headers: []string{"Figure", "Percentage"}, places: []int{1}, table: p.tableIDs[0]}
	for _, f := range catalog.StatutoryFigures {
		b.rows = append(b.rows, payRow{f.Label, []table.Cell{get(p.gpg, p.row, f.Column)}})
	}
	return b
}

func (p *payGapPlan) quartilesBlock() payBlock {
	b := payBlock{
		heading: "Men and women in each pay quartile",
		note:    "Quartiles are quarters of full-pay relevant employees ranked by hourly pay, lowest paid first.",
		headers: []string{"Quartile", "Men (%)", "Women (%)"}, places: []int{1, 1}, table: p.tableIDs[1],
	}
	for _, q := range catalog.PayQuarters {
		b.rows = append(b.rows, payRow{q.Label, []table.Cell{get(p.gpg, p.row, q.Men), get(p.gpg, p.row, q.Women)}})
	}
	return b
}

func (p *payGapPlan) peersBlock() payBlock {
	t := p.peers
	b := payBlock{
		heading: "Compared with peer employers",
		headers: []string{"Measure", "Organisation (%)", "Peer median (%)", "Peer lower quartile (%)", "Peer upper quartile (%)", "Percentile rank", "Peers with a figure"},
		places:  []int{1, 1, 1, 1, 1, 0}, table: p.tableIDs[2],
	}
	group, source := "", ""
	for _, row := range p.peerRows {
		b.rows = append(b.rows, payRow{catalog.PayMeasureLabel(get(t, row, "measure").Text), []table.Cell{
			get(t, row, "organisation_value"), get(t, row, "peer_median"),
			get(t, row, "peer_lower_quartile"), get(t, row, "peer_upper_quartile"),
			get(t, row, "percentile"), get(t, row, "peer_count")}})
		if group == "" {
			group = get(t, row, "peer_group").Text
		}
		if source == "" {
			source = get(t, row, "source").Text
		}
	}
	var about []string
	if group != "" {
		about = append(about, "Peer group: "+group+".")
	}
	if source != "" {
		about = append(about, "Source: "+source+".")
	}
	about = append(about, "The percentile rank is the share of peers with a lower figure, counting half of those with the same figure.")
	b.note = strings.Join(about, " ")
	return b
}

// writePayBlock writes a block from row r and returns the row after it.
func (w *workbook) writePayBlock(sheet string, r int, b payBlock) (int, error) {
	if err := w.text(sheet, cellName(1, r), b.heading, w.st.heading); err != nil {
		return 0, err
	}
	if err := w.f.SetRowHeight(sheet, r, headingHeight); err != nil {
		return 0, err
	}
	r++
	if b.note != "" {
		if err := w.text(sheet, cellName(1, r), b.note, 0); err != nil {
			return 0, err
		}
		r++
	}
	header := r
	lines := 1
	for i, h := range b.headers {
		if err := w.text(sheet, cellName(i+1, header), h, w.st.header); err != nil {
			return 0, err
		}
		lines = max(lines, wrappedLines(h, payGapColumns[i]))
	}
	if err := w.f.SetRowHeight(sheet, header, lineHeight*float64(lines)); err != nil {
		return 0, err
	}
	for i, row := range b.rows {
		at := header + 1 + i
		if err := w.text(sheet, cellName(1, at), row.label, 0); err != nil {
			return 0, err
		}
		for j, c := range row.cells {
			if err := w.payValue(sheet, cellName(j+2, at), c, b.places[j]); err != nil {
				return 0, err
			}
		}
	}
	last := cellName(len(b.headers), header+len(b.rows))
	if err := w.f.AddTable(sheet, &excelize.Table{Range: cellName(1, header) + ":" + last, Name: b.table, ShowRowStripes: boolPtr(false)}); err != nil {
		return 0, fmt.Errorf("add table %s: %w", b.table, err)
	}
	return header + len(b.rows) + 1, nil
}

// payValue writes one figure: the published value rounded to its places,
// with a number format showing them, or its marker as right-aligned text.
func (w *workbook) payValue(sheet, ref string, c table.Cell, places int) error {
	switch {
	case c.Status == table.Empty:
		return nil
	case !c.IsValue():
		return w.text(sheet, ref, c.Status.Marker(), w.st.marker)
	case math.IsNaN(c.Num) || math.IsInf(c.Num, 0):
		return w.text(sheet, ref, table.NotAvailable.Marker(), w.st.marker)
	}
	code := "0.0"
	if places == 0 {
		code = "#,##0"
	}
	style, err := w.st.numFmt(code)
	if err != nil {
		return err
	}
	if err := w.f.SetCellFloat(sheet, ref, table.Round(c.Num, places), -1, 64); err != nil {
		return fmt.Errorf("write %s!%s: %w", sheet, ref, err)
	}
	if err := w.f.SetCellStyle(sheet, ref, ref, style); err != nil {
		return fmt.Errorf("style %s!%s: %w", sheet, ref, err)
	}
	return nil
}
