package demo

import (
	"hash/fnv"
	"math/rand/v2"
	"time"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// treatmentStream separates the plans' random draws from the rest of a cooperative's, so
// that adding plans left every other record of the demo city as it was.
const treatmentStream = 0x7ea7

// treatments gives about a third of the cooperatives under supervision a treatment plan
// drawn from the diagnosis of their latest final assessment: one to three items agreed a
// few days after it was finalized, most still open and many of those past their due date.
func (g *Generator) treatments(b *Bundle) []store.Treatment {
	latest := newestFinal(b.Assessments)
	if latest == nil || latest.Result == nil {
		return nil
	}
	if p := latest.Result.Predicate; p != "dalam_pengawasan" && p != "dalam_pengawasan_khusus" {
		return nil
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(b.Coop.ID))
	r := newRand(g.opts.Seed^treatmentStream, h.Sum64())
	if !chance(r, 0.35) {
		return nil
	}
	findings := diagnose(latest)
	if len(findings) == 0 {
		return nil
	}
	agreed := latest.FinalizedAt.Add(time.Duration(3+r.IntN(20)) * 24 * time.Hour)
	agreed = minTime(agreed, g.opts.Today.Add(-24*time.Hour))
	var out []store.Treatment
	for i, f := range findings[:min(2, len(findings))] {
		picks := []*diagnosis.Treatment{f.Treatments[0]}
		if i == 0 && len(f.Treatments) > 1 && chance(r, 0.6) {
			picks = append(picks, f.Treatments[len(f.Treatments)-1])
		}
		for _, t := range picks {
			out = append(out, store.Treatment{
				ID: newID(r, agreed), CoopID: b.Coop.ID, AssessmentID: latest.ID,
				ConditionID: f.Condition.ID, TreatmentID: t.ID, Title: t.Name.ID, Type: t.Type,
				Owner: t.Owner, Due: agreed.AddDate(0, 0, t.DueDays),
				Status: pickStatus(r), CreatedAt: agreed,
			})
		}
	}
	return out
}

// newestFinal is the final assessment of the latest fiscal year, if any.
func newestFinal(as []store.Assessment) *store.Assessment {
	var out *store.Assessment
	for i := range as {
		a := &as[i]
		if a.Status == store.StatusFinal && (out == nil || a.FiscalYear > out.FiscalYear) {
			out = a
		}
	}
	return out
}

// diagnose names the conditions of a demo assessment with the embedded catalogue.
func diagnose(a *store.Assessment) []diagnosis.Finding {
	in, err := scoring.Default().Lookup(instrumentID + "@1")
	if err != nil {
		return nil
	}
	inp, err := scoring.NewInput(in, a.Figures, a.Answers, a.Options)
	if err != nil {
		return nil
	}
	return diagnosis.Default().Diagnose(in, in.Score(inp), inp)
}

// pickStatus draws a plan item's status: mostly planned, some under way, a few done.
func pickStatus(r *rand.Rand) store.TreatmentStatus {
	switch x := r.Float64(); {
	case x < 0.55:
		return store.TreatmentPlanned
	case x < 0.85:
		return store.TreatmentInProgress
	}
	return store.TreatmentDone
}
