package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// planDeps are what the plan screen reads and writes through.
type planDeps struct {
	repo CareRepo
	cat  *diagnosis.Catalogue
	reg  *scoring.Registry
	now  func() time.Time
}

// Messages of the plan screen.
type (
	// planLoadedMsg brings a cooperative, its latest final assessment and its plan.
	planLoadedMsg struct {
		coopID string
		coop   store.Cooperative
		final  *store.Assessment
		items  []store.Treatment
		today  time.Time
		err    error
	}
	// treatmentSavedMsg reports a plan item added or changed.
	treatmentSavedMsg struct {
		t     store.Treatment
		added bool
		err   error
	}
)

// loadPlanCmd reads what the plan screen shows of cooperative coopID.
func loadPlanCmd(repo CareRepo, coopID string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		msg := planLoadedMsg{coopID: coopID, today: now()}
		var err error
		if msg.coop, err = repo.Cooperative(coopID); err != nil {
			msg.err = fmt.Errorf("load cooperative %s: %w", coopID, err)
			return msg
		}
		all, err := repo.AssessmentsOf(coopID)
		if err != nil {
			msg.err = fmt.Errorf("load assessments of %s: %w", coopID, err)
			return msg
		}
		for i := range all {
			a := all[i]
			if a.Status == store.StatusFinal && (msg.final == nil ||
				a.FiscalYear > msg.final.FiscalYear) {
				msg.final = &a
			}
		}
		if msg.items, err = repo.TreatmentsOf(coopID); err != nil {
			msg.err = fmt.Errorf("load plan of %s: %w", coopID, err)
			return msg
		}
		if v, ok, _ := repo.Setting(settingDemoToday); ok {
			if t, err := time.Parse(time.DateOnly, v); err == nil {
				msg.today = t
			}
		}
		return msg
	}
}

// saveTreatmentCmd adds (added) or updates a plan item.
func saveTreatmentCmd(repo CareRepo, t store.Treatment, added bool) tea.Cmd {
	return func() tea.Msg {
		var err error
		if added {
			t, err = repo.AddTreatment(t)
		} else {
			t, err = repo.UpdateTreatment(t)
		}
		return treatmentSavedMsg{t: t, added: added, err: err}
	}
}

// planKeyMap holds the plan screen's keys.
type planKeyMap struct {
	moveKeyMap
	Add, Status, Owner, Later, Earlier, Note, Visit, Save, Cancel key.Binding
}

// defaultPlanKeyMap builds the keys with help in language l.
func defaultPlanKeyMap(l Language) planKeyMap {
	b := func(keys []string, help string, id ctxt) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.ct(id)))
	}
	k := planKeyMap{
		moveKeyMap: defaultMoveKeyMap(l),
		Add:        b([]string{"a", "enter"}, "a/enter", ctKeyAdd),
		Status:     b([]string{"s"}, "s", ctKeyStatus),
		Owner:      b([]string{"o"}, "o", ctKeyOwner),
		Later:      b([]string{"+", "="}, "+", ctKeyLater),
		Earlier:    b([]string{"-"}, "-", ctKeyEarlier),
		Note:       b([]string{"n"}, "n", ctKeyNote),
		Visit:      b([]string{"v"}, "v", ctKeyVisit),
		Save:       b([]string{"enter"}, "enter", ctKeySave),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.tr(txtKeyClear))),
	}
	// Save and Cancel work only while a note is being typed.
	k.Open.SetEnabled(false)
	k.Save.SetEnabled(false)
	k.Cancel.SetEnabled(false)
	return k
}

// ShortHelp is the main keys, for what the cursor is on.
func (k planKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Cancel, k.Back, k.Add, k.Status, k.Owner, k.Later,
		k.Earlier, k.Note, k.Visit, k.Down, k.Up}
}

// FullHelp is every key.
func (k planKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Add, k.Status, k.Owner, k.Later, k.Earlier, k.Note, k.Visit},
		{k.Save, k.Cancel, k.Back}}
}

// planRowKind is what a line of the plan screen shows.
type planRowKind int

// The kinds of line.
const (
	planRowItem      planRowKind = iota // a plan item (selectable)
	planRowRec                          // a recommended treatment not yet in the plan
	planRowHeading                      // a section or condition heading
	planRowText                         // a remark
	planRowCondition                    // a condition the recommendations below treat
)

