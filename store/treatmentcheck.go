package store

import (
	"fmt"
	"slices"
)

// checkTreatments checks plan items and their index: every item belongs to a stored
// cooperative, has a known status and owner, and is indexed under its cooperative; every
// index entry points at an item of that cooperative.
func (c *checker) checkTreatments() {
	all := c.tx.Bucket(bucketTreatments)
	index := c.tx.Bucket(bucketTreatmentsByCoop)
	_ = all.ForEach(func(k, v []byte) error {
		var rec treatmentRecord
		if err := decodeJSON(v, &rec); err != nil || len(k) != idLen {
			c.add("treatments", fmt.Sprintf("%x", k), "unreadable record: %v", err)
			return nil
		}
		t := rec.Treatment
		coop, ok := idKey(t.CoopID)
		if _, found := c.coops[string(coop)]; !ok || !found {
			c.add("treatments", idText(k), "cooperative %s does not exist", t.CoopID)
			return nil
		}
		if err := checkTreatment(t); err != nil {
			c.add("treatments", idText(k), "%v", err)
		}
		if index.Get(append(slices.Clip(coop), k...)) == nil {
			c.add("treatments_by_coop", idText(k), "treatment is not indexed")
		}
		return nil
	})
	_ = index.ForEach(func(k, _ []byte) error {
		if len(k) != 2*idLen {
			c.add("treatments_by_coop", fmt.Sprintf("%x", k), "malformed key")
			return nil
		}
		var rec treatmentRecord
		found, err := getJSON(all, k[idLen:], &rec)
		switch {
		case err != nil || !found:
			c.add("treatments_by_coop", idText(k[idLen:]), "points at a missing treatment")
		case rec.CoopID != idText(k[:idLen]):
			c.add("treatments_by_coop", rec.ID, "indexed under cooperative %s, belongs to %s",
				idText(k[:idLen]), rec.CoopID)
		}
		return nil
	})
}
