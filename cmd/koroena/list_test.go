package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"koroena/store"
)

// runWithEnv runs koroena with args and an environment of only env.
func runWithEnv(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut, func(k string) string {
		return env[k]
	})
	return code, out.String(), errOut.String()
}

// fillListDB writes three cooperatives through the store: one with an amended and a
// final assessment, one with only a draft, one inactive without assessments.
func fillListDB(t *testing.T, path string) (ids []string) {
	t.Helper()
	st, err := store.Open(path, store.Options{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(c store.Cooperative) store.Cooperative {
		c, err := st.CreateCooperative(c)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
		return c
	}
	sumber := mk(store.Cooperative{Name: "KSP Sumber Rejeki", NIK: "3573010000000001",
		Kecamatan: "Lowokwaru", Kelurahan: "Tlogomas", BusinessType: "ksp", Active: true})
	maju := mk(store.Cooperative{Name: "koperasi Maju", Kecamatan: "Klojen",
		Kelurahan: "Oro-oro Dowo", BusinessType: "konsumen", Active: true})
	mk(store.Cooperative{Name: "KPRI Guru", BusinessType: "kpri"})

	res := func(total, pred string) store.Finalization {
		return store.Finalization{Result: store.Result{Complete: true, Total: total,
			Predicate: pred}}
	}
	for _, y := range []int{2023, 2024} {
		a, err := st.CreateAssessment(store.Assessment{CoopID: sumber.ID,
			Instrument: "ksp-2016", Version: 1, FiscalYear: y})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.FinalizeAssessment(a.ID, res("70.00", "cukup_sehat")); err != nil {
			t.Fatal(err)
		}
		if y == 2024 {
			rev, err := st.AmendAssessment(a.ID, "typo")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.FinalizeAssessment(rev.ID, res("81.25", "sehat")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.CreateAssessment(store.Assessment{CoopID: maju.ID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2024}); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestList_JSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	ids := fillListDB(t, path)
	code, out, errOut := runWithEnv(t, nil, "list", "--db", path, "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}

	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	want := []map[string]any{
		{"id": ids[1], "name": "koperasi Maju", "nik": "", "kecamatan": "Klojen",
			"kelurahan": "Oro-oro Dowo", "type": "konsumen", "active": true, "year": nil,
			"total": nil, "predicate": nil},
		{"id": ids[2], "name": "KPRI Guru", "nik": "", "kecamatan": "", "kelurahan": "",
			"type": "kpri", "active": false, "year": nil, "total": nil, "predicate": nil},
		{"id": ids[0], "name": "KSP Sumber Rejeki", "nik": "3573010000000001",
			"kecamatan": "Lowokwaru", "kelurahan": "Tlogomas", "type": "ksp", "active": true,
			"year": 2024.0, "total": 81.25, "predicate": "sehat"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("list --json (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, `"total": 81.25`) {
		t.Errorf("total is not printed as the exact number 81.25:\n%s", out)
	}
}

func TestList_Table(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	ids := fillListDB(t, path)
	code, out, errOut := runWithEnv(t, map[string]string{"KOROENA_DB": path}, "list")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want a header and 3 rows:\n%s", len(lines), out)
	}
	wantFields := [][]string{
		{"ID", "NAME", "NIK", "KECAMATAN", "KELURAHAN", "TYPE", "ACTIVE", "YEAR", "TOTAL",
			"PREDICATE"},
		{ids[1], "koperasi", "Maju", "-", "Klojen", "Oro-oro", "Dowo", "konsumen", "yes",
			"-", "-", "-"},
		{ids[2], "KPRI", "Guru", "-", "-", "-", "kpri", "no", "-", "-", "-"},
		{ids[0], "KSP", "Sumber", "Rejeki", "3573010000000001", "Lowokwaru", "Tlogomas",
			"ksp", "yes", "2024", "81.25", "sehat"},
	}
	for i, want := range wantFields {
		if diff := cmp.Diff(want, strings.Fields(lines[i])); diff != "" {
			t.Errorf("line %d (-want +got):\n%s", i, diff)
		}
	}

	// Aligned: every column starts at the same offset on every line.
	col := strings.Index(lines[0], "TOTAL")
	if got := strings.Index(lines[3], "81.25"); got != col {
		t.Errorf("TOTAL at column %d, 81.25 at %d:\n%s", col, got, out)
	}
}

func TestList_DefaultPathAndEmpty(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"XDG_DATA_HOME": data}
	want := filepath.Join(data, "koroena", "koroena.db")

	// Without a file, list says where it looked.
	code, _, errOut := runWithEnv(t, env, "list")
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("missing file: exit %d, stderr %q; want 1 naming %s", code, errOut, want)
	}
	fi, err := os.Stat(filepath.Dir(want))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("data folder: %v, mode %v; want 0700", err, fi.Mode().Perm())
	}

	// An empty store lists as [] and as a bare header.
	st, err := store.Open(want, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, _ := runWithEnv(t, env, "list", "--json"); code != 0 ||
		strings.TrimSpace(out) != "[]" {
		t.Errorf("empty --json: exit %d, %q", code, out)
	}
	if code, out, _ := runWithEnv(t, env, "list"); code != 0 ||
		strings.Count(out, "\n") != 1 {
		t.Errorf("empty table: exit %d, %q", code, out)
	}
}

func TestList_PathPrecedence(t *testing.T) {
	home, data := t.TempDir(), t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
		db   string
		want string
	}{
		{"flag first", map[string]string{"KOROENA_DB": "/env.db"}, "/flag.db", "/flag.db"},
		{"then env", map[string]string{"KOROENA_DB": "/env.db", "XDG_DATA_HOME": data}, "",
			"/env.db"},
		{"then XDG", map[string]string{"XDG_DATA_HOME": data, "HOME": home}, "",
			filepath.Join(data, "koroena", "koroena.db")},
		{"relative XDG ignored", map[string]string{"XDG_DATA_HOME": "rel", "HOME": home}, "",
			filepath.Join(home, ".local", "share", "koroena", "koroena.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// "/" exists, so dataFile creates nothing for /flag.db and /env.db.
			a := &app{dbPath: tt.db, getenv: func(k string) string { return tt.env[k] }}
			got, err := a.dataFile()
			if err != nil || got != tt.want {
				t.Errorf("dataFile = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestList_LockedFileNamed(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the lock timeout")
	}
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Linux flock locks belong to an open file description, so a second open in this
	// process conflicts like another koroena would.
	start := time.Now()
	code, _, errOut := runWithEnv(t, nil, "list", "--db", path)
	if code == 0 || !strings.Contains(errOut, path) || !strings.Contains(errOut, "in use") {
		t.Errorf("exit %d, stderr %q; want an error naming the locked file", code, errOut)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}
