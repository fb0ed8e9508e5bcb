package tui

import (
	"bytes"
	"encoding/json"
	"fmt"

	"koroena/scoring"
	"koroena/store"
)

// Last year's figures: an instrument that compares a figure with last year's (ksp-2021's
// growth ratios: total_aset_lalu is last year's total_aset, Figure.Previous) gets those
// filled in a new draft from the cooperative's final assessment of the year before, so the
// coach does not type again what the clinic already holds. Each filled figure carries a
// note saying where it came from; the coach can still change it.

// previousFigures returns the last-year figures of in for a draft of fiscal year year,
// and their notes in language l: from the final assessment of year-1, its entered figure,
// else the aggregate its result derived. Nothing when there is no such assessment.
func previousFigures(in *scoring.Instrument, assessments []store.Assessment, year int,
	l Language,
) (figures, notes map[string]string) {
	var prev *store.Assessment
	for i := range assessments {
		a := &assessments[i]
		if a.Status == store.StatusFinal && a.FiscalYear == year-1 {
			prev = a
			break
		}
	}
	if prev == nil {
		return nil, nil
	}
	derived := derivedFigures(prev)
	for _, f := range in.Figures {
		if f.Previous == "" {
			continue
		}
		v, ok := prev.Figures[f.Previous]
		if !ok {
			v, ok = derived[f.Previous]
		}
		if _, err := scoring.ParseAmount(v); !ok || err != nil {
			continue
		}
		if figures == nil {
			figures, notes = map[string]string{}, map[string]string{}
		}
		figures[f.ID] = v
		notes[f.ID] = fmt.Sprintf(l.at(atFilledFromYear), f.Previous, prev.FiscalYear)
	}
	return figures, notes
}

// derivedFigures reads the aggregates a final assessment's result derived (the score
// output's "derived", numbers kept as their exact text); none when the result was stored
// without the engine's output.
func derivedFigures(a *store.Assessment) map[string]string {
	if a.Result == nil || len(a.Result.Output) == 0 {
		return nil
	}
	var out struct {
		Derived map[string]json.RawMessage `json:"derived"`
	}
	if err := json.Unmarshal(a.Result.Output, &out); err != nil {
		return nil
	}
	m := make(map[string]string, len(out.Derived))
	for id, raw := range out.Derived {
		var n json.Number
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&n); err == nil {
			m[id] = n.String()
		}
	}
	return m
}
