// Package report prints one cooperative's medical record (rekam medis koperasi): its
// profile, a chart of its score over the years, the latest assessment with its aspect
// and component table, the treatment plan, the visit log, the office's name and the date
// it was made. It writes PDF (with go-pdf/fpdf's core fonts and the cp1252 code page,
// which covers Indonesian) and Markdown, in Indonesian or English.
package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
	"koroena/store/importer"
)

// Formats.
const (
	FormatPDF      = "pdf"
	FormatMarkdown = "md"
)

// record is everything one report shows, gathered once for both formats.
type record struct {
	lang    string
	office  string
	made    time.Time
	coop    store.Cooperative
	coach   string
	years   []yearScore // final assessments, oldest year first
	latest  *latest     // the newest final assessment, if any
	drafts  int         // open drafts
	visits  []visitRow  // newest first
	plan    []store.Treatment
	coaches map[string]string
}

// yearScore is one point of the score chart.
type yearScore struct {
	year int
	// instrument is the id it was scored with ("ksp-2016"); totals of different
	// instruments are different rubrics and do not compare.
	instrument string
	in         *scoring.Instrument // nil when the registry lacks it
	total      float64             // display only
	totalText  string              // the stored exact total
	predicate  string              // id
	label      string              // the predicate's name in the report's language
}

// latest is the newest final assessment, scored again for its component table.
type latest struct {
	a          store.Assessment
	instrument *scoring.Instrument
	result     *scoring.Result // nil when it could not be scored again
	findings   []diagnosis.Finding
	// previous is the latest earlier final of the same instrument, for the comparison.
	previous *yearScore
	// other is the latest earlier final when another instrument scored it: said, never
	// subtracted.
	other *yearScore
	label string // predicate label
}

// visitRow is one visit of the log.
type visitRow struct {
	date    time.Time
	coach   string
	purpose string
	notes   string
}

// gather reads the record of one cooperative.
func gather(s *store.Store, reg *scoring.Registry, cat *diagnosis.Catalogue, coopID,
	lang string, now time.Time,
) (*record, error) {
	c, err := s.Cooperative(coopID)
	if err != nil {
		return nil, err
	}
	r := &record{lang: lang, made: now, coop: c, coaches: map[string]string{}}
	r.office, _, err = s.Setting(store.SettingOfficeName)
	if err != nil {
		return nil, err
	}
	coaches, err := s.Coaches()
	if err != nil {
		return nil, err
	}
	for _, co := range coaches {
		r.coaches[co.ID] = co.Name
	}
	r.coach = r.coaches[c.CoachID]

	as, err := s.AssessmentsOf(c.ID)
	if err != nil {
		return nil, err
	}
	r.gatherAssessments(reg, cat, as)

	if r.plan, err = s.TreatmentsOf(c.ID); err != nil {
		return nil, err
	}
	vs, err := s.VisitsOf(c.ID)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		r.visits = append(r.visits, visitRow{date: v.Date, coach: r.coaches[v.CoachID],
			purpose: v.Purpose, notes: v.Notes})
	}
	return r, nil
}

// gatherAssessments keeps the current final assessment of each year (amended ones are
// history) and scores the newest again for its table.
func (r *record) gatherAssessments(reg *scoring.Registry, cat *diagnosis.Catalogue,
	as []store.Assessment,
) {
	var finals []store.Assessment
	for _, a := range as {
		switch a.Status {
		case store.StatusFinal:
			finals = append(finals, a)
		case store.StatusDraft:
			r.drafts++
		case store.StatusAmended:
		}
	}
	slices.SortFunc(finals, func(a, b store.Assessment) int {
		return cmp.Compare(a.FiscalYear, b.FiscalYear)
	})
	for _, a := range finals {
		if a.Result == nil {
			continue
		}
		y := yearScore{year: a.FiscalYear, instrument: a.Instrument,
			total: toFloat(a.Result.Total), totalText: a.Result.Total,
			predicate: a.Result.Predicate, label: predicateLabel(reg, a, r.lang)}
		if in, err := reg.Lookup(fmt.Sprintf("%s@%d", a.Instrument, a.Version)); err == nil {
			y.in = in
		}
		r.years = append(r.years, y)
	}
	if len(finals) == 0 {
		return
	}
	a := finals[len(finals)-1]
	l := &latest{a: a, label: predicateLabel(reg, a, r.lang)}
	if in, err := reg.Lookup(fmt.Sprintf("%s@%d", a.Instrument, a.Version)); err == nil {
		l.instrument = in
		if _, input, res, err := importer.RescoreInput(reg, a); err == nil {
			l.result = &res
			l.findings = cat.Diagnose(in, res, input)
		}
	}
	l.previous, l.other = earlier(r.years, a)
	r.latest = l
}

