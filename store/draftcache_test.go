package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// The draft cache of issue #8 may only ever skip work: whatever changes the stored draft
// behind it, or whatever a caller does with what an edit returned, the next edit starts
// from what the file holds.

// A value changed in a raw transaction, after the cache took the draft, is the one the
// next edit changes.
func TestDraftCache_ValueChangedBehindItsBack(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2025)
	if _, err := s.SetAnswer(a.ID, "mu01", ptr(true)); err != nil {
		t.Fatal(err)
	}

	// Another writer sets a figure without the store.
	key, _ := idKey(a.ID)
	err := s.db.Update(func(tx *bolt.Tx) error {
		var rec assessmentRecord
		if _, err := getJSON(tx.Bucket(bucketAssessments), key, &rec); err != nil {
			return err
		}
		rec.Figures = map[string]string{"kas": "999.00"}
		return putJSON(tx.Bucket(bucketAssessments), key, rec)
	})
	if err != nil {
		t.Fatal(err)
	}

	got, err := s.SetAnswer(a.ID, "mu02", ptr(false))
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := s.Assessment(a.ID)
	want := content{Figures: map[string]string{"kas": "999.00"},
		Answers: map[string]bool{"mu01": true, "mu02": false}}
	for name, a := range map[string]Assessment{"returned": got, "stored": stored} {
		if diff := cmp.Diff(want, contentOf(a)); diff != "" {
			t.Errorf("%s content (-want +got):\n%s", name, diff)
		}
	}
	events, _ := s.AuditOf(a.ID)
	if last := string(events[len(events)-1].Change); last != `{"answers.mu02":[null,false]}` {
		t.Errorf("last change = %s, want only the answer", last)
	}
}

// A rolled-back edit leaves nothing in the cache that a later edit would build on.
func TestDraftCache_RolledBackEdit(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2025)
	if _, err := s.SetAnswer(a.ID, "mu01", ptr(true)); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("injected failure")
	testHookBeforeAudit = func(string, string) error { return boom }
	t.Cleanup(func() { testHookBeforeAudit = nil })
	if _, err := s.SetAnswer(a.ID, "mu02", ptr(true)); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	testHookBeforeAudit = nil
	if _, err := s.SetAnswer(a.ID, "mu03", ptr(true)); err != nil {
		t.Fatal(err)
	}
	stored, _ := s.Assessment(a.ID)
	if diff := cmp.Diff(map[string]bool{"mu01": true, "mu03": true}, stored.Answers); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
}

// What an edit returns is the caller's to change: the cache keeps its own copy.
func TestDraftCache_CallersChangeTheirCopy(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2025)
	got, err := s.SetFigure(a.ID, "kas", "10")
	if err != nil {
		t.Fatal(err)
	}
	got.Figures["kas"], got.Figures["bank"] = "666", "777"
	same, err := s.SetFigure(a.ID, "kas", "10") // no change: returns the stored draft
	if err != nil {
		t.Fatal(err)
	}
	same.Figures["modal"] = "888"
	if _, err := s.SetAnswer(a.ID, "mu01", ptr(true)); err != nil {
		t.Fatal(err)
	}
	stored, _ := s.Assessment(a.ID)
	if diff := cmp.Diff(map[string]string{"kas": "10"}, stored.Figures); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	events, _ := s.AuditOf(a.ID)
	if n := len(events); n != 3 {
		t.Errorf("%d events, want create, figure and answer", n)
	}
}

// Edits of two drafts at once each build on their own draft (run with -race).
func TestDraftCache_ConcurrentEdits(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	drafts := []Assessment{mustDraft(t, s, c.ID, 2024), mustDraft(t, s, c.ID, 2025)}
	var wg sync.WaitGroup
	errs := make([]error, len(drafts))
	for i, d := range drafts {
		wg.Go(func() {
			for q := range 20 {
				a, err := s.SetAnswer(d.ID, fmt.Sprintf("q%02d", q), ptr(i == 0))
				if err != nil {
					errs[i] = err
					return
				}
				a.Answers["stray"] = true // a caller's change of its own copy
			}
		})
	}
	wg.Wait()
	for i, d := range drafts {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		stored, _ := s.Assessment(d.ID)
		want := map[string]bool{}
		for q := range 20 {
			want[fmt.Sprintf("q%02d", q)] = i == 0
		}
		if diff := cmp.Diff(want, stored.Answers); diff != "" {
			t.Errorf("draft %d answers (-want +got):\n%s", i, diff)
		}
	}
}

// The cache answers only for the exact bytes it was made from.
func TestDraftCache_GetNeedsTheSameBytes(t *testing.T) {
	var c draftCache
	rec := assessmentRecord{V: 1, Assessment: Assessment{ID: "a",
		Answers: map[string]bool{"mu01": true}}}
	raw, _ := json.Marshal(rec)
	c.put([]byte("k"), raw, rec, draftKeys{nil, {"mu01"}})
	rec.Answers["mu01"] = false // put kept its own copy
	if got, keys, ok := c.get([]byte("k"), append([]byte(nil), raw...)); !ok ||
		!got.Answers["mu01"] || len(keys[1]) != 1 {
		t.Errorf("get of the same bytes = %+v, %q, %v; want the cached record", got, keys, ok)
	}
	changed := append([]byte(nil), raw...)
	changed[len(changed)-2] ^= 1
	if _, _, ok := c.get([]byte("k"), changed); ok {
		t.Error("get of other bytes hit")
	}
	if _, _, ok := c.get([]byte("j"), raw); ok {
		t.Error("get of another key hit")
	}
}
