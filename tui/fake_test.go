package tui

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"koroena/store"
)

// fakeRepo is an in-memory Repo over a fixed, deterministic small city: a dozen
// cooperatives with assessments over three fiscal years, one draft, one inactive
// cooperative and one never assessed.
type fakeRepo struct {
	mu          sync.Mutex
	coops       []store.Cooperative
	coaches     []store.Coach
	visits      []store.Visit
	assessments []store.Assessment
	settings    map[string]string
	failList    error
	failSave    error
}

// day is a fixed date in UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

// newFakeRepo builds the fixed city.
func newFakeRepo() *fakeRepo {
	r := &fakeRepo{settings: map[string]string{}}
	r.coaches = []store.Coach{
		{ID: "c1", Name: "Budi Santoso", Active: true},
		{ID: "c2", Name: "Sri Wahyuni", Active: true},
		{ID: "c3", Name: "Agus Salim", Active: true},
	}
	type spec struct {
		name, typ, kel, kec, coach string
		totals                     [3]string // fiscal years 2023, 2024, 2025; "" none
	}
	specs := []spec{
		{"KSP Sumber Rejeki", "ksp", "Sukamaju", "Cibeunying", "c1",
			[3]string{"72.10", "78.40", "84.25"}},
		{"KSU Maju Bersama", "ksu_usp", "Cihapit", "Bandung Wetan", "c2",
			[3]string{"61.00", "64.50", "67.75"}},
		{"KPRI Guru Sejahtera", "kpri", "Sukamaju", "Cibeunying", "c1",
			[3]string{"81.00", "82.50", "80.10"}},
		{"KSPPS Amanah Ummat", "kspps", "Tamansari", "Bandung Wetan", "c3",
			[3]string{"55.00", "52.25", "49.90"}},
		{"Koperasi Karyawan Pabrik Tekstil", "karyawan", "Cigadung", "Cibeunying", "c2",
			[3]string{"", "70.00", "73.40"}},
		{"Koperasi Wanita Melati", "wanita", "Cihapit", "Bandung Wetan", "c3",
			[3]string{"45.00", "50.50", "58.00"}},
		{"Koperasi Pasar Baru", "pasar", "Braga", "Sumur Bandung", "c1",
			[3]string{"66.00", "60.25", "55.50"}},
		{"KSP Dana Mandiri", "ksp", "Braga", "Sumur Bandung", "c2",
			[3]string{"88.00", "90.10", "91.45"}},
		{"Koperasi Konsumen Sejahtera", "konsumen", "Tamansari", "Bandung Wetan", "c3",
			[3]string{"40.00", "42.00", "44.00"}},
		{"Koperasi Produsen Tahu Tempe", "produsen", "Cigadung", "Cibeunying", "c1",
			[3]string{"68.00", "", "69.95"}},
		{"Koperasi Jasa Angkutan Kota", "jasa", "Sukamaju", "Cibeunying", "",
			[3]string{}},
		{"KSP Lama Tutup", "ksp", "Braga", "Sumur Bandung", "c2",
			[3]string{"50.00", "", ""}},
	}
	for i, s := range specs {
		id := fmt.Sprintf("coop-%02d", i+1)
		r.coops = append(r.coops, store.Cooperative{
			ID: id, Name: s.name, NIK: fmt.Sprintf("32730100%08d", i+1),
			LegalNumber: fmt.Sprintf("%03d/BH/KDK.10/%d", 100+i, 1995+i),
			LegalDate:   day(1995+i, 3, 1), LegalType: "simpan_pinjam", BusinessType: s.typ,
			Address:   fmt.Sprintf("Jl. Merdeka No. %d", i+3),
			Kelurahan: s.kel, Kecamatan: s.kec, Chair: "H. Ahmad Fauzi", Manager: "Dewi Lestari",
			Members: 120 + 37*i, CoachID: s.coach, LastRAT: day(2025, 3, 10+i),
			Active: s.name != "KSP Lama Tutup",
		})
		for y, total := range s.totals {
			if total == "" {
				continue
			}
			r.assessments = append(r.assessments, finalAssessment(id, i, 2023+y, total))
		}
		if s.coach != "" {
			r.visits = append(r.visits,
				store.Visit{ID: id + "-v1", CoopID: id, CoachID: s.coach, Date: day(2025, 4, 2+i),
					Purpose: "Pendampingan RAT"},
				store.Visit{ID: id + "-v2", CoopID: id, CoachID: s.coach, Date: day(2026, 2, 3+i),
					Purpose: "Pemeriksaan buku kas"})
		}
	}
	// One unfinished draft for the first cooperative's next fiscal year.
	r.assessments = append(r.assessments, store.Assessment{
		ID: "coop-01-a2026", CoopID: "coop-01", Instrument: "ksp-2016", Version: 1,
		FiscalYear: 2026, Status: store.StatusDraft, CreatedAt: day(2026, 3, 1),
		UpdatedAt: day(2026, 3, 2),
	})
	return r
}

