package store

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Regression test for issue #8: the list rows decoded on several goroutines come back
// complete and in creation order, and a damaged row is reported with its cooperative's id.
func TestCooperativeSummaries_InParallel(t *testing.T) {
	defer func(n int) { summaryChunk = n }(summaryChunk)
	summaryChunk = 7
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))

	s := mustOpen(t)
	fillCity(t, s, 60)
	serial := func() []CoopSummary {
		summaryChunk = 1 << 30
		defer func() { summaryChunk = 7 }()
		sums, err := s.CooperativeSummaries()
		if err != nil {
			t.Fatal(err)
		}
		return sums
	}()
	got, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 60 || len(serial) != 60 {
		t.Fatalf("%d rows in parallel, %d serially, want 60", len(got), len(serial))
	}
	for i := range got {
		if got[i].ID != serial[i].ID || got[i].Name != serial[i].Name ||
			got[i].Latest == nil || got[i].Latest.Total != "81.25" {
			t.Fatalf("row %d: %+v, serially %+v", i, got[i], serial[i])
		}
	}

	// Damage the 50th row: the error names it.
	key, _ := idKey(got[49].ID)
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCoopSummary).Put(key, []byte{summaryFormat, 200})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.CooperativeSummaries()
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), got[49].ID) {
		t.Errorf("err = %v, want ErrDamaged naming %s", err, got[49].ID)
	}
}