// planRow is one line of the plan screen.
type planRow struct {
	kind      planRowKind
	text      string
	item      int // planRowItem: index in items
	finding   int // planRowRec: index in findings
	treatment *diagnosis.Treatment
}

// planModel is one cooperative's treatment plan: its items with owner, due date and
// status, and below them the treatments its latest diagnosis recommends, ready to add.
type planModel struct {
	lang Language
	st   *styles
	keys planKeyMap
	deps planDeps

	coopID   string
	loaded   bool
	err      error
	coop     store.Cooperative
	final    *store.Assessment
	findings []diagnosis.Finding
	items    []store.Treatment
	today    time.Time

	editing bool
	note    textinput.Model

	cursor        int
	width, height int
}

// newPlanModel builds the screen of cooperative coopID; it fills on a planLoadedMsg.
func newPlanModel(l Language, st *styles, deps planDeps, coopID string) planModel {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.CharLimit = 500
	return planModel{lang: l, st: st, keys: defaultPlanKeyMap(l), deps: deps, coopID: coopID,
		note: ti}
}

// SetSize lays the screen out in w by h cells.
func (m *planModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.note.SetWidth(max(10, w-4))
}

// SetStyles hands the screen new styles.
func (m *planModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *planModel) SetLanguage(l Language) {
	m.lang, m.keys = l, defaultPlanKeyMap(l)
	m.enableKeys()
}

// ShortHelp is the main keys.
func (m planModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m planModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// capturing reports whether the note field takes typing.
func (m planModel) capturing() bool { return m.editing }

// title is the screen's part of the title line.
func (m planModel) title() string {
	if !m.loaded {
		return m.lang.ct(ctPlan)
	}
	return m.coop.Name + " › " + m.lang.ct(ctPlan)
}

// Update dispatches one message.
func (m planModel) Update(msg tea.Msg) (planModel, tea.Cmd) {
	switch msg := msg.(type) {
	case planLoadedMsg:
		if msg.coopID == m.coopID {
			m.setPlan(msg)
		}
	case treatmentSavedMsg:
		if msg.err == nil {
			m.keepSaved(msg.t)
		}
	case tea.KeyPressMsg:
		var cmd tea.Cmd
		if m.editing {
			m, cmd = m.handleNoteKey(msg)
		} else {
			m, cmd = m.handleKey(msg)
		}
		m.enableKeys()
		return m, cmd
	}
	m.enableKeys()
	return m, nil
}

// setPlan keeps the loaded plan and diagnoses the latest final assessment.
func (m *planModel) setPlan(msg planLoadedMsg) {
	if msg.err != nil {
		m.err = msg.err
		return
	}
	m.loaded, m.coop, m.final, m.items, m.today = true, msg.coop, msg.final, msg.items, msg.today
	m.findings = nil
	if a := msg.final; a != nil {
		in, err := m.deps.reg.Lookup(fmt.Sprintf("%s@%d", a.Instrument, a.Version))
		if err == nil {
			inp, _ := scoring.NewInput(in, a.Figures, a.Answers, a.Options)
			m.findings = m.deps.cat.Diagnose(in, in.Score(inp), inp)
		}
	}
	m.cursor = m.firstSelectable(0, 1)
}

// keepSaved puts a saved item in the plan, replacing its old version.
func (m *planModel) keepSaved(t store.Treatment) {
	items := slices.Clone(m.items)
	if i := slices.IndexFunc(items, func(o store.Treatment) bool { return o.ID == t.ID }); i >= 0 {
		items[i] = t
	} else {
		items = append(items, t)
	}
	m.items = items
	m.cursor = min(m.cursor, len(m.rows())-1)
	m.cursor = m.firstSelectable(m.cursor, 1)
}

// handleKey moves, adds a recommendation, edits an item or goes back.
func (m planModel) handleKey(msg tea.KeyPressMsg) (planModel, tea.Cmd) {
	rows := m.rows()
	if c, ok := m.keys.move(msg, m.cursor, len(rows), m.height-2); ok {
		dir := 1
		if c < m.cursor {
			dir = -1
		}
		m.cursor = m.firstSelectable(c, dir)
		m.enableKeys()
		return m, nil
	}
	var row planRow
	if m.cursor < len(rows) {
		row = rows[m.cursor]
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m, backCareCmd
	case key.Matches(msg, k.Visit):
		id := m.coopID
		return m, func() tea.Msg { return openCareMsg{f: focusVisit, coopID: id} }
	case row.kind == planRowRec && key.Matches(msg, k.Add):
		return m, saveTreatmentCmd(m.deps.repo, m.newItem(row), true)
	case row.kind != planRowItem:
		return m, nil
	case key.Matches(msg, k.Note):
		m.editing = true
		m.note.SetValue(m.items[row.item].Notes)
		m.note.CursorEnd()
		return m, m.note.Focus()
	}
	t, changed := m.items[row.item], true
	switch {
	case key.Matches(msg, k.Status):
		t.Status = nextOf(store.TreatmentStatuses, t.Status)
	case key.Matches(msg, k.Owner):
		t.Owner = nextOf(store.TreatmentOwners, t.Owner)
	case key.Matches(msg, k.Later):
		t.Due = cmpDue(t.Due, m.today).AddDate(0, 0, 7)
	case key.Matches(msg, k.Earlier):
		t.Due = cmpDue(t.Due, m.today).AddDate(0, 0, -7)
	default:
		changed = false
	}
	if !changed {
		return m, nil
	}
	return m, saveTreatmentCmd(m.deps.repo, t, false)
}

// handleNoteKey edits the note; enter saves it, esc leaves it as it was.
func (m planModel) handleNoteKey(msg tea.KeyPressMsg) (planModel, tea.Cmd) {
	rows := m.rows()
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.editing = false
		m.note.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Save):
		m.editing = false
		m.note.Blur()
		if m.cursor >= len(rows) || rows[m.cursor].kind != planRowItem {
			return m, nil
		}
		t := m.items[rows[m.cursor].item]
		t.Notes = m.note.Value()
		return m, saveTreatmentCmd(m.deps.repo, t, false)
	}
	var cmd tea.Cmd
	m.note, cmd = m.note.Update(msg)
	return m, cmd
}

