package diagnosis

import (
	"cmp"
	"math/big"
	"slices"

	"koroena/scoring"
)

// Finding is one condition found in an assessment.
type Finding struct {
	// Condition is the catalogue's entry.
	Condition *Condition
	// Severity is the worst of the fired triggers.
	Severity Severity
	// Lost is the points the condition cost the total.
	Lost scoring.Points
	// Evidence is what fired it, one entry per fired trigger.
	Evidence []Evidence
	// Treatments are the recommended treatments, berat ones included when it is berat.
	Treatments []*Treatment
}

// Evidence is one fired trigger with the numbers behind it.
type Evidence struct {
	// Component, Aspect and Question name what was measured (the others are empty).
	Component, Aspect, Question string
	// Test is the trigger's test as written, e.g. "< 40"; empty for a question.
	Test string
	// HasRatio reports whether Ratio is set; Band is the band table's interval the ratio
	// fell in, when the component has a band table.
	HasRatio bool
	Ratio    scoring.Points
	Band     string
	// Checklist reports a checklist: Ya of Of answered "ya", No lists the "tidak" ones.
	Checklist bool
	Ya, Of    int
	No        []string
	// Nilai, Skor and Bobot are the component's (or the aspect's Skor and Max).
	Nilai, Skor, Bobot scoring.Points
	// Inputs are the component's figures with their values, when known.
	Inputs []Input
	// Answer is the question's answer.
	Answer bool
	// Severity is what this trigger alone says.
	Severity Severity
}

// Input is one figure behind a ratio.
type Input struct {
	ID    string
	Value scoring.Amount
	Known bool
}

// Diagnose finds the conditions of a scored assessment: res is in's result for inp. The
// findings come ordered by points lost, then severity, then catalogue order.
func (c *Catalogue) Diagnose(in *scoring.Instrument, res scoring.Result,
	inp scoring.Input,
) []Finding {
	d := diagnoser{in: in, res: res, inp: inp, values: map[string]scoring.Amount{}}
	for id, v := range inp.Figures {
		d.values[id] = v
	}
	for _, v := range res.Derived {
		d.values[v.ID] = v.Value
	}
	var out []Finding
	for _, cd := range c.conditions {
		if f, ok := d.condition(c, cd); ok {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if n := b.Lost.Cmp(a.Lost); n != 0 {
			return n
		}
		return cmp.Compare(b.Severity, a.Severity)
	})
	return out
}

// diagnoser holds one assessment while its conditions are tested.
type diagnoser struct {
	in     *scoring.Instrument
	res    scoring.Result
	inp    scoring.Input
	values map[string]scoring.Amount
}

// condition tests one condition's triggers.
func (d diagnoser) condition(c *Catalogue, cd *Condition) (Finding, bool) {
	f := Finding{Condition: cd}
	lost := new(big.Rat)
	counted := map[string]bool{}
	for _, t := range cd.Triggers {
		if t.Instrument != "" && t.Instrument != d.in.ID {
			continue
		}
		ev, cost, key, ok := d.trigger(t)
		if !ok {
			continue
		}
		f.Evidence = append(f.Evidence, ev)
		f.Severity = max(f.Severity, ev.Severity)
		if !counted[key] {
			counted[key] = true
			lost.Add(lost, cost)
		}
	}
	if len(f.Evidence) == 0 {
		return f, false
	}
	f.Lost = pointsOf(lost)
	ids := cd.Treatments
	if f.Severity == Berat {
		ids = slices.Concat(ids, cd.BeratTreatments)
	}
	for _, id := range ids {
		if t, ok := c.treatments[id]; ok {
			f.Treatments = append(f.Treatments, t)
		}
	}
	return f, true
}

// trigger tests one trigger; cost is the points it stands for and key what they belong
// to, so that two triggers on one component count its loss once.
func (d diagnoser) trigger(t Trigger) (ev Evidence, cost *big.Rat, key string, ok bool) {
	switch {
	case t.Question != "":
		return d.question(t)
	case t.Aspect != "":
		return d.aspect(t)
	}
	return d.component(t)
}

// question fires when the question was answered as the trigger says.
func (d diagnoser) question(t Trigger) (Evidence, *big.Rat, string, bool) {
	ans, given := d.inp.Answers[t.Question]
	if !given || ans != *t.Answer {
		return Evidence{}, nil, "", false
	}
	if _, known := d.in.Question(t.Question); !known {
		return Evidence{}, nil, "", false
	}
	ev := Evidence{Component: t.Component, Question: t.Question, Answer: ans,
		Severity: t.level}
	cost := new(big.Rat)
	if comp, ok := d.in.Component(t.Component); ok && comp.Checklist != nil && !ans {
		cost = ratOf(comp.Checklist.PerYa)
	}
	return ev, cost, "q:" + t.Question, true
}

