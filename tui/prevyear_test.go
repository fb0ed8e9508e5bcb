package tui

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"koroena/scoring"
	"koroena/store"
)

// A new ksp-2021 draft takes last year's figures from the final assessment of the year
// before: an entered figure as entered, an aggregate as its result derived it; nothing
// from a draft, an amended revision or another year, and nothing unreadable.
func TestPreviousFigures(t *testing.T) {
	in, err := scoring.Default().Lookup("ksp-2021")
	if err != nil {
		t.Fatal(err)
	}
	final2024 := store.Assessment{FiscalYear: 2024, Status: store.StatusFinal,
		Figures: map[string]string{"total_aset": "1500000000.50"},
		Result: &store.Result{Output: json.RawMessage(
			`{"derived":{"ekuitas":350000000.25,"shu_setelah_pajak":"bad"}}`)}}
	others := []store.Assessment{
		{FiscalYear: 2024, Status: store.StatusAmended,
			Figures: map[string]string{"total_aset": "1"}},
		{FiscalYear: 2024, Status: store.StatusDraft,
			Figures: map[string]string{"dana_yang_diterima": "2"}},
		{FiscalYear: 2023, Status: store.StatusFinal,
			Figures: map[string]string{"dana_yang_diterima": "3"}},
	}
	figures, notes := previousFigures(in, append(others, final2024), 2025, Indonesian)
	want := map[string]string{"total_aset_lalu": "1500000000.50",
		"ekuitas_lalu": "350000000.25"}
	if !maps.Equal(figures, want) {
		t.Errorf("figures = %v, want %v", figures, want)
	}
	if n := notes["total_aset_lalu"]; !strings.Contains(n, "total_aset") ||
		!strings.Contains(n, "2024") {
		t.Errorf("note = %q, want where the figure came from", n)
	}
	if f, _ := previousFigures(in, others[:2], 2025, English); f != nil {
		t.Errorf("without a final of 2024: %v", f)
	}
}

// Through the screens: a 2026 draft started after a final 2025 assessment holds the
// figures the two instruments share, each with its note, and is saved with them.
func TestStart_FillsLastYearFigures(t *testing.T) {
	fx := mustAssessStore(t)
	final := finalSehat(t, fx)
	d := newAssessDriver(t, fx.st, English, 100, 30)
	d.keys("enter", "n", "right")
	d.requireContains("new: enter starts a draft")
	d.keys("enter")
	a := d.m.as.assess.a
	if d.m.focused() != focusAssess || a.FiscalYear != 2026 || a.Instrument != "ksp-2021" {
		t.Fatalf("no 2026 ksp-2021 draft (%s %d):\n%s", a.Instrument, a.FiscalYear, d.screen())
	}
	stored, err := fx.st.Assessment(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := derivedFigures(&final)["dana_yang_diterima"] // an aggregate in ksp-2016
	if want == "" || stored.Figures["dana_yang_diterima_lalu"] != want {
		t.Errorf("dana_yang_diterima_lalu = %q, want last year's %q",
			stored.Figures["dana_yang_diterima_lalu"], want)
	}
	if !strings.Contains(stored.ItemNotes["dana_yang_diterima_lalu"], "2025") {
		t.Errorf("no note on the filled figure: %v", stored.ItemNotes)
	}
}
