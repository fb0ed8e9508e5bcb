package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"koroena/store"
)

// The trend chart's geometry: rows of bars, the width of one year, the axis labels.
const (
	trendRows  = 5
	trendColW  = 6
	trendBarW  = 4
	trendAxisW = 4
)

// eighths are the partial blocks that give a bar its fine height.
var eighths = []string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// trendLines draws the final total of each fiscal year as a column chart (0 to 100), the
// newest years that fit in w, each bar coloured by its predicate.
func (m recordModel) trendLines(w int) []string {
	lines := []string{m.st.section.Render(m.lang.tr(txtTrend))}
	points := m.trend()
	if len(points) == 0 {
		return append(lines, m.st.muted.Render(m.lang.tr(txtNoTrend)))
	}
	n := max(1, min(len(points), (w-trendAxisW)/trendColW))
	points = points[len(points)-n:]

	for row := range trendRows {
		axis := "   │"
		switch row {
		case 0:
			axis = "100┤"
		case trendRows - 1:
			axis = "  0┤"
		}
		var b strings.Builder
		b.WriteString(m.st.record.axis.Render(axis))
		floor := (trendRows - 1 - row) * 8 // eighths below this row
		for _, p := range points {
			level := p.total * trendRows * 8 / 10000
			cell := " "
			switch fill := level - floor; {
			case fill >= 8:
				cell = eighths[7]
			case fill > 0:
				cell = eighths[fill-1]
			}
			bar := strings.Repeat(cell, trendBarW)
			b.WriteString(" " + m.st.predicateStyle(p.pred).Render(bar) + " ")
		}
		lines = append(lines, b.String())
	}

	years, totals := strings.Repeat(" ", trendAxisW), strings.Repeat(" ", trendAxisW)
	rubrics, insts := strings.Repeat(" ", trendAxisW), []string{}
	for _, p := range points {
		years += padLeft(fmt.Sprint(p.year), trendColW-1) + " "
		totals += padLeft(m.lang.number(p.text), trendColW-1) + " "
		_, short, _ := strings.Cut(p.inst, "-")
		rubrics += padLeft(truncate(short, trendColW-1), trendColW-1) + " "
		if !slices.Contains(insts, p.inst) {
			insts = append(insts, p.inst)
		}
	}
	lines = append(lines, m.st.record.axis.Render(years), totals)
	if len(insts) > 1 {
		// Issue 7: totals of different instruments (ksp-2016, ksp-2021) stand side by
		// side only with each column's rubric named and a word that they do not compare.
		lines = append(lines, m.st.muted.Render(rubrics))
		note := fmt.Sprintf(m.lang.tr(txtTrendRubrics), strings.Join(insts, ", "))
		for _, l := range wrapWords(note, w) {
			lines = append(lines, m.st.muted.Render(l))
		}
	}
	return lines
}

// wrapWords breaks s into lines of at most w columns at spaces; a word longer than w is
// cut.
func wrapWords(s string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case lipgloss.Width(line)+1+lipgloss.Width(word) <= w:
			line += " " + word
		default:
			lines = append(lines, truncate(line, w))
			line = word
		}
	}
	if line != "" {
		lines = append(lines, truncate(line, w))
	}
	return lines
}

// aspectLines draws each aspect of the latest final assessment as a bar against its
// maximum, with its points.
func (m recordModel) aspectLines(w int) []string {
	a := m.latestFinal()
	title := m.lang.tr(txtAspects)
	if a != nil {
		title += fmt.Sprintf(" (%s %d)", m.lang.tr(txtFiscalYear), a.FiscalYear)
	}
	lines := []string{m.st.section.Render(title)}
	if a == nil || a.Result == nil || len(a.Result.Aspects) == 0 {
		return append(lines, m.st.muted.Render(m.lang.tr(txtNoAspects)))
	}

	labels := make([]string, len(a.Result.Aspects))
	values := make([]string, len(a.Result.Aspects))
	labelW, valueW := 0, 0
	for i, asp := range a.Result.Aspects {
		labels[i] = m.aspectName(a, asp.ID)
		skor := asp.Skor
		if v, ok := hundredths(skor); ok {
			skor = fmt.Sprintf("%d.%02d", v/100, v%100)
		}
		values[i] = m.lang.number(skor) + "/" + m.lang.number(trimZeros(asp.Max))
		labelW = max(labelW, lipgloss.Width(labels[i]))
		valueW = max(valueW, lipgloss.Width(values[i]))
	}
	// Labels keep their full width as long as the bars keep ten cells.
	labelW = min(labelW, max(10, w-valueW-2-10))
	barW := max(5, min(40, w-labelW-valueW-2))

	for i, asp := range a.Result.Aspects {
		lines = append(lines, m.st.label.Render(padRight(labels[i], labelW))+" "+
			m.bar(asp, barW)+" "+padLeft(values[i], valueW))
	}
	return lines
}

