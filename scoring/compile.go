package scoring

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"
)

// term is one compiled term of a sum: coef (units of 1/scale) times a figure.
type term struct {
	fig  int
	coef int64
}

// rule is a component's compiled ratio, scale and special cases. A rated checklist's
// rule has bands only.
type rule struct {
	num, den  []term
	absDen    bool
	bands     []Band
	step      *Step
	linear    *Linear
	zero, neg *Fallback
}

// choiceOverride is what one choice of an option replaces.
type choiceOverride struct {
	rules     map[int]*rule  // by component index
	terms     map[int][]term // by figure index
	exclusive bool           // predicate mins are strict
}

// interval is a compiled band edge pair; an infinite side ignores its bound.
type interval struct {
	lo, hi         int64
	loInf, hiInf   bool
	loIncl, hiIncl bool
}

func (iv interval) contains(x int64) bool {
	if !iv.loInf && (x < iv.lo || (x == iv.lo && !iv.loIncl)) {
		return false
	}
	if !iv.hiInf && (x > iv.hi || (x == iv.hi && !iv.hiIncl)) {
		return false
	}
	return true
}

// parseInterval reads "[a, b)", "(a, b]", "< a", "<= a", "> a", ">= a" or "= a".
func parseInterval(s string) (interval, error) {
	s = strings.TrimSpace(s)
	bound := func(t string) (int64, error) {
		p, err := ParsePoints(strings.TrimSpace(t))
		if err != nil {
			return 0, fmt.Errorf("bad bound %q", strings.TrimSpace(t))
		}
		return p.u, nil
	}
	for _, op := range []string{"<=", ">=", "<", ">", "="} {
		if !strings.HasPrefix(s, op) {
			continue
		}
		v, err := bound(s[len(op):])
		if err != nil {
			return interval{}, err
		}
		switch op {
		case "<=", "<":
			return interval{hi: v, loInf: true, hiIncl: op == "<="}, nil
		case ">=", ">":
			return interval{lo: v, hiInf: true, loIncl: op == ">="}, nil
		}
		return interval{lo: v, hi: v, loIncl: true, hiIncl: true}, nil
	}
	if len(s) < 5 || !strings.ContainsAny(s[:1], "[(") || !strings.ContainsAny(s[len(s)-1:], "])") {
		return interval{}, fmt.Errorf("%q is not an interval like \"[20, 40)\" or \">= 80\"", s)
	}
	a, b, ok := strings.Cut(s[1:len(s)-1], ",")
	if !ok {
		return interval{}, fmt.Errorf("%q has no comma between its bounds", s)
	}
	lo, err := bound(a)
	if err != nil {
		return interval{}, err
	}
	hi, err := bound(b)
	if err != nil {
		return interval{}, err
	}
	iv := interval{lo: lo, hi: hi, loIncl: s[0] == '[', hiIncl: s[len(s)-1] == ']'}
	if lo > hi || (lo == hi && !(iv.loIncl && iv.hiIncl)) {
		return interval{}, fmt.Errorf("%q is empty", s)
	}
	return iv, nil
}

// checkCoverage reports a gap or an overlap in a band table: every ratio must fall in
// exactly one band.
func checkCoverage(bands []Band) error {
	ivs := make([]interval, len(bands))
	for i, b := range bands {
		ivs[i] = b.iv
	}
	slices.SortFunc(ivs, func(a, b interval) int {
		if a.loInf != b.loInf {
			if a.loInf {
				return -1
			}
			return 1
		}
		if a.lo != b.lo {
			return cmpInt(a.lo, b.lo)
		}
		if a.loIncl != b.loIncl { // [a comes before (a
			if a.loIncl {
				return -1
			}
			return 1
		}
		return 0
	})
	if !ivs[0].loInf {
		return errors.New("no band covers the lowest ratios")
	}
	for i := 1; i < len(ivs); i++ {
		p, c := ivs[i-1], ivs[i]
		if p.hiInf || c.loInf || p.hi != c.lo || p.hiIncl == c.loIncl {
			return fmt.Errorf("bands %s and %s leave a gap or overlap", show(p), show(c))
		}
	}
	if !ivs[len(ivs)-1].hiInf {
		return errors.New("no band covers the highest ratios")
	}
	return nil
}

