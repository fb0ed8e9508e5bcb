package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"koroena/store"
)

// importList is a loaded list that imports with fn and reloads with a marker message.
func importList(t *testing.T, fn ImportFunc) listModel {
	t.Helper()
	st := newStyles(true)
	m := newListModel(English, &st).withImport(fn, func() tea.Msg { return reloadedMarker{} })
	m.SetSize(100, 20)
	m, _ = m.Update(summariesLoadedMsg{rows: []store.CoopSummary{{Cooperative: store.Cooperative{
		ID: "c1", Name: "KSP Satu", Active: true}}}})
	return m
}

type reloadedMarker struct{}

func typePath(m listModel, s string) listModel {
	for _, r := range s {
		m, _ = m.Update(press(string(r)))
	}
	return m
}

func TestList_ImportKeyImportsTheTypedPath(t *testing.T) {
	var got string
	m := importList(t, func(path string) (string, error) {
		got = path
		return "Imported: 200 new, 0 updated, 0 unchanged cooperatives.", nil
	})
	m, _ = m.Update(press("i"))
	if !m.capturing() || !strings.Contains(m.View(), "Registry file (CSV/XLSX): ") {
		t.Fatalf("i did not ask for a path:\n%s", m.View())
	}
	m = typePath(m, "/data/reg i.xlsx")
	m, cmd := m.Update(press("enter"))
	if cmd == nil || m.capturing() {
		t.Fatal("enter did not start the import")
	}
	done, ok := cmd().(importDoneMsg)
	if !ok || got != "/data/reg i.xlsx" {
		t.Fatalf("command returned %T, imported %q", cmd(), got)
	}
	m, cmd = m.Update(done)
	if !strings.Contains(m.View(), "Imported: 200 new") {
		t.Errorf("view lacks the summary:\n%s", m.View())
	}
	if cmd == nil {
		t.Fatal("no reload after the import")
	}
	if _, ok := cmd().(reloadedMarker); !ok {
		t.Errorf("reload returned %T", cmd())
	}
}

func TestList_ImportRefusedShowsWhy(t *testing.T) {
	m := importList(t, func(string) (string, error) {
		return "", errors.New("reg.csv:3:B: nik: \"12\" is not 16 digits")
	})
	m, _ = m.Update(press("i"))
	m = typePath(m, "reg.csv")
	m, cmd := m.Update(press("enter"))
	m, reload := m.Update(cmd())
	if reload != nil || !strings.Contains(m.View(), `reg.csv:3:B: nik: "12" is not 16 digits`) {
		t.Errorf("reload %v, view:\n%s", reload != nil, m.View())
	}
}

func TestList_ImportEscCancelsAndNoKeyWithoutFunc(t *testing.T) {
	m := importList(t, func(string) (string, error) { return "", nil })
	m, _ = m.Update(press("i"))
	m, _ = m.Update(press("esc"))
	if m.capturing() {
		t.Error("esc did not cancel")
	}
	st := newStyles(true)
	plain := newListModel(English, &st)
	if plain, _ = plain.Update(press("i")); plain.capturing() || plain.importHelp() != nil {
		t.Error("i works without an ImportFunc")
	}
}

// Regression: while a registry path was typed, the status line still offered the list's
// keys ("enter open · / filter · p predicate"), though enter imports and / and p are
// letters of the path. It now says what enter and esc do there, in both languages.
func TestList_ImportStatusLineShowsTheImportKeys(t *testing.T) {
	for _, tc := range []struct {
		lang       Language
		want, gone []string
	}{
		{English, []string{"enter import", "esc cancel"},
			[]string{"open", "/ filter", "predicate"}},
		{Indonesian, []string{"enter impor", "esc batal"},
			[]string{"buka", "/ saring", "predikat"}},
	} {
		d := &driver{t: t, m: New(newFakeRepo(), Options{Lang: tc.lang,
			Import: func(string) (string, error) { return "", nil }})}
		d.send(tea.WindowSizeMsg{Width: 100, Height: 20})
		d.runCmd(d.m.Init())
		d.keys("i")
		lines := strings.Split(d.screen(), "\n")
		status := lines[len(lines)-1]
		for _, w := range tc.want {
			if !strings.Contains(status, w) {
				t.Errorf("%s: status line lacks %q: %q", tc.lang, w, status)
			}
		}
		for _, g := range tc.gone {
			if strings.Contains(status, g) {
				t.Errorf("%s: status line offers %q while a path is typed: %q", tc.lang, g, status)
			}
		}
	}
}

