package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomContent draws maps from a small alphabet of keys and values, so that two draws
// share, change, add and remove entries; nil and empty maps both occur.
func randomContent(r *rand.Rand) Assessment {
	strs := func() map[string]string {
		switch r.IntN(5) {
		case 0:
			return nil
		case 1:
			return map[string]string{}
		}
		m := map[string]string{}
		for range r.IntN(6) {
			m[fmt.Sprintf("k%d", r.IntN(5))] = []string{"1.50", "", "<&>", "ü", "x\"y"}[r.IntN(5)]
		}
		return m
	}
	var answers map[string]bool
	if r.IntN(4) > 0 {
		answers = map[string]bool{}
		for range r.IntN(6) {
			answers[fmt.Sprintf("q%d", r.IntN(5))] = r.IntN(2) == 0
		}
	}
	return Assessment{Figures: strs(), Answers: answers, Options: strs(), ItemNotes: strs()}
}

// Regression test for issue #8: the fast audit diff of an edited draft is byte for byte
// the generic JSON diff it replaced.
func TestContentDiff_SameAsGenericDiff(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for i := range 5000 {
		old, new := randomContent(r), randomContent(r)
		if i%3 == 0 {
			new = cloneAssessment(old)
			new.Answers = setOrClear(new.Answers, "q1", r.IntN(2) == 0, r.IntN(3) == 0)
		}
		want, err := diff(contentOf(old), contentOf(new))
		if err != nil {
			t.Fatal(err)
		}
		got, err := contentDiff(old, new)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("old %+v\nnew %+v\ngot  %s\nwant %s", old, new, got, want)
		}
	}
}
