package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"koroena/store"
)

// A terminal delivers pasted text as one paste message, not as key presses: a figure, a
// note and an amendment's reason take it as if typed; a copied spreadsheet cell's line
// break does not end up in the value, and a paste too long for a field is refused with a
// notice instead of vanishing.
func TestAssess_PasteIntoFields(t *testing.T) {
	fx := mustAssessStore(t)
	d, id := openDraftOn(t, fx, fx.st, English)

	gotoRow(t, d, "kas")
	d.keys("enter")
	d.send(tea.PasteMsg{Content: "Rp 1.234.567,50\r\n"})
	d.requireContains("= Rp 1.234.567,50")
	d.keys("enter")
	if got := mustFigure(t, fx.st, id, "kas"); got != "1234567.50" {
		t.Errorf("pasted figure stored as %q, want 1234567.50", got)
	}

	gotoRow(t, d, "bank")
	d.keys("enter")
	d.send(tea.PasteMsg{Content: strings.Repeat("9", maxInput+1)})
	d.requireContains("Paste too long")
	d.keys("esc")
	if got := mustFigure(t, fx.st, id, "bank"); got != "" {
		t.Errorf("a too long paste stored %q", got)
	}

	// Browsing, a paste is not an edit.
	gotoRow(t, d, "surat_berharga")
	d.send(tea.PasteMsg{Content: "500"})
	if d.m.as.assess.mode != modeBrowse || mustFigure(t, fx.st, id, "surat_berharga") != "" {
		t.Errorf("a paste while browsing edited: mode %d", d.m.as.assess.mode)
	}

	gotoRow(t, d, "mk01")
	d.keys("c")
	d.send(tea.PasteMsg{Content: "AD/ART dated 2019\nsigned by the chair"})
	d.keys("enter")
	a, err := fx.st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.ItemNotes["mk01"]; got != "AD/ART dated 2019 signed by the chair" {
		t.Errorf("pasted note stored as %q", got)
	}
}

func TestAssess_PasteAmendReason(t *testing.T) {
	fx := mustAssessStore(t)
	final := finalSehat(t, fx)
	d := newAssessDriver(t, fx.st, English, 100, 30)
	d.send(openAssessMsg{id: final.ID})
	d.keys("a")
	d.send(tea.PasteMsg{Content: "bank statement corrected\n"})
	d.keys("enter")
	if rev := d.m.as.assess.a; rev.Status != store.StatusDraft || rev.Replaces != final.ID {
		t.Fatalf("a pasted reason did not amend: %s, replaces %q\n%s",
			rev.Status, rev.Replaces, d.screen())
	}
}

// The start screen's amendment reason takes a paste too.
func TestStart_PasteAmendReason(t *testing.T) {
	fx := mustAssessStore(t)
	final := finalSehat(t, fx)
	d := newAssessDriver(t, fx.st, English, 100, 30)
	d.keys("enter", "n")
	if d.m.focused() != focusStart {
		t.Fatalf("n did not open the start screen:\n%s", d.screen())
	}
	for range 5 {
		if f := d.m.as.start.finalOfYear(); f != nil && f.ID == final.ID {
			break
		}
		d.keys("right")
	}
	d.keys("a")
	d.send(tea.PasteMsg{Content: "auditor's corrected statement\n"})
	d.keys("enter")
	if d.m.focused() != focusAssess || d.m.as.assess.a.Replaces != final.ID {
		t.Fatalf("a pasted reason did not amend:\n%s", d.screen())
	}
}
