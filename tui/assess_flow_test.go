package tui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// The whole program with the real pause before a figure is saved: a coach starts an
// assessment, types a figure and quits at once with ctrl+c; the figure is in the file,
// and on return the record lists the draft and enter resumes it with the figure there.
func TestFlow_QuitMidDraftAndResume(t *testing.T) {
	fx := mustAssessStore(t)
	run := func() *teatest.TestModel {
		return teatest.NewTestModel(t, New(fx.st, Options{Lang: English, Now: testNow}),
			teatest.WithInitialTermSize(100, 30),
			teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	}
	waitFor := func(tm *teatest.TestModel, text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return bytes.Contains(b, []byte(text))
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}

	tm := run()
	waitFor(tm, "KSP Sumber Rejeki")
	tm.Send(enter)
	waitFor(tm, "Profile")
	tm.Type("n")
	waitFor(tm, "new: enter starts a draft")
	tm.Send(enter)
	waitFor(tm, "0 of ")
	// Quit before typing pauses long enough for the figure to be saved on its own.
	tm.Type("150 jt")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	a := final.as.assess.a
	if got := mustFigure(t, fx.st, a.ID, "kas"); got != "150000000" {
		t.Fatalf("kas after quitting: %q, want 150000000", got)
	}

	// Back the next day: the draft is on the record and resumes where it was.
	tm = run()
	waitFor(tm, "KSP Sumber Rejeki")
	tm.Send(enter)
	waitFor(tm, "✎ draft")
	tm.Send(enter)
	waitFor(tm, "e.g. 1.234.567")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	final = tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if got := final.as.assess.current().id; got != "bank" {
		t.Errorf("resumed on %s, want bank", got)
	}
	if got := final.as.assess.figures["kas"]; got != "150000000" {
		t.Errorf("resumed with kas %q, want 150000000", got)
	}
}
