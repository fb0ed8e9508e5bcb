package tui

import (
	"fmt"
	"testing"

	"koroena/scoring"
	"koroena/store"
)

// goldenFixture is a cooperative with a final assessment of 2024 (the sehat vector with
// less cash and two answers lower) and, for 2025, either a half-typed draft or the whole
// sehat vector finalized.
func goldenFixture(t *testing.T, finalize bool) (assessFixture, string) {
	t.Helper()
	fx := mustAssessStore(t)
	v := loadSehat(t)
	figs, answers := map[string]string{}, map[string]bool{}
	for k, n := range v.Figures {
		figs[k] = n.String()
	}
	for k, a := range v.Answers {
		answers[k] = a
	}

	// 2024: the same books with less cash and two answers lower.
	old := map[string]string{}
	for k, x := range figs {
		old[k] = x
	}
	old["kas"], old["bank"] = "50000000", "150000000"
	oldAns := map[string]bool{}
	for k, a := range answers {
		oldAns[k] = a
	}
	oldAns["mu01"], oldAns["mk01"] = false, false
	finalOf(t, fx, 2024, old, oldAns)

	if finalize {
		return fx, finalOf(t, fx, 2025, figs, answers).ID
	}

	// 2025: the assets and liabilities typed, the first checklist answered, a note.
	half := map[string]string{}
	for _, id := range []string{"kas", "bank", "simpanan_di_lembaga_lain", "surat_berharga",
		"pinjaman_anggota", "pinjaman_non_anggota", "penyertaan", "pendapatan_ymh_diterima",
		"aktiva_tetap", "total_aset", "kewajiban_lancar", "tabungan"} {
		half[id] = figs[id]
	}
	someAns := map[string]bool{}
	for _, q := range []string{"mu01", "mu02", "mu03", "mu11"} {
		someAns[q] = answers[q]
	}
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025, Figures: half, Answers: someAns,
		ItemNotes: map[string]string{"tabungan": "Menunggu rekening koran Desember."},
		CoachID:   fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	return fx, a.ID
}

// finalOf stores a final assessment of year with the given figures and answers.
func finalOf(t *testing.T, fx assessFixture, year int, figs map[string]string,
	answers map[string]bool,
) store.Assessment {
	t.Helper()
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: year, Figures: figs, Answers: answers,
		CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	sty := newStyles(true)
	m := newAssessModel(English, &sty, fx.st, nil)
	m.in, m.figures, m.answers = mustInstrument(t), figs, answers
	res, err := storeResult(m.score())
	if err != nil {
		t.Fatal(err)
	}
	a, err = fx.st.FinalizeAssessment(a.ID, store.Finalization{Version: 1, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAssess_Golden(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				fx, id := goldenFixture(t, false)
				d := newAssessDriver(t, fx.st, lang, sz[0], sz[1])
				d.send(openAssessMsg{id: id})
				d.keys("up") // onto the note of tabungan
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

func TestAssess_GoldenTyping(t *testing.T) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			fx, id := goldenFixture(t, false)
			d := newAssessDriver(t, fx.st, Indonesian, sz[0], sz[1])
			d.send(openAssessMsg{id: id})
			d.send(typeText("1,2 M")...)
			checkGolden(t, d, sz[0], sz[1])
		})
	}
}

func TestDiagnosis_Golden(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				fx, id := goldenFixture(t, true)
				d := newAssessDriver(t, fx.st, lang, sz[0], sz[1])
				d.send(openDiagnosisMsg{id: id})
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

func TestDiagnosis_GoldenComponents(t *testing.T) {
	fx, id := goldenFixture(t, true)
	d := newAssessDriver(t, fx.st, English, 120, 40)
	d.send(openDiagnosisMsg{id: id})
	d.keys("t", "pgdown")
	checkGolden(t, d, 120, 40)
}

// mustInstrument is the embedded ksp-2016, version 1.
func mustInstrument(t *testing.T) *scoring.Instrument {
	t.Helper()
	in, err := scoring.Default().Lookup("ksp-2016@1")
	if err != nil {
		t.Fatal(err)
	}
	return in
}
