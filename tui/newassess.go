package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"koroena/scoring"
	"koroena/store"
)

// Messages of the new-assessment screen.
type (
	// startLoadedMsg carries the cooperative, its assessments, the coaches and the
	// coach setting.
	startLoadedMsg struct {
		coop        store.Cooperative
		assessments []store.Assessment
		coaches     []store.Coach
		coachID     string
		err         error
	}
	// assessmentCreatedMsg reports a new draft.
	assessmentCreatedMsg struct {
		a   store.Assessment
		err error
	}
)

// loadStartCmd reads what the new-assessment screen offers for cooperative id.
func loadStartCmd(repo AssessRepo, id string) tea.Cmd {
	return func() tea.Msg {
		var msg startLoadedMsg
		var err error
		if msg.coop, err = repo.Cooperative(id); err != nil {
			msg.err = fmt.Errorf("load cooperative: %w", err)
			return msg
		}
		if msg.assessments, err = repo.AssessmentsOf(id); err != nil {
			msg.err = fmt.Errorf("load assessments: %w", err)
			return msg
		}
		if msg.coaches, err = repo.Coaches(); err != nil {
			msg.err = fmt.Errorf("load coaches: %w", err)
			return msg
		}
		msg.coachID, _, err = repo.Setting(SettingCoach)
		if err != nil {
			msg.err = fmt.Errorf("read coach setting: %w", err)
		}
		return msg
	}
}

// createAssessmentCmd starts a draft.
func createAssessmentCmd(repo AssessRepo, a store.Assessment) tea.Cmd {
	return func() tea.Msg {
		created, err := repo.CreateAssessment(a)
		return assessmentCreatedMsg{a: created, err: err}
	}
}

// startKeyMap holds the new-assessment screen's keys.
type startKeyMap struct {
	Up, Down, Prev, Next, Go, Amend, Back key.Binding
	Accept, Cancel                        key.Binding
}

// defaultStartKeyMap builds the keys with help in language l.
func defaultStartKeyMap(l Language) startKeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return startKeyMap{
		Up:     b([]string{"up", "k", "shift+tab"}, "↑/k", l.tr(txtKeyUp)),
		Down:   b([]string{"down", "j", "tab"}, "↓/j", l.tr(txtKeyDown)),
		Prev:   b([]string{"left", "h", "-"}, "←/→", l.at(atKeyChange)),
		Next:   b([]string{"right", "l", "+"}, "→/l", l.at(atKeyChange)),
		Go:     b([]string{"enter"}, "enter", l.at(atKeyGo)),
		Amend:  b([]string{"a"}, "a", l.at(atKeyAmend)),
		Back:   b([]string{"esc"}, "esc", l.tr(txtKeyBack)),
		Accept: b([]string{"enter"}, "enter", l.at(atKeyAmend)),
		Cancel: b([]string{"esc"}, "esc", l.at(atKeyCancel)),
	}
}

// ShortHelp is the main keys.
func (k startKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Cancel, k.Go, k.Back, k.Prev, k.Amend}
}

// FullHelp is every key.
func (k startKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Prev, k.Next}, {k.Go, k.Amend, k.Back},
		{k.Accept, k.Cancel}}
}

// startModel starts an assessment: the instrument and the fiscal year, with what the
// cooperative already has for that year (a draft to resume, a final one to open or amend).
type startModel struct {
	lang Language
	st   *styles
	keys startKeyMap
	repo AssessRepo
	reg  *scoring.Registry
	now  func() time.Time

	coopID  string
	loaded  bool
	err     error
	coop    store.Cooperative
	all     []store.Assessment
	coaches map[string]string
	coachID string

	instruments []*scoring.Instrument
	inst, year  int
	field       int // 0 instrument, 1 fiscal year
	typedYear   string
	reasoning   bool
	input       lineInput
	busy        bool

	width, height int
}

// newStartModel builds the screen for cooperative coopID; its data arrive in a
// startLoadedMsg.
func newStartModel(l Language, st *styles, repo AssessRepo, reg *scoring.Registry,
	now func() time.Time, coopID string,
) startModel {
	m := startModel{lang: l, st: st, keys: defaultStartKeyMap(l), repo: repo,
		reg: reg, now: now, coopID: coopID, field: 1}
	m.syncKeys()
	return m
}

