package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSummaryCodec_RoundTrip(t *testing.T) {
	tests := []struct {
		name string
		sum  CoopSummary
	}{
		{"empty", CoopSummary{}},
		{"full", CoopSummary{
			Cooperative: Cooperative{ID: "0190aaaa-0000-7000-8000-000000000001",
				Name: "KSP Ünïcode ✓", NIK: "3573010000000001", LegalNumber: "1/BH",
				LegalDate: time.Date(1999, 1, 2, 0, 0, 0, 0, time.UTC), LegalType: "jasa",
				BusinessType: "jasa", Address: "Jl. A", Kelurahan: "K", Kecamatan: "C",
				Phone: "1", Chair: "B", Manager: "M", Members: 12345, CoachID: "c",
				FiscalYearEnd: "06-30", LastRAT: time.Date(2025, 2, 3, 4, 5, 6, 7, time.UTC),
				Active: true, CreatedAt: fixedNow, UpdatedAt: fixedNow.Add(time.Hour)},
			LastVisit: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC),
			HasDraft:  true,
			Latest: &AssessmentHead{ID: "x", Instrument: "ksp-2016", Version: 2,
				FiscalYear: 2024, Status: StatusFinal, Total: "81.25", Predicate: "sehat"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got CoopSummary
			if err := decodeSummary(encodeSummary(&tt.sum), &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.sum, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzDecodeSummary checks that arbitrary bytes never panic the decoder, and that what it
// accepts encodes back to the same bytes.
func FuzzDecodeSummary(f *testing.F) {
	f.Add([]byte{})
	f.Add(encodeSummary(&CoopSummary{}))
	f.Add(encodeSummary(&CoopSummary{Cooperative: Cooperative{Name: "KSP", Members: -3},
		Latest: &AssessmentHead{Total: "1.00"}, LastVisit: fixedNow}))
	f.Fuzz(func(t *testing.T, data []byte) {
		var sum CoopSummary
		if err := decodeSummary(data, &sum); err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("err = %v, want ErrDamaged", err)
			}
			return
		}
		var again CoopSummary
		if err := decodeSummary(encodeSummary(&sum), &again); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if diff := cmp.Diff(sum, again); diff != "" {
			t.Errorf("re-encoded row differs (-first +second):\n%s", diff)
		}
	})
}

// fillCity writes n cooperatives, each with a visit and a final assessment, in chunks.
func fillCity(tb testing.TB, s *Store, n int) {
	tb.Helper()
	const chunk = 10_000
	for start := 0; start < n; start += chunk {
		err := s.Bulk(func(b *Bulk) error {
			for i := start; i < min(n, start+chunk); i++ {
				c, err := b.AddCooperative(Cooperative{Name: fmt.Sprintf("KSP Nomor %d", i),
					NIK: fmt.Sprintf("3573%012d", i), Kecamatan: "Lowokwaru",
					Kelurahan: "Tlogomas", BusinessType: "ksp", Active: true, Members: i % 500,
					Address: "Jl. Soekarno Hatta 12", Chair: "Budi Santoso",
					Manager: "Ani Lestari", Phone: "0341-555123"})
				if err != nil {
					return err
				}
				if _, err := b.AddVisit(Visit{CoopID: c.ID, Date: fixedNow}); err != nil {
					return err
				}
				if _, err := b.AddAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
					Version: 1, FiscalYear: 2024, Status: StatusFinal,
					Figures: map[string]string{"kas": "150000000.50"},
					Result:  &Result{Complete: true, Total: "81.25", Predicate: "sehat"},
				}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkCooperativeSummaries130k opens a file of 130,000 cooperatives and lists them:
// the list screen's start-up (target: 150 ms, heap ≤ 300 MB).
func BenchmarkCooperativeSummaries130k(b *testing.B) {
	const n = 130_000
	path := filepath.Join(b.TempDir(), "city.db")
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	fillCity(b, s, n)
	s.Close()
	b.ResetTimer()

	var heap uint64
	var opening, listing time.Duration
	for b.Loop() {
		start := time.Now()
		s, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		opened := time.Now()
		sums, err := s.CooperativeSummaries()
		opening, listing = opening+opened.Sub(start), listing+time.Since(opened)
		if err != nil || len(sums) != n {
			b.Fatalf("%d summaries, %v", len(sums), err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = max(heap, ms.HeapAlloc)
		s.Close()
	}
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	b.ReportMetric(float64(opening.Milliseconds())/float64(b.N), "open-ms")
	b.ReportMetric(float64(listing.Milliseconds())/float64(b.N), "list-ms")
}

// BenchmarkBulk10k writes 10,000 cooperatives, each with a visit and a final assessment,
// in one Bulk call: one chunk of a generated registry.
func BenchmarkBulk10k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "bulk.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		fillCity(b, s, 10_000)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
