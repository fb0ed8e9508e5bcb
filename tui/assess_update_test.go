package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
	"koroena/store"
)

// failingRepo is a real store whose edits can be made to fail, as a full disk would.
type failingRepo struct {
	*store.Store
	mu   sync.Mutex
	fail error
}

func (r *failingRepo) setFail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fail = err
}

func (r *failingRepo) err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fail
}

func (r *failingRepo) SetFigure(id, figure, value string) (store.Assessment, error) {
	if err := r.err(); err != nil {
		return store.Assessment{}, err
	}
	return r.Store.SetFigure(id, figure, value)
}

func (r *failingRepo) SetAnswer(id, q string, v *bool) (store.Assessment, error) {
	if err := r.err(); err != nil {
		return store.Assessment{}, err
	}
	return r.Store.SetAnswer(id, q, v)
}

// openDraft starts a 2025 draft in the fixture and opens it on a driver.
func openDraftOn(t *testing.T, fx assessFixture, repo Repo, l Language) (*driver, string) {
	t.Helper()
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025, CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := newAssessDriver(t, repo, l, 100, 30)
	d.send(openAssessMsg{id: a.ID})
	if !d.m.as.assess.loaded {
		t.Fatalf("draft did not open:\n%s", d.screen())
	}
	return d, a.ID
}

// gotoRow puts the cursor on the row of item id with the down and up keys.
func gotoRow(t *testing.T, d *driver, id string) {
	t.Helper()
	d.keys("home")
	for range len(d.m.as.assess.rows) {
		if d.m.as.assess.current().id == id {
			return
		}
		d.keys("down")
	}
	t.Fatalf("no row %s", id)
}

// typeFigure types text into the figure id and presses enter.
func typeFigure(t *testing.T, d *driver, id, text string) {
	t.Helper()
	gotoRow(t, d, id)
	d.send(typeText(text)...)
	d.keys("enter")
}

// mustFigure reads one stored figure.
func mustFigure(t *testing.T, st *store.Store, id, fig string) string {
	t.Helper()
	a, err := st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Figures[fig]
}

// A failed write says so, keeps the value marked unsaved, loses nothing saved before,
// and r writes it once the store works again.
func TestAssess_FailedWriteKeepsValueMarked(t *testing.T) {
	fx := mustAssessStore(t)
	repo := &failingRepo{Store: fx.st}
	d, id := openDraftOn(t, fx, repo, English)

	typeFigure(t, d, "kas", "1.000")
	d.requireContains("saved")

	repo.setFail(errors.New("disk full"))
	typeFigure(t, d, "bank", "2 jt")
	d.requireContains("NOT SAVED")
	d.requireContains("disk full")
	d.requireContains("2.000.000 ✗")
	if got := mustFigure(t, fx.st, id, "kas"); got != "1000" {
		t.Errorf("kas in the store: %q, want 1000", got)
	}
	if got := mustFigure(t, fx.st, id, "bank"); got != "" {
		t.Errorf("bank in the store: %q, want nothing", got)
	}

	repo.setFail(nil)
	d.keys("r")
	d.requireContains("2.000.000 ✓")
	if got := mustFigure(t, fx.st, id, "bank"); got != "2000000" {
		t.Errorf("bank after retry: %q, want 2000000", got)
	}
	if strings.Contains(d.screen(), "NOT SAVED") {
		t.Errorf("still says not saved:\n%s", d.screen())
	}
}

// What the field cannot read gets a message saying what it takes; the saved value stays.
func TestAssess_UnreadableEntryKeepsSavedValue(t *testing.T) {
	fx := mustAssessStore(t)
	d, id := openDraftOn(t, fx, fx.st, English)
	typeFigure(t, d, "kas", "1.000")

	typeFigure(t, d, "kas", "12 xyz")
	if d.m.as.assess.mode != modeFigure {
		t.Fatal("enter on an unreadable entry left the field")
	}
	d.requireContains(`unknown unit "xyz"`)
	d.requireContains("e.g. 1.234.567")
	d.keys("esc")
	d.requireContains("✗ unknown unit")
	if got := mustFigure(t, fx.st, id, "kas"); got != "1000" {
		t.Errorf("kas in the store: %q, want 1000", got)
	}
	if got := d.m.as.assess.figures["kas"]; got != "1000" {
		t.Errorf("kas on screen: %q, want 1000", got)
	}
}

