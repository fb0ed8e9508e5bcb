package tui

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"koroena/store"
)

// The record's treatment plan: the open items (planned or in progress) between the
// charts and the timeline, so what the clinic prescribed is in sight on every visit.

// withCare gives the record the catalogue and the clock the care screens use.
func (m recordModel) withCare(opts Options) recordModel {
	if opts.Conditions != nil {
		m.cat = opts.Conditions
	}
	if opts.Now != nil {
		m.now = opts.Now
	}
	return m
}

// openByDue keeps the open items, the earliest due first; items without a due date last.
func openByDue(items []store.Treatment) []store.Treatment {
	var out []store.Treatment
	for _, t := range items {
		if t.Open() {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b store.Treatment) int {
		if a.Due.IsZero() != b.Due.IsZero() {
			if a.Due.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Due.Compare(b.Due), strings.Compare(a.ID, b.ID))
	})
	return out
}

// planLines is the plan's heading and one line per open item: due date, status, owner and
// name, an overdue item marked; none when nothing is open.
func (m recordModel) planLines() []string {
	if len(m.treatments) == 0 {
		return nil
	}
	lines := []string{m.st.section.Render(m.lang.ct(ctPlan))}
	today := m.now()
	y, mo, d := today.Date()
	today = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	overdue := func(t store.Treatment) bool { return !t.Due.IsZero() && t.Due.Before(today) }
	status := func(t store.Treatment) string {
		if overdue(t) {
			return strings.ToLower(m.lang.ct(ctOverdue))
		}
		return m.lang.treatmentStatus(t.Status)
	}
	statusW := 0
	for _, t := range m.treatments {
		statusW = max(statusW, lipgloss.Width(status(t)))
	}
	for _, t := range m.treatments {
		due := "—"
		if !t.Due.IsZero() {
			due = t.Due.Format(time.DateOnly)
		}
		name := t.Title
		if tr, ok := m.cat.Treatment(t.TreatmentID); ok {
			name = tr.Name.In(string(m.lang))
		}
		head := m.st.muted.Render(padRight(due, 10)) + " " + padRight(status(t), statusW)
		if overdue(t) {
			head = m.st.errText.Render(padRight(due, 10) + " " + padRight(status(t), statusW))
		}
		lines = append(lines, head+" "+padRight(m.lang.owner(t.Owner), 10)+" "+name)
	}
	return lines
}
