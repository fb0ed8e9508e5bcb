package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
)

// assessScreens are the root's screens for assessing: starting an assessment, the
// assessment itself and its diagnosis. The root keeps them here so that its own file only
// hooks them in.
type assessScreens struct {
	repo  AssessRepo // nil when the root's Repo cannot keep assessments
	reg   *scoring.Registry
	now   func() time.Time
	delay time.Duration // Options.SaveDelay

	// quitting is set when a quit waits for the last changes to be saved; a second quit
	// key then quits at once.
	quitting bool

	start  startModel
	assess assessModel
	diag   diagnosisModel
}

// newAssessScreens builds the screens on repo, if it can keep assessments.
func newAssessScreens(repo Repo, opts Options, l Language, st *styles) assessScreens {
	s := assessScreens{reg: opts.Instruments, now: opts.Now}
	if s.reg == nil {
		s.reg = scoring.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.repo, _ = repo.(AssessRepo)
	s.delay = opts.SaveDelay
	s.assess = s.newAssess(l, st)
	s.diag = newDiagnosisModel(l, st, s.reg, "")
	return s
}

// newAssess builds an empty assessment screen with the save delay of the options.
func (s assessScreens) newAssess(l Language, st *styles) assessModel {
	a := newAssessModel(l, st, s.repo, s.reg)
	switch {
	case s.delay < 0:
		a.settle = 0
	case s.delay > 0:
		a.settle = s.delay
	}
	return a
}

// isAssessFocus reports whether f is one of the assessment screens.
func isAssessFocus(f focus) bool {
	return f == focusStart || f == focusAssess || f == focusDiagnosis
}

// routeAssess handles the assessment screens' navigation and result messages; ok is
// false for every other message.
func (m Model) routeAssess(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg.(type) {
	case openStartMsg, openAssessMsg, openDiagnosisMsg:
		if m.as.repo == nil {
			m.status, m.statusErr = m.lang.at(atErrNoAssess), true
			return m, nil, true
		}
	}
	switch msg := msg.(type) {
	case openStartMsg:
		return m.openStart(msg.coopID)
	case openAssessMsg:
		return m.openAssess(msg.id)
	case openDiagnosisMsg:
		return m.openDiagnosis(msg)
	case backMsg:
		if !isAssessFocus(m.focused()) {
			return m, nil, false
		}
		m = m.back()
		return m, m.refreshBelow(), true
	case changeSavedMsg:
		var cmd tea.Cmd
		m.as.assess, cmd = m.as.assess.Update(msg)
		return m.quitWhenSaved(cmd)
	case figureSettledMsg, assessmentFinalizedMsg:
		var cmd tea.Cmd
		m.as.assess, cmd = m.as.assess.Update(msg)
		return m, cmd, true
	case startLoadedMsg, assessmentCreatedMsg, assessmentOpenedMsg, assessmentAmendedMsg:
		m, cmd := m.toAssessScreen(msg)
		return m, cmd, true
	}
	return m, nil, false
}

// refreshBelow reloads the screen uncovered by going back, so it shows what changed.
func (m Model) refreshBelow() tea.Cmd {
	switch m.focused() {
	case focusRecord:
		return loadRecordCmd(m.repo, m.record.coopID)
	case focusStart:
		return loadStartCmd(m.as.repo, m.as.start.coopID)
	}
	return nil
}

// openStart pushes the screen that starts an assessment of cooperative coopID.
func (m Model) openStart(coopID string) (Model, tea.Cmd, bool) {
	m.as.start = newStartModel(m.lang, &m.styles, m.as.repo, m.as.reg, m.as.now, coopID)
	m.as.start.SetSize(m.width, m.bodyHeight())
	m.stack = append(m.stack, focusStart)
	return m, loadStartCmd(m.as.repo, coopID), true
}

// openAssess pushes the assessment screen; from the start screen it takes its place, so
// that going back returns to the record.
func (m Model) openAssess(id string) (Model, tea.Cmd, bool) {
	if m.focused() == focusStart {
		m = m.back()
	}
	m.as.assess = m.as.newAssess(m.lang, &m.styles)
	m.as.assess.SetSize(m.width, m.bodyHeight())
	m.stack = append(m.stack, focusAssess)
	return m, openAssessmentCmd(m.as.repo, id), true
}

// openDiagnosis pushes the diagnosis: of the open draft as it stands, or loaded.
func (m Model) openDiagnosis(msg openDiagnosisMsg) (Model, tea.Cmd, bool) {
	m.as.diag = newDiagnosisModel(m.lang, &m.styles, m.as.reg, msg.id)
	m.as.diag.SetSize(m.width, m.bodyHeight())
	m.stack = append(m.stack, focusDiagnosis)
	if a := m.as.assess; msg.live && a.loaded && a.a.ID == msg.id {
		fig, ans := cloneStrings(a.figures), cloneBools(a.answers)
		m.as.diag = m.as.diag.show(a.a, a.coop, a.prev, fig, ans, true)
		return m, nil, true
	}
	return m, openAssessmentCmd(m.as.repo, msg.id), true
}

// toAssessScreen passes msg to the focused assessment screen.
func (m Model) toAssessScreen(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.focused() {
	case focusStart:
		m.as.start, cmd = m.as.start.Update(msg)
	case focusAssess:
		m.as.assess, cmd = m.as.assess.Update(msg)
	case focusDiagnosis:
		m.as.diag, cmd = m.as.diag.Update(msg)
	}
	return m, cmd
}

// assessCapturing reports whether the focused assessment screen takes typing.
func (m Model) assessCapturing() bool {
	switch m.focused() {
	case focusStart:
		return m.as.start.capturing()
	case focusAssess:
		return m.as.assess.capturing()
	}
	return false
}

// setLanguage switches the assessment screens to l.
func (s *assessScreens) setLanguage(l Language) {
	s.start.SetLanguage(l)
	s.assess.SetLanguage(l)
	s.diag.SetLanguage(l)
}

// setSize lays the assessment screens out.
func (s *assessScreens) setSize(w, h int) {
	s.start.SetSize(w, h)
	s.assess.SetSize(w, h)
	s.diag.SetSize(w, h)
}

// setStyles hands the assessment screens new styles.
func (s *assessScreens) setStyles(st *styles) {
	s.start.SetStyles(st)
	s.assess.SetStyles(st)
	s.diag.SetStyles(st)
}

// view draws the focused assessment screen.
func (s assessScreens) view(f focus) string {
	switch f {
	case focusStart:
		return s.start.View()
	case focusAssess:
		return s.assess.View()
	}
	return s.diag.View()
}

// title is the focused assessment screen's part of the title line.
func (s assessScreens) title(f focus) string {
	switch f {
	case focusStart:
		return s.start.title()
	case focusAssess:
		return s.assess.title()
	}
	return s.diag.title()
}

// shortHelp is the focused assessment screen's main keys.
func (s assessScreens) shortHelp(f focus) []key.Binding {
	switch f {
	case focusStart:
		return s.start.ShortHelp()
	case focusAssess:
		return s.assess.ShortHelp()
	}
	return s.diag.ShortHelp()
}

// fullHelp is every key of the focused assessment screen.
func (s assessScreens) fullHelp(f focus) [][]key.Binding {
	switch f {
	case focusStart:
		return s.start.FullHelp()
	case focusAssess:
		return s.assess.FullHelp()
	}
	return s.diag.FullHelp()
}

// assessStatusLine is the status line of an assessment screen: whether everything is
// saved, then the main keys in what room is left.
func (m Model) assessStatusLine() string {
	bindings := append(m.as.shortHelp(m.focused()), m.keys.Help)
	if m.focused() != focusAssess {
		return shortHelp(bindings, m.width, m.styles)
	}
	text, bad := m.as.assess.saveLine()
	if text == "" {
		return shortHelp(bindings, m.width, m.styles)
	}
	st := m.styles.assess.ok
	if bad {
		st = m.styles.errText
	}
	text = truncate(text, m.width)
	rest := m.width - len([]rune(text)) - 3
	if rest < 10 {
		return st.Render(text)
	}
	return st.Render(text) + m.styles.muted.Render(" · ") + shortHelp(bindings, rest, m.styles)
}

// cloneStrings copies a map of strings.
func cloneStrings(in map[string]string) map[string]string {
	out := make(map[string]string, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// cloneBools copies a map of answers.
func cloneBools(in map[string]bool) map[string]bool {
	out := make(map[string]bool, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// quitSaving quits, but first lets the assessment screen save what it still holds: the
// figure being typed and the changes on their way to the store. A second quit key quits
// at once.
func (m Model) quitSaving() (tea.Model, tea.Cmd) {
	if m.as.quitting {
		return m, tea.Quit
	}
	var cmd tea.Cmd
	m.as.assess, cmd = m.as.assess.flushForQuit()
	a := m.as.assess
	if a.waiting() == 0 && len(a.failed) == 0 {
		return m, tea.Batch(cmd, tea.Quit)
	}
	m.as.quitting = true
	m.status, m.statusErr = m.lang.at(atQuitSaving), false
	if a.waiting() == 0 {
		m.status, m.statusErr = fmt.Sprintf(m.lang.at(atQuitUnsaved), len(a.failed)), true
	}
	return m, cmd
}

// quitWhenSaved quits once a quit waited for the last change to be saved; if the store
// refused one, it says so and waits for a second quit key.
func (m Model) quitWhenSaved(cmd tea.Cmd) (Model, tea.Cmd, bool) {
	a := m.as.assess
	if !m.as.quitting || a.waiting() > 0 {
		return m, cmd, true
	}
	if len(a.failed) == 0 {
		return m, tea.Quit, true
	}
	m.status, m.statusErr = fmt.Sprintf(m.lang.at(atQuitUnsaved), len(a.failed)), true
	return m, cmd, true
}
