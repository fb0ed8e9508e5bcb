package tui

import (
	"cmp"
	"slices"
	"strings"

	"koroena/store"
)

// listRow is one cooperative of the list with what filtering and sorting need, computed
// once when the list loads so that a keystroke only scans strings.
type listRow struct {
	sum   store.CoopSummary
	hay   string // lowercase name, NIK, legal number, kelurahan, kecamatan, coach and type
	score int    // the latest total in hundredths; -1 when not assessed
	pred  int    // the predicate's rank in predicateOrder; len(predicateOrder) when none
}

// newListRow precomputes the haystack and the sort keys of one summary.
func newListRow(s store.CoopSummary) listRow {
	t := businessTypeNames[s.BusinessType]
	hay := strings.ToLower(strings.Join([]string{
		s.Name, s.NIK, s.LegalNumber, s.Kelurahan, s.Kecamatan, s.CoachName,
		s.BusinessType, t[0], t[1],
	}, "\n"))
	r := listRow{sum: s, hay: hay, score: -1, pred: len(predicateOrder)}
	if s.Latest != nil {
		if v, ok := hundredths(s.Latest.Total); ok {
			r.score = v
		}
		if i := slices.Index(predicateOrder, s.Latest.Predicate); i >= 0 {
			r.pred = i
		}
	}
	return r
}

// hundredths reads a decimal string such as "89.45" or "7.5" as a whole number of
// hundredths (8945, 750). It is for ordering the list, not for scoring.
func hundredths(s string) (int, bool) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || len(frac) > 2 {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	n := 0
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// queryWords splits a filter query into lowercase words; a row matches when its haystack
// holds every word.
func queryWords(q string) []string { return strings.Fields(strings.ToLower(q)) }

// matches reports whether the haystack holds every word.
func matches(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// filterRows returns the indices from among (in their order) whose row holds every word of
// the query and passes keep.
func filterRows(rows []listRow, among []int, query string, keep func(*listRow) bool) []int {
	words := queryWords(query)
	out := make([]int, 0, len(among))
	for _, i := range among {
		r := &rows[i]
		if keep(r) && matches(r.hay, words) {
			out = append(out, i)
		}
	}
	return out
}

// column is one column of the list.
type column int

// The list's columns, in display order.
const (
	colName column = iota
	colType
	colKelurahan
	colPredicate
	colScore
	colLastVisit
	colCoach
	numColumns
)

// compareRows orders two rows by column c, ties broken by name and then id so the order is
// total and stable across loads.
func compareRows(a, b *listRow, c column, lang Language) int {
	var n int
	switch c {
	case colType:
		n = strings.Compare(lang.businessType(a.sum.BusinessType),
			lang.businessType(b.sum.BusinessType))
	case colKelurahan:
		n = strings.Compare(strings.ToLower(a.sum.Kelurahan), strings.ToLower(b.sum.Kelurahan))
	case colPredicate:
		n = cmp.Compare(a.pred, b.pred)
	case colScore:
		n = cmp.Compare(a.score, b.score)
	case colLastVisit:
		n = a.sum.LastVisit.Compare(b.sum.LastVisit)
	case colCoach:
		n = strings.Compare(strings.ToLower(a.sum.CoachName), strings.ToLower(b.sum.CoachName))
	}
	if n != 0 {
		return n
	}
	if n = strings.Compare(strings.ToLower(a.sum.Name), strings.ToLower(b.sum.Name)); n != 0 {
		return n
	}
	return strings.Compare(a.sum.ID, b.sum.ID)
}

// sortedOrder returns the indices of rows ordered by column c, descending when desc.
func sortedOrder(rows []listRow, c column, desc bool, lang Language) []int {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		n := compareRows(&rows[i], &rows[j], c, lang)
		if desc {
			return -n
		}
		return n
	})
	return order
}