// aspect fires when the aspect's skor passes the test.
func (d diagnoser) aspect(t Trigger) (Evidence, *big.Rat, string, bool) {
	for _, a := range d.res.Aspects {
		if a.ID != t.Aspect {
			continue
		}
		x := ratOf(a.Skor)
		if !t.test.holds(x) {
			return Evidence{}, nil, "", false
		}
		ev := Evidence{Aspect: a.ID, Test: t.test.text, Skor: a.Skor, Bobot: a.Max}
		ev.Severity = t.severity(x, byNilai(new(big.Rat).Quo(x, nonZero(ratOf(a.Max)))))
		return ev, new(big.Rat).Sub(ratOf(a.Max), x), "a:" + a.ID, true
	}
	return Evidence{}, nil, "", false
}

// component fires when the component was scored and its measure passes the test.
func (d diagnoser) component(t Trigger) (Evidence, *big.Rat, string, bool) {
	r, found := d.res.Component(t.Component)
	comp, known := d.in.Component(t.Component)
	if !found || !known || r.Status != scoring.StatusScored {
		return Evidence{}, nil, "", false
	}
	var x *big.Rat
	switch {
	case t.Ratio != "" && r.HasRatio:
		x = ratOf(r.Ratio)
	case t.Nilai != "":
		x = ratOf(r.Nilai)
	case t.Ya != "" && r.Checklist:
		x = intRat(r.Ya)
	default:
		return Evidence{}, nil, "", false
	}
	if !t.test.holds(x) {
		return Evidence{}, nil, "", false
	}
	ev := Evidence{Component: r.ID, Test: t.test.text, HasRatio: r.HasRatio, Ratio: r.Ratio,
		Checklist: r.Checklist, Ya: r.Ya, Nilai: r.Nilai, Skor: r.Skor, Bobot: r.Bobot}
	fallback := byNilai(new(big.Rat).Quo(ratOf(r.Nilai), big.NewRat(100, 1)))
	if r.Checklist {
		ev.No, ev.Of = d.noAnswers(r.ID)
		fallback = byNilai(new(big.Rat).Quo(intRat(r.Ya), nonZero(intRat(ev.Of))))
	} else {
		ev.Band = bandOf(comp, r)
		for _, id := range comp.Inputs {
			v, ok := d.values[id]
			ev.Inputs = append(ev.Inputs, Input{ID: id, Value: v, Known: ok})
		}
	}
	ev.Severity = t.severity(x, fallback)
	cost := new(big.Rat).Sub(ratOf(r.Bobot), ratOf(r.Skor))
	return ev, cost, "c:" + r.ID, true
}

// noAnswers lists a checklist's questions answered "tidak" and counts its questions.
func (d diagnoser) noAnswers(component string) ([]string, int) {
	qs := d.in.QuestionsOf(component)
	var no []string
	for _, q := range qs {
		if ans, ok := d.inp.Answers[q.ID]; ok && !ans {
			no = append(no, q.ID)
		}
	}
	return no, len(qs)
}

// bandOf is the interval of the band table that holds the component's ratio, if any.
func bandOf(comp scoring.Component, r scoring.ComponentResult) string {
	if !r.HasRatio {
		return ""
	}
	for _, b := range comp.Bands {
		if b.Contains(r.Ratio) {
			return b.When
		}
	}
	return ""
}

// severity is the trigger's level for measure x: its fixed level, the first of its levels
// (worst first) whose test holds, else fallback.
func (t Trigger) severity(x *big.Rat, fallback Severity) Severity {
	if t.level != 0 {
		return t.level
	}
	for _, s := range []Severity{Berat, Sedang, Ringan} {
		if lt, ok := t.levels[s]; ok && lt.holds(x) {
			return s
		}
	}
	if len(t.levels) > 0 {
		return Ringan
	}
	return fallback
}

// byNilai grades a share of the best result (0 to 1): from 3/4 ringan, from 2/5 sedang,
// below that berat.
func byNilai(share *big.Rat) Severity {
	switch {
	case share.Cmp(big.NewRat(3, 4)) >= 0:
		return Ringan
	case share.Cmp(big.NewRat(2, 5)) >= 0:
		return Sedang
	}
	return Berat
}

// nonZero guards a division: zero becomes one.
func nonZero(r *big.Rat) *big.Rat {
	if r.Sign() == 0 {
		return big.NewRat(1, 1)
	}
	return r
}