// The field reads rupiah the way people write them, and a minus only where allowed.
func TestAssess_FieldReadsRupiah(t *testing.T) {
	tests := []struct {
		name, fig, typed, want string
	}{
		{"grouped", "kas", "1.234.567", "1234567"},
		{"plain", "kas", "1234567", "1234567"},
		{"rp and sen", "kas", "Rp 1.234.567,50", "1234567.50"},
		{"jt", "kas", "250 jt", "250000000"},
		{"juta", "kas", "250 juta", "250000000"},
		{"M", "kas", "1,5 M", "1500000000"},
		{"miliar", "kas", "1,5 miliar", "1500000000"},
		{"negative allowed", "shu_belum_dibagi", "-75.000", "-75000"},
		{"negative refused", "kas", "-75.000", ""},
		{"too many decimals", "kas", "1,234", ""},
	}
	fx := mustAssessStore(t)
	d, id := openDraftOn(t, fx, fx.st, English)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotoRow(t, d, tt.fig)
			d.keys("x")
			typeFigure(t, d, tt.fig, tt.typed)
			if d.m.as.assess.mode == modeFigure {
				d.keys("esc")
			}
			if got := mustFigure(t, fx.st, id, tt.fig); got != tt.want {
				t.Errorf("typed %q: stored %q, want %q", tt.typed, got, tt.want)
			}
		})
	}
}

// While typing, the field shows the amount it understood, id-ID style.
func TestAssess_FieldShowsWhatItRead(t *testing.T) {
	fx := mustAssessStore(t)
	d, _ := openDraftOn(t, fx, fx.st, Indonesian)
	gotoRow(t, d, "kas")
	d.send(typeText("1,5 miliar")...)
	d.requireContains("= Rp 1.500.000.000")
	d.keys("ctrl+u")
	d.send(typeText("-5")...)
	d.requireContains("tidak boleh negatif")
}

// A figure whose typed text cannot be read is marked ✗ on its row, while typed and after
// it is refused, though the value saved before stays: a ✓ there read as accepted.
func TestAssess_UnreadableFigureMarked(t *testing.T) {
	fx := mustAssessStore(t)
	d, _ := openDraftOn(t, fx, fx.st, English)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 200})
	typeFigure(t, d, "kas", "1.000")
	requireLine(t, d, "1.000", "✓")
	gotoRow(t, d, "kas")
	d.keys("enter")
	d.keys("ctrl+u")
	d.send(typeText("1,234")...)
	requireLine(t, d, "1,234▏", "✗")
	d.keys("enter", "esc") // enter keeps the field open on unreadable text; esc leaves it
	requireLine(t, d, "1.000", "✗")
	if strings.Contains(lineWith(d, "1.000"), "✓") {
		t.Errorf("the refused figure still shows ✓:\n%s", lineWith(d, "1.000"))
	}
}

// lineWith is the first screen line that holds part.
func lineWith(d *driver, part string) string {
	for line := range strings.Lines(d.screen()) {
		if strings.Contains(line, part) {
			return line
		}
	}
	return ""
}

// An aggregate is derived from its parts until it is typed, and the screen says which.
func TestAssess_AggregateTypedOrDerived(t *testing.T) {
	fx := mustAssessStore(t)
	d, _ := openDraftOn(t, fx, fx.st, English)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 200})
	typeFigure(t, d, "pinjaman_anggota", "4.200.000.000")
	typeFigure(t, d, "pinjaman_non_anggota", "300 jt")
	requireLine(t, d, "Outstanding loans in total", "derived", "4.500.000.000")
	typeFigure(t, d, "pinjaman_diberikan", "4,6 M")
	requireLine(t, d, "Outstanding loans in total", "typed", "4.600.000.000")
	gotoRow(t, d, "pinjaman_diberikan")
	d.keys("x")
	requireLine(t, d, "Outstanding loans in total", "derived", "4.500.000.000")
}

