package tui

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
	"koroena/store"
	"koroena/tui/rupiah"
)

// settleDelay is how long typing in a figure field must pause before what parses is
// saved; leaving the field or enter saves at once.
const settleDelay = 600 * time.Millisecond

// saveState is where one item's value is on its way to the store.
type saveState int

// The states: on disk, waiting or being written, or refused by the store.
const (
	stateSaved saveState = iota
	statePending
	stateFailed
)

// assessModel is the assessment screen: the figures and the checklist of one assessment,
// each change saved in its own transaction, with the live score beside every component.
type assessModel struct {
	lang Language
	st   *styles
	keys assessKeyMap
	repo AssessRepo
	reg  *scoring.Registry

	loaded bool
	in     *scoring.Instrument
	a      store.Assessment // as the store last returned it
	coop   store.Cooperative
	coach  string // the name of the coach who signs
	prev   *store.Assessment
	rows   []assessRow
	res    scoring.Result

	// What the screen shows: saved values and those still on their way.
	figures map[string]string
	answers map[string]bool
	notes   map[string]string

	// The save queue: one write in flight, the rest waiting, one per field.
	state    map[string]saveState
	queue    []change
	inflight *change
	failed   map[string]change
	saveErr  error
	saved    bool // a write succeeded since the last error

	mode    assessMode
	input   lineInput
	invalid map[string]string // figure id → what was typed and could not be read
	before  string            // the figure's value when its field was opened
	seq     int               // typing generation of the figure field, for the pause
	settle  time.Duration
	notice  string // a one-off message for the footer
	missing []string
	leaving bool // back was asked while changes were still being written
	warned  bool // back was asked once with changes the store refused

	cursor, offset int
	width, height  int
}

// newAssessModel builds an empty assessment screen; the assessment arrives in an
// assessmentOpenedMsg.
func newAssessModel(l Language, st *styles, repo AssessRepo, reg *scoring.Registry) assessModel {
	m := assessModel{lang: l, st: st, keys: defaultAssessKeyMap(l), repo: repo, reg: reg,
		settle: settleDelay}
	m.syncKeys()
	return m
}

// SetSize lays the screen out in w by h cells.
func (m *assessModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.scrollToCursor()
}

