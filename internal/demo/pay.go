package demo

import (
	"fmt"
	"math"
	"time"
)

// Grades run from 1 to topGrade; seniorFrom and above are the senior grades
// the reports single out (as Leicestershire's "Grade 13 or above").
const (
	topGrade   = 18
	seniorFrom = 13
)

// gradeLabel is how every export names a grade.
func gradeLabel(grade int) string { return fmt.Sprintf("Grade %d", grade) }

func isSenior(grade int) bool { return grade >= seniorFrom }

// spine holds each grade's spine points as full-time annual salaries in
// 2024/25 (the year to 31 March 2025). Grades 1–12 sit on the NJC pay spine,
// points 2 to 43, in bands of three or four; grades 13–18 are the council's
// own senior scales.
var spine = [topGrade + 1][]int{
	1:  {23656, 24027, 24404},
	2:  {24790, 25183, 25584},
	3:  {25992, 26409, 26835, 27269},
	4:  {27711, 28163, 28624, 29093},
	5:  {29572, 30060, 30559, 31067},
	6:  {31586, 32115, 32654, 33366},
	7:  {34314, 35235, 36124, 37035},
	8:  {37938, 38626, 39513, 40476},
	9:  {41511, 42708, 43693},
	10: {44711, 45718, 46731},
	11: {47754, 48710, 49764},
	12: {50788, 51802, 52805},
	13: {55320, 57010, 58702, 60394},
	14: {62180, 64050, 65920, 67790},
	15: {70110, 72430, 74750, 77070},
	16: {80250, 83430, 86610},
	17: {90480, 94350, 98220},
	18: {104600, 109800, 115000},
}

// award is one year's NJC pay award, effective 1 April: a flat cash sum on
// the national spine (grades 1–12) and a percentage on the senior scales,
// except where the award was a percentage for everyone (flat = 0).
type award struct {
	effective int // calendar year of the 1 April the award took effect
	flat      int
	percent   float64
}

// awards are the settlements between 2020/21 and 2024/25, newest first, so
// earlier years' salaries are found by taking them off in turn.
var awards = []award{
	{effective: 2024, flat: 1290, percent: 2.5},
	{effective: 2023, flat: 1925, percent: 3.88},
	{effective: 2022, flat: 1925, percent: 4.04},
	{effective: 2021, percent: 1.75},
}

// salary is the full-time annual salary of a grade's spine point in force at
// a 31 March snapshot of the given year, in whole pounds.
func salary(grade, point, snapshotYear int) int {
	amount := float64(spine[grade][point])
	for _, a := range awards {
		if a.effective < snapshotYear {
			break
		}
		if a.flat > 0 && !isSenior(grade) {
			amount -= float64(a.flat)
		} else {
			amount = math.Round(amount / (1 + a.percent/100))
		}
	}
	return int(amount)
}

// The 2025/26 award: 3.2% on every point from 1 April 2025, agreed in July
// 2025 and paid, backdated, from the payrolls after; a snapshot from
// award2025Paid on has it, one before does not.
const award2025Percent = 3.2

var award2025Paid = time.Date(2025, time.August, 1, 0, 0, 0, 0, time.UTC)

// salaryOn is the full-time annual salary of a grade's spine point at a
// snapshot date: the pay year's spine (the year to 31 March), and in
// 2025/26 the 2024/25 spine until the award is paid.
func salaryOn(grade, point int, date time.Time) int {
	yearEnd := date.Year()
	if date.After(snapshotDate(yearEnd)) {
		yearEnd++
	}
	if yearEnd <= 2025 {
		return salary(grade, point, yearEnd)
	}
	amount := spine[grade][point]
	if date.Before(award2025Paid) {
		return amount
	}
	return int(math.Round(float64(amount) * (1 + award2025Percent/100)))
}
