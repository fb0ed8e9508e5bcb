package store

import "fmt"

// Bulk writes many records in one transaction, for the demo city, generators and imports.
// Every record still gets its audit event, index entries and summary row. Records may
// carry their own ID (a UUID), CreatedAt and, for assessments, any status; otherwise they
// get new ones. Write coaches before the cooperatives that name them, and cooperatives
// before their visits and assessments.
type Bulk struct {
	w *writer
}

// Bulk runs fn in one write transaction: everything fn wrote is committed when it returns
// nil, and nothing when it returns an error. A transaction holds its writes in memory
// until commit, so write a large registry in chunks of about 10,000 cooperatives (with
// their visits and assessments), one Bulk call each.
func (s *Store) Bulk(fn func(b *Bulk) error) error {
	err := s.update(func(w *writer) error { return fn(&Bulk{w: w}) })
	if err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	return nil
}

// AddCoach stores a new coach.
func (b *Bulk) AddCoach(c Coach) (Coach, error) {
	c, err := b.w.putCoach(c, true)
	if err != nil {
		return c, fmt.Errorf("coach %q: %w", c.Name, err)
	}
	return c, nil
}

// AddCooperative stores a new cooperative under the rules of CreateCooperative.
func (b *Bulk) AddCooperative(c Cooperative) (Cooperative, error) {
	c, err := b.w.addCooperative(c, true)
	if err != nil {
		return c, fmt.Errorf("cooperative %q: %w", c.Name, err)
	}
	return c, nil
}

// AddVisit stores a new visit under the rules of AddVisit.
func (b *Bulk) AddVisit(v Visit) (Visit, error) {
	v, err := b.w.addVisit(v, true)
	if err != nil {
		return v, fmt.Errorf("visit to %q: %w", v.CoopID, err)
	}
	return v, nil
}

// AddAssessment stores an assessment in any status. A final or amended one needs a
// complete Result; FinalizedAt and FinalizedBy default to now and the actor. The rules of
// CreateAssessment hold, and at most one draft and one final per cooperative and year.
// Write an amended revision before the one that Replaces it.
func (b *Bulk) AddAssessment(a Assessment) (Assessment, error) {
	if a.Status == "" {
		a.Status = StatusDraft
	}
	a = cloneAssessment(a)
	a, err := b.w.addAssessment(a, true)
	if err != nil {
		return a, fmt.Errorf("assessment of %q for %d: %w", a.CoopID, a.FiscalYear, err)
	}
	return a, nil
}

// SetSetting stores a setting.
func (b *Bulk) SetSetting(key, value string) error {
	return b.w.setSetting(key, value)
}
