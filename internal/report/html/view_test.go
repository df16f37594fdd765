package html

import "testing"

func TestSectionID(t *testing.T) {
	tests := []struct {
		characteristic string
		i              int
		want           string
	}{
		{"ethnic_minority", 4, "section-ethnic_minority"},
		{"sex", 0, "section-sex"},
		{"notes", 2, "section-characteristic-3"},        // would take the notes section's ID
		{"pay band <A>", 6, "section-characteristic-7"}, // not a valid ID
		{"", 0, "section-characteristic-1"},
	}
	for _, tc := range tests {
		if got := sectionID(tc.characteristic, tc.i); got != tc.want {
			t.Errorf("sectionID(%q, %d) = %q, want %q", tc.characteristic, tc.i, got, tc.want)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{thousands(6425), "6,425"},
		{thousands(553), "553"},
		{thousands(1234567), "1,234,567"},
		{thousands(-1735), "-1,735"},
		{oneDecimal(9.95), "10.0"},
		{oneDecimal(76.92), "76.9"},
		{oneDecimal(4.86), "4.9"},
		{longTime("2025-04-10T09:00:00Z"), "10 April 2025 09:00 UTC"},
		{longTime("yesterday"), "yesterday"},
		{measureLabel("percent_of_senior"), "% of senior staff"},
		{measureLabel("declaration_rate"), "Declaration rate %"},
		{measureLabel("made_up"), "made_up"},
		{ragClass("Not met"), "rag rag-not-met"},
		{ragClass("[c]"), "rag rag-none"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d: got %q, want %q", i, tc.got, tc.want)
		}
	}
}
