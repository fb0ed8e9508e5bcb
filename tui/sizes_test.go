package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"koroena/store"
	"koroena/store/demo"
)

// The size torture of issue #8: every screen, reached by keys from the root, in both
// languages, at every window size from 20x5 to 300x100 (in steps; every size with
// KOROENA_LONG=1): no panic, no line wider than the window, no more lines than its height.
//
// To add a screen, add a row to sizeScreens: the keys that reach it from the list, and the
// screen the root must then show.

// sizeFixture is the city's store and the cooperatives the screens open.
type sizeFixture struct {
	st    *store.Store
	final store.CoopSummary // the longest-named cooperative with a final assessment
	draft store.CoopSummary // the cooperative with the open draft
}

// writeSizeCity writes the small demo city the screens are tried on (cooperatives with
// three years of history, one with an open draft) into dir, once for all the subtests.
func writeSizeCity(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "city.db")
	if _, err := demo.WriteFile(path, demo.Options{Coops: 24, Years: 3}); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustSizeFixture opens a copy of the city at master, so that screens that write do not
// change what the next test sees (a copy costs no fsync, unlike writing the city again).
func mustSizeFixture(t *testing.T, master string) sizeFixture {
	t.Helper()
	data, err := os.ReadFile(master)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "city.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Actor: "sizes", Now: demoNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	sums, err := st.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	var fx sizeFixture
	fx.st = st
	for _, s := range sums {
		switch {
		case s.HasDraft:
			fx.draft = s
		case s.Latest != nil && len(s.Name) > len(fx.final.Name):
			fx.final = s
		}
	}
	if fx.draft.ID == "" || fx.final.ID == "" {
		t.Fatalf("the city lacks a draft (%q) or a final (%q)", fx.draft.Name, fx.final.Name)
	}
	return fx
}

// demoNow is the demo city's today, so that the start screen offers the year the city
// was assessed up to.
func demoNow() time.Time { return demo.DefaultToday }

// sizeScreen is one screen: how to reach it from the list and where the root then is.
type sizeScreen struct {
	name  string
	reach func(d *driver, fx sizeFixture)
	want  focus
	help  bool // the help overlay is open
}

// openCoop filters the list to one cooperative's name and opens its record.
func openCoop(d *driver, s store.CoopSummary) {
	d.t.Helper()
	d.keys("/")
	d.send(typeText(strings.ToLower(s.Name))...)
	d.keys("enter", "enter")
	if d.m.focused() != focusRecord || d.m.record.coopID != s.ID {
		d.t.Fatalf("did not open %q:\n%s", s.Name, d.screen())
	}
}

// typeOnly types text into the focused field without running the commands the keys
// return: a text field's cursor blink is a timer, which the synchronous driver would
// wait out at every key.
func typeOnly(d *driver, text string) {
	for _, msg := range typeText(text) {
		next, _ := d.m.Update(msg)
		d.m = next.(Model)
	}
}

// sizeScreens is every screen the root has, and a few of their modes.
var sizeScreens = []sizeScreen{
	{name: "list", want: focusList, reach: func(*driver, sizeFixture) {}},
	{name: "list-filter", want: focusList, reach: func(d *driver, _ sizeFixture) {
		d.keys("/", "k", "s", "p")
	}},
	{name: "list-help", want: focusList, help: true, reach: func(d *driver, _ sizeFixture) {
		d.keys("?")
	}},
	{name: "list-import-refused", want: focusList, reach: func(d *driver, _ sizeFixture) {
		d.m.list = d.m.list.withImport(refusedImport, nil)
		d.keys("j", "j", "j", "i")
		typeOnly(d, "/data/registri koperasi 2026.xlsx")
		d.keys("enter")
		if d.m.list.imp.refused == nil {
			d.t.Fatalf("the import was not refused:\n%s", d.screen())
		}
	}},
	{name: "record", want: focusRecord, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
	}},
	{name: "record-scrolled", want: focusRecord, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("f", "f", "j")
	}},
	{name: "record-help", want: focusRecord, help: true,
		reach: func(d *driver, fx sizeFixture) {
			openCoop(d, fx.final)
			d.keys("?")
		}},
	{name: "record-draft", want: focusRecord, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.draft)
	}},
	{name: "start", want: focusStart, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("n")
	}},
	{name: "start-amend-reason", want: focusStart, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("n", "a")
		typeOnly(d, "alasan revisi yang panjang sekali: kas salah ketik di neraca")
	}},
	{name: "assess-final-amend", want: focusAssess, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("n", "enter", "a")
		typeOnly(d, "alasan revisi yang panjang sekali: kas salah ketik di neraca")
	}},
	{name: "assess", want: focusAssess, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.draft)
		d.keys("enter")
	}},
	{name: "assess-figure", want: focusAssess, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.draft)
		d.keys("enter", "enter", "1", "2", "3")
	}},
	{name: "assess-note", want: focusAssess, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.draft)
		d.keys("enter", "j", "c")
		d.send(typeText("catatan panjang sekali untuk melihat apakah baris terpotong")...)
	}},
	{name: "assess-finalize", want: focusAssess, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.draft)
		d.keys("enter", "F")
	}},
	{name: "assess-help", want: focusAssess, help: true,
		reach: func(d *driver, fx sizeFixture) {
			openCoop(d, fx.draft)
			d.keys("enter", "?")
		}},
	{name: "diagnosis-final", want: focusDiagnosis, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("d")
	}},
	{name: "diagnosis-draft", want: focusDiagnosis, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.draft)
		d.keys("d")
	}},
	// The care screens (care_test.go has their behaviour).
	{name: "follow-up", want: focusFollowUp, reach: func(d *driver, _ sizeFixture) {
		d.keys("u")
	}},
	{name: "city", want: focusCity, reach: func(d *driver, _ sizeFixture) { d.keys("c") }},
	{name: "city-list", want: focusCityList, reach: func(d *driver, _ sizeFixture) {
		d.keys("c", "enter")
	}},
	{name: "training", want: focusTraining, reach: func(d *driver, _ sizeFixture) {
		d.keys("t", "enter")
	}},
	{name: "plan", want: focusPlan, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("p")
	}},
	{name: "plan-note", want: focusPlan, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("p", "j", "a", "g", "n")
		typeOnly(d, "catatan panjang sekali untuk melihat apakah baris terpotong")
	}},
	{name: "visit", want: focusVisit, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("v")
		typeOnly(d, "tujuan kunjungan yang panjang sekali")
	}},
	// The profile editor (profile_test.go has its behaviour).
	{name: "profile", want: focusProfile, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("e")
	}},
	{name: "profile-typing", want: focusProfile, reach: func(d *driver, fx sizeFixture) {
		openCoop(d, fx.final)
		d.keys("e", "down", "down", "down")
		typeOnly(d, "dua ratus") // members: an inline message
		d.keys("down")
		typeOnly(d, ", Jl. Raya Kedungsari gang buntu sebelah pasar, RT 03 RW 07")
		d.keys("down")
		typeOnly(d, "kemarin") // last RAT: another
		d.keys("esc")          // unsaved changes: the question below the fields
	}},
}