// earlier finds, among years (oldest first), the latest final before a's fiscal year
// that the same instrument scored (previous), and the latest earlier final of all when
// another instrument scored it (other, nil otherwise). Issue 7: a ksp-2016 and a
// ksp-2021 total are different rubrics, so only the first may be subtracted.
func earlier(years []yearScore, a store.Assessment) (previous, other *yearScore) {
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		if y.year >= a.FiscalYear {
			continue
		}
		if y.instrument == a.Instrument {
			return &y, other
		}
		if other == nil {
			other = &y
		}
	}
	return nil, other
}

// series splits the years (oldest first) into runs scored with one instrument, so that
// totals of different rubrics are never drawn as one comparable line.
func (r *record) series() [][]yearScore {
	var out [][]yearScore
	for i, y := range r.years {
		if i == 0 || y.instrument != r.years[i-1].instrument {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], y)
	}
	return out
}

// rubricsNote warns that the chart mixes instruments whose totals do not compare; ""
// when every year was scored with the same one.
func (r *record) rubricsNote() string {
	var ids []string
	for _, y := range r.years {
		if !slices.Contains(ids, y.instrument) {
			ids = append(ids, y.instrument)
		}
	}
	if len(ids) < 2 {
		return ""
	}
	return fmt.Sprintf(r.t("rubrics"), strings.Join(ids, ", "))
}

// predicateLabel names an assessment's predicate from its instrument, in lang.
func predicateLabel(reg *scoring.Registry, a store.Assessment, lang string) string {
	if a.Result == nil || a.Result.Predicate == "" {
		return ""
	}
	if in, err := reg.Lookup(fmt.Sprintf("%s@%d", a.Instrument, a.Version)); err == nil {
		for _, p := range in.Predicates {
			if p.ID == a.Result.Predicate {
				return p.Label.In(lang)
			}
		}
	}
	return a.Result.Predicate
}

// toFloat reads a stored decimal for drawing; 0 when it is not one.
func toFloat(s string) float64 {
	var f float64
	_, _ = fmt.Sscan(s, &f)
	return f
}

// ErrAmbiguous means a cooperative query matched more than one cooperative; the message
// lists some of them.
var ErrAmbiguous = errors.New("more than one cooperative matches")

// Find finds the cooperative a query names: its id, its NIK, or a part of its name that
// only one cooperative's name contains (ignoring case). An exact name wins over parts.
func Find(s *store.Store, query string) (store.Cooperative, error) {
	q := strings.TrimSpace(query)
	if c, err := s.Cooperative(q); err == nil {
		return c, nil
	}
	if c, err := s.CooperativeByNIK(q); err == nil {
		return c, nil
	}
	sums, err := s.CooperativeSummaries()
	if err != nil {
		return store.Cooperative{}, err
	}
	lq := strings.ToLower(q)
	var hits []store.CoopSummary
	for _, c := range sums {
		if strings.ToLower(c.Name) == lq {
			return s.Cooperative(c.ID)
		}
		if lq != "" && strings.Contains(strings.ToLower(c.Name), lq) {
			hits = append(hits, c)
		}
	}
	switch len(hits) {
	case 0:
		return store.Cooperative{}, fmt.Errorf("no cooperative has the id, NIK or a name "+
			"containing %q: %w", q, store.ErrNotFound)
	case 1:
		return s.Cooperative(hits[0].ID)
	}
	names := make([]string, 0, 5)
	for _, h := range hits[:min(len(hits), 5)] {
		names = append(names, fmt.Sprintf("%s (%s)", h.Name, cmp.Or(h.NIK, h.ID)))
	}
	more := ""
	if len(hits) > 5 {
		more = fmt.Sprintf(" and %d more", len(hits)-5)
	}
	return store.Cooperative{}, fmt.Errorf("%q: %w: %s%s; give more of the name, the NIK "+
		"or the id", q, ErrAmbiguous, strings.Join(names, ", "), more)
}

// instrumentNotes are the notes of the latest assessment's instrument in the report's
// language, none when the registry lacks it.
func (r *record) instrumentNotes() []string {
	if r.latest == nil || r.latest.instrument == nil {
		return nil
	}
	var out []string
	for _, n := range r.latest.instrument.Notes {
		out = append(out, n.Text.In(r.lang))
	}
	return out
}
