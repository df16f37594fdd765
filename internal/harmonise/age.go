package harmonise

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// maxAge is the oldest age banded; an older age is taken for a data error
// (a date of birth typed with the wrong century) and reported as NotKnown.
const maxAge = 120

// AgeBands are the lower bounds of the age bands, ascending: {16, 25, 35}
// means 16-24, 25-34 and 35+.
type AgeBands []int

// DefaultAgeBands are 16-24, 25-34, 35-44, 45-54, 55-64 and 65+.
var DefaultAgeBands = AgeBands{16, 25, 35, 45, 55, 65}

// Validate reports bands that cannot be used: none at all, a negative first
// bound, a bound above the oldest age banded, or bounds not strictly ascending.
func (b AgeBands) Validate() error {
	if len(b) == 0 {
		return errors.New("age bands: need at least one lower bound")
	}
	if b[0] < 0 {
		return fmt.Errorf("age bands: first lower bound %d is negative", b[0])
	}
	for i := 1; i < len(b); i++ {
		if b[i] <= b[i-1] {
			return fmt.Errorf("age bands: lower bounds must ascend, but %d follows %d", b[i], b[i-1])
		}
	}
	if last := b[len(b)-1]; last > maxAge {
		return fmt.Errorf("age bands: lower bound %d is above %d", last, maxAge)
	}
	return nil
}

// Labels returns the band labels in order: "16-24", "25-34", …, "65+".
func (b AgeBands) Labels() []string {
	labels := make([]string, len(b))
	for i := range b {
		labels[i] = b.label(i)
	}
	return labels
}

func (b AgeBands) label(i int) string {
	if i == len(b)-1 {
		return strconv.Itoa(b[i]) + "+"
	}
	return strconv.Itoa(b[i]) + "-" + strconv.Itoa(b[i+1]-1)
}

// Band returns the label of the band holding age, or NotKnown when the age
// is negative, above 120 or below the first bound (or the bands are empty).
func (b AgeBands) Band(age int) string {
	if len(b) == 0 || age < 0 || age > maxAge || age < b[0] {
		return NotKnown
	}
	i := len(b) - 1
	for age < b[i] {
		i--
	}
	return b.label(i)
}

// AgeAt returns the completed years from dateOfBirth to at, comparing
// calendar dates as each time states them. A birthday not yet reached in
// at's year counts one year less, so someone born on 29 February reaches
// their birthday on 1 March in a non-leap year. When at is before the date
// of birth the result is negative, which Band reports as NotKnown.
func AgeAt(dateOfBirth, at time.Time) int {
	by, bm, bd := dateOfBirth.Date()
	ay, am, ad := at.Date()
	age := ay - by
	if am < bm || (am == bm && ad < bd) {
		age--
	}
	return age
}
