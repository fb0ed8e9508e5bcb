package scoring

import (
	"strings"
)

// Status says whether a component could be scored.
type Status string

// The component statuses.
const (
	// StatusScored: the component has a nilai and a skor.
	StatusScored Status = "scored"
	// StatusMissing: some inputs are absent; Missing lists them.
	StatusMissing Status = "missing"
	// StatusUndefined: the inputs are there but the ratio has no meaning (a zero
	// denominator); Note says why.
	StatusUndefined Status = "undefined"
)

// Input is one assessment's answers: figures by id, checklist answers by question id, and
// the chosen options. Absent means not entered or not answered yet.
type Input struct {
	// Instrument is "ksp-2016" or a pinned version "ksp-2016@1".
	Instrument string
	// Figures holds the entered amounts by figure id.
	Figures map[string]Amount
	// Answers holds true (ya) or false (tidak) by question id.
	Answers map[string]bool
	// Options holds a choice id by option id; absent options take their default.
	Options map[string]string
}

// Result is a scored assessment that explains itself.
type Result struct {
	// Instrument is the "id@version" that scored it.
	Instrument string
	// Complete reports whether every component is scored.
	Complete bool
	// Total is the sum of all components' skor, rounded to 2 decimals.
	Total Points
	// Predicate is the predicate id when Complete (after adjustments), else "".
	Predicate string
	// Aspects holds each aspect with its components.
	Aspects []AspectResult
	// Components holds every component's result in instrument order (the same values as
	// in Aspects).
	Components []ComponentResult
	// Derived holds every aggregate that could be computed, entered or derived.
	Derived []DerivedValue
	// Adjustments lists the adjustment rules that changed the predicate.
	Adjustments []AdjustmentResult
	// Notes are remarks on the result as a whole.
	Notes []string
}

// AspectResult is one aspect's score.
type AspectResult struct {
	// ID is the aspect id.
	ID string
	// Skor is the sum of its components' skor.
	Skor Points
	// Max is the aspect's maximum.
	Max Points
	// Components are its components' results.
	Components []ComponentResult
}

// ComponentResult is one component's outcome.
type ComponentResult struct {
	// ID is the component id.
	ID string
	// Status is scored, missing or undefined.
	Status Status
	// HasRatio reports whether Ratio is set (a scored ratio component).
	HasRatio bool
	// Ratio is the percentage after rounding to 2 decimals: the value looked up.
	Ratio Points
	// Checklist reports whether the component is a checklist (Ya is set instead of Ratio).
	Checklist bool
	// Ya counts the "ya" answers of a checklist.
	Ya int
	// Nilai is the band value (0 unless scored).
	Nilai Points
	// Bobot is the component's weight.
	Bobot Points
	// Skor is nilai × bobot / 100, or ya × points per ya.
	Skor Points
	// Missing lists the absent inputs when Status is missing.
	Missing []string
	// Note explains an undefined status or a special case.
	Note string
}

// DerivedValue is an aggregate's value and whether it was entered or derived.
type DerivedValue struct {
	// ID is the figure id.
	ID string
	// Value is the exact amount.
	Value Amount
	// Entered reports that the value was typed in rather than derived.
	Entered bool
}

// AdjustmentResult is an adjustment rule that changed the predicate.
type AdjustmentResult struct {
	// ID is the rule's id.
	ID string
	// Questions are the factors answered "ya" that triggered it.
	Questions []string
	// From and To are the predicate ids before and after.
	From, To string
}

// Component returns the result of the component with the given id.
func (r *Result) Component(id string) (ComponentResult, bool) {
	for _, c := range r.Components {
		if c.ID == id {
			return c, true
		}
	}
	return ComponentResult{}, false
}

