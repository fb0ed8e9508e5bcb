package store

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mustDraft starts a draft of ksp-2016 v1 for the cooperative and year.
func mustDraft(t *testing.T, s *Store, coopID string, year int) Assessment {
	t.Helper()
	a, err := s.CreateAssessment(Assessment{CoopID: coopID, Instrument: "ksp-2016",
		Version: 1, FiscalYear: year})
	if err != nil {
		t.Fatalf("CreateAssessment: %v", err)
	}
	return a
}

// result is a complete scoring result with the given total and predicate.
func result(total, predicate string) Result {
	return Result{Complete: true, Total: total, Predicate: predicate,
		Aspects: []AspectScore{{ID: "permodalan", Skor: "9.00", Max: "15"}},
		Output:  json.RawMessage(`{"total":` + total + `}`)}
}

func ptr[T any](v T) *T { return &v }

func TestStore_AssessmentEditing(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2024)

	steps := []func() (Assessment, error){
		func() (Assessment, error) { return s.SetFigure(a.ID, "kas", "150000000") },
		func() (Assessment, error) { return s.SetFigure(a.ID, "bank", "350000000.50") },
		func() (Assessment, error) { return s.SetFigure(a.ID, "kas", "") },
		func() (Assessment, error) { return s.SetAnswer(a.ID, "mu01", ptr(true)) },
		func() (Assessment, error) { return s.SetAnswer(a.ID, "mu02", ptr(false)) },
		func() (Assessment, error) { return s.SetAnswer(a.ID, "mu01", nil) },
		func() (Assessment, error) { return s.SetItemNote(a.ID, "bank", "rekening koran") },
		func() (Assessment, error) {
			return s.SetOptions(a.ID, map[string]string{"ms_pdb": "linear"})
		},
	}
	for i, step := range steps {
		if _, err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}

	got, err := s.Assessment(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := content{
		Figures:   map[string]string{"bank": "350000000.50"},
		Answers:   map[string]bool{"mu02": false},
		Options:   map[string]string{"ms_pdb": "linear"},
		ItemNotes: map[string]string{"bank": "rekening koran"},
	}
	if diff := cmp.Diff(want, contentOf(got)); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}

	// One audit event per change, saying what changed.
	events, err := s.AuditOf(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1+len(steps) {
		t.Fatalf("%d audit events, want %d", len(events), 1+len(steps))
	}
	wantChanges := []string{
		`{"figures.kas":[null,"150000000"]}`,
		`{"figures.bank":[null,"350000000.50"]}`,
		`{"figures.kas":["150000000",null]}`,
		`{"answers.mu01":[null,true]}`,
		`{"answers.mu02":[null,false]}`,
		`{"answers.mu01":[true,null]}`,
		`{"item_notes.bank":[null,"rekening koran"]}`,
		`{"options.ms_pdb":[null,"linear"]}`,
	}
	for i, w := range wantChanges {
		if got := string(events[i+1].Change); got != w {
			t.Errorf("event %d change = %s, want %s", i+1, got, w)
		}
	}

	// Setting what is already there writes nothing.
	if _, err := s.SetFigure(a.ID, "bank", "350000000.50"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.AuditOf(a.ID); len(again) != len(events) {
		t.Errorf("a no-op edit wrote an audit event: %d events, want %d", len(again),
			len(events))
	}

	// Bad figures are refused and leave the draft as it was.
	for _, v := range []string{"1.234.567,50", "1e6", "12.345", "abc", "."} {
		if _, err := s.SetFigure(a.ID, "kas", v); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetFigure(%q): err = %v, want ErrInvalid", v, err)
		}
	}
}

