package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"koroena/scoring"
	"koroena/store"
	"koroena/tui/rupiah"
)

// bigGlyphs draws digits three lines high, for the total.
var bigGlyphs = map[rune][3]string{
	'0': {"┏━┓", "┃ ┃", "┗━┛"},
	'1': {" ┓ ", " ┃ ", " ┻ "},
	'2': {"┏━┓", "┏━┛", "┗━━"},
	'3': {"━━┓", " ━┫", "━━┛"},
	'4': {"┃ ┃", "┗━┫", "  ┃"},
	'5': {"┏━━", "┗━┓", "━━┛"},
	'6': {"┏━━", "┣━┓", "┗━┛"},
	'7': {"━━┓", "  ┃", "  ╹"},
	'8': {"┏━┓", "┣━┫", "┗━┛"},
	'9': {"┏━┓", "┗━┫", "━━┛"},
	',': {" ", " ", "▖"},
	'.': {" ", " ", "▖"},
	'-': {"  ", "━━", "  "},
}

// bigText draws s (digits, a comma or a point) three lines high.
func bigText(s string) [3]string {
	var out [3]string
	for i, r := range s {
		g, ok := bigGlyphs[r]
		if !ok {
			continue
		}
		for row := range 3 {
			if i > 0 {
				out[row] += " "
			}
			out[row] += g[row]
		}
	}
	return out
}

// headline is the total in large digits with the predicate beside it.
func (m diagnosisModel) headline() []string {
	total := m.lang.number(fixed2(m.res.Total))
	big := bigText(total)
	pred := m.st.muted.Render(fmt.Sprintf(m.lang.at(atDiagIncomplete), m.incomplete()))
	if m.res.Complete {
		p := m.res.Predicate
		pred = m.st.predicateStyle(p).Render(m.lang.predicateLabel(p, false))
	}
	state := m.lang.at(atFinal)
	switch {
	case m.live:
		state = m.st.draft.Render("✎ " + m.lang.at(atDiagLive))
	case m.a.Status == store.StatusDraft:
		state = m.st.draft.Render("✎ " + m.lang.tr(txtDraft))
	case m.a.Status == store.StatusAmended:
		state = m.lang.tr(txtAmended)
	}
	meta := fmt.Sprintf("%s %d · %s · %s", m.lang.tr(txtFiscalYear), m.a.FiscalYear,
		m.in.Ref(), state)
	w := lipgloss.Width(big[0])
	if m.width < w+20 {
		return []string{m.st.assess.big.Render(total) + "  " + pred, meta}
	}
	return []string{
		m.st.assess.big.Render(big[0]) + "   " + pred,
		m.st.assess.big.Render(big[1]) + "   " + meta,
		m.st.assess.big.Render(big[2]) + "   " + m.st.muted.Render(m.lang.at(atScore)+" ") +
			total + m.st.muted.Render(" / 100"),
	}
}

// incomplete counts the components that are not scored.
func (m diagnosisModel) incomplete() int {
	n := 0
	for _, c := range m.res.Components {
		if c.Status != scoring.StatusScored {
			n++
		}
	}
	return n
}

