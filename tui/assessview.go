package tui

import (
	"cmp"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"koroena/scoring"
	"koroena/store"
	"koroena/tui/rupiah"
)

// Column widths of the assessment list's right-hand side.
const (
	valueW  = 19 // a figure: "1.234.567.890.123,50"
	ratioW  = 10 // a component's ratio: "205,56 %"
	nilaiW  = 4  // its nilai
	skorW   = 9  // its skor against bobot: "3,00/6"
	answerW = 6  // a question's answer: "tidak"
	tagW    = 8  // an aggregate's "dihitung" or "diisi"
)

// title is the screen's part of the title line.
func (m assessModel) title() string {
	if !m.loaded {
		return m.lang.at(atAssessment)
	}
	return fmt.Sprintf("%s › %s %d", m.coop.Name, m.lang.tr(txtFiscalYear), m.a.FiscalYear)
}

// View draws the header, the part of the list that fits and the footer.
func (m assessModel) View() string {
	if !m.loaded {
		if m.saveErr != nil {
			return m.st.errText.Render(truncate(m.errText(m.saveErr), m.width))
		}
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	header := m.headerLines()
	footer := m.footerLines()
	h := max(1, m.height-len(header)-len(footer))
	lines, _, _ := m.listLines()
	off := max(0, min(m.offset, len(lines)-h))
	end := min(len(lines), off+h)
	body := lines[off:end]
	for len(body) < h {
		body = append(body, "")
	}
	out := append(append(header, body...), footer...)
	for i, l := range out {
		out[i] = truncate(l, m.width)
	}
	return strings.Join(out, "\n")
}

// listHeight is how many list lines fit between the header and the footer.
func (m assessModel) listHeight() int {
	return max(1, m.height-len(m.headerLines())-len(m.footerLines()))
}

// scrollToCursor moves the scroll so that the cursor, and the heading above it when
// there is room, can be seen.
func (m *assessModel) scrollToCursor() {
	if !m.loaded {
		return
	}
	lines, kinds, at := m.listLines()
	h := m.listHeight()
	top := at
	for top > 0 && at-top < 2 && kinds[top-1] == rowSection {
		top--
	}
	if top < m.offset {
		m.offset = top
	}
	if at+1 >= m.offset+h {
		m.offset = at + 2 - h // the line under the cursor may hold its message
	}
	m.offset = max(0, min(m.offset, len(lines)-h))
}

// headerLines are the assessment's identity, its progress and its live total.
func (m assessModel) headerLines() []string {
	done, total := m.progress()
	status := m.st.draft.Render("✎ " + m.lang.tr(txtDraft))
	switch m.a.Status {
	case store.StatusFinal:
		status = m.st.assess.final.Render("🔒 " + m.lang.at(atFinal))
	case store.StatusAmended:
		status = m.st.muted.Render(m.lang.tr(txtAmended))
	}
	if m.a.Replaces != "" {
		status += " · " + m.st.muted.Render(m.lang.at(atRevision)+": "+m.a.AmendReason)
	}
	id := fmt.Sprintf("%s %d · %s · %s", m.lang.tr(txtFiscalYear), m.a.FiscalYear,
		m.in.Ref(), status)
	prog := fmt.Sprintf(m.lang.at(atProgress), done, total)
	first := padRight(id, max(0, m.width-lipgloss.Width(prog)-1)) + " " + prog

	second := m.totalText()
	if a, le, off := m.imbalance(); off {
		diff := a.Sub(a, le)
		second += "  " + m.st.assess.warn.Render("! "+fmt.Sprintf(m.lang.at(atImbalance),
			rupiah.Format(diff.FloatString(2))))
	}
	return []string{first, second}
}

// totalText is "Skor 89,45 · Sehat (sementara)", or what is still missing.
func (m assessModel) totalText() string {
	total := m.lang.at(atScore) + " " + m.st.title.Render(m.lang.number(fixed2(m.res.Total)))
	if !m.res.Complete {
		return total + " · " + m.st.muted.Render(m.lang.at(atNoPredicate))
	}
	p := m.st.predicateStyle(m.res.Predicate).Render(m.lang.predicateLabel(m.res.Predicate, false))
	if !readOnly(m.a) {
		p += " " + m.st.muted.Render(m.lang.at(atProvisional))
	}
	return total + " · " + p
}

// listLines renders every row (a figure being typed or refused takes a second line),
// gives each line's kind of row and says on which line the cursor is.
func (m assessModel) listLines() (lines []string, kinds []rowKind, at int) {
	for i, r := range m.rows {
		if i == m.cursor {
			at = len(lines)
		}
		for _, l := range m.rowLines(i, r) {
			lines = append(lines, l)
			kinds = append(kinds, r.kind)
		}
	}
	return lines, kinds, at
}

// rowLines renders one row.
func (m assessModel) rowLines(i int, r assessRow) []string {
	mark := "  "
	if i == m.cursor && r.editable() {
		mark = m.st.assess.cursor.Render("›") + " "
	}
	w := m.width - 2
	switch r.kind {
	case rowSection:
		return m.sectionLines(r.id, w)
	case rowFigure:
		return m.figureLines(i, r.id, mark, w)
	case rowComponent:
		return []string{"  " + m.componentLine(r.id, w)}
	case rowQuestion:
		return []string{mark + m.questionLine(r.id, w)}
	}
	return nil
}

// sectionLines is a blank line and a heading; an aspect's heading has its subtotal.
func (m assessModel) sectionLines(id string, w int) []string {
	title, right := m.sectionTitle(id), ""
	if asp, ok := strings.CutPrefix(id, aspectPrefix); ok {
		for _, a := range m.res.Aspects {
			if a.ID == asp {
				right = m.lang.number(fixed2(a.Skor)) + " / " + m.lang.number(a.Max.String())
			}
			if a.ID == asp && a.Weighted {
				// A weighted instrument (ksp-2021): the aspect's score of 100, its weight
				// and, once complete, its predicate.
				right = m.lang.number(fixed2(a.Score)) + "/100 ×" + a.Weight.String() + "%"
				if a.Predicate != "" {
					right += " " + m.st.predicateStyle(a.Predicate).Render(
						m.lang.predicateLabel(a.Predicate, true))
				}
			}
		}
	}
	left := m.st.section.Render(truncate(title, max(1, w-lipgloss.Width(right)-1)))
	gap := max(1, w+2-lipgloss.Width(left)-lipgloss.Width(right))
	lines := []string{"", left + strings.Repeat(" ", gap) + m.st.title.Render(right)}
	return append(lines, m.sectionNotes(id, w)...)
}

// sectionNotes are the instrument's notes about a section (its wording is provisional,
// its rule unconfirmed), wrapped under the heading so the coach reads them where they
// apply.
func (m assessModel) sectionNotes(id string, w int) []string {
	part, ok := strings.CutPrefix(id, aspectPrefix)
	if id == sectionAdjustment {
		part, ok = scoring.NoteAdjustments, true
	}
	if !ok {
		return nil
	}
	var lines []string
	for _, n := range m.in.NotesFor(part) {
		text := lipgloss.NewStyle().Width(max(10, w)).Render("ⓘ " + n.Text.In(string(m.lang)))
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, m.st.muted.Render(strings.TrimRight(l, " ")))
		}
	}
	return lines
}

