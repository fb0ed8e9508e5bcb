package tui

import (
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/store"
)

// assessKeyMap holds the assessment screen's keys. Browse keys move over the items and
// answer questions; Field keys work while a figure or a note is being typed; Dialog keys
// answer a confirmation.
type assessKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Edit, Yes, No, Clear, Note, NextEmpty   key.Binding
	Diagnosis, Finalize, Amend, Retry, Back key.Binding

	FieldAccept, FieldLeave, FieldUp, FieldDown key.Binding
	DialogYes, DialogNo                         key.Binding
}

// defaultAssessKeyMap builds the keys with help in language l.
func defaultAssessKeyMap(l Language) assessKeyMap {
	b := func(keys []string, help string, id atxt) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.at(id)))
	}
	r := func(keys []string, help string, id msgID) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, l.tr(id)))
	}
	return assessKeyMap{
		Up:          r([]string{"up", "k"}, "↑/k", txtKeyUp),
		Down:        r([]string{"down", "j"}, "↓/j", txtKeyDown),
		PageUp:      r([]string{"pgup", "ctrl+b"}, "pgup", txtKeyPageUp),
		PageDown:    r([]string{"pgdown", "ctrl+f"}, "pgdn", txtKeyPageDown),
		Top:         r([]string{"home", "g"}, "home/g", txtKeyTop),
		Bottom:      r([]string{"end", "G"}, "end/G", txtKeyBottom),
		Edit:        b([]string{"enter", "e"}, "enter", atKeyEdit),
		Yes:         b([]string{"y"}, "y", atKeyYes),
		No:          b([]string{"n"}, "n", atKeyNo),
		Clear:       b([]string{"x", "delete", "backspace"}, "x", atKeyClear),
		Note:        b([]string{"c"}, "c", atKeyNote),
		NextEmpty:   b([]string{"tab", "u"}, "tab", atKeyNextEmpty),
		Diagnosis:   b([]string{"d"}, "d", atKeyDiagnosis),
		Finalize:    b([]string{"F"}, "F", atKeyFinalize),
		Amend:       b([]string{"a"}, "a", atKeyAmend),
		Retry:       b([]string{"r"}, "r", atKeyRetry),
		Back:        r([]string{"esc", "left", "h"}, "esc", txtKeyBack),
		FieldAccept: b([]string{"enter"}, "enter", atKeyAccept),
		FieldLeave:  b([]string{"esc"}, "esc", atKeyLeave),
		FieldUp:     r([]string{"up", "shift+tab"}, "↑", txtKeyUp),
		FieldDown:   r([]string{"down", "tab"}, "↓/tab", txtKeyDown),
		DialogYes:   b([]string{"y", "enter"}, "y", atKeyConfirm),
		DialogNo:    b([]string{"n", "esc"}, "n/esc", atKeyCancel),
	}
}

// assessMode is what the assessment screen's keys do at the moment.
type assessMode int

// The modes: moving over items, typing a figure, typing a note, the list of what is
// missing, the finalize confirmation, and typing the reason of an amendment.
const (
	modeBrowse assessMode = iota
	modeFigure
	modeNote
	modeMissing
	modeConfirm
	modeReason
)

// enableFor turns on the keys that work in mode for an assessment that is (or is not)
// read-only, so that help tells the truth.
func (k *assessKeyMap) enableFor(mode assessMode, ro, canAmend, failed bool) {
	browse := mode == modeBrowse
	field := mode == modeFigure || mode == modeNote || mode == modeReason
	dialog := mode == modeMissing || mode == modeConfirm
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top,
		&k.Bottom, &k.Diagnosis, &k.Back} {
		b.SetEnabled(browse)
	}
	for _, b := range []*key.Binding{&k.Edit, &k.Yes, &k.No, &k.Clear, &k.Note, &k.NextEmpty,
		&k.Finalize} {
		b.SetEnabled(browse && !ro)
	}
	k.Amend.SetEnabled(browse && ro && canAmend)
	k.Retry.SetEnabled(browse && !ro && failed)
	for _, b := range []*key.Binding{&k.FieldAccept, &k.FieldLeave} {
		b.SetEnabled(field)
	}
	k.FieldUp.SetEnabled(mode == modeFigure)
	k.FieldDown.SetEnabled(mode == modeFigure)
	k.DialogYes.SetEnabled(mode == modeConfirm)
	k.DialogNo.SetEnabled(dialog)
}

// ShortHelp is the main keys for the status line.
func (k assessKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.FieldAccept, k.FieldLeave, k.DialogYes, k.DialogNo, k.Back, k.Edit,
		k.Yes, k.No, k.NextEmpty, k.Diagnosis, k.Finalize, k.Amend, k.Retry, k.Note}
}

// FullHelp is every key, in groups.
func (k assessKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.NextEmpty},
		{k.Edit, k.Yes, k.No, k.Clear, k.Note, k.Retry},
		{k.Diagnosis, k.Finalize, k.Amend, k.Back},
		{k.FieldAccept, k.FieldLeave, k.FieldUp, k.FieldDown, k.DialogYes, k.DialogNo},
	}
}

// lineInput is a one-line text being typed, the cursor always at its end.
type lineInput []rune

// maxInput bounds a typed line, so a pasted novel does not end up in a field.
const maxInput = 500

// apply edits the line with one key press; ok is false when the key is not typing.
func (l lineInput) apply(msg tea.KeyPressMsg) (lineInput, bool) {
	switch msg.String() {
	case "backspace":
		if len(l) > 0 {
			l = l[:len(l)-1]
		}
		return l, true
	case "ctrl+u":
		return l[:0], true
	case "ctrl+w":
		for len(l) > 0 && l[len(l)-1] == ' ' {
			l = l[:len(l)-1]
		}
		for len(l) > 0 && l[len(l)-1] != ' ' {
			l = l[:len(l)-1]
		}
		return l, true
	}
	if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
		return l, false
	}
	out, _ := l.insert(msg.Text)
	return out, true
}

// insert appends text to the line without its control characters; fits is false, and the
// line unchanged, when the result would pass maxInput.
func (l lineInput) insert(text string) (out lineInput, fits bool) {
	if len(l)+utf8.RuneCountInString(text) > maxInput {
		return l, false
	}
	out = append(lineInput(nil), l...)
	for _, r := range text {
		if r >= ' ' && r != 0x7f {
			out = append(out, r)
		}
	}
	return out, true
}

// syncKeys enables the keys that work in the screen's present state.
func (m *assessModel) syncKeys() {
	ro := m.loaded && readOnly(m.a)
	canAmend := m.loaded && m.a.Status == store.StatusFinal
	m.keys.enableFor(m.mode, ro, canAmend, len(m.failed) > 0)
}
