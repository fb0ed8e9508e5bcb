package demo

import (
	"fmt"
	"math/rand/v2"

	"koroena/scoring"
	"koroena/store"
)

// outcome is what the generator needs of one scoring: the total in hundredths of a point,
// the predicate after adjustments, whether all components were scored, and the result.
type outcome struct {
	total     int64
	predicate string
	complete  bool
	res       scoring.Result
}

// scorer scores one assessment of instrument ksp-2016 with the real engine.
type scorer func(s statement, answers map[string]bool) (outcome, error)

// scoredYear is one fiscal year's inputs and the engine's result for them.
type scoredYear struct {
	figures map[string]string
	answers map[string]bool
	result  store.Result
}

// maxTries bounds the search for figures and answers that give a target's predicate;
// for the first plausibleTries the checklists must also look like the cooperative's
// health, within plausibleSpread hundredths of what that health would answer.
const (
	maxTries        = 60
	plausibleTries  = 30
	plausibleSpread = 450
)

// assessYear finds figures and answers for a cooperative with total assets of about size
// that the engine scores with t's predicate. It draws figures from a health level, lets
// the engine score them, and then steers the checklist answers so that the total lands in
// t's window. When the figures alone put the window out of reach of checklists that fit
// the cooperative (a sound one does not answer "tidak" to everything), it redraws them
// healthier or sicker.
func assessYear(r *rand.Rand, score scorer, size int64, t target) (scoredYear, error) {
	h0 := clamp((float64(t.total)/100-25)/68, 0.02, 0.98)
	expected := int64(1500 * (0.25 + 0.7*h0))
	h := h0
	for try := range maxTries {
		st := newStatement(r, size, h)
		answers := newAnswers(r, h0, t.factors)
		out, err := score(st, answers)
		if err != nil {
			return scoredYear{}, err
		}
		if !out.complete {
			return scoredYear{}, fmt.Errorf("score demo statement: incomplete")
		}

		// What the checklists must add so that the total lands in the window.
		quant := out.total - managementPoints(answers)
		lo, hi := max(0, t.window.lo-quant), min(1500, t.window.hi-quant)
		if try < plausibleTries {
			lo = max(lo, expected-plausibleSpread)
			hi = min(hi, expected+plausibleSpread)
		}
		if hi-lo < 60 {
			if t.window.hi-quant < lo+60 {
				h = clamp(h-0.04, 0, 1) // the figures alone score too well
			} else {
				h = clamp(h+0.04, 0, 1)
			}
			continue
		}
		steer(r, answers, max(lo+30, min(hi-30, t.total-quant)))

		out, err = score(st, answers)
		if err != nil {
			return scoredYear{}, err
		}
		if out.predicate == t.predicate && out.complete {
			result, err := storeResult(out.res)
			return scoredYear{figures: st.strings(), answers: answers, result: result}, err
		}
	}
	return scoredYear{}, fmt.Errorf("no demo statement scores %s after %d tries",
		t.predicate, maxTries)
}

// clamp limits x to [lo, hi].
func clamp(x, lo, hi float64) float64 {
	return max(lo, min(hi, x))
}