// Score applies the instrument to an input. It never fails: absent inputs and zero
// denominators show in each component's status. Unknown ids in the input are ignored (use
// ParseInput or NewInput to reject them), and unknown option choices take the default.
// An Instrument is never changed after loading, so Score is safe for concurrent use.
func (in *Instrument) Score(inp Input) Result {
	ov, chosen := in.selectChoices(inp.Options)
	vals := make([]int64, len(in.Figures))
	known := make([]byte, len(in.Figures)) // 0 absent, 1 entered, 2 derived
	for id, a := range inp.Figures {
		if i, ok := in.figIdx[id]; ok {
			vals[i], known[i] = a.u, 1
		}
	}

	// Derive the absent aggregates in list order: each uses only earlier figures.
	res := Result{Instrument: in.Ref(), Notes: chosen}
	res.Derived = make([]DerivedValue, 0, 16)
	for i, f := range in.Figures {
		ts := in.terms[i]
		for _, o := range ov {
			if t, ok := o.terms[i]; ok {
				ts = t
			}
		}
		if known[i] == 0 && len(ts) > 0 {
			if v, ok := sumTerms(ts, vals, known, true); ok {
				vals[i], known[i] = v, 2
			}
		}
		if known[i] != 0 && f.Aggregate() {
			res.Derived = append(res.Derived, DerivedValue{f.ID, Amount{vals[i]}, known[i] == 1})
		}
	}

	// Score every component, then add them up by aspect.
	res.Components = make([]ComponentResult, len(in.Components))
	res.Complete = true
	var total int64
	for i := range in.Components {
		c := &res.Components[i]
		if in.Components[i].Checklist != nil {
			in.scoreChecklist(c, i, inp.Answers)
		} else {
			r := in.rules[i]
			for _, o := range ov {
				if or, ok := o.rules[i]; ok {
					r = or
				}
			}
			in.scoreRatio(c, i, r, vals, known)
		}
		res.Complete = res.Complete && c.Status == StatusScored
		total += c.Skor.u
	}
	res.Aspects = make([]AspectResult, len(in.Aspects))
	for i, a := range in.Aspects {
		res.Aspects[i] = AspectResult{ID: a.ID, Max: a.Max}
	}
	for i, c := range res.Components {
		a := &res.Aspects[in.aspIdx[i]]
		a.Skor.u += c.Skor.u
		a.Components = append(a.Components, c)
	}
	res.Total = Points{u: total}.Round2()
	if res.Complete {
		in.predicate(&res, inp.Answers)
	} else {
		res.Notes = append(res.Notes, "incomplete: no predicate until every component is scored")
	}
	return res
}

// selectChoices returns the overrides of the non-default choices the input names, and a
// note for each ("option ms_pdb: linear").
func (in *Instrument) selectChoices(opts map[string]string) ([]choiceOverride, []string) {
	if len(opts) == 0 {
		return nil, nil
	}
	var ov []choiceOverride
	var notes []string
	for oi, o := range in.Options {
		id, ok := opts[o.ID]
		if !ok || id == o.Default {
			continue
		}
		if ci := o.choice(id); ci >= 0 {
			ov = append(ov, in.choiceRules[oi][ci])
			notes = append(notes, "option "+o.ID+": "+id)
		}
	}
	return ov, notes
}

// sumTerms adds coef × value over the terms. With anyPresent (an aggregate), absent terms
// count as zero as long as one term is present; otherwise every term must be present.
func sumTerms(ts []term, vals []int64, known []byte, anyPresent bool) (int64, bool) {
	var sum int64
	seen := false
	for _, t := range ts {
		if known[t.fig] == 0 {
			if !anyPresent {
				return 0, false
			}
			continue
		}
		seen = true
		v := vals[t.fig]
		if t.coef != scale {
			var err error
			if v, err = mulDivRound(v, t.coef, scale); err != nil {
				return 0, false
			}
		}
		s, err := addChecked(sum, v)
		if err != nil {
			return 0, false
		}
		sum = s
	}
	return sum, seen
}

func (in *Instrument) scoreChecklist(c *ComponentResult, i int, answers map[string]bool) {
	comp := &in.Components[i]
	*c = ComponentResult{ID: comp.ID, Checklist: true, Bobot: comp.Bobot}
	for _, qi := range in.checklist[i] {
		ya, ok := answers[in.Questions[qi].ID]
		switch {
		case !ok:
			c.Missing = append(c.Missing, in.Questions[qi].ID)
		case ya:
			c.Ya++
		}
	}
	if len(c.Missing) > 0 {
		c.Status = StatusMissing
		return
	}
	c.Status = StatusScored
	c.Skor = Points{u: int64(c.Ya) * comp.Checklist.PerYa.u}
}

