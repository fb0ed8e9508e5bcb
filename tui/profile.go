package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"koroena/store"
)

// profileRepo is a Repo that can change a cooperative's profile; with any other Repo the
// record has no edit key.
type profileRepo interface {
	UpdateCooperative(c store.Cooperative) (store.Cooperative, error)
}

// focusProfile is the profile editor on the root's stack, numbered apart from the root's
// own screens and the care screens.
const focusProfile focus = 200

// Messages of the profile editor.
type (
	// openProfileMsg asks the root to push the profile editor of the record's cooperative.
	openProfileMsg struct{ coopID string }
	// profileSavedMsg reports a saved profile, or why the store refused it.
	profileSavedMsg struct {
		coop store.Cooperative
		err  error
	}
)

// saveProfileCmd asks the store to replace the profile with c.
func saveProfileCmd(repo profileRepo, c store.Cooperative) tea.Cmd {
	return func() tea.Msg {
		saved, err := repo.UpdateCooperative(c)
		return profileSavedMsg{coop: saved, err: err}
	}
}

// ptxt names one text of the profile editor; the editor keeps its own catalogue, like the
// care screens.
type ptxt int

// The texts of the profile editor.
const (
	ptTitle ptxt = iota
	ptKeyEdit
	ptBadMembers
	ptBadDate
	ptBadPhone
	ptDatePlaceholder
	ptLeaveUnsaved
	ptNothingChanged
	ptSaved
	ptSaving
)

// profileCatalogue holds each text in Indonesian and English.
var profileCatalogue = map[ptxt][2]string{
	ptTitle:   {"Ubah profil", "Edit profile"},
	ptKeyEdit: {"ubah profil", "edit profile"},
	ptBadMembers: {
		"Anggota harus bilangan bulat 0 atau lebih, tanpa titik",
		"Members must be a whole number, 0 or more, digits only",
	},
	ptBadDate: {
		"Bukan tanggal: tulis TTTT-BB-HH, atau kosongkan",
		"Not a date: write YYYY-MM-DD, or leave it empty",
	},
	ptBadPhone: {
		"Telepon hanya boleh berisi angka, spasi dan + - ( ) . /",
		"A phone may hold only digits, spaces and + - ( ) . /",
	},
	ptDatePlaceholder: {"TTTT-BB-HH", "YYYY-MM-DD"},
	ptLeaveUnsaved: {
		"Perubahan BELUM TERSIMPAN: ctrl+s simpan, esc sekali lagi untuk kembali tanpa menyimpan",
		"Changes NOT SAVED: ctrl+s saves, esc again leaves without saving",
	},
	ptNothingChanged: {"Tidak ada yang berubah.", "Nothing has changed."},
	ptSaved:          {"Profil tersimpan", "Profile saved"},
	ptSaving:         {"Menyimpan…", "Saving…"},
}

// pt returns the profile text id in language l.
func (l Language) pt(id ptxt) string {
	pair, ok := profileCatalogue[id]
	if !ok {
		return fmt.Sprintf("?p%d", id)
	}
	return l.pick(pair, "")
}

// The fields of the form, in the order shown.
const (
	profChair = iota
	profManager
	profPhone
	profMembers
	profAddress
	profLastRAT
	profNotes
	profFields
)

// profileLabels are the fields' labels, the record's own words.
var profileLabels = [profFields]msgID{txtChair, txtManager, txtPhone, txtMembers, txtAddress,
	txtLastRAT, txtNotes}

// profileKeyMap holds the editor's keys. Letters are typed into the fields, so only
// arrows, tab, enter and control keys act.
type profileKeyMap struct {
	Up, Down, Save, Back key.Binding
}

