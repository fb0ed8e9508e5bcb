package store

import (
	"fmt"
)

// CooperativeByNIK returns the cooperative with the given NIK as this bulk transaction
// sees it (records written earlier in it included); ok is false when there is none.
func (b *Bulk) CooperativeByNIK(nik string) (c Cooperative, ok bool, err error) {
	if nik == "" {
		return Cooperative{}, false, nil
	}
	key := b.w.tx.Bucket(bucketCoopsByNIK).Get([]byte(nik))
	if key == nil {
		return Cooperative{}, false, nil
	}
	var rec coopRecord
	if err := getByID(b.w.tx.Bucket(bucketCoops), idText(key), &rec); err != nil {
		return Cooperative{}, false, fmt.Errorf("cooperative with NIK %s: %w", nik, err)
	}
	return rec.Cooperative, true, nil
}

// UpdateCooperative replaces a stored cooperative's profile under the rules of
// Store.UpdateCooperative, with its audit event of the changed fields. It reports whether
// anything changed.
func (b *Bulk) UpdateCooperative(c Cooperative) (Cooperative, bool, error) {
	before, err := b.Cooperative(c.ID)
	if err != nil {
		return c, false, err
	}
	after, err := b.w.updateCooperative(c)
	if err != nil {
		return c, false, fmt.Errorf("cooperative %q: %w", c.Name, err)
	}
	change, err := diff(withoutUpdate(before), withoutUpdate(after))
	return after, err == nil && string(change) != "{}", err
}

// withoutUpdate clears the update time, for comparing two profiles.
func withoutUpdate(c Cooperative) Cooperative {
	c.UpdatedAt = zeroTime
	return c
}

// Cooperative returns the cooperative with the given id as this bulk transaction sees it,
// or ErrNotFound.
func (b *Bulk) Cooperative(id string) (Cooperative, error) {
	var rec coopRecord
	if err := getByID(b.w.tx.Bucket(bucketCoops), id, &rec); err != nil {
		return Cooperative{}, fmt.Errorf("cooperative %q: %w", id, err)
	}
	return rec.Cooperative, nil
}
