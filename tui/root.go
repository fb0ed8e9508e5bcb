// Package tui holds koroena's screens (Bubble Tea v2): a root model that keeps a stack of
// screens and routes messages to the focused one, and one model per screen.
package tui

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// Repo is what the screens read from and write to the store. Every call is made inside a
// command, never in Update or View.
type Repo interface {
	// CooperativeSummaries lists every cooperative, active or not, with its latest
	// final assessment, its last visit and its coach's name.
	CooperativeSummaries() ([]store.CoopSummary, error)
	// Cooperative returns one cooperative's profile.
	Cooperative(id string) (store.Cooperative, error)
	// AssessmentsOf returns every assessment of a cooperative, drafts included.
	AssessmentsOf(coopID string) ([]store.Assessment, error)
	// VisitsOf returns every visit to a cooperative.
	VisitsOf(coopID string) ([]store.Visit, error)
	// Coaches returns every coach.
	Coaches() ([]store.Coach, error)
	// Setting returns a saved setting and whether it exists.
	Setting(key string) (string, bool, error)
	// SetSetting saves a setting.
	SetSetting(key, value string) error
}

// Options are what the screens take from cmd besides the store.
type Options struct {
	// Lang is the language to start in; see ResolveLanguage. Empty means English.
	Lang Language
	// Logger receives debug records; nil discards them.
	Logger *slog.Logger
	// AspectLabel names an aspect of an instrument in a language, when the scoring
	// engine knows it; nil or a false answer falls back to the built-in names.
	AspectLabel func(lang Language, instrument string, version int, aspect string) (string, bool)
	// Instruments are the assessment instruments; nil means the embedded ones.
	Instruments *scoring.Registry
	// Now is the clock for defaults such as the last closed fiscal year; nil is time.Now.
	Now func() time.Time
	// SaveDelay is how long typing in a figure field pauses before what reads is saved;
	// zero means the default (0.6 s), a negative value saves at every readable keystroke.
	SaveDelay time.Duration
	// Conditions is the diagnosis catalogue; nil means the embedded one.
	Conditions *diagnosis.Catalogue
	// ExportDir is where the training list's CSV is written; empty disables the key.
	ExportDir string
	// Report writes a cooperative's printable record (r on the record); nil disables it.
	Report ReportFunc
	// Import imports a registry file (i on the list); nil disables it.
	Import ImportFunc
}

// The smallest window the screens lay out in; below it they ask for a larger one.
const (
	minWidth  = 60
	minHeight = 15
)

// focus names a screen of the stack.
type focus int

// The screens. Later issues add assessment entry, diagnosis, follow-up and the city view.
const (
	focusList focus = iota
	focusRecord
	focusStart // starting an assessment (rootassess.go)
	focusAssess
	focusDiagnosis
)

// Navigation and result messages that the root handles.
type (
	// openRecordMsg asks the root to push a cooperative's record.
	openRecordMsg struct{ id string }
	// backMsg asks the root to pop the focused screen.
	backMsg struct{}
	// switchLanguageMsg asks the root to switch to the other language and save it.
	switchLanguageMsg struct{}
	// settingSavedMsg reports a saved setting.
	settingSavedMsg struct {
		key string
		err error
	}
)

// rootKeyMap holds the keys that work on every screen.
type rootKeyMap struct {
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding
	CloseHelp key.Binding
}

// defaultRootKeyMap builds the global keys with help in language l.
func defaultRootKeyMap(l Language) rootKeyMap {
	return rootKeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", l.tr(txtKeyQuit))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", l.tr(txtKeyQuit))),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", l.tr(txtKeyHelp))),
		CloseHelp: key.NewBinding(key.WithKeys("?", "esc", "q"),
			key.WithHelp("?/esc", l.tr(txtKeyCloseHelp))),
	}
}

// Model is the root of the screens: it owns the stack, the styles and the language, and
// routes each message to the screen that should see it.
type Model struct {
	repo   Repo
	opts   Options
	log    *slog.Logger
	lang   Language
	styles styles
	keys   rootKeyMap

	width, height int
	stack         []focus
	showHelp      bool
	status        string // last error or confirmation, shown in the status line
	statusErr     bool

	list    listModel
	record  recordModel
	as      assessScreens
	care    careScreens  // care.go
	profile profileModel // profile.go
}

// New builds the screens on repo. Start it with tea.NewProgram(New(repo, opts)).
func New(repo Repo, opts Options) Model {
	lang := opts.Lang
	if lang == "" {
		lang = English
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	// The terminal's own colours until it tells its background.
	st := newSafeStyles()
	return Model{
		repo:   repo,
		opts:   opts,
		log:    logger,
		lang:   lang,
		styles: st,
		keys:   defaultRootKeyMap(lang),
		stack:  []focus{focusList},
		list:   newListModel(lang, &st).withImport(opts.Import, loadSummariesCmd(repo)),
		record: newRecordModel(lang, &st, opts.AspectLabel).withCare(opts),
		as:     newAssessScreens(repo, opts, lang, &st),
		care:   newCareScreens(repo, opts, lang, &st),
	}
}

// Init asks for the terminal's background and loads the list.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, loadListCmd(m.repo))
}