// cmpDue is the due date to move from: the item's, else today.
func cmpDue(due, today time.Time) time.Time {
	if due.IsZero() {
		return dayOf(today)
	}
	return due
}

// nextOf is the value after v in vs, wrapping round.
func nextOf[T comparable](vs []T, v T) T {
	i := slices.Index(vs, v)
	return vs[(i+1)%len(vs)]
}

// newItem turns a recommendation into a new plan item due after its typical time.
func (m planModel) newItem(row planRow) store.Treatment {
	f := m.findings[row.finding]
	tr := row.treatment
	t := store.Treatment{
		CoopID: m.coopID, ConditionID: f.Condition.ID, TreatmentID: tr.ID,
		Title: tr.Name.In(string(m.lang)), Type: tr.Type, Owner: tr.Owner,
		Due: dayOf(m.today).AddDate(0, 0, tr.DueDays), Status: store.TreatmentPlanned,
	}
	if m.final != nil {
		t.AssessmentID = m.final.ID
	}
	return t
}

// enableKeys keeps help truthful for what the cursor is on.
func (m *planModel) enableKeys() {
	rows := m.rows()
	kind := planRowText
	if m.cursor < len(rows) {
		kind = rows[m.cursor].kind
	}
	k := &m.keys
	onItem := kind == planRowItem && !m.editing
	for _, b := range []*key.Binding{&k.Status, &k.Owner, &k.Later, &k.Earlier, &k.Note} {
		b.SetEnabled(onItem)
	}
	k.Add.SetEnabled(kind == planRowRec && !m.editing)
	k.Save.SetEnabled(m.editing)
	k.Cancel.SetEnabled(m.editing)
	for _, b := range []*key.Binding{&k.Back, &k.Visit, &k.Up, &k.Down, &k.PageUp,
		&k.PageDown, &k.Top, &k.Bottom} {
		b.SetEnabled(!m.editing)
	}
}

// firstSelectable is the nearest selectable row from i in direction dir (then the other).
func (m planModel) firstSelectable(i, dir int) int {
	rows := m.rows()
	sel := func(j int) bool {
		return j >= 0 && j < len(rows) && (rows[j].kind == planRowItem ||
			rows[j].kind == planRowRec)
	}
	for _, d := range []int{dir, -dir} {
		for j := i; j >= 0 && j < len(rows); j += d {
			if sel(j) {
				return j
			}
		}
	}
	return max(0, min(i, len(rows)-1))
}

