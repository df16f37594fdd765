package catalog

import "github.com/equip-project/equip/internal/table"

// PayGapPeers compares the organisation's gender pay gap with other
// employers' published figures. The peers' figures are public, so the table
// needs no disclosure control of its own; the organisation's figures come
// from the gender_pay_gap table, already protected.
var PayGapPeers = Entry{
	Name:  "pay_gap_peers",
	Title: "Gender pay gap compared with peers",
	Description: "Where the organisation's mean and median hourly pay gaps and women's share of the top pay quarter sit among a peer group of employers' published figures: " +
		"the peers' median and quartiles, and the organisation's percentile rank (the share of peers with a lower figure plus half of those with the same figure).",
	Columns: []table.Column{snapshot, text("measure", "Measure"),
		pct1("organisation_value", "Organisation"), pct1("peer_median", "Peer median"),
		pct1("peer_lower_quartile", "Peer lower quartile"), pct1("peer_upper_quartile", "Peer upper quartile"),
		pct1("percentile", "Percentile rank among peers"), count("peer_count", "Peers with a figure"),
		text("peer_group", "Peer group"), text("source", "Source")},
}

func pct1(name, label string) table.Column {
	return table.Column{Name: name, Kind: table.Percent, Decimals: 1, Label: label}
}
