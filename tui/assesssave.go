package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// The save queue. Every change is written in its own store transaction, one at a time
// and in the order typed, so that a later value of a field can never be overtaken by an
// earlier one; while one write is under way, newer changes of a field replace its older
// waiting change. An item counts as saved only when the store has returned without error
// for its latest value.

// enqueue queues a change and starts the next write when none is under way.
func (m assessModel) enqueue(c change) (assessModel, tea.Cmd) {
	k := c.key()
	m.state[k] = statePending
	delete(m.failed, k)
	replaced := false
	for i := range m.queue {
		if m.queue[i].key() == k {
			m.queue[i], replaced = c, true
		}
	}
	if !replaced {
		m.queue = append(m.queue, c)
	}
	m.res = m.score()
	return m.startNext()
}

// startNext sends the oldest waiting change to the store.
func (m assessModel) startNext() (assessModel, tea.Cmd) {
	if m.inflight != nil || len(m.queue) == 0 {
		return m, nil
	}
	c := m.queue[0]
	m.queue = m.queue[1:]
	m.inflight = &c
	return m, saveChangeCmd(m.repo, m.a.ID, c)
}

// changeSaved notes a write's outcome and starts the next one.
func (m assessModel) changeSaved(msg changeSavedMsg) (assessModel, tea.Cmd) {
	if msg.id != m.a.ID || m.inflight == nil {
		return m, nil
	}
	m.inflight = nil
	k := msg.c.key()
	newer := m.queued(k)
	if msg.err != nil {
		m.saveErr, m.saved = msg.err, false
		if !newer {
			m.state[k] = stateFailed
			m.failed[k] = msg.c
		}
		return m.startNext()
	}
	m.a, m.saved = msg.a, true
	if !newer {
		m.state[k] = stateSaved
	}
	if len(m.failed) == 0 {
		m.saveErr = nil
	}
	m, cmd := m.startNext()
	if m.leaving && m.waiting() == 0 {
		m.leaving = false
		return m, tea.Batch(cmd, backCmd())
	}
	return m, cmd
}

// leave goes back once every change is written: at once when nothing waits, after the
// last write otherwise. Changes the store refused are named first; a second esc leaves
// them.
func (m assessModel) leave() (assessModel, tea.Cmd) {
	if len(m.failed) > 0 && !m.warned {
		m.warned = true
		m.notice = fmt.Sprintf(m.lang.at(atLeaveUnsaved), len(m.failed))
		return m, nil
	}
	if m.waiting() > 0 {
		m.leaving = true
		return m, nil
	}
	return m, backCmd()
}

// retry queues every change the store refused again.
func (m assessModel) retry() (assessModel, tea.Cmd) {
	var cmds []tea.Cmd
	for _, c := range m.failed {
		var cmd tea.Cmd
		m, cmd = m.enqueue(c)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// saveLine says where the saving stands: everything saved, still writing, or failed.
func (m assessModel) saveLine() (text string, bad bool) {
	switch {
	case len(m.failed) > 0 && m.saveErr != nil:
		return m.lang.at(atUnsaved) + ": " + m.errText(m.saveErr), true
	case m.saveErr != nil:
		return m.errText(m.saveErr), true
	case m.unsaved() > 0 || m.pendingTyping():
		return m.lang.at(atSaving), false
	case m.saved:
		return m.lang.tr(txtSaved), false
	}
	return "", false
}

// pendingTyping reports whether a figure field holds a value waiting for typing to pause.
func (m assessModel) pendingTyping() bool {
	for k, s := range m.state {
		if s == statePending && !m.queued(k) {
			return true
		}
	}
	return false
}

// waiting counts the changes queued or being written (not those the store refused).
func (m assessModel) waiting() int {
	n := len(m.queue)
	if m.inflight != nil {
		n++
	}
	return n
}

// flushForQuit saves what the figure field holds, so that quitting loses nothing typed.
func (m assessModel) flushForQuit() (assessModel, tea.Cmd) {
	if !m.loaded || readOnly(m.a) || m.mode != modeFigure {
		return m, nil
	}
	m.mode = modeBrowse
	return m.commitFigure(m.current().id)
}