func show(iv interval) string {
	l, r := "(", ")"
	if iv.loIncl {
		l = "["
	}
	if iv.hiIncl {
		r = "]"
	}
	lo, hi := "-inf", "inf"
	if !iv.loInf {
		lo = formatFixed(iv.lo, 0)
	}
	if !iv.hiInf {
		hi = formatFixed(iv.hi, 0)
	}
	return l + lo + ", " + hi + r
}

// problems collects validation messages with the path of the field at fault.
type problems []string

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, path+": "+fmt.Sprintf(format, args...))
}

// compile validates the decoded data and builds the indexes and rules Score uses. Each
// problem names the field at fault, e.g. "components[ms_ta].bands[2].when: ...".
func (in *Instrument) compile() []string {
	var ps problems
	if in.ID == "" {
		ps.add("id", "missing")
	}
	if in.Version < 1 {
		ps.add("version", "must be a whole number of at least 1")
	}

	// Index the figures; aggregates may only use figures listed before them, so the
	// derivations can be computed in one pass and never loop.
	in.figIdx = make(map[string]int, len(in.Figures))
	in.terms = make([][]term, len(in.Figures))
	for i, f := range in.Figures {
		path := fmt.Sprintf("figures[%s]", f.ID)
		if f.ID == "" {
			ps.add(fmt.Sprintf("figures[%d].id", i), "missing")
		}
		if _, dup := in.figIdx[f.ID]; dup {
			ps.add(path, "listed twice")
		}
		switch f.Group {
		case GroupAssets, GroupLiabilities, GroupLoans, GroupIncome, GroupAggregates:
		default:
			ps.add(path+".group", "%q is not one of assets, liabilities_equity, loans, "+
				"income, aggregates", f.Group)
		}
		in.terms[i] = in.compileTerms(&ps, path+".derive", f.Derive)
		in.figIdx[f.ID] = i
	}

	for _, f := range in.Figures {
		if _, ok := in.figIdx[f.Previous]; f.Previous != "" && (!ok || f.Previous == f.ID) {
			ps.add(fmt.Sprintf("figures[%s].previous", f.ID), "unknown figure %q", f.Previous)
		}
	}

	in.qIdx = make(map[string]int, len(in.Questions))
	for i, q := range in.Questions {
		if _, dup := in.qIdx[q.ID]; dup || q.ID == "" {
			ps.add(fmt.Sprintf("questions[%d].id", i), "%q is empty or listed twice", q.ID)
		}
		in.qIdx[q.ID] = i
		if q.Component == EligibilityComponent {
			in.eligibility = append(in.eligibility, i)
		}
	}

	switch in.Lookup {
	case "", LookupRounded:
	case LookupExact:
		in.exact = true
	default:
		ps.add("lookup", "%q is not rounded or exact", in.Lookup)
	}
	for i, n := range in.Notes {
		if n.AppliesTo != "" && n.AppliesTo != NoteAdjustments &&
			!slices.ContainsFunc(in.Aspects, func(a Aspect) bool { return a.ID == n.AppliesTo }) {
			ps.add(fmt.Sprintf("notes[%d].applies_to", i), "%q is neither an aspect id nor %q",
				n.AppliesTo, NoteAdjustments)
		}
	}
	in.compileRating(&ps)
	in.compileComponents(&ps)
	in.compileWeights(&ps)
	in.compilePredicates(&ps)
	in.compileOptions(&ps)
	return ps
}

