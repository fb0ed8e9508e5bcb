package tui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The blob scan must find exactly the rows a plain per-row check finds, for words that
// sit at the start or end of a row, span nothing, repeat, or match nowhere.
func TestFilterRows_MatchesPlainCheck(t *testing.T) {
	rows := make([]listRow, 0, 3000)
	sums := nationalRows(3000)
	for i := range sums {
		rows = append(rows, newListRow(&sums[i]))
	}
	h := newHaystack(rows)
	all := make([]int, len(rows))
	for i := range all {
		all[i] = i
	}
	keep := func(*listRow) bool { return true }
	rng := rand.New(rand.NewPCG(1, 2))

	queries := []string{"sejahtera", "ksp", "3000000000000001", "balongsari", "q", "zzz",
		"wahyuni 12", "koperasi wanita", "staff", "0", "a", "ksp sumber 29"}
	for range 200 {
		// Random pieces of random rows' text, so that hits are frequent.
		text := h.row(rng.IntN(len(rows)))
		i := rng.IntN(len(text))
		j := min(len(text), i+1+rng.IntN(6))
		queries = append(queries, strings.ReplaceAll(text[i:j], "\x00", ""))
	}
	for _, q := range queries {
		got := filterRows(rows, h, all, q, keep)
		var want []int
		for _, i := range all {
			if matches(h.row(i), queryWords(q)) {
				want = append(want, i)
			}
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("query %q: %d rows, want %d", q, len(got), len(want))
		}
	}
}
