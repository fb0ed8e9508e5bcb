package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/go-cmp/cmp"

	"koroena/scoring"
	"koroena/store"
)

// testNow is the clock of the assessment tests: fiscal year 2025 is the last closed one.
func testNow() time.Time { return time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC) }

// assessFixture is a real store with one KSP, its coach, and optionally a final
// assessment of an earlier year.
type assessFixture struct {
	st     *store.Store
	coopID string
	coach  store.Coach
}

// mustAssessStore opens a store file in a temporary folder with one cooperative.
func mustAssessStore(t *testing.T) assessFixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "koroena.db"),
		store.Options{Actor: "tester", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	coach, err := st.PutCoach(store.Coach{Name: "Budi Santoso", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	coop, err := st.CreateCooperative(store.Cooperative{Name: "KSP Sumber Rejeki",
		BusinessType: "ksp", LegalType: "simpan_pinjam", CoachID: coach.ID, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return assessFixture{st: st, coopID: coop.ID, coach: coach}
}

// newAssessDriver builds the screens on repo with saves at every keystroke.
func newAssessDriver(t *testing.T, repo Repo, l Language, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, m: New(repo, Options{Lang: l, Now: testNow, SaveDelay: -1})}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.runCmd(d.m.Init())
	return d
}

// sehatVector is the input of the shared vector full-ksp-sehat.
type sehatVector struct {
	Figures map[string]json.Number `json:"figures"`
	Answers map[string]bool        `json:"answers"`
}

// loadSehat reads full-ksp-sehat.json from the repository's copy of the shared vectors.
func loadSehat(t *testing.T) sehatVector {
	t.Helper()
	data, err := os.ReadFile("../scoring/testdata/vectors/ksp-2016/full-ksp-sehat.json")
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

// humanRupiah writes an amount the way a coach might type it, varying the forms.
func humanRupiah(n int64, i int) string {
	switch {
	case n == 0:
		return "0"
	case n%1_000_000_000 == 0 && i%2 == 0:
		return fmt.Sprintf("%d miliar", n/1_000_000_000)
	case n%100_000_000 == 0 && i%3 == 0:
		return strings.Replace(fmt.Sprintf("%.1f M", float64(n)/1e9), ".", ",", 1)
	case n%1_000_000 == 0 && i%2 == 1:
		return fmt.Sprintf("%d jt", n/1_000_000)
	case i%3 == 2:
		return "Rp " + groupThousands(n)
	}
	return strconv.FormatInt(n, 10)
}

// groupThousands writes 1234567 as "1.234.567".
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// typeAssessment walks the assessment screen from top to bottom, typing the vector's
// figures and answering its questions, and leaves the rest empty.
func typeAssessment(t *testing.T, d *driver, v sehatVector) {
	t.Helper()
	d.keys("home")
	a := d.m.as.assess
	for i, r := range a.rows {
		if !r.editable() {
			continue
		}
		if got := d.m.as.assess.current(); got != r {
			t.Fatalf("cursor on %v, want %v", got, r)
		}
		switch r.kind {
		case rowFigure:
			num, ok := v.Figures[r.id]
			if !ok {
				d.keys("down")
				continue
			}
			n, err := num.Int64()
			if err != nil {
				t.Fatal(err)
			}
			d.send(typeText(humanRupiah(n, i))...)
			d.keys("enter")
		case rowQuestion:
			ans, ok := v.Answers[r.id]
			switch {
			case !ok:
				d.keys("down")
			case ans:
				d.keys("y")
			default:
				d.keys("n")
			}
		}
	}
}

// The screen test: the figures and answers of full-ksp-sehat typed through the
// assessment screen reach 89.45, finalize, the diagnosis says 89,45 Sehat, and the store
// holds exactly what was typed.
func TestAssess_TypeSehatFinalizeDiagnose(t *testing.T) {
	fx := mustAssessStore(t)
	v := loadSehat(t)
	d := newAssessDriver(t, fx.st, Indonesian, 120, 40)

	// Open the cooperative, start an assessment of the last closed year.
	d.keys("enter")
	d.keys("n")
	if d.m.focused() != focusStart {
		t.Fatalf("n did not open the start screen:\n%s", d.screen())
	}
	d.requireContains("2025")
	chooseInstrument(t, d, "ksp-2016@1")
	d.keys("enter")
	if d.m.focused() != focusAssess || !d.m.as.assess.loaded {
		t.Fatalf("enter did not open a new assessment:\n%s", d.screen())
	}

	typeAssessment(t, d, v)
	d.requireContains("Skor 89,45 · Sehat (sementara)")
	d.requireContains("80 dari 80")
	d.requireContains("tersimpan")
	if n := d.m.as.assess.unsaved(); n != 0 {
		t.Fatalf("%d changes unsaved", n)
	}

	// Finalize: F asks, y confirms.
	d.keys("F")
	d.requireContains("Finalisasi TB 2025 dengan skor 89,45, Sehat?")
	d.keys("y")
	id := d.m.as.assess.a.ID
	if d.m.as.assess.a.Status != store.StatusFinal {
		t.Fatalf("status %s after finalizing:\n%s", d.m.as.assess.a.Status, d.screen())
	}

	// The diagnosis.
	d.keys("d")
	if d.m.focused() != focusDiagnosis {
		t.Fatalf("d did not open the diagnosis:\n%s", d.screen())
	}
	d.requireContains("Skor 89,45 / 100")
	d.requireContains("Sehat")
	// At its foot, what a reader must know of the rubric: its notes.
	whole := ansi.Strip(strings.Join(d.m.as.diag.content(), "\n"))
	for _, want := range []string{"Catatan tentang instrumen ksp-2016@1", "anggap sementara"} {
		if !strings.Contains(whole, want) {
			t.Errorf("the diagnosis lacks %q", want)
		}
	}
	if got := fixed2(d.m.as.diag.res.Total); got != "89.45" {
		t.Errorf("diagnosis total %s, want 89.45", got)
	}

	// The store holds exactly the vector's figures and answers, and the result.
	a, err := fx.st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for k, n := range v.Figures {
		want[k] = n.String()
	}
	if diff := cmp.Diff(want, a.Figures); diff != "" {
		t.Errorf("stored figures (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(v.Answers, a.Answers); diff != "" {
		t.Errorf("stored answers (-want +got):\n%s", diff)
	}
	if a.Status != store.StatusFinal || a.Result == nil || a.Result.Total != "89.45" ||
		a.Result.Predicate != "sehat" || a.CoachID != fx.coach.ID || a.FinalizedBy != "tester" {
		t.Errorf("stored %s by %q coach %q result %+v", a.Status, a.FinalizedBy, a.CoachID,
			a.Result)
	}
}

// A finalized assessment only shows: keys that would edit it do nothing, and amending
// needs a reason and makes a new revision while the old one stays.
func TestAssess_FinalIsReadOnlyAndAmendNeedsReason(t *testing.T) {
	fx := mustAssessStore(t)
	final := finalSehat(t, fx)
	d := newAssessDriver(t, fx.st, English, 100, 30)
	d.send(openAssessMsg{id: final.ID})
	d.requireContains("Locked")

	// Typing over a figure or answering does nothing.
	d.keys("5", "y", "x", "enter")
	if d.m.as.assess.mode != modeBrowse || d.m.as.assess.unsaved() != 0 {
		t.Fatalf("a final assessment took an edit: mode %d", d.m.as.assess.mode)
	}

	// Amend without a reason is refused; with one it opens a new draft.
	d.keys("a")
	d.requireContains("Reason")
	d.keys("enter")
	d.requireContains("A reason is required.")
	d.send(typeText("bank statement corrected")...)
	d.keys("enter")
	rev := d.m.as.assess.a
	if rev.Status != store.StatusDraft || rev.Replaces != final.ID {
		t.Fatalf("after amend: %+v", rev)
	}
	all, err := fx.st.AssessmentsOf(fx.coopID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Fatalf("%d revisions, want 2", len(all))
	}
	old, err := fx.st.Assessment(final.ID)
	if err != nil || old.Status != store.StatusFinal {
		t.Fatalf("old revision: %s, %v", old.Status, err)
	}
}

// finalSehat stores a final assessment of 2025 with the vector's figures and answers.
func finalSehat(t *testing.T, fx assessFixture) store.Assessment {
	t.Helper()
	v := loadSehat(t)
	figs := map[string]string{}
	for k, n := range v.Figures {
		figs[k] = n.String()
	}
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025, Figures: figs, Answers: v.Answers,
		CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	in, err := scoring.Default().Lookup("ksp-2016@1")
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
	a, err = fx.st.FinalizeAssessment(a.ID, store.Finalization{Version: 1, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// chooseInstrument picks an instrument on the start screen with the arrow keys.
func chooseInstrument(t *testing.T, d *driver, ref string) {
	t.Helper()
	d.keys("up")
	for range d.m.as.start.instruments {
		if in := d.m.as.start.instruments[d.m.as.start.inst]; in.Ref() == ref {
			d.keys("down")
			return
		}
		d.keys("right")
	}
	t.Fatalf("no instrument %s on the start screen", ref)
}