func TestStore_FinalizeAndAmend(t *testing.T) {
	s := mustOpen(t)
	coach, _ := s.PutCoach(Coach{Name: "Siti"})
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2024)
	if _, err := s.SetFigure(a.ID, "kas", "100"); err != nil {
		t.Fatal(err)
	}

	// An incomplete result cannot be finalized.
	incomplete := result("40.00", "")
	incomplete.Complete = false
	if _, err := s.FinalizeAssessment(a.ID, Finalization{Result: incomplete}); !errors.Is(err,
		ErrIncomplete) {
		t.Errorf("incomplete: err = %v, want ErrIncomplete", err)
	}

	// Finalize: stamped, locked, shown in the list.
	fin, err := s.FinalizeAssessment(a.ID, Finalization{CoachID: coach.ID, Version: 1,
		Result: result("81.25", "sehat")})
	if err != nil {
		t.Fatal(err)
	}
	if fin.Status != StatusFinal || fin.FinalizedBy != "tester" ||
		!fin.FinalizedAt.Equal(fixedNow) || fin.CoachID != coach.ID || fin.Result.Total != "81.25" {
		t.Errorf("finalized = %+v", fin)
	}
	if _, err := s.SetFigure(a.ID, "kas", "1"); !errors.Is(err, ErrFinal) {
		t.Errorf("edit after finalize: err = %v, want ErrFinal", err)
	}
	if err := s.DeleteDraft(a.ID); !errors.Is(err, ErrFinal) {
		t.Errorf("delete final: err = %v, want ErrFinal", err)
	}
	wantHead := &AssessmentHead{ID: a.ID, Instrument: "ksp-2016", Version: 1,
		FiscalYear: 2024, Status: StatusFinal, Total: "81.25", Predicate: "sehat"}
	checkSummary(t, s, c.ID, wantHead, false)

	// A second final or draft for the year is refused; amending is the way.
	if _, err := s.CreateAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
		Version: 1, FiscalYear: 2024}); !errors.Is(err, ErrDuplicateFinal) {
		t.Errorf("second assessment for 2024: err = %v, want ErrDuplicateFinal", err)
	}
	if _, err := s.AmendAssessment(a.ID, " "); !errors.Is(err, ErrInvalid) {
		t.Errorf("amend without reason: err = %v, want ErrInvalid", err)
	}
	rev, err := s.AmendAssessment(a.ID, "kas salah ketik")
	if err != nil {
		t.Fatal(err)
	}
	if rev.Status != StatusDraft || rev.Replaces != a.ID || rev.Figures["kas"] != "100" {
		t.Errorf("revision = %+v", rev)
	}
	if _, err := s.AmendAssessment(a.ID, "again"); !errors.Is(err, ErrDuplicateDraft) {
		t.Errorf("second amendment: err = %v, want ErrDuplicateDraft", err)
	}
	checkSummary(t, s, c.ID, wantHead, true) // the old final still counts

	// Finalizing the revision supersedes the old one in the same transaction.
	if _, err := s.SetFigure(rev.ID, "kas", "1000"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinalizeAssessment(rev.ID, Finalization{Result: result("85.00",
		"sehat")}); err != nil {
		t.Fatal(err)
	}
	old, _ := s.Assessment(a.ID)
	if old.Status != StatusAmended || old.AmendedBy != rev.ID {
		t.Errorf("old revision: status %s, amended by %q", old.Status, old.AmendedBy)
	}
	if _, err := s.AmendAssessment(a.ID, "x"); !errors.Is(err, ErrNotFinal) {
		t.Errorf("amend an amended one: err = %v, want ErrNotFinal", err)
	}
	checkSummary(t, s, c.ID, &AssessmentHead{ID: rev.ID, Instrument: "ksp-2016", Version: 1,
		FiscalYear: 2024, Status: StatusFinal, Total: "85.00", Predicate: "sehat"}, false)

	events, _ := s.AuditOf(a.ID)
	if last := events[len(events)-1]; last.Action != ActionAmended {
		t.Errorf("old revision's last event = %s, want %s", last.Action, ActionAmended)
	}
}

