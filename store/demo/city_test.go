package demo

import (
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"koroena/scoring"
	"koroena/store"
)

// defaultCity builds the default city once for the tests that only read it.
var defaultCity = sync.OnceValues(func() (*City, error) { return Build(Options{}) })

// mustCity returns the default city or stops the test.
func mustCity(t *testing.T) *City {
	t.Helper()
	c, err := defaultCity()
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return c
}

// latestFinal returns a bundle's final assessment of the highest fiscal year, or nil.
func latestFinal(b Bundle) *store.Assessment {
	var latest *store.Assessment
	for i, a := range b.Assessments {
		if a.Status == store.StatusFinal && (latest == nil || a.FiscalYear > latest.FiscalYear) {
			latest = &b.Assessments[i]
		}
	}
	return latest
}

func TestBuild_Counts(t *testing.T) {
	c := mustCity(t)
	var active, inactive, drafts int
	latest := map[string]int{}
	for _, b := range c.Bundles {
		for _, a := range b.Assessments {
			if a.Status == store.StatusDraft {
				drafts++
			}
		}
		if !b.Coop.Active {
			inactive++
			if len(b.Assessments) > 0 {
				t.Errorf("inactive %q has assessments", b.Coop.Name)
			}
			continue
		}
		active++
		l := latestFinal(b)
		if l == nil {
			t.Errorf("active %q has no final assessment", b.Coop.Name)
			continue
		}
		latest[l.Result.Predicate]++
	}

	want := map[string]int{sehat: 19, cukupSehat: 60, dalamPengawasan: 70,
		dalamPengawasanKhusus: 38}
	if active != 187 {
		t.Errorf("active = %d, want 187", active)
	}
	if diff := cmp.Diff(want, latest); diff != "" {
		t.Errorf("latest predicates (-want +got):\n%s", diff)
	}
	if inactive < 3 || inactive > 15 {
		t.Errorf("inactive = %d, want a few", inactive)
	}
	if drafts != 1 {
		t.Errorf("drafts = %d, want 1", drafts)
	}
	if len(c.Coaches) != 6 {
		t.Errorf("coaches = %d, want 6", len(c.Coaches))
	}
}