// sectionTitle names a section.
func (m assessModel) sectionTitle(id string) string {
	if asp, ok := strings.CutPrefix(id, aspectPrefix); ok {
		for _, a := range m.in.Aspects {
			if a.ID == asp {
				return a.Label.In(string(m.lang))
			}
		}
		return m.lang.aspect(asp)
	}
	if t, ok := sectionNames[id]; ok {
		return m.lang.at(t)
	}
	return strings.ReplaceAll(id, "_", " ")
}

// sectionNames names the figure groups and the adjustment factors.
var sectionNames = map[string]atxt{
	scoring.GroupAssets:      atGroupAssets,
	scoring.GroupLiabilities: atGroupLiabilities,
	scoring.GroupLoans:       atGroupLoans,
	scoring.GroupIncome:      atGroupIncome,
	scoring.GroupAggregates:  atGroupAggregates,
	sectionAdjustment:        atGroupAdjustment,
	sectionEligibility:       atGroupEligibility,
}

// figureLines is a figure's label, value and marks, and a second line while it is typed
// or when what was typed could not be read.
func (m assessModel) figureLines(i int, id, mark string, w int) []string {
	f, _ := m.in.Figure(id)
	label := f.Label.In(string(m.lang))
	value, tag := m.figureValue(f)
	marks := m.marks(changeFigure.keyOf(id), id)
	if _, _, big := m.yearChange(id); big {
		marks += m.st.assess.warn.Render("!")
	}
	editing := i == m.cursor && m.mode == modeFigure
	if editing {
		value = m.st.assess.input.Render(string(m.input) + "▏")
	}
	if m.unreadable(id, editing) {
		// What is typed is not saved: a ✓ for the value kept would read as accepted.
		marks = m.st.errText.Render("✗")
		if m.notes[id] != "" {
			marks += m.st.muted.Render("¶")
		}
	}
	right := m.st.muted.Render(padLeft(tag, tagW)) + " " + padLeft(value, valueW) + " " +
		padRight(marks, 3)
	line := mark + padRight(label, max(1, w-lipgloss.Width(right)-1)) + " " + right
	out := []string{line}
	switch {
	case editing:
		out = append(out, "    "+m.readBack(id))
	case m.invalid[id] != "":
		out = append(out, "    "+m.st.errText.Render("✗ "+m.figureError(m.invalid[id],
			errUnread(m, id))))
	}
	return out
}

