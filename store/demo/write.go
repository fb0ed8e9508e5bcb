package demo

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"koroena/store"
)

// ErrNotEmpty is returned by Write for a data file that already holds records: the demo
// city goes only into a new file.
var ErrNotEmpty = errors.New("the data file already has data")

// Settings that Write leaves in the file, so that screens can tell a demo city and date
// things relative to its fixed today.
const (
	SettingToday = "demo.today" // the demo's today, "2006-01-02"
	SettingSeed  = "demo.seed"  // the seed it was generated with
)

// A bulk transaction takes at most chunkCoops cooperatives with their visits and
// assessments, or stops at chunkAssessments assessments. bbolt holds a transaction's
// writes in unsplit in-memory nodes until it commits, so each insert into a big
// transaction costs more: 3,000 cooperatives of 5 years took 19 s in chunks of 20,000
// assessments and 6 s in chunks of 2,000 (the demo city itself fits in one).
const (
	chunkCoops       = 500
	chunkAssessments = 2000
)

// Counts says what Write wrote.
type Counts struct {
	Coaches      int
	Cooperatives int
	Active       int
	Visits       int
	Assessments  int // final ones
	Drafts       int
	// Latest counts the active cooperatives by the predicate of their latest final
	// assessment.
	Latest map[string]int
}

// Write generates the demo city of opts and writes it into s, which must be empty.
func Write(s *store.Store, opts Options) (Counts, error) {
	if err := checkEmpty(s); err != nil {
		return Counts{}, err
	}
	g, err := NewGenerator(opts)
	if err != nil {
		return Counts{}, err
	}
	n := Counts{Latest: map[string]int{}}

	// Coaches and the settings first, then the cooperatives in chunks.
	err = s.Bulk(func(b *store.Bulk) error {
		for _, c := range g.Coaches() {
			if _, err := b.AddCoach(c); err != nil {
				return err
			}
			n.Coaches++
		}
		if err := b.SetSetting(SettingToday, g.opts.Today.Format("2006-01-02")); err != nil {
			return err
		}
		return b.SetSetting(SettingSeed, strconv.FormatUint(g.opts.Seed, 10))
	})
	if err != nil {
		return n, fmt.Errorf("write demo coaches: %w", err)
	}

	var pending []Bundle
	assessments := 0
	flush := func() error {
		err := s.Bulk(func(b *store.Bulk) error { return writeBundles(b, pending) })
		pending, assessments = pending[:0], 0
		if err == nil && g.opts.Progress != nil {
			g.opts.Progress(n.Cooperatives, g.Len())
		}
		return err
	}
	err = g.Each(func(b Bundle) error {
		n.add(b)
		pending = append(pending, b)
		if assessments += len(b.Assessments); len(pending) == chunkCoops ||
			assessments >= chunkAssessments {
			return flush()
		}
		return nil
	})
	if err == nil && len(pending) > 0 {
		err = flush()
	}
	if err != nil {
		return n, fmt.Errorf("write demo city: %w", err)
	}
	return n, nil
}

// checkEmpty returns ErrNotEmpty when s holds any coach or cooperative.
func checkEmpty(s *store.Store) error {
	coaches, err := s.Coaches()
	if err != nil {
		return err
	}
	coops, err := s.CooperativeSummaries()
	if err != nil {
		return err
	}
	if len(coaches) > 0 || len(coops) > 0 {
		return fmt.Errorf("%s: %w (%d cooperatives, %d coaches)", s.Path(), ErrNotEmpty,
			len(coops), len(coaches))
	}
	return nil
}

// writeBundles writes cooperatives with their assessments and visits in one transaction.
func writeBundles(b *store.Bulk, bundles []Bundle) error {
	for _, x := range bundles {
		if _, err := b.AddCooperative(x.Coop); err != nil {
			return err
		}
		for _, a := range x.Assessments {
			if _, err := b.AddAssessment(a); err != nil {
				return err
			}
		}
		for _, v := range x.Visits {
			if _, err := b.AddVisit(v); err != nil {
				return err
			}
		}
		for _, t := range x.Treatments {
			if _, err := b.AddTreatment(t); err != nil {
				return err
			}
		}
	}
	return nil
}

// add counts one cooperative's records.
func (n *Counts) add(b Bundle) {
	n.Cooperatives++
	n.Visits += len(b.Visits)
	var latest *store.Assessment
	for i, a := range b.Assessments {
		if a.Status == store.StatusDraft {
			n.Drafts++
			continue
		}
		n.Assessments++
		if latest == nil || a.FiscalYear > latest.FiscalYear {
			latest = &b.Assessments[i]
		}
	}
	if b.Coop.Active {
		n.Active++
		if latest != nil && latest.Result != nil {
			n.Latest[latest.Result.Predicate]++
		}
	}
}

// WriteFile writes the demo city of opts into a new data file at path, as the demo
// command does: audit events name the actor "demo" and are dated at the demo's today.
func WriteFile(path string, opts Options) (Counts, error) {
	s, err := store.Open(path, store.Options{
		Actor: "demo",
		Now:   func() time.Time { return opts.withDefaults().Today },
	})
	if err != nil {
		return Counts{}, err
	}
	n, err := Write(s, opts)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return n, err
}
