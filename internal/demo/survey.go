package demo

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/equip-project/equip/internal/harmonise"
)

// The staff survey ran from 17 February to 14 March 2025; its respondents
// are drawn from the staff in post at 31 March 2025, about 40% of them.
var surveyDate = time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)

const surveyResponseRate = 0.40

// The answer scale, most positive first.
var agreeScale = []string{"Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"}

// surveyItem is one agree–disagree statement: the share agreeing among
// White, not disabled, heterosexual respondents, and how much less (or
// more) ethnic minority, disabled and LGB+ respondents agree, as shifts of
// the latent score that answers are cut from.
type surveyItem struct {
	header                  string
	agree                   float64
	negative                bool // agreeing is the bad answer: the item counts harm
	minority, disabled, lgb float64
}

const fairnessItem = "The organisation acts fairly with regard to career progression regardless of ethnic background, gender, religion, sexual orientation, disability or age"

var surveyItems = []surveyItem{
	{header: "I feel valued for the work I do", agree: 0.58, minority: -0.35, disabled: -0.5, lgb: -0.1},
	{header: "My manager supports my wellbeing", agree: 0.72, minority: -0.05, disabled: -0.25},
	{header: "I would recommend the council as a place to work", agree: 0.56, minority: -0.1, disabled: -0.2},
	{header: "I have the opportunities I need to develop my career", agree: 0.48, minority: -0.25, disabled: -0.3},
	{header: fairnessItem, agree: 0.62, minority: -0.6, disabled: -0.6, lgb: -0.15},
	{header: "I have experienced bullying or harassment from colleagues in the last 12 months", agree: 0.13, negative: true,
		minority: 0.25, disabled: 0.35, lgb: 0.65},
	{header: "I feel able to be myself at work", agree: 0.70, minority: -0.15, disabled: -0.15, lgb: -0.35},
	{header: "I know how to report bullying, harassment or discrimination", agree: 0.80},
}

// The latent score: an item's mean, the respondent's engagement (shared by
// their answers, sd engagementSD) and the answer's own noise (sd 1), cut
// at these points into the five answers.
const engagementSD = 0.7

var agreeCuts = []float64{1.0, 0, -0.6, -1.5}

// Survey forms ask for the high-level ethnic group only.
var surveyEthnicGroups = map[string]string{
	harmonise.GroupWhite: "White",
	harmonise.GroupMixed: "Mixed or Multiple ethnic groups",
	harmonise.GroupAsian: "Asian or Asian British",
	harmonise.GroupBlack: "Black, Black British, Caribbean or African",
	harmonise.GroupOther: "Other ethnic group",
}

var surveySexualOrientation = map[string]string{
	harmonise.Heterosexual: "Heterosexual or straight",
	"Gay or lesbian":       "Gay or lesbian",
	"Bisexual":             "Bisexual",
	"Other":                "Other sexual orientation",
}

// What respondents whose HR record does not say answer on the survey form,
// which people fill in more fully than HR's.
var (
	surveyDisabilityUnrecorded  = []share{{"Yes", 12}, {"No", 70}, {harmonise.PreferNotToSay, 18}}
	surveyOrientationUnrecorded = []share{
		{"Heterosexual or straight", 86}, {"Gay or lesbian", 2.2}, {"Bisexual", 2.0},
		{"Other sexual orientation", 0.6}, {harmonise.PreferNotToSay, 9.2},
	}
)

const (
	itemBlankChance        = 0.015
	demographicBlankChance = 0.005
	declineChance          = 0.025 // of gender and age band, which HR always has
	ethnicityDeclined      = 0.3   // of those HR has no ethnicity for
)

var surveyAgeBands = harmonise.DefaultAgeBands

// respondent is one response: the demographics as answered.
type respondent struct {
	gender, ageBand, ethnicGroup, disability, orientation string
	answers                                               []string
}

