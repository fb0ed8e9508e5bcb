package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixedNow is the clock of every test store.
var fixedNow = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// mustOpen opens a store on a new file in a temp dir and closes it when the test ends.
func mustOpen(t testing.TB) *Store {
	t.Helper()
	return mustOpenPath(t, filepath.Join(t.TempDir(), "koroena.db"))
}

func mustOpenPath(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path, Options{Actor: "tester", Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustCoop stores a cooperative with the given name and NIK.
func mustCoop(t testing.TB, s *Store, name, nik string) Cooperative {
	t.Helper()
	c, err := s.CreateCooperative(Cooperative{Name: name, NIK: nik, Active: true,
		Kecamatan: "Lowokwaru", Kelurahan: "Tlogomas", BusinessType: "ksp"})
	if err != nil {
		t.Fatalf("CreateCooperative: %v", err)
	}
	return c
}

func TestStore_CooperativeRoundTrip(t *testing.T) {
	s := mustOpen(t)
	coach, err := s.PutCoach(Coach{Name: "Siti Aminah", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	in := Cooperative{
		Name: "KSP Sumber Rejeki", NIK: "3573010000000001", LegalNumber: "518/12/BH/2001",
		LegalDate: time.Date(2001, 5, 2, 0, 0, 0, 0, time.UTC), LegalType: "simpan_pinjam",
		BusinessType: "ksp", Address: "Jl. Bunga 3", Kelurahan: "Tlogomas",
		Kecamatan: "Lowokwaru", Phone: "0341-555", Chair: "Budi", Manager: "Ani",
		Members: 240, CoachID: coach.ID, FiscalYearEnd: "12-31",
		LastRAT: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Active: true, Notes: "ok",
	}
	c, err := s.CreateCooperative(in)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.ID, want.CreatedAt, want.UpdatedAt = c.ID, fixedNow, fixedNow
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}

	got, err := s.Cooperative(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	byNIK, err := s.CooperativeByNIK(in.NIK)
	if err != nil || byNIK.ID != c.ID {
		t.Errorf("CooperativeByNIK = %q, %v; want %q", byNIK.ID, err, c.ID)
	}

	sums, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	wantSum := CoopSummary{Cooperative: want, CoachName: "Siti Aminah"}
	wantSum.Notes = ""
	if diff := cmp.Diff([]CoopSummary{wantSum}, sums); diff != "" {
		t.Errorf("summaries (-want +got):\n%s", diff)
	}
}

func TestStore_UpdateCooperative(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSU Maju", "3573010000000002")
	c.Name, c.NIK, c.Members = "KSU Maju Jaya", "3573010000000003", 50
	if _, err := s.UpdateCooperative(c); err != nil {
		t.Fatal(err)
	}

	if _, err := s.CooperativeByNIK("3573010000000002"); !errors.Is(err, ErrNotFound) {
		t.Errorf("old NIK: err = %v, want ErrNotFound", err)
	}
	got, err := s.CooperativeByNIK("3573010000000003")
	if err != nil || got.Name != "KSU Maju Jaya" || got.Members != 50 {
		t.Errorf("new NIK: got %+v, %v", got, err)
	}

	events, err := s.AuditOf(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Action != ActionCreate || events[1].Action != ActionUpdate {
		t.Fatalf("audit = %+v, want create then update", events)
	}
	want := `{"members":[null,50],"name":["KSU Maju","KSU Maju Jaya"],` +
		`"nik":["3573010000000002","3573010000000003"]}`
	if got := string(events[1].Change); got != want {
		t.Errorf("update change = %s\nwant %s", got, want)
	}
	if events[1].Actor != "tester" || !events[1].At.Equal(fixedNow) {
		t.Errorf("event stamped %q at %v", events[1].Actor, events[1].At)
	}
}

func TestStore_CooperativeRules(t *testing.T) {
	s := mustOpen(t)
	mustCoop(t, s, "KSP A", "3573010000000001")
	tests := []struct {
		name string
		c    Cooperative
		want error
	}{
		{"no name", Cooperative{Name: " "}, ErrInvalid},
		{"short NIK", Cooperative{Name: "X", NIK: "123"}, ErrInvalid},
		{"duplicate NIK", Cooperative{Name: "X", NIK: "3573010000000001"}, ErrDuplicateNIK},
		{"unknown business type", Cooperative{Name: "X", BusinessType: "bank"}, ErrInvalid},
		{"unknown legal type", Cooperative{Name: "X", LegalType: "bank"}, ErrInvalid},
		{"bad fiscal-year end", Cooperative{Name: "X", FiscalYearEnd: "13-01"}, ErrInvalid},
		{"unknown coach", Cooperative{Name: "X", CoachID: "0190aaaa-0000-7000-8000-000000000000"},
			ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateCooperative(tt.c)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	sums, _ := s.CooperativeSummaries()
	if len(sums) != 1 {
		t.Errorf("%d cooperatives stored, want 1: a refused write left something", len(sums))
	}
}

func TestStore_NotFound(t *testing.T) {
	s := mustOpen(t)
	for name, err := range map[string]error{
		"cooperative": second(s.Cooperative("0190aaaa-0000-7000-8000-000000000000")),
		"malformed":   second(s.Cooperative("nope")),
		"by NIK":      second(s.CooperativeByNIK("3573010000000009")),
		"coach":       second(s.Coach("nope")),
		"assessment":  second(s.Assessment("nope")),
		"visits":      second(s.VisitsOf("nope")),
		"summary":     second(s.CooperativeSummary("nope")),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

// A cooperative without history has empty lists, not errors.
func TestStore_EmptyHistory(t *testing.T) {
	s := mustOpen(t)
	mustCoop(t, s, "KSP A", "")
	c := mustCoop(t, s, "KSP B", "")
	mustDraft(t, s, mustCoop(t, s, "KSP C", "").ID, 2024)
	as, err := s.AssessmentsOf(c.ID)
	if err != nil || len(as) != 0 {
		t.Errorf("AssessmentsOf = %d, %v; want none", len(as), err)
	}
	vs, err := s.VisitsOf(c.ID)
	if err != nil || len(vs) != 0 {
		t.Errorf("VisitsOf = %d, %v; want none", len(vs), err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestStore_Visits(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	days := []int{3, 20, 7}
	for _, d := range days {
		_, err := s.AddVisit(Visit{CoopID: c.ID, Date: time.Date(2025, 6, d, 10, 0, 0, 0,
			time.UTC), Purpose: "pembinaan"})
		if err != nil {
			t.Fatal(err)
		}
	}
	vs, err := s.VisitsOf(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, v := range vs {
		got = append(got, v.Date.Day())
	}
	if diff := cmp.Diff([]int{20, 7, 3}, got); diff != "" {
		t.Errorf("visit days, newest first (-want +got):\n%s", diff)
	}
	sum, err := s.CooperativeSummary(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 6, 20, 10, 0, 0, 0, time.UTC); !sum.LastVisit.Equal(want) {
		t.Errorf("LastVisit = %v, want %v", sum.LastVisit, want)
	}
	if _, err := s.AddVisit(Visit{CoopID: c.ID}); !errors.Is(err, ErrInvalid) {
		t.Errorf("visit without date: err = %v, want ErrInvalid", err)
	}
}

func TestStore_Settings(t *testing.T) {
	s := mustOpen(t)
	if _, ok, err := s.Setting("lang"); ok || err != nil {
		t.Errorf("unset: ok = %v, err = %v", ok, err)
	}
	for _, v := range []string{"id", "en"} {
		if err := s.SetSetting("lang", v); err != nil {
			t.Fatal(err)
		}
	}
	if v, ok, err := s.Setting("lang"); v != "en" || !ok || err != nil {
		t.Errorf("Setting = %q, %v, %v; want en", v, ok, err)
	}
	events, _ := s.AuditOf("lang")
	if len(events) != 2 || string(events[1].Change) != `{"value":["id","en"]}` {
		t.Errorf("audit = %+v", events)
	}
	if err := s.SetSetting("", "x"); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty key: err = %v, want ErrInvalid", err)
	}

	// Deleted, the setting is gone and the audit says from what; deleting it again, or
	// one never set, changes nothing.
	for range 2 {
		if err := s.DeleteSetting("lang"); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, err := s.Setting("lang"); ok || err != nil {
		t.Errorf("after delete: ok = %v, err = %v", ok, err)
	}
	events, _ = s.AuditOf("lang")
	if len(events) != 3 || events[2].Action != ActionDelete ||
		string(events[2].Change) != `{"value":["en",null]}` {
		t.Errorf("audit = %+v", events)
	}
	if err := s.DeleteSetting("never.set"); err != nil {
		t.Errorf("deleting an absent setting: %v", err)
	}
}

func TestStore_Coaches(t *testing.T) {
	s := mustOpen(t)
	for _, n := range []string{"Wati", "agus", "Bambang"} {
		if _, err := s.PutCoach(Coach{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := s.Coaches()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	if diff := cmp.Diff([]string{"agus", "Bambang", "Wati"}, names); diff != "" {
		t.Errorf("coaches by name (-want +got):\n%s", diff)
	}
	cs[0].Phone = "0812"
	if _, err := s.PutCoach(cs[0]); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Coach(cs[0].ID)
	if got.Phone != "0812" {
		t.Errorf("phone = %q after update", got.Phone)
	}
}

func TestOpen_FileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	s := mustOpenPath(t, path)
	if s.Path() != path {
		t.Errorf("Path = %q, want %q", s.Path(), path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode = %o, want 600", mode)
	}
}

func TestOpen_ReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	s := mustOpenPath(t, path)
	mustCoop(t, s, "KSP A", "")
	s.Close()

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	sums, err := ro.CooperativeSummaries()
	if err != nil || len(sums) != 1 {
		t.Errorf("summaries = %d, %v", len(sums), err)
	}
	if _, err := ro.CreateCooperative(Cooperative{Name: "B"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write: err = %v, want ErrReadOnly", err)
	}
}