// unreadable reports whether figure id holds text that could not be read: refused on
// leaving the field, or, while it is edited, typed so far.
func (m assessModel) unreadable(id string, editing bool) bool {
	if !editing {
		return m.invalid[id] != ""
	}
	text := strings.TrimSpace(string(m.input))
	if text == "" {
		return false
	}
	_, err := m.readFigure(id, text)
	return err != nil
}

// errUnread re-reads the refused text of figure id to say why it was refused.
func errUnread(m assessModel, id string) error {
	_, err := m.readFigure(id, m.invalid[id])
	return err
}

// readBack is what the figure field understood of the text typed so far.
func (m assessModel) readBack(id string) string {
	text := strings.TrimSpace(string(m.input))
	if text == "" {
		return m.st.muted.Render(m.lang.at(atEmptyClears))
	}
	v, err := m.readFigure(id, text)
	if err != nil {
		return m.st.assess.warn.Render("? " + m.figureError(text, err))
	}
	return m.st.assess.readBack.Render("= Rp " + rupiah.Format(v))
}

// figureValue is a figure's value as the coach reads it, and for an aggregate whether it
// was typed or derived.
func (m assessModel) figureValue(f scoring.Figure) (value, tag string) {
	if v, ok := m.figures[f.ID]; ok {
		if f.Aggregate() {
			tag = m.lang.at(atEntered)
		}
		return rupiah.Format(v), tag
	}
	if f.Aggregate() {
		if d, ok := derivedOf(m.res, f.ID); ok {
			return m.st.muted.Render(rupiah.Format(d.Value.String())), m.lang.at(atDerived)
		}
	}
	return m.st.muted.Render("—"), ""
}

// marks are an item's save state and note: ✓ saved, … saving, ✗ refused, ¶ note.
func (m assessModel) marks(k, id string) string {
	var s string
	switch st, known := m.state[k]; {
	case known && st == statePending:
		s = m.st.muted.Render("…")
	case known && st == stateFailed:
		s = m.st.errText.Render("✗")
	case known:
		s = m.st.assess.ok.Render("✓")
	default:
		s = " "
	}
	if m.notes[id] != "" {
		return s + m.st.muted.Render("¶")
	}
	return s
}