func (in *Instrument) compileComponents(ps *problems) {
	aspects := map[string]int{}
	for i, a := range in.Aspects {
		aspects[a.ID] = i
	}
	sums := make([]int64, len(in.Aspects))
	in.compIdx = make(map[string]int, len(in.Components))
	in.aspIdx = make([]int, len(in.Components))
	in.rules = make([]*rule, len(in.Components))
	in.checklist = make([][]int, len(in.Components))
	for i := range in.Components {
		c := &in.Components[i]
		path := fmt.Sprintf("components[%s]", c.ID)
		if _, dup := in.compIdx[c.ID]; dup || c.ID == "" {
			ps.add(path+".id", "empty or listed twice")
		}
		in.compIdx[c.ID] = i
		a, ok := aspects[c.Aspect]
		if !ok {
			ps.add(path+".aspect", "unknown aspect %q", c.Aspect)
		}
		in.aspIdx[i] = a
		if c.Table != "" {
			if c.Bands != nil {
				ps.add(path+".table", "give a table or bands, not both")
			}
			t, ok := in.Tables[c.Table]
			if !ok {
				ps.add(path+".table", "unknown table %q", c.Table)
			}
			c.Bands = t
		}
		if in.Rating != nil {
			if c.Bobot.u != 0 {
				ps.add(path+".bobot", "a rated indicator has no bobot: its maximum skor "+
					"counts")
			}
			c.Bobot = in.maxSkor()
		}
		if c.Checklist != nil {
			in.compileChecklist(ps, path, i)
		} else {
			in.rules[i] = in.compileScale(ps, path, c.Scale)
			in.rules[i].zero, in.rules[i].neg = c.ZeroDenominator, c.NegativeDenominator
			c.Inputs = in.inputsOf(in.rules[i])
		}
		if c.Bobot.u <= 0 {
			ps.add(path+".bobot", "must be above 0")
		}
		if ok {
			sums[a] += c.Bobot.u
		}
	}
	in.aspSize = make([]int, len(in.Aspects))
	for _, a := range in.aspIdx {
		if a >= 0 && a < len(in.aspSize) {
			in.aspSize[a]++
		}
	}
	for i := range in.Aspects {
		if a := &in.Aspects[i]; in.Rating != nil && a.Max.u == 0 {
			a.Max.u = sums[i]
		}
	}
	for i, a := range in.Aspects {
		if sums[i] != a.Max.u {
			ps.add(fmt.Sprintf("aspects[%s].max", a.ID), "is %s but its components' bobot "+
				"add up to %s", a.Max, Points{u: sums[i]})
		}
	}
	for _, q := range in.Questions {
		if _, ok := in.compIdx[q.Component]; !ok && q.Component != AdjustmentComponent &&
			q.Component != EligibilityComponent {
			ps.add(fmt.Sprintf("questions[%s].component", q.ID), "unknown component %q",
				q.Component)
		}
	}
}

func (in *Instrument) compileChecklist(ps *problems, path string, i int) {
	c := &in.Components[i]
	for qi, q := range in.Questions {
		if q.Component == c.ID {
			in.checklist[i] = append(in.checklist[i], qi)
			c.Inputs = append(c.Inputs, q.ID)
		}
	}
	if len(in.checklist[i]) == 0 {
		ps.add(path+".checklist", "no question names this component")
	}
	if in.Rating != nil {
		// A rated checklist looks the share of "ya" answers up in its bands.
		if c.Ratio != nil || c.Step != nil || c.Linear != nil || c.Bands == nil ||
			c.Checklist.PerYa.u != 0 {
			ps.add(path, "a rated checklist has bands (or a table) and no ratio or per_ya")
		}
		in.rules[i] = &rule{bands: in.compileBands(ps, path, c.Bands)}
		return
	}
	if c.Ratio != nil || c.Bands != nil || c.Step != nil || c.Linear != nil {
		ps.add(path, "a checklist has no ratio or scale")
	}
	if want := int64(len(in.checklist[i])) * c.Checklist.PerYa.u; want != c.Bobot.u {
		ps.add(path+".bobot", "is %s but %d questions × %s per ya make %s", c.Bobot,
			len(in.checklist[i]), c.Checklist.PerYa, Points{u: want})
	}
}

func (in *Instrument) compileScale(ps *problems, path string, s Scale) *rule {
	r := &rule{step: s.Step, linear: s.Linear}
	if s.Ratio == nil || len(s.Ratio.Num) == 0 || len(s.Ratio.Den) == 0 {
		ps.add(path+".ratio", "needs num and den")
	} else {
		r.num = in.compileTerms(ps, path+".ratio.num", s.Ratio.Num)
		r.den = in.compileTerms(ps, path+".ratio.den", s.Ratio.Den)
		r.absDen = s.Ratio.AbsDen
	}
	n := 0
	if len(s.Bands) > 0 {
		n++
		r.bands = in.compileBands(ps, path, s.Bands)
	}
	if (in.exact || in.Rating != nil) && (s.Step != nil || s.Linear != nil) {
		ps.add(path, "an exact or rated instrument reads bands only")
	}
	if s.Step != nil {
		n++
		if s.Step.Size.u <= 0 || (s.Step.Round != "floor" && s.Step.Round != "ceil") {
			ps.add(path+".step", "needs a size above 0 and round: floor or ceil")
		}
		checkClamp(ps, path+".step", s.Step.Min, s.Step.Max)
	}
	if s.Linear != nil {
		n++
		if s.Linear.RoundX != nil && (*s.Linear.RoundX < 0 || *s.Linear.RoundX > 2) {
			ps.add(path+".linear.round_x", "must be 0, 1 or 2")
		}
		checkClamp(ps, path+".linear", s.Linear.Min, s.Linear.Max)
	}
	if n != 1 {
		ps.add(path, "needs exactly one of bands, step and linear")
	}
	return r
}

