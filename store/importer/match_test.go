package importer

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"koroena/store"
)

// importCSV writes content to a CSV file and imports it.
func importCSV(t *testing.T, s *store.Store, content string) (Result, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "reg.csv")
	writeFile(t, path, content)
	return Coops(s, path, Options{})
}

// coopCount is how many cooperatives s holds.
func coopCount(t *testing.T, s *store.Store) int {
	t.Helper()
	sums, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	return len(sums)
}

// Regression: importing a registry again added every row without NIK a second time,
// silently ("50 new, 0 updated, 150 unchanged"). Such a row now updates the cooperative of
// the same name and kelurahan.
func TestRegistry200_ImportedTwiceAddsNothing(t *testing.T) {
	s := mustOpen(t)
	if _, err := Coops(s, fixture("registry-200.xlsx"), Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := Coops(s, fixture("registry-200.xlsx"), Options{})
	if err != nil {
		t.Fatalf("second import: %v\n%s", err, strings.Join(messages(res.Errors), "\n"))
	}
	if res.Created != 0 || res.Updated != 0 || res.Unchanged != 200 {
		t.Errorf("created %d updated %d unchanged %d, want 0 0 200", res.Created,
			res.Updated, res.Unchanged)
	}
	if got := res.MatchedByName + res.MatchedByLegalNumber; got != 50 {
		t.Errorf("%d rows matched without NIK, want the 50 without one", got)
	}
	if n := coopCount(t, s); n != 200 {
		t.Errorf("%d cooperatives, want 200", n)
	}
}

func TestCoops_RowWithoutNIKMatchesFoldedNameAndKelurahan(t *testing.T) {
	s := mustOpen(t)
	if _, err := importCSV(t, s, "Nama,Kelurahan,Anggota\n"+
		"Koperasi Sumber Rejeki,Kauman,10\nKSP Maju,Kauman,20\n"+
		"KSP Maju,Sentanan,30\n"); err != nil {
		t.Fatal(err)
	}
	res, err := importCSV(t, s, "Nama,Kelurahan,Anggota\n"+
		"KOP. SUMBER-REJEKI,kauman ,11\n"+ // prefix, case, punctuation and spaces folded
		"ksp  maju,KAUMAN,20\n"+ // the other KSP Maju is in Sentanan
		"KSP Maju Jaya,Kauman,5\n") // another name: a new cooperative
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(messages(res.Errors), "\n"))
	}
	if res.Created != 1 || res.Updated != 2 || res.Unchanged != 0 || res.MatchedByName != 2 {
		t.Errorf("created %d updated %d unchanged %d by name %d, want 1 2 0 2", res.Created,
			res.Updated, res.Unchanged, res.MatchedByName)
	}
	sums, _ := s.CooperativeSummaries()
	members := map[string]int{}
	for _, c := range sums {
		members[c.Name+"/"+c.Kelurahan] = c.Members
	}
	want := map[string]int{"KOP. SUMBER-REJEKI/Kauman": 11, "ksp maju/Kauman": 20,
		"KSP Maju/Sentanan": 30, "KSP Maju Jaya/Kauman": 5}
	for k, v := range want {
		if got, ok := members[k]; !ok || got != v {
			t.Errorf("%s: %d members (stored %t), want %d; all: %v", k, got, ok, v, members)
		}
	}
	if len(sums) != 4 {
		t.Errorf("%d cooperatives, want 4", len(sums))
	}
}

func TestCoops_RowWithoutNIKMatchesLegalNumber(t *testing.T) {
	s := mustOpen(t)
	if _, err := importCSV(t, s, "Nama,No Badan Hukum,Kelurahan\n"+
		"KSP Lama,518/12/BH/XVI.22/2009,Kauman\n"+
		"KSP Dua,518/13/BH/XVI.22/2009,Kauman\n"); err != nil {
		t.Fatal(err)
	}
	res, err := importCSV(t, s, "Nama,No Badan Hukum,Kelurahan\n"+
		"KSP Baru,518 / 12 / bh / XVI-22 / 2009,Kauman\n"+ // renamed, same number
		"KSP Dua,518/99/BH/XVI.22/2009,Kauman\n") // same name, another number: another coop
	if err != nil {
		t.Fatalf("%v\n%s", err, strings.Join(messages(res.Errors), "\n"))
	}
	if res.Created != 1 || res.Updated != 1 || res.MatchedByLegalNumber != 1 ||
		res.MatchedByName != 0 {
		t.Errorf("created %d updated %d by number %d by name %d, want 1 1 1 0", res.Created,
			res.Updated, res.MatchedByLegalNumber, res.MatchedByName)
	}
	if n := coopCount(t, s); n != 3 {
		t.Errorf("%d cooperatives, want 3", n)
	}
}