func TestStore_AssessmentsOfOrder(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	for _, y := range []int{2022, 2024, 2023} {
		a := mustDraft(t, s, c.ID, y)
		if _, err := s.FinalizeAssessment(a.ID, Finalization{Result: result("70.00",
			"cukup_sehat")}); err != nil {
			t.Fatal(err)
		}
	}
	draft := mustDraft(t, s, c.ID, 2025)
	if _, err := s.CreateAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
		Version: 1, FiscalYear: 2025}); !errors.Is(err, ErrDuplicateDraft) {
		t.Errorf("second draft: err = %v, want ErrDuplicateDraft", err)
	}
	all, err := s.AssessmentsOf(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	heads, err := s.AssessmentHeadsOf(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var years, headYears []int
	for i := range all {
		years = append(years, all[i].FiscalYear)
		headYears = append(headYears, heads[i].FiscalYear)
	}
	if diff := cmp.Diff([]int{2025, 2024, 2023, 2022}, years); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(years, headYears); diff != "" {
		t.Errorf("head years differ (-assessments +heads):\n%s", diff)
	}
	sum, _ := s.CooperativeSummary(c.ID)
	if sum.Latest == nil || sum.Latest.FiscalYear != 2024 || !sum.HasDraft {
		t.Errorf("summary latest = %+v, has draft %v", sum.Latest, sum.HasDraft)
	}

	if err := s.DeleteDraft(draft.ID); err != nil {
		t.Fatal(err)
	}
	checkSummary(t, s, c.ID, sum.Latest, false)
	if _, err := s.Assessment(draft.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted draft: err = %v, want ErrNotFound", err)
	}
}

// checkSummary compares a cooperative's list row with the expected history part.
func checkSummary(t *testing.T, s *Store, coopID string, latest *AssessmentHead, draft bool) {
	t.Helper()
	sum, err := s.CooperativeSummary(coopID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(latest, sum.Latest); diff != "" {
		t.Errorf("Latest (-want +got):\n%s", diff)
	}
	if sum.HasDraft != draft {
		t.Errorf("HasDraft = %v, want %v", sum.HasDraft, draft)
	}
}

func TestStore_FailedWriteLeavesNothing(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "3573010000000001")
	a := mustDraft(t, s, c.ID, 2024)
	boom := errors.New("injected failure")
	testHookBeforeAudit = func(string, string) error { return boom }
	t.Cleanup(func() { testHookBeforeAudit = nil })

	// Each write fails between its record put and its audit put.
	if _, err := s.CreateCooperative(Cooperative{Name: "KSP B",
		NIK: "3573010000000002"}); !errors.Is(err, boom) {
		t.Fatalf("create: err = %v, want the injected failure", err)
	}
	c2 := c
	c2.Name = "KSP A Baru"
	if _, err := s.UpdateCooperative(c2); !errors.Is(err, boom) {
		t.Fatalf("update: err = %v", err)
	}
	if _, err := s.SetFigure(a.ID, "kas", "5"); !errors.Is(err, boom) {
		t.Fatalf("set figure: err = %v", err)
	}
	if _, err := s.FinalizeAssessment(a.ID, Finalization{Result: result("90.00",
		"sehat")}); !errors.Is(err, boom) {
		t.Fatalf("finalize: err = %v", err)
	}
	testHookBeforeAudit = nil

	// Nothing of them is left: not the records, not the indexes, not the audit.
	sums, _ := s.CooperativeSummaries()
	if len(sums) != 1 || sums[0].Name != "KSP A" || sums[0].Latest != nil {
		t.Errorf("summaries = %+v, want only the untouched KSP A", sums)
	}
	if _, err := s.CooperativeByNIK("3573010000000002"); !errors.Is(err, ErrNotFound) {
		t.Errorf("NIK index kept the failed create: %v", err)
	}
	got, _ := s.Assessment(a.ID)
	if got.Status != StatusDraft || got.Figures != nil {
		t.Errorf("assessment = %+v, want the untouched draft", got)
	}
	for _, id := range []string{c.ID, a.ID} {
		events, _ := s.AuditOf(id)
		if len(events) != 1 {
			t.Errorf("%s has %d audit events, want only its create", id, len(events))
		}
	}
}

func TestStore_Bulk(t *testing.T) {
	s := mustOpen(t)
	var ids []string
	err := s.Bulk(func(b *Bulk) error {
		coach, err := b.AddCoach(Coach{Name: "Wati"})
		if err != nil {
			return err
		}
		for i := range 50 {
			c, err := b.AddCooperative(Cooperative{Name: "KSP " + string(rune('A'+i%26)),
				CoachID: coach.ID, Active: true})
			if err != nil {
				return err
			}
			ids = append(ids, c.ID)
			old, err := b.AddAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
				Version: 1, FiscalYear: 2023, Status: StatusAmended,
				Result: ptr(result("60.00", "cukup_sehat"))})
			if err != nil {
				return err
			}
			if _, err := b.AddAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
				Version: 1, FiscalYear: 2023, Status: StatusFinal, Replaces: old.ID,
				Result: ptr(result("62.00", "cukup_sehat"))}); err != nil {
				return err
			}
			if _, err := b.AddVisit(Visit{CoopID: c.ID, Date: fixedNow}); err != nil {
				return err
			}
		}
		return b.SetSetting("city", "Malang")
	})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 50 {
		t.Fatalf("%d summaries, want 50", len(sums))
	}
	for _, sum := range sums {
		if sum.CoachName != "Wati" || sum.Latest == nil || sum.Latest.Total != "62.00" ||
			!sum.LastVisit.Equal(fixedNow) {
			t.Errorf("summary = %+v", sum)
			break
		}
	}
	events, _ := s.AuditOf(ids[0])
	if len(events) != 1 {
		t.Errorf("bulk cooperative has %d audit events, want 1", len(events))
	}

	// A failing bulk call writes nothing.
	err = s.Bulk(func(b *Bulk) error {
		if _, err := b.AddCooperative(Cooperative{Name: "KSP Z"}); err != nil {
			return err
		}
		_, err := b.AddCooperative(Cooperative{Name: ""})
		return err
	})
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("bulk with a bad record: err = %v, want ErrInvalid", err)
	}
	if sums, _ := s.CooperativeSummaries(); len(sums) != 50 {
		t.Errorf("%d summaries after a failed bulk, want 50", len(sums))
	}
}
