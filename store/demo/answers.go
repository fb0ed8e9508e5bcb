package demo

import (
	"fmt"
	"math/rand/v2"
)

// checklist is one management checklist of ksp-2016: its question ids and the points one
// "ya" earns, in hundredths of a point.
type checklist struct {
	prefix string
	n      int
	points int64
}

// checklists are the five management checklists (ksp-2016-questions.md).
var checklists = []checklist{
	{"mu", 12, 25}, {"mk", 6, 50}, {"mp", 5, 60}, {"ma", 10, 30}, {"ml", 5, 60},
}

// question is one checklist question and the hundredths of a point its "ya" earns.
type question struct {
	id     string
	points int64
}

// questions lists the 38 checklist questions in the instrument's order.
var questions = func() []question {
	var qs []question
	for _, c := range checklists {
		for i := 1; i <= c.n; i++ {
			qs = append(qs, question{fmt.Sprintf("%s%02d", c.prefix, i), c.points})
		}
	}
	return qs
}()

// adjustmentIDs are the adjustment factors af01–af09; every final demo assessment answers
// them all.
var adjustmentIDs = []string{
	"af01", "af02", "af03", "af04", "af05", "af06", "af07", "af08", "af09",
}

// managementPoints is what the answers earn in the management aspect, in hundredths.
func managementPoints(answers map[string]bool) int64 {
	var p int64
	for _, q := range questions {
		if answers[q.id] {
			p += q.points
		}
	}
	return p
}

// newAnswers answers the checklists the way a cooperative of health h would, and the
// adjustment factors with the ones listed in yes set to ya.
func newAnswers(r *rand.Rand, h float64, yes []string) map[string]bool {
	a := make(map[string]bool, len(questions)+len(adjustmentIDs))
	p := 0.25 + 0.7*h
	for _, q := range questions {
		a[q.id] = chance(r, p)
	}
	for _, id := range adjustmentIDs {
		a[id] = false
	}
	for _, id := range yes {
		a[id] = true
	}
	return a
}

// steer flips checklist answers, in an order drawn from r, until the management points are
// within 30 hundredths of aim. No step is larger than 60 hundredths, so an aim that is 30
// or more inside [0, 1500] is always reached.
func steer(r *rand.Rand, answers map[string]bool, aim int64) {
	order := r.Perm(len(questions))
	got := managementPoints(answers)
	for _, i := range order {
		q := questions[i]
		switch {
		case got < aim-30 && !answers[q.id]:
			answers[q.id] = true
			got += q.points
		case got > aim+30 && answers[q.id]:
			answers[q.id] = false
			got -= q.points
		}
	}
}
