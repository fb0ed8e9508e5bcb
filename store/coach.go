package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// PutCoach stores a coach: a new one (with a new ID) when c.ID is empty, else it replaces
// the stored coach with that ID. Name is required.
func (s *Store) PutCoach(c Coach) (Coach, error) {
	err := s.update(func(w *writer) error {
		var err error
		c, err = w.putCoach(c, false)
		return err
	})
	if err != nil {
		return Coach{}, fmt.Errorf("save coach %q: %w", c.Name, err)
	}
	return c, nil
}

// Coach returns the coach with the given id, or ErrNotFound.
func (s *Store) Coach(id string) (Coach, error) {
	var rec coachRecord
	err := s.view(func(tx *bolt.Tx) error { return getByID(tx.Bucket(bucketCoaches), id, &rec) })
	if err != nil {
		return Coach{}, fmt.Errorf("coach %q: %w", id, err)
	}
	return rec.Coach, nil
}

// Coaches returns every coach, sorted by name.
func (s *Store) Coaches() ([]Coach, error) {
	var out []Coach
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCoaches)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var rec coachRecord
			if err := decodeJSON(v, &rec); err != nil {
				return err
			}
			out = append(out, rec.Coach)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list coaches: %w", err)
	}
	slices.SortFunc(out, func(a, b Coach) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// putCoach creates or replaces a coach. With keepID a given ID creates a new coach.
func (w *writer) putCoach(c Coach, keepID bool) (Coach, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, fmt.Errorf("name is empty: %w", ErrInvalid)
	}
	b := w.tx.Bucket(bucketCoaches)

	// A new coach.
	if c.ID == "" || keepID {
		key, err := w.assignID(&c.ID, keepID, b)
		if err != nil {
			return c, err
		}
		if err := putJSON(b, key, coachRecord{valueVersion, c}); err != nil {
			return c, err
		}
		return c, w.audit(KindCoach, c.ID, ActionCreate, nil)
	}

	// A change to a stored one.
	var old coachRecord
	if err := getByID(b, c.ID, &old); err != nil {
		return c, err
	}
	change, err := diff(old.Coach, c)
	if err != nil || string(change) == "{}" {
		return old.Coach, err // nothing changed: no write, no audit event
	}
	key, _ := idKey(c.ID)
	if err := putJSON(b, key, coachRecord{valueVersion, c}); err != nil {
		return c, err
	}
	return c, w.audit(KindCoach, c.ID, ActionUpdate, change)
}
