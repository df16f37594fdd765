package suggest

import "testing"

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"-", ""},
		{"White - British", "white british"},
		{"White: British", "white british"},
		{"WHITE BRITISH", "white british"},
		{"White/British ", "white british"},
		{"  Mixed White & Asian  ", "mixed white asian"},
		{"Female\u00a0", "female"},            // trailing non-breaking space
		{"Not\u00a0known", "not known"},       // NBSP between words
		{"Not\u2003\u2009known", "not known"}, // em space and thin space
		{"Day-to-day activities", "day to day activities"},
		{"Don't know", "don t know"},
		{"N/A", "n a"},
		{"Grade 10", "grade 10"},
		{"Bahá'í", "bahá í"},                         // accents kept
		{"CAFÉ", "café"},                             // upper-case accent lowered
		{"Cafe\u0301 au lait", "cafe\u0301 au lait"}, // decomposed accent stays in the word
		{"\u0301alone", "alone"},                     // a leading stray mark is a separator
		{"a\t\n\rb", "a b"},
		{"___x___", "x"},
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		name    string
		s       string
		options []string
		want    string
	}{
		{"no options", "x", nil, ""},
		{"empty options", "x", []string{}, ""},
		{"exact", "Male", []string{"Female", "Male"}, "Male"},
		{"one typo", "Whte", []string{"Asian", "White", "Black"}, "White"},
		{"case and punctuation free", "white-BRITISH", []string{"White: Irish", "White British"}, "White British"},
		{"spaces do not count", "Notdisabled", []string{"Disabled", "Not disabled"}, "Not disabled"},
		{"tie goes to first", "ab", []string{"aa", "bb"}, "aa"},
		{"all equally far, first wins", "zzz", []string{"abc", "def"}, "abc"},
		{"empty input picks shortest", "", []string{"Female", "Male"}, "Male"},
		{"characteristic names", "sexx", []string{"sex", "gender_identity", "ethnicity"}, "sex"},
		{"transposition costs two", "Feamle", []string{"Female", "Fem"}, "Female"},
		{"accented", "Bahai", []string{"Hindu", "Bahá'í"}, "Bahá'í"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Nearest(tt.s, tt.options); got != tt.want {
				t.Errorf("Nearest(%q, %q) = %q, want %q", tt.s, tt.options, got, tt.want)
			}
		})
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"whte", "white", 1},
		{"café", "cafe", 1}, // one rune, not two bytes
	}
	for _, tt := range tests {
		if got := levenshtein([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
