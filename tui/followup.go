package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring/diagnosis"
)

// moveKeyMap holds the moving keys every care screen shares.
type moveKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Open, Back key.Binding
}

// defaultMoveKeyMap builds the moving keys with help in language l.
func defaultMoveKeyMap(l Language) moveKeyMap {
	b := func(keys []string, help string, id msgID) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.tr(id)))
	}
	return moveKeyMap{
		Up:       b([]string{"up", "k"}, "↑/k", txtKeyUp),
		Down:     b([]string{"down", "j"}, "↓/j", txtKeyDown),
		PageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", txtKeyPageUp),
		PageDown: b([]string{"pgdown", "ctrl+f", "space"}, "pgdn", txtKeyPageDown),
		Top:      b([]string{"home", "g"}, "home/g", txtKeyTop),
		Bottom:   b([]string{"end", "G"}, "end/G", txtKeyBottom),
		Open:     b([]string{"enter"}, "enter", txtKeyOpen),
		Back:     b([]string{"esc", "backspace"}, "esc", txtKeyBack),
	}
}

// move applies a moving key to a cursor over n items with a page of page items; ok is
// false for any other key.
func (k moveKeyMap) move(msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		cursor--
	case key.Matches(msg, k.Down):
		cursor++
	case key.Matches(msg, k.PageUp):
		cursor -= max(1, page)
	case key.Matches(msg, k.PageDown):
		cursor += max(1, page)
	case key.Matches(msg, k.Top):
		cursor = 0
	case key.Matches(msg, k.Bottom):
		cursor = n - 1
	default:
		return cursor, false
	}
	return max(0, min(cursor, n-1)), true
}

// keepVisible returns the scroll offset that shows line of a view h lines high.
func keepVisible(offset, line, h int) int {
	if line < offset {
		return line
	}
	if line >= offset+h {
		return line - h + 1
	}
	return offset
}

// backCareCmd asks the root to go back.
func backCareCmd() tea.Msg { return backMsg{} }

// followKeyMap holds the follow-up screen's keys.
type followKeyMap struct {
	moveKeyMap
	Coach, Kind key.Binding
}

// defaultFollowKeyMap builds the keys with help in language l.
func defaultFollowKeyMap(l Language) followKeyMap {
	return followKeyMap{moveKeyMap: defaultMoveKeyMap(l),
		Coach: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", l.ct(ctKeyCoach))),
		Kind:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", l.ct(ctKeyKind)))}
}

// ShortHelp is the main keys.
func (k followKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Open, k.Coach, k.Kind, k.Down, k.Up}
}

// FullHelp is every key.
func (k followKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Coach, k.Kind, k.Back}}
}

// followModel lists what falls due, overdue first: routine visits by predicate, plan
// items by due date and overdue RATs, for all coaches or one.
type followModel struct {
	lang Language
	st   *styles
	keys followKeyMap
	cat  *diagnosis.Catalogue

	loaded   bool
	data     careData
	all      []dueItem
	items    []dueItem // those of the chosen coach
	coachIdx int       // 0: all coaches, else coaches[coachIdx-1]
	kindIdx  int       // 0: every kind, else dueKind(kindIdx-1)

	cursor, offset int
	width, height  int
}

// newFollowModel builds an empty screen; the data arrives in a careDataLoadedMsg.
func newFollowModel(l Language, st *styles, cat *diagnosis.Catalogue) followModel {
	return followModel{lang: l, st: st, keys: defaultFollowKeyMap(l), cat: cat}
}

// SetSize lays the screen out in w by h cells.
func (m *followModel) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles hands the screen new styles.
func (m *followModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *followModel) SetLanguage(l Language) { m.lang, m.keys = l, defaultFollowKeyMap(l) }

