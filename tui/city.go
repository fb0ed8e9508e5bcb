package tui

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/store"
)

// cityKeyMap holds the city screen's keys.
type cityKeyMap struct {
	moveKeyMap
	Left, Right, Dimension key.Binding
}

// defaultCityKeyMap builds the keys with help in language l.
func defaultCityKeyMap(l Language) cityKeyMap {
	return cityKeyMap{
		moveKeyMap: defaultMoveKeyMap(l),
		Left: key.NewBinding(key.WithKeys("left", "h"),
			key.WithHelp("←/h", l.ct(ctKeyLeft))),
		Right: key.NewBinding(key.WithKeys("right", "l"),
			key.WithHelp("→/l", l.ct(ctKeyRight))),
		Dimension: key.NewBinding(key.WithKeys("tab", "d"),
			key.WithHelp("tab/d", l.ct(ctKeyDimension))),
	}
}

// ShortHelp is the main keys.
func (k cityKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Open, k.Dimension, k.Left, k.Right, k.Down, k.Up}
}

// FullHelp is every key.
func (k cityKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Top,
		k.Bottom}, {k.Open, k.Dimension, k.Back}}
}

// The columns of the city table: counts by predicate, then moves since last year, then
// the healthy share.
const (
	colCityAll = iota
	colCitySehat
	colCityCukup
	colCityDP
	colCityDPK
	colCityNone
	colCityUp
	colCityDown
	colCityShare
	cityCols
)

// cityDims are the groupings of the table.
var cityDims = []ctxt{ctDimKecamatan, ctDimKelurahan, ctDimType, ctDimCoach}

// cityCoop is one active cooperative as the city view counts it.
type cityCoop struct {
	sum  store.CoopSummary
	pred string // latest final predicate, "" when never assessed
	move int    // +1 up, -1 down, 0 same or not comparable
	same bool   // has last year's predicate to compare with
}

// cityGroup is one row of the table: its name and its cooperatives.
type cityGroup struct {
	name  string
	coops []cityCoop
}

// cityModel shows the city's health: the predicates as bars, the healthy share against
// the target, the moves since last year, and a table by kecamatan, kelurahan, business
// type or coach in which enter on a number lists the cooperatives behind it.
type cityModel struct {
	lang Language
	st   *styles
	keys cityKeyMap

	loaded bool
	coops  []cityCoop
	target string
	dim    int
	groups []cityGroup // the whole city first

	row, col      int
	offset        int
	width, height int
}

// newCityModel builds an empty screen; the data arrives in a careDataLoadedMsg.
func newCityModel(l Language, st *styles) cityModel {
	return cityModel{lang: l, st: st, keys: defaultCityKeyMap(l), target: defaultTargetHealthy}
}

// SetSize lays the screen out in w by h cells.
func (m *cityModel) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles hands the screen new styles.
func (m *cityModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *cityModel) SetLanguage(l Language) {
	m.lang, m.keys = l, defaultCityKeyMap(l)
	m.regroup()
}