// survey draws the respondents and their answers.
func (m *monitoring) survey(r *rand.Rand, at Year) ([]string, [][]cell) {
	staff := make([]*Person, len(at.Staff))
	for i := range at.Staff {
		staff[i] = &at.Staff[i]
	}
	n := int(math.Round(surveyResponseRate * float64(len(staff))))
	chosen := weightedSample(r, staff, n, func(q *Person) float64 {
		switch {
		case q.Contract == "Casual":
			return 0.6
		case q.Grade <= 2:
			return 0.7
		case q.Grade >= 9:
			return 1.2
		}
		return 1
	})
	r.Shuffle(len(chosen), func(i, j int) { chosen[i], chosen[j] = chosen[j], chosen[i] })
	responses := make([]respondent, len(chosen))
	for i, q := range chosen {
		responses[i] = answer(r, q)
	}
	m.found.survey = summariseSurvey(responses)

	header := []string{"Response ID", "Gender", "Age Band", "Ethnic Group", "Disability", "Sexual Orientation"}
	for _, it := range surveyItems {
		header = append(header, it.header)
	}
	rows := make([][]cell, len(responses))
	id := 10000 + r.IntN(400)
	for i, resp := range responses {
		id += 1 + r.IntN(2) // partial responses, removed, leave gaps
		row := []cell{number(float64(id), 0), text(resp.gender), text(resp.ageBand), text(resp.ethnicGroup), text(resp.disability), text(resp.orientation)}
		for _, a := range resp.answers {
			row = append(row, text(a))
		}
		rows[i] = row
	}
	return header, rows
}

// answer is one member of staff's response.
func answer(r *rand.Rand, q *Person) respondent {
	resp := respondent{
		gender:      q.Sex,
		ageBand:     surveyAgeBands.Band(q.ageAt(surveyDate)),
		ethnicGroup: surveyEthnicGroup(r, q),
		disability:  surveyDisability(r, q),
		orientation: surveyOrientation(r, q),
	}
	if r.Float64() < declineChance {
		resp.gender = harmonise.PreferNotToSay
	}
	if r.Float64() < declineChance {
		resp.ageBand = harmonise.PreferNotToSay
	}
	for _, f := range []*string{&resp.gender, &resp.ageBand, &resp.ethnicGroup, &resp.disability, &resp.orientation} {
		if r.Float64() < demographicBlankChance {
			*f = ""
		}
	}
	minority := resp.ethnicGroup != "" && resp.ethnicGroup != "White" && resp.ethnicGroup != harmonise.PreferNotToSay
	disabled := resp.disability == "Yes"
	lgb := resp.orientation != "" && resp.orientation != "Heterosexual or straight" && resp.orientation != harmonise.PreferNotToSay
	declined := resp.ethnicGroup == harmonise.PreferNotToSay || resp.disability == harmonise.PreferNotToSay || resp.orientation == harmonise.PreferNotToSay

	total := math.Sqrt(1 + engagementSD*engagementSD)
	engagement := r.NormFloat64() * engagementSD
	for _, it := range surveyItems {
		if r.Float64() < itemBlankChance {
			resp.answers = append(resp.answers, "")
			continue
		}
		z := total*math.Sqrt2*math.Erfinv(2*it.agree-1) + r.NormFloat64()
		toward := 1.0 // which way engagement and declining to answer push
		if it.negative {
			toward = -1
		}
		z += toward * engagement
		if declined {
			z -= toward * 0.2 // who declines to say is a little less positive
		}
		if minority {
			z += it.minority
		}
		if disabled {
			z += it.disabled
		}
		if lgb {
			z += it.lgb
		}
		a := len(agreeCuts)
		for k, cut := range agreeCuts {
			if z > cut {
				a = k
				break
			}
		}
		resp.answers = append(resp.answers, agreeScale[a])
	}
	return resp
}

func surveyEthnicGroup(r *rand.Rand, q *Person) string {
	category := q.Ethnicity
	if harmonise.IsMissing(category) {
		if r.Float64() < ethnicityDeclined {
			return harmonise.PreferNotToSay
		}
		category = traitOf(harmonise.Ethnicity).drawDeclared(r, q, surveyDate)
	}
	group, _, _ := strings.Cut(category, ":")
	return surveyEthnicGroups[group]
}

func surveyDisability(r *rand.Rand, q *Person) string {
	switch q.Disability {
	case "Disabled":
		return "Yes"
	case "Not disabled":
		return "No"
	}
	return pick(r, surveyDisabilityUnrecorded)
}

func surveyOrientation(r *rand.Rand, q *Person) string {
	if label, ok := surveySexualOrientation[q.SexualOrientation]; ok {
		return label
	}
	return pick(r, surveyOrientationUnrecorded)
}