func TestBuild_FinalAssessmentsRescore(t *testing.T) {
	c := mustCity(t)
	in, err := scoring.Default().Lookup(instrumentID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range c.Bundles {
		years := map[int]bool{}
		for _, a := range b.Assessments {
			if a.Status != store.StatusFinal {
				continue
			}
			n++
			if years[a.FiscalYear] {
				t.Errorf("%q has two finals for %d", b.Coop.Name, a.FiscalYear)
			}
			years[a.FiscalYear] = true
			checkFinal(t, in, b.Coop.Name, a)
		}
		if b.Coop.Active && (len(years) < 1 || len(years) > 3) {
			t.Errorf("%q has %d years of assessments, want 1 to 3", b.Coop.Name, len(years))
		}
	}
	if n < 2*187 {
		t.Errorf("final assessments = %d, want two or three per active cooperative", n)
	}
}

// checkFinal re-scores a final assessment and compares it with what it stores, and checks
// that its statement balances and every question is answered.
func checkFinal(t *testing.T, in *scoring.Instrument, name string, a store.Assessment) {
	t.Helper()
	inp, err := scoring.NewInput(in, a.Figures, a.Answers, a.Options)
	if err != nil {
		t.Fatalf("%s %d: input: %v", name, a.FiscalYear, err)
	}
	res := in.Score(inp)
	scored := 0
	for _, comp := range res.Components {
		if comp.Status == scoring.StatusScored {
			scored++
		}
	}
	got := a.Result
	switch {
	case got == nil:
		t.Errorf("%s %d: no result", name, a.FiscalYear)
	case !res.Complete || scored != 22:
		t.Errorf("%s %d: %d of 22 components scored", name, a.FiscalYear, scored)
	case got.Total != formatHundredths(mustHundredths(t, res.Total.Round2().String())):
		t.Errorf("%s %d: stored total %s, re-score %s", name, a.FiscalYear, got.Total, res.Total)
	case got.Predicate != res.Predicate || !got.Complete:
		t.Errorf("%s %d: stored %s, re-score %s", name, a.FiscalYear, got.Predicate,
			res.Predicate)
	case len(got.Aspects) != 7:
		t.Errorf("%s %d: %d aspects, want 7", name, a.FiscalYear, len(got.Aspects))
	default:
		want, _ := res.MarshalJSON()
		if string(got.Output) != string(want) {
			t.Errorf("%s %d: stored output differs from the re-score's:\n%s\n%s", name,
				a.FiscalYear, got.Output, want)
		}
	}
	if len(a.Answers) != len(questions)+len(adjustmentIDs) {
		t.Errorf("%s %d: %d answers, want %d", name, a.FiscalYear, len(a.Answers),
			len(questions)+len(adjustmentIDs))
	}
	for _, id := range figureIDs {
		if _, ok := a.Figures[id]; !ok {
			t.Errorf("%s %d: figure %s missing", name, a.FiscalYear, id)
		}
	}
	if len(a.Figures) != len(figureIDs) {
		t.Errorf("%s %d: %d figures, want %d", name, a.FiscalYear, len(a.Figures),
			len(figureIDs))
	}
	checkBalance(t, name, a)
}

// mustHundredths reads a total or stops the test.
func mustHundredths(t *testing.T, s string) int64 {
	t.Helper()
	v, err := hundredths(s)
	if err != nil {
		t.Fatalf("hundredths(%q): %v", s, err)
	}
	return v
}

// checkBalance checks that assets equal liabilities plus equity, and that current
// liabilities are the sum of their lines.
func checkBalance(t *testing.T, name string, a store.Assessment) {
	t.Helper()
	s := statement{}
	for id, v := range a.Figures {
		s[id] = int64(mustHundredths(t, v) / 100)
	}
	assets, liab, eq := s.sum(assetLines), s.sum(liabilityLines), s.sum(equityLines)
	if assets != s["total_aset"] || liab != s["kewajiban_lancar"] ||
		liab+eq != s["total_aset"] {
		t.Errorf("%s %d: assets %d, total_aset %d, liabilities %d (kewajiban_lancar %d), "+
			"equity %d", name, a.FiscalYear, assets, s["total_aset"], liab,
			s["kewajiban_lancar"], eq)
	}
	for id, v := range s {
		neg := id == "shu_kotor" || id == "shu_sebelum_pajak" || id == "shu_belum_dibagi"
		if v < 0 && !neg {
			t.Errorf("%s %d: %s = %d is negative", name, a.FiscalYear, id, v)
		}
	}
}

func TestBuild_Profiles(t *testing.T) {
	c := mustCity(t)
	nik := regexp.MustCompile(`^\d{16}$`)
	kelurahan, niks, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	var overdue, notes int
	for _, b := range c.Bundles {
		p := b.Coop
		kelurahan[p.Kecamatan+"/"+p.Kelurahan] = true
		if names[p.Name] {
			t.Errorf("name %q twice", p.Name)
		}
		names[p.Name] = true
		if !nik.MatchString(p.NIK) || niks[p.NIK] { // CITY.md: every one has a NIK
			t.Errorf("%q: NIK %q is not 16 digits or not unique", p.Name, p.NIK)
		}
		niks[p.NIK] = true
		if p.Active && p.LastRAT.Year() < DefaultToday.Year() {
			overdue++
		}
		if p.Address == "" || !strings.HasPrefix(p.Address, "Jl. ") || p.LegalNumber == "" ||
			p.LegalDate.IsZero() || p.Chair == "" || p.Manager == "" || p.Members == 0 ||
			p.CoachID == "" ||
			p.FiscalYearEnd != "12-31" || p.BusinessType == "" {
			t.Errorf("incomplete profile: %+v", p)
		}
		if p.Phone != "" && p.Phone[0] != '0' {
			t.Errorf("%q: phone %q lacks its leading 0", p.Name, p.Phone)
		}
		for _, v := range b.Visits {
			if v.Notes != "" {
				notes++
			}
		}
	}
	if len(kelurahan) != 18 {
		t.Errorf("kelurahan = %d, want 18", len(kelurahan))
	}
	if overdue == 0 || overdue > 60 {
		t.Errorf("active with overdue RAT = %d, want some", overdue)
	}
	if notes < 100 {
		t.Errorf("visits with notes = %d, want many", notes)
	}
}

func TestBuild_Deterministic(t *testing.T) {
	a := mustCity(t)
	// The second build on one processor: the city must not depend on the processor count.
	procs := runtime.GOMAXPROCS(1)
	b, err := Build(Options{})
	runtime.GOMAXPROCS(procs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		for i := range a.Bundles {
			if diff := cmp.Diff(a.Bundles[i], b.Bundles[i]); diff != "" {
				t.Fatalf("two builds differ at cooperative %d (-first +second):\n%s", i, diff)
			}
		}
		t.Errorf("two builds differ: %s", cmp.Diff(a.Coaches, b.Coaches))
	}
	other, err := Build(Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if other.Bundles[0].Coop.Name == a.Bundles[0].Coop.Name &&
		other.Bundles[0].Coop.ID == a.Bundles[0].Coop.ID {
		t.Error("another seed gives the same city")
	}
}

func TestBuild_Scaled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a larger city")
	}
	c, err := Build(Options{Coops: 600, Years: 5, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	active, sehatLatest := 0, 0
	for _, b := range c.Bundles {
		if !b.Coop.Active {
			continue
		}
		active++
		if l := latestFinal(b); l != nil && l.Result.Predicate == sehat {
			sehatLatest++
		}
	}
	if active != 600 || sehatLatest != mix(600)[sehat] {
		t.Errorf("active %d, sehat %d; want 600, %d", active, sehatLatest, mix(600)[sehat])
	}
}

func TestBuild_EarlyToday(t *testing.T) {
	today := time.Date(2027, time.April, 2, 0, 0, 0, 0, time.UTC)
	c, err := Build(Options{Coops: 30, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range c.Bundles {
		if b.Coop.LastRAT.After(today) {
			t.Errorf("%q: last RAT %s after today", b.Coop.Name, b.Coop.LastRAT)
		}
		for _, a := range b.Assessments {
			if !a.CreatedAt.Before(today) || a.FiscalYear > 2026 {
				t.Errorf("%q: assessment of %d made %s, today is %s", b.Coop.Name,
					a.FiscalYear, a.CreatedAt, today)
			}
		}
		for _, v := range b.Visits {
			if !v.Date.Before(today) {
				t.Errorf("%q: visit on %s, today is %s", b.Coop.Name, v.Date, today)
			}
		}
	}
}

func TestOptions_Invalid(t *testing.T) {
	for _, o := range []Options{{Coops: -1}, {Years: MaxYears + 1}, {Coops: MaxCoops + 1}} {
		if _, err := Build(o); err == nil {
			t.Errorf("Build(%+v) gave no error", o)
		}
	}
}

func TestNewID_Version7(t *testing.T) {
	r := newRand(1, 1)
	id := newID(r, DefaultToday)
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).
		MatchString(id) {
		t.Errorf("newID = %q, not a UUID v7", id)
	}
	if later := newID(r, DefaultToday.Add(1e6)); later <= id {
		t.Errorf("a later id %q does not sort after %q", later, id)
	}
}

func TestHundredths(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"89.45", 8945, true},
		{"100", 10000, true},
		{"0.5", 50, true},
		{"-3.07", -307, true},
		{"1.234", 0, false},
		{"abc", 0, false},
	}
	for _, tt := range tests {
		got, err := hundredths(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("hundredths(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	for v, want := range map[int64]string{8945: "89.45", 10000: "100.00", 5: "0.05",
		-307: "-3.07"} {
		if got := formatHundredths(v); got != want {
			t.Errorf("formatHundredths(%d) = %q, want %q", v, got, want)
		}
	}
}