// requireLine fails unless one line of the screen holds every part.
func requireLine(t *testing.T, d *driver, parts ...string) {
	t.Helper()
	for _, l := range strings.Split(d.screen(), "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(l, p)
		}
		if all {
			return
		}
	}
	t.Fatalf("no line holds %q:\n%s", parts, d.screen())
}

// Questions take y, n and x; tab jumps to the next empty item; progress counts.
func TestAssess_AnswersProgressNextEmpty(t *testing.T) {
	fx := mustAssessStore(t)
	d, id := openDraftOn(t, fx, fx.st, English)
	d.requireContains("0 of 80")
	gotoRow(t, d, "mu01")
	d.keys("y", "n") // mu01 ya, mu02 tidak
	d.requireContains("2 of 80")
	gotoRow(t, d, "mu02")
	d.keys("x")
	d.requireContains("1 of 80")
	a, err := fx.st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := a.Answers["mu01"]; !ok || !v || len(a.Answers) != 1 {
		t.Errorf("stored answers %v, want only mu01 ya", a.Answers)
	}

	gotoRow(t, d, "mu01")
	d.keys("tab")
	if got := d.m.as.assess.current().id; got != "mu02" {
		t.Errorf("tab went to %s, want mu02", got)
	}
}

// A note on any item is saved with it.
func TestAssess_NoteOnItem(t *testing.T) {
	fx := mustAssessStore(t)
	d, id := openDraftOn(t, fx, fx.st, English)
	gotoRow(t, d, "mk01")
	d.keys("c")
	d.send(typeText("AD/ART dated 2019; q and ? are letters here")...)
	d.keys("enter")
	a, err := fx.st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.ItemNotes["mk01"]; got != "AD/ART dated 2019; q and ? are letters here" {
		t.Errorf("stored note %q", got)
	}
	if d.quit || d.m.showHelp {
		t.Error("typing a note quit or opened help")
	}
}

// Soft warnings: assets against liabilities plus equity, and a figure far from last year.
func TestAssess_SoftWarnings(t *testing.T) {
	fx := mustAssessStore(t)
	prev := finalSehat(t, fx) // 2025
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2026, Figures: prev.Figures,
		CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := newAssessDriver(t, fx.st, English, 120, 30)
	d.send(openAssessMsg{id: a.ID})
	if strings.Contains(d.screen(), "assets ≠") {
		t.Fatalf("balanced books warned:\n%s", d.screen())
	}
	typeFigure(t, d, "kas", "400 jt") // 150 jt last year
	gotoRow(t, d, "kas")
	d.requireContains("! +166 % against FY 2025 (Rp 150.000.000)")
	typeFigure(t, d, "total_aset", "5,6 M")
	d.requireContains("assets ≠ liabilities + equity (off by 100.000.000)")
	if d.m.as.assess.mode != modeBrowse || d.m.as.assess.unsaved() != 0 {
		t.Error("a warning blocked the entry")
	}
}

// Finalizing an incomplete assessment lists what is missing and locks nothing.
func TestAssess_FinalizeShowsMissing(t *testing.T) {
	fx := mustAssessStore(t)
	d, id := openDraftOn(t, fx, fx.st, English)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 80})
	typeFigure(t, d, "kas", "1.000")
	d.keys("F")
	d.requireContains("Cannot finalize yet: 22 components incomplete")
	d.requireContains("Cash ratio: Demand balances at banks, Current liabilities")
	d.keys("esc")
	a, err := fx.st.Assessment(id)
	if err != nil || a.Status != store.StatusDraft {
		t.Fatalf("status %s, %v", a.Status, err)
	}
}

// Quitting while a figure is being typed saves it first, then quits.
func TestAssess_QuitSavesTypedFigure(t *testing.T) {
	fx := mustAssessStore(t)
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025, CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: New(fx.st, Options{Lang: English, Now: testNow,
		SaveDelay: time.Hour})}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.send(openAssessMsg{id: a.ID})
	gotoRow(t, d, "kas")
	// Typed, with its save waiting for a pause that never comes.
	for _, k := range typeText("777") {
		next, _ := d.m.Update(k)
		d.m = next.(Model)
	}
	d.keys("ctrl+c")
	if !d.quit {
		t.Fatal("ctrl+c did not quit")
	}
	if got := mustFigure(t, fx.st, a.ID, "kas"); got != "777" {
		t.Errorf("kas after quitting: %q, want 777", got)
	}
}