// ShortHelp is the main keys.
func (m followModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m followModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// title is the screen's part of the title line.
func (m followModel) title() string { return m.lang.ct(ctFollowUp) }

// Update dispatches one message.
func (m followModel) Update(msg tea.Msg) (followModel, tea.Cmd) {
	switch msg := msg.(type) {
	case careDataLoadedMsg:
		if msg.err == nil {
			m.loaded, m.data = true, msg.data
			m.all = followUps(msg.data.sums, msg.data.treatments,
				rulesFrom(msg.data.settings), msg.data.today)
			m.refilter()
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// handleKey moves, filters by coach, opens a record or goes back.
func (m followModel) handleKey(msg tea.KeyPressMsg) (followModel, tea.Cmd) {
	if c, ok := m.keys.move(msg, m.cursor, len(m.items), m.height-2); ok {
		m.cursor = c
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		return m, backCareCmd
	case key.Matches(msg, m.keys.Coach) && m.loaded:
		m.coachIdx = (m.coachIdx + 1) % (len(m.data.coaches) + 1)
		m.refilter()
	case key.Matches(msg, m.keys.Kind) && m.loaded:
		m.kindIdx = (m.kindIdx + 1) % 4
		m.refilter()
	case key.Matches(msg, m.keys.Open) && m.cursor < len(m.items):
		id := m.items[m.cursor].coop.ID
		return m, func() tea.Msg { return openRecordMsg{id: id} }
	}
	return m, nil
}

// refilter keeps the items of the chosen coach.
func (m *followModel) refilter() {
	m.items = nil
	for _, it := range m.all {
		coachOK := m.coachIdx == 0 || it.coop.CoachID == m.data.coaches[m.coachIdx-1].ID
		if coachOK && (m.kindIdx == 0 || it.kind == dueKind(m.kindIdx-1)) {
			m.items = append(m.items, it)
		}
	}
	m.cursor, m.offset = 0, 0
}

// coachName is the chosen coach's name, or "all coaches".
func (m followModel) coachName() string {
	if m.coachIdx == 0 || m.coachIdx > len(m.data.coaches) {
		return m.lang.ct(ctAllCoaches)
	}
	return m.data.coaches[m.coachIdx-1].Name
}

// View draws the summary line, then the items under their bucket headings.
func (m followModel) View() string {
	if !m.loaded {
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	var counts [3]int
	for _, it := range m.items {
		counts[bucketOf(it.date, m.data.today)]++
	}
	kinds := [...]ctxt{ctAllKinds, ctKindVisit, ctKindTreatment, ctKindRAT}
	head := fmt.Sprintf("%s · %s · %s %d · %s %d · %s %d", m.lang.ct(kinds[m.kindIdx]),
		m.lang.ctf(ctCoachFilter, m.coachName()),
		m.lang.ct(ctOverdue), counts[0], m.lang.ct(ctThisWeek), counts[1],
		m.lang.ct(ctLater), counts[2])
	lines, cursorLine := m.itemLines()
	if len(m.items) == 0 {
		lines = []string{m.st.muted.Render(m.lang.ct(ctNothingDue))}
	}
	h := max(1, m.height-1)
	off := keepVisible(min(m.offset, cursorLine), cursorLine, h)
	end := min(len(lines), off+h)
	out := []string{truncate(head, m.width)}
	out = append(out, lines[min(off, end):end]...)
	return strings.Join(out, "\n")
}

// itemLines renders every item with a heading before each bucket, and says which line
// holds the cursor.
func (m followModel) itemLines() ([]string, int) {
	var lines []string
	cursorLine := 0
	prev := dueBucket(-1)
	names := [...]ctxt{ctOverdue, ctThisWeek, ctLater}
	for i, it := range m.items {
		if b := bucketOf(it.date, m.data.today); b != prev {
			st := m.st.section
			if b == bucketOverdue {
				st = m.st.errText
			}
			lines = append(lines, st.Render(m.lang.ct(names[b])))
			prev = b
		}
		if i == m.cursor {
			cursorLine = len(lines)
		}
		lines = append(lines, m.itemLine(it, i == m.cursor))
	}
	return lines, cursorLine
}

// itemLine is one item: date, kind, cooperative and what is due; the coach on wide
// screens.
func (m followModel) itemLine(it dueItem, selected bool) string {
	kinds := [...]ctxt{ctKindVisit, ctKindTreatment, ctKindRAT}
	date := "—"
	if !it.date.IsZero() {
		date = it.date.Format(time.DateOnly)
	}
	var detail string
	switch it.kind {
	case dueVisit:
		pred := m.lang.ct(ctNotAssessed)
		if it.coop.Latest != nil && it.coop.Latest.Predicate != "" {
			pred = m.lang.predicateLabel(it.coop.Latest.Predicate, true)
		}
		detail = m.lang.ctf(ctVisitDue, pred)
	case dueTreatment:
		detail = it.treatment.Title
		if t, ok := m.cat.Treatment(it.treatment.TreatmentID); ok {
			detail = t.Name.In(string(m.lang))
		}
	case dueRAT:
		detail = m.lang.ctf(ctRATDue, it.fiscalYear)
	}
	rest := m.width - 2 - 10 - 1 - 10 - 1
	coachW := 0
	if m.width >= 100 {
		coachW = 18
		rest -= coachW + 1
	}
	nameW := max(8, rest*2/5)
	line := "  " + date + " " + padRight(m.lang.ct(kinds[it.kind]), 10) + " " +
		padRight(it.coop.Name, nameW) + " " + padRight(detail, max(0, rest-nameW-1))
	if coachW > 0 {
		line += " " + padRight(it.coop.CoachName, coachW)
	}
	line = truncate(strings.TrimRight(line, " "), m.width)
	if selected {
		return m.st.list.selected.Render("›" + line[1:])
	}
	return line
}