// aspectName labels an aspect, from the scoring engine when cmd gave a labeller.
func (m recordModel) aspectName(a *store.Assessment, id string) string {
	if m.aspectLabel != nil {
		if s, ok := m.aspectLabel(m.lang, a.Instrument, a.Version, id); ok {
			return s
		}
	}
	return m.lang.aspect(id)
}

// bar draws skor against max in w cells, full blocks then light shade.
func (m recordModel) bar(asp store.AspectScore, w int) string {
	skor, ok1 := hundredths(asp.Skor)
	most, ok2 := hundredths(asp.Max)
	fill := 0
	if ok1 && ok2 && most > 0 {
		fill = max(0, min(w, (skor*w+most/2)/most))
	}
	return m.st.record.barFull.Render(strings.Repeat("█", fill)) +
		m.st.record.barEmpty.Render(strings.Repeat("░", w-fill))
}

// trimZeros writes "15.00" as "15" and "2.50" as "2.5".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// timelineEntry is one visit or assessment of the timeline.
type timelineEntry struct {
	when time.Time
	kind string
	text string
	id   string
}

// timelineLines lists visits and assessments, newest first.
func (m recordModel) timelineLines(w int) []string {
	lines := []string{m.st.section.Render(m.lang.tr(txtTimeline))}
	entries := m.timeline()
	if len(entries) == 0 {
		return append(lines, m.st.muted.Render(m.lang.tr(txtNoHistory)))
	}
	kindW := max(lipgloss.Width(m.lang.tr(txtVisit)), lipgloss.Width(m.lang.tr(txtAssessment)))
	for _, e := range entries {
		date := m.st.muted.Render(e.when.Format("2006-01-02"))
		lines = append(lines, date+" "+padRight(e.kind, kindW)+" "+
			truncate(e.text, max(1, w-11-kindW-1)))
	}
	return lines
}

// timeline merges visits and assessments, newest first.
func (m recordModel) timeline() []timelineEntry {
	var out []timelineEntry
	for _, v := range m.visits {
		parts := []string{}
		if name := m.coachNames[v.CoachID]; name != "" {
			parts = append(parts, name)
		}
		if v.Purpose != "" {
			parts = append(parts, v.Purpose)
		}
		text := strings.Join(parts, " · ")
		out = append(out, timelineEntry{v.Date, m.lang.tr(txtVisit), text, v.ID})
	}
	for _, a := range m.assessments {
		out = append(out, timelineEntry{assessmentDate(a), m.lang.tr(txtAssessment),
			m.assessmentText(a), a.ID})
	}
	slices.SortFunc(out, func(a, b timelineEntry) int {
		if n := b.when.Compare(a.when); n != 0 {
			return n
		}
		return strings.Compare(b.id, a.id)
	})
	return out
}

// assessmentDate is when an assessment last changed state.
func assessmentDate(a store.Assessment) time.Time {
	switch {
	case !a.FinalizedAt.IsZero():
		return a.FinalizedAt
	case !a.UpdatedAt.IsZero():
		return a.UpdatedAt
	}
	return a.CreatedAt
}

// assessmentText is "FY 2025 · ksp-2016 · 78.50 Fairly healthy", with the draft or
// amended mark when it applies.
func (m recordModel) assessmentText(a store.Assessment) string {
	parts := []string{fmt.Sprintf("%s %d", m.lang.tr(txtFiscalYear), a.FiscalYear), a.Instrument}
	switch {
	case a.Status == store.StatusDraft:
		parts = append(parts, m.st.draft.Render("✎ "+m.lang.tr(txtDraft)))
	case a.Result != nil && a.Result.Predicate != "":
		p := a.Result.Predicate
		parts = append(parts, m.lang.number(a.Result.Total)+" "+
			m.st.predicateStyle(p).Render(m.lang.predicateLabel(p, false)))
	case a.Result != nil:
		parts = append(parts, m.lang.number(a.Result.Total)+" "+m.lang.tr(txtIncomplete))
	}
	if a.Status == store.StatusAmended {
		parts = append(parts, m.st.muted.Render(m.lang.tr(txtAmended)))
	}
	return strings.Join(parts, " · ")
}