// SetSize lays the screen out in w by h cells.
func (m *startModel) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles hands the screen new styles.
func (m *startModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *startModel) SetLanguage(l Language) {
	m.lang, m.keys = l, defaultStartKeyMap(l)
	m.syncKeys()
}

// ShortHelp is the main keys that work now.
func (m startModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key that works now.
func (m startModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// capturing reports whether the reason of an amendment is being typed.
func (m startModel) capturing() bool { return m.reasoning }

// syncKeys enables the keys that work now.
func (m *startModel) syncKeys() {
	for _, b := range []*key.Binding{&m.keys.Up, &m.keys.Down, &m.keys.Prev, &m.keys.Next,
		&m.keys.Go, &m.keys.Back} {
		b.SetEnabled(!m.reasoning)
	}
	m.keys.Amend.SetEnabled(!m.reasoning && m.finalOfYear() != nil && m.draftOfYear() == nil)
	m.keys.Accept.SetEnabled(m.reasoning)
	m.keys.Cancel.SetEnabled(m.reasoning)
}

// title is the screen's part of the title line.
func (m startModel) title() string { return m.lang.at(atNewAssessment) }

// Update dispatches one message.
func (m startModel) Update(msg tea.Msg) (startModel, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case startLoadedMsg:
		m = m.loadedFrom(msg)
	case assessmentCreatedMsg:
		m, cmd = m.created(msg.a, msg.err)
	case assessmentAmendedMsg:
		m, cmd = m.created(msg.a, msg.err)
	case tea.KeyPressMsg:
		m, cmd = m.handleKey(msg)
	case tea.PasteMsg:
		if m.reasoning {
			in, fits := m.input.insert(strings.Join(strings.Fields(msg.Content), " "))
			if !fits {
				m.err = fmt.Errorf(m.lang.at(atPasteTooLong), maxInput)
			}
			m.input = in
		}
	}
	m.syncKeys()
	return m, cmd
}

// loadedFrom keeps the loaded data and picks the defaults: the newest instrument that fits
// the cooperative's type, and the last closed fiscal year.
func (m startModel) loadedFrom(msg startLoadedMsg) startModel {
	if msg.err != nil {
		m.err = msg.err
		return m
	}
	m.loaded, m.coop, m.all = true, msg.coop, msg.assessments
	m.coaches = map[string]string{}
	for _, c := range msg.coaches {
		m.coaches[c.ID] = c.Name
	}
	m.coachID = msg.coachID
	if _, ok := m.coaches[m.coachID]; !ok {
		m.coachID = msg.coop.CoachID
	}
	m.instruments = instrumentsFor(m.reg, msg.coop)
	m.year = lastClosedYear(m.now(), msg.coop.FiscalYearEnd)
	return m
}

// instrumentFamily says which instrument family (the id before the year) assesses a
// business type; types without one may use any instrument.
var instrumentFamily = map[string]string{
	"ksp": "ksp", "ksu_usp": "ksp", "kpri": "ksp", "karyawan": "ksp", "wanita": "ksp",
	"pasar": "ksp", "kspps": "kspps",
}

// instrumentsFor lists the instruments, those that fit the cooperative first, newest
// first within each.
func instrumentsFor(reg *scoring.Registry, c store.Cooperative) []*scoring.Instrument {
	all := slices.Clone(reg.Instruments())
	family := instrumentFamily[c.BusinessType]
	if family == "" && c.LegalType == "simpan_pinjam" {
		family = "ksp"
	}
	fits := func(in *scoring.Instrument) int {
		if f, _, _ := strings.Cut(in.ID, "-"); f == family {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(all, func(a, b *scoring.Instrument) int {
		if d := fits(a) - fits(b); d != 0 {
			return d
		}
		return strings.Compare(b.ID, a.ID)
	})
	return all
}

// lastClosedYear is the newest fiscal year whose books closed before now; end is the
// closing month and day ("MM-DD", "12-31" when empty or unreadable).
func lastClosedYear(now time.Time, end string) int {
	month, day := 12, 31
	if mm, dd, ok := strings.Cut(end, "-"); ok {
		m1, err1 := strconv.Atoi(mm)
		d1, err2 := strconv.Atoi(dd)
		if err1 == nil && err2 == nil && m1 >= 1 && m1 <= 12 && d1 >= 1 && d1 <= 31 {
			month, day = m1, d1
		}
	}
	closing := time.Date(now.Year(), time.Month(month), day, 23, 59, 59, 0, now.Location())
	if now.After(closing) {
		return now.Year()
	}
	return now.Year() - 1
}

// draftOfYear is the open draft of the chosen year, or nil.
func (m startModel) draftOfYear() *store.Assessment {
	return m.ofYear(store.StatusDraft)
}

// finalOfYear is the current final assessment of the chosen year, or nil.
func (m startModel) finalOfYear() *store.Assessment {
	return m.ofYear(store.StatusFinal)
}

// ofYear finds the chosen year's assessment in a status.
func (m startModel) ofYear(s store.AssessmentStatus) *store.Assessment {
	for i := range m.all {
		if m.all[i].FiscalYear == m.year && m.all[i].Status == s {
			return &m.all[i]
		}
	}
	return nil
}

// handleKey changes the fields, or acts on the chosen year.
func (m startModel) handleKey(msg tea.KeyPressMsg) (startModel, tea.Cmd) {
	if m.reasoning {
		return m.reasonKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m, backCmd()
	case !m.loaded || m.busy:
		return m, nil
	case key.Matches(msg, k.Up), key.Matches(msg, k.Down):
		m.field, m.typedYear = 1-m.field, ""
	case key.Matches(msg, k.Prev):
		m.change(-1)
	case key.Matches(msg, k.Next):
		m.change(1)
	case key.Matches(msg, k.Go):
		return m.act()
	case key.Matches(msg, k.Amend):
		m.reasoning, m.input = true, nil
	case m.field == 1 && len(msg.Text) == 1 && msg.Text >= "0" && msg.Text <= "9":
		m.typeYear(msg.Text)
	}
	m.err = nil
	return m, nil
}

// change steps the focused field.
func (m *startModel) change(d int) {
	m.typedYear = ""
	if m.field == 0 && len(m.instruments) > 0 {
		m.inst = (m.inst + d + len(m.instruments)) % len(m.instruments)
		return
	}
	m.year = max(1900, min(9999, m.year+d))
}

// typeYear takes a digit of a year typed over the field; four digits make the year.
func (m *startModel) typeYear(d string) {
	m.typedYear += d
	if len(m.typedYear) == 4 {
		if y, err := strconv.Atoi(m.typedYear); err == nil && y >= 1900 {
			m.year = y
		}
		m.typedYear = ""
	}
}

// act resumes the year's draft, opens its final assessment, or starts a draft.
func (m startModel) act() (startModel, tea.Cmd) {
	if d := m.draftOfYear(); d != nil {
		id := d.ID
		return m, func() tea.Msg { return openAssessMsg{id: id} }
	}
	if f := m.finalOfYear(); f != nil {
		id := f.ID
		return m, func() tea.Msg { return openAssessMsg{id: id} }
	}
	if len(m.instruments) == 0 {
		m.err = errors.New(m.lang.at(atNoInstrument))
		return m, nil
	}
	in := m.instruments[m.inst]
	m.busy = true
	figures, notes := previousFigures(in, m.all, m.year, m.lang)
	return m, createAssessmentCmd(m.repo, store.Assessment{CoopID: m.coop.ID,
		Instrument: in.ID, Version: in.Version, FiscalYear: m.year, CoachID: m.coachID,
		Figures: figures, ItemNotes: notes})
}

// reasonKey types the reason of an amendment of the year's final assessment.
func (m startModel) reasonKey(msg tea.KeyPressMsg) (startModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.reasoning = false
	case key.Matches(msg, m.keys.Accept):
		reason := strings.TrimSpace(string(m.input))
		f := m.finalOfYear()
		if reason == "" || f == nil {
			m.err = errors.New(m.lang.at(atReasonNeeded))
			return m, nil
		}
		m.reasoning, m.busy = false, true
		return m, amendCmd(m.repo, f.ID, reason)
	default:
		m.input, _ = m.input.apply(msg)
	}
	return m, nil
}

// created opens the new draft, or says why there is none.
func (m startModel) created(a store.Assessment, err error) (startModel, tea.Cmd) {
	m.busy = false
	if err != nil {
		m.err = err
		return m, nil
	}
	m.all = append(m.all, a)
	id := a.ID
	return m, func() tea.Msg { return openAssessMsg{id: id} }
}

// View draws the two fields, what the chosen year holds, and the cooperative's
// assessments.
func (m startModel) View() string {
	if !m.loaded {
		if m.err != nil {
			return m.st.errText.Render(m.err.Error())
		}
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	labelW := max(lipgloss.Width(m.lang.at(atInstrument)), lipgloss.Width(m.lang.at(atYearField)),
		lipgloss.Width(m.lang.at(atCoach)))
	field := func(i int, label, value string) string {
		mark := "  "
		if i == m.field {
			mark = m.st.assess.cursor.Render("›") + " "
			value = m.st.assess.input.Render("‹ " + value + " ›")
		}
		return mark + m.st.label.Render(padRight(label, labelW)) + "  " + value
	}
	inst := m.lang.at(atNoInstrument)
	if len(m.instruments) > 0 {
		in := m.instruments[m.inst]
		inst = in.Ref() + " · " + in.Name.In(string(m.lang))
	}
	year := strconv.Itoa(m.year)
	if m.typedYear != "" {
		year = m.typedYear + "▏"
	}
	indent := strings.Repeat(" ", labelW+4)
	lines := []string{
		m.st.title.Render(m.coop.Name), "",
		field(0, m.lang.at(atInstrument), inst),
		field(1, m.lang.at(atYearField), year),
		indent + m.yearState(),
		"  " + m.st.label.Render(padRight(m.lang.at(atCoach), labelW)) + "  " +
			m.coachName(),
		"",
	}
	switch {
	case m.reasoning:
		lines = append(lines, m.st.assess.warn.Render(m.lang.at(atReasonHelp)),
			m.st.label.Render(m.lang.at(atReason)+": ")+
				m.st.assess.input.Render(string(m.input)+"▏"), "")
	case m.err != nil:
		lines = append(lines, m.st.errText.Render(m.errText(m.err)), "")
	}
	lines = append(lines, m.st.section.Render(m.lang.at(atExisting)))
	for _, a := range m.all {
		lines = append(lines, "  "+m.assessmentLine(a))
	}
	lines = lines[:min(len(lines), max(1, m.height))]
	for i, l := range lines {
		lines[i] = truncate(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// coachName is the name of the coach who will sign.
func (m startModel) coachName() string {
	if n := m.coaches[m.coachID]; n != "" {
		return n
	}
	return m.lang.tr(txtUnknownCoach)
}

// yearState says what enter will do for the chosen year.
func (m startModel) yearState() string {
	if m.draftOfYear() != nil {
		return m.st.draft.Render("✎ " + m.lang.at(atYearDraft))
	}
	if f := m.finalOfYear(); f != nil {
		score := ""
		if f.Result != nil {
			score = m.lang.number(f.Result.Total) + " " +
				m.lang.predicateLabel(f.Result.Predicate, false)
		}
		return m.st.assess.warn.Render(fmt.Sprintf(m.lang.at(atYearFinal), score))
	}
	return m.st.muted.Render(m.lang.at(atYearNew))
}

// assessmentLine is one assessment of the cooperative: year, instrument, state, score.
func (m startModel) assessmentLine(a store.Assessment) string {
	parts := []string{fmt.Sprintf("%s %d", m.lang.tr(txtFiscalYear), a.FiscalYear),
		fmt.Sprintf("%s@%d", a.Instrument, a.Version)}
	switch a.Status {
	case store.StatusDraft:
		parts = append(parts, m.st.draft.Render("✎ "+m.lang.tr(txtDraft)))
	case store.StatusAmended:
		parts = append(parts, m.st.muted.Render(m.lang.tr(txtAmended)))
	default:
		parts = append(parts, m.lang.at(atFinal))
	}
	if a.Result != nil {
		parts = append(parts, m.lang.number(a.Result.Total)+" "+
			m.st.predicateStyle(a.Result.Predicate).Render(
				m.lang.predicateLabel(a.Result.Predicate, false)))
	}
	return strings.Join(parts, " · ")
}

// errText is a store error as the coach should read it.
func (m startModel) errText(err error) string {
	switch {
	case errors.Is(err, store.ErrDuplicateFinal):
		return m.lang.at(atErrDuplicateFinal)
	case errors.Is(err, store.ErrDuplicateDraft):
		return m.lang.at(atErrDuplicateDraft)
	}
	return err.Error()
}