// aspectLines draw each aspect as a bar against its maximum.
func (m diagnosisModel) aspectLines() []string {
	lines := []string{m.st.section.Render(m.lang.at(atDiagAspects))}
	labelW := 0
	for _, a := range m.in.Aspects {
		labelW = max(labelW, lipgloss.Width(a.Label.In(string(m.lang))))
	}
	labelW = min(labelW, max(10, m.width/3))
	valueW := len("100,00/100")
	if m.in.Weighted() {
		// A weighted instrument (ksp-2021): each aspect's score of 100, its weight and
		// predicate, e.g. "75,00/100 ×30% Cukup Sehat".
		valueW = len("100,00/100 ×30% ") + predicateW(m.lang, m.narrow())
	}
	barW := max(5, min(40, m.width-labelW-valueW-4))
	for i, a := range m.res.Aspects {
		label := m.in.Aspects[i].Label.In(string(m.lang))
		fill := 0
		if a.Max.Cmp(scoring.Points{}) > 0 {
			fill = int(a.Skor.Float64()/a.Max.Float64()*float64(barW) + 0.5)
			fill = max(0, min(barW, fill))
		}
		if a.Weighted {
			fill = max(0, min(barW, int(a.Score.Float64()/100*float64(barW)+0.5)))
		}
		bar := m.st.record.barFull.Render(strings.Repeat("█", fill)) +
			m.st.record.barEmpty.Render(strings.Repeat("░", barW-fill))
		value := m.lang.number(fixed2(a.Skor)) + "/" + m.lang.number(a.Max.String())
		if a.Weighted {
			value = m.lang.number(fixed2(a.Score)) + "/100 ×" + a.Weight.String() + "% " +
				m.st.predicateStyle(a.Predicate).Render(padRight(
					m.lang.predicateLabel(a.Predicate, m.narrow()), predicateW(m.lang, m.narrow())))
		}
		lines = append(lines, "  "+m.st.label.Render(padRight(label, labelW))+" "+bar+" "+
			padLeft(value, valueW))
	}
	return lines
}

// adjustmentLines say which adjustment factors changed the predicate.
func (m diagnosisModel) adjustmentLines() []string {
	lines := []string{m.st.section.Render(m.lang.at(atDiagAdjustments))}
	if el := m.res.Eligibility; el != nil && !el.Met {
		// Unmet or unanswered preconditions flag the examination (ksp-2021).
		ids := append(slices.Clone(el.Unmet), el.Unanswered...)
		lines = append(lines, "  "+m.st.assess.warn.Render(fmt.Sprintf(
			m.lang.at(atDiagIneligible), strings.Join(ids, ", "))))
	}
	if len(m.res.Adjustments) == 0 {
		return append(lines, "  "+m.st.muted.Render(m.lang.at(atDiagNoAdjustment)))
	}
	for _, adj := range m.res.Adjustments {
		label := adj.ID
		for _, a := range m.in.Adjustments {
			if a.ID == adj.ID {
				label = a.Label.In(string(m.lang))
			}
		}
		lines = append(lines, "  "+m.st.assess.warn.Render(fmt.Sprintf(m.lang.at(atDiagAdjusted),
			label, strings.Join(adj.Questions, ", "), m.lang.predicateLabel(adj.From, false),
			m.lang.predicateLabel(adj.To, false))))
		for _, q := range adj.Questions {
			if qq, ok := m.in.Question(q); ok {
				lines = append(lines, "    "+m.st.muted.Render(q+" "+qq.Text.In(string(m.lang))))
			}
		}
	}
	// The rule that changed the predicate may itself be unconfirmed: say so beside it.
	return append(lines, m.noteLines(m.in.NotesFor(scoring.NoteAdjustments))...)
}

// noteLines are instrument notes, wrapped and muted, indented under a section.
func (m diagnosisModel) noteLines(notes []scoring.Note) []string {
	var lines []string
	for _, n := range notes {
		text := lipgloss.NewStyle().Width(max(10, m.width-4)).Render(
			"ⓘ " + n.Text.In(string(m.lang)))
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, "  "+m.st.muted.Render(strings.TrimRight(l, " ")))
		}
	}
	return lines
}

// instrumentNoteLines are every note of the instrument, at the foot of the diagnosis:
// what a reader of the score must know of the rubric it comes from.
func (m diagnosisModel) instrumentNoteLines() []string {
	if len(m.in.Notes) == 0 {
		return nil
	}
	lines := []string{"", m.st.section.Render(fmt.Sprintf(m.lang.at(atDiagNotes), m.in.Ref()))}
	return append(lines, m.noteLines(m.in.Notes)...)
}