func TestCoops_AmbiguousMatchRefused(t *testing.T) {
	s := mustOpen(t)
	a, err := s.CreateCooperative(store.Cooperative{Name: "KSP Maju", Kelurahan: "Kauman",
		Active: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateCooperative(store.Cooperative{Name: "Koperasi KSP Maju",
		Kelurahan: "Kauman", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importCSV(t, s, "Nama,Kelurahan,Anggota\nKSP Sentosa,Kauman,3\n"+
		"ksp maju,Kauman,40\n")
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err %v, want ErrRefused", err)
	}
	got := messages(res.Errors)
	want := `reg.csv:3: ambiguous: matches "KSP Maju" (id ` + a.ID + `, kelurahan "Kauman")` +
		` and "Koperasi KSP Maju" (id ` + b.ID + `, kelurahan "Kauman"); give the id or NIK`
	if len(got) != 1 || !strings.Contains(got[0], string(filepath.Separator)+want) {
		t.Errorf("errors %q, want one like %q", got, want)
	}
	if n := coopCount(t, s); n != 2 {
		t.Errorf("%d cooperatives after a refused import, want 2", n)
	}
}

func TestCoops_RowsThatAreOneCooperativeRefused(t *testing.T) {
	s := mustOpen(t)
	const csv = "Nama,NIK,Kelurahan\nKSP Tua,3576010100000009,Kauman\n"
	if _, err := importCSV(t, s, csv); err != nil {
		t.Fatal(err)
	}
	res, err := importCSV(t, s, "Nama,NIK,Kelurahan,No BH\n"+
		"Koperasi Satu,,Kauman,\n"+ // 2
		"Kop. Satu,,kauman,\n"+ // 3: same as 2
		"KSP Dua,3576010100000001,Kauman,\n"+ // 4
		"ksp dua,,Kauman,\n"+ // 5: same as 4, which has a NIK
		"KSP Tiga,3576010100000002,Sentanan,\n"+ // 6
		"KSP Tiga,3576010100000003,Sentanan,\n"+ // 7: NIKs tell 6 and 7 apart
		"KSP Empat,,Kauman,518/1/BH\n"+ // 8
		"KSP Lima,,Kauman,518 1 bh\n"+ // 9: the number of 8
		"KSP Tua,,Kauman,\n"+ // 10: the stored KSP Tua...
		"KSP Tua Baru,3576010100000009,Kauman,\n") // 11: ...which this row updates by NIK
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err %v, want ErrRefused", err)
	}
	var rows []int
	for _, m := range res.Errors {
		rows = append(rows, m.Row)
		if !strings.Contains(m.Text, "duplicate in the file") {
			t.Errorf("unexpected error %s", m)
		}
	}
	if !slices.Equal(rows, []int{3, 5, 9, 11}) {
		t.Errorf("errors on rows %v, want 3 5 9 11:\n%s", rows,
			strings.Join(messages(res.Errors), "\n"))
	}
	if n := coopCount(t, s); n != 1 {
		t.Errorf("%d cooperatives after a refused import, want 1", n)
	}
}

// A row with a NIK keeps its own matching: a NIK not stored is a new cooperative even when
// a stored one has its name and kelurahan.
func TestCoops_RowWithNIKNotMatchedByName(t *testing.T) {
	s := mustOpen(t)
	if _, err := importCSV(t, s, "Nama,Kelurahan\nKSP Maju,Kauman\n"); err != nil {
		t.Fatal(err)
	}
	res, err := importCSV(t, s, "Nama,NIK,Kelurahan\nKSP Maju,3576010100000001,Kauman\n")
	if err != nil || res.Created != 1 || res.MatchedByName != 0 {
		t.Errorf("created %d by name %d, %v; want 1 0 nil", res.Created, res.MatchedByName, err)
	}
}

func TestFoldName(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Koperasi Sumber Rejeki", "sumber rejeki"},
		{"Kop. Sumber-Rejeki", "SUMBER REJEKI"},
		{"KOP SumberRejeki", "Sumber  Rejeki."},
		{"Koperasi", "koperasi"},
	} {
		if foldName(tc.a) != foldName(tc.b) {
			t.Errorf("%q and %q fold to %q and %q", tc.a, tc.b, foldName(tc.a), foldName(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"KSP Sumber Rejeki", "Sumber Rejeki"}, // KSP is a kind, not the prefix
		{"Kopkar Maju", "Maju"},
	} {
		if foldName(tc.a) == foldName(tc.b) {
			t.Errorf("%q and %q both fold to %q", tc.a, tc.b, foldName(tc.a))
		}
	}
	if foldLegal("12/3/BH") == foldLegal("1/23/BH") {
		t.Error("12/3 and 1/23 fold alike")
	}
}