// refusingList is a list of n cooperatives at w by h whose import is refused with err.
func refusingList(t *testing.T, lang Language, n, w, h int, err error) listModel {
	t.Helper()
	st := newStyles(true)
	m := newListModel(lang, &st).withImport(func(string) (string, error) { return "", err },
		func() tea.Msg { return reloadedMarker{} })
	m.SetSize(w, h)
	rows := make([]store.CoopSummary, n)
	for i := range rows {
		rows[i].Cooperative = store.Cooperative{ID: fmt.Sprintf("c%02d", i),
			Name: fmt.Sprintf("KSP Nomor %02d", i), Active: true}
	}
	m, _ = m.Update(summariesLoadedMsg{rows: rows})
	return m
}

// refuse types path after i, presses enter and hands the list the import's outcome.
func refuse(t *testing.T, m listModel, path string) listModel {
	t.Helper()
	m, _ = m.Update(press("i"))
	m = typePath(m, path)
	m, cmd := m.Update(press("enter"))
	if cmd == nil {
		t.Fatal("enter did not start the import")
	}
	m, reload := m.Update(cmd())
	if reload != nil {
		t.Fatal("a refused import reloaded the list")
	}
	return m
}

// squeeze drops every space and line break, so that a wrapped problem can be compared
// with its one-line text.
func squeeze(s string) string {
	return strings.Join(strings.Fields(ansi.Strip(s)), "")
}

// problems are n refused rows of reg.csv, each longer than a narrow window.
func problems(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(`reg.csv:%d:C: nik: "357601010000%04d" is stored as a number, `+
			`so its last digits cannot be trusted`, i+2, i)
	}
	return out
}

// Regression: a refused import showed only its first error, on one line cut with "…", so
// of three errors two could not be read. The panel shows the count and every error whole,
// wrapped to the width.
func TestList_ImportRefusedShowsEveryErrorThatFits(t *testing.T) {
	probs := problems(3)
	m := refusingList(t, English, 30, 60, 20, &ImportRefusedError{Problems: probs})
	m = refuse(t, m, "reg.csv")
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Import refused, nothing was written: 3 errors") {
		t.Errorf("view lacks the count:\n%s", view)
	}
	for _, p := range probs {
		if !strings.Contains(squeeze(view), squeeze(p)) {
			t.Errorf("view lacks %q whole:\n%s", p, view)
		}
	}
	for i, l := range strings.Split(view, "\n") {
		if lipgloss.Width(l) > 60 {
			t.Errorf("line %d is %d wide: %q", i+1, lipgloss.Width(l), l)
		}
	}
	if strings.Contains(view, "not shown") {
		t.Errorf("all three fit, yet the panel says some do not:\n%s", view)
	}
}

func TestList_ImportRefusedSaysHowToSeeTheRest(t *testing.T) {
	for _, tc := range []struct {
		lang       Language
		head, hint string
	}{
		{English, "40 errors", "more not shown; koroena import coops reg.csv prints every error"},
		{Indonesian, "40 kesalahan", "lagi tidak tampil; koroena import coops reg.csv " +
			"menampilkan semua kesalahan"},
	} {
		for _, size := range [][2]int{{60, 13}, {80, 22}, {300, 98}, {20, 3}} {
			w, h := size[0], size[1]
			m := refusingList(t, tc.lang, 50, w, h, &ImportRefusedError{Problems: problems(40)})
			m = refuse(t, m, "reg.csv")
			panel := m.refusedPanel()
			text := squeeze(strings.Join(panel, "\n"))
			if len(panel) > m.refusedPanelLines() {
				t.Errorf("%s %dx%d: panel of %d lines, more than its %d", tc.lang, w, h,
					len(panel), m.refusedPanelLines())
			}
			if h < 10 {
				continue // too low for more than the count: the window is refused anyway
			}
			// The problems shown are whole, and the hint counts the others.
			shown := 0
			for _, p := range problems(40) {
				if strings.Contains(text, squeeze(p)) {
					shown++
				}
			}
			hint := squeeze(fmt.Sprint(40-shown) + " " + tc.hint)
			switch {
			case !strings.Contains(text, squeeze(tc.head)):
				t.Errorf("%s %dx%d: panel lacks %q:\n%s", tc.lang, w, h, tc.head,
					strings.Join(panel, "\n"))
			case shown == 0:
				t.Errorf("%s %dx%d: no problem whole:\n%s", tc.lang, w, h,
					strings.Join(panel, "\n"))
			case shown < 40 && !strings.Contains(text, hint):
				t.Errorf("%s %dx%d: %d problems whole, and no %q:\n%s", tc.lang, w, h,
					shown, hint, strings.Join(panel, "\n"))
			case shown == 40 && strings.Contains(text, squeeze(tc.hint)):
				t.Errorf("%s %dx%d: all shown, yet the hint:\n%s", tc.lang, w, h,
					strings.Join(panel, "\n"))
			}
			for i, l := range panel {
				if lipgloss.Width(l) > w {
					t.Errorf("%s %dx%d: line %d is %d wide", tc.lang, w, h, i+1,
						lipgloss.Width(l))
				}
			}
		}
	}
}

