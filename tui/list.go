package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"koroena/store"
)

// summariesLoadedMsg carries the list's rows and the target healthy share.
type summariesLoadedMsg struct {
	rows   []store.CoopSummary
	target string
	err    error
}

// loadSummariesCmd reads the list and the target setting.
func loadSummariesCmd(repo Repo) tea.Cmd {
	return func() tea.Msg {
		rows, err := repo.CooperativeSummaries()
		if err != nil {
			return summariesLoadedMsg{err: fmt.Errorf("list cooperatives: %w", err)}
		}
		return summariesLoadedMsg{rows: rows, target: targetSetting(repo)}
	}
}

// listHeadRepo is a Repo that can read the list's first screen without every row: the
// store can, so a country's list shows its first screen before all rows are read.
type listHeadRepo interface {
	ListHead(n int) (store.ListHead, error)
}

// listHeadMsg carries the list's counts and its first rows in name order.
type listHeadMsg struct {
	head   store.ListHead
	target string
	err    error
}

// listHeadRows is how many rows the first screen reads: more than any terminal shows, so
// the cursor can move while the rest loads.
const listHeadRows = 200

// loadListCmd starts reading the list: its first screen when the repo can, whose arrival
// asks for every row (the root's listHeadMsg case); else every row at once.
func loadListCmd(repo Repo) tea.Cmd {
	hr, ok := repo.(listHeadRepo)
	if !ok {
		return loadSummariesCmd(repo)
	}
	return loadListHeadCmd(hr, repo)
}

// loadListHeadCmd reads the list's first screen and the target setting.
func loadListHeadCmd(hr listHeadRepo, repo Repo) tea.Cmd {
	return func() tea.Msg {
		head, err := hr.ListHead(listHeadRows)
		if err != nil {
			return listHeadMsg{err: fmt.Errorf("list cooperatives: %w", err)}
		}
		return listHeadMsg{head: head, target: targetSetting(repo)}
	}
}

// targetSetting is the saved target healthy share, or the default.
func targetSetting(repo Repo) string {
	target, ok, err := repo.Setting(SettingTargetHealthy)
	if err != nil || !ok || target == "" {
		return defaultTargetHealthy
	}
	return target
}

// saveSettingCmd saves one setting.
func saveSettingCmd(repo Repo, k, v string) tea.Cmd {
	return func() tea.Msg {
		err := repo.SetSetting(k, v)
		if err != nil {
			err = fmt.Errorf("save setting %s: %w", k, err)
		}
		return settingSavedMsg{key: k, err: err}
	}
}

// listKeyMap holds the list's keys. Filter* keys work while the filter takes typing.
type listKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Filter, Clear, Predicate          key.Binding
	Sort, Reverse, Language                 key.Binding
	FilterApply, FilterCancel               key.Binding
	FilterUp, FilterDown                    key.Binding
}

// defaultListKeyMap builds the list's keys with help in language l.
func defaultListKeyMap(l Language) listKeyMap {
	b := func(keys []string, help string, id msgID) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.tr(id)))
	}
	k := listKeyMap{
		Up:           b([]string{"up", "k"}, "↑/k", txtKeyUp),
		Down:         b([]string{"down", "j"}, "↓/j", txtKeyDown),
		PageUp:       b([]string{"pgup", "ctrl+b", "b"}, "pgup/b", txtKeyPageUp),
		PageDown:     b([]string{"pgdown", "ctrl+f", "f", "space"}, "pgdn/f", txtKeyPageDown),
		Top:          b([]string{"home", "g"}, "home/g", txtKeyTop),
		Bottom:       b([]string{"end", "G"}, "end/G", txtKeyBottom),
		Open:         b([]string{"enter", "right", "l"}, "enter", txtKeyOpen),
		Filter:       b([]string{"/"}, "/", txtKeyFilter),
		Clear:        b([]string{"esc"}, "esc", txtKeyClear),
		Predicate:    b([]string{"p"}, "p", txtKeyPredicate),
		Sort:         b([]string{"s"}, "s", txtKeySort),
		Reverse:      b([]string{"S"}, "S", txtKeyReverse),
		Language:     b([]string{"L"}, "L", txtKeyLanguage),
		FilterApply:  b([]string{"enter"}, "enter", txtKeyApply),
		FilterCancel: b([]string{"esc"}, "esc", txtKeyClear),
		FilterUp:     b([]string{"up"}, "↑", txtKeyUp),
		FilterDown:   b([]string{"down"}, "↓", txtKeyDown),
	}
	k.setFiltering(false)
	return k
}

