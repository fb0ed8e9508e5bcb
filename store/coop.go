package store

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// CreateCooperative stores a new cooperative and returns it with its new ID and times.
// Name is required; NIK, when given, must be 16 digits and unused (else ErrDuplicateNIK);
// LegalType and BusinessType must be ids of LegalTypes and BusinessTypes; CoachID must
// name a stored coach.
func (s *Store) CreateCooperative(c Cooperative) (Cooperative, error) {
	err := s.update(func(w *writer) error {
		var err error
		c, err = w.addCooperative(c, false)
		return err
	})
	if err != nil {
		return Cooperative{}, fmt.Errorf("create cooperative %q: %w", c.Name, err)
	}
	return c, nil
}

// UpdateCooperative replaces the profile of the stored cooperative with c.ID, under the
// rules of CreateCooperative, and records the changed fields in the audit.
func (s *Store) UpdateCooperative(c Cooperative) (Cooperative, error) {
	err := s.update(func(w *writer) error {
		var err error
		c, err = w.updateCooperative(c)
		return err
	})
	if err != nil {
		return Cooperative{}, fmt.Errorf("update cooperative %q: %w", c.ID, err)
	}
	return c, nil
}

// Cooperative returns the cooperative with the given id, or ErrNotFound.
func (s *Store) Cooperative(id string) (Cooperative, error) {
	var rec coopRecord
	err := s.view(func(tx *bolt.Tx) error {
		return getByID(tx.Bucket(bucketCoops), id, &rec)
	})
	if err != nil {
		return Cooperative{}, fmt.Errorf("cooperative %q: %w", id, err)
	}
	return rec.Cooperative, nil
}

// CooperativeByNIK returns the cooperative with the given NIK, or ErrNotFound.
func (s *Store) CooperativeByNIK(nik string) (Cooperative, error) {
	var rec coopRecord
	err := s.view(func(tx *bolt.Tx) error {
		key := tx.Bucket(bucketCoopsByNIK).Get([]byte(nik))
		if nik == "" || key == nil {
			return ErrNotFound
		}
		return getByID(tx.Bucket(bucketCoops), idText(key), &rec)
	})
	if err != nil {
		return Cooperative{}, fmt.Errorf("cooperative with NIK %q: %w", nik, err)
	}
	return rec.Cooperative, nil
}

// getByID decodes the record under an id's key; a malformed id is simply not found.
func getByID(b *bolt.Bucket, id string, dst versioned) error {
	key, ok := idKey(id)
	if !ok {
		return ErrNotFound
	}
	found, err := getJSON(b, key, dst)
	if err == nil && !found {
		err = ErrNotFound
	}
	return err
}

// addCooperative stores a new cooperative, its NIK index entry, its summary row and its
// audit event. keepID keeps a given ID and CreatedAt (bulk import).
func (w *writer) addCooperative(c Cooperative, keepID bool) (Cooperative, error) {
	key, err := w.assignID(&c.ID, keepID, w.tx.Bucket(bucketCoops))
	if err != nil {
		return c, err
	}
	if !keepID || c.CreatedAt.IsZero() {
		c.CreatedAt = w.now
	}
	c.UpdatedAt = w.now
	normalizeCoop(&c)
	if err := w.checkCooperative(c, ""); err != nil {
		return c, err
	}

	if err := putJSON(w.tx.Bucket(bucketCoops), key, coopRecord{valueVersion, c}); err != nil {
		return c, err
	}
	if err := w.indexNIK(key, "", c.NIK); err != nil {
		return c, err
	}
	if err := summaryProfile(w.tx, key, c); err != nil {
		return c, err
	}
	return c, w.audit(KindCooperative, c.ID, ActionCreate, nil)
}

// updateCooperative replaces a stored cooperative's profile.
func (w *writer) updateCooperative(c Cooperative) (Cooperative, error) {
	var old coopRecord
	if err := getByID(w.tx.Bucket(bucketCoops), c.ID, &old); err != nil {
		return c, err
	}
	key, _ := idKey(c.ID)
	c.CreatedAt, c.UpdatedAt = old.CreatedAt, w.now
	normalizeCoop(&c)
	if err := w.checkCooperative(c, old.NIK); err != nil {
		return c, err
	}
	before, after := old.Cooperative, c
	before.UpdatedAt, after.UpdatedAt = time.Time{}, time.Time{}
	change, err := diff(before, after)
	if err != nil || string(change) == "{}" {
		return old.Cooperative, err // nothing changed: no write, no audit event
	}

	if err := putJSON(w.tx.Bucket(bucketCoops), key, coopRecord{valueVersion, c}); err != nil {
		return c, err
	}
	if err := w.indexNIK(key, old.NIK, c.NIK); err != nil {
		return c, err
	}
	if err := summaryProfile(w.tx, key, c); err != nil {
		return c, err
	}
	return c, w.audit(KindCooperative, c.ID, ActionUpdate, change)
}

// normalizeCoop trims the text fields and stores times in UTC.
func normalizeCoop(c *Cooperative) {
	for _, f := range []*string{&c.Name, &c.NIK, &c.LegalNumber, &c.Kelurahan, &c.Kecamatan,
		&c.Phone, &c.FiscalYearEnd, &c.LegalType, &c.BusinessType} {
		*f = strings.TrimSpace(*f)
	}
	for _, t := range []*time.Time{&c.LegalDate, &c.LastRAT, &c.CreatedAt, &c.UpdatedAt} {
		*t = t.UTC()
	}
}