// defaultProfileKeyMap builds the keys with help in language l.
func defaultProfileKeyMap(l Language) profileKeyMap {
	return profileKeyMap{
		Up: key.NewBinding(key.WithKeys("up", "shift+tab"),
			key.WithHelp("↑", l.tr(txtKeyUp))),
		Down: key.NewBinding(key.WithKeys("down", "tab", "enter"),
			key.WithHelp("↓/tab", l.tr(txtKeyDown))),
		Save: key.NewBinding(key.WithKeys("ctrl+s"),
			key.WithHelp("ctrl+s", l.ct(ctKeySave))),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", l.tr(txtKeyBack))),
	}
}

// ShortHelp is the main keys.
func (k profileKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Back, k.Down, k.Up}
}

// FullHelp is every key.
func (k profileKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Save, k.Back}}
}

// profileModel edits the fields of a cooperative's profile that change in the field:
// chair, manager, phone, members, address, last RAT and notes. A field left as it was
// keeps its stored value exactly (a one-line field would join a note's lines).
type profileModel struct {
	lang Language
	st   *styles
	keys profileKeyMap
	repo profileRepo

	coop   store.Cooperative // as loaded: what the form started from
	inputs [profFields]textinput.Model
	seeds  [profFields]string // each field's first value, to tell what changed
	bad    [profFields]string // each changed field's inline message, "" when valid
	err    error              // the store's refusal
	notice string
	saving bool
	warned bool // esc has asked once about unsaved changes

	cursor        int
	width, height int
}

// newProfileModel builds the form on cooperative c.
func newProfileModel(l Language, st *styles, repo profileRepo, c store.Cooperative,
) profileModel {
	m := profileModel{lang: l, st: st, keys: defaultProfileKeyMap(l), repo: repo, coop: c}
	members, rat := "", ""
	if c.Members != 0 {
		members = strconv.Itoa(c.Members)
	}
	if !c.LastRAT.IsZero() {
		rat = c.LastRAT.Format(time.DateOnly)
	}
	values := [profFields]string{c.Chair, c.Manager, c.Phone, members, c.Address, rat,
		c.Notes}
	for i := range m.inputs {
		ti := textinput.New()
		ti.Prompt = ""
		// The store has the real limits and names them when it refuses; this only
		// keeps a runaway paste from growing without end.
		ti.CharLimit = 8000
		ti.SetValue(values[i])
		m.inputs[i] = ti
		m.seeds[i] = ti.Value()
	}
	m.inputs[profLastRAT].Placeholder = l.pt(ptDatePlaceholder)
	m.focusInput()
	return m
}

// SetSize lays the form out in w by h cells.
func (m *profileModel) SetSize(w, h int) {
	m.width, m.height = w, h
	for i := range m.inputs {
		m.inputs[i].SetWidth(max(10, w-profileLabelW-4))
	}
}

// SetStyles hands the form new styles.
func (m *profileModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *profileModel) SetLanguage(l Language) {
	m.lang, m.keys = l, defaultProfileKeyMap(l)
	m.inputs[profLastRAT].Placeholder = l.pt(ptDatePlaceholder)
	for i := range m.inputs {
		m.bad[i] = m.check(i)
	}
}