// Leaving a draft and coming back finds it as it was, the cursor on the first empty item.
func TestAssess_ResumeDraftFromRecord(t *testing.T) {
	fx := mustAssessStore(t)
	d, _ := openDraftOn(t, fx, fx.st, English)
	typeFigure(t, d, "kas", "150 jt")
	d.keys("esc")
	d.keys("esc")

	d.keys("enter") // the record from the list
	d.requireContains("✎ draft")
	d.keys("enter") // resume
	if d.m.focused() != focusAssess {
		t.Fatalf("enter on the record did not resume:\n%s", d.screen())
	}
	if got := d.m.as.assess.figures["kas"]; got != "150000000" {
		t.Errorf("kas %q after resuming", got)
	}
	if got := d.m.as.assess.current().id; got != "bank" {
		t.Errorf("resumed on %s, want bank", got)
	}
}

// The start screen: the newest fitting instrument, the last closed year, and a year with
// a final assessment opens it instead of starting a second one.
func TestStart_DefaultsAndFinalYear(t *testing.T) {
	fx := mustAssessStore(t)
	final := finalSehat(t, fx)
	d := newAssessDriver(t, fx.st, English, 100, 30)
	d.keys("enter", "n")
	newest := ""
	for _, in := range scoring.Default().Instruments() {
		if strings.HasPrefix(in.ID, "ksp-") && in.Ref() > newest {
			newest = in.Ref()
		}
	}
	d.requireContains(newest)
	d.requireContains("‹ 2025 ›")
	d.requireContains("final (89.45 Healthy): enter opens it, a amends it")
	d.keys("enter")
	if d.m.focused() != focusAssess || d.m.as.assess.a.ID != final.ID {
		t.Fatalf("enter did not open the final assessment:\n%s", d.screen())
	}
	d.keys("esc")
	if d.m.focused() != focusRecord {
		t.Fatalf("esc from the assessment went to %d, want the record", d.m.focused())
	}

	// A second final for 2025 is refused by the store.
	_, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025})
	if !errors.Is(err, store.ErrDuplicateFinal) {
		t.Errorf("second 2025 assessment: %v, want ErrDuplicateFinal", err)
	}

	// 2026 is new: → then enter starts a draft.
	d.keys("n", "right")
	d.requireContains("new: enter starts a draft")
	d.keys("enter")
	if d.m.focused() != focusAssess || d.m.as.assess.a.FiscalYear != 2026 ||
		d.m.as.assess.a.Status != store.StatusDraft {
		t.Fatalf("no 2026 draft:\n%s", d.screen())
	}
}

func TestLastClosedYear(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
		end  string
		want int
	}{
		{"december books", time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), "", 2025},
		{"on new year's eve", time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC), "12-31", 2025},
		{"june books, after", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), "06-30", 2026},
		{"june books, before", time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "06-30", 2025},
		{"unreadable end", time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), "13-40", 2025},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lastClosedYear(tt.now, tt.end); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// The diagnosis explains a component from its inputs to its skor, the band table on
// request, and compares with the previous final assessment.
func TestDiagnosis_ExplainsAndCompares(t *testing.T) {
	fx := mustAssessStore(t)
	prev := finalSehat(t, fx) // 2025
	figs := map[string]string{}
	for k, v := range prev.Figures {
		figs[k] = v
	}
	figs["kas"] = "300000000" // rasio kas rises out of its best band
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2026, Figures: figs,
		Answers: prev.Answers, CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	d := newAssessDriver(t, fx.st, English, 120, 400)
	d.send(openAssessMsg{id: a.ID})
	d.keys("d")
	if d.m.focused() != focusDiagnosis || !d.m.as.diag.live {
		t.Fatalf("d did not open the live diagnosis:\n%s", d.screen())
	}
	for _, want := range []string{
		"live from the draft",
		"Own equity (MS)                    Rp 1.850.000.000 derived",
		"ratio 33.64 % → band [20, 40) → nilai 50",
		"Against FY 2025 (89.45, Healthy)",
		"worsened",
		"Cash ratio",
	} {
		d.requireContains(want)
	}
	d.keys("t")
	d.requireContains("[20, 40)     →   50  ◀")
}