// focused is the screen on top of the stack.
func (m Model) focused() focus { return m.stack[len(m.stack)-1] }

// Update routes msg: window size and background to every screen, keys to the focused one,
// results to the screen that asked.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.log.Debug("msg", "type", fmt.Sprintf("%T", msg))
	if next, cmd, ok := m.routeProfile(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := m.routeCare(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := m.routeAssess(msg); ok {
		return next, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.setStyles(newStyles(msg.IsDark()))
		return m, nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case openRecordMsg:
		return m.openRecord(msg.id)
	case backMsg:
		return m.back(), nil
	case switchLanguageMsg:
		return m.switchLanguage()
	case settingSavedMsg:
		return m.settingSaved(msg), nil
	case summariesLoadedMsg:
		m.list, _ = m.list.Update(msg)
		return m.noteError(msg.err), nil
	case listHeadMsg:
		// The first screen is up (or could not be read): now every row.
		m.list, _ = m.list.Update(msg)
		return m.noteError(msg.err), loadSummariesCmd(m.repo)
	case recordLoadedMsg:
		m.record, _ = m.record.Update(msg)
		return m.noteError(msg.err), nil
	}
	return m.toFocused(msg)
}

// handleKey handles the global keys and passes the rest to the focused screen.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.status = ""
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quitSaving()
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.CloseHelp) {
			m.showHelp = false
		}
		return m, nil
	}
	if (m.focused() == focusList && m.list.capturing()) || m.assessCapturing() ||
		m.focused() == focusProfile {
		return m.toFocused(msg)
	}
	if m.careCapturing() {
		next, cmd, _ := m.careKey(msg)
		return next, cmd
	}
	switch {
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, m.keys.Quit) && m.focused() == focusList:
		return m.quitSaving()
	}
	if next, cmd, ok := m.careKey(msg); ok {
		return next, cmd
	}
	return m.toFocused(msg)
}

// toFocused passes msg to the screen on top of the stack.
func (m Model) toFocused(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.focused() {
	case focusList:
		m.list, cmd = m.list.Update(msg)
	case focusRecord:
		m.record, cmd = m.record.Update(msg)
	case focusProfile:
		m.profile, cmd = m.profile.Update(msg)
	default:
		return m.toAssessScreen(msg)
	}
	return m, cmd
}

// openRecord pushes the record screen and loads the cooperative.
func (m Model) openRecord(id string) (tea.Model, tea.Cmd) {
	m.record = newRecordModel(m.lang, &m.styles, m.opts.AspectLabel)
	m.record.SetSize(m.width, m.bodyHeight())
	m.record.coopID = id
	m.record.report = m.opts.Report
	m.record = m.record.withProfileEdit(m.repo)
	m.stack = append(m.stack, focusRecord)
	return m, loadRecordCmd(m.repo, id)
}

// back pops the focused screen; the list stays.
func (m Model) back() Model {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
	return m
}

// switchLanguage flips the language of every screen and saves the choice.
func (m Model) switchLanguage() (tea.Model, tea.Cmd) {
	m.lang = m.lang.other()
	m.keys = defaultRootKeyMap(m.lang)
	m.list.SetLanguage(m.lang)
	m.record.SetLanguage(m.lang)
	m.profile.SetLanguage(m.lang)
	m.as.setLanguage(m.lang)
	m.care.setLanguage(m.lang)
	return m, saveSettingCmd(m.repo, SettingLanguage, string(m.lang))
}

// settingSaved notes the outcome of a saved setting in the status line.
func (m Model) settingSaved(msg settingSavedMsg) Model {
	if msg.err != nil {
		m.log.Error("save setting", "key", msg.key, "err", msg.err)
		m.status, m.statusErr = m.lang.trf(txtErrSave, msg.err), true
		return m
	}
	m.status, m.statusErr = m.lang.tr(txtLanguageName)+" · "+m.lang.tr(txtSaved), false
	return m
}

// noteError shows a load error in the status line and logs it.
func (m Model) noteError(err error) Model {
	if err != nil {
		m.log.Error("load", "err", err)
		m.status, m.statusErr = m.lang.trf(txtErrLoad, err), true
	}
	return m
}

// setSize lays every screen out for a window of w by h cells.
func (m *Model) setSize(w, h int) {
	m.width, m.height = w, h
	m.list.SetSize(w, m.bodyHeight())
	m.record.SetSize(w, m.bodyHeight())
	m.profile.SetSize(w, m.bodyHeight())
	m.as.setSize(w, m.bodyHeight())
	m.care.setSize(w, m.bodyHeight())
}

