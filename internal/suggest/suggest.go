// Package suggest finds the valid choice nearest to a mistyped one, so that
// error messages can say "did you mean …?".
package suggest

import (
	"strings"
	"unicode"
)

// Normalise folds a label to a matching key: lower case, every run of
// characters that are neither letters nor digits replaced by one space, and
// no leading or trailing space. Accented letters are kept as they are, and
// combining marks stay attached to their letter so decomposed accents do not
// split a word. Non-breaking and other Unicode spaces count as separators.
func Normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && b.Len() > 0 && !pendingSpace) {
			if pendingSpace && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pendingSpace = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		pendingSpace = true
	}
	return b.String()
}

// Nearest returns the option closest to s by Levenshtein distance between
// the normalised forms with spaces removed, so case, spacing and
// punctuation never count as differences. Ties go to the earliest option;
// with no options the answer is "".
func Nearest(s string, options []string) string {
	if len(options) == 0 {
		return ""
	}
	target := []rune(compact(s))
	best, bestDist := options[0], -1
	for _, o := range options {
		d := levenshtein(target, []rune(compact(o)))
		if bestDist < 0 || d < bestDist {
			best, bestDist = o, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between the normalised forms of a
// and b with spaces removed, the measure Nearest uses.
func Distance(a, b string) int { return levenshtein([]rune(compact(a)), []rune(compact(b))) }

// compact is the normalised form without the spaces between words.
func compact(s string) string { return strings.ReplaceAll(Normalise(s), " ", "") }

// levenshtein counts the single-rune insertions, deletions and substitutions
// that turn a into b, keeping only one row of the table.
func levenshtein(a, b []rune) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag = row[j]
			row[j] = next
		}
	}
	return row[len(b)]
}