// compareLines set the score against the previous final assessment: the total, each
// aspect, and the components that improved or worsened, most first.
func (m diagnosisModel) compareLines() []string {
	p := m.prev
	if p == nil || p.Result == nil {
		return []string{m.st.section.Render(m.lang.at(atDiagCompareNone)),
			"  " + m.st.muted.Render(m.lang.at(atDiagNoPrevious))}
	}
	title := fmt.Sprintf(m.lang.at(atDiagCompare), p.FiscalYear, m.lang.number(p.Result.Total),
		m.lang.predicateLabel(p.Result.Predicate, false))
	if p.Instrument != m.in.ID {
		// Issue 7: a 2016 and a 2021 score are different rubrics; show the earlier one
		// for the record, but do not subtract them.
		return []string{m.st.section.Render(title + " · " + p.Instrument),
			"  " + m.st.muted.Render(fmt.Sprintf(m.lang.at(atDiagOtherRubric),
				p.Instrument, m.in.ID))}
	}
	oldTotal, _ := scoring.ParsePoints(p.Result.Total)
	lines := []string{m.st.section.Render(title) + "  " + m.delta(oldTotal, m.res.Total)}

	// Aspects, from the stored result of the previous one.
	for _, a := range m.res.Aspects {
		for _, old := range p.Result.Aspects {
			if old.ID != a.ID {
				continue
			}
			o, _ := scoring.ParsePoints(old.Skor)
			lines = append(lines, "  "+padRight(m.aspectLabel(a.ID), 28)+" "+
				padLeft(m.lang.number(fixed2(o)), 6)+" → "+
				padLeft(m.lang.number(fixed2(a.Skor)), 6)+"  "+m.delta(o, a.Skor))
		}
	}
	return append(lines, m.componentChanges()...)
}

// componentChanges list the components whose skor moved since the previous assessment.
func (m diagnosisModel) componentChanges() []string {
	if m.prevRes == nil {
		return nil
	}
	type moved struct {
		id       string
		old, now scoring.Points
		diff     float64
	}
	var up, down []moved
	for _, c := range m.res.Components {
		o, ok := m.prevRes.Component(c.ID)
		if !ok || o.Skor.Cmp(c.Skor) == 0 {
			continue
		}
		mv := moved{c.ID, o.Skor, c.Skor, c.Skor.Float64() - o.Skor.Float64()}
		if mv.diff > 0 {
			up = append(up, mv)
		} else {
			down = append(down, mv)
		}
	}
	slices.SortFunc(up, func(a, b moved) int { return cmp.Compare(b.diff, a.diff) })
	slices.SortFunc(down, func(a, b moved) int { return cmp.Compare(a.diff, b.diff) })
	var lines []string
	for _, g := range []struct {
		title atxt
		list  []moved
		mark  string
	}{{atDiagImproved, up, "▲"}, {atDiagWorsened, down, "▼"}} {
		if len(g.list) == 0 {
			continue
		}
		lines = append(lines, "  "+m.st.label.Render(m.lang.at(g.title)))
		for _, mv := range g.list {
			c, _ := m.in.Component(mv.id)
			lines = append(lines, "    "+g.mark+" "+padRight(c.Label.In(string(m.lang)), 40)+
				" "+padLeft(m.lang.number(fixed2(mv.old)), 6)+" → "+
				padLeft(m.lang.number(fixed2(mv.now)), 6)+"  "+m.delta(mv.old, mv.now))
		}
	}
	return lines
}

// aspectLabel names an aspect of the instrument.
func (m diagnosisModel) aspectLabel(id string) string {
	for _, a := range m.in.Aspects {
		if a.ID == id {
			return a.Label.In(string(m.lang))
		}
	}
	return m.lang.aspect(id)
}

// delta is the signed change from old to now, coloured by its direction.
func (m diagnosisModel) delta(old, now scoring.Points) string {
	d := now.Float64() - old.Float64()
	switch {
	case d > 0.004:
		return m.st.assess.better.Render(m.lang.number(fmt.Sprintf("+%.2f", d)))
	case d < -0.004:
		return m.st.assess.worse.Render(m.lang.number(fmt.Sprintf("%.2f", d)))
	}
	return m.st.muted.Render(m.lang.at(atDiagUnchanged))
}

