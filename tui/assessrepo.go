package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
	"koroena/store"
)

// AssessRepo is what the assessment screens need from the store on top of Repo: reading
// one assessment, starting, editing, finalizing and amending one. *store.Store has all of
// it; a Repo without these methods gets the record and list only, and the assessment keys
// say so.
type AssessRepo interface {
	Repo
	// Assessment returns one assessment.
	Assessment(id string) (store.Assessment, error)
	// CreateAssessment starts a draft.
	CreateAssessment(a store.Assessment) (store.Assessment, error)
	// SetFigure sets (or with "" clears) one figure of a draft, in its own transaction.
	SetFigure(id, figure, value string) (store.Assessment, error)
	// SetAnswer sets (or with nil clears) one answer of a draft.
	SetAnswer(id, question string, value *bool) (store.Assessment, error)
	// SetItemNote sets (or with "" clears) the note on one item of a draft.
	SetItemNote(id, item, note string) (store.Assessment, error)
	// FinalizeAssessment locks a draft with its result.
	FinalizeAssessment(id string, f store.Finalization) (store.Assessment, error)
	// AmendAssessment starts a revision of a final assessment, with a reason.
	AmendAssessment(id, reason string) (store.Assessment, error)
}

// SettingCoach is the store setting naming the coach (a coach id) who works on this
// laptop. New assessments are signed by that coach; without it, by the cooperative's own
// coach. The audit trail names the store's actor (the OS user) in any case.
const SettingCoach = "coach_id"

// changeKind says what one edit of a draft changes.
type changeKind int

// The kinds of edit.
const (
	changeFigure changeKind = iota
	changeAnswer
	changeNote
)

// change is one edit of a draft waiting for, or being written to, the store.
type change struct {
	kind   changeKind
	item   string // figure or question id
	value  string // a figure in contract form ("" clears) or a note
	answer *bool  // an answer; nil clears
}

// key names the field a change writes, so a newer change of it replaces an older one.
func (c change) key() string {
	return fmt.Sprintf("%d:%s", c.kind, c.item)
}

// Messages of the assessment screens' commands.
type (
	// assessmentOpenedMsg carries an assessment to show, with what the screen needs
	// around it: the cooperative, and the previous final assessment for comparisons.
	assessmentOpenedMsg struct {
		a     store.Assessment
		coop  store.Cooperative
		prev  *store.Assessment
		coach string // the name of the assessment's coach, who signs it
		err   error
	}
	// changeSavedMsg reports one edit written to the store (or not, with err).
	changeSavedMsg struct {
		id  string
		c   change
		a   store.Assessment
		err error
	}
	// assessmentFinalizedMsg reports a finalized assessment.
	assessmentFinalizedMsg struct {
		a   store.Assessment
		err error
	}
	// assessmentAmendedMsg reports the new revision of an amended assessment.
	assessmentAmendedMsg struct {
		a   store.Assessment
		err error
	}
	// figureSettledMsg says the typing in a figure field paused: save what parses.
	figureSettledMsg struct {
		item string
		seq  int
	}
)

// Navigation requests of the assessment screens, handled by the root.
type (
	// openStartMsg asks for the screen that starts an assessment of a cooperative.
	openStartMsg struct{ coopID string }
	// openAssessMsg asks for the assessment screen of one assessment.
	openAssessMsg struct{ id string }
	// openDiagnosisMsg asks for the diagnosis of one assessment; with live set, of the
	// draft open in the assessment screen as it stands.
	openDiagnosisMsg struct {
		id   string
		live bool
	}
)

// saveChangeCmd writes one edit of draft id in its own transaction.
func saveChangeCmd(repo AssessRepo, id string, c change) tea.Cmd {
	return func() tea.Msg {
		var a store.Assessment
		var err error
		switch c.kind {
		case changeFigure:
			a, err = repo.SetFigure(id, c.item, c.value)
		case changeAnswer:
			a, err = repo.SetAnswer(id, c.item, c.answer)
		case changeNote:
			a, err = repo.SetItemNote(id, c.item, c.value)
		}
		if err == nil {
			err = fileStillThere(repo)
		}
		return changeSavedMsg{id: id, c: c, a: a, err: err}
	}
}

