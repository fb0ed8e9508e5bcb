package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// settings lists every setting with its default, sets one after checking it, refuses a
// bad value or an unknown key with status 2 and nothing changed, and unsets one.
func TestSettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	if code, _, errOut := koroena(t, db, "demo"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ := koroena(t, db, "settings")
	for _, want := range []string{"office.name", "(default: Klinik Koperasi)",
		"target_healthy_pct", "(default: 20)", "visit_months.dalam_pengawasan_khusus",
		"(default: 1)", "backup.keep", "registry.kelurahan"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("settings lacks %q (exit %d):\n%s", want, code, out)
		}
	}

	steps := []struct {
		args        []string
		code        int
		out, stderr string
	}{
		{[]string{"set", "office.name", "Dinas Koperasi Kota Mojokerto"}, 0,
			"office.name = Dinas Koperasi Kota Mojokerto", ""},
		{[]string{"set", "target_healthy_pct", "22,5"}, 0, "target_healthy_pct = 22.5", ""},
		{[]string{"set", "target_healthy_pct", "120"}, 2, "", "at most 100"},
		{[]string{"set", "visit_months.sehat", "nol"}, 2, "", "whole number from 1 to 120"},
		{[]string{"set", "lang", "fr"}, 2, "", `"fr" is not one of id, en`},
		{[]string{"set", "coach_id", "nobody at all"}, 2, "", "no coach is called"},
		{[]string{"set", "office", "x"}, 2, "", `unknown key "office"; the keys are lang`},
		{[]string{"set", "office.name", "Baris\x1bMerah"}, 2, "", "control character"},
		{[]string{"unset", "office.name"}, 0, "back to its default: Klinik Koperasi", ""},
	}
	for _, s := range steps {
		code, out, errOut := koroena(t, db, append([]string{"settings"}, s.args...)...)
		if code != s.code || !strings.Contains(out, s.out) ||
			!strings.Contains(errOut, s.stderr) {
			t.Errorf("settings %q: exit %d\n%s%s", s.args, code, out, errOut)
		}
	}
	_, out, _ = koroena(t, db, "settings")
	if !strings.Contains(out, "22.5") || !strings.Contains(out, "(default: Klinik Koperasi)") {
		t.Errorf("after the changes:\n%s", out)
	}
}

// Settings belong to a city: with no data file, setting one makes none.
func TestSettings_NoDataFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, _, errOut := koroena(t, db, "settings", "set", "backup.keep", "5")
	if code != 1 || !strings.Contains(errOut, "no data file at") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if !missing(db) {
		t.Error("a data file was made")
	}
}
