package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// mustTreatment adds a planned item owned by the coach to coop.
func mustTreatment(t *testing.T, s *Store, coopID, title string) Treatment {
	t.Helper()
	tr, err := s.AddTreatment(Treatment{CoopID: coopID, Title: title, Owner: "coach",
		Type: "latih", TreatmentID: "latih.analisis_kredit_5c", ConditionID: "x",
		Due: time.Date(2026, 7, 1, 15, 4, 0, 0, time.FixedZone("WIB", 7*3600))})
	if err != nil {
		t.Fatalf("AddTreatment: %v", err)
	}
	return tr
}

func TestStore_TreatmentRoundTrip(t *testing.T) {
	s := mustOpen(t)
	a := mustCoop(t, s, "KSP Satu", "")
	b := mustCoop(t, s, "KSP Dua", "")
	t1 := mustTreatment(t, s, a.ID, "  Analisis kredit  ")
	mustTreatment(t, s, b.ID, "Lain")
	t2 := mustTreatment(t, s, a.ID, "Kedua")

	if t1.Status != TreatmentPlanned || t1.Title != "Analisis kredit" {
		t.Errorf("added = %+v, want planned with a trimmed title", t1)
	}
	if want := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC); !t1.Due.Equal(want) {
		t.Errorf("due = %v, want the day %v", t1.Due, want)
	}
	got, err := s.TreatmentsOf(a.ID)
	if err != nil || len(got) != 2 || got[0].ID != t1.ID || got[1].ID != t2.ID {
		t.Fatalf("TreatmentsOf = %v, %v; want t1, t2", got, err)
	}
	all, err := s.Treatments()
	if err != nil || len(all) != 3 {
		t.Fatalf("Treatments = %d items, %v; want 3", len(all), err)
	}
	one, err := s.Treatment(t2.ID)
	if err != nil || one.Title != "Kedua" {
		t.Errorf("Treatment = %+v, %v", one, err)
	}
	if _, err := s.Treatment("0190d7a8-0000-7000-8000-000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: err = %v, want ErrNotFound", err)
	}
}

func TestStore_AddTreatmentRefusesBadFields(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP Satu", "")
	tests := []struct {
		name  string
		tr    Treatment
		field string
		want  error
	}{
		{"no title", Treatment{CoopID: c.ID, Owner: "coach"}, "title", ErrInvalid},
		{"bad owner", Treatment{CoopID: c.ID, Title: "x", Owner: "mayor"}, "owner", ErrInvalid},
		{"bad status", Treatment{CoopID: c.ID, Title: "x", Owner: "board", Status: "maybe"},
			"status", ErrInvalid},
		{"no coop", Treatment{CoopID: "nope", Title: "x", Owner: "board"}, "cooperative",
			ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.AddTreatment(tt.tr)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.field) {
				t.Errorf("err = %v, want %v naming %s", err, tt.want, tt.field)
			}
		})
	}
	if all, _ := s.Treatments(); len(all) != 0 {
		t.Errorf("%d items stored by refused adds", len(all))
	}
}

func TestStore_UpdateTreatmentAudits(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP Satu", "")
	tr := mustTreatment(t, s, c.ID, "Analisis kredit")
	tr.Status, tr.Owner, tr.Notes = TreatmentInProgress, "manager", "mulai"
	tr.CoopID = "ignored"
	up, err := s.UpdateTreatment(tr)
	if err != nil {
		t.Fatal(err)
	}
	if up.CoopID != c.ID || up.Status != TreatmentInProgress || up.Owner != "manager" {
		t.Errorf("updated = %+v", up)
	}
	if _, err := s.UpdateTreatment(up); err != nil { // unchanged: no event
		t.Fatal(err)
	}
	evs, err := s.AuditOf(tr.ID)
	if err != nil || len(evs) != 2 {
		t.Fatalf("audit = %d events, %v; want create and one update", len(evs), err)
	}
	var change map[string][2]json.RawMessage
	if err := json.Unmarshal(evs[1].Change, &change); err != nil {
		t.Fatal(err)
	}
	if got := string(change["status"][1]); got != `"in_progress"` {
		t.Errorf("status change = %s, want in_progress", got)
	}
	if _, ok := change["title"]; ok || evs[1].Kind != KindTreatment || evs[1].Actor != "tester" {
		t.Errorf("event = %+v, change %v", evs[1], change)
	}
	tr.Status = "gone"
	if _, err := s.UpdateTreatment(tr); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad status: err = %v, want ErrInvalid", err)
	}
}