// componentLine is a component's name and its live ratio, nilai and skor.
func (m assessModel) componentLine(id string, w int) string {
	c, _ := m.in.Component(id)
	r, _ := m.res.Component(id)
	var ratio, nilai string
	switch {
	case r.Status == scoring.StatusMissing && !r.Checklist:
		ratio = m.lang.at(atMissingShort)
	case r.Status == scoring.StatusUndefined:
		ratio = m.lang.at(atUndefinedShort)
	case r.Checklist && len(r.Missing) > 0:
		n := len(m.in.QuestionsOf(id))
		ratio = fmt.Sprintf("%d %s %d/%d", r.Ya, m.lang.at(atYesShort), n-len(r.Missing), n)
	case r.Checklist:
		ratio = fmt.Sprintf("%d %s", r.Ya, m.lang.at(atYesShort))
		if r.Rated {
			nilai = m.lang.number(r.Nilai.String())
		}
	case r.HasRatio:
		ratio = m.lang.number(fixed2(r.Ratio)) + " %"
		nilai = m.lang.number(r.Nilai.String())
	default:
		nilai = m.lang.number(r.Nilai.String())
	}
	skor := m.lang.number(fixed2(r.Skor)) + "/" + m.lang.number(r.Bobot.String())
	right := padLeft(ratio, ratioW) + " " + padLeft(nilai, nilaiW) + " " + padLeft(skor, skorW)
	right = m.st.assess.score.Render(right)
	label := "◆ " + c.Label.In(string(m.lang))
	return m.st.label.Render(padRight(label, max(1, w-lipgloss.Width(right)-1))) + " " + right
}

// questionLine is a question's answer, id and text.
func (m assessModel) questionLine(id string, w int) string {
	q, _ := m.in.Question(id)
	ans := m.st.muted.Render("·")
	if v, ok := m.answers[id]; ok && v {
		ans = m.st.assess.yes.Render(m.lang.at(atYes))
	} else if ok {
		ans = m.st.assess.no.Render(m.lang.at(atNo))
	}
	marks := m.marks(changeAnswer.keyOf(id), id)
	left := padRight(ans, answerW) + " " + m.st.muted.Render(padRight(id, m.questionIDWidth())) +
		" "
	text := q.Text.In(string(m.lang))
	room := max(1, w-lipgloss.Width(left)-4)
	return left + padRight(text, room) + " " + marks
}

// footerLines show the field being typed, a dialog, or what there is to know about the
// item under the cursor.
func (m assessModel) footerLines() []string {
	row := m.current()
	switch m.mode {
	case modeNote:
		return []string{m.fieldLine(fmt.Sprintf(m.lang.at(atNoteFor), m.itemName(row.id)))}
	case modeReason:
		help := m.lang.at(atReasonHelp)
		if m.notice != "" {
			help = m.notice
		}
		return []string{m.st.assess.warn.Render(help), m.fieldLine(m.lang.at(atReason))}
	case modeMissing:
		return m.missingLines()
	case modeConfirm:
		return m.confirmLines()
	}
	if m.notice != "" {
		return []string{m.st.assess.warn.Render(m.notice)}
	}
	return []string{m.detailLine(row)}
}

// fieldLine is a label and the text being typed.
func (m assessModel) fieldLine(label string) string {
	return m.st.label.Render(label+": ") + m.st.assess.input.Render(string(m.input)+"▏")
}

// detailLine says more of the item under the cursor: a refused write, a warning, its
// note, or for a locked assessment who signed it.
func (m assessModel) detailLine(row assessRow) string {
	if readOnly(m.a) {
		return m.st.muted.Render(m.lockedText())
	}
	if pct, prev, ok := m.yearChange(row.id); ok && row.kind == rowFigure {
		return m.st.assess.warn.Render(fmt.Sprintf(m.lang.at(atYearChange), signed(pct),
			m.prev.FiscalYear, rupiah.Format(prev)))
	}
	if n := m.notes[row.id]; n != "" {
		return m.st.muted.Render("¶ " + n)
	}
	if row.kind == rowFigure {
		if f, ok := m.in.Figure(row.id); ok && f.Aggregate() {
			return m.st.muted.Render(m.lang.at(atAggregateHelp))
		}
		return m.st.muted.Render(rupiah.Accepted[string(m.lang)])
	}
	if row.kind == rowQuestion {
		q, _ := m.in.Question(row.id)
		return m.st.muted.Render(q.Text.In(string(m.lang)))
	}
	return ""
}

