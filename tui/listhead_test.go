package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// On a store the list shows its first screen from the list head, then every row: the
// first screen's counts and rows are those of the full list, and what was typed into the
// filter meanwhile applies to every row once they arrive.
func TestList_HeadThenEveryRow(t *testing.T) {
	st := mustDemoCity(t)
	m := New(st, Options{Lang: English})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, ok := loadListCmd(st)().(listHeadMsg); !ok {
		t.Fatal("on a store the list does not start with its head")
	}
	h, err := st.ListHead(50)
	if err != nil {
		t.Fatal(err)
	}
	next, _ = next.Update(listHeadMsg{head: h, target: "20"})
	m = next.(Model)
	if !m.list.partial || len(m.list.rows) != 50 {
		t.Fatalf("after the head: partial %v, %d rows", m.list.partial, len(m.list.rows))
	}
	head := ansi.Strip(m.View().Content)
	if !strings.Contains(head, "loading 196 rows") {
		t.Errorf("the first screen does not say the rest is loading:\n%s", head)
	}
	headNames := shownNames(m)
	headCounts, headActive := m.list.counts, m.list.activeTotal

	// Type a filter before the rest arrives.
	for _, r := range "/mitra" {
		next, _ = next.Update(press(string(r)))
	}
	next, _ = next.Update(loadSummariesCmd(st)())
	m = next.(Model)
	if m.list.partial || len(m.list.rows) != 196 {
		t.Fatalf("after every row: partial %v, %d rows", m.list.partial, len(m.list.rows))
	}
	if m.list.counts != headCounts || m.list.activeTotal != headActive {
		t.Errorf("counts %v/%d from every row, %v/%d from the head", m.list.counts,
			m.list.activeTotal, headCounts, headActive)
	}
	for _, name := range shownNames(m) {
		if !strings.Contains(strings.ToLower(name), "mitra") {
			t.Errorf("filter typed while loading lets %q through", name)
		}
	}
	if len(m.list.shown) == 0 {
		t.Error("the filter typed while loading matches nothing")
	}

	// Cleared, the full list starts with the head's rows in the head's order.
	next, _ = next.Update(press("esc"))
	m = next.(Model)
	full := shownNames(m)
	if len(full) < len(headNames) || !slices.Equal(full[:len(headNames)], headNames) {
		t.Errorf("the head's rows are not the full list's first rows:\n%q\n%q", headNames,
			full[:min(len(full), len(headNames))])
	}
}

// shownNames lists the names of the rows m's list shows, in order.
func shownNames(m Model) []string {
	var out []string
	for _, i := range m.list.shown {
		out = append(out, m.list.rows[i].sum.Name)
	}
	return out
}