// compileBands parses a band table and checks that its nilai are allowed and that it
// covers every ratio exactly once.
func (in *Instrument) compileBands(ps *problems, path string, bands []Band) []Band {
	out := make([]Band, len(bands))
	for j, b := range bands {
		iv, err := parseInterval(b.When)
		if err != nil {
			ps.add(fmt.Sprintf("%s.bands[%d].when", path, j), "%v", err)
		}
		b.iv = iv
		out[j] = b
		bands[j].iv = iv // the instrument's own table, so that Band.Contains works on it
		if msg := in.checkNilai(b.Nilai); msg != "" {
			ps.add(fmt.Sprintf("%s.bands[%d].nilai", path, j), "%s", msg)
		}
	}
	if len(*ps) == 0 && len(out) > 0 {
		if err := checkCoverage(out); err != nil {
			ps.add(path+".bands", "%v", err)
		}
	}
	return out
}

// checkNilai says what is wrong with a band's nilai, or "".
func (in *Instrument) checkNilai(n Points) string {
	if r := in.Rating; r != nil {
		lo, hi := min(r.Min, r.Max), max(r.Min, r.Max)
		if n.u%scale != 0 || n.u < int64(lo)*scale || n.u > int64(hi)*scale {
			return fmt.Sprintf("must be a whole number within %d and %d", lo, hi)
		}
		return ""
	}
	if n.u < 0 || n.u > 100*scale {
		return "must be within 0 and 100"
	}
	return ""
}

// compileRating checks the rating's range, skor line and categories.
func (in *Instrument) compileRating(ps *problems) {
	r := in.Rating
	if r == nil {
		return
	}
	if r.Min == r.Max {
		ps.add("rating", "min and max must differ")
	}
	lo, hi := min(r.Min, r.Max), max(r.Min, r.Max)
	seen := map[int]bool{}
	for _, c := range r.Categories {
		if c.Nilai < lo || c.Nilai > hi || seen[c.Nilai] || c.ID == "" {
			ps.add("rating.categories", "nilai %d: out of range, listed twice or without id",
				c.Nilai)
		}
		seen[c.Nilai] = true
	}
	if len(seen) != hi-lo+1 {
		ps.add("rating.categories", "every nilai from %d to %d needs a category", lo, hi)
	}
	for _, n := range []int{lo, hi} {
		if s := in.ratedSkor(PointsOf(int64(n))); s.u < 0 {
			ps.add("rating.skor", "gives a negative skor at nilai %d", n)
		}
	}
}

// ratedSkor is Base + Slope × nilai.
func (in *Instrument) ratedSkor(nilai Points) Points {
	s, _ := mulDivRound(in.Rating.Skor.Slope.u, nilai.u, scale)
	return Points{u: in.Rating.Skor.Base.u + s}
}

// maxSkor is the highest skor a rated indicator can earn.
func (in *Instrument) maxSkor() Points {
	a := in.ratedSkor(PointsOf(int64(in.Rating.Min)))
	b := in.ratedSkor(PointsOf(int64(in.Rating.Max)))
	if a.u > b.u {
		return a
	}
	return b
}

