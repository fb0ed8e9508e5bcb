package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"koroena/scoring/diagnosis"
	"koroena/store"
)

// recordLoadedMsg carries one cooperative's profile and history.
type recordLoadedMsg struct {
	id          string
	coop        store.Cooperative
	assessments []store.Assessment
	visits      []store.Visit
	coaches     []store.Coach
	treatments  []store.Treatment // nil when the repo keeps no plans
	err         error
}

// treatmentRepo is a Repo that keeps treatment plans, which the record then shows.
type treatmentRepo interface {
	TreatmentsOf(coopID string) ([]store.Treatment, error)
}

// loadRecordCmd reads everything the record shows of cooperative id.
func loadRecordCmd(repo Repo, id string) tea.Cmd {
	return func() tea.Msg {
		msg := recordLoadedMsg{id: id}
		var err error
		if msg.coop, err = repo.Cooperative(id); err != nil {
			msg.err = fmt.Errorf("load cooperative %s: %w", id, err)
			return msg
		}
		if msg.assessments, err = repo.AssessmentsOf(id); err != nil {
			msg.err = fmt.Errorf("load assessments of %s: %w", id, err)
			return msg
		}
		if msg.visits, err = repo.VisitsOf(id); err != nil {
			msg.err = fmt.Errorf("load visits of %s: %w", id, err)
			return msg
		}
		if msg.coaches, err = repo.Coaches(); err != nil {
			msg.err = fmt.Errorf("load coaches: %w", err)
			return msg
		}
		if tr, ok := repo.(treatmentRepo); ok {
			if msg.treatments, err = tr.TreatmentsOf(id); err != nil {
				msg.err = fmt.Errorf("load treatment plan of %s: %w", id, err)
			}
		}
		return msg
	}
}

// recordKeyMap holds the record's keys.
type recordKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Back key.Binding
	New, Resume, Diagnosis                        key.Binding // recordassess.go
	Report                                        key.Binding // recordreport.go
	Profile                                       key.Binding // profile.go
}

// defaultRecordKeyMap builds the record's keys with help in language l.
func defaultRecordKeyMap(l Language) recordKeyMap {
	b := func(keys []string, help string, id msgID) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.tr(id)))
	}
	return withProfileKey(withReportKey(withAssessKeys(recordKeyMap{
		Up:       b([]string{"up", "k"}, "↑/k", txtKeyUp),
		Down:     b([]string{"down", "j"}, "↓/j", txtKeyDown),
		PageUp:   b([]string{"pgup", "ctrl+b", "b"}, "pgup/b", txtKeyPageUp),
		PageDown: b([]string{"pgdown", "ctrl+f", "f", "space"}, "pgdn/f", txtKeyPageDown),
		Top:      b([]string{"home", "g"}, "home/g", txtKeyTop),
		Bottom:   b([]string{"end", "G"}, "end/G", txtKeyBottom),
		Back:     b([]string{"esc", "left", "h", "backspace"}, "esc/h", txtKeyBack),
	}, l), l), l)
}

// ShortHelp is the record's main keys.
func (k recordKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Back, k.Up, k.Down} }

// FullHelp is every key of the record.
func (k recordKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Back},
		{k.New, k.Resume, k.Diagnosis, k.Report, k.Profile}}
}

// recordModel is one cooperative's medical record: profile, score trend, the latest
// aspects and the timeline, scrolled as one page.
type recordModel struct {
	lang        Language
	st          *styles
	keys        recordKeyMap
	aspectLabel func(Language, string, int, string) (string, bool)

	coopID      string
	loaded      bool
	coop        store.Cooperative
	assessments []store.Assessment
	visits      []store.Visit
	treatments  []store.Treatment // the plan's open items, by due date (recordplan.go)
	coachNames  map[string]string
	report      ReportFunc // nil disables the print key
	cat         *diagnosis.Catalogue
	now         func() time.Time
	notice      string // where the printed record went
	editProfile bool   // the store can save profiles: e edits (profile.go)

	offset        int
	width, height int
}

// newRecordModel builds an empty record; the data arrives in a recordLoadedMsg.
func newRecordModel(l Language, st *styles,
	aspectLabel func(Language, string, int, string) (string, bool),
) recordModel {
	return recordModel{lang: l, st: st, keys: defaultRecordKeyMap(l), aspectLabel: aspectLabel,
		cat: diagnosis.Default(), now: time.Now}
}

// SetSize lays the record out in w by h cells.
func (m *recordModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clampOffset()
}