// SetStyles hands the screen new styles.
func (m *assessModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches the screen's words and keys to l.
func (m *assessModel) SetLanguage(l Language) {
	m.lang = l
	m.keys = defaultAssessKeyMap(l)
	m.syncKeys()
}

// ShortHelp is the main keys that work now.
func (m assessModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key that works now.
func (m assessModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// capturing reports whether keys are text being typed, so the root keeps its hands off.
func (m assessModel) capturing() bool {
	return m.mode == modeFigure || m.mode == modeNote || m.mode == modeReason
}

// unsaved counts the changes not (yet) in the store.
func (m assessModel) unsaved() int {
	n := len(m.queue) + len(m.failed)
	if m.inflight != nil {
		n++
	}
	return n
}

// Update dispatches one message.
func (m assessModel) Update(msg tea.Msg) (assessModel, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case assessmentOpenedMsg:
		m = m.opened(msg)
	case changeSavedMsg:
		m, cmd = m.changeSaved(msg)
	case figureSettledMsg:
		m, cmd = m.settled(msg)
	case assessmentFinalizedMsg:
		m, cmd = m.finalized(msg)
	case assessmentAmendedMsg:
		m, cmd = m.amended(msg)
	case tea.KeyPressMsg:
		m, cmd = m.handleKey(msg)
	case tea.PasteMsg:
		m, cmd = m.paste(msg.Content)
	}
	m.syncKeys()
	return m, cmd
}

// opened keeps a loaded assessment and lays its instrument out.
func (m assessModel) opened(msg assessmentOpenedMsg) assessModel {
	if msg.err != nil {
		m.saveErr = msg.err
		return m
	}
	in, err := m.reg.Lookup(fmt.Sprintf("%s@%d", msg.a.Instrument, msg.a.Version))
	if err != nil {
		m.saveErr = fmt.Errorf("instrument %s@%d: %w", msg.a.Instrument, msg.a.Version, err)
		return m
	}
	m.loaded, m.in, m.a, m.coop, m.prev = true, in, msg.a, msg.coop, msg.prev
	m.coach = msg.coach
	m.rows = buildRows(in)
	m.figures = maps.Clone(msg.a.Figures)
	m.answers = maps.Clone(msg.a.Answers)
	m.notes = maps.Clone(msg.a.ItemNotes)
	for _, mp := range []*map[string]string{&m.figures, &m.notes} {
		if *mp == nil {
			*mp = map[string]string{}
		}
	}
	if m.answers == nil {
		m.answers = map[string]bool{}
	}
	m.state, m.failed, m.invalid = map[string]saveState{}, map[string]change{}, map[string]string{}
	m.queue, m.inflight, m.mode = nil, nil, modeBrowse
	m.res = m.score()

	// A draft resumes at its first empty item; a final one opens at the top.
	m.cursor = m.firstEditable()
	if !readOnly(m.a) {
		if i := m.nextEmptyFrom(-1); i >= 0 {
			m.cursor = i
		}
	}
	m.scrollToCursor()
	return m
}

// firstEditable is the index of the first row that takes input.
func (m assessModel) firstEditable() int {
	for i, r := range m.rows {
		if r.editable() {
			return i
		}
	}
	return 0
}

// nextEmptyFrom is nextEmpty counted from row i.
func (m assessModel) nextEmptyFrom(i int) int {
	m.cursor = i
	if i < 0 {
		m.cursor = len(m.rows) - 1
	}
	return m.nextEmpty()
}

// handleKey dispatches a key by mode.
func (m assessModel) handleKey(msg tea.KeyPressMsg) (assessModel, tea.Cmd) {
	if !m.loaded {
		if key.Matches(msg, m.keys.Back) {
			return m, backCmd()
		}
		return m, nil
	}
	m.notice = ""
	switch m.mode {
	case modeFigure:
		return m.figureKey(msg)
	case modeNote, modeReason:
		return m.textKey(msg)
	case modeMissing, modeConfirm:
		return m.dialogKey(msg)
	}
	return m.browseKey(msg)
}

// backCmd asks the root to pop the screen.
func backCmd() tea.Cmd { return func() tea.Msg { return backMsg{} } }

// browseKey moves, answers, and opens fields and dialogs.
func (m assessModel) browseKey(msg tea.KeyPressMsg) (assessModel, tea.Cmd) {
	k := m.keys
	row := m.current()
	switch {
	case key.Matches(msg, k.Back):
		return m.leave()
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-max(1, m.listHeight()-1))
	case key.Matches(msg, k.PageDown):
		m.move(max(1, m.listHeight()-1))
	case key.Matches(msg, k.Top):
		m.cursor = m.firstEditable()
	case key.Matches(msg, k.Bottom):
		m.cursor = len(m.rows) - 1
		m.move(-1)
		m.move(1)
	case key.Matches(msg, k.Diagnosis):
		id, live := m.a.ID, !readOnly(m.a)
		return m, func() tea.Msg { return openDiagnosisMsg{id: id, live: live} }
	case key.Matches(msg, k.Amend):
		m.mode, m.input = modeReason, nil
	case key.Matches(msg, k.NextEmpty):
		if i := m.nextEmpty(); i >= 0 {
			m.cursor = i
		} else {
			m.notice = m.lang.at(atAllFilled)
		}
	case key.Matches(msg, k.Finalize):
		m = m.askFinalize()
	case key.Matches(msg, k.Retry):
		return m.retry()
	case readOnly(m.a):
		// A locked assessment only shows; amending is the way to change it.
	case key.Matches(msg, k.Note) && row.editable():
		m.mode, m.input = modeNote, lineInput(m.notes[row.id])
	case row.kind == rowQuestion:
		return m.questionKey(msg, row)
	case row.kind == rowFigure:
		return m.figureBrowseKey(msg, row)
	}
	m.scrollToCursor()
	return m, nil
}

// questionKey answers the question under the cursor and moves on.
func (m assessModel) questionKey(msg tea.KeyPressMsg, row assessRow) (assessModel, tea.Cmd) {
	var c change
	switch {
	case key.Matches(msg, m.keys.Yes), key.Matches(msg, m.keys.No):
		v := key.Matches(msg, m.keys.Yes)
		m.answers[row.id] = v
		c = change{kind: changeAnswer, item: row.id, answer: &v}
		m.move(1)
	case key.Matches(msg, m.keys.Clear):
		delete(m.answers, row.id)
		c = change{kind: changeAnswer, item: row.id}
	default:
		return m, nil
	}
	m.scrollToCursor()
	return m.enqueue(c)
}

// figureBrowseKey opens the figure field, or clears the figure.
func (m assessModel) figureBrowseKey(msg tea.KeyPressMsg, row assessRow) (assessModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Edit):
		m.mode, m.seq, m.before = modeFigure, m.seq+1, m.figures[row.id]
		m.input = lineInput(rupiah.Format(m.figures[row.id]))
		if m.figures[row.id] == "" {
			m.input = nil
		}
		return m, nil
	case key.Matches(msg, m.keys.Clear):
		delete(m.figures, row.id)
		delete(m.invalid, row.id)
		return m.enqueue(change{kind: changeFigure, item: row.id})
	}
	// Typing a digit or a sign starts a fresh entry.
	if t := msg.Text; len(t) == 1 && strings.ContainsAny(t, "0123456789-") {
		m.mode, m.seq, m.input = modeFigure, m.seq+1, lineInput(t)
		m.before = m.figures[row.id]
		return m.typed(row.id)
	}
	return m, nil
}

