package demo

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"koroena/store"
)

// mustOpen opens a new data file in a temporary directory, closed when the test ends.
func mustOpen(t testing.TB, name string) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), name), store.Options{
		Actor: "demo",
		Now:   func() time.Time { return DefaultToday },
	})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustWrite writes the default city into a new file.
func mustWrite(t testing.TB, name string) (*store.Store, Counts) {
	t.Helper()
	s := mustOpen(t, name)
	n, err := Write(s, Options{})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return s, n
}

func TestWrite_CountsInStore(t *testing.T) {
	s, n := mustWrite(t, "demo.db")
	rows, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	active, drafts := 0, 0
	latest := map[string]int{}
	for _, r := range rows {
		if r.HasDraft {
			drafts++
		}
		if !r.Active {
			continue
		}
		active++
		if r.Latest != nil {
			latest[r.Latest.Predicate]++
		}
	}
	if active != 187 || latest[sehat] != 19 || drafts != 1 {
		t.Errorf("store has %d active, %d sehat, %d with a draft; want 187, 19, 1",
			active, latest[sehat], drafts)
	}
	if diff := cmp.Diff(n.Latest, latest); diff != "" {
		t.Errorf("Counts.Latest differs from the store (-counts +store):\n%s", diff)
	}
	if n.Cooperatives != len(rows) || n.Active != 187 || n.Coaches != 6 || n.Drafts != 1 {
		t.Errorf("Counts = %+v, store has %d cooperatives", n, len(rows))
	}
	if today, _, _ := s.Setting(SettingToday); today != "2026-11-30" {
		t.Errorf("setting %s = %q", SettingToday, today)
	}
}

func TestWrite_Progress(t *testing.T) {
	s := mustOpen(t, "small.db")
	var calls [][2]int
	opts := Options{Coops: 40, Years: 1, Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}}
	n, err := Write(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{n.Cooperatives, n.Cooperatives} {
		t.Errorf("progress calls %v, want the last to be %d of %d", calls, n.Cooperatives,
			n.Cooperatives)
	}
}

func TestWrite_RefusesData(t *testing.T) {
	s, _ := mustWrite(t, "demo.db")
	_, err := Write(s, Options{})
	if !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second Write: err = %v, want ErrNotEmpty", err)
	}
}

func TestWrite_SameRecordsTwice(t *testing.T) {
	a, _ := mustWrite(t, "a.db")
	b, _ := mustWrite(t, "b.db")
	ra, rb := readAll(t, a), readAll(t, b)
	if len(ra) == 0 {
		t.Fatal("nothing read back")
	}
	for i := range ra {
		if reflect.DeepEqual(ra[i], rb[i]) {
			continue
		}
		if diff := cmp.Diff(ra[i], rb[i]); diff != "" {
			t.Fatalf("files differ at cooperative %d (-a +b):\n%s", i, diff)
		}
	}
}

// storedCoop is what the store holds of one cooperative.
type storedCoop struct {
	Summary     store.CoopSummary
	Visits      []store.Visit
	Assessments []store.Assessment
}

// readAll reads every cooperative of s with its visits and assessments.
func readAll(t *testing.T, s *store.Store) []storedCoop {
	t.Helper()
	rows, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]storedCoop, len(rows))
	for i, r := range rows {
		out[i].Summary = r
		if out[i].Visits, err = s.VisitsOf(r.ID); err != nil {
			t.Fatal(err)
		}
		if out[i].Assessments, err = s.AssessmentsOf(r.ID); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func BenchmarkWrite(b *testing.B) {
	for b.Loop() {
		s := mustOpen(b, "bench.db")
		if _, err := Write(s, Options{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		if _, err := Build(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