// setStyles hands new styles to every screen.
func (m *Model) setStyles(st styles) {
	m.styles = st
	m.list.SetStyles(&m.styles)
	m.record.SetStyles(&m.styles)
	m.profile.SetStyles(&m.styles)
	m.as.setStyles(&m.styles)
	m.care.setStyles(&m.styles)
}

// bodyHeight is what a screen gets: the window less the title and status lines.
func (m Model) bodyHeight() int { return max(0, m.height-2) }

// View draws the title line, the focused screen (or the help) and the status line.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "koroena"
	return v
}

// render is the whole screen as text; tests compare it with golden files.
func (m Model) render() string {
	if m.width == 0 || m.height == 0 {
		return m.lang.tr(txtLoading)
	}
	if m.width < minWidth || m.height < minHeight {
		msg := m.lang.trf(txtTooSmall, m.width, m.height, minWidth, minHeight)
		return lipgloss.NewStyle().Width(m.width).MaxHeight(m.height).Render(msg)
	}

	var body string
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.focused() == focusRecord:
		body = m.record.View()
	case m.focused() == focusProfile:
		body = m.profile.View()
	case isAssessFocus(m.focused()):
		body = m.as.view(m.focused())
	case isCareFocus(m.focused()):
		body = m.care.view(m.focused())
	default:
		body = m.list.View()
	}
	body = fitBlock(body, m.width, m.bodyHeight())
	return strings.Join([]string{m.titleLine(), body, m.statusLine()}, "\n")
}

// titleLine shows where the user is.
func (m Model) titleLine() string {
	parts := []string{m.lang.tr(txtAppTitle), m.lang.tr(txtCoops)}
	if m.focused() == focusRecord {
		parts = append(parts, m.record.title())
	}
	if isAssessFocus(m.focused()) {
		parts = append(parts, m.as.title(m.focused()))
	}
	if isCareFocus(m.focused()) {
		parts = append(parts, m.care.title(m.focused()))
	}
	if m.focused() == focusProfile {
		parts = append(parts, m.profile.title())
	}
	if m.showHelp {
		parts = append(parts, m.lang.tr(txtKeys))
	}
	line := strings.Join(parts, " › ")
	return m.styles.title.Render(truncate(line, m.width))
}

// statusLine shows the last error or confirmation, else the focused screen's main keys.
func (m Model) statusLine() string {
	if m.status != "" {
		st := m.styles.status
		if m.statusErr {
			st = m.styles.errText
		}
		return st.Render(truncate(m.status, m.width))
	}
	bindings := []key.Binding{m.keys.Help}
	switch {
	case m.showHelp:
		bindings = []key.Binding{m.keys.CloseHelp}
	case isAssessFocus(m.focused()):
		return m.assessStatusLine()
	case isCareFocus(m.focused()):
		bindings = append(m.care.shortHelp(m.focused()), m.keys.Help)
	case m.focused() == focusRecord:
		rk := m.record.keys
		bindings = []key.Binding{rk.Back, m.keys.Help, rk.New, rk.Resume, rk.Diagnosis, rk.Up,
			rk.Down, m.care.keys.Plan, m.care.keys.Visit, rk.Profile}
	case m.focused() == focusProfile:
		// Every letter is typed into a field; only ctrl+c still quits.
		bindings = append(m.profile.ShortHelp(), m.keys.ForceQuit)
	case m.list.capturing():
		// While the filter takes typing, ? and q are letters; only ctrl+c still quits.
		bindings = append(m.list.ShortHelp(), m.keys.ForceQuit)
	default:
		// Help comes early so that even a narrow window shows where every key is.
		k := m.list.keys
		bindings = []key.Binding{k.FilterApply, k.FilterCancel, k.Open, k.Filter, m.keys.Help,
			m.keys.Quit, k.Predicate, k.Sort, k.Language}
		bindings = append(bindings, m.care.listHelp()...)
	}
	if info := m.record.scrollInfo(); info != "" && m.focused() == focusRecord && !m.showHelp {
		info = m.styles.muted.Render(info + " · ")
		return info + shortHelp(bindings, m.width-lipgloss.Width(info), m.styles)
	}
	return shortHelp(bindings, m.width, m.styles)
}

// fullHelp is every key of the focused screen, then the global ones.
func (m Model) fullHelp() [][]key.Binding {
	global := []key.Binding{m.keys.Help, m.keys.ForceQuit}
	if isAssessFocus(m.focused()) {
		help := m.as.fullHelp(m.focused())
		if m.focused() == focusDiagnosis {
			help = append(help, m.care.recordHelp())
		}
		return append(help, global)
	}
	if isCareFocus(m.focused()) {
		return append(m.care.fullHelp(m.focused()), global)
	}
	if m.focused() == focusRecord {
		return append(m.record.FullHelp(), m.care.recordHelp(), global)
	}
	if m.focused() == focusProfile {
		return append(m.profile.FullHelp(), global)
	}
	global = append(global, m.keys.Quit)
	return append(m.list.FullHelp(), m.care.listHelp(), global)
}