// componentLines explain every component: formula, inputs, ratio, band, nilai, skor.
func (m diagnosisModel) componentLines() []string {
	lines := []string{m.st.section.Render(m.lang.at(atDiagComponents))}
	for _, c := range m.in.Components {
		r, _ := m.res.Component(c.ID)
		lines = append(lines, m.componentHead(c, r))
		lines = append(lines, "    "+m.st.label.Render(m.lang.at(atDiagFormula)+": ")+
			c.Formula.In(string(m.lang)))
		lines = append(lines, m.componentBody(c, r)...)
	}
	return lines
}

// componentHead is a component's name with its nilai and skor.
func (m diagnosisModel) componentHead(c scoring.Component, r scoring.ComponentResult) string {
	right := fmt.Sprintf("nilai %s · skor %s/%s", m.lang.number(r.Nilai.String()),
		m.lang.number(fixed2(r.Skor)), m.lang.number(r.Bobot.String()))
	if r.Checklist && !r.Rated {
		right = fmt.Sprintf("skor %s/%s", m.lang.number(fixed2(r.Skor)),
			m.lang.number(r.Bobot.String()))
	}
	if cat, ok := m.in.Category(r.Nilai); ok && r.Rated && r.Status == scoring.StatusScored {
		right = fmt.Sprintf("nilai %s %s · skor %s/%s", r.Nilai, cat.Label.In(string(m.lang)),
			m.lang.number(fixed2(r.Skor)), m.lang.number(r.Bobot.String()))
	}
	label := "◆ " + c.Label.In(string(m.lang))
	room := max(10, m.width-lipgloss.Width(right)-1)
	return m.st.title.Render(padRight(label, room)) + " " + right
}

// componentBody is what made a component's score: the inputs and the band, or the
// answers, or what is missing.
func (m diagnosisModel) componentBody(c scoring.Component, r scoring.ComponentResult) []string {
	var lines []string
	switch {
	case r.Checklist:
		per := "0"
		if c.Checklist != nil {
			per = m.lang.number(c.Checklist.PerYa.String())
		}
		line := fmt.Sprintf(m.lang.at(atDiagChecklist), r.Ya, per)
		if r.Rated && r.HasRatio {
			line = fmt.Sprintf(m.lang.at(atDiagRatedList), r.Ya,
				len(m.in.QuestionsOf(c.ID)), m.lang.number(fixed2(r.Ratio)), r.Nilai)
		}
		lines = append(lines, "    "+line)
		if len(r.Missing) > 0 {
			lines = append(lines, "    "+m.st.assess.warn.Render(fmt.Sprintf(
				m.lang.at(atDiagMissing), strings.Join(r.Missing, ", "))))
		}
		return lines
	}
	sc := effectiveScale(m.in, c, m.a.Options)
	for _, id := range ratioInputs(sc) {
		lines = append(lines, "    "+m.inputLine(id))
	}
	switch r.Status {
	case scoring.StatusMissing:
		names := make([]string, len(r.Missing))
		for i, id := range r.Missing {
			f, _ := m.in.Figure(id)
			names[i] = f.Label.In(string(m.lang))
		}
		return append(lines, "    "+m.st.assess.warn.Render(fmt.Sprintf(
			m.lang.at(atDiagMissing), strings.Join(names, ", "))))
	case scoring.StatusUndefined:
		return append(lines, "    "+m.st.assess.warn.Render(m.lang.at(atDiagZeroDen)+": "+r.Note))
	}
	if r.HasRatio {
		lines = append(lines, "    "+m.st.label.Render(m.lang.at(atDiagRatio)+" ")+
			m.lang.number(fixed2(r.Ratio))+" % → "+m.bandText(sc, r)+" → nilai "+
			m.lang.number(r.Nilai.String()))
	} else if r.Note != "" {
		lines = append(lines, "    "+m.st.muted.Render(r.Note))
	}
	if m.bands {
		lines = append(lines, m.bandTable(sc, r)...)
	}
	return lines
}