// Every command builds the message its handler expects.
func TestAssess_CommandsReturnTheirMessages(t *testing.T) {
	fx := mustAssessStore(t)
	a, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025, CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	tests := []struct {
		name string
		cmd  tea.Cmd
		want any
	}{
		{"save figure", saveChangeCmd(fx.st, a.ID, change{kind: changeFigure, item: "kas",
			value: "1"}), changeSavedMsg{}},
		{"save answer", saveChangeCmd(fx.st, a.ID, change{kind: changeAnswer, item: "mu01",
			answer: &yes}), changeSavedMsg{}},
		{"save note", saveChangeCmd(fx.st, a.ID, change{kind: changeNote, item: "kas",
			value: "n"}), changeSavedMsg{}},
		{"open", openAssessmentCmd(fx.st, a.ID), assessmentOpenedMsg{}},
		{"finalize", finalizeCmd(fx.st, a.ID, 1, store.Result{}), assessmentFinalizedMsg{}},
		{"amend", amendCmd(fx.st, a.ID, "x"), assessmentAmendedMsg{}},
		{"start", loadStartCmd(fx.st, fx.coopID), startLoadedMsg{}},
		{"create", createAssessmentCmd(fx.st, store.Assessment{}), assessmentCreatedMsg{}},
		{"settle", settleCmd("kas", 1, time.Millisecond), figureSettledMsg{}},
		{"back", backCmd(), backMsg{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cmd()
			if gt, wt := typeName(got), typeName(tt.want); gt != wt {
				t.Errorf("got %s, want %s", gt, wt)
			}
		})
	}
}

// typeName names a value's type.
func typeName(v any) string { return fmt.Sprintf("%T", v) }

// No two enabled keys of the assessment screen share a key, in any mode.
func TestAssess_KeysDoNotClash(t *testing.T) {
	for _, mode := range []assessMode{modeBrowse, modeFigure, modeNote, modeMissing,
		modeConfirm, modeReason} {
		for _, ro := range []bool{false, true} {
			k := defaultAssessKeyMap(English)
			k.enableFor(mode, ro, ro, true)
			seen := map[string]string{}
			for _, group := range k.FullHelp() {
				for _, b := range group {
					if !b.Enabled() {
						continue
					}
					for _, name := range b.Keys() {
						if other, dup := seen[name]; dup && other != b.Help().Desc {
							t.Errorf("mode %d ro %v: %q is %q and %q", mode, ro, name, other,
								b.Help().Desc)
						}
						seen[name] = b.Help().Desc
					}
				}
			}
		}
	}
}

// Going back waits for the last write; a refused change is named before leaving it.
func TestAssess_LeaveWaitsForSaves(t *testing.T) {
	fx := mustAssessStore(t)
	repo := &failingRepo{Store: fx.st}
	d, id := openDraftOn(t, fx, repo, English)
	gotoRow(t, d, "kas")

	// Typed and entered; its write has not run yet when esc is pressed.
	var writes []tea.Cmd
	for _, k := range append(typeText("5 jt"), press("enter")) {
		next, cmd := d.m.Update(k)
		d.m, writes = next.(Model), append(writes, cmd)
	}
	next, _ := d.m.Update(press("esc"))
	d.m = next.(Model)
	if d.m.focused() != focusAssess {
		t.Fatal("esc left before the last write")
	}
	for _, w := range writes {
		d.runCmd(w)
	}
	if d.m.focused() == focusAssess {
		t.Fatal("still on the assessment after the last write")
	}
	if got := mustFigure(t, fx.st, id, "kas"); got != "5000000" {
		t.Errorf("kas %q, want 5000000", got)
	}

	// A refused change: the first esc warns, the second leaves.
	d.send(openAssessMsg{id: id})
	repo.setFail(errors.New("file removed"))
	typeFigure(t, d, "bank", "7 jt")
	d.keys("esc")
	d.requireContains("1 changes NOT SAVED")
	if d.m.focused() != focusAssess {
		t.Fatal("left with a refused change without a warning")
	}
	d.keys("esc")
	if d.m.focused() == focusAssess {
		t.Fatal("second esc did not leave")
	}
}

