package scoring

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzScoreKSP2021 checks the invariants of a rated, weighted instrument on random figures,
// answers, options and entered aspect scores: no panic; every scored indicator has a nilai
// from 1 to 4, its category, and skor 5 − nilai; aspect scores and the total within
// [0, 100]; the total is the weighted sum of the aspect scores (to rounding); a predicate
// exactly when complete, and then a total of at least 25; the same output for the same
// input.
func FuzzScoreKSP2021(f *testing.F) {
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{1, 0x40, 0x42, 0x0f, 0, 0, 0, 0, 0, 0}, 80))
	f.Add(bytes.Repeat([]byte{2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, 80))
	f.Add(bytes.Repeat([]byte{3, 0, 0, 0, 0, 0, 0, 0, 0x80, 1}, 80))
	in := mustKSP2021(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		inp := inputFromBytes(in, data)
		// The last bytes, if any, enter some aspect scores.
		if n := len(data); n > 4 && data[n-1]%5 == 0 {
			inp.AspectScores = map[string]Points{}
			for i, a := range in.Aspects {
				if b := data[n-2-i]; b%2 == 0 {
					inp.AspectScores[a.ID] = Points{u: int64(b) * 3921 % (100*scale + 1)}
				}
			}
		}
		res := in.Score(inp)
		checkRated(t, in, res)
		a, _ := json.Marshal(res)
		b, _ := json.Marshal(in.Score(inp))
		if !bytes.Equal(a, b) || !json.Valid(a) {
			t.Fatalf("two scorings differ or are not JSON:\n%s\n%s", a, b)
		}
	})
}

func checkRated(t *testing.T, in *Instrument, res Result) {
	t.Helper()
	for _, c := range res.Components {
		switch {
		case c.Status != StatusScored && (c.Skor.u != 0 || c.Category != ""):
			t.Fatalf("%s: %s but skor %s category %q", c.ID, c.Status, c.Skor, c.Category)
		case c.Status == StatusScored && (c.Nilai.u < scale || c.Nilai.u > 4*scale ||
			c.Nilai.u%scale != 0 || c.Skor != PointsOf(5-c.Nilai.u/scale) ||
			c.Category == ""):
			t.Fatalf("%s: nilai %s skor %s category %q", c.ID, c.Nilai, c.Skor, c.Category)
		}
	}
	var weighted int64
	for _, a := range res.Aspects {
		var s int64
		for _, c := range a.Components {
			s += c.Skor.u
		}
		if a.Skor.u != s || a.Score.u < 0 || a.Score.u > 100*scale {
			t.Fatalf("%s: skor %s (sum %d) score %s", a.ID, a.Skor, s, a.Score)
		}
		if res.Complete && a.Predicate == "" {
			t.Fatalf("%s: complete without an aspect predicate", a.ID)
		}
		weighted += a.Score.u * a.Weight.u / (100 * scale)
	}
	if d := weighted - res.Total.u; d > 100 || d < -100 { // rounding of 4 aspect scores
		t.Fatalf("total %s, weighted aspect scores %s", res.Total, Points{u: weighted})
	}
	if res.Total.u < 0 || res.Total.u > 100*scale {
		t.Fatalf("total %s outside [0, 100]", res.Total)
	}
	if res.Complete != (res.Predicate != "") {
		t.Fatalf("complete %v with predicate %q", res.Complete, res.Predicate)
	}
	entered := false
	for _, a := range res.Aspects {
		entered = entered || a.Entered
	}
	if res.Complete && !entered && res.Total.u < 25*scale {
		t.Fatalf("complete total %s below 25, the lowest a rated examination can score",
			res.Total)
	}
}

// BenchmarkScoreKSP2021 scores one complete ksp-2021 examination (the synthetic full
// case): 60 indicators, 149 answers.
func BenchmarkScoreKSP2021(b *testing.B) {
	in := mustKSP2021(b)
	inp := ksp2021Input(b)
	b.ReportAllocs()
	for b.Loop() {
		if res := in.Score(inp); !res.Complete {
			b.Fatal("incomplete")
		}
	}
}
