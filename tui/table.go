package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// colLayout is one column placed on screen.
type colLayout struct {
	col   column
	width int
}

// tableLayout is the list's columns for one window width.
type tableLayout struct {
	cols      []colLayout
	longPreds bool // predicates in full words rather than short forms
}

// rowPrefix is the selection mark and the flag cell (draft or inactive) before each row.
const rowPrefix = 3

// Fixed widths of the narrow columns.
const (
	typeWidth  = 8
	scoreWidth = 6
	dateWidth  = 10
	// nameMin is the narrowest name column: below it the coach column gives way, as
	// names that share their first words ("Kop. Karyawan Margo …") must still differ.
	nameMin = 22
	// sideMax is the most the kelurahan and coach columns take; the name gets the rest.
	sideMax = 13
)

// dropOrder is which columns give way first when the window narrows.
var dropOrder = []column{colCoach, colKelurahan, colLastVisit, colType}

// layoutColumns fits the columns in width w: the narrow ones keep fixed widths, the name,
// kelurahan and coach share the rest, and columns drop out (coach first) when the name
// would get too narrow. Full predicate words are used only when there is room for them.
func layoutColumns(w int, l Language) tableLayout {
	for _, long := range []bool{true, false} {
		dropped := map[column]bool{}
		for n := 0; n <= len(dropOrder); n++ {
			if n > 0 {
				dropped[dropOrder[n-1]] = true
			}
			t, ok := tryLayout(w, l, long, dropped)
			if ok && (!long || n == 0) {
				return t
			}
		}
	}
	t, _ := tryLayout(w, l, false, map[column]bool{
		colCoach: true, colKelurahan: true, colLastVisit: true, colType: true,
	})
	return t
}

// tryLayout places the columns not dropped and reports whether the name got its minimum
// (and, with long predicate words, a comfortable width).
func tryLayout(w int, l Language, long bool, dropped map[column]bool) (tableLayout, bool) {
	fixed := map[column]int{
		colType:      typeWidth,
		colPredicate: predicateWidth(l, long),
		colScore:     scoreWidth,
		colLastVisit: dateWidth,
	}
	var cols []colLayout
	used, flex := rowPrefix, 0
	for c := range numColumns {
		if dropped[c] {
			continue
		}
		if len(cols) > 0 {
			used++ // the gap before the column
		}
		if fw, ok := fixed[c]; ok {
			used += fw
		} else {
			flex++
		}
		cols = append(cols, colLayout{col: c})
	}

	// Kelurahan and coach take up to sideMax each, the name the rest and never less
	// than half.
	free := w - used
	nameW := free
	if flex > 1 {
		nameW = max(free/2, free-(flex-1)*sideMax)
	}
	minName := nameMin
	if long {
		minName = 24
	}
	if nameW < minName {
		return tableLayout{}, false
	}
	rest, others := free-nameW, flex-1
	for i := range cols {
		c := cols[i].col
		switch {
		case c == colName:
			cols[i].width = nameW
		case fixed[c] > 0:
			cols[i].width = fixed[c]
		default:
			cols[i].width = rest / others
			rest -= cols[i].width
			others--
		}
	}
	return tableLayout{cols: cols, longPreds: long}, true
}

// predicateWidth is the widest predicate label in l, long or short.
func predicateWidth(l Language, long bool) int {
	w := lipgloss.Width(predicateTitle(l, long)) + 1 // room for the sort arrow
	for _, id := range predicateOrder {
		w = max(w, lipgloss.Width(l.predicateLabel(id, !long)))
	}
	return w
}

// predicateTitle is the predicate column's heading, short beside short labels.
func predicateTitle(l Language, long bool) string {
	if long {
		return l.tr(txtColPredicate)
	}
	return l.tr(txtColPredicateShort)
}

// columnTitle is a column's heading in l.
func columnTitle(c column, l Language) string {
	ids := [numColumns]msgID{txtColName, txtColType, txtColKelurahan, txtColPredicate,
		txtColScore, txtColLastVisit, txtColCoach}
	return l.tr(ids[c])
}

// alignRight reports whether a column holds numbers.
func alignRight(c column) bool { return c == colScore }

// headerLine draws the column headings, marking the sort column with its direction.
func (m listModel) headerLine(t tableLayout) string {
	var cells []string
	for _, cl := range t.cols {
		title := columnTitle(cl.col, m.lang)
		if cl.col == colPredicate {
			title = predicateTitle(m.lang, t.longPreds)
		}
		st := m.st.list.header
		if cl.col == m.sortCol {
			st = m.st.list.sortCol
			if m.sortDesc {
				title += "▼"
			} else {
				title += "▲"
			}
		}
		cells = append(cells, st.Render(fitCell(title, cl.width, alignRight(cl.col))))
	}
	return strings.Repeat(" ", rowPrefix) + strings.Join(cells, " ")
}

// fitCell cuts or pads plain text to w cells.
func fitCell(s string, w int, right bool) string {
	if right {
		return padLeft(s, w)
	}
	return padRight(s, w)
}

// rowLine draws one cooperative: selection mark, flag, then the cells.
func (m listModel) rowLine(r *listRow, t tableLayout, selected bool) string {
	mark, flag := " ", " "
	if selected {
		mark = "›"
	}
	switch {
	case !r.sum.Active:
		flag = "×"
	case r.sum.HasDraft:
		flag = "✎"
	}

	base := m.st.list.row
	if selected {
		base = m.st.list.selected
	}
	if !r.sum.Active {
		base = base.Inherit(m.st.inactive)
	}

	var b strings.Builder
	b.WriteString(base.Render(mark + flag + " "))
	for i, cl := range t.cols {
		if i > 0 {
			b.WriteString(base.Render(" "))
		}
		text := fitCell(m.cellText(r, cl.col, t.longPreds, cl.width), cl.width, alignRight(cl.col))
		st := base
		if cl.col == colPredicate && r.sum.Latest != nil && r.sum.Active {
			st = base.Inherit(m.st.predicateStyle(r.sum.Latest.Predicate))
		}
		b.WriteString(st.Render(text))
	}
	return b.String()
}

// cellText is the plain text of one cell.
func (m listModel) cellText(r *listRow, c column, longPreds bool, width int) string {
	s := r.sum
	switch c {
	case colName:
		return shortName(s.Name, width)
	case colType:
		return m.lang.businessType(s.BusinessType)
	case colKelurahan:
		return s.Kelurahan
	case colPredicate:
		if s.Latest == nil || s.Latest.Predicate == "" {
			return "—"
		}
		return m.lang.predicateLabel(s.Latest.Predicate, !longPreds)
	case colScore:
		if s.Latest == nil || s.Latest.Total == "" {
			return "—"
		}
		return m.lang.number(s.Latest.Total)
	case colLastVisit:
		if s.LastVisit.IsZero() {
			return "—"
		}
		return s.LastVisit.Format("2006-01-02")
	case colCoach:
		if s.CoachName == "" {
			return "—"
		}
		return s.CoachName
	}
	return ""
}

// shortName writes a leading "Koperasi" as the usual "Kop." when the name is wider than w,
// so that the part that tells cooperatives apart stays visible.
func shortName(name string, w int) string {
	if lipgloss.Width(name) <= w {
		return name
	}
	if rest, ok := strings.CutPrefix(name, "Koperasi "); ok {
		return "Kop. " + rest
	}
	return name
}
