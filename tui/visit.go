package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring/diagnosis"
	"koroena/store"
)

// Messages of the visit screen.
type (
	// visitLoadedMsg brings the cooperative, the coaches and the open plan items.
	visitLoadedMsg struct {
		coopID  string
		coop    store.Cooperative
		coaches []store.Coach
		items   []store.Treatment
		today   time.Time
		err     error
	}
	// visitRecordedMsg reports a recorded visit.
	visitRecordedMsg struct {
		v   store.Visit
		err error
	}
)

// loadVisitCmd reads what the visit screen needs of cooperative coopID.
func loadVisitCmd(repo CareRepo, coopID string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		msg := visitLoadedMsg{coopID: coopID, today: now()}
		var err error
		if msg.coop, err = repo.Cooperative(coopID); err != nil {
			msg.err = fmt.Errorf("load cooperative %s: %w", coopID, err)
			return msg
		}
		if msg.coaches, err = repo.Coaches(); err != nil {
			msg.err = fmt.Errorf("load coaches: %w", err)
			return msg
		}
		items, err := repo.TreatmentsOf(coopID)
		if err != nil {
			msg.err = fmt.Errorf("load plan of %s: %w", coopID, err)
			return msg
		}
		for _, t := range items {
			if t.Open() {
				msg.items = append(msg.items, t)
			}
		}
		if v, ok, _ := repo.Setting(settingDemoToday); ok {
			if t, err := time.Parse(time.DateOnly, v); err == nil {
				msg.today = t
			}
		}
		return msg
	}
}

// recordVisitCmd stores a visit with its reviews.
func recordVisitCmd(repo CareRepo, v store.Visit) tea.Cmd {
	return func() tea.Msg {
		v, err := repo.RecordVisit(v)
		return visitRecordedMsg{v: v, err: err}
	}
}

// visitKeyMap holds the visit screen's keys. Up and down move between fields with the
// arrows only, since letters are typed into the text fields.
type visitKeyMap struct {
	Up, Down, Change, Save, Back key.Binding
}

// defaultVisitKeyMap builds the keys with help in language l.
func defaultVisitKeyMap(l Language) visitKeyMap {
	return visitKeyMap{
		Up: key.NewBinding(key.WithKeys("up", "shift+tab"),
			key.WithHelp("↑", l.tr(txtKeyUp))),
		Down: key.NewBinding(key.WithKeys("down", "tab", "enter"),
			key.WithHelp("↓/tab", l.tr(txtKeyDown))),
		Change: key.NewBinding(key.WithKeys("left", "right", "space"),
			key.WithHelp("←/→", l.ct(ctKeyChange))),
		Save: key.NewBinding(key.WithKeys("ctrl+s"),
			key.WithHelp("ctrl+s", l.ct(ctKeySave))),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.tr(txtKeyBack))),
	}
}

// ShortHelp is the main keys.
func (k visitKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Back, k.Down, k.Up, k.Change}
}

// FullHelp is every key.
func (k visitKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Change}, {k.Save, k.Back}}
}

// The fixed fields of the visit form; the reviews of plan items follow them.
const (
	visitDate = iota
	visitCoach
	visitPurpose
	visitNotes
	visitFields
)

// reviewChoices are what a review can set: unchanged, then each status.
var reviewChoices = append([]store.TreatmentStatus{""}, store.TreatmentStatuses...)

// visitModel records a visit: date, coach, purpose, notes, and a new status for each
// open plan item reviewed.
type visitModel struct {
	lang Language
	st   *styles
	keys visitKeyMap
	repo CareRepo
	cat  *diagnosis.Catalogue

	coopID   string
	loaded   bool
	err      error
	coop     store.Cooperative
	coaches  []store.Coach
	items    []store.Treatment
	coachIdx int
	reviews  []int // index into reviewChoices per item
	inputs   [visitFields]textinput.Model
	saving   bool

	cursor        int
	width, height int
}