// compileWeights checks aspect weights: none, or every aspect's, adding up to 100.
func (in *Instrument) compileWeights(ps *problems) {
	n := 0
	var sum int64
	for _, a := range in.Aspects {
		if a.Weight != nil {
			n++
			sum += a.Weight.u
			if a.Weight.u <= 0 {
				ps.add(fmt.Sprintf("aspects[%s].weight", a.ID), "must be above 0")
			}
		}
	}
	switch {
	case n == 0:
		return
	case n != len(in.Aspects):
		ps.add("aspects", "give every aspect a weight, or none")
	case sum != 100*scale:
		ps.add("aspects", "weights add up to %s, not 100", Points{u: sum})
	}
	in.weighted = true
	in.weightRat = make([]*big.Rat, len(in.Aspects))
	for i, a := range in.Aspects {
		if a.Weight != nil {
			in.weightRat[i] = big.NewRat(a.Weight.u, 100*scale)
		}
	}
	in.minRat = make([]*big.Rat, len(in.Predicates))
	for i, p := range in.Predicates {
		if p.Min != nil {
			in.minRat[i] = big.NewRat(p.Min.u, scale)
		}
	}
}

func checkClamp(ps *problems, path string, lo, hi Points) {
	if lo.u < 0 || hi.u > 100*scale || lo.u > hi.u {
		ps.add(path, "min and max must satisfy 0 <= min <= max <= 100")
	}
}

// compileTerms reads terms such as "kas", "0.5 * modal_penyertaan" or
// "-1 * beban_ymh_dibayar"; figures must be listed before the one being derived.
func (in *Instrument) compileTerms(ps *problems, path string, src []string) []term {
	if len(src) == 0 {
		return nil
	}
	ts := make([]term, 0, len(src))
	for j, s := range src {
		coef, id := int64(scale), strings.TrimSpace(s)
		if c, rest, ok := strings.Cut(s, "*"); ok {
			p, err := ParsePoints(strings.TrimSpace(c))
			if err != nil {
				ps.add(fmt.Sprintf("%s[%d]", path, j), "bad coefficient in %q", s)
			}
			coef, id = p.u, strings.TrimSpace(rest)
		}
		f, ok := in.figIdx[id]
		if !ok {
			ps.add(fmt.Sprintf("%s[%d]", path, j), "unknown figure %q (or listed after "+
				"the aggregate it derives)", id)
			continue
		}
		ts = append(ts, term{fig: f, coef: coef})
	}
	return ts
}

