package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/store"
)

// withAssessKeys adds the record's assessment keys to k: n starts an assessment, enter or
// e resumes the open draft, d shows the diagnosis of the draft or of the latest final.
func withAssessKeys(k recordKeyMap, l Language) recordKeyMap {
	k.New = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", l.at(atKeyNew)))
	k.Resume = key.NewBinding(key.WithKeys("enter", "e"),
		key.WithHelp("enter", l.at(atKeyResume)))
	k.Diagnosis = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", l.at(atKeyDiagnosis)))
	return k
}

// forAssessments enables resume and diagnosis only when there is something to open.
func (k recordKeyMap) forAssessments(all []store.Assessment) recordKeyMap {
	k.Resume.SetEnabled(openDraft(all) != nil)
	k.Diagnosis.SetEnabled(openDraft(all) != nil || newestFinal(all) != nil)
	return k
}

// assessKey turns the record's assessment keys into requests for the root; nil when the
// key is not one of them.
func (m recordModel) assessKey(msg tea.KeyPressMsg) tea.Cmd {
	if !m.loaded {
		return nil
	}
	k := m.keys
	draft, final := openDraft(m.assessments), newestFinal(m.assessments)
	switch {
	case key.Matches(msg, k.New):
		id := m.coopID
		return func() tea.Msg { return openStartMsg{coopID: id} }
	case key.Matches(msg, k.Resume) && draft != nil:
		id := draft.ID
		return func() tea.Msg { return openAssessMsg{id: id} }
	case key.Matches(msg, k.Diagnosis) && draft != nil:
		id := draft.ID
		return func() tea.Msg { return openDiagnosisMsg{id: id} }
	case key.Matches(msg, k.Diagnosis) && final != nil:
		id := final.ID
		return func() tea.Msg { return openDiagnosisMsg{id: id} }
	}
	return nil
}

// openDraft is the newest open draft, or nil.
func openDraft(all []store.Assessment) *store.Assessment {
	var best *store.Assessment
	for i := range all {
		a := &all[i]
		if a.Status == store.StatusDraft && (best == nil || a.FiscalYear > best.FiscalYear) {
			best = a
		}
	}
	return best
}

// newestFinal is the final assessment of the newest fiscal year, or nil.
func newestFinal(all []store.Assessment) *store.Assessment {
	var best *store.Assessment
	for i := range all {
		a := &all[i]
		if a.Status == store.StatusFinal && (best == nil || a.FiscalYear > best.FiscalYear) {
			best = a
		}
	}
	return best
}
