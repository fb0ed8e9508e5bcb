package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"koroena/store"
)

// fillTrainingDB writes two active cooperatives and an inactive one, with training items
// open, done and for the inactive one, and an action item.
func fillTrainingDB(t *testing.T, path string) {
	t.Helper()
	st, err := store.Open(path, store.Options{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	coop := func(name string, active bool) string {
		c, err := st.CreateCooperative(store.Cooperative{Name: name, Active: active,
			Kelurahan: "Kauman", Kecamatan: "Prajurit Kulon"})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	a, b, gone := coop("KSP Anggrek", true), coop("KSP Bakung, Jaya", true), coop("KSP Lama", false)
	add := func(coopID, id, typ string, status store.TreatmentStatus, due time.Time) {
		_, err := st.AddTreatment(store.Treatment{CoopID: coopID, TreatmentID: id, Type: typ,
			Title: id, Owner: "office", Status: status, Due: due})
		if err != nil {
			t.Fatal(err)
		}
	}
	day := func(m time.Month) time.Time { return time.Date(2027, m, 1, 0, 0, 0, 0, time.UTC) }
	add(a, "latih.analisis_kredit_5c", "latih", store.TreatmentPlanned, day(3))
	add(b, "latih.analisis_kredit_5c", "latih", store.TreatmentInProgress, day(2))
	add(b, "latih.tata_kelola", "latih", store.TreatmentDone, day(1))
	add(gone, "latih.tata_kelola", "latih", store.TreatmentPlanned, day(1))
	add(a, "aksi.kebijakan_agunan", "aksi", store.TreatmentPlanned, day(1))
}

func TestTraining_CSV(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	fillTrainingDB(t, db)
	out := filepath.Join(dir, "undangan.csv")
	code, stdout, stderr := runWithEnv(t, nil, "--db", db, "--lang", "en", "training",
		"--out", out)
	if code != 0 || stdout != "" || !strings.Contains(stderr, "2 rows in 1 topics") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\ufeff") {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).
		ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"topic_id", "topic", "cooperative"},
		{"latih.analisis_kredit_5c", "5C credit analysis and credit committee", "KSP Bakung, Jaya"},
		{"latih.analisis_kredit_5c", "5C credit analysis and credit committee", "KSP Anggrek"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %v, want %d", rows, len(want))
	}
	for i, w := range want {
		if got := rows[i][:3]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %v, want %v", i, got, w)
		}
	}
	if rows[1][10] != "2027-02-01" || rows[1][11] != "in progress" {
		t.Errorf("due and status = %v", rows[1][10:])
	}
}

func TestTraining_TopicFilterAndStdout(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	fillTrainingDB(t, db)
	code, stdout, _ := runWithEnv(t, nil, "--db", db, "--lang", "id", "training", "--topic",
		"latih.tata_kelola")
	if code != 0 || strings.Count(stdout, "\n") != 1 ||
		!strings.HasPrefix(stdout, "\ufeffkode_pelatihan,pelatihan") {
		t.Errorf("exit %d, stdout %q: want only the header (the items are done or inactive)",
			code, stdout)
	}
	code, _, stderr := runWithEnv(t, nil, "--db", db, "training", "--topic", "latih.nope")
	if code != 2 || !strings.Contains(stderr, "latih.nope") {
		t.Errorf("unknown topic: exit %d, stderr %q", code, stderr)
	}
}
