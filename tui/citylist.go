package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/store"
)

// coopListModel lists the cooperatives behind a number of the city screen; enter opens
// one's record.
type coopListModel struct {
	lang Language
	st   *styles
	keys moveKeyMap

	heading string
	sums    []store.CoopSummary

	cursor        int
	width, height int
}

// newCoopListModel builds the list of sums under heading.
func newCoopListModel(l Language, st *styles, heading string,
	sums []store.CoopSummary,
) coopListModel {
	return coopListModel{lang: l, st: st, keys: defaultMoveKeyMap(l), heading: heading,
		sums: sums}
}

// SetSize lays the screen out in w by h cells.
func (m *coopListModel) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles hands the screen new styles.
func (m *coopListModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *coopListModel) SetLanguage(l Language) { m.lang, m.keys = l, defaultMoveKeyMap(l) }

// ShortHelp is the main keys.
func (m coopListModel) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Back, m.keys.Open, m.keys.Down, m.keys.Up}
}

// FullHelp is every key.
func (m coopListModel) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Back}}
}

// title is the screen's part of the title line.
func (m coopListModel) title() string { return m.lang.ct(ctCity) + " › " + m.heading }

// Update moves, opens a record or goes back.
func (m coopListModel) Update(msg tea.Msg) (coopListModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	if c, moved := m.keys.move(k, m.cursor, len(m.sums), m.height-2); moved {
		m.cursor = c
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Back):
		return m, backCareCmd
	case key.Matches(k, m.keys.Open) && m.cursor < len(m.sums):
		id := m.sums[m.cursor].ID
		return m, func() tea.Msg { return openRecordMsg{id: id} }
	}
	return m, nil
}

// View draws the heading with the count, then one line per cooperative.
func (m coopListModel) View() string {
	lines := []string{m.st.section.Render(m.heading) + m.st.muted.Render(
		" · "+m.lang.ctf(ctTopicCoops, len(m.sums)))}
	h := max(1, m.height-1)
	off := keepVisible(0, m.cursor, h)
	predW := predicateWidth(m.lang, m.width >= 100)
	nameW := max(10, m.width-(2+1+15+1+predW+1+6)-1)
	for i := off; i < min(len(m.sums), off+h); i++ {
		s := m.sums[i]
		pred, total := "—", ""
		if s.Latest != nil {
			pred = m.lang.predicateLabel(s.Latest.Predicate, m.width < 100)
			total = m.lang.number(s.Latest.Total)
		}
		line := "  " + padRight(s.Name, nameW) + " " + padRight(s.Kelurahan, 15) + " " +
			padRight(pred, predW) + " " + padLeft(total, 6)
		line = truncate(line, m.width)
		if i == m.cursor {
			line = m.st.list.selected.Render("›" + line[1:])
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