// current is the row under the cursor.
func (m assessModel) current() assessRow {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return assessRow{}
	}
	return m.rows[m.cursor]
}

// move steps the cursor n editable rows, stopping at the ends.
func (m *assessModel) move(n int) {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for i := m.cursor + step; i >= 0 && i < len(m.rows) && n > 0; i += step {
		if m.rows[i].editable() {
			m.cursor = i
			n--
		}
	}
}

// textKey handles a key while a note or an amendment's reason is typed.
func (m assessModel) textKey(msg tea.KeyPressMsg) (assessModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.FieldLeave):
		m.mode = modeBrowse
		return m, nil
	case key.Matches(msg, m.keys.FieldAccept):
		text := strings.TrimSpace(string(m.input))
		if m.mode == modeReason {
			if text == "" {
				m.notice = m.lang.at(atReasonNeeded)
				return m, nil
			}
			m.mode = modeBrowse
			return m, amendCmd(m.repo, m.a.ID, text)
		}
		m.mode = modeBrowse
		id := m.current().id
		if text == m.notes[id] {
			return m, nil
		}
		setOrDelete(m.notes, id, text)
		return m.enqueue(change{kind: changeNote, item: id, value: text})
	}
	m.input, _ = m.input.apply(msg)
	return m, nil
}

// setOrDelete sets m[k] = v, or deletes k when v is empty.
func setOrDelete(m map[string]string, k, v string) {
	if v == "" {
		delete(m, k)
		return
	}
	m[k] = v
}

// askFinalize shows what is missing, or asks to confirm the finalization.
func (m assessModel) askFinalize() assessModel {
	m.missing = m.missingItems()
	switch {
	case len(m.missing) > 0:
		m.mode = modeMissing
	case m.unsaved() > 0:
		m.notice = m.lang.at(atWaitSaving)
	default:
		m.mode = modeConfirm
	}
	return m
}

// dialogKey answers the missing list or the confirmation.
func (m assessModel) dialogKey(msg tea.KeyPressMsg) (assessModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.DialogYes) && m.mode == modeConfirm:
		m.mode = modeBrowse
		if m.unsaved() > 0 {
			m.notice = m.lang.at(atWaitSaving)
			return m, nil
		}
		res, err := storeResult(m.res)
		if err != nil {
			m.notice = err.Error()
			return m, nil
		}
		return m, finalizeCmd(m.repo, m.a.ID, m.in.Version, res)
	case key.Matches(msg, m.keys.DialogNo):
		m.mode = modeBrowse
	}
	return m, nil
}

// finalized shows the locked assessment, or says why it could not be locked.
func (m assessModel) finalized(msg assessmentFinalizedMsg) (assessModel, tea.Cmd) {
	if msg.err != nil {
		m.saveErr = msg.err
		return m, nil
	}
	m.a, m.saveErr = msg.a, nil
	m.notice = m.lang.at(atFinalized)
	return m, reloadRecordCmd(m.repo, m.a.CoopID)
}

// amended opens the new revision in place of the final one.
func (m assessModel) amended(msg assessmentAmendedMsg) (assessModel, tea.Cmd) {
	if msg.err != nil {
		m.saveErr = msg.err
		return m, nil
	}
	m.saveErr = nil
	prev := m.prev
	m = m.opened(assessmentOpenedMsg{a: msg.a, coop: m.coop, prev: prev, coach: m.coach})
	m.notice = m.lang.at(atAmendStarted)
	return m, reloadRecordCmd(m.repo, m.a.CoopID)
}

// reloadRecordCmd refreshes the record screen underneath, so its timeline shows the change.
func reloadRecordCmd(repo AssessRepo, coopID string) tea.Cmd {
	return loadRecordCmd(repo, coopID)
}

// errText is a store error as the coach should read it.
func (m assessModel) errText(err error) string {
	switch {
	case errors.Is(err, store.ErrFinal):
		return m.lang.at(atErrFinal)
	case errors.Is(err, store.ErrDuplicateFinal):
		return m.lang.at(atErrDuplicateFinal)
	}
	return err.Error()
}
