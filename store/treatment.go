package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// KindTreatment names plan items in audit events.
const KindTreatment = "treatment"

// TreatmentStatus is where a plan item stands.
type TreatmentStatus string

// The plan item statuses.
const (
	TreatmentPlanned    TreatmentStatus = "planned"
	TreatmentInProgress TreatmentStatus = "in_progress"
	TreatmentDone       TreatmentStatus = "done"
	TreatmentDropped    TreatmentStatus = "dropped"
)

// TreatmentStatuses lists the statuses in the order a plan item moves through them.
var TreatmentStatuses = []TreatmentStatus{
	TreatmentPlanned, TreatmentInProgress, TreatmentDone, TreatmentDropped,
}

// TreatmentOwners are who may own a plan item.
var TreatmentOwners = []string{"board", "manager", "coach", "office"}

// Treatment is one item of a cooperative's treatment plan: a recommended treatment the
// coach agreed with the cooperative, with its owner, due date and status.
type Treatment struct {
	ID     string `json:"id"`
	CoopID string `json:"coop_id"`
	// AssessmentID is the assessment whose diagnosis recommended it, if any.
	AssessmentID string `json:"assessment_id,omitempty"`
	// ConditionID and TreatmentID name the catalogue's condition and treatment.
	ConditionID string `json:"condition_id,omitempty"`
	TreatmentID string `json:"treatment_id,omitempty"`
	// Title is what the plan shows; Type is modul, aksi, latih or awas.
	Title string `json:"title"`
	Type  string `json:"type,omitempty"`
	// Owner is one of TreatmentOwners.
	Owner     string          `json:"owner"`
	Due       time.Time       `json:"due,omitzero"`
	Status    TreatmentStatus `json:"status"`
	Notes     string          `json:"notes,omitempty"`
	CreatedAt time.Time       `json:"created_at,omitzero"`
	UpdatedAt time.Time       `json:"updated_at,omitzero"`
}

// Open reports whether the item still needs work: planned or in progress.
func (t Treatment) Open() bool {
	return t.Status == TreatmentPlanned || t.Status == TreatmentInProgress
}

// TreatmentReview is what a visit found of one plan item: its new status and a note.
type TreatmentReview struct {
	TreatmentID string          `json:"treatment_id"`
	Status      TreatmentStatus `json:"status,omitempty"` // empty keeps the status
	Note        string          `json:"note,omitempty"`
}

// treatmentRecord is the stored form of a Treatment.
type treatmentRecord struct {
	V int `json:"v"`
	Treatment
}

func (r *treatmentRecord) version() int { return r.V }

// AddTreatment stores a new plan item of a stored cooperative and returns it with its ID.
// Title and Owner are required; an empty Status is planned.
func (s *Store) AddTreatment(t Treatment) (Treatment, error) {
	err := s.update(func(w *writer) error {
		var err error
		t, err = w.addTreatment(t, false)
		return err
	})
	if err != nil {
		return Treatment{}, fmt.Errorf("add treatment to cooperative %q: %w", t.CoopID, err)
	}
	return t, nil
}

// UpdateTreatment saves the editable fields of a stored plan item (title, owner, due date,
// status, notes); its cooperative, origin and creation time stay. The audit event holds
// what changed.
func (s *Store) UpdateTreatment(t Treatment) (Treatment, error) {
	err := s.update(func(w *writer) error {
		var err error
		t, err = w.updateTreatment(t)
		return err
	})
	if err != nil {
		return Treatment{}, fmt.Errorf("update treatment %q: %w", t.ID, err)
	}
	return t, nil
}

// Treatment returns one plan item.
func (s *Store) Treatment(id string) (Treatment, error) {
	var rec treatmentRecord
	err := s.view(func(tx *bolt.Tx) error {
		return getByID(tx.Bucket(bucketTreatments), id, &rec)
	})
	if err != nil {
		return Treatment{}, fmt.Errorf("treatment %q: %w", id, err)
	}
	return rec.Treatment, nil
}