func TestStore_RecordVisitReviewsInOneTransaction(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP Satu", "")
	other := mustCoop(t, s, "KSP Dua", "")
	t1 := mustTreatment(t, s, c.ID, "Satu")
	t2 := mustTreatment(t, s, c.ID, "Dua")
	foreign := mustTreatment(t, s, other.ID, "Lain")
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

	// A review of another cooperative's item refuses the whole visit.
	_, err := s.RecordVisit(Visit{CoopID: c.ID, Date: day, Reviewed: []TreatmentReview{
		{TreatmentID: t1.ID, Status: TreatmentDone},
		{TreatmentID: foreign.ID, Status: TreatmentDone},
	}})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if got, _ := s.Treatment(t1.ID); got.Status != TreatmentPlanned {
		t.Errorf("t1 = %s after a refused visit, want planned", got.Status)
	}
	if vs, _ := s.VisitsOf(c.ID); len(vs) != 0 {
		t.Errorf("%d visits after a refused visit", len(vs))
	}

	v, err := s.RecordVisit(Visit{CoopID: c.ID, Date: day, Purpose: "tindak lanjut",
		Reviewed: []TreatmentReview{
			{TreatmentID: t1.ID, Status: TreatmentDone, Note: "selesai"},
			{TreatmentID: t2.ID, Note: "belum mulai"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	got1, _ := s.Treatment(t1.ID)
	got2, _ := s.Treatment(t2.ID)
	if got1.Status != TreatmentDone || got1.Notes != "2026-03-02: selesai" {
		t.Errorf("t1 = %s %q", got1.Status, got1.Notes)
	}
	if got2.Status != TreatmentPlanned || got2.Notes != "2026-03-02: belum mulai" {
		t.Errorf("t2 = %s %q", got2.Status, got2.Notes)
	}
	vs, err := s.VisitsOf(c.ID)
	if err != nil || len(vs) != 1 || len(vs[0].Reviewed) != 2 || vs[0].ID != v.ID {
		t.Fatalf("visits = %+v, %v", vs, err)
	}
	if evs, _ := s.AuditOf(t1.ID); len(evs) != 2 {
		t.Errorf("t1 audit = %d events, want 2", len(evs))
	}
	if problems, err := s.Check(nil); err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v", problems, err)
	}
}

func TestStore_CheckFindsStrayTreatmentIndex(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP Satu", "")
	tr := mustTreatment(t, s, c.ID, "Satu")
	err := s.db.Update(func(tx *bolt.Tx) error {
		coop, _ := idKey(c.ID)
		key, _ := idKey(tr.ID)
		return tx.Bucket(bucketTreatmentsByCoop).Delete(append(coop, key...))
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(nil)
	if err != nil || len(problems) != 1 || problems[0].Bucket != "treatments_by_coop" {
		t.Errorf("Check = %v, %v; want the missing index entry", problems, err)
	}
}

// TestMigrate_AddTreatments opens a schema-2 file (no treatment buckets) and finds the
// buckets made and plans usable.
func TestMigrate_AddTreatments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s := mustOpenPath(t, path)
	c := mustCoop(t, s, "KSP Lama", "")
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketTreatments, bucketTreatmentsByCoop} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return writeVersion(tx, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = mustOpenPath(t, path)
	mustTreatment(t, s, c.ID, "Baru")
	if problems, err := s.Check(nil); err != nil || len(problems) != 0 {
		t.Errorf("Check after migration = %v, %v", problems, err)
	}
	if backups, _ := filepath.Glob(path + ".schema2-*.bak"); len(backups) != 1 {
		t.Errorf("backups = %v, want one of schema 2", backups)
	}
}

func TestStore_FinalHeads(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP Satu", "")
	for _, y := range []int{2024, 2025} {
		a := mustDraft(t, s, c.ID, y)
		if _, err := s.FinalizeAssessment(a.ID, Finalization{Version: 1,
			Result: result("70.00", "cukup_sehat")}); err != nil {
			t.Fatal(err)
		}
	}
	mustDraft(t, s, c.ID, 2026)
	heads, err := s.FinalHeads()
	if err != nil {
		t.Fatal(err)
	}
	got := heads[c.ID]
	if len(got) != 2 || got[0].FiscalYear != 2024 || got[1].FiscalYear != 2025 {
		t.Errorf("heads = %+v, want the finals of 2024 and 2025", got)
	}
}
