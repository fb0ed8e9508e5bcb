package importer

import (
	"fmt"
	"maps"
	"strconv"

	"koroena/scoring"
	"koroena/store"
)

// StoreResult keeps of a scoring result what the store needs: the headline numbers (total
// to 2 decimals), the aspects and the engine's whole output as JSON.
func StoreResult(res scoring.Result) (store.Result, error) {
	out, err := res.MarshalJSON()
	if err != nil {
		return store.Result{}, fmt.Errorf("encode score: %w", err)
	}
	r := store.Result{Complete: res.Complete, Total: res.Total.Fixed2(),
		Predicate: res.Predicate, Output: out}
	for _, a := range res.Aspects {
		r.Aspects = append(r.Aspects, store.AspectScore{ID: a.ID, Skor: a.Skor.Fixed2(),
			Max: a.Max.String()})
	}
	return r, nil
}

// Rescore scores a stored assessment again with the instrument version it is pinned to.
func Rescore(reg *scoring.Registry, a store.Assessment) (scoring.Result, error) {
	_, _, res, err := RescoreInput(reg, a)
	return res, err
}

// RescoreInput is Rescore that also returns the instrument and the input it scored, as
// a diagnosis needs them.
func RescoreInput(reg *scoring.Registry, a store.Assessment) (*scoring.Instrument,
	scoring.Input, scoring.Result, error,
) {
	in, err := reg.Lookup(a.Instrument + "@" + strconv.Itoa(a.Version))
	if err != nil {
		return nil, scoring.Input{}, scoring.Result{}, err
	}
	input, err := scoring.NewInput(in, a.Figures, a.Answers, maps.Clone(a.Options))
	if err != nil {
		return nil, scoring.Input{}, scoring.Result{}, err
	}
	return in, input, in.Score(input), nil
}

// Rescorer is the store.Rescorer that `koroena check` uses: the total a final assessment
// re-scores to with its pinned instrument.
func Rescorer(reg *scoring.Registry) store.Rescorer {
	return func(a store.Assessment) (string, error) {
		res, err := Rescore(reg, a)
		if err != nil {
			return "", err
		}
		return res.Total.Fixed2(), nil
	}
}
