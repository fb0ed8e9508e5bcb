package tui

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"koroena/scoring"
	"koroena/store"
)

// loadKSP2021 reads the synthetic full ksp-2021 case from the scoring vectors.
func loadKSP2021(t *testing.T) sehatVector {
	t.Helper()
	data, err := os.ReadFile("../scoring/testdata/vectors/ksp-2021/synthetic-ksp-full.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Input sehatVector `json:"input"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v.Input
}

// Issue 7: choosing ksp-2021 on the start screen works end to end. The synthetic
// cooperative typed through the assessment screen reaches 80.25 Sehat, finalizes, and the
// diagnosis shows the same; the store keeps the 2021 result.
func TestAssess_KSP2021TypeFinalizeDiagnose(t *testing.T) {
	fx := mustAssessStore(t)
	v := loadKSP2021(t)
	old := loadSehat(t)
	finalOn(t, fx, "ksp-2016@1", 2024, old) // the year before, on the 2016 rubric
	d := newAssessDriver(t, fx.st, Indonesian, 120, 40)

	d.keys("enter")
	d.keys("n")
	chooseInstrument(t, d, "ksp-2021@1")
	d.keys("enter")
	if d.m.focused() != focusAssess || !d.m.as.assess.loaded {
		t.Fatalf("enter did not open a new assessment:\n%s", d.screen())
	}

	// The RAT of the year has not been held: the examination is flagged, the score stands.
	v.Answers["el_rat"] = false
	if !slices.Contains(d.m.as.assess.rows, assessRow{rowSection, sectionEligibility}) {
		t.Fatal("no preconditions section on the assessment screen")
	}
	typeAssessment(t, d, v)
	d.requireContains("Skor 80,25 · Sehat (sementara)")
	// Each aspect's heading has its score of 100, weight and predicate.
	head := ansi.Strip(strings.Join(d.m.as.assess.sectionLines(aspectPrefix+"tata_kelola",
		120), "\n"))
	if !strings.Contains(head, "75,00/100 ×30% CS") {
		t.Errorf("tata kelola heading %q, want its score, weight and predicate", head)
	}
	if n := d.m.as.assess.unsaved(); n != 0 {
		t.Fatalf("%d changes unsaved", n)
	}

	d.keys("F")
	d.requireContains("80,25, Sehat?")
	d.keys("y")
	id := d.m.as.assess.a.ID
	if d.m.as.assess.a.Status != store.StatusFinal {
		t.Fatalf("status %s after finalizing:\n%s", d.m.as.assess.a.Status, d.screen())
	}

	d.keys("d")
	if d.m.focused() != focusDiagnosis {
		t.Fatalf("d did not open the diagnosis:\n%s", d.screen())
	}
	d.requireContains("Skor 80,25 / 100")
	d.requireContains("Tata Kelola")
	d.requireContains("75,00/100 ×30% Cukup Sehat")
	d.requireContains("nilai 2 Cukup Sehat · skor 3,00/4")
	d.requireContains("2 dari 3 ya = 66,67 % → nilai 2")
	d.requireContains("Syarat pemeriksaan belum terpenuhi (el_rat): hasil ini ditandai.")
	// The 2016 assessment of 2024 is named, but not subtracted from the 2021 score.
	d.requireContains("Dibanding TB 2024 (89,45, Sehat) · ksp-2016")
	d.requireContains("ksp-2016 dan ksp-2021 adalah rubrik berbeda")
	if strings.Contains(d.screen(), "▲") || strings.Contains(d.screen(), "▼") {
		t.Errorf("the diagnosis compares components across rubrics:\n%s", d.screen())
	}
	d.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	for _, l := range strings.Split(d.screen(), "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("line of %d columns at 60x15: %q", w, l)
		}
	}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if got := fixed2(d.m.as.diag.res.Total); got != "80.25" {
		t.Errorf("diagnosis total %s, want 80.25", got)
	}
	a, err := fx.st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Instrument != "ksp-2021" || a.Result == nil || a.Result.Total != "80.25" ||
		a.Result.Predicate != "sehat" {
		t.Errorf("stored %s result %+v", a.Instrument, a.Result)
	}

	// The record: both assessments on the timeline, each with its instrument, and the
	// trend names each column's rubric and says they do not compare.
	for range 4 {
		if d.m.focused() == focusRecord {
			break
		}
		d.keys("esc")
	}
	if d.m.focused() != focusRecord {
		t.Fatalf("esc did not lead back to the record:\n%s", d.screen())
	}
	d.requireContains("TB 2025 · ksp-2021 · 80,25 Sehat")
	d.requireContains("TB 2024 · ksp-2016 · 89,45 Sehat")
	d.requireContains("2016  2021")
	for _, w := range []string{"Rubrik berbeda", "(ksp-2016, ksp-2021):", "skornya",
		"sebanding."} {
		d.requireContains(w)
	}
}

// finalOn stores a final assessment of a fiscal year with a vector's figures and answers,
// scored by the instrument ref.
func finalOn(t *testing.T, fx assessFixture, ref string, year int, v sehatVector,
) store.Assessment {
	t.Helper()
	in, err := scoring.Default().Lookup(ref)
	if err != nil {
		t.Fatal(err)
	}
	figs := map[string]string{}
	for k, n := range v.Figures {
		figs[k] = n.String()
	}
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID, Instrument: in.ID,
		Version: in.Version, FiscalYear: year, Figures: figs, Answers: v.Answers,
		CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	inp, err := scoring.NewInput(in, figs, v.Answers, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := storeResult(in.Score(inp))
	if err != nil {
		t.Fatal(err)
	}
	a, err = fx.st.FinalizeAssessment(a.ID, store.Finalization{Version: in.Version,
		Result: res})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