// setFiltering enables the keys of the typing mode or of the browsing mode, so that help
// shows only keys that work.
func (k *listKeyMap) setFiltering(on bool) {
	for _, b := range []*key.Binding{&k.FilterApply, &k.FilterCancel, &k.FilterUp, &k.FilterDown} {
		b.SetEnabled(on)
	}
	for _, b := range []*key.Binding{
		&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Open, &k.Filter,
		&k.Clear, &k.Predicate, &k.Sort, &k.Reverse, &k.Language,
	} {
		b.SetEnabled(!on)
	}
}

// ShortHelp is the list's main keys for the status line.
func (k listKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.FilterApply, k.FilterCancel, k.Open, k.Filter, k.Predicate, k.Sort}
}

// FullHelp is every key of the list, in groups.
func (k listKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.FilterUp, k.FilterDown},
		{k.Open, k.Filter, k.FilterApply, k.FilterCancel, k.Clear, k.Predicate, k.Sort,
			k.Reverse, k.Language},
	}
}

// listModel is the table of cooperatives with its filter, predicate filter and sort.
type listModel struct {
	lang Language
	st   *styles
	keys listKeyMap

	loaded bool
	rows   []listRow
	hay    haystack
	byName []int   // every row in name order
	rank   []int32 // each row's place in byName
	order  []int   // every row, sorted
	shown  []int   // the rows that pass the filters, in sort order
	target string

	counts      [5]int // active rows per predicate, then not assessed
	activeTotal int

	// partial is set while only the list's head is loaded: rows holds its first rows
	// and headTotal counts them all.
	partial   bool
	headTotal int

	query     string
	filtering bool
	predIdx   int // 0 all, 1..4 the predicates in predicateOrder, 5 not assessed
	sortCol   column
	sortDesc  bool

	cursor, offset int
	width, height  int

	imp listImport // listimport.go
}

// newListModel builds an empty list; rows arrive in a summariesLoadedMsg.
func newListModel(l Language, st *styles) listModel {
	return listModel{lang: l, st: st, keys: defaultListKeyMap(l), target: defaultTargetHealthy}
}

// SetSize lays the list out in w by h cells.
func (m *listModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clampCursor()
}

// SetStyles hands the list new styles.
func (m *listModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches the list's words and keys to l.
func (m *listModel) SetLanguage(l Language) {
	m.lang = l
	filtering := m.filtering
	m.keys = defaultListKeyMap(l)
	m.keys.setFiltering(filtering)
	if m.sortCol == colType {
		m.resort()
	}
}

// capturing reports whether the list takes typed text, so global keys must wait.
func (m listModel) capturing() bool { return m.filtering || m.imp.typing }

// ShortHelp is the list's main keys; while a registry path is typed, the import's own.
func (m listModel) ShortHelp() []key.Binding {
	if m.imp.typing {
		return m.importShortHelp()
	}
	return m.keys.ShortHelp()
}

// FullHelp is every key of the list.
func (m listModel) FullHelp() [][]key.Binding {
	return append(m.keys.FullHelp(), m.importHelp()...)
}

// Update handles loaded rows, keys and pasted text.
func (m listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	switch msg := msg.(type) {
	case summariesLoadedMsg:
		if msg.err == nil {
			m.setRows(msg.rows, msg.target)
		}
		return m, nil
	case listHeadMsg:
		if msg.err == nil && (!m.loaded || m.partial) {
			m.setHead(msg.head, msg.target)
		}
		return m, nil
	case importDoneMsg:
		return m.importDone(msg)
	case tea.PasteMsg:
		if m.imp.typing {
			m.imp.path += strings.TrimSpace(msg.Content)
		}
		if m.filtering {
			m.setQuery(m.query + strings.ReplaceAll(msg.Content, "\n", " "))
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.imp.typing {
			return m.handleImportKey(msg)
		}
		if m.filtering {
			return m.handleFilterKey(msg)
		}
		if next, cmd, ok := m.importKey(msg); ok {
			return next, cmd
		}
		return m.handleKey(msg)
	}
	return m, nil
}

// setRows takes a fresh load, keeping the sort, filters and selected cooperative.
func (m *listModel) setRows(sums []store.CoopSummary, target string) {
	selected := m.selectedID()
	m.rows = make([]listRow, len(sums))
	m.counts, m.activeTotal = [5]int{}, 0
	for i := range sums {
		s := &sums[i]
		m.rows[i] = newListRow(s)
		if s.Active {
			m.activeTotal++
			m.counts[m.rows[i].pred]++
		}
	}
	m.hay = newHaystack(m.rows)
	m.byName, m.rank = nameOrder(m.rows)
	m.target = target
	m.loaded, m.partial = true, false
	m.order = sortedOrder(m.rows, m.byName, m.rank, m.sortCol, m.sortDesc, m.lang)
	m.refilter(m.order, selected)
}

// setHead shows the list's first rows and its counts until every row is loaded.
func (m *listModel) setHead(head store.ListHead, target string) {
	selected := m.selectedID()
	m.rows = make([]listRow, len(head.First))
	for i := range head.First {
		m.rows[i] = newListRow(&head.First[i])
	}
	m.counts, m.activeTotal = [5]int{}, head.Active
	for pred, n := range head.ActiveByPredicate {
		i := slices.Index(predicateOrder, pred)
		if i < 0 {
			i = len(predicateOrder) // as newListRow counts an unknown predicate
		}
		m.counts[i] += n
	}
	m.hay = newHaystack(m.rows)
	m.byName, m.rank = nameOrder(m.rows)
	m.target = target
	m.loaded, m.partial, m.headTotal = true, true, head.Total
	m.order = sortedOrder(m.rows, m.byName, m.rank, m.sortCol, m.sortDesc, m.lang)
	m.refilter(m.order, selected)
}

// handleKey handles a key while browsing.
func (m listModel) handleKey(msg tea.KeyPressMsg) (listModel, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.pageSize())
	case key.Matches(msg, k.PageDown):
		m.move(m.pageSize())
	case key.Matches(msg, k.Top):
		m.move(-len(m.shown))
	case key.Matches(msg, k.Bottom):
		m.move(len(m.shown))
	case key.Matches(msg, k.Open):
		return m, m.openCmd()
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.keys.setFiltering(true)
	case key.Matches(msg, k.Clear):
		m.predIdx = 0
		m.setQuery("")
	case key.Matches(msg, k.Predicate):
		m.predIdx = (m.predIdx + 1) % (len(predicateOrder) + 2)
		m.refilter(m.order, m.selectedID())
	case key.Matches(msg, k.Sort):
		m.sortCol = (m.sortCol + 1) % numColumns
		m.sortDesc = m.sortCol == colScore || m.sortCol == colLastVisit
		m.resort()
	case key.Matches(msg, k.Reverse):
		m.sortDesc = !m.sortDesc
		m.resort()
	case key.Matches(msg, k.Language):
		return m, func() tea.Msg { return switchLanguageMsg{} }
	}
	return m, nil
}

