package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// truncate cuts s (which may hold styles) to at most w cells, marking the cut with "…".
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// padRight cuts or pads plain or styled s to exactly w cells.
func padRight(s string, w int) string {
	s = truncate(s, w)
	if gap := w - lipgloss.Width(s); gap > 0 {
		s += strings.Repeat(" ", gap)
	}
	return s
}

// padLeft cuts or pads s to exactly w cells, aligned right.
func padLeft(s string, w int) string {
	s = truncate(s, w)
	if gap := w - lipgloss.Width(s); gap > 0 {
		s = strings.Repeat(" ", gap) + s
	}
	return s
}

// fitBlock makes block exactly h lines, none wider than w, so the status line stays put.
func fitBlock(block string, w, h int) string {
	lines := strings.Split(block, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = truncate(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// shortHelp renders bindings on one line of at most w cells, dropping those that don't fit.
func shortHelp(bindings []key.Binding, w int, st styles) string {
	const sep = " · "
	var b strings.Builder
	used := 0
	for _, k := range bindings {
		if !k.Enabled() {
			continue
		}
		h := k.Help()
		item := h.Key + " " + h.Desc
		need := lipgloss.Width(item)
		if used > 0 {
			need += len(sep)
		}
		if used+need > w {
			break
		}
		if used > 0 {
			b.WriteString(st.muted.Render(sep))
		}
		b.WriteString(st.help.key.Render(h.Key) + " " + st.help.desc.Render(h.Desc))
		used += need
	}
	return b.String()
}

// helpView lays every key of the focused screen, and the predicate legend, in as many
// columns as the window holds.
func (m Model) helpView() string {
	type item struct{ key, desc string }
	var items []item
	for _, group := range m.fullHelp() {
		for _, k := range group {
			if k.Enabled() {
				items = append(items, item{k.Help().Key, k.Help().Desc})
			}
		}
	}
	keyW := 0
	for _, it := range items {
		keyW = max(keyW, lipgloss.Width(it.key))
	}

	var cells []string
	for _, it := range items {
		cells = append(cells, m.styles.help.key.Render(padRight(it.key, keyW))+" "+
			m.styles.help.desc.Render(it.desc))
	}
	legend := []string{m.styles.section.Render(m.lang.tr(txtLegend))}
	for _, id := range predicateOrder {
		short := m.lang.predicateLabel(id, true)
		long := m.lang.predicateLabel(id, false)
		legend = append(legend, m.styles.predicateStyle(id).Render(padRight(short, 7))+" "+long)
	}
	if m.focused() == focusList {
		legend = append(legend, "",
			m.styles.draft.Render("✎")+"       "+m.lang.tr(txtFlagDraft),
			m.styles.inactive.Render("×")+"       "+m.lang.tr(txtFlagInactive))
	}
	h := m.bodyHeight()
	return flowColumns(appendBlock(cells, legend, 1+len(predicateOrder), h), m.width, h)
}

// appendBlock appends block to cells laid in columns of h lines so that its first keep
// cells are not split between columns: after a blank line when they fit below the cells
// of the current column, else at the top of the next one.
func appendBlock(cells, block []string, keep, h int) []string {
	used := 0
	if h > 0 {
		used = len(cells) % h
	}
	if used == 0 {
		return append(cells, block...)
	}
	if used+1+min(keep, len(block)) <= h {
		return append(append(cells, ""), block...)
	}
	for len(cells)%h != 0 {
		cells = append(cells, "")
	}
	return append(cells, block...)
}

// flowColumns lays cells top to bottom in columns of h lines, each as wide as its widest
// cell, as many columns as fit in w cells.
func flowColumns(cells []string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := make([]string, min(h, len(cells)))
	used := 0
	for start := 0; start < len(cells); start += h {
		col := cells[start:min(len(cells), start+h)]
		colW := 0
		for _, c := range col {
			colW = max(colW, lipgloss.Width(c))
		}
		if start > 0 && used+colW > w {
			break
		}
		for i, c := range col {
			lines[i] = padRight(lines[i], used) + c
		}
		used += colW + 3
	}
	return strings.Join(lines, "\n")
}
