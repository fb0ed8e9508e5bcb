package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// FinalHeads returns, for every cooperative with a final assessment, the heads of its
// final assessments (amended revisions left out), oldest fiscal year first: what the city
// view compares year on year. It reads only the assessments_by_coop index.
func (s *Store) FinalHeads() (map[string][]AssessmentHead, error) {
	out := map[string][]AssessmentHead{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAssessByCoop).ForEach(func(k, v []byte) error {
			if len(k) < idLen {
				return fmt.Errorf("assessment index key %x: %w", k, ErrDamaged)
			}
			var rec headRecord
			if err := decodeJSON(v, &rec); err != nil {
				return err
			}
			if rec.Status == StatusFinal {
				id := idText(k[:idLen])
				out[id] = append(out[id], rec.AssessmentHead)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("final assessments: %w", err)
	}
	return out, nil
}