// A data file removed while open takes writes that will be lost: the screen says they
// are not saved.
func TestAssess_RemovedFileIsNotSaved(t *testing.T) {
	fx := mustAssessStore(t)
	d, _ := openDraftOn(t, fx, fx.st, English)
	typeFigure(t, d, "kas", "1.000")
	d.requireContains("saved")
	if err := os.Remove(fx.st.Path()); err != nil {
		t.Fatal(err)
	}
	typeFigure(t, d, "bank", "2.000")
	d.requireContains("NOT SAVED")
	d.requireContains("was removed")
}

// No two enabled keys of the start and diagnosis screens share a key.
func TestStartDiagnosis_KeysDoNotClash(t *testing.T) {
	sty := newStyles(true)
	typing := newStartModel(English, &sty, nil, scoring.Default(), testNow, "")
	typing.reasoning = true
	typing.syncKeys()
	browsing := newStartModel(English, &sty, nil, scoring.Default(), testNow, "")
	dk := defaultDiagKeyMap(English)
	for name, groups := range map[string][][]key.Binding{
		"start": browsing.FullHelp(), "start typing": typing.FullHelp(),
		"diagnosis": dk.FullHelp(),
	} {
		seen := map[string]string{}
		for _, g := range groups {
			for _, b := range g {
				if !b.Enabled() {
					continue
				}
				for _, k := range b.Keys() {
					if other, dup := seen[k]; dup {
						t.Errorf("%s: %q is %q and %q", name, k, other, b.Help().Desc)
					}
					seen[k] = b.Help().Desc
				}
			}
		}
	}
}

// Finalizing names the figures that were never typed and count as zero, so a forgotten
// figure does not pass unseen into a locked result; with every figure typed, none is named.
func TestAssess_FinalizeNamesUntypedFigures(t *testing.T) {
	fx := mustAssessStore(t)
	v := loadSehat(t)
	d := newAssessDriver(t, fx.st, English, 160, 50)
	d.keys("enter", "n")
	chooseInstrument(t, d, "ksp-2016@1")
	d.keys("enter")
	typeAssessment(t, d, v)
	for _, f := range d.m.as.assess.in.Figures {
		if _, typed := d.m.as.assess.figures[f.ID]; !typed && !f.Aggregate() {
			typeFigure(t, d, f.ID, "0")
		}
	}
	d.keys("F")
	d.requireContains("Finalize FY 2025")
	if strings.Contains(d.screen(), "Never typed") {
		t.Errorf("every figure typed, yet some are named:\n%s", d.screen())
	}
	d.keys("n")

	gotoRow(t, d, "surat_berharga")
	d.keys("x")
	d.keys("F")
	d.requireContains("Never typed, counted as 0 (1): Securities")
}

// The instrument's notes stand under the sections they are about: ksp-2016's provisional
// question wording under Management, its unconfirmed rule under the adjustment factors.
func TestAssess_SectionNotes(t *testing.T) {
	for _, l := range []Language{English, Indonesian} {
		fx := mustAssessStore(t)
		d, _ := openDraftOn(t, fx, fx.st, l)
		d.send(tea.WindowSizeMsg{Width: 100, Height: 400})
		screen := d.screen()
		in := d.m.as.assess.in
		for _, part := range []string{"manajemen", scoring.NoteAdjustments} {
			notes := in.NotesFor(part)
			if len(notes) != 1 {
				t.Fatalf("%s: %d notes, want 1", part, len(notes))
			}
			first := strings.Fields(notes[0].Text.In(string(l)))[:5]
			if !strings.Contains(screen, "ⓘ "+strings.Join(first, " ")) {
				t.Errorf("%s: the note on %s is not on the screen:\n%s", l, part, screen)
			}
		}
	}
}