// SetStyles hands the record new styles.
func (m *recordModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches the record's words and keys to l.
func (m *recordModel) SetLanguage(l Language) {
	m.lang = l
	m.keys = defaultRecordKeyMap(l).forProfile(m.editProfile)
	if m.loaded {
		m.keys = m.keys.forAssessments(m.assessments)
	}
}

// ShortHelp is the record's main keys.
func (m recordModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key of the record.
func (m recordModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// title is the cooperative's name for the title line.
func (m recordModel) title() string {
	if !m.loaded {
		return m.lang.tr(txtRecord)
	}
	return m.coop.Name
}

// Update takes the loaded record and scrolls or backs out on keys.
func (m recordModel) Update(msg tea.Msg) (recordModel, tea.Cmd) {
	switch msg := msg.(type) {
	case recordLoadedMsg:
		if msg.id == m.coopID && msg.err == nil {
			m.setRecord(msg)
		}
		return m, nil
	case reportWrittenMsg:
		if msg.coopID == m.coopID {
			m.notice = m.reportNotice(msg)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// setRecord keeps the loaded record with its history newest first.
func (m *recordModel) setRecord(msg recordLoadedMsg) {
	m.loaded = true
	m.coop = msg.coop
	m.assessments = slices.Clone(msg.assessments)
	m.visits = slices.Clone(msg.visits)
	m.treatments = openByDue(msg.treatments)
	m.coachNames = map[string]string{}
	for _, c := range msg.coaches {
		m.coachNames[c.ID] = c.Name
	}
	m.offset = 0
	m.keys = m.keys.forAssessments(m.assessments)
}

// handleKey scrolls or asks the root to go back.
func (m recordModel) handleKey(msg tea.KeyPressMsg) (recordModel, tea.Cmd) {
	if cmd := m.profileKey(msg); cmd != nil {
		return m, cmd
	}
	if cmd := m.assessKey(msg); cmd != nil {
		return m, cmd
	}
	if cmd := m.reportKey(msg); cmd != nil {
		return m, cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m, func() tea.Msg { return backMsg{} }
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
		m.offset = len(m.content())
	}
	m.clampOffset()
	return m, nil
}

// clampOffset keeps the scroll within the content.
func (m *recordModel) clampOffset() {
	m.offset = max(0, min(m.offset, len(m.content())-m.height))
}

// scrollInfo says which lines show when the record is longer than the window, e.g.
// "1–13/40"; "" when it all fits.
func (m recordModel) scrollInfo() string {
	n := len(m.content())
	if n <= m.height {
		return ""
	}
	return fmt.Sprintf("%d–%d/%d", m.offset+1, min(n, m.offset+m.height), n)
}

// View draws the part of the record that fits, from the scroll offset.
func (m recordModel) View() string {
	lines := m.content()
	end := min(len(lines), m.offset+m.height)
	return strings.Join(lines[min(m.offset, end):end], "\n")
}

// content is the whole record as lines for the current width: headline, then profile
// beside (or above) the trend and aspects, then the timeline.
func (m recordModel) content() []string {
	if !m.loaded {
		return []string{m.st.muted.Render(m.lang.tr(txtLoading))}
	}
	lines := []string{m.headline(), ""}
	if m.notice != "" {
		lines = append(lines, m.st.muted.Render(m.notice), "")
	}
	lines = append(lines, m.profileLines(m.width)...)
	lines = append(lines, "")
	if m.width >= wideRecord {
		// The trend needs little room; the aspects' bars take the rest of the line.
		trendW := trendAxisW + trendColW*min(6, max(3, len(m.trend())))
		aspW := m.width - trendW - 3
		left := padBlock(strings.Join(m.trendLines(trendW), "\n"), trendW)
		right := strings.Join(m.aspectLines(aspW), "\n")
		joined := lipgloss.JoinHorizontal(lipgloss.Top, left, "   ", right)
		lines = append(lines, strings.Split(joined, "\n")...)
	} else {
		lines = append(lines, m.trendLines(m.width)...)
		lines = append(lines, "")
		lines = append(lines, m.aspectLines(m.width)...)
	}
	lines = append(lines, "")
	if plan := m.planLines(); len(plan) > 0 {
		lines = append(lines, plan...)
		lines = append(lines, "")
	}
	lines = append(lines, m.timelineLines(m.width)...)
	for i, l := range lines {
		lines[i] = truncate(strings.TrimRight(l, " "), m.width)
	}
	return lines
}

// wideRecord is the width from which the record sets its sections side by side.
const wideRecord = 76

// padBlock pads every line of block to w cells so blocks join in straight columns.
func padBlock(block string, w int) string {
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		lines[i] = padRight(l, w)
	}
	return strings.Join(lines, "\n")
}

// headline is the name with the marks that matter at a glance: inactive, draft, the latest
// predicate.
func (m recordModel) headline() string {
	parts := []string{m.st.title.Render(m.coop.Name)}
	if latest := m.latestFinal(); latest != nil && latest.Result != nil {
		r := latest.Result
		parts = append(parts, m.st.predicateStyle(r.Predicate).Render(
			m.lang.predicateLabel(r.Predicate, false)+" "+m.lang.number(r.Total)))
	}
	if !m.coop.Active {
		parts = append(parts, m.st.inactive.Render("× "+m.lang.tr(txtInactive)))
	}
	for _, a := range m.assessments {
		if a.Status == store.StatusDraft {
			parts = append(parts, m.st.draft.Render(fmt.Sprintf("✎ %s %s %d",
				m.lang.tr(txtDraft), m.lang.tr(txtFiscalYear), a.FiscalYear)))
		}
	}
	return strings.Join(parts, "  ")
}

// profileLines lists the profile's filled fields as label and value.
func (m recordModel) profileLines(w int) []string {
	c := m.coop
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	members := ""
	if c.Members > 0 {
		members = strconv.Itoa(c.Members)
	}
	fields := []struct {
		label msgID
		value string
	}{
		{txtNIK, c.NIK},
		{txtColType, m.lang.businessType(c.BusinessType)},
		{txtLegalType, m.lang.legalType(c.LegalType)},
		{txtLegalNumber, c.LegalNumber},
		{txtLegalDate, date(c.LegalDate)},
		{txtAddress, c.Address},
		{txtColKelurahan, c.Kelurahan},
		{txtKecamatan, c.Kecamatan},
		{txtChair, c.Chair},
		{txtManager, c.Manager},
		{txtMembers, members},
		{txtColCoach, m.coachNames[c.CoachID]},
		{txtLastRAT, date(c.LastRAT)},
		{txtPhone, c.Phone},
		{txtNotes, c.Notes},
	}
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, lipgloss.Width(m.lang.tr(f.label)))
	}
	var cells []string
	cellW := w
	if w >= wideRecord {
		cellW = (w - 2) / 2
	}
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		label := m.st.label.Render(padRight(m.lang.tr(f.label), labelW))
		cells = append(cells, label+" "+truncate(f.value, max(1, cellW-labelW-1)))
	}
	lines := []string{m.st.section.Render(m.lang.tr(txtProfile))}
	if w < wideRecord {
		return append(lines, cells...)
	}
	// Two columns, filled down the left first.
	half := (len(cells) + 1) / 2
	for i := range half {
		line := padRight(cells[i], cellW)
		if i+half < len(cells) {
			line += "  " + cells[i+half]
		}
		lines = append(lines, line)
	}
	return lines
}

// latestFinal is the newest final assessment (by fiscal year, then finalisation), or nil.
func (m recordModel) latestFinal() *store.Assessment {
	var best *store.Assessment
	for i := range m.assessments {
		a := &m.assessments[i]
		if a.Status != store.StatusFinal || a.Result == nil {
			continue
		}
		if best == nil || a.FiscalYear > best.FiscalYear ||
			(a.FiscalYear == best.FiscalYear && a.FinalizedAt.After(best.FinalizedAt)) {
			best = a
		}
	}
	return best
}

// yearScore is one point of the trend: a fiscal year's final total.
type yearScore struct {
	year  int
	total int // hundredths
	text  string
	pred  string
	inst  string // instrument id: 2016 and 2021 totals are different rubrics
}

// trend is the final total of every fiscal year, oldest first.
func (m recordModel) trend() []yearScore {
	byYear := map[int]*store.Assessment{}
	for i := range m.assessments {
		a := &m.assessments[i]
		if a.Status != store.StatusFinal || a.Result == nil || a.Result.Total == "" {
			continue
		}
		if b := byYear[a.FiscalYear]; b == nil || a.FinalizedAt.After(b.FinalizedAt) {
			byYear[a.FiscalYear] = a
		}
	}
	var out []yearScore
	for y, a := range byYear {
		v, ok := hundredths(a.Result.Total)
		if !ok {
			continue
		}
		out = append(out, yearScore{y, v, a.Result.Total, a.Result.Predicate, a.Instrument})
	}
	slices.SortFunc(out, func(a, b yearScore) int { return cmp.Compare(a.year, b.year) })
	return out
}
