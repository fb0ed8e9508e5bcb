package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// The whole program: the list loads, / and part of a name narrow it, enter opens the
// record with its assessments, esc goes back and q quits.
func TestFlow_FilterOpenBackQuit(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFakeRepo(), Options{Lang: English}),
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor := func(text string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return bytes.Contains(b, []byte(text))
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}

	waitFor("3 of 11 Healthy")
	tm.Type("/dana")
	waitFor("1 of 12")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor("Capital")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	waitFor("Last visit")
	tm.Type("q")

	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	content := final.View().Content
	if !strings.Contains(ansi.Strip(content), "›  KSP Dana Mandiri") {
		t.Errorf("back on the list, the opened cooperative should stay selected:\n%s",
			ansi.Strip(content))
	}
	requireFits(t, content, 80, 24)
	golden.RequireEqual(t, ansi.Strip(content))
}
