package demo

import (
	"fmt"
	"strconv"
	"strings"

	"koroena/scoring"
	"koroena/store"
)

// engineScorer returns a scorer backed by the embedded ksp-2016 of the scoring package,
// and the version of the instrument it scores with.
func engineScorer() (scorer, int, error) {
	in, err := scoring.Default().Lookup(instrumentID)
	if err != nil {
		return nil, 0, fmt.Errorf("instrument for the demo: %w", err)
	}
	score := func(s statement, answers map[string]bool) (outcome, error) {
		return scoreWith(in, s, answers)
	}
	return score, in.Version, nil
}

// scoreWith scores one assessment with instrument in. The figures come from the
// generator, whole rupiah under known ids, so they need no parsing; the tests re-score
// every stored assessment from its stored strings.
func scoreWith(in *scoring.Instrument, s statement, answers map[string]bool,
) (outcome, error) {
	inp := scoring.Input{Instrument: in.Ref(), Figures: make(map[string]scoring.Amount, len(s)),
		Answers: answers}
	for id, v := range s {
		inp.Figures[id] = scoring.AmountOf(v)
	}
	res := in.Score(inp)
	total, err := hundredths(res.Total.Round2().String())
	if err != nil {
		return outcome{}, fmt.Errorf("read total %q: %w", res.Total.String(), err)
	}
	return outcome{total: total, predicate: res.Predicate, complete: res.Complete,
		res: res}, nil
}

// storeResult keeps of a result what the store needs: the headline numbers and the
// engine's whole output as JSON.
func storeResult(res scoring.Result) (store.Result, error) {
	out, err := res.MarshalJSON()
	if err != nil {
		return store.Result{}, fmt.Errorf("encode score: %w", err)
	}
	total, err := hundredths(res.Total.Round2().String())
	if err != nil {
		return store.Result{}, fmt.Errorf("read total %q: %w", res.Total.String(), err)
	}
	r := store.Result{
		Complete:  res.Complete,
		Total:     formatHundredths(total),
		Predicate: res.Predicate,
		Output:    out,
	}
	for _, a := range res.Aspects {
		r.Aspects = append(r.Aspects, store.AspectScore{
			ID: a.ID, Skor: a.Skor.Round2().String(), Max: a.Max.String(),
		})
	}
	return r, nil
}

// hundredths reads a decimal with at most 2 decimals, such as "89.45" or "-3", as an
// integer count of hundredths.
func hundredths(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("more than 2 decimals")
	}
	frac += strings.Repeat("0", 2-len(frac))
	neg := strings.HasPrefix(whole, "-")
	w, err := strconv.ParseInt(strings.TrimPrefix(whole, "-"), 10, 64)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, err
	}
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, nil
}

// formatHundredths writes a count of hundredths with exactly 2 decimals, as
// store.Result.Total wants it.
func formatHundredths(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}