// refusedImport refuses every file with 30 problems, some longer than any window.
func refusedImport(path string) (string, error) {
	var probs []string
	for i := range 30 {
		probs = append(probs, fmt.Sprintf("%s:%d:C: nik: %q is stored as a number, so its "+
			"last digits cannot be trusted (a spreadsheet keeps 15); format the column as "+
			"text and type the NIK again", path, i+2, strings.Repeat("3", 16)))
	}
	return "", &ImportRefusedError{Problems: probs}
}

// sizeSteps are the widths and heights tried, always with the edges of the smallest
// laid-out window (60x15): with KOROENA_LONG=1 every other width from 20 to 300 and every
// other height from 5 to 100 (about 6,800 sizes a screen), else about 90 sizes a screen,
// which keeps the short form within CI's time on two cores.
func sizeSteps() (widths, heights []int) {
	widths = []int{minWidth - 1, minWidth, minWidth + 1, 80, 300}
	heights = []int{minHeight - 1, minHeight, minHeight + 1, 24, 100}
	wStep, hStep := 47, 19
	if os.Getenv("KOROENA_LONG") != "" {
		wStep, hStep = 2, 2
	}
	for w := 20; w < 300; w += wStep {
		widths = append(widths, w)
	}
	for h := 5; h < 100; h += hStep {
		heights = append(heights, h)
	}
	return widths, heights
}

func TestScreens_FitEverySize(t *testing.T) {
	widths, heights := sizeSteps()
	master := writeSizeCity(t)
	for _, sc := range sizeScreens {
		for _, lang := range []Language{Indonesian, English} {
			t.Run(sc.name+"/"+string(lang), func(t *testing.T) {
				t.Parallel()
				fx := mustSizeFixture(t, master)
				d := &driver{t: t, m: New(fx.st, Options{Lang: lang, Now: demoNow,
					SaveDelay: -1})}
				d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
				d.runCmd(d.m.Init())
				sc.reach(d, fx)
				if d.m.focused() != sc.want || d.m.showHelp != sc.help {
					t.Fatalf("keys reached screen %d (help %v), want %d (help %v):\n%s",
						d.m.focused(), d.m.showHelp, sc.want, sc.help, d.screen())
				}
				checkEverySize(t, d, widths, heights)
			})
		}
	}
}

// checkEverySize resizes the model to each size and checks its view; it stops after a
// few failures of one screen.
func checkEverySize(t *testing.T, d *driver, widths, heights []int) {
	t.Helper()
	failures := 0
	for _, w := range widths {
		for _, h := range heights {
			if err := viewFits(d, w, h); err != nil {
				t.Errorf("%dx%d: %v", w, h, err)
				if failures++; failures == 5 {
					t.Fatal("more sizes fail; stopping here")
				}
			}
		}
	}
}

// viewFits resizes the root to w by h and checks that its view fits, turning a panic into
// an error.
func viewFits(d *driver, w, h int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	next, _ := d.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	d.m = next.(Model)
	content := d.m.View().Content
	lines := strings.Split(content, "\n")
	if len(lines) > h {
		return fmt.Errorf("%d lines, window has %d:\n%s", len(lines), h, content)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			return fmt.Errorf("line %d is %d wide, window is %d: %q", i+1, lw, w, l)
		}
	}
	return nil
}