// newVisitModel builds the form for cooperative coopID; it fills on a visitLoadedMsg.
func newVisitModel(l Language, st *styles, repo CareRepo, cat *diagnosis.Catalogue,
	coopID string,
) visitModel {
	m := visitModel{lang: l, st: st, keys: defaultVisitKeyMap(l), repo: repo, cat: cat,
		coopID: coopID}
	for _, f := range []int{visitDate, visitPurpose, visitNotes} {
		ti := textinput.New()
		ti.Prompt = ""
		ti.CharLimit = 300
		m.inputs[f] = ti
	}
	m.inputs[visitDate].CharLimit = 10
	return m
}

// SetSize lays the screen out in w by h cells.
func (m *visitModel) SetSize(w, h int) {
	m.width, m.height = w, h
	for _, f := range []int{visitDate, visitPurpose, visitNotes} {
		m.inputs[f].SetWidth(max(10, w-16))
	}
}

// SetStyles hands the screen new styles.
func (m *visitModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *visitModel) SetLanguage(l Language) { m.lang, m.keys = l, defaultVisitKeyMap(l) }

// ShortHelp is the main keys.
func (m visitModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m visitModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// capturing reports whether a text field takes typing.
func (m visitModel) capturing() bool {
	return m.loaded && (m.cursor == visitDate || m.cursor == visitPurpose ||
		m.cursor == visitNotes)
}

// title is the screen's part of the title line.
func (m visitModel) title() string {
	if !m.loaded {
		return m.lang.ct(ctVisit)
	}
	return m.coop.Name + " › " + m.lang.ct(ctVisit)
}

// Update dispatches one message.
func (m visitModel) Update(msg tea.Msg) (visitModel, tea.Cmd) {
	switch msg := msg.(type) {
	case visitLoadedMsg:
		if msg.coopID == m.coopID {
			return m.setForm(msg)
		}
	case visitRecordedMsg:
		m.saving, m.err = false, msg.err
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// setForm fills the form: today, the cooperative's coach, every open item unchanged.
func (m visitModel) setForm(msg visitLoadedMsg) (visitModel, tea.Cmd) {
	if msg.err != nil {
		m.err = msg.err
		return m, nil
	}
	m.loaded, m.coop, m.coaches, m.items = true, msg.coop, msg.coaches, msg.items
	m.reviews = make([]int, len(msg.items))
	m.coachIdx = slices.IndexFunc(msg.coaches, func(c store.Coach) bool {
		return c.ID == msg.coop.CoachID
	})
	m.inputs[visitDate].SetValue(msg.today.Format(time.DateOnly))
	m.cursor = visitPurpose
	return m, m.focusInput()
}

// focusInput focuses the text field under the cursor and blurs the others.
func (m *visitModel) focusInput() tea.Cmd {
	var cmd tea.Cmd
	for _, f := range []int{visitDate, visitPurpose, visitNotes} {
		if f == m.cursor {
			cmd = m.inputs[f].Focus()
		} else {
			m.inputs[f].Blur()
		}
	}
	return cmd
}

// handleKey moves between fields, changes a choice, types, saves or goes back.
func (m visitModel) handleKey(msg tea.KeyPressMsg) (visitModel, tea.Cmd) {
	if !m.loaded {
		if key.Matches(msg, m.keys.Back) {
			return m, backCareCmd
		}
		return m, nil
	}
	n := visitFields + len(m.items)
	switch {
	case key.Matches(msg, m.keys.Back):
		return m, backCareCmd
	case key.Matches(msg, m.keys.Save):
		return m.save()
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
		return m, m.focusInput()
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(n-1, m.cursor+1)
		return m, m.focusInput()
	case m.capturing():
		var cmd tea.Cmd
		m.inputs[m.cursor], cmd = m.inputs[m.cursor].Update(msg)
		return m, cmd
	case key.Matches(msg, m.keys.Change):
		step := 1
		if msg.String() == "left" {
			step = -1
		}
		m.change(step)
	}
	return m, nil
}

// change moves the coach or the review under the cursor by step choices.
func (m *visitModel) change(step int) {
	wrap := func(i, n int) int { return ((i+step)%n + n) % n }
	if m.cursor == visitCoach {
		// -1 is "no coach".
		m.coachIdx = wrap(m.coachIdx+1, len(m.coaches)+1) - 1
		return
	}
	if i := m.cursor - visitFields; i >= 0 && i < len(m.reviews) {
		reviews := slices.Clone(m.reviews)
		reviews[i] = wrap(reviews[i], len(reviewChoices))
		m.reviews = reviews
	}
}

// save checks the date and asks the store to record the visit.
func (m visitModel) save() (visitModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	date, err := time.Parse(time.DateOnly, strings.TrimSpace(m.inputs[visitDate].Value()))
	if err != nil {
		m.err = fmt.Errorf("%s", m.lang.ct(ctBadDate))
		m.cursor = visitDate
		return m, m.focusInput()
	}
	v := store.Visit{CoopID: m.coopID, Date: date.Add(9 * time.Hour),
		Purpose: m.inputs[visitPurpose].Value(), Notes: m.inputs[visitNotes].Value()}
	if m.coachIdx >= 0 && m.coachIdx < len(m.coaches) {
		v.CoachID = m.coaches[m.coachIdx].ID
	}
	for i, r := range m.reviews {
		if r > 0 {
			v.Reviewed = append(v.Reviewed, store.TreatmentReview{
				TreatmentID: m.items[i].ID, Status: reviewChoices[r]})
		}
	}
	m.saving, m.err = true, nil
	return m, recordVisitCmd(m.repo, v)
}

// View draws the form; the field under the cursor is marked.
func (m visitModel) View() string {
	if !m.loaded {
		if m.err != nil {
			return m.st.errText.Render(m.err.Error())
		}
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	labelW := 12
	coach := "—"
	if m.coachIdx >= 0 && m.coachIdx < len(m.coaches) {
		coach = m.coaches[m.coachIdx].Name
	}
	field := func(i int, label, value string) string {
		mark := "  "
		if i == m.cursor {
			mark = m.st.assess.cursor.Render("› ")
		}
		return mark + m.st.label.Render(padRight(label, labelW)) + " " + value
	}
	lines := []string{
		field(visitDate, m.lang.ct(ctFieldDate), m.inputs[visitDate].View()),
		field(visitCoach, m.lang.ct(ctFieldCoach), "‹ "+coach+" ›"),
		field(visitPurpose, m.lang.ct(ctFieldPurpose), m.inputs[visitPurpose].View()),
		field(visitNotes, m.lang.ct(ctFieldNotes), m.inputs[visitNotes].View()),
		"",
		m.st.section.Render(m.lang.ct(ctReviewed)),
	}
	if len(m.items) == 0 {
		lines = append(lines, m.st.muted.Render("  "+m.lang.ct(ctNoOpenItems)))
	}
	head := len(lines)
	for i, t := range m.items {
		choice := m.lang.ct(ctUnchanged) + " (" + m.lang.treatmentStatus(t.Status) + ")"
		if r := m.reviews[i]; r > 0 {
			choice = m.st.assess.final.Render("→ " + m.lang.treatmentStatus(reviewChoices[r]))
		}
		title := t.Title
		if tr, ok := m.cat.Treatment(t.TreatmentID); ok {
			title = tr.Name.In(string(m.lang))
		}
		mark := "  "
		if visitFields+i == m.cursor {
			mark = m.st.assess.cursor.Render("› ")
		}
		lines = append(lines, truncate(mark+padRight(title, max(10, m.width-30))+" "+choice,
			m.width))
	}
	if m.err != nil {
		lines = append(lines, m.st.errText.Render(m.err.Error()))
	} else if m.saving {
		lines = append(lines, m.st.muted.Render(m.lang.ct(ctSaving)))
	}
	cur := m.cursor
	if cur >= visitFields {
		cur = head + cur - visitFields
	}
	return strings.Join(scrollLines(lines, head, cur, m.height), "\n")
}

// scrollLines keeps the first fixed lines and scrolls the rest so that line cur shows.
func scrollLines(lines []string, fixed, cur, h int) []string {
	if len(lines) <= h || fixed >= h {
		return lines[:min(len(lines), h)]
	}
	rest := lines[fixed:]
	room := h - fixed
	off := 0
	if cur >= fixed {
		off = max(0, min(cur-fixed-room+1, len(rest)-room))
	}
	return append(slices.Clone(lines[:fixed]), rest[off:min(len(rest), off+room)]...)
}
