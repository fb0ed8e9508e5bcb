package scoring

import (
	"math/big"
	"math/bits"
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
	// AspectScores holds aspect scores given directly (0–100, e.g. from a published
	// examination that reports no indicators), by aspect id. Only an instrument that
	// weighs its aspects accepts them; an entered aspect's indicators are not counted.
	AspectScores map[string]Points
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
	// Eligibility, for an instrument with eligibility preconditions, says whether they
	// are met; nil otherwise.
	Eligibility *Eligibility
}

// Eligibility is the state of an instrument's preconditions. An unmet or unanswered one
// flags the result; the score is computed all the same.
type Eligibility struct {
	// Met reports that every precondition is answered "ya".
	Met bool
	// Unmet lists the preconditions answered "tidak".
	Unmet []string
	// Unanswered lists the preconditions not answered yet.
	Unanswered []string
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

	// The fields below are set when the instrument weighs its aspects.

	// Weighted reports that Score, Weight and Predicate are set.
	Weighted bool
	// Score is skor / max × 100 (or the entered score), rounded to 2 decimals.
	Score Points
	// Weight is the aspect's share of the total, in percent.
	Weight Points
	// Predicate is the predicate the aspect's score earns, once all its components are
	// scored (or its score is entered); else "".
	Predicate string
	// Entered reports that Score was given in the input, not computed.
	Entered bool
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
	// Rated reports a rated indicator: Category is set once it is scored.
	Rated bool
	// Category is the category id of a rated indicator's nilai, e.g. "cukup_sehat".
	Category string
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
	exclusive := false
	for _, o := range ov {
		exclusive = exclusive || o.exclusive
	}
	var total int64
	for i := range in.Components {
		c := &res.Components[i]
		r := in.rules[i]
		for _, o := range ov {
			if or, ok := o.rules[i]; ok {
				r = or
			}
		}
		if in.Components[i].Checklist != nil {
			in.scoreChecklist(c, i, r, inp.Answers)
		} else {
			in.scoreRatio(c, i, r, vals, known)
		}
		if _, entered := inp.AspectScores[in.Aspects[in.aspIdx[i]].ID]; !entered ||
			!in.weighted {
			res.Complete = res.Complete && c.Status == StatusScored
		}
		total += c.Skor.u
	}
	res.Aspects = make([]AspectResult, len(in.Aspects))
	for i, a := range in.Aspects {
		res.Aspects[i] = AspectResult{ID: a.ID, Max: a.Max,
			Components: make([]ComponentResult, 0, in.aspSize[i])}
	}
	for i, c := range res.Components {
		a := &res.Aspects[in.aspIdx[i]]
		a.Skor.u += c.Skor.u
		a.Components = append(a.Components, c)
	}
	res.Total = Points{u: total}.Round2()
	rank := func() int { return in.rank(res.Total, exclusive) }
	if in.weighted {
		exact := in.weigh(&res, inp.AspectScores, exclusive)
		res.Total = ratRound2(exact)
		rank = func() int { return in.rankRat(exact, res.Total, exclusive) }
	}
	if res.Complete {
		in.predicate(&res, rank(), inp.Answers)
	} else {
		res.Notes = append(res.Notes, "incomplete: no predicate until every component is scored")
	}
	in.checkEligibility(&res, inp.Answers)
	return res
}

// weigh sets each aspect's score (skor / max × 100, or the entered one) and predicate,
// and returns the exact total, Σ weight × score / 100.
func (in *Instrument) weigh(res *Result, entered map[string]Points, exclusive bool) *big.Rat {
	total, term := new(big.Rat), new(big.Rat)
	for i := range res.Aspects {
		a := &res.Aspects[i]
		a.Weighted, a.Weight = true, *in.Aspects[i].Weight
		// The exact score in percent is num / den.
		num, den := int64(0), int64(1)
		complete := true
		if v, ok := entered[a.ID]; ok {
			num, den = v.u, scale
			a.Entered = true
			res.Notes = append(res.Notes, "aspect "+a.ID+": score entered ("+v.String()+
				"), not computed from its indicators")
		} else {
			if a.Max.u > 0 {
				num, den = a.Skor.u*100, a.Max.u
			}
			for _, c := range a.Components {
				complete = complete && c.Status == StatusScored
			}
		}
		hundredths, _ := mulDivRound(num, 100, den)
		a.Score = Points{u: hundredths * 100}
		if complete {
			a.Predicate = in.Predicates[in.rankFrac(num, den, a.Score, exclusive)].ID
		}
		term.SetFrac64(num, den)
		total.Add(total, term.Mul(term, in.weightRat[i]))
	}
	return total
}