func (in *Instrument) scoreRatio(c *ComponentResult, i int, r *rule, vals []int64,
	known []byte,
) {
	comp := &in.Components[i]
	*c = ComponentResult{ID: comp.ID, Bobot: comp.Bobot}

	// Every term must be present; an aggregate counts as present once derived.
	for _, t := range r.num {
		c.Missing = in.appendMissing(c.Missing, t.fig, known)
	}
	for _, t := range r.den {
		c.Missing = in.appendMissing(c.Missing, t.fig, known)
	}
	if len(c.Missing) > 0 {
		c.Status = StatusMissing
		return
	}
	num, okN := sumTerms(r.num, vals, known, false)
	den, okD := sumTerms(r.den, vals, known, false)
	if !okN || !okD {
		c.Status, c.Note = StatusUndefined, errOverflow.Error()
		return
	}

	// A zero denominator is undefined unless the rubric gives a value for it.
	if den == 0 {
		if zd := comp.ZeroDenominator; zd != nil {
			c.Status, c.Nilai, c.Note = StatusScored, zd.Nilai, zd.Note
			c.Skor = skorOf(zd.Nilai, comp.Bobot)
			return
		}
		c.Status, c.Note = StatusUndefined, in.termsText(r.den)+" is zero"
		return
	}

	// The ratio in percent, rounded half-up to 2 decimals, is what the table reads.
	hundredths, err := mulDivRound(num, 100*100, den)
	if err != nil || hundredths > 1e12 || hundredths < -1e12 {
		hundredths = clampRatio(num, den)
	}
	c.HasRatio, c.Ratio = true, Points{u: hundredths * 100}
	c.Status, c.Nilai = StatusScored, r.nilai(c.Ratio)
	c.Skor = skorOf(c.Nilai, comp.Bobot)
	if num < 0 && comp.NegativeNote != "" {
		c.Note = comp.NegativeNote
	}
}

// clampRatio stands in for a ratio too large to compute: ±10 000 000 000 %, far beyond
// every band edge, with the sign of the true ratio.
func clampRatio(num, den int64) int64 {
	if (num < 0) != (den < 0) {
		return -1e12
	}
	return 1e12
}

func (in *Instrument) appendMissing(m []string, fig int, known []byte) []string {
	if known[fig] != 0 {
		return m
	}
	id := in.Figures[fig].ID
	for _, x := range m {
		if x == id {
			return m
		}
	}
	return append(m, id)
}

func (in *Instrument) termsText(ts []term) string {
	if len(ts) == 1 {
		return in.Figures[ts[0].fig].ID
	}
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = in.Figures[t.fig].ID
	}
	return strings.Join(ids, " + ")
}

// skorOf is nilai × bobot / 100, kept to 4 decimals.
func skorOf(nilai, bobot Points) Points {
	s, _ := mulDivRound(nilai.u, bobot.u, 100*scale)
	return Points{u: s}
}

// nilai looks the rounded ratio up in the rule's scale.
func (r *rule) nilai(x Points) Points {
	switch {
	case r.step != nil:
		st := r.step
		q := x.u / st.Size.u
		if rem := x.u % st.Size.u; rem != 0 {
			if st.Round == "ceil" && rem > 0 {
				q++
			} else if st.Round == "floor" && rem < 0 {
				q--
			}
		}
		return clampPoints(q*st.Size.u, st.Min, st.Max)
	case r.linear != nil:
		l := r.linear
		xu := x.u
		if l.RoundX != nil {
			unit := int64(scale)
			for range *l.RoundX {
				unit /= 10
			}
			xu = roundDiv(xu, unit) * unit
		}
		v, err := mulDivRound(l.Slope.u, xu, scale)
		if err != nil {
			v = clampRatio(l.Slope.u, xu) * scale
		}
		return clampPoints(l.Base.u+v, l.Min, l.Max)
	}
	for _, b := range r.bands {
		if b.iv.contains(x.u) {
			return b.Nilai
		}
	}
	return Points{} // unreachable: compile checks that the bands cover every ratio
}

func clampPoints(u int64, lo, hi Points) Points {
	return Points{u: min(max(u, lo.u), hi.u)}
}

// predicate sets the predicate from the total, then applies the adjustment rules.
func (in *Instrument) predicate(res *Result, answers map[string]bool) {
	p := len(in.Predicates) - 1
	for i, pr := range in.Predicates {
		if pr.Min != nil && res.Total.u >= pr.Min.u {
			p = i
			break
		}
	}
	for _, a := range in.Adjustments {
		var yes []string
		for _, q := range a.Questions {
			if answers[q] {
				yes = append(yes, q)
			}
		}
		if len(yes) == 0 {
			continue
		}
		to := min(p+a.Down, len(in.Predicates)-1)
		if a.Set != "" {
			to = max(to, in.predicateIndex(a.Set))
		}
		if to != p {
			res.Adjustments = append(res.Adjustments, AdjustmentResult{
				ID: a.ID, Questions: yes, From: in.Predicates[p].ID, To: in.Predicates[to].ID,
			})
			p = to
		}
	}
	res.Predicate = in.Predicates[p].ID
}

func (in *Instrument) predicateIndex(id string) int {
	for i, p := range in.Predicates {
		if p.ID == id {
			return i
		}
	}
	return 0
}