// signed writes a whole percentage with its sign.
func signed(n int64) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// lockedText says who finalized the assessment and when, and how to change it.
func (m assessModel) lockedText() string {
	when := m.a.FinalizedAt.Format("2006-01-02 15:04")
	s := fmt.Sprintf(m.lang.at(atLockedBy), when, m.a.FinalizedBy)
	if m.coach != "" {
		s += " · " + m.lang.at(atCoach) + " " + m.coach
	}
	if m.a.Status == store.StatusFinal {
		s += " · " + m.lang.at(atAmendHint)
	}
	return s
}

// missingLines list what finalizing still needs, as many as fit.
func (m assessModel) missingLines() []string {
	room := max(2, m.height/2)
	lines := []string{m.st.assess.warn.Render(fmt.Sprintf(m.lang.at(atMissingTitle),
		len(m.missing)))}
	for i, s := range m.missing {
		if len(lines) == room-1 && i < len(m.missing)-1 {
			lines = append(lines, m.st.muted.Render(fmt.Sprintf(m.lang.at(atMore),
				len(m.missing)-i)))
			break
		}
		lines = append(lines, "  "+s)
	}
	return lines
}

// missingItems names every component that cannot be scored yet and what it lacks.
func (m assessModel) missingItems() []string {
	var out []string
	for _, r := range m.res.Components {
		if r.Status == scoring.StatusScored {
			continue
		}
		c, _ := m.in.Component(r.ID)
		what := r.Note
		if len(r.Missing) > 0 {
			names := make([]string, len(r.Missing))
			for i, id := range r.Missing {
				names[i] = m.itemName(id)
			}
			what = strings.Join(names, ", ")
		}
		out = append(out, c.Label.In(string(m.lang))+": "+what)
	}
	return out
}

// itemName is a figure's label or a question's id.
func (m assessModel) itemName(id string) string {
	if f, ok := m.in.Figure(id); ok {
		return f.Label.In(string(m.lang))
	}
	return id
}

// confirmLines ask to finalize, saying what will be stored, which figures were never
// typed and count as zero, and that it locks.
func (m assessModel) confirmLines() []string {
	p := m.lang.predicateLabel(m.res.Predicate, false)
	lines := []string{
		m.st.assess.warn.Render(fmt.Sprintf(m.lang.at(atConfirmFinal), m.a.FiscalYear,
			m.lang.number(fixed2(m.res.Total)), p)),
	}
	if zero := m.untypedFigures(); len(zero) > 0 {
		lines = append(lines, m.st.errText.Render(truncate(fmt.Sprintf(
			m.lang.at(atUntypedZero), len(zero), strings.Join(zero, ", ")), m.width)))
	}
	return append(lines, m.st.muted.Render(m.lang.at(atCoach)+": "+cmp.Or(m.coach, "—")+
		" · "+m.lang.at(atConfirmHelp)))
}

// untypedFigures names the figures never typed that the score counts as zero: those an
// aggregate could not stand in for. A forgotten figure must not pass unseen into a
// locked result.
func (m assessModel) untypedFigures() []string {
	var out []string
	for _, f := range m.in.Figures {
		if _, ok := m.figures[f.ID]; ok || f.Aggregate() {
			continue
		}
		out = append(out, f.Label.In(string(m.lang)))
	}
	return out
}

// questionIDWidth is the room for question ids: the longest id, within an eighth of the
// width (ids help to find a question on the paper form; the text matters more).
func (m assessModel) questionIDWidth() int {
	longest := 0
	for _, q := range m.in.Questions {
		longest = max(longest, len(q.ID))
	}
	return min(longest, max(4, m.width/8))
}
