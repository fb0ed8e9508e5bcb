package store

import (
	"cmp"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// wantHead computes the list head from every row, as the list screen does once all are
// loaded: counts over the rows, first n by lowercased name, then id.
func wantHead(t *testing.T, s *Store, n int) ListHead {
	t.Helper()
	sums, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	head := ListHead{Total: len(sums), ActiveByPredicate: map[string]int{}}
	for i := range sums {
		if sums[i].Active {
			head.Active++
			head.ActiveByPredicate[headPredicate(&sums[i])]++
		}
	}
	slices.SortStableFunc(sums, func(a, b CoopSummary) int {
		return cmp.Or(strings.Compare(NameKey(a.Name), NameKey(b.Name)),
			strings.Compare(mustKey(t, a.ID), mustKey(t, b.ID)))
	})
	head.First = sums[:min(n, len(sums))]
	return head
}

func mustKey(t *testing.T, id string) string {
	k, ok := idKey(id)
	if !ok {
		t.Fatalf("bad id %q", id)
	}
	return string(k)
}

// assertHead compares ListHead(n) with the head computed from every row.
func assertHead(t *testing.T, s *Store, n int) {
	t.Helper()
	got, err := s.ListHead(n)
	if err != nil {
		t.Fatal(err)
	}
	want := wantHead(t, s, n)
	if got.Total != want.Total || got.Active != want.Active ||
		!maps.Equal(got.ActiveByPredicate, want.ActiveByPredicate) {
		t.Errorf("counts = %d, %d, %v; want %d, %d, %v", got.Total, got.Active,
			got.ActiveByPredicate, want.Total, want.Active, want.ActiveByPredicate)
	}
	var gotNames, wantNames []string
	for _, r := range got.First {
		gotNames = append(gotNames, r.Name+" "+r.ID)
	}
	for _, r := range want.First {
		wantNames = append(wantNames, r.Name+" "+r.ID)
	}
	if !slices.Equal(gotNames, wantNames) {
		t.Errorf("first rows:\n got %q\nwant %q", gotNames, wantNames)
	}
	if problems, err := s.Check(nil); err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v", problems, err)
	}
}

// The list head follows every change that moves a row: a new cooperative, a rename, a
// deactivation, a finalized assessment and its amendment.
func TestListHead_FollowsChanges(t *testing.T) {
	s := mustOpen(t)
	assertHead(t, s, 5)
	names := []string{"KSP Mawar", "ksp mawar", "KSP Mawar Indah", "Koperasi Anggrek",
		"KSU Bakung", "kpri Cempaka", "KSP Mawar", "Ördek Koperasi", "KSP Dahlia"}
	var ids []string
	for _, n := range names {
		c, err := s.CreateCooperative(Cooperative{Name: n, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	assertHead(t, s, 5)
	assertHead(t, s, 100)

	c, err := s.Cooperative(ids[4])
	if err != nil {
		t.Fatal(err)
	}
	c.Name = "Aaa Bakung"
	if _, err := s.UpdateCooperative(c); err != nil {
		t.Fatal(err)
	}
	assertHead(t, s, 3)

	c, _ = s.Cooperative(ids[3])
	c.Active = false
	if _, err := s.UpdateCooperative(c); err != nil {
		t.Fatal(err)
	}
	assertHead(t, s, 3)

	a := mustDraft(t, s, ids[0], 2025)
	fin, err := s.FinalizeAssessment(a.ID, Finalization{Version: 1,
		Result: result("81.25", "sehat")})
	if err != nil {
		t.Fatal(err)
	}
	assertHead(t, s, 3)
	rev, err := s.AmendAssessment(fin.ID, "salah ketik kas")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinalizeAssessment(rev.ID, Finalization{Version: 1,
		Result: result("55.00", "dalam_pengawasan")}); err != nil {
		t.Fatal(err)
	}
	assertHead(t, s, 3)
	head, _ := s.ListHead(0)
	if head.ActiveByPredicate["dalam_pengawasan"] != 1 || head.ActiveByPredicate["sehat"] != 0 {
		t.Errorf("after the amendment: %v", head.ActiveByPredicate)
	}
}

// A schema-3 file gains the name index and the counts on open.
func TestMigrate_ListHead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s := mustOpenPath(t, path)
	fillCity(t, s, 40)
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketCoopsByName); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Delete(keyListCounts); err != nil {
			return err
		}
		return writeVersion(tx, 3)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = mustOpenPath(t, path)
	assertHead(t, s, 10)
	head, err := s.ListHead(1)
	if err != nil || head.Total != 40 || head.ActiveByPredicate["sehat"] != 40 {
		t.Errorf("head after migration = %+v, %v", head, err)
	}
	if backups, _ := filepath.Glob(path + ".schema3-*.bak"); len(backups) != 1 {
		t.Errorf("backups = %v, want one of schema 3", backups)
	}
}

// Check finds counts that disagree with the rows, a row missing from the name index and
// an index entry of no cooperative.
func TestCheck_ListHead(t *testing.T) {
	s := mustOpen(t)
	fillCity(t, s, 3)
	sums, _ := s.CooperativeSummaries()
	key, _ := idKey(sums[0].ID)
	err := s.db.Update(func(tx *bolt.Tx) error {
		idx := tx.Bucket(bucketCoopsByName)
		if err := idx.Delete(nameIndexKey(sums[0].Name, key)); err != nil {
			return err
		}
		if err := idx.Put(nameIndexKey("KSP Hantu", key), nil); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyListCounts,
			[]byte(`{"v":1,"total":4,"active":3,"predicates":{"sehat":3}}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Bucket+": "+p.String())
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{"is not in the name index", "names no cooperative",
		"stored counts 4 total"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if len(problems) != 3 {
		t.Errorf("%d problems, want 3:\n%s", len(problems), text)
	}
}

// A damaged counts value is an error naming the damage, not a panic.
func TestListHead_DamagedCounts(t *testing.T) {
	s := mustOpen(t)
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyListCounts, []byte("{not json"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ListHead(5); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("err = %v, want damaged", err)
	}
}
