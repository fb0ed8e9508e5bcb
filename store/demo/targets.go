package demo

import (
	"math/rand/v2"
)

// The predicate ids of ksp-2016, best first.
const (
	sehat                 = "sehat"
	cukupSehat            = "cukup_sehat"
	dalamPengawasan       = "dalam_pengawasan"
	dalamPengawasanKhusus = "dalam_pengawasan_khusus"
)

// predicates lists the predicate ids best first.
var predicates = []string{sehat, cukupSehat, dalamPengawasan, dalamPengawasanKhusus}

// window is a range of totals in hundredths of a point, [lo, hi].
type window struct{ lo, hi int64 }

// windows are the totals aimed at for each predicate: its band (ksp-2016.md §5) less half a
// point at each inner edge.
var windows = map[string]window{
	sehat:                 {8050, 10000},
	cukupSehat:            {6650, 7950},
	dalamPengawasan:       {5150, 6550},
	dalamPengawasanKhusus: {0, 5050},
}

// predicateOf returns the predicate of a total (in hundredths) before adjustments.
func predicateOf(total int64) string {
	switch {
	case total >= 8000:
		return sehat
	case total >= 6600:
		return cukupSehat
	case total >= 5100:
		return dalamPengawasan
	default:
		return dalamPengawasanKhusus
	}
}

// target is what one demo assessment must come out as: the predicate, the total aimed at,
// the window the total must fall in, and the adjustment factors answered ya.
type target struct {
	predicate string
	total     int64
	window    window
	factors   []string
}

// mix returns how many of n active cooperatives end in each predicate in their latest
// year: the demo city's 19, 60, 70 and 38 of 187, scaled to n.
func mix(n int) map[string]int {
	sh := (n*19 + 93) / 187
	cs := (n*60 + 93) / 187
	dp := (n*70 + 93) / 187
	dk := max(0, n-sh-cs-dp)
	return map[string]int{sehat: sh, cukupSehat: cs, dalamPengawasan: dp,
		dalamPengawasanKhusus: dk}
}

// latestTarget draws the target of a cooperative's latest assessment for its predicate. A
// few cooperatives owe their predicate to an adjustment factor rather than to the total.
func latestTarget(r *rand.Rand, pred string) target {
	t := target{predicate: pred, window: windows[pred]}
	switch {
	case pred == dalamPengawasanKhusus && chance(r, 0.08):
		// A dispute or meddling sets the predicate whatever the figures say.
		t.factors = []string{pick(r, []string{"af06", "af07", "af08", "af09"})}
		t.window = window{windows[dalamPengawasan].lo, windows[cukupSehat].hi}
	case pred != sehat && chance(r, 0.04):
		// Late books or reports take the predicate one step down.
		up := predicates[indexOf(predicates, pred)-1]
		t.factors = []string{pick(r, []string{"af01", "af02", "af03", "af05"})}
		t.window = windows[up]
	}
	t.total = aimIn(r, t.window)
	return t
}

// earlierTarget draws the target of the year before one with total next: scores drift
// from year to year, by the cooperative's trend and some noise.
func earlierTarget(r *rand.Rand, next int64, trend float64) target {
	drift := int64((trend + r.NormFloat64()*2.5) * 100)
	total := max(2800, min(9300, next-drift))
	pred := predicateOf(total)
	w := windows[pred]
	total = max(w.lo+50, min(w.hi-50, total))
	return target{predicate: pred, total: total, window: w}
}

// aimIn draws a total inside w, away from its ends, below 93 and above 28.
func aimIn(r *rand.Rand, w window) int64 {
	lo, hi := max(w.lo+50, 2800), min(w.hi-50, 9300)
	return lo + r.Int64N(hi-lo+1)
}

// indexOf returns the index of s in xs, or −1.
func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}