// ShortHelp is the main keys.
func (m cityModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m cityModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// title is the screen's part of the title line.
func (m cityModel) title() string { return m.lang.ct(ctCity) }

// Update dispatches one message.
func (m cityModel) Update(msg tea.Msg) (cityModel, tea.Cmd) {
	switch msg := msg.(type) {
	case careDataLoadedMsg:
		if msg.err == nil {
			m.setData(msg.data)
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// setData counts the active cooperatives by their latest predicate and their move since
// the year before.
func (m *cityModel) setData(d careData) {
	m.loaded = true
	if t, ok := d.settings[SettingTargetHealthy]; ok && t != "" {
		m.target = t
	}
	m.coops = m.coops[:0]
	for _, s := range d.sums {
		if !s.Active {
			continue
		}
		c := cityCoop{sum: s}
		if s.Latest != nil {
			c.pred = s.Latest.Predicate
			for _, h := range d.finals[s.ID] {
				if h.FiscalYear == s.Latest.FiscalYear-1 && h.Predicate != "" {
					c.same = true
					c.move = cmp.Compare(predRank(h.Predicate), predRank(c.pred))
				}
			}
		}
		m.coops = append(m.coops, c)
	}
	m.regroup()
}

// predRank is a predicate's place, best first; unknown ones rank last.
func predRank(id string) int {
	if i := slices.Index(predicateOrder, id); i >= 0 {
		return i
	}
	return len(predicateOrder)
}

// regroup builds the table's rows for the chosen grouping.
func (m *cityModel) regroup() {
	if !m.loaded {
		return
	}
	by := map[string][]cityCoop{}
	for _, c := range m.coops {
		name := m.groupOf(c.sum)
		by[name] = append(by[name], c)
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	slices.Sort(names)
	m.groups = []cityGroup{{name: m.lang.ct(ctWholeCity), coops: m.coops}}
	for _, n := range names {
		m.groups = append(m.groups, cityGroup{name: n, coops: by[n]})
	}
	m.row = min(m.row, len(m.groups)-1)
}

// groupOf names the group of a cooperative in the chosen grouping.
func (m cityModel) groupOf(s store.CoopSummary) string {
	var v string
	switch cityDims[m.dim] {
	case ctDimKecamatan:
		v = s.Kecamatan
	case ctDimKelurahan:
		v = s.Kelurahan
	case ctDimType:
		v = m.lang.businessType(s.BusinessType)
	case ctDimCoach:
		v = s.CoachName
	}
	return cmp.Or(v, "—")
}

// handleKey moves the cell cursor, switches grouping, lists a cell or goes back.
func (m cityModel) handleKey(msg tea.KeyPressMsg) (cityModel, tea.Cmd) {
	if r, ok := m.keys.move(msg, m.row, len(m.groups), m.tableHeight()-1); ok {
		m.row = r
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		return m, backCareCmd
	case key.Matches(msg, m.keys.Left):
		m.col = max(0, m.col-1)
	case key.Matches(msg, m.keys.Right):
		m.col = min(cityCols-1, m.col+1)
	case key.Matches(msg, m.keys.Dimension):
		m.dim = (m.dim + 1) % len(cityDims)
		m.row, m.offset = 0, 0
		m.regroup()
	case key.Matches(msg, m.keys.Open) && m.row < len(m.groups):
		g := m.groups[m.row]
		sums := cellCoops(g.coops, m.col)
		title := g.name + " › " + m.colTitle(m.col, true)
		return m, func() tea.Msg { return openCoopListMsg{title: title, sums: sums} }
	}
	return m, nil
}

// cellCoops are the cooperatives behind one cell; the share column lists the healthy.
func cellCoops(coops []cityCoop, col int) []store.CoopSummary {
	var out []store.CoopSummary
	for _, c := range coops {
		if inCell(c, col) {
			out = append(out, c.sum)
		}
	}
	return out
}

// inCell reports whether a cooperative counts in a column.
func inCell(c cityCoop, col int) bool {
	switch col {
	case colCityAll:
		return true
	case colCitySehat, colCityShare:
		return c.pred == predSehat
	case colCityCukup:
		return c.pred == predCukupSehat
	case colCityDP:
		return c.pred == predPengawasan
	case colCityDPK:
		return c.pred == predPengawasanK
	case colCityNone:
		return c.pred == ""
	case colCityUp:
		return c.same && c.move > 0
	case colCityDown:
		return c.same && c.move < 0
	}
	return false
}

// colTitle names a column, short for the table header or long for a list's title.
func (m cityModel) colTitle(col int, long bool) string {
	switch col {
	case colCityAll:
		return m.lang.ct(ctColAll)
	case colCitySehat, colCityCukup, colCityDP, colCityDPK:
		pred := predicateOrder[col-colCitySehat]
		if long {
			return m.lang.predicateLabel(pred, false)
		}
		return m.lang.pick(cityPredicateHeads[pred], pred)
	case colCityNone:
		if long {
			return m.lang.ct(ctNotAssessed)
		}
		return m.lang.ct(ctColNone)
	case colCityUp:
		return m.lang.ct(ctColUp)
	case colCityDown:
		return m.lang.ct(ctColDown)
	}
	return "%" + m.lang.pick(cityPredicateHeads[predSehat], "")
}

// cityPredicateHeads are the table's short predicate headings, which fit its columns.
var cityPredicateHeads = map[string][2]string{
	predSehat:       {"S", "H"},
	predCukupSehat:  {"CS", "FH"},
	predPengawasan:  {"DP", "US"},
	predPengawasanK: {"DPK", "USS"},
}

// shareText is a healthy share as a percent with one decimal, exactly rounded.
func (m cityModel) shareText(healthy, total int) string {
	if total == 0 {
		return "0"
	}
	if healthy == total {
		return "100"
	}
	r := new(big.Rat).SetFrac64(int64(healthy)*100, int64(total))
	return m.lang.number(r.FloatString(1))
}

// count is how many of coops count in a column.
func count(coops []cityCoop, col int) int {
	n := 0
	for _, c := range coops {
		if inCell(c, col) {
			n++
		}
	}
	return n
}

// showBars reports whether the window is tall enough for the bar chart.
func (m cityModel) showBars() bool { return m.height >= 20 }

// tableHeight is the number of table rows that fit under the headline and chart.
func (m cityModel) tableHeight() int {
	h := m.height - 5 // share, need, change, groupings, header
	if m.showBars() {
		h -= 7 // a blank line, five bars and a blank line
	}
	return max(1, h)
}

// View draws the headline numbers, the bar chart on a tall window, then the table.
func (m cityModel) View() string {
	if !m.loaded {
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	lines := m.headLines()
	if m.showBars() {
		lines = append(lines, "")
		lines = append(lines, m.barLines()...)
		lines = append(lines, "")
	}
	lines = append(lines, m.dimLine(), m.headerLine())
	h := m.tableHeight()
	off := keepVisible(min(m.offset, m.row), m.row, h)
	for i := off; i < min(len(m.groups), off+h); i++ {
		lines = append(lines, m.rowLine(i))
	}
	for i, l := range lines {
		lines[i] = truncate(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// headLines are the healthy share against the target and the moves since last year.
func (m cityModel) headLines() []string {
	all := m.coops
	healthy := count(all, colCitySehat)
	share := m.lang.ctf(ctHealthyShare, healthy, len(all), m.lang.predicateLabel(predSehat,
		false), m.shareText(healthy, len(all)), m.lang.number(m.target))
	need := m.st.assess.ok.Render(m.lang.ct(ctTargetMet))
	if n := neededFor(m.target, healthy, len(all)); n > 0 {
		need = m.st.errText.Render(m.lang.ctf(ctNeedMore, n))
	}
	same := 0
	for _, c := range all {
		if c.same && c.move == 0 {
			same++
		}
	}
	change := m.lang.ctf(ctChange, count(all, colCityUp), count(all, colCityDown), same)
	return []string{m.st.title.Render(share), need, change}
}

// neededFor is how many more healthy cooperatives reach target percent of total.
func neededFor(target string, healthy, total int) int {
	t, ok := new(big.Rat).SetString(strings.Replace(target, ",", ".", 1))
	if !ok || t.Sign() <= 0 {
		return 0
	}
	want := new(big.Rat).Mul(t, big.NewRat(int64(total), 100))
	n := new(big.Int).Quo(want.Num(), want.Denom())
	if new(big.Rat).SetInt(n).Cmp(want) < 0 {
		n.Add(n, big.NewInt(1))
	}
	return max(0, int(n.Int64())-healthy)
}

// barLines draw one bar per predicate and one for the never assessed.
func (m cityModel) barLines() []string {
	cols := []int{colCitySehat, colCityCukup, colCityDP, colCityDPK, colCityNone}
	preds := []string{predSehat, predCukupSehat, predPengawasan, predPengawasanK, ""}
	long := m.width >= 80
	labelW := 0
	for _, c := range cols {
		labelW = max(labelW, len([]rune(m.colTitle(c, long))))
	}
	most := 1
	for _, c := range cols {
		most = max(most, count(m.coops, c))
	}
	barW := max(4, m.width-labelW-8)
	out := make([]string, 0, len(cols))
	for i, c := range cols {
		n := count(m.coops, c)
		w := n * barW / most
		if n > 0 && w == 0 {
			w = 1
		}
		label := padRight(m.colTitle(c, long), labelW)
		barSt := m.st.muted
		if preds[i] != "" {
			label = m.st.predicateStyle(preds[i]).Render(label)
			barSt = m.st.predicateStyle(preds[i])
		}
		bar := barSt.Render(strings.Repeat("█", w))
		out = append(out, fmt.Sprintf("%s %s %d", label, bar, n))
	}
	return out
}

// dimLine shows the groupings with the chosen one marked.
func (m cityModel) dimLine() string {
	parts := make([]string, len(cityDims))
	for i, d := range cityDims {
		if i == m.dim {
			parts[i] = m.st.list.sortCol.Render("[" + m.lang.ct(d) + "]")
		} else {
			parts[i] = m.st.muted.Render(m.lang.ct(d))
		}
	}
	return strings.Join(parts, " ")
}

// numWidth is the width of the table's number columns: narrower on a narrow window.
func (m cityModel) numWidth() int {
	if m.width < 80 {
		return 4
	}
	return 5
}

// nameWidth is what the table leaves for the group's name.
func (m cityModel) nameWidth() int { return max(6, m.width-1-cityCols*(m.numWidth()+1)) }

// headerLine names the table's columns.
func (m cityModel) headerLine() string {
	var b strings.Builder
	b.WriteString(padRight("", m.nameWidth()+1))
	for c := range cityCols {
		title := m.colTitle(c, false)
		if m.numWidth() < 5 && (c == colCityUp || c == colCityDown) {
			title = map[int]string{colCityUp: "▲", colCityDown: "▼"}[c]
		}
		b.WriteString(" " + padLeft(title, m.numWidth()))
	}
	return m.st.list.header.Render(b.String())
}

// rowLine is one group's counts, with the cursor's cell marked.
func (m cityModel) rowLine(i int) string {
	g := m.groups[i]
	mark := " "
	if i == m.row {
		mark = "›"
	}
	var b strings.Builder
	b.WriteString(mark + padRight(g.name, m.nameWidth()))
	for c := range cityCols {
		text := fmt.Sprint(count(g.coops, c))
		if c == colCityShare {
			text = m.shareText(count(g.coops, colCitySehat), len(g.coops))
		}
		cell := padLeft(text, m.numWidth())
		if i == m.row && c == m.col {
			cell = m.st.list.selected.Render(cell)
		}
		b.WriteString(" " + cell)
	}
	return b.String()
}
