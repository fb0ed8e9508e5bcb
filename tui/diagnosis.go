package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// diagKeyMap holds the diagnosis screen's keys.
type diagKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Bands, Back key.Binding
}

// defaultDiagKeyMap builds the keys with help in language l.
func defaultDiagKeyMap(l Language) diagKeyMap {
	r := func(keys []string, help string, id msgID) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.tr(id)))
	}
	return diagKeyMap{
		Up:       r([]string{"up", "k"}, "↑/k", txtKeyUp),
		Down:     r([]string{"down", "j"}, "↓/j", txtKeyDown),
		PageUp:   r([]string{"pgup", "ctrl+b", "b"}, "pgup", txtKeyPageUp),
		PageDown: r([]string{"pgdown", "ctrl+f", "f", "space"}, "pgdn", txtKeyPageDown),
		Top:      r([]string{"home", "g"}, "home/g", txtKeyTop),
		Bottom:   r([]string{"end", "G"}, "end/G", txtKeyBottom),
		Bands: key.NewBinding(key.WithKeys("t"),
			key.WithHelp("t", l.at(atKeyBands))),
		Back: r([]string{"esc", "left", "h", "d"}, "esc", txtKeyBack),
	}
}

// ShortHelp is the main keys.
func (k diagKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Down, k.Up, k.Bands, k.PageDown}
}

// FullHelp is every key.
func (k diagKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Bands, k.Back}}
}

// diagnosisModel explains one assessment's score: the total and predicate, each aspect
// against its maximum, each component from its formula and inputs to its skor, the
// adjustments that changed the predicate, and what changed since the previous final
// assessment.
type diagnosisModel struct {
	lang Language
	st   *styles
	keys diagKeyMap
	reg  *scoring.Registry

	id      string
	loaded  bool
	err     error
	live    bool // scored from the open draft as it stands
	in      *scoring.Instrument
	a       store.Assessment
	coop    store.Cooperative
	res     scoring.Result
	prev    *store.Assessment
	prevIn  *scoring.Instrument
	prevRes *scoring.Result

	bands         bool
	offset        int
	width, height int

	cat *diagnosis.Catalogue // conditions named by findingLines (diagnosiscare.go)
}

// newDiagnosisModel builds the screen for assessment id; it is filled by an
// assessmentOpenedMsg or by show.
func newDiagnosisModel(l Language, st *styles, reg *scoring.Registry, id string) diagnosisModel {
	return diagnosisModel{lang: l, st: st, keys: defaultDiagKeyMap(l), reg: reg, id: id}
}

// SetSize lays the screen out in w by h cells.
func (m *diagnosisModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

// SetStyles hands the screen new styles.
func (m *diagnosisModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *diagnosisModel) SetLanguage(l Language) { m.lang, m.keys = l, defaultDiagKeyMap(l) }

// ShortHelp is the main keys.
func (m diagnosisModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m diagnosisModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// title is the screen's part of the title line.
func (m diagnosisModel) title() string {
	if !m.loaded {
		return m.lang.at(atDiagnosis)
	}
	return fmt.Sprintf("%s › %s %d › %s", m.coop.Name, m.lang.tr(txtFiscalYear),
		m.a.FiscalYear, m.lang.at(atDiagnosis))
}

// Update dispatches one message.
func (m diagnosisModel) Update(msg tea.Msg) (diagnosisModel, tea.Cmd) {
	switch msg := msg.(type) {
	case assessmentOpenedMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		if msg.a.ID == m.id {
			m = m.show(msg.a, msg.coop, msg.prev, msg.a.Figures, msg.a.Answers, false)
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// show scores the assessment from the given figures and answers (the draft's as shown,
// or the stored ones) and the previous final for the comparison.
func (m diagnosisModel) show(a store.Assessment, coop store.Cooperative, prev *store.Assessment,
	figures map[string]string, answers map[string]bool, live bool,
) diagnosisModel {
	in, err := m.reg.Lookup(fmt.Sprintf("%s@%d", a.Instrument, a.Version))
	if err != nil {
		m.err = fmt.Errorf("instrument %s@%d: %w", a.Instrument, a.Version, err)
		return m
	}
	m.loaded, m.in, m.a, m.coop, m.prev, m.live = true, in, a, coop, prev, live
	inp, _ := scoring.NewInput(in, figures, answers, a.Options)
	m.res = in.Score(inp)
	m.a.Figures, m.a.Answers = figures, answers
	m.prevIn, m.prevRes = nil, nil
	if prev != nil && len(prev.Figures)+len(prev.Answers) > 0 {
		ref := fmt.Sprintf("%s@%d", prev.Instrument, prev.Version)
		if pin, err := m.reg.Lookup(ref); err == nil {
			pinp, _ := scoring.NewInput(pin, prev.Figures, prev.Answers, prev.Options)
			r := pin.Score(pinp)
			m.prevIn, m.prevRes = pin, &r
		}
	}
	m.offset = 0
	return m
}

// handleKey scrolls, toggles the band tables or goes back.
func (m diagnosisModel) handleKey(msg tea.KeyPressMsg) (diagnosisModel, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m, backCmd()
	case key.Matches(msg, k.Up):
		m.offset--
	case key.Matches(msg, k.Down):
		m.offset++
	case key.Matches(msg, k.PageUp):
		m.offset -= max(1, m.height-1)
	case key.Matches(msg, k.PageDown):
		m.offset += max(1, m.height-1)
	case key.Matches(msg, k.Top):
		m.offset = 0
	case key.Matches(msg, k.Bottom):
		m.offset = 1 << 30
	case key.Matches(msg, k.Bands):
		m.bands = !m.bands
	}
	m.clamp()
	return m, nil
}

// clamp keeps the scroll within the content.
func (m *diagnosisModel) clamp() {
	m.offset = max(0, min(m.offset, len(m.content())-m.height))
}

// View draws the part of the diagnosis that fits.
func (m diagnosisModel) View() string {
	lines := m.content()
	off := max(0, min(m.offset, len(lines)-m.height))
	end := min(len(lines), off+m.height)
	out := make([]string, 0, end-off)
	for _, l := range lines[off:end] {
		out = append(out, truncate(l, m.width))
	}
	return strings.Join(out, "\n")
}

// content is the whole diagnosis as lines for the current width.
func (m diagnosisModel) content() []string {
	if !m.loaded {
		if m.err != nil {
			return []string{m.st.errText.Render(m.err.Error())}
		}
		return []string{m.st.muted.Render(m.lang.tr(txtLoading))}
	}
	lines := m.headline()
	lines = append(lines, "")
	lines = append(lines, m.aspectLines()...)
	lines = append(lines, "")
	lines = append(lines, m.adjustmentLines()...)
	lines = append(lines, "")
	lines = append(lines, m.compareLines()...)
	lines = append(lines, "")
	lines = append(lines, m.componentLines()...)
	lines = append(lines, "")
	lines = append(lines, m.findingLines()...)
	return append(lines, m.instrumentNoteLines()...)
}