// rankFrac ranks an aspect's exact score num / den (percent) when the instrument compares
// unrounded, else its rounded score.
func (in *Instrument) rankFrac(num, den int64, rounded Points, exclusive bool) int {
	if !in.exact {
		return in.rank(rounded, exclusive)
	}
	for i, pr := range in.Predicates {
		if pr.Min == nil {
			continue
		}
		// num / den ≥ min.u / scale exactly when num × scale ≥ min.u × den.
		c := cmpProducts(num, scale, pr.Min.u, den)
		if c > 0 || (c == 0 && !exclusive) {
			return i
		}
	}
	return len(in.Predicates) - 1
}

// ratRound2 rounds a rational half away from zero to 2 decimals.
func ratRound2(x *big.Rat) Points {
	n := new(big.Int).Mul(x.Num(), big.NewInt(100))
	q, r := new(big.Int).QuoRem(n, x.Denom(), new(big.Int))
	if r.Sign() != 0 {
		r.Abs(r).Lsh(r, 1)
		if r.Cmp(x.Denom()) >= 0 {
			if n.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return Points{u: q.Int64() * 100}
}

// rank is the index of the predicate a value earns: the first, best first, whose min it
// reaches (or exceeds, with exclusive edges).
func (in *Instrument) rank(x Points, exclusive bool) int {
	for i, pr := range in.Predicates {
		if pr.Min != nil && (x.u > pr.Min.u || (x.u == pr.Min.u && !exclusive)) {
			return i
		}
	}
	return len(in.Predicates) - 1
}

// rankRat ranks the exact value when the instrument compares unrounded, else the rounded.
func (in *Instrument) rankRat(exact *big.Rat, rounded Points, exclusive bool) int {
	if !in.exact {
		return in.rank(rounded, exclusive)
	}
	for i, pr := range in.Predicates {
		if pr.Min == nil {
			continue
		}
		c := exact.Cmp(in.minRat[i])
		if c > 0 || (c == 0 && !exclusive) {
			return i
		}
	}
	return len(in.Predicates) - 1
}

// checkEligibility records the state of the instrument's preconditions.
func (in *Instrument) checkEligibility(res *Result, answers map[string]bool) {
	if len(in.eligibility) == 0 {
		return
	}
	el := &Eligibility{}
	for _, qi := range in.eligibility {
		id := in.Questions[qi].ID
		ya, ok := answers[id]
		switch {
		case !ok:
			el.Unanswered = append(el.Unanswered, id)
		case !ya:
			el.Unmet = append(el.Unmet, id)
		}
	}
	el.Met = len(el.Unmet) == 0 && len(el.Unanswered) == 0
	if len(el.Unmet) > 0 {
		res.Notes = append(res.Notes, "not eligible: precondition "+
			strings.Join(el.Unmet, ", ")+" unmet; the score is not a valid examination")
	}
	if len(el.Unanswered) > 0 {
		res.Notes = append(res.Notes, "eligibility not yet confirmed: "+
			strings.Join(el.Unanswered, ", "))
	}
	res.Eligibility = el
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

func (in *Instrument) scoreChecklist(c *ComponentResult, i int, r *rule,
	answers map[string]bool,
) {
	comp := &in.Components[i]
	*c = ComponentResult{ID: comp.ID, Checklist: true, Bobot: comp.Bobot,
		Rated: in.Rating != nil}
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
	if in.Rating == nil {
		c.Skor = Points{u: int64(c.Ya) * comp.Checklist.PerYa.u}
		return
	}
	// A rated checklist: the share of "ya" answers, looked up like a ratio.
	in.lookup(c, r, int64(c.Ya), int64(len(in.checklist[i])))
}

// lookup sets a scored ratio's value, nilai, skor and category from num / den × 100;
// den is not zero.
func (in *Instrument) lookup(c *ComponentResult, r *rule, num, den int64) {
	if den < 0 {
		num, den = -num, -den
	}
	// The ratio in percent, rounded half-up to 2 decimals, is what is shown and, unless
	// the instrument compares exactly, what the table reads.
	hundredths, err := mulDivRound(num, 100*100, den)
	if err != nil || hundredths > 1e12 || hundredths < -1e12 {
		hundredths = clampRatio(num, den)
	}
	c.HasRatio, c.Ratio = true, Points{u: hundredths * 100}
	c.Status = StatusScored
	if in.exact {
		c.Nilai = r.nilaiExact(num, den)
	} else {
		c.Nilai = r.nilai(c.Ratio)
	}
	in.setSkor(c, c.Nilai)
}

// setSkor sets skor (and a rated indicator's category) from nilai.
func (in *Instrument) setSkor(c *ComponentResult, nilai Points) {
	c.Nilai = nilai
	if in.Rating == nil {
		c.Skor = skorOf(nilai, c.Bobot)
		return
	}
	c.Skor = in.ratedSkor(nilai)
	cat, _ := in.Category(nilai)
	c.Category = cat.ID
}

// fallback scores a special case: its nilai, or undefined.
func (in *Instrument) fallback(c *ComponentResult, fb *Fallback, num int64) {
	if fb.Positive != nil && num > 0 {
		fb = fb.Positive
	}
	c.Note = fb.Note
	if fb.Undefined {
		c.Status = StatusUndefined
		return
	}
	c.Status = StatusScored
	in.setSkor(c, fb.Nilai)
}

func (in *Instrument) scoreRatio(c *ComponentResult, i int, r *rule, vals []int64,
	known []byte,
) {
	comp := &in.Components[i]
	*c = ComponentResult{ID: comp.ID, Bobot: comp.Bobot, Rated: in.Rating != nil}

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

	if r.absDen && den < 0 {
		den = -den
	}

	// A zero denominator is undefined unless the rubric gives a value for it; so may a
	// negative one be.
	if den == 0 {
		if r.zero != nil {
			in.fallback(c, r.zero, num)
			return
		}
		c.Status, c.Note = StatusUndefined, in.termsText(r.den)+" is zero"
		return
	}
	if den < 0 && r.neg != nil {
		in.fallback(c, r.neg, num)
		return
	}

	in.lookup(c, r, num, den)
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

// nilaiExact looks the unrounded ratio num / den × 100 (den above zero) up in the bands.
func (r *rule) nilaiExact(num, den int64) Points {
	for _, b := range r.bands {
		if b.iv.containsFrac(num, den) {
			return b.Nilai
		}
	}
	return Points{} // unreachable: compile checks that the bands cover every ratio
}

// containsFrac reports whether num / den × 100 (den above zero) lies in the interval,
// comparing exactly: x ≥ b exactly when num × 100 × scale ≥ b × den.
func (iv interval) containsFrac(num, den int64) bool {
	cmp := func(bound int64) int { return cmpProducts(num, 100*scale, bound, den) }
	if !iv.loInf {
		if c := cmp(iv.lo); c < 0 || (c == 0 && !iv.loIncl) {
			return false
		}
	}
	if !iv.hiInf {
		if c := cmp(iv.hi); c > 0 || (c == 0 && !iv.hiIncl) {
			return false
		}
	}
	return true
}

// cmpProducts compares a×b with c×d exactly, with 128-bit products.
func cmpProducts(a, b, c, d int64) int {
	s1, s2 := sign(a)*sign(b), sign(c)*sign(d)
	if s1 != s2 {
		return cmpInt(int64(s1), int64(s2))
	}
	h1, l1 := bits.Mul64(absU(a), absU(b))
	h2, l2 := bits.Mul64(absU(c), absU(d))
	m := 0
	switch {
	case h1 != h2:
		m = cmpU(h1, h2)
	default:
		m = cmpU(l1, l2)
	}
	return m * s1
}

func sign(a int64) int { return cmpInt(a, 0) }

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func clampPoints(u int64, lo, hi Points) Points {
	return Points{u: min(max(u, lo.u), hi.u)}
}

// predicate sets the predicate from its rank, then applies the adjustment rules.
func (in *Instrument) predicate(res *Result, p int, answers map[string]bool) {
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
