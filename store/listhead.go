package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The list's head: what the cooperative list's first screen needs, readable without
// walking every list row. A country's 130,000 rows take about half a second to read and
// sort; the first screen needs only the first rows in name order and the counts above
// them (issue #8). Both are kept up to date by putSummary, in the transaction that
// changes the row.

// keyListCounts is the meta key of the list's counts (listCounts as JSON).
var keyListCounts = []byte("list_counts")

// ListHead is the first screen of the cooperative list.
type ListHead struct {
	// Total counts every cooperative, active or not.
	Total int
	// Active counts the active cooperatives.
	Active int
	// ActiveByPredicate counts the active cooperatives by the predicate id of their newest
	// final assessment; "" counts those without one.
	ActiveByPredicate map[string]int
	// First holds the first rows in name order: by NameKey, then by id.
	First []CoopSummary
}

// listCounts is the stored form of the head's counts.
type listCounts struct {
	V          int            `json:"v"`
	Total      int            `json:"total"`
	Active     int            `json:"active"`
	Predicates map[string]int `json:"predicates"`
}

// NameKey is the form in which names sort in the list: lowercased. The list screen sorts
// by it, then by id, which is the order of ListHead.First.
func NameKey(name string) string { return strings.ToLower(name) }

// nameIndexKey is a cooperative's key in coops_by_name: NameKey(name), a zero byte, and
// the 16-byte id. The zero byte sorts a name before every longer name it begins.
func nameIndexKey(name string, id []byte) []byte {
	k := make([]byte, 0, len(name)+1+idLen)
	k = append(k, NameKey(name)...)
	k = append(k, 0)
	return append(k, id...)
}

// ListHead returns the list's counts and its first n rows in name order.
func (s *Store) ListHead(n int) (ListHead, error) {
	var head ListHead
	err := s.view(func(tx *bolt.Tx) error {
		counts, err := readListCounts(tx)
		if err != nil {
			return err
		}
		head.Total, head.Active = counts.Total, counts.Active
		head.ActiveByPredicate = counts.Predicates
		names, err := coachNames(tx)
		if err != nil {
			return err
		}
		sums := tx.Bucket(bucketCoopSummary)
		c := tx.Bucket(bucketCoopsByName).Cursor()
		for k, _ := c.First(); k != nil && len(head.First) < n; k, _ = c.Next() {
			if len(k) < idLen+1 {
				return fmt.Errorf("coops_by_name key %x: %w", k, ErrDamaged)
			}
			id := k[len(k)-idLen:]
			v := sums.Get(id)
			if v == nil {
				return fmt.Errorf("coops_by_name names %s, which has no list row: %w",
					idText(id), ErrDamaged)
			}
			var sum CoopSummary
			if err := decodeSummary(v, &sum); err != nil {
				return fmt.Errorf("summary of %s: %w", idText(id), err)
			}
			sum.CoachName = names[sum.CoachID]
			head.First = append(head.First, sum)
		}
		return nil
	})
	if err != nil {
		return ListHead{}, fmt.Errorf("list head: %w", err)
	}
	return head, nil
}

// readListCounts reads the stored counts; a file without them has none yet.
func readListCounts(tx *bolt.Tx) (listCounts, error) {
	counts := listCounts{V: valueVersion, Predicates: map[string]int{}}
	v := tx.Bucket(bucketMeta).Get(keyListCounts)
	if v == nil {
		return counts, nil
	}
	if err := json.Unmarshal(v, &counts); err != nil {
		return counts, fmt.Errorf("list counts: %w: %w", ErrDamaged, err)
	}
	if counts.Predicates == nil {
		counts.Predicates = map[string]int{}
	}
	return counts, nil
}

// writeListCounts stores the counts.
func writeListCounts(tx *bolt.Tx, counts listCounts) error {
	counts.V = valueVersion
	data, err := json.Marshal(counts)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyListCounts, data)
}

// add counts one row in (sign 1) or out (sign -1).
func (lc *listCounts) add(sum *CoopSummary, sign int) {
	lc.Total += sign
	if !sum.Active {
		return
	}
	lc.Active += sign
	pred := headPredicate(sum)
	lc.Predicates[pred] += sign
	if lc.Predicates[pred] == 0 {
		delete(lc.Predicates, pred)
	}
}

