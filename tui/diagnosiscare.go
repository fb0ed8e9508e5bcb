package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/tui/rupiah"
)

// findingLines lists the assessment's conditions (penyakit), worst first, each with its
// evidence and recommended treatments: the part of the diagnosis screen that names what
// ails the cooperative and what to do.
func (m diagnosisModel) findingLines() []string {
	cat := m.cat
	if cat == nil {
		cat = diagnosis.Default()
	}
	inp, _ := scoring.NewInput(m.in, m.a.Figures, m.a.Answers, m.a.Options)
	findings := cat.Diagnose(m.in, m.res, inp)
	lines := []string{m.st.section.Render(m.lang.ct(ctConditions))}
	if len(findings) == 0 {
		return append(lines, m.st.muted.Render(m.lang.ct(ctNoConditions)))
	}
	for i, f := range findings {
		sev := m.lang.severity(f.Severity.String())
		sevSt := m.st.assess.warn
		if f.Severity == diagnosis.Berat {
			sevSt = m.st.errText
		}
		head := fmt.Sprintf("%d. %s · %s · %s", i+1, f.Condition.Name.In(string(m.lang)),
			sevSt.Render(sev), m.lang.ctf(ctLost, m.lang.number(f.Lost.Fixed2())))
		lines = append(lines, head)
		for _, l := range m.wrapIndented(f.Condition.Explain.In(string(m.lang)), "   ", "   ") {
			lines = append(lines, m.st.muted.Render(l))
		}
		for _, ev := range f.Evidence {
			lines = append(lines, m.wrapIndented(m.evidenceText(ev), "   ", "     ")...)
		}
		for _, t := range f.Treatments {
			text := fmt.Sprintf("%s: %s (%s, %s)", m.lang.treatmentType(t.Type),
				t.Name.In(string(m.lang)), m.lang.owner(t.Owner), t.Duration.In(string(m.lang)))
			lines = append(lines, m.wrapIndented(text, "   → ", "     ")...)
		}
	}
	return lines
}

// wrapIndented wraps plain text to the screen's width after first (on the first line)
// or rest (on the others).
func (m diagnosisModel) wrapIndented(text, first, rest string) []string {
	w := max(20, m.width-len([]rune(rest)))
	out := strings.Split(ansi.Wordwrap(text, w, ""), "\n")
	for i := range out {
		if i == 0 {
			out[i] = first + out[i]
		} else {
			out[i] = rest + out[i]
		}
	}
	return out
}

// evidenceText says what fired a condition, with the numbers behind it.
func (m diagnosisModel) evidenceText(ev diagnosis.Evidence) string {
	n := func(p scoring.Points) string { return m.lang.number(p.String()) }
	switch {
	case ev.Question != "":
		q, _ := m.in.Question(ev.Question)
		ans := m.lang.ct(ctAnswerNo)
		if ev.Answer {
			ans = m.lang.ct(ctAnswerYes)
		}
		return m.lang.ctf(ctEvidenceAnswer, ev.Question, ans, q.Text.In(string(m.lang)))
	case ev.Aspect != "":
		return m.lang.ctf(ctEvidenceAspect, m.lang.aspect(ev.Aspect), n(ev.Skor), n(ev.Bobot))
	case ev.Checklist:
		text := m.lang.ctf(ctEvidenceChecklist, ev.Component, ev.Ya, ev.Of, n(ev.Skor),
			n(ev.Bobot))
		if len(ev.No) > 0 {
			text += " · " + m.lang.ct(ctAnswerNo) + ": " + strings.Join(ev.No, ", ")
		}
		return text
	}
	band := ev.Band
	if band == "" {
		band = "—"
	}
	text := m.lang.ctf(ctEvidenceRatio, ev.Component, n(ev.Ratio), band, n(ev.Nilai),
		n(ev.Skor), n(ev.Bobot))
	var parts []string
	for _, in := range ev.Inputs {
		if in.Known {
			parts = append(parts, in.ID+" Rp "+rupiah.Format(in.Value.String()))
		}
	}
	if len(parts) > 0 {
		text += " · " + strings.Join(parts, ", ")
	}
	return text
}
