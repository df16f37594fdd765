package pipeline

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/equip-project/equip/internal/catalog"
	"github.com/equip-project/equip/internal/config"
	"github.com/equip-project/equip/internal/peers"
	"github.com/equip-project/equip/internal/table"
)

// comparePeers places the organisation's published gender pay gap figures
// among its peers' in the government's published data (issue: pay gap peer
// comparison). Only published (disclosure-controlled) figures are compared.
func comparePeers(p *config.Pipeline, published map[string]*table.Table, man *Manifest) error {
	in := p.Inputs.PayGapPeers
	gpg := published[catalog.GenderPayGap.Name]
	if in == nil || gpg == nil {
		return nil
	}
	path := resolve(p.Dir, in.Path)
	filter := peers.Filter{SIC: in.SIC, Sizes: in.Size, Employers: in.Employers}
	employers, err := peers.Read(path, filter)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInput, err)
	}
	if p.Organisation != "" {
		employers = peers.Exclude(employers, []string{p.Organisation})
	}
	org := map[string]float64{}
	rows := gpg.Filter("snapshot_date", man.AsOf)
	for _, m := range peers.Measures {
		org[m] = math.NaN()
		if len(rows) == 1 {
			if c := rows[0][gpg.MustIndex(m)]; c.IsValue() {
				org[m] = c.Num
			}
		}
	}
	positions := peers.Compare(org, employers)
	published[catalog.PayGapPeers.Name] = peers.Table(man.AsOf, positions, peers.Describe(filter, len(employers)), filepath.Base(path))
	man.addInput(path, "pay_gap_peers", "", 0, 0)
	return nil
}
