package store

import (
	"bytes"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// AddVisit stores a new visit to a stored cooperative and returns it with its ID. Date is
// required and kept to the second; CoachID, when given, must name a stored coach.
func (s *Store) AddVisit(v Visit) (Visit, error) {
	err := s.update(func(w *writer) error {
		var err error
		v, err = w.addVisit(v, false)
		return err
	})
	if err != nil {
		return Visit{}, fmt.Errorf("add visit to cooperative %q: %w", v.CoopID, err)
	}
	return v, nil
}

// VisitsOf returns a cooperative's visits, newest first.
func (s *Store) VisitsOf(coopID string) ([]Visit, error) {
	var out []Visit
	err := s.view(func(tx *bolt.Tx) error {
		coop, ok := idKey(coopID)
		if !ok || tx.Bucket(bucketCoops).Get(coop) == nil {
			return ErrNotFound
		}
		visits := tx.Bucket(bucketVisits)
		c := tx.Bucket(bucketVisitsByCoop).Cursor()
		k, _ := lastWithPrefix(c, coop)
		for ; k != nil && bytes.HasPrefix(k, coop); k, _ = c.Prev() {
			var rec visitRecord
			found, err := getJSON(visits, k[len(k)-idLen:], &rec)
			if err != nil {
				return err
			}
			if found {
				out = append(out, rec.Visit)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("visits of cooperative %q: %w", coopID, err)
	}
	return out, nil
}

// addVisit stores a visit, its index entry, the cooperative's last visit and an audit event.
func (w *writer) addVisit(v Visit, keepID bool) (Visit, error) {
	coop, ok := idKey(v.CoopID)
	if !ok || w.tx.Bucket(bucketCoops).Get(coop) == nil {
		return v, fmt.Errorf("cooperative %q: %w", v.CoopID, ErrNotFound)
	}
	if v.Date.IsZero() {
		return v, fmt.Errorf("date is empty: %w", ErrInvalid)
	}
	if err := w.checkCoach(v.CoachID); err != nil {
		return v, err
	}
	key, err := w.assignID(&v.ID, keepID, w.tx.Bucket(bucketVisits))
	if err != nil {
		return v, err
	}
	v.Date = v.Date.Truncate(1e9).UTC()
	v.Purpose, v.Notes = strings.TrimSpace(v.Purpose), strings.TrimSpace(v.Notes)
	if !keepID || v.CreatedAt.IsZero() {
		v.CreatedAt = w.now
	}
	v.CreatedAt = v.CreatedAt.UTC()

	if err := putJSON(w.tx.Bucket(bucketVisits), key, visitRecord{valueVersion, v}); err != nil {
		return v, err
	}
	ik := visitIndexKey(coop, v.Date, key)
	if err := w.tx.Bucket(bucketVisitsByCoop).Put(ik, nil); err != nil {
		return v, err
	}
	if err := summaryVisit(w.tx, coop, v.Date); err != nil {
		return v, err
	}
	return v, w.audit(KindVisit, v.ID, ActionCreate, nil)
}
