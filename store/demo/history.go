package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"koroena/store"
)

// instrumentID is the instrument every demo assessment is made with.
const instrumentID = "ksp-2016"

// history gives an active cooperative its assessments, the visits they were made at, a
// few coaching visits and, for the one cooperative planned so, an unfinished draft.
func (g *Generator) history(r *rand.Rand, b *Bundle, p plan, coach store.Coach) error {
	years := g.opts.Years
	if years >= 3 && chance(r, 0.2) {
		years-- // registered or first assessed later
	}
	last := g.latestFY
	if p.draft {
		last-- // this year's assessment is still a draft
		years = min(years, g.opts.Years-1)
	}

	// Targets from the latest year back: scores drift by the cooperative's trend.
	targets := make([]target, years)
	targets[years-1] = latestTarget(r, p.predicate)
	trend := r.NormFloat64() * 3
	for i := years - 2; i >= 0; i-- {
		targets[i] = earlierTarget(r, targets[i+1].total, trend)
	}

	// Sizes from the first year on: cooperatives grow or shrink a little each year.
	k := kindOf(b.Coop.BusinessType)
	size := math.Exp(between(r, math.Log(k.minAsset), math.Log(k.maxAsset)))
	for i, t := range targets {
		fy := last - years + 1 + i
		y, err := assessYear(r, g.score, int64(size), t)
		if err != nil {
			return err
		}
		a := g.finalAssessment(r, b.Coop, coach, fy, y)
		b.Assessments = append(b.Assessments, a)
		b.Visits = append(b.Visits, g.assessmentVisit(r, a, coach))
		size *= 1 + between(r, -0.06, 0.16)
	}
	if p.draft {
		a := g.draftAssessment(r, b.Coop, coach, g.latestFY, int64(size))
		b.Assessments = append(b.Assessments, a)
		v := g.assessmentVisit(r, a, coach)
		v.Notes = "Penilaian belum selesai: laporan laba rugi belum tersedia. " +
			"Dilanjutkan pada kunjungan berikutnya."
		b.Visits = append(b.Visits, v)
	}
	b.Visits = append(b.Visits, g.coachingVisits(r, b.Coop, coach)...)
	b.Treatments = g.treatments(b)
	return nil
}

// kindOf returns the kind of a business type.
func kindOf(business string) coopKind {
	for _, k := range kinds {
		if k.business == business {
			return k
		}
	}
	return kinds[0]
}

// finalAssessment makes the final assessment of fiscal year fy from a scored year. It was
// made during a visit some time between February and October of the next year, and
// finalized the same day or a few days later.
func (g *Generator) finalAssessment(r *rand.Rand, c store.Cooperative, coach store.Coach,
	fy int, y scoredYear,
) store.Assessment {
	created := g.assessmentDay(r, fy)
	final := created.Add(time.Duration(1+r.IntN(4)) * time.Hour)
	if chance(r, 0.3) {
		final = final.AddDate(0, 0, 1+r.IntN(6))
	}
	final = minTime(final, g.opts.Today.Add(-time.Hour))
	result := y.result
	if g.opts.Lean {
		result.Output = nil
	}
	return store.Assessment{
		ID:          newID(r, created),
		CoopID:      c.ID,
		Instrument:  instrumentID,
		Version:     g.version,
		FiscalYear:  fy,
		Figures:     y.figures,
		Answers:     y.answers,
		ItemNotes:   someItemNotes(r, y.answers),
		Status:      store.StatusFinal,
		CoachID:     coach.ID,
		CreatedAt:   created,
		UpdatedAt:   final,
		FinalizedAt: final,
		FinalizedBy: coach.Name,
		Result:      &result,
	}
}

// draftAssessment makes the city's unfinished assessment: the assets of the balance sheet
// typed in and the first checklist answered, the rest still open.
func (g *Generator) draftAssessment(r *rand.Rand, c store.Cooperative, coach store.Coach,
	fy int, size int64,
) store.Assessment {
	created := g.opts.Today.AddDate(0, 0, -3).Add(10 * time.Hour)
	st := newStatement(r, size, 0.5)
	figures := map[string]string{}
	for _, id := range append(append([]string{}, assetLines...), "total_aset") {
		figures[id] = st.strings()[id]
	}
	answers := map[string]bool{}
	for _, q := range questions[:12] {
		answers[q.id] = chance(r, 0.6)
	}
	return store.Assessment{
		ID:         newID(r, created),
		CoopID:     c.ID,
		Instrument: instrumentID,
		Version:    g.version,
		FiscalYear: fy,
		Figures:    figures,
		Answers:    answers,
		ItemNotes:  map[string]string{"kas": "Menunggu rekening koran bulan Desember."},
		Status:     store.StatusDraft,
		CoachID:    coach.ID,
		CreatedAt:  created,
		UpdatedAt:  created.Add(47 * time.Minute),
	}
}

// assessmentDay draws the day the assessment of fiscal year fy was made, before today.
func (g *Generator) assessmentDay(r *rand.Rand, fy int) time.Time {
	from := time.Date(fy+1, time.February, 1, 0, 0, 0, 0, time.UTC)
	to := minTime(time.Date(fy+1, time.November, 1, 0, 0, 0, 0, time.UTC),
		g.opts.Today.AddDate(0, 0, -1))
	return dayIn(r, from, to)
}

// assessmentVisit is the visit at which assessment a was made.
func (g *Generator) assessmentVisit(r *rand.Rand, a store.Assessment, coach store.Coach,
) store.Visit {
	at := a.CreatedAt.Add(-30 * time.Minute)
	return store.Visit{
		ID:        newID(r, at),
		CoopID:    a.CoopID,
		CoachID:   coach.ID,
		Date:      at,
		Purpose:   assessmentPurpose(a.FiscalYear),
		Notes:     pick(r, assessmentNotes),
		CreatedAt: at,
	}
}

// coachingVisits are up to three coaching visits in the last year and a half, most with
// notes.
func (g *Generator) coachingVisits(r *rand.Rand, c store.Cooperative, coach store.Coach,
) []store.Visit {
	var vs []store.Visit
	from := g.opts.Today.AddDate(0, -18, 0)
	for range r.IntN(4) {
		at := dayIn(r, from, g.opts.Today)
		v := store.Visit{
			ID:        newID(r, at),
			CoopID:    c.ID,
			CoachID:   coach.ID,
			Date:      at,
			Purpose:   pick(r, coachingPurposes),
			CreatedAt: at,
		}
		if chance(r, 0.8) {
			v.Notes = pick(r, coachingNotes)
		}
		vs = append(vs, v)
	}
	return vs
}

// inactiveVisit is the visit that found an inactive cooperative dormant.
func (g *Generator) inactiveVisit(r *rand.Rand, c store.Cooperative, coach store.Coach,
) store.Visit {
	at := dayIn(r, g.opts.Today.AddDate(-2, 0, 0), g.opts.Today.AddDate(0, -1, 0))
	return store.Visit{
		ID:        newID(r, at),
		CoopID:    c.ID,
		CoachID:   coach.ID,
		Date:      at,
		Purpose:   "Verifikasi keaktifan koperasi",
		Notes:     c.Notes,
		CreatedAt: at,
	}
}

// minTime returns the earlier of a and b.
func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
