package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// ImportFunc imports a registry file (CSV or XLSX) of cooperatives, all or nothing, and
// returns a one-line summary; the error lists the problems when the file was refused,
// best as an *ImportRefusedError, else as text in which each problem starts with the
// file's path ("FILE:ROW:COLUMN: problem"). cmd passes one that uses store/importer.
type ImportFunc func(path string) (summary string, err error)

// ImportRefusedError is the error of an ImportFunc whose file was refused, so nothing was
// written: every problem found, each as "FILE:ROW:COLUMN: problem".
type ImportRefusedError struct {
	Problems []string
}

// Error counts the problems and lists them on one line.
func (e *ImportRefusedError) Error() string {
	return plural(len(e.Problems), "error", "errors") + ", nothing imported: " +
		strings.Join(e.Problems, "; ")
}

// listImport is the list's registry import: i asks for a file's path, enter imports it.
type listImport struct {
	fn     ImportFunc
	reload tea.Cmd // loads the list again after an import
	typing bool
	path   string
	note   string // what the last import did
	busy   bool
	// refused is why the last import was refused, shown in a panel above the table until
	// the next key; nil when there is none.
	refused *importRefusal
}

// importRefusal is a refused (or failed) import, read from the ImportFunc's error.
type importRefusal struct {
	path     string
	count    int      // how many problems the file has; 0 when the import failed otherwise
	problems []string // the problems known, "FILE:ROW:COLUMN: problem", or the error's text
}

// importDoneMsg reports an import started from the list.
type importDoneMsg struct {
	path    string
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

// importKey closes the refused import's panel on any key, and only closes it, so that a
// key pressed to be rid of it does not also move or open; else it starts typing a path on
// i. ok is false for any other key.
func (m listModel) importKey(msg tea.KeyPressMsg) (listModel, tea.Cmd, bool) {
	if m.imp.refused != nil {
		m.imp.refused = nil
		return m, nil, true
	}
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
			return importDoneMsg{path: path, summary: summary, err: err}
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

// importDone shows what the import did and reloads the rows after a success; a refused
// import opens the panel of its problems, the table moved so that the selected row stays
// in sight below it.
func (m listModel) importDone(msg importDoneMsg) (listModel, tea.Cmd) {
	m.imp.busy = false
	if msg.err != nil {
		r := readRefusal(msg.err, msg.path)
		m.imp.note, m.imp.refused = "", &r
		if rows := m.pageSize() - (len(m.refusedPanel()) - 1); m.cursor >= m.offset+rows {
			m.offset = max(0, m.cursor-max(1, rows)+1)
		}
		return m, nil
	}
	m.imp.note = msg.summary
	return m, m.imp.reload
}

// readRefusal reads an ImportFunc's error: an *ImportRefusedError's problems, else the
// problems in its text, each starting with the path ("N errors, nothing imported: P:3:B:
// …; P:5: …"), else the whole text as a failure.
func readRefusal(err error, path string) importRefusal {
	r := importRefusal{path: path}
	var refused *ImportRefusedError
	if errors.As(err, &refused) {
		r.count, r.problems = len(refused.Problems), refused.Problems
		return r
	}
	text := strings.Join(strings.Fields(err.Error()), " ")
	var starts []int
	for i := 0; path != "" && i < len(text); {
		j := strings.Index(text[i:], path+":")
		if j < 0 {
			break
		}
		if at := i + j; at == 0 || strings.HasSuffix(text[:at], ": ") ||
			strings.HasSuffix(text[:at], "; ") {
			starts = append(starts, at)
		}
		i += j + len(path) + 1
	}
	if len(starts) == 0 {
		r.problems = []string{text}
		return r
	}
	for k, at := range starts {
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		r.problems = append(r.problems, strings.TrimSuffix(strings.TrimSpace(text[at:end]), ";"))
	}
	// The text may count more problems than it lists ("12 errors, nothing imported: …").
	r.count = len(r.problems)
	var n int
	if _, err := fmt.Sscanf(text[:starts[0]], "%d", &n); err == nil && n > r.count {
		r.count = n
	}
	return r
}

// refusedPanelLines is the most lines the refused import's panel takes of the list's
// height: half of it, leaving the counts, the column header and a few rows in sight.
func (m listModel) refusedPanelLines() int {
	return max(2, min(m.height-listHeaderLines-2, m.height/2))
}

// refusedPanel is the refused import's lines, none wider than the list: the count, as
// many whole problems as fit (each wrapped, its later lines indented), and, when some do
// not fit, how many and how to see them all.
func (m listModel) refusedPanel() []string {
	r := m.imp.refused
	if r == nil {
		return nil
	}
	w, budget := max(1, m.width), m.refusedPanelLines()
	head := m.importText("Import failed, nothing was written",
		"Impor gagal, tidak ada yang disimpan")
	if r.count > 0 {
		head = m.importText(
			"Import refused, nothing was written: "+plural(r.count, "error", "errors"),
			fmt.Sprintf("Impor ditolak, tidak ada yang disimpan: %d kesalahan", r.count))
	}
	head = truncate(head, w)
	closes := m.importText(" · any key closes", " · tombol apa pun menutup")
	if lipgloss.Width(head)+lipgloss.Width(closes) > w {
		closes = "" // said whole or not at all
	}
	out := []string{m.st.errText.Render(head) + m.st.muted.Render(closes)}

	// hint says how many problems are not shown and where to read them all.
	hint := func(shown int) []string {
		if shown >= r.count {
			return nil
		}
		return wrapIndented(m.importText(
			fmt.Sprintf("%d more not shown; koroena import coops %s prints every error",
				r.count-shown, r.path),
			fmt.Sprintf("%d lagi tidak tampil; koroena import coops %s menampilkan semua "+
				"kesalahan", r.count-shown, r.path)), w)
	}
	shown := 0
	for _, p := range r.problems {
		lines := wrapIndented(p, w)
		if len(out)+len(lines)+len(hint(shown+1)) > budget {
			if shown == 0 {
				// Not one whole problem fits: the first, cut, rather than none.
				room := max(1, budget-len(out)-len(hint(1)))
				if room < len(lines) {
					lines = lines[:room]
					lines[room-1] = truncate(lines[room-1]+" …", w)
				}
				out = append(out, lines...)
				shown = 1
			}
			break
		}
		out = append(out, lines...)
		shown++
	}
	for _, l := range hint(shown) {
		out = append(out, m.st.muted.Render(l))
	}
	return out[:min(len(out), budget)]
}

// wrapIndented wraps text to w cells, at spaces and slashes where it can (a longer word is
// broken), the lines after the first indented by two spaces.
func wrapIndented(text string, w int) []string {
	const indent = "  "
	if w <= 2*len(indent) {
		return []string{truncate(text, w)}
	}
	lines := strings.Split(ansi.Wrap(text, w-len(indent), "/"), "\n")
	for i := range lines {
		if i > 0 {
			lines[i] = indent + lines[i]
		}
		lines[i] = truncate(lines[i], w)
	}
	return lines
}

// plural is "1 error" or "N errors".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
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
	case m.imp.refused != nil:
		return strings.Join(m.refusedPanel(), "\n")
	case m.imp.note != "":
		return m.st.muted.Render(truncate(m.imp.note, m.width))
	}
	return m.filterLine()
}