// ShortHelp is the main keys.
func (m profileModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m profileModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// title is the screen's part of the title line.
func (m profileModel) title() string { return m.coop.Name + " › " + m.lang.pt(ptTitle) }

// Update dispatches one message.
func (m profileModel) Update(msg tea.Msg) (profileModel, tea.Cmd) {
	switch msg := msg.(type) {
	case profileSavedMsg:
		m.saving, m.err = false, msg.err
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// focusInput focuses the field under the cursor and blurs the others.
func (m *profileModel) focusInput() tea.Cmd {
	var cmd tea.Cmd
	for i := range m.inputs {
		if i == m.cursor {
			cmd = m.inputs[i].Focus()
		} else {
			m.inputs[i].Blur()
		}
	}
	return cmd
}

// handleKey moves between fields, types, saves or leaves.
func (m profileModel) handleKey(msg tea.KeyPressMsg) (profileModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back):
		return m.leave()
	case key.Matches(msg, m.keys.Save):
		return m.save()
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
		return m, m.focusInput()
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(profFields-1, m.cursor+1)
		return m, m.focusInput()
	}
	var cmd tea.Cmd
	m.inputs[m.cursor], cmd = m.inputs[m.cursor].Update(msg)
	m.bad[m.cursor] = m.check(m.cursor)
	m.notice = ""
	return m, cmd
}

// changed reports whether field i differs from what the form started with.
func (m profileModel) changed(i int) bool { return m.inputs[i].Value() != m.seeds[i] }

// dirty reports whether any field has changed.
func (m profileModel) dirty() bool {
	for i := range m.inputs {
		if m.changed(i) {
			return true
		}
	}
	return false
}

// check is field i's inline message, "" when it is valid or as it was.
func (m profileModel) check(i int) string {
	if !m.changed(i) {
		return ""
	}
	v := strings.TrimSpace(m.inputs[i].Value())
	switch i {
	case profMembers:
		if _, ok := parseMembers(v); !ok {
			return m.lang.pt(ptBadMembers)
		}
	case profLastRAT:
		if _, ok := parseRATDate(v); !ok {
			return m.lang.pt(ptBadDate)
		}
	case profPhone:
		if strings.Trim(v, "0123456789 +-()./") != "" {
			return m.lang.pt(ptBadPhone)
		}
	}
	return ""
}

// parseMembers reads a member count: digits only, empty for none.
func parseMembers(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// parseRATDate reads a YYYY-MM-DD date; empty is no date.
func parseRATDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// profile is the cooperative with the changed fields put in; the caller has checked them.
func (m profileModel) profile() store.Cooperative {
	c := m.coop
	text := map[int]*string{profChair: &c.Chair, profManager: &c.Manager,
		profPhone: &c.Phone, profAddress: &c.Address, profNotes: &c.Notes}
	for i, dst := range text {
		if m.changed(i) {
			*dst = strings.TrimSpace(m.inputs[i].Value())
		}
	}
	if m.changed(profMembers) {
		c.Members, _ = parseMembers(strings.TrimSpace(m.inputs[profMembers].Value()))
	}
	if m.changed(profLastRAT) {
		c.LastRAT, _ = parseRATDate(strings.TrimSpace(m.inputs[profLastRAT].Value()))
	}
	return c
}

// save checks every field and asks the store to save the profile; a bad field gets the
// cursor instead.
func (m profileModel) save() (profileModel, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	for i := range m.inputs {
		if m.bad[i] = m.check(i); m.bad[i] != "" {
			m.cursor = i
			return m, m.focusInput()
		}
	}
	if !m.dirty() {
		m.notice = m.lang.pt(ptNothingChanged)
		return m, nil
	}
	m.saving, m.err, m.notice = true, nil, ""
	return m, saveProfileCmd(m.repo, m.profile())
}

// leave goes back, but first asks once when there are unsaved changes.
func (m profileModel) leave() (profileModel, tea.Cmd) {
	if m.dirty() && !m.warned {
		m.warned = true
		m.notice = m.lang.pt(ptLeaveUnsaved)
		return m, nil
	}
	return m, backCmd()
}

// profileLabelW is the width of the labels' column.
const profileLabelW = 12

// View draws the fields, each changed field's message under it, and below them the
// store's refusal or a notice. A short window keeps the messages and scrolls the fields.
func (m profileModel) View() string {
	var body []string
	cur := 0
	for i := range m.inputs {
		mark := "  "
		if i == m.cursor {
			mark = m.st.assess.cursor.Render("› ")
			cur = len(body)
		}
		label := m.st.label.Render(padRight(m.lang.tr(profileLabels[i]), profileLabelW))
		body = append(body, mark+label+" "+m.inputs[i].View())
		if m.bad[i] != "" {
			body = append(body, m.st.errText.Render(truncate("    ! "+m.bad[i], m.width)))
		}
	}
	foot := m.footLines()
	room := max(1, m.height-len(foot))
	off := max(0, min(cur-room+1, len(body)-room))
	body = body[off:min(len(body), off+room)]
	return strings.Join(append(body, foot...), "\n")
}

// footLines are the store's refusal (wrapped, at most four lines), a notice or the saving
// line, after a blank line; none when there is nothing to say.
func (m profileModel) footLines() []string {
	var text string
	st := m.st.muted
	switch {
	case m.err != nil:
		text, st = m.lang.trf(txtErrSave, m.err), m.st.errText
	case m.notice != "":
		text = m.notice
		if m.warned {
			st = m.st.errText
		}
	case m.saving:
		text = m.lang.pt(ptSaving)
	default:
		return nil
	}
	lines := strings.Split(ansi.Wrap(text, max(1, m.width), " "), "\n")
	if len(lines) > 4 {
		lines = lines[:4]
		lines[3] = truncate(lines[3]+"…", m.width)
	}
	// In a short window the fields keep at least half of it.
	lines = lines[:min(len(lines), max(1, m.height/2-1))]
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return append([]string{""}, lines...)
}

// withProfileKey adds the record's edit key, off until withProfileEdit turns it on.
func withProfileKey(k recordKeyMap, l Language) recordKeyMap {
	k.Profile = key.NewBinding(key.WithKeys("e"), key.WithHelp("e", l.pt(ptKeyEdit)),
		key.WithDisabled())
	return k
}

// forProfile turns the edit key on when the store can save profiles; e then edits and
// enter alone resumes a draft.
func (k recordKeyMap) forProfile(on bool) recordKeyMap {
	k.Profile.SetEnabled(on)
	if on {
		k.Resume.SetKeys("enter")
	}
	return k
}

// withProfileEdit lets the record open the profile editor when repo can save profiles.
func (m recordModel) withProfileEdit(repo Repo) recordModel {
	_, m.editProfile = repo.(profileRepo)
	m.keys = m.keys.forProfile(m.editProfile)
	return m
}

// profileKey turns the edit key into a request for the root; nil for other keys, before
// the record has loaded, or when the store cannot save profiles.
func (m recordModel) profileKey(msg tea.KeyPressMsg) tea.Cmd {
	if !m.loaded || !m.editProfile || !key.Matches(msg, m.keys.Profile) {
		return nil
	}
	id := m.coopID
	return func() tea.Msg { return openProfileMsg{coopID: id} }
}

// routeProfile handles the profile editor's navigation and results; ok is false for every
// other message.
func (m Model) routeProfile(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case openProfileMsg:
		repo, ok := m.repo.(profileRepo)
		if !ok || !m.record.loaded || m.record.coopID != msg.coopID {
			return m, nil, true
		}
		m.profile = newProfileModel(m.lang, &m.styles, repo, m.record.coop)
		m.profile.SetSize(m.width, m.bodyHeight())
		m.stack = append(m.stack, focusProfile)
		return m, nil, true
	case profileSavedMsg:
		return m.profileSaved(msg), m.reloadRecordCmd(msg), true
	case backMsg:
		if m.focused() != focusProfile {
			return m, nil, false
		}
		return m.back(), nil, true
	}
	return m, nil, false
}

// profileSaved leaves the editor once the store has saved, or shows why it refused.
func (m Model) profileSaved(msg profileSavedMsg) Model {
	if msg.err != nil {
		m.log.Error("update cooperative", "err", msg.err)
		m.profile, _ = m.profile.Update(msg)
		m.status, m.statusErr = m.lang.trf(txtErrSave, msg.err), true
		return m
	}
	if m.focused() == focusProfile {
		m = m.back()
	}
	m.status, m.statusErr = m.lang.pt(ptSaved), false
	return m
}

// reloadRecordCmd reloads the record after a saved profile, so it shows the new values.
func (m Model) reloadRecordCmd(msg profileSavedMsg) tea.Cmd {
	if msg.err != nil || m.record.coopID != msg.coop.ID {
		return nil
	}
	return loadRecordCmd(m.repo, m.record.coopID)
}
