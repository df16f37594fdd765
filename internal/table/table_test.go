package table

import "testing"

func TestFormat(t *testing.T) {
	pct := Column{Name: "p", Kind: Percent}
	gpg := Column{Name: "g", Kind: Percent, Decimals: 1}
	cnt := Column{Name: "n", Kind: Count}
	cases := []struct {
		c    Cell
		col  Column
		want string
	}{
		{Num(73.005), pct, "73.01"}, // half away from zero, despite 73.005 being stored as 73.00499…
		{Num(2.675), pct, "2.68"},
		{Num(-1.875), gpg, "-1.9"},
		{Num(4.25), gpg, "4.3"},
		{Int(4690), cnt, "4690"},
		{Marked(Suppressed), pct, "[c]"},
		{Marked(NotAvailable), cnt, "[x]"},
		{Marked(NotApplicable), pct, "[z]"},
		{Marked(Empty), pct, ""},
		{Str("Female"), Column{Kind: Text}, "Female"},
	}
	for _, c := range cases {
		if got := c.c.Format(c.col); got != c.want {
			t.Errorf("Format(%+v, %v) = %q, want %q", c.c, c.col.Kind, got, c.want)
		}
	}
	if c := Num(0.0 / zero()); c.Status != NotAvailable {
		t.Errorf("NaN makes status %v, want NotAvailable", c.Status)
	}
}

func zero() float64 { return 0 }

func TestFilterAndDistinct(t *testing.T) {
	tb := &Table{Columns: []Column{{Name: "c", Kind: Text}, {Name: "k", Kind: Text}, {Name: "n", Kind: Count}},
		Rows: []Row{{Str("sex"), Str("Female"), Int(3)}, {Str("sex"), Str("Male"), Int(2)}, {Str("age"), Str("16-24"), Int(1)}}}
	if rows := tb.Filter("c", "sex"); len(rows) != 2 {
		t.Errorf("Filter gave %d rows, want 2", len(rows))
	}
	if rows := tb.Filter("c", "sex", "k", "Male"); len(rows) != 1 || rows[0][2].Num != 2 {
		t.Errorf("Filter on two columns: %v", rows)
	}
	if d := tb.Distinct("c"); len(d) != 2 || d[0] != "sex" || d[1] != "age" {
		t.Errorf("Distinct = %v", d)
	}
}

func TestThousands(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1,000"},
		{6425, "6,425"},
		{123456, "123,456"},
		{1234567, "1,234,567"},
		{-123, "-123"},
		{-1234567, "-1,234,567"},
	}
	for _, c := range cases {
		if got := Thousands(c.n); got != c.want {
			t.Errorf("Thousands(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
