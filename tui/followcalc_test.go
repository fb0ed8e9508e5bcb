package tui

import (
	"testing"
	"time"

	"koroena/store"
)

// fixedToday is the clock of the follow-up tests: Wednesday 3 June 2026.
var fixedToday = time.Date(2026, 6, 3, 14, 30, 0, 0, time.UTC)

func d(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

func TestNextVisit_ByPredicate(t *testing.T) {
	r := rulesFrom(map[string]string{SettingVisitMonths + "sehat": "24",
		SettingVisitMonths + "cukup_sehat": "bad"})
	last := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		pred string
		want time.Time
	}{
		{predPengawasanK, d(2026, 2, 28)}, // monthly, kept in February
		{predPengawasan, d(2026, 4, 30)},  // quarterly
		{predCukupSehat, d(2026, 7, 31)},  // a bad setting keeps half-yearly
		{predSehat, d(2028, 1, 31)},       // the setting: 24 months
		{"", d(2026, 4, 30)},              // never assessed: quarterly
	}
	for _, tt := range tests {
		s := store.CoopSummary{LastVisit: last}
		if tt.pred != "" {
			s.Latest = &store.AssessmentHead{Predicate: tt.pred}
		}
		if got := nextVisit(s, r); !got.Equal(tt.want) {
			t.Errorf("%q: next visit %s, want %s", tt.pred, got.Format(time.DateOnly),
				tt.want.Format(time.DateOnly))
		}
	}
	never := store.CoopSummary{Cooperative: store.Cooperative{CreatedAt: d(2025, 12, 1)}}
	if got := nextVisit(never, r); !got.Equal(d(2026, 3, 1)) {
		t.Errorf("never visited: %s, want 3 months after creation", got.Format(time.DateOnly))
	}
}

func TestRATOverdue(t *testing.T) {
	tests := []struct {
		name    string
		fye     string
		lastRAT time.Time
		months  int
		today   time.Time
		due     time.Time
		year    int
		late    bool
	}{
		{"held after the year closed", "", d(2026, 3, 20), 6, fixedToday, time.Time{}, 0, false},
		{"not held, deadline ahead", "", d(2025, 4, 1), 6, fixedToday, d(2026, 6, 30), 2025, false},
		{"not held, deadline passed", "", d(2025, 4, 1), 6, d(2026, 7, 1), d(2026, 6, 30), 2025,
			true},
		{"never held", "", time.Time{}, 3, fixedToday, d(2026, 3, 31), 2025, true},
		{"june year end", "06-30", d(2025, 3, 1), 6, fixedToday, d(2025, 12, 30), 2025, true},
		{"shorter setting", "", d(2025, 4, 1), 4, fixedToday, d(2026, 4, 30), 2025, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := store.Cooperative{FiscalYearEnd: tt.fye, LastRAT: tt.lastRAT}
			due, year, late := ratOverdue(c, dayOf(tt.today), tt.months)
			if !due.Equal(tt.due) || year != tt.year || late != tt.late {
				t.Errorf("got %s %d %v, want %s %d %v", due.Format(time.DateOnly), year, late,
					tt.due.Format(time.DateOnly), tt.year, tt.late)
			}
		})
	}
}

func TestFollowUps_BucketsAndOrder(t *testing.T) {
	coop := func(id, name, pred string, lastVisit time.Time) store.CoopSummary {
		return store.CoopSummary{
			Cooperative: store.Cooperative{ID: id, Name: name, Active: true,
				LastRAT: d(2026, 2, 1)},
			Latest:    &store.AssessmentHead{Predicate: pred},
			LastVisit: lastVisit,
		}
	}
	sums := []store.CoopSummary{
		coop("a", "KSP Anggrek", predPengawasanK, d(2026, 4, 20)), // due 20 May: overdue
		coop("b", "KSP Bakung", predPengawasan, d(2026, 3, 5)),    // due 5 June: this week
		coop("c", "KSP Cempaka", predSehat, d(2026, 1, 10)),       // due 10 Jan 2027: later
	}
	sums[2].LastRAT = time.Time{} // never held: RAT of 2025 overdue since 30 June? not yet
	items := []store.Treatment{
		{CoopID: "b", Title: "Klinik penagihan", Status: store.TreatmentPlanned,
			Due: d(2026, 6, 9)},
		{CoopID: "b", Title: "Selesai", Status: store.TreatmentDone, Due: d(2026, 1, 1)},
		{CoopID: "a", Title: "Tanpa tenggat", Status: store.TreatmentPlanned},
	}
	got := followUps(sums, items, rulesFrom(nil), fixedToday)
	type row struct {
		kind   dueKind
		name   string
		date   string
		bucket dueBucket
	}
	want := []row{
		{dueVisit, "KSP Anggrek", "2026-05-20", bucketOverdue},
		{dueVisit, "KSP Bakung", "2026-06-05", bucketThisWeek},
		{dueTreatment, "KSP Bakung", "2026-06-09", bucketThisWeek},
		{dueVisit, "KSP Cempaka", "2027-01-10", bucketLater},
	}
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(got), len(want), got)
	}
	for i, g := range got {
		r := row{g.kind, g.coop.Name, g.date.Format(time.DateOnly), bucketOf(g.date, fixedToday)}
		if r != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, r, want[i])
		}
	}
	// Four weeks later Cempaka's RAT of 2025 is overdue (deadline 30 June).
	later := followUps(sums, items, rulesFrom(nil), d(2026, 7, 1))
	found := false
	for _, it := range later {
		if it.kind == dueRAT && it.coop.ID == "c" && it.fiscalYear == 2025 {
			found = bucketOf(it.date, d(2026, 7, 1)) == bucketOverdue
		}
	}
	if !found {
		t.Error("on 1 July the missing RAT of 2025 should be overdue")
	}
}
