package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

var zeroTime time.Time

// addAssessment stores a new assessment with its index entry, refreshes the cooperative's
// summary and writes the audit event. With keepID (bulk) a given ID, CreatedAt and any
// status are kept; otherwise it is a new draft.
func (w *writer) addAssessment(a Assessment, keepID bool) (Assessment, error) {
	coop, err := w.checkAssessment(&a)
	if err != nil {
		return a, err
	}
	if err := w.checkUnique(coop, a, ""); err != nil {
		return a, err
	}
	key, err := w.assignID(&a.ID, keepID, w.tx.Bucket(bucketAssessments))
	if err != nil {
		return a, err
	}
	if !keepID || a.CreatedAt.IsZero() {
		a.CreatedAt = w.now
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), w.now
	if a.Status == StatusFinal || a.Status == StatusAmended {
		if a.FinalizedAt.IsZero() {
			a.FinalizedAt = w.now
		}
		if a.FinalizedBy == "" {
			a.FinalizedBy = w.actor
		}
		a.FinalizedAt = a.FinalizedAt.UTC()
	}

	if err := w.putAssessment(coop, key, a); err != nil {
		return a, err
	}
	if err := summaryAssessments(w.tx, coop); err != nil {
		return a, err
	}
	action, change := ActionCreate, json.RawMessage(nil)
	if a.Replaces != "" && a.Status == StatusDraft {
		action = ActionAmend
		change, _ = json.Marshal(map[string]string{"replaces": a.Replaces,
			"reason": a.AmendReason})
	}
	return a, w.audit(KindAssessment, a.ID, action, change)
}

// checkAssessment enforces the rules of a new assessment and returns its cooperative's key.
func (w *writer) checkAssessment(a *Assessment) ([]byte, error) {
	a.Instrument = strings.TrimSpace(a.Instrument)
	coop, ok := idKey(a.CoopID)
	switch {
	case !ok || w.tx.Bucket(bucketCoops).Get(coop) == nil:
		return nil, fmt.Errorf("cooperative %q: %w", a.CoopID, ErrNotFound)
	case a.Instrument == "":
		return nil, fmt.Errorf("instrument is empty: %w", ErrInvalid)
	case a.Version < 1:
		return nil, fmt.Errorf("instrument version %d: %w", a.Version, ErrInvalid)
	case a.FiscalYear < 1900 || a.FiscalYear > 9999:
		return nil, fmt.Errorf("fiscal year %d: %w", a.FiscalYear, ErrInvalid)
	}
	switch a.Status {
	case StatusDraft:
	case StatusFinal, StatusAmended:
		if a.Result == nil || !a.Result.Complete || !isDecimal(a.Result.Total) {
			return nil, fmt.Errorf("a %s assessment needs a complete result with a total: %w",
				a.Status, ErrIncomplete)
		}
	default:
		return nil, fmt.Errorf("status %q: %w", a.Status, ErrInvalid)
	}
	for id, v := range a.Figures {
		if !isDecimal(v) {
			return nil, fmt.Errorf("figure %s: %q is not a decimal with at most 2 decimals: %w",
				id, v, ErrInvalid)
		}
	}
	if a.Replaces != "" {
		if rk, ok := idKey(a.Replaces); !ok || w.tx.Bucket(bucketAssessments).Get(rk) == nil {
			return nil, fmt.Errorf("replaced assessment %q: %w", a.Replaces, ErrNotFound)
		}
	}
	return coop, w.checkCoach(a.CoachID)
}

// checkUnique refuses a second open draft or a second final for one cooperative and year.
// except is the id of an assessment the new one replaces, which may stay final meanwhile.
func (w *writer) checkUnique(coop []byte, a Assessment, except string) error {
	prefix := assessIndexKey(coop, a.FiscalYear, nil)
	c := w.tx.Bucket(bucketAssessByCoop).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var h headRecord
		if err := decodeJSON(v, &h); err != nil {
			return err
		}
		switch {
		case h.ID == a.ID || h.ID == except:
		case h.Status == StatusDraft && a.Status == StatusDraft:
			return fmt.Errorf("%d: draft %s: %w", a.FiscalYear, h.ID, ErrDuplicateDraft)
		case h.Status == StatusFinal && a.Status == StatusFinal:
			return fmt.Errorf("%d: final %s: %w", a.FiscalYear, h.ID, ErrDuplicateFinal)
		case h.Status == StatusFinal && a.Status == StatusDraft && a.Replaces != h.ID:
			return fmt.Errorf("%d: final %s, amend it instead: %w", a.FiscalYear, h.ID,
				ErrDuplicateFinal)
		}
	}
	return nil
}

