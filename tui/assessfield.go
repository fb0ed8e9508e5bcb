package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/tui/rupiah"
)

// The figure field: what the coach types is read as rupiah at every key; a readable
// value is shown at once and saved when typing pauses, on enter or on leaving the field.

// figureKey handles a key while a figure is typed.
func (m assessModel) figureKey(msg tea.KeyPressMsg) (assessModel, tea.Cmd) {
	id := m.current().id
	k := m.keys
	switch {
	case key.Matches(msg, k.FieldAccept):
		m, cmd := m.commitFigure(id)
		if _, bad := m.invalid[id]; !bad {
			m.mode = modeBrowse
			m.move(1)
			m.scrollToCursor()
		}
		return m, cmd
	case key.Matches(msg, k.FieldLeave), key.Matches(msg, k.FieldUp),
		key.Matches(msg, k.FieldDown):
		m, cmd := m.commitFigure(id)
		m.mode = modeBrowse
		switch {
		case key.Matches(msg, k.FieldUp):
			m.move(-1)
		case key.Matches(msg, k.FieldDown):
			m.move(1)
		}
		m.scrollToCursor()
		return m, cmd
	}
	in, ok := m.input.apply(msg)
	if !ok {
		return m, nil
	}
	m.input, m.seq = in, m.seq+1
	return m.typed(id)
}

// paste puts pasted text into the field being typed, as typing it would: a figure takes
// the first line without its surrounding spaces (a copied spreadsheet cell ends in a line
// break), a note or reason the lines joined by spaces. Text too long for a field is refused
// with a notice, not cut.
func (m assessModel) paste(text string) (assessModel, tea.Cmd) {
	if !m.loaded {
		return m, nil
	}
	switch m.mode {
	case modeFigure:
		text, _, _ = strings.Cut(strings.ReplaceAll(text, "\r", "\n"), "\n")
		text = strings.TrimSpace(text)
	case modeNote, modeReason:
		text = strings.Join(strings.Fields(text), " ")
	default:
		return m, nil
	}
	in, fits := m.input.insert(text)
	if !fits {
		m.notice = fmt.Sprintf(m.lang.at(atPasteTooLong), maxInput)
		return m, nil
	}
	m.notice = ""
	m.input = in
	if m.mode != modeFigure {
		return m, nil
	}
	m.seq++
	return m.typed(m.current().id)
}

// typed reacts to the text of a figure field: when it reads, the screen shows the value
// at once and saves it after a pause in typing.
func (m assessModel) typed(id string) (assessModel, tea.Cmd) {
	v, err := m.readFigure(id, string(m.input))
	if err != nil {
		return m, nil
	}
	delete(m.invalid, id)
	if v == m.figures[id] {
		return m, nil
	}
	setOrDelete(m.figures, id, v)
	m.res = m.score()
	if m.settle <= 0 {
		return m.enqueue(change{kind: changeFigure, item: id, value: v})
	}
	m.state[changeFigure.keyOf(id)] = statePending
	return m, settleCmd(id, m.seq, m.settle)
}

// settled saves the figure being typed once typing has paused.
func (m assessModel) settled(msg figureSettledMsg) (assessModel, tea.Cmd) {
	if msg.seq != m.seq || m.mode != modeFigure || m.current().id != msg.item {
		return m, nil
	}
	return m.enqueueFigure(msg.item)
}

// commitFigure saves the figure field's text now: a readable one is saved, an empty one
// clears the figure, and an unreadable one is kept as a message while the last saved
// value stays.
func (m assessModel) commitFigure(id string) (assessModel, tea.Cmd) {
	m.seq++
	text := strings.TrimSpace(string(m.input))
	if text == "" {
		delete(m.invalid, id)
		if _, had := m.figures[id]; !had {
			return m, nil
		}
		delete(m.figures, id)
		m.res = m.score()
		return m.enqueue(change{kind: changeFigure, item: id})
	}
	v, err := m.readFigure(id, text)
	if err != nil {
		// What was typed before it became unreadable may have been saved on the way;
		// the value from before this entry is the one that stays.
		m.invalid[id] = text
		m.notice = m.figureError(text, err)
		setOrDelete(m.figures, id, m.before)
		m.res = m.score()
		return m.enqueueFigure(id)
	}
	delete(m.invalid, id)
	setOrDelete(m.figures, id, v)
	m.res = m.score()
	return m.enqueueFigure(id)
}

// enqueueFigure queues the figure's shown value unless the store has it already.
func (m assessModel) enqueueFigure(id string) (assessModel, tea.Cmd) {
	k := changeFigure.keyOf(id)
	if !m.queued(k) && m.figures[id] == m.a.Figures[id] {
		// The store has it already.
		if _, known := m.state[k]; known {
			m.state[k] = stateSaved
		}
		delete(m.failed, k)
		return m, nil
	}
	return m.enqueue(change{kind: changeFigure, item: id, value: m.figures[id]})
}

// queued reports whether a change of field k waits or is being written.
func (m assessModel) queued(k string) bool {
	if m.inflight != nil && m.inflight.key() == k {
		return true
	}
	for _, c := range m.queue {
		if c.key() == k {
			return true
		}
	}
	return false
}

// readFigure reads a typed amount for figure id, in contract form.
func (m assessModel) readFigure(id, text string) (string, error) {
	v, err := rupiah.Parse(text)
	if err != nil {
		return "", err
	}
	if _, err := m.in.CheckFigure(id, v); err != nil {
		return "", err
	}
	return v, nil
}

// figureError says, in the screen's language, why the typed text was refused and what a
// figure field takes.
func (m assessModel) figureError(text string, err error) string {
	why := m.lang.at(atNotAmount)
	var re *rupiah.Error
	switch {
	case errors.As(err, &re) && re.Kind == rupiah.Precision:
		why = m.lang.at(atTooPrecise)
	case errors.As(err, &re) && re.Kind == rupiah.UnknownUnit:
		why = fmt.Sprintf(m.lang.at(atUnknownUnit), re.Detail)
	case errors.As(err, &re) && re.Kind == rupiah.TooLarge:
		why = m.lang.at(atTooLarge)
	case errors.As(err, &re):
	case strings.HasPrefix(mustParse(text), "-"):
		why = m.lang.at(atNoNegative)
	default:
		why = m.lang.at(atTooLarge)
	}
	return why + " · " + rupiah.Accepted[string(m.lang)]
}

// mustParse is rupiah.Parse without the error: "" for an unreadable entry.
func mustParse(text string) string {
	v, _ := rupiah.Parse(text)
	return v
}

// keyOf is the field key of a change of this kind to item.
func (k changeKind) keyOf(item string) string { return change{kind: k, item: item}.key() }