// rows lays the screen out as lines: the plan, then the recommendations.
func (m planModel) rows() []planRow {
	if !m.loaded {
		return nil
	}
	rows := []planRow{{kind: planRowHeading, text: m.lang.ct(ctPlanItems)}}
	if len(m.items) == 0 {
		rows = append(rows, planRow{kind: planRowText, text: m.lang.ct(ctEmptyPlan)})
	}
	inPlan := map[string]bool{}
	for i, t := range m.items {
		rows = append(rows, planRow{kind: planRowItem, item: i})
		inPlan[t.ConditionID+"|"+t.TreatmentID] = t.Open() || t.Status == store.TreatmentDone
	}
	rows = append(rows, planRow{kind: planRowText})
	if m.final == nil {
		return append(rows, planRow{kind: planRowText, text: m.lang.ct(ctNoFinal)})
	}
	rows = append(rows, planRow{kind: planRowHeading,
		text: m.lang.ctf(ctRecommended, m.final.FiscalYear)})
	added := 0
	for fi, f := range m.findings {
		lost := m.lang.ctf(ctLost, m.lang.number(f.Lost.Fixed2()))
		head := fmt.Sprintf("%s · %s · %s", f.Condition.Name.In(string(m.lang)),
			m.lang.severity(f.Severity.String()), lost)
		rows = append(rows, planRow{kind: planRowCondition, text: head, finding: fi})
		for _, tr := range f.Treatments {
			if inPlan[f.Condition.ID+"|"+tr.ID] {
				continue
			}
			rows = append(rows, planRow{kind: planRowRec, finding: fi, treatment: tr})
			added++
		}
	}
	if len(m.findings) == 0 {
		rows = append(rows, planRow{kind: planRowText, text: m.lang.ct(ctNoConditions)})
	} else if added == 0 {
		rows = append(rows, planRow{kind: planRowText, text: m.lang.ct(ctNothingToAdd)})
	}
	return rows
}

// View draws the lines that fit around the cursor, and the note field while editing.
func (m planModel) View() string {
	if !m.loaded {
		if m.err != nil {
			return m.st.errText.Render(m.err.Error())
		}
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	rows := m.rows()
	h := m.height
	if m.editing {
		h -= 2
	}
	off := keepVisible(0, m.cursor, max(1, h))
	var lines []string
	for i := off; i < min(len(rows), off+h); i++ {
		lines = append(lines, truncate(m.rowLine(rows[i], i == m.cursor), m.width))
	}
	if m.editing {
		lines = append(lines, m.st.label.Render(m.lang.ct(ctFieldNotes)), m.note.View())
	}
	return strings.Join(lines, "\n")
}

// rowLine renders one line; the cursor's line is marked.
func (m planModel) rowLine(r planRow, selected bool) string {
	var line string
	switch r.kind {
	case planRowHeading:
		return m.st.section.Render(r.text)
	case planRowText:
		return m.st.muted.Render("  " + r.text)
	case planRowCondition:
		st := m.st.assess.warn
		if m.findings[r.finding].Severity == diagnosis.Berat {
			st = m.st.errText
		}
		return st.Render("  " + r.text)
	case planRowItem:
		line = m.itemLine(m.items[r.item])
	case planRowRec:
		tr := r.treatment
		line = fmt.Sprintf("  + %s: %s · %s · %d d", m.lang.treatmentType(tr.Type),
			tr.Name.In(string(m.lang)), m.lang.owner(tr.Owner), tr.DueDays)
	}
	line = truncate(line, m.width)
	if selected {
		return m.st.list.selected.Render("›" + line[1:])
	}
	return line
}

// itemLine is a plan item: status, due date, owner, title.
func (m planModel) itemLine(t store.Treatment) string {
	due := "—"
	if !t.Due.IsZero() {
		due = t.Due.Format(time.DateOnly)
	}
	status := m.lang.treatmentStatus(t.Status)
	title := t.Title
	if tr, ok := m.deps.cat.Treatment(t.TreatmentID); ok {
		title = tr.Name.In(string(m.lang))
	}
	line := "  " + padRight(status, 12) + " " + due + " " + padRight(m.lang.owner(t.Owner), 10) +
		" " + title
	if t.Notes != "" {
		line += m.st.muted.Render(" · " + strings.ReplaceAll(t.Notes, "\n", " · "))
	}
	if !t.Open() {
		return m.st.muted.Render(line)
	}
	return line
}
