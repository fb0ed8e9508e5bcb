package tui

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"koroena/store"
)

// Regression test for issue #8: the name order sorted by packed prefixes is the plain
// string order, ties by position, for names that share long prefixes, differ only past
// 24 bytes, are shorter than 8 bytes, repeat, or are not ASCII.
func TestNameOrder_SameAsStringOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 24))
	parts := []string{"koperasi simpan pinjam ", "ksp ", "kud ", "ü", "a", "", "sejahtera",
		"koperasi simpan pinjam sejahtera ", "0", "z", "\x00"}
	sums := make([]store.CoopSummary, 3000)
	for i := range sums {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		if r.IntN(3) == 0 {
			fmt.Fprintf(&b, "%d", r.IntN(50))
		}
		sums[i].Name = b.String()
	}
	rows := make([]listRow, len(sums))
	for i := range sums {
		rows[i] = newListRow(&sums[i])
	}
	newHaystack(rows)

	order, rank := nameOrder(rows)
	want := make([]int, len(rows))
	for i := range want {
		want[i] = i
	}
	slices.SortStableFunc(want, func(a, b int) int {
		return cmp.Compare(rows[a].nameKey, rows[b].nameKey)
	})
	if !slices.Equal(order, want) {
		t.Fatalf("name order differs from the string order")
	}
	for i, idx := range order {
		if rank[idx] != int32(i) {
			t.Fatalf("rank of row %d is %d, want %d", idx, rank[idx], i)
		}
	}
}
