package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// ImportFunc imports a registry file (CSV or XLSX) of cooperatives, all or nothing, and
// returns a one-line summary; the error lists the problems when the file was refused.
// cmd passes one that uses store/importer.
type ImportFunc func(path string) (summary string, err error)

// listImport is the list's registry import: i asks for a file's path, enter imports it.
type listImport struct {
	fn     ImportFunc
	reload tea.Cmd // loads the list again after an import
	typing bool
	path   string
	note   string // what the last import did
	busy   bool
}

// importDoneMsg reports an import started from the list.
type importDoneMsg struct {
	summary string
	err     error
}

// withImport lets the list import registries with fn, reloading its rows with reload.
func (m listModel) withImport(fn ImportFunc, reload tea.Cmd) listModel {
	m.imp.fn, m.imp.reload = fn, reload
	return m
}

// importKeys are the import's keys with help in language l.
func importKeys(l Language) (start, run, cancel key.Binding) {
	startHelp, runHelp, cancelHelp := "import registry", "import", "cancel"
	if l == Indonesian {
		startHelp, runHelp, cancelHelp = "impor registri", "impor", "batal"
	}
	return key.NewBinding(key.WithKeys("i"), key.WithHelp("i", startHelp)),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", runHelp)),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", cancelHelp))
}

// importHelp is the import's keys for the full help: none without an ImportFunc.
func (m listModel) importHelp() [][]key.Binding {
	start, run, cancel := importKeys(m.lang)
	switch {
	case m.imp.fn == nil || m.filtering:
		return nil
	case m.imp.typing:
		return [][]key.Binding{{run, cancel}}
	}
	return [][]key.Binding{{start}}
}

// importShortHelp is the status line's keys while a path is typed: enter imports and esc
// cancels; the list's own keys (enter opens, / filters, p cycles) are letters of the path.
func (m listModel) importShortHelp() []key.Binding {
	_, run, cancel := importKeys(m.lang)
	return []key.Binding{run, cancel}
}

// importKey starts typing a path on i; ok is false for any other key.
func (m listModel) importKey(msg tea.KeyPressMsg) (listModel, tea.Cmd, bool) {
	start, _, _ := importKeys(m.lang)
	if m.imp.fn == nil || m.imp.busy || !key.Matches(msg, start) {
		return m, nil, false
	}
	m.imp.typing, m.imp.path, m.imp.note = true, "", ""
	return m, nil, true
}

// handleImportKey edits the path while it is typed; enter imports, esc cancels.
func (m listModel) handleImportKey(msg tea.KeyPressMsg) (listModel, tea.Cmd) {
	_, run, cancel := importKeys(m.lang)
	switch {
	case key.Matches(msg, cancel):
		m.imp.typing = false
	case key.Matches(msg, run):
		path := strings.TrimSpace(m.imp.path)
		m.imp.typing = false
		if path == "" {
			return m, nil
		}
		m.imp.busy = true
		m.imp.note = m.importText("Importing "+path+" …", "Mengimpor "+path+" …")
		fn := m.imp.fn
		return m, func() tea.Msg {
			summary, err := fn(path)
			return importDoneMsg{summary: summary, err: err}
		}
	case msg.Code == tea.KeyBackspace:
		if r := []rune(m.imp.path); len(r) > 0 {
			m.imp.path = string(r[:len(r)-1])
		}
	case msg.String() == "ctrl+u":
		m.imp.path = ""
	case msg.Text != "":
		m.imp.path += msg.Text
	}
	return m, nil
}

// importDone shows what the import did and reloads the rows after a success.
func (m listModel) importDone(msg importDoneMsg) (listModel, tea.Cmd) {
	m.imp.busy = false
	if msg.err != nil {
		m.imp.note = strings.Join(strings.Fields(msg.err.Error()), " ")
		return m, nil
	}
	m.imp.note = msg.summary
	return m, m.imp.reload
}

// importText picks the English or Indonesian text.
func (m listModel) importText(en, id string) string {
	if m.lang == Indonesian {
		return id
	}
	return en
}

// filterOrImportLine is the path being typed, or the last import's outcome, in place of
// the filter line.
func (m listModel) filterOrImportLine() string {
	switch {
	case m.imp.typing:
		prompt := m.st.list.prompt.Render(m.importText("Registry file (CSV/XLSX): ",
			"Berkas registri (CSV/XLSX): "))
		return truncate(prompt+m.imp.path+"▏", m.width)
	case m.imp.note != "":
		return m.st.muted.Render(truncate(m.imp.note, m.width))
	}
	return m.filterLine()
}