// putAssessment writes an assessment and its head in the assessments_by_coop index.
func (w *writer) putAssessment(coop, key []byte, a Assessment) error {
	b := w.tx.Bucket(bucketAssessments)
	if err := putJSON(b, key, assessmentRecord{valueVersion, a}); err != nil {
		return err
	}
	h := AssessmentHead{ID: a.ID, Instrument: a.Instrument, Version: a.Version,
		FiscalYear: a.FiscalYear, Status: a.Status}
	if a.Result != nil {
		h.Total, h.Predicate = a.Result.Total, a.Result.Predicate
	}
	return putJSON(w.tx.Bucket(bucketAssessByCoop), assessIndexKey(coop, a.FiscalYear, key),
		headRecord{valueVersion, h})
}

// finalize locks a draft and, for a revision, marks the assessment it replaces amended.
func (w *writer) finalize(id string, f Finalization) (Assessment, error) {
	var rec assessmentRecord
	if err := getByID(w.tx.Bucket(bucketAssessments), id, &rec); err != nil {
		return Assessment{}, err
	}
	a := rec.Assessment
	if a.Status != StatusDraft {
		return a, fmt.Errorf("it is %s: %w", a.Status, ErrFinal)
	}
	if !f.Result.Complete || !isDecimal(f.Result.Total) {
		return a, fmt.Errorf("result needs complete and a total: %w", ErrIncomplete)
	}
	if f.CoachID != "" {
		if err := w.checkCoach(f.CoachID); err != nil {
			return a, err
		}
		a.CoachID = f.CoachID
	}
	if f.Version > 0 {
		a.Version = f.Version
	}

	// Stamp and store it; the replaced revision may stay final until now.
	res := f.Result
	res.Aspects = append([]AspectScore(nil), res.Aspects...)
	res.Output = bytes.Clone(res.Output)
	a.Status, a.Result, a.FinalizedAt, a.FinalizedBy = StatusFinal, &res, w.now, w.actor
	a.UpdatedAt = w.now
	coop, _ := idKey(a.CoopID)
	if err := w.checkUnique(coop, a, a.Replaces); err != nil {
		return a, err
	}
	key, _ := idKey(id)
	if err := w.putAssessment(coop, key, a); err != nil {
		return a, err
	}

	// Supersede the revision it replaces.
	if a.Replaces != "" {
		if err := w.supersede(coop, a.Replaces, a.ID); err != nil {
			return a, err
		}
	}
	if err := summaryAssessments(w.tx, coop); err != nil {
		return a, err
	}
	change, err := json.Marshal(map[string]any{
		"status": [2]AssessmentStatus{StatusDraft, StatusFinal}, "total": res.Total,
		"predicate": res.Predicate, "instrument_version": a.Version, "coach_id": a.CoachID,
	})
	if err != nil {
		return a, err
	}
	return a, w.audit(KindAssessment, a.ID, ActionFinalize, change)
}

// supersede marks a final assessment amended by the revision newID.
func (w *writer) supersede(coop []byte, oldID, newID string) error {
	var old assessmentRecord
	if err := getByID(w.tx.Bucket(bucketAssessments), oldID, &old); err != nil {
		return fmt.Errorf("replaced assessment %q: %w", oldID, err)
	}
	if old.Status != StatusFinal {
		return nil // already superseded: nothing to change
	}
	old.Status, old.AmendedBy, old.UpdatedAt = StatusAmended, newID, w.now
	key, _ := idKey(oldID)
	if err := w.putAssessment(coop, key, old.Assessment); err != nil {
		return err
	}
	change, err := json.Marshal(map[string]any{
		"status":     [2]AssessmentStatus{StatusFinal, StatusAmended},
		"amended_by": newID,
	})
	if err != nil {
		return err
	}
	return w.audit(KindAssessment, oldID, ActionAmended, change)
}