// finalAssessment builds a final assessment whose aspects add up to total.
func finalAssessment(coopID string, i, year int, total string) store.Assessment {
	v, _ := hundredths(total)
	pred := predicateFor(v)
	maxima := []struct {
		id  string
		max int
	}{
		{"permodalan", 15}, {"kualitas_aktiva_produktif", 25}, {"manajemen", 15},
		{"efisiensi", 10}, {"likuiditas", 15}, {"kemandirian_pertumbuhan", 10}, {"jatidiri", 10},
	}
	// Spread the total over the aspects, some above and some below their share of the
	// maximum; the last aspect takes the rest.
	var aspects []store.AspectScore
	left := v
	for k, a := range maxima {
		share := v * a.max / 100 * [6]int{92, 104, 108, 96, 100, 90}[min(k, 5)] / 100
		if k == len(maxima)-1 {
			share = left
		}
		left -= share
		aspects = append(aspects, store.AspectScore{
			ID:   a.id,
			Skor: fmt.Sprintf("%d.%02d", share/100, share%100),
			Max:  fmt.Sprintf("%d.00", a.max),
		})
	}
	return store.Assessment{
		ID: fmt.Sprintf("%s-a%d", coopID, year), CoopID: coopID, Instrument: "ksp-2016", Version: 1,
		FiscalYear: year, Status: store.StatusFinal, CreatedAt: day(year+1, 2, 1+i),
		FinalizedAt: day(year+1, 2, 10+i), FinalizedBy: "Budi Santoso",
		Result: &store.Result{Complete: true, Total: total, Predicate: pred, Aspects: aspects},
	}
}

// predicateFor is the ksp-2016 predicate of a total in hundredths.
func predicateFor(v int) string {
	switch {
	case v >= 8000:
		return predSehat
	case v >= 6600:
		return predCukupSehat
	case v >= 5100:
		return predPengawasan
	}
	return predPengawasanK
}

func (r *fakeRepo) CooperativeSummaries() ([]store.CoopSummary, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failList != nil {
		return nil, r.failList
	}
	var out []store.CoopSummary
	for _, c := range r.coops {
		s := store.CoopSummary{Cooperative: c}
		for _, k := range r.coaches {
			if k.ID == c.CoachID {
				s.CoachName = k.Name
			}
		}
		for _, v := range r.visits {
			if v.CoopID == c.ID && v.Date.After(s.LastVisit) {
				s.LastVisit = v.Date
			}
		}
		for _, a := range r.assessments {
			if a.CoopID != c.ID {
				continue
			}
			if a.Status == store.StatusDraft {
				s.HasDraft = true
				continue
			}
			if s.Latest == nil || a.FiscalYear > s.Latest.FiscalYear {
				s.Latest = &store.AssessmentHead{ID: a.ID, Instrument: a.Instrument,
					Version: a.Version, FiscalYear: a.FiscalYear, Status: a.Status,
					Total: a.Result.Total, Predicate: a.Result.Predicate}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func (r *fakeRepo) Cooperative(id string) (store.Cooperative, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.coops {
		if c.ID == id {
			return c, nil
		}
	}
	return store.Cooperative{}, errors.New("not found")
}

func (r *fakeRepo) AssessmentsOf(id string) ([]store.Assessment, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []store.Assessment
	for _, a := range r.assessments {
		if a.CoopID == id {
			out = append(out, a)
		}
	}
	return out, nil
}

func (r *fakeRepo) VisitsOf(id string) ([]store.Visit, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []store.Visit
	for _, v := range r.visits {
		if v.CoopID == id {
			out = append(out, v)
		}
	}
	return out, nil
}

func (r *fakeRepo) Coaches() ([]store.Coach, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.coaches), nil
}

func (r *fakeRepo) Setting(k string) (string, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.settings[k]
	return v, ok, nil
}

func (r *fakeRepo) SetSetting(k, v string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failSave != nil {
		return r.failSave
	}
	r.settings[k] = v
	return nil
}