// checkCooperative enforces the profile rules; oldNIK is the stored NIK when updating.
// Each text field has a maximum length in characters, checked first, so that no later
// message quotes a huge value whole and no huge value reaches a key.
func (w *writer) checkCooperative(c Cooperative, oldNIK string) error {
	limits := []struct {
		name, value string
		max         int
	}{
		{"name", c.Name, 200}, {"NIK", c.NIK, 100}, {"legal number", c.LegalNumber, 100},
		{"legal type", c.LegalType, 100}, {"business type", c.BusinessType, 100},
		{"address", c.Address, 2000}, {"kelurahan", c.Kelurahan, 100},
		{"kecamatan", c.Kecamatan, 100}, {"phone", c.Phone, 50}, {"chair", c.Chair, 200},
		{"manager", c.Manager, 200}, {"coach id", c.CoachID, 100},
		{"fiscal-year end", c.FiscalYearEnd, 100}, {"notes", c.Notes, 4000},
	}
	for _, l := range limits {
		// strings.Count with an empty substring is 1 + the number of characters.
		if n := strings.Count(l.value, "") - 1; n > l.max {
			return fmt.Errorf("%s is %d characters long, more than the %d allowed: %w",
				l.name, n, l.max, ErrInvalid)
		}
	}
	switch {
	case c.Name == "":
		return fmt.Errorf("name is empty: %w", ErrInvalid)
	case c.NIK != "" && !isDigits(c.NIK, 16):
		return fmt.Errorf("NIK %q is not 16 digits: %w", c.NIK, ErrInvalid)
	case c.LegalType != "" && !slices.Contains(LegalTypes, c.LegalType):
		return fmt.Errorf("legal type %q is none of %s: %w", c.LegalType,
			strings.Join(LegalTypes, ", "), ErrInvalid)
	case c.BusinessType != "" && !slices.Contains(BusinessTypes, c.BusinessType):
		return fmt.Errorf("business type %q is none of %s: %w", c.BusinessType,
			strings.Join(BusinessTypes, ", "), ErrInvalid)
	case c.Members < 0:
		return fmt.Errorf("members %d is negative: %w", c.Members, ErrInvalid)
	case c.FiscalYearEnd != "" && !validMonthDay(c.FiscalYearEnd):
		return fmt.Errorf("fiscal-year end %q is not MM-DD: %w", c.FiscalYearEnd, ErrInvalid)
	}
	if err := checkCoopText(c); err != nil {
		return err
	}
	if c.NIK != "" && c.NIK != oldNIK && w.tx.Bucket(bucketCoopsByNIK).Get([]byte(c.NIK)) != nil {
		return fmt.Errorf("NIK %s: %w", c.NIK, ErrDuplicateNIK)
	}
	return w.checkCoach(c.CoachID)
}

// checkCoopText refuses control characters in the profile's text, which a screen or a
// terminal would act on instead of showing (an escape sequence recolours or clears it, a
// bidirectional override reverses the text after it): none in one-line fields, and only
// line breaks and tabs in the address and notes.
func checkCoopText(c Cooperative) error {
	fields := []struct {
		name, value string
		multiline   bool
	}{
		{"name", c.Name, false}, {"NIK", c.NIK, false}, {"legal number", c.LegalNumber, false},
		{"address", c.Address, true}, {"kelurahan", c.Kelurahan, false},
		{"kecamatan", c.Kecamatan, false}, {"phone", c.Phone, false},
		{"chair", c.Chair, false}, {"manager", c.Manager, false}, {"notes", c.Notes, true},
	}
	for _, f := range fields {
		for i, r := range f.value {
			if f.multiline && (r == '\n' || r == '\t' || r == '\r') {
				continue
			}
			if unicode.IsControl(r) || isBidiControl(r) {
				return fmt.Errorf("%s %q has the control character %U at byte %d: %w",
					f.name, f.value, r, i, ErrInvalid)
			}
		}
	}
	return nil
}

// isBidiControl reports the characters that embed, override or isolate a direction of
// writing: they reorder what follows them on the screen.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// checkCoach checks that a non-empty coach id names a stored coach.
func (w *writer) checkCoach(id string) error {
	if id == "" {
		return nil
	}
	key, ok := idKey(id)
	if !ok || w.tx.Bucket(bucketCoaches).Get(key) == nil {
		return fmt.Errorf("coach %q: %w", id, ErrNotFound)
	}
	return nil
}

// indexNIK moves a cooperative's NIK index entry from oldNIK to nik.
func (w *writer) indexNIK(key []byte, oldNIK, nik string) error {
	b := w.tx.Bucket(bucketCoopsByNIK)
	if oldNIK == nik {
		return nil
	}
	if oldNIK != "" {
		if err := b.Delete([]byte(oldNIK)); err != nil {
			return err
		}
	}
	if nik == "" {
		return nil
	}
	return b.Put([]byte(nik), key)
}

// assignID gives a record a new id, or with keep checks that a given id is a free UUID.
// It returns the record's key.
func (w *writer) assignID(id *string, keep bool, b *bolt.Bucket) ([]byte, error) {
	if !keep || *id == "" {
		key, text, err := newID()
		*id = text
		return key, err
	}
	key, ok := idKey(*id)
	if !ok {
		return nil, fmt.Errorf("id %q is not a UUID: %w", *id, ErrInvalid)
	}
	*id = idText(key)
	if b.Get(key) != nil {
		return nil, fmt.Errorf("id %s is taken: %w", *id, ErrInvalid)
	}
	return key, nil
}

// isDigits reports whether s is exactly n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validMonthDay reports whether s is a real "MM-DD" date (29 February allowed).
func validMonthDay(s string) bool {
	t, err := time.Parse("2006-01-02", "2000-"+s)
	return err == nil && t.Format("01-02") == s
}