// handleFilterKey handles a key while the filter takes typing: every printable key is text.
func (m listModel) handleFilterKey(msg tea.KeyPressMsg) (listModel, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.FilterApply):
		m.filtering = false
		m.keys.setFiltering(false)
	case key.Matches(msg, k.FilterCancel):
		m.filtering = false
		m.keys.setFiltering(false)
		m.setQuery("")
	case key.Matches(msg, k.FilterUp):
		m.move(-1)
	case key.Matches(msg, k.FilterDown):
		m.move(1)
	case msg.Code == tea.KeyBackspace:
		if r := []rune(m.query); len(r) > 0 {
			m.setQuery(string(r[:len(r)-1]))
		}
	case msg.String() == "ctrl+u":
		m.setQuery("")
	case msg.Text != "":
		m.setQuery(m.query + msg.Text)
	}
	return m, nil
}

// openCmd asks the root to open the selected cooperative.
func (m listModel) openCmd() tea.Cmd {
	id := m.selectedID()
	if id == "" {
		return nil
	}
	return func() tea.Msg { return openRecordMsg{id: id} }
}

// setQuery changes the filter text. A query that only grows narrows the rows shown so
// far instead of scanning every row again.
func (m *listModel) setQuery(q string) {
	among := m.order
	if q != "" && m.query != "" && strings.HasPrefix(q, m.query) {
		among = m.shown
	}
	m.query = q
	m.refilter(among, m.selectedID())
}

// resort orders the rows by the sort column again.
func (m *listModel) resort() {
	m.order = sortedOrder(m.rows, m.byName, m.rank, m.sortCol, m.sortDesc, m.lang)
	m.refilter(m.order, m.selectedID())
}

// refilter recomputes the rows shown from among, keeping selectedID under the cursor when
// it is still shown.
func (m *listModel) refilter(among []int, selectedID string) {
	m.shown = filterRows(m.rows, m.hay, among, m.query, m.keepPredicate())
	m.cursor = 0
	for i, idx := range m.shown {
		if m.rows[idx].sum.ID == selectedID {
			m.cursor = i
			break
		}
	}
	m.clampCursor()
}

// keepPredicate is the quick filter by predicate.
func (m listModel) keepPredicate() func(*listRow) bool {
	if m.predIdx == 0 {
		return func(*listRow) bool { return true }
	}
	want := m.predIdx - 1
	return func(r *listRow) bool { return r.pred == want }
}

// selectedID is the id of the cooperative under the cursor, or "".
func (m listModel) selectedID() string {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return ""
	}
	return m.rows[m.shown[m.cursor]].sum.ID
}