// headPredicate is the predicate id a row counts under: its newest final's, or "".
func headPredicate(sum *CoopSummary) string {
	if sum.Latest == nil {
		return ""
	}
	return sum.Latest.Predicate
}

// updateListHead moves a cooperative's row from old (nil for a new cooperative) to sum in
// the name index and the counts. It does nothing in a file whose schema predates them:
// the migration to schema 4 builds both from the rows.
func updateListHead(tx *bolt.Tx, key []byte, old, sum *CoopSummary) error {
	index := tx.Bucket(bucketCoopsByName)
	if index == nil {
		return nil
	}
	if old != nil && old.Name != sum.Name {
		if err := index.Delete(nameIndexKey(old.Name, key)); err != nil {
			return err
		}
	}
	if old == nil || old.Name != sum.Name {
		if err := index.Put(nameIndexKey(sum.Name, key), nil); err != nil {
			return err
		}
	}
	if old != nil && old.Active == sum.Active && headPredicate(old) == headPredicate(sum) {
		return nil
	}
	counts, err := readListCounts(tx)
	if err != nil {
		return err
	}
	if old != nil {
		counts.add(old, -1)
	}
	counts.add(sum, 1)
	return writeListCounts(tx, counts)
}

// migrateListHead (3 → 4) builds the name index and the counts from the list rows.
func migrateListHead(tx *bolt.Tx) error {
	if tx.Bucket(bucketCoopsByName) != nil {
		if err := tx.DeleteBucket(bucketCoopsByName); err != nil {
			return err
		}
	}
	index, err := tx.CreateBucket(bucketCoopsByName)
	if err != nil {
		return err
	}
	counts, err := recountList(tx, func(k []byte, sum *CoopSummary) error {
		return index.Put(nameIndexKey(sum.Name, k), nil)
	})
	if err != nil {
		return err
	}
	return writeListCounts(tx, counts)
}

// recountList counts every list row, calling each with its key and row.
func recountList(tx *bolt.Tx, each func(k []byte, sum *CoopSummary) error) (listCounts, error) {
	counts := listCounts{Predicates: map[string]int{}}
	sums := tx.Bucket(bucketCoopSummary)
	if sums == nil {
		return counts, nil
	}
	err := sums.ForEach(func(k, v []byte) error {
		var sum CoopSummary
		if err := decodeSummary(v, &sum); err != nil {
			return fmt.Errorf("summary of %s: %w", idText(k), err)
		}
		counts.add(&sum, 1)
		return each(k, &sum)
	})
	return counts, err
}

// checkListHead compares the name index and the counts with the list rows.
func (c *checker) checkListHead() {
	index := c.tx.Bucket(bucketCoopsByName)
	if index == nil {
		return // reported as a missing bucket
	}
	want := map[string]bool{}
	counts, err := recountList(c.tx, func(k []byte, sum *CoopSummary) error {
		ik := nameIndexKey(sum.Name, k)
		want[string(ik)] = true
		if !bucketHasKey(index, ik) {
			c.add("coops_by_name", idText(k), "cooperative %q is not in the name index",
				sum.Name)
		}
		return nil
	})
	if err != nil {
		return // unreadable rows are reported by checkSummaries
	}
	_ = index.ForEach(func(k, _ []byte) error {
		if !want[string(k)] {
			c.add("coops_by_name", fmt.Sprintf("%x", k), "names no cooperative by that name")
		}
		return nil
	})
	stored, err := readListCounts(c.tx)
	switch {
	case err != nil:
		c.add("meta", string(keyListCounts), "%v", err)
	case stored.Total != counts.Total || stored.Active != counts.Active ||
		!maps.Equal(stored.Predicates, counts.Predicates):
		c.add("meta", string(keyListCounts), "stored counts %d total, %d active, %v; "+
			"the list rows give %d, %d, %v", stored.Total, stored.Active, stored.Predicates,
			counts.Total, counts.Active, counts.Predicates)
	}
}

// bucketHasKey reports whether b holds key k (with any value, empty included): Get
// returns nil for an empty value as for a missing key.
func bucketHasKey(b *bolt.Bucket, k []byte) bool {
	got, _ := b.Cursor().Seek(k)
	return bytes.Equal(got, k)
}