// fileStillThere reports a data file that was removed while open: writes then still
// succeed, into a file that is gone when the program ends, so they are not saved.
func fileStillThere(repo AssessRepo) error {
	p, ok := repo.(interface{ Path() string })
	if !ok || p.Path() == "" {
		return nil
	}
	if _, err := os.Stat(p.Path()); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("data file %s was removed: %w", p.Path(), err)
	}
	return nil
}

// openAssessmentCmd loads assessment id, its cooperative and its previous final.
func openAssessmentCmd(repo AssessRepo, id string) tea.Cmd {
	return func() tea.Msg {
		a, err := repo.Assessment(id)
		if err != nil {
			return assessmentOpenedMsg{err: fmt.Errorf("load assessment: %w", err)}
		}
		return loadAround(repo, a)
	}
}

// loadAround completes an assessmentOpenedMsg with the cooperative and the previous final.
func loadAround(repo AssessRepo, a store.Assessment) assessmentOpenedMsg {
	msg := assessmentOpenedMsg{a: a}
	coop, err := repo.Cooperative(a.CoopID)
	if err != nil {
		msg.err = fmt.Errorf("load cooperative: %w", err)
		return msg
	}
	msg.coop = coop
	all, err := repo.AssessmentsOf(a.CoopID)
	if err != nil {
		msg.err = fmt.Errorf("load assessments: %w", err)
		return msg
	}
	msg.prev = previousFinal(all, a.FiscalYear)
	coaches, err := repo.Coaches()
	if err != nil {
		msg.err = fmt.Errorf("load coaches: %w", err)
		return msg
	}
	for _, c := range coaches {
		if c.ID == a.CoachID {
			msg.coach = c.Name
		}
	}
	return msg
}

// previousFinal is the newest final assessment of a fiscal year before year, or nil.
func previousFinal(all []store.Assessment, year int) *store.Assessment {
	var best *store.Assessment
	for i := range all {
		p := all[i]
		if p.Status != store.StatusFinal || p.FiscalYear >= year {
			continue
		}
		if best == nil || p.FiscalYear > best.FiscalYear {
			best = &p
		}
	}
	return best
}

// finalizeCmd locks draft id with its result, scored by the instrument it was made with.
func finalizeCmd(repo AssessRepo, id string, version int, res store.Result) tea.Cmd {
	return func() tea.Msg {
		a, err := repo.FinalizeAssessment(id, store.Finalization{Version: version, Result: res})
		return assessmentFinalizedMsg{a: a, err: err}
	}
}

// amendCmd starts a revision of final assessment id.
func amendCmd(repo AssessRepo, id, reason string) tea.Cmd {
	return func() tea.Msg {
		a, err := repo.AmendAssessment(id, reason)
		return assessmentAmendedMsg{a: a, err: err}
	}
}

// settleCmd reports, after the pause d, that typing in a figure field paused.
func settleCmd(item string, seq int, d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return figureSettledMsg{item, seq} })
}

// fixed2 writes points with exactly two decimals, as the store keeps totals ("89.45").
func fixed2(p scoring.Points) string {
	s := p.Round2().String()
	whole, frac, _ := strings.Cut(s, ".")
	return whole + "." + (frac + "00")[:2]
}

// storeResult turns the engine's result into what the store keeps of a final assessment.
func storeResult(res scoring.Result) (store.Result, error) {
	if !res.Complete {
		return store.Result{}, errors.New("result is not complete")
	}
	out, err := res.MarshalJSON()
	if err != nil {
		return store.Result{}, fmt.Errorf("encode result: %w", err)
	}
	r := store.Result{Complete: true, Total: fixed2(res.Total), Predicate: res.Predicate,
		Output: out}
	for _, asp := range res.Aspects {
		r.Aspects = append(r.Aspects, store.AspectScore{ID: asp.ID, Skor: fixed2(asp.Skor),
			Max: fixed2(asp.Max)})
	}
	return r, nil
}