// move moves the cursor by delta rows, keeping it on screen.
func (m *listModel) move(delta int) {
	m.cursor += delta
	m.clampCursor()
}

// clampCursor keeps the cursor on a shown row and the window of rows around it.
func (m *listModel) clampCursor() {
	m.cursor = max(0, min(m.cursor, len(m.shown)-1))
	page := m.pageSize()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+page {
		m.offset = m.cursor - page + 1
	}
	m.offset = max(0, min(m.offset, len(m.shown)-page))
}

// listHeaderLines is how many lines the list uses above its rows.
const listHeaderLines = 4

// pageSize is how many rows fit below the header lines and, while it is open, the panel
// of a refused import's errors (which takes the filter line's place and more).
func (m listModel) pageSize() int {
	extra := 0
	if m.imp.refused != nil {
		extra = len(m.refusedPanel()) - 1
	}
	return max(1, m.height-listHeaderLines-extra)
}

// View draws the share line, the counts, the filter line, the column header and the rows
// that fit.
func (m listModel) View() string {
	if !m.loaded {
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	lines := []string{m.shareLine(), m.countsLine(), m.filterOrImportLine()}
	cols := layoutColumns(m.width, m.lang)
	lines = append(lines, m.headerLine(cols))
	switch {
	case len(m.rows) == 0:
		lines = append(lines, m.st.muted.Render(m.lang.tr(txtNoCoops)))
	case len(m.shown) == 0:
		lines = append(lines, m.st.muted.Render(m.lang.tr(txtNoMatch)))
	}
	end := min(len(m.shown), m.offset+m.pageSize())
	for i := m.offset; i < end; i++ {
		lines = append(lines, m.rowLine(&m.rows[m.shown[i]], cols, i == m.cursor))
	}
	return strings.Join(lines, "\n")
}

// shareLine is "19 of 187 Healthy, 10.2 % · target 20 %".
func (m listModel) shareLine() string {
	healthy := m.counts[0]
	share := "0.0"
	if m.activeTotal > 0 {
		permille := (healthy*1000 + m.activeTotal/2) / m.activeTotal
		share = fmt.Sprintf("%d.%d", permille/10, permille%10)
	}
	text := m.lang.trf(txtHealthyShare, healthy, m.activeTotal, m.lang.number(share))
	target := m.lang.trf(txtTarget, m.lang.number(m.target))
	return truncate(m.st.title.Render(text)+m.st.muted.Render(" · "+target), m.width)
}

// countsLine counts the active cooperatives per predicate, in words and colours; short
// labels when the long ones don't fit.
func (m listModel) countsLine() string {
	for _, short := range []bool{false, true} {
		var parts, plain []string
		for i, id := range predicateOrder {
			word := fmt.Sprintf("%s %d", m.lang.predicateLabel(id, short), m.counts[i])
			parts = append(parts, m.st.predicateStyle(id).Render(word))
			plain = append(plain, word)
		}
		word := fmt.Sprintf("%s %d", m.lang.tr(txtNotAssessed), m.counts[len(predicateOrder)])
		parts = append(parts, m.st.muted.Render(word))
		plain = append(plain, word)
		if lipgloss.Width(strings.Join(plain, " · ")) <= m.width || short {
			return truncate(strings.Join(parts, m.st.muted.Render(" · ")), m.width)
		}
	}
	return ""
}

// predicateFilterLabel names the quick predicate filter.
func (m listModel) predicateFilterLabel(short bool) string {
	switch {
	case m.predIdx == 0:
		return m.lang.tr(txtAll)
	case m.predIdx <= len(predicateOrder):
		return m.lang.predicateLabel(predicateOrder[m.predIdx-1], short)
	default:
		return m.lang.tr(txtNotAssessed)
	}
}

// filterLine shows the filter text (with a cursor while typing), the predicate filter,
// the sort and how many rows are shown.
func (m listModel) filterLine() string {
	count := m.lang.trf(txtShown, len(m.shown), len(m.rows))
	if m.partial {
		count = m.lang.trf(txtLoadingRows, m.headTotal)
	}
	if m.filtering {
		prompt := m.st.list.prompt.Render("/ ") + m.query + "▏"
		return truncate(prompt+"  "+m.st.muted.Render(count), m.width)
	}
	dir := "▲"
	if m.sortDesc {
		dir = "▼"
	}
	parts := []string{count}
	if m.query != "" {
		parts = append(parts, m.lang.tr(txtFilter)+": "+m.query)
	}
	parts = append(parts,
		m.lang.tr(txtPredicate)+": "+m.predicateFilterLabel(m.width < 100),
		m.lang.tr(txtSort)+": "+columnTitle(m.sortCol, m.lang)+" "+dir)
	return m.st.muted.Render(truncate(strings.Join(parts, " · "), m.width))
}