// inputsOf lists the figure ids a rule reads, without repeats.
func (in *Instrument) inputsOf(r *rule) []string {
	var ids []string
	for _, t := range append(slices.Clip(r.num), r.den...) {
		if id := in.Figures[t.fig].ID; !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func (in *Instrument) compilePredicates(ps *problems) {
	if len(in.Predicates) == 0 {
		ps.add("predicates", "at least one is needed")
		return
	}
	last := int64(math.MaxInt64)
	for i, p := range in.Predicates {
		path := fmt.Sprintf("predicates[%s].min", p.ID)
		final := i == len(in.Predicates)-1
		switch {
		case final && p.Min != nil:
			ps.add(path, "the last predicate catches every lower total and has no min")
		case !final && p.Min == nil:
			ps.add(path, "missing")
		case !final && p.Min.u >= last:
			ps.add(path, "must be below the previous predicate's")
		case !final:
			last = p.Min.u
		}
	}
	known := map[string]bool{}
	for _, p := range in.Predicates {
		known[p.ID] = true
	}
	for _, a := range in.Adjustments {
		path := fmt.Sprintf("adjustments[%s]", a.ID)
		if a.Set != "" && !known[a.Set] {
			ps.add(path+".set", "unknown predicate %q", a.Set)
		}
		if a.Down < 0 || (a.Down == 0 && a.Set == "") {
			ps.add(path, "needs down (steps) or set (a predicate)")
		}
		for _, q := range a.Questions {
			if i, ok := in.qIdx[q]; !ok || in.Questions[i].Component != AdjustmentComponent {
				ps.add(path+".questions", "%q is not an adjustment question", q)
			}
		}
	}
}

func (in *Instrument) compileOptions(ps *problems) {
	in.optIdx = make(map[string]int, len(in.Options))
	in.choiceRules = make([][]choiceOverride, len(in.Options))
	for i, o := range in.Options {
		path := fmt.Sprintf("options[%s]", o.ID)
		in.optIdx[o.ID] = i
		in.choiceRules[i] = make([]choiceOverride, len(o.Choices))
		if o.choice(o.Default) < 0 {
			ps.add(path+".default", "%q is not one of its choices", o.Default)
		}
		for j := range o.Choices {
			ch := &in.Options[i].Choices[j]
			cp := fmt.Sprintf("%s.choices[%s]", path, ch.ID)
			ov := choiceOverride{rules: map[int]*rule{}, terms: map[int][]term{}}
			switch ch.PredicateEdges {
			case "", "inclusive":
			case "exclusive":
				ov.exclusive = true
			default:
				ps.add(cp+".predicate_edges", "%q is not inclusive or exclusive",
					ch.PredicateEdges)
			}
			in.expandTables(ps, cp, ch)
			for _, cid := range sortedKeys(ch.Components) {
				if r := in.compileOverride(ps, cp, cid, ch.Components[cid]); r != nil {
					ov.rules[in.compIdx[cid]] = r
				}
			}
			for fid, src := range ch.Figures {
				fi, ok := in.figIdx[fid]
				if !ok || !in.Figures[fi].Aggregate() {
					ps.add(cp+".figures", "%q is not an aggregate", fid)
					continue
				}
				ov.terms[fi] = in.compileTerms(ps, cp+".figures["+fid+"]", src)
			}
			in.choiceRules[i][j] = ov
		}
	}
}

// expandTables lists, in the choice's Components, every component that uses a table the
// choice replaces, so that screens and the engine see one kind of override.
func (in *Instrument) expandTables(ps *problems, cp string, ch *Choice) {
	for _, name := range sortedKeys(ch.Tables) {
		if _, ok := in.Tables[name]; !ok {
			ps.add(cp+".tables", "unknown table %q", name)
			continue
		}
		for _, c := range in.Components {
			if c.Table != name {
				continue
			}
			if ch.Components == nil {
				ch.Components = map[string]Override{}
			}
			o := ch.Components[c.ID]
			if o.Bands != nil {
				ps.add(cp+".tables", "%s also has its own bands in this choice", c.ID)
			}
			o.Bands = ch.Tables[name]
			ch.Components[c.ID] = o
		}
	}
}

// compileOverride builds the rule a choice gives one component: what the override leaves
// out stays as the component has it.
func (in *Instrument) compileOverride(ps *problems, cp, cid string, o Override) *rule {
	ci, ok := in.compIdx[cid]
	path := cp + ".components[" + cid + "]"
	if !ok {
		ps.add(cp+".components", "%q is not a component", cid)
		return nil
	}
	c := in.Components[ci]
	base := in.rules[ci]
	if c.Checklist != nil {
		if in.Rating == nil || o.Ratio != nil || o.Step != nil || o.Linear != nil ||
			o.Bands == nil || o.ZeroDenominator != nil || o.NegativeDenominator != nil {
			ps.add(cp+".components", "%q is a checklist: only a rated one's bands may "+
				"change", cid)
			return nil
		}
		return &rule{bands: in.compileBands(ps, path, o.Bands)}
	}
	s := o.Scale
	if s.Ratio == nil {
		s.Ratio = c.Ratio
	}
	if s.Bands == nil && s.Step == nil && s.Linear == nil {
		s.Bands, s.Step, s.Linear = c.Bands, c.Step, c.Linear
	}
	in.checkOverrideInputs(ci, s)
	r := in.compileScale(ps, path, s)
	r.zero, r.neg = base.zero, base.neg
	if o.ZeroDenominator != nil {
		r.zero = o.ZeroDenominator
	}
	if o.NegativeDenominator != nil {
		r.neg = o.NegativeDenominator
	}
	return r
}

// checkOverrideInputs keeps Component.Inputs truthful: a figure that only an option's
// formula reads is added to the component's inputs, so screens ask for it too.
func (in *Instrument) checkOverrideInputs(ci int, s Scale) {
	if s.Ratio == nil {
		return
	}
	for _, src := range append(slices.Clip(s.Ratio.Num), s.Ratio.Den...) {
		id := src
		if _, rest, ok := strings.Cut(src, "*"); ok {
			id = rest
		}
		id = strings.TrimSpace(id)
		if _, known := in.figIdx[id]; known && !slices.Contains(in.Components[ci].Inputs, id) {
			in.Components[ci].Inputs = append(in.Components[ci].Inputs, id)
		}
	}
}

func (o Option) choice(id string) int {
	for i, c := range o.Choices {
		if c.ID == id {
			return i
		}
	}
	return -1
}
