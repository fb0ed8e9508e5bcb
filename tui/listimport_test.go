package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

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
		{English, []string{"enter import", "esc cancel"}, []string{"open", "/ filter", "predicate"}},
		{Indonesian, []string{"enter impor", "esc batal"}, []string{"buka", "/ saring", "predikat"}},
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