// inputLine is one input of a component: its name, its value and whether it was derived.
func (m diagnosisModel) inputLine(id string) string {
	f, _ := m.in.Figure(id)
	name := f.Label.In(string(m.lang))
	val := m.st.muted.Render("—")
	if v, ok := m.a.Figures[id]; ok {
		val = "Rp " + rupiah.Format(v)
	} else if d, ok := derivedOf(m.res, id); ok {
		val = "Rp " + rupiah.Format(d.Value.String()) + " " +
			m.st.muted.Render(m.lang.at(atDerived))
	}
	return m.st.label.Render(padRight(name, 34)) + " " + val
}

// bandText names where the ratio fell: the band of a table, or the step or line.
func (m diagnosisModel) bandText(sc scoring.Scale, r scoring.ComponentResult) string {
	switch {
	case sc.Step != nil:
		round := m.lang.at(atRoundFloor)
		if sc.Step.Round == "ceil" {
			round = m.lang.at(atRoundCeil)
		}
		return fmt.Sprintf(m.lang.at(atDiagStep), m.lang.number(sc.Step.Size.String()), round)
	case sc.Linear != nil:
		return fmt.Sprintf(m.lang.at(atDiagLinear), m.lang.number(sc.Linear.Base.String()),
			m.lang.number(sc.Linear.Slope.String()))
	}
	for _, b := range sc.Bands {
		if b.Contains(r.Ratio) {
			return m.lang.at(atDiagBand) + " " + m.lang.number(b.When)
		}
	}
	return ""
}

// bandTable lists a component's band table, marking the band the ratio fell in.
func (m diagnosisModel) bandTable(sc scoring.Scale, r scoring.ComponentResult) []string {
	var lines []string
	for _, b := range sc.Bands {
		line := "      " + padRight(m.lang.number(b.When), 12) + " → " +
			padLeft(m.lang.number(b.Nilai.String()), 4)
		if r.HasRatio && b.Contains(r.Ratio) {
			line = m.st.assess.band.Render(line+"  ◀") + ""
		}
		lines = append(lines, line)
	}
	return lines
}

// effectiveScale is a component's scale after the assessment's chosen options.
func effectiveScale(in *scoring.Instrument, c scoring.Component,
	opts map[string]string,
) scoring.Scale {
	sc := c.Scale
	for _, o := range in.Options {
		choice := o.Default
		if v, ok := opts[o.ID]; ok {
			choice = v
		}
		for _, ch := range o.Choices {
			over, ok := ch.Components[c.ID]
			if ch.ID != choice || !ok {
				continue
			}
			if over.Ratio != nil {
				sc.Ratio = over.Ratio
			}
			if over.Bands != nil || over.Step != nil || over.Linear != nil {
				sc.Bands, sc.Step, sc.Linear = over.Bands, over.Step, over.Linear
			}
		}
	}
	return sc
}

// ratioInputs lists the figures a ratio reads, in formula order, without repeats; a term
// is a figure id, or a weight and a figure id ("0.5 * modal_penyertaan").
func ratioInputs(sc scoring.Scale) []string {
	if sc.Ratio == nil {
		return nil
	}
	var ids []string
	for _, t := range append(slices.Clip(sc.Ratio.Num), sc.Ratio.Den...) {
		if i := strings.LastIndex(t, "*"); i >= 0 {
			t = t[i+1:]
		}
		if t = strings.TrimSpace(t); !slices.Contains(ids, t) {
			ids = append(ids, t)
		}
	}
	return ids
}

// predicateW is the width of the longest predicate label in l, short or long.
func predicateW(l Language, short bool) int {
	w := 0
	for _, id := range []string{"sehat", "cukup_sehat", "dalam_pengawasan",
		"dalam_pengawasan_khusus"} {
		w = max(w, lipgloss.Width(l.predicateLabel(id, short)))
	}
	return w
}

// narrow reports a window where aspect lines use the short predicate labels.
func (m diagnosisModel) narrow() bool { return m.width < 100 }