// TreatmentsOf returns a cooperative's plan items in the order they were added.
func (s *Store) TreatmentsOf(coopID string) ([]Treatment, error) {
	var out []Treatment
	err := s.view(func(tx *bolt.Tx) error {
		coop, ok := idKey(coopID)
		if !ok || tx.Bucket(bucketCoops).Get(coop) == nil {
			return ErrNotFound
		}
		all := tx.Bucket(bucketTreatments)
		c := tx.Bucket(bucketTreatmentsByCoop).Cursor()
		for k, _ := c.Seek(coop); k != nil && bytes.HasPrefix(k, coop); k, _ = c.Next() {
			var rec treatmentRecord
			found, err := getJSON(all, k[idLen:], &rec)
			if err != nil {
				return err
			}
			if found {
				out = append(out, rec.Treatment)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("treatments of cooperative %q: %w", coopID, err)
	}
	return out, nil
}

// Treatments returns every plan item of every cooperative in the order they were added:
// what the follow-up and training screens read.
func (s *Store) Treatments() ([]Treatment, error) {
	var out []Treatment
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTreatments).ForEach(func(_, v []byte) error {
			var rec treatmentRecord
			if err := decodeJSON(v, &rec); err != nil {
				return err
			}
			out = append(out, rec.Treatment)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("treatments: %w", err)
	}
	return out, nil
}

// RecordVisit stores a visit and, in the same transaction, the reviews it made: each
// reviewed plan item (of the same cooperative) takes its new status, and the review's
// note is added to its notes with the visit's date. Every change has its audit event.
func (s *Store) RecordVisit(v Visit) (Visit, error) {
	err := s.update(func(w *writer) error {
		for i, r := range v.Reviewed {
			if err := w.review(v, r); err != nil {
				return fmt.Errorf("reviewed[%d]: %w", i, err)
			}
		}
		var err error
		v, err = w.addVisit(v, false)
		return err
	})
	if err != nil {
		return Visit{}, fmt.Errorf("record visit to cooperative %q: %w", v.CoopID, err)
	}
	return v, nil
}

// AddTreatment stores a plan item in the bulk transaction, keeping a given ID.
func (b *Bulk) AddTreatment(t Treatment) (Treatment, error) {
	t, err := b.w.addTreatment(t, true)
	if err != nil {
		return t, fmt.Errorf("treatment %q: %w", t.Title, err)
	}
	return t, nil
}

// review applies one visit's review to its plan item.
func (w *writer) review(v Visit, r TreatmentReview) error {
	var rec treatmentRecord
	if err := getByID(w.tx.Bucket(bucketTreatments), r.TreatmentID, &rec); err != nil {
		return fmt.Errorf("treatment %q: %w", r.TreatmentID, err)
	}
	t := rec.Treatment
	if t.CoopID != v.CoopID {
		return fmt.Errorf("treatment %q belongs to another cooperative: %w", t.ID, ErrInvalid)
	}
	if r.Status != "" {
		t.Status = r.Status
	}
	if note := strings.TrimSpace(r.Note); note != "" {
		line := v.Date.UTC().Format(time.DateOnly) + ": " + note
		t.Notes = strings.TrimSpace(t.Notes + "\n" + line)
	}
	_, err := w.updateTreatment(t)
	return err
}

// addTreatment checks and stores a new plan item, its index entry and its audit event.
func (w *writer) addTreatment(t Treatment, keepID bool) (Treatment, error) {
	coop, ok := idKey(t.CoopID)
	if !ok || w.tx.Bucket(bucketCoops).Get(coop) == nil {
		return t, fmt.Errorf("cooperative %q: %w", t.CoopID, ErrNotFound)
	}
	if t.Status == "" {
		t.Status = TreatmentPlanned
	}
	t = cleanTreatment(t)
	if err := checkTreatment(t); err != nil {
		return t, err
	}
	all := w.tx.Bucket(bucketTreatments)
	key, err := w.assignID(&t.ID, keepID, all)
	if err != nil {
		return t, err
	}
	if !keepID || t.CreatedAt.IsZero() {
		t.CreatedAt = w.now
	}
	t.CreatedAt = t.CreatedAt.UTC()
	t.UpdatedAt = t.CreatedAt

	if err := putJSON(all, key, treatmentRecord{valueVersion, t}); err != nil {
		return t, err
	}
	ik := append(slices.Clip(coop), key...)
	if err := w.tx.Bucket(bucketTreatmentsByCoop).Put(ik, nil); err != nil {
		return t, err
	}
	change, err := diff(nil, t)
	if err != nil {
		return t, err
	}
	return t, w.audit(KindTreatment, t.ID, ActionCreate, change)
}

// updateTreatment saves the editable fields of a stored plan item with an audit event
// of what changed; nothing changed writes nothing.
func (w *writer) updateTreatment(t Treatment) (Treatment, error) {
	all := w.tx.Bucket(bucketTreatments)
	var rec treatmentRecord
	if err := getByID(all, t.ID, &rec); err != nil {
		return t, fmt.Errorf("treatment %q: %w", t.ID, err)
	}
	old := rec.Treatment
	next := old
	next.Title, next.Owner, next.Due, next.Status, next.Notes =
		t.Title, t.Owner, t.Due, t.Status, t.Notes
	next = cleanTreatment(next)
	if err := checkTreatment(next); err != nil {
		return t, err
	}
	if sameEdit(old, next) {
		return old, nil
	}
	next.UpdatedAt = w.now
	key, _ := idKey(next.ID)
	if err := putJSON(all, key, treatmentRecord{valueVersion, next}); err != nil {
		return t, err
	}
	change, err := diff(old, next)
	if err != nil {
		return t, err
	}
	return next, w.audit(KindTreatment, next.ID, ActionUpdate, change)
}

// sameEdit reports whether two versions of a plan item agree in every editable field.
func sameEdit(a, b Treatment) bool {
	return a.Title == b.Title && a.Owner == b.Owner && a.Due.Equal(b.Due) &&
		a.Status == b.Status && a.Notes == b.Notes
}

// cleanTreatment trims the texts and keeps dates to the day, in UTC.
func cleanTreatment(t Treatment) Treatment {
	t.Title, t.Notes = strings.TrimSpace(t.Title), strings.TrimSpace(t.Notes)
	if !t.Due.IsZero() {
		y, m, d := t.Due.Date()
		t.Due = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// checkTreatment says which field of a plan item is wrong.
func checkTreatment(t Treatment) error {
	switch {
	case t.Title == "":
		return fmt.Errorf("title is empty: %w", ErrInvalid)
	case !slices.Contains(TreatmentOwners, t.Owner):
		return fmt.Errorf("owner %q is not one of %s: %w", t.Owner,
			strings.Join(TreatmentOwners, ", "), ErrInvalid)
	case !slices.Contains(TreatmentStatuses, t.Status):
		return fmt.Errorf("status %q is not planned, in_progress, done or dropped: %w",
			t.Status, ErrInvalid)
	}
	return nil
}

// migrateAddTreatments (2 → 3) creates the buckets of the treatment plans.
func migrateAddTreatments(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketTreatments, bucketTreatmentsByCoop} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}