// The panel takes the place of table rows: the selected row moves up into sight.
func TestList_ImportRefusedKeepsTheSelectedRowInSight(t *testing.T) {
	for _, size := range [][2]int{{60, 13}, {70, 20}, {120, 40}} {
		w, h := size[0], size[1]
		m := refusingList(t, English, 50, w, h, &ImportRefusedError{Problems: problems(40)})
		down := m.pageSize() - 1 // the last row of the first page
		for range down {
			m, _ = m.Update(press("j"))
		}
		want := fmt.Sprintf("KSP Nomor %02d", down)
		m = refuse(t, m, "reg.csv")
		// The root shows the list's first h lines.
		screen := ansi.Strip(fitBlock(m.View(), w, h))
		if !strings.Contains(screen, want) {
			t.Errorf("%dx%d: the selected %s is out of sight:\n%s", w, h, want, screen)
		}
	}
}

// The panel stays until the next key, which only closes it.
func TestList_ImportRefusedPanelClosesOnTheNextKey(t *testing.T) {
	m := refusingList(t, English, 5, 80, 20, &ImportRefusedError{Problems: problems(2)})
	m = refuse(t, m, "reg.csv")
	m, _ = m.Update(summariesLoadedMsg{rows: []store.CoopSummary{{Cooperative: store.Cooperative{
		ID: "c00", Name: "KSP Nomor 00", Active: true}}}}) // a reload elsewhere keeps it
	if !strings.Contains(ansi.Strip(m.View()), "Import refused") {
		t.Fatal("the panel went before a key")
	}
	m, _ = m.Update(press("/"))
	if m.capturing() || strings.Contains(ansi.Strip(m.View()), "Import refused") {
		t.Errorf("/ did not only close the panel (filtering %v):\n%s", m.capturing(), m.View())
	}
	if m, _ = m.Update(press("/")); !m.capturing() {
		t.Error("/ after the panel closed does not filter")
	}
}

// An ImportFunc that returns its problems as text (cmd's, "N errors, nothing imported:
// A; B; C") still gets one line per problem, and the count of those it left out.
func TestList_ImportRefusedReadsProblemsFromText(t *testing.T) {
	text := `5 errors, nothing imported: reg.csv:3:B: nik: "12" is not 16 digits; ` +
		`reg.csv:5:C: telepon: "812" is stored as a number, so a leading 0 is lost; ` +
		`format the column as text; reg.csv:7: ambiguous: matches "A" and "B"`
	r := readRefusal(errors.New(text), "reg.csv")
	want := []string{`reg.csv:3:B: nik: "12" is not 16 digits`,
		`reg.csv:5:C: telepon: "812" is stored as a number, so a leading 0 is lost; ` +
			`format the column as text`,
		`reg.csv:7: ambiguous: matches "A" and "B"`}
	if r.count != 5 || !slices.Equal(r.problems, want) {
		t.Errorf("count %d problems %q, want 5 %q", r.count, r.problems, want)
	}
	m := refusingList(t, English, 5, 100, 30, errors.New(text))
	m = refuse(t, m, "reg.csv")
	if view := ansi.Strip(m.View()); !strings.Contains(view, "2 more not shown") {
		t.Errorf("view lacks the 2 left out:\n%s", view)
	}

	r = readRefusal(errors.New("open x.csv: no such file or directory"), "x.csv")
	if r.count != 0 || len(r.problems) != 1 {
		t.Errorf("a failure read as %d problems %q", r.count, r.problems)
	}
}
