package demo

import (
	"testing"
)

func TestBuild_Smoke(t *testing.T) {
	c, err := Build(Options{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, b := range c.Bundles {
		n := len(b.Assessments)
		for _, a := range b.Assessments {
			if a.Result != nil {
				counts[a.Result.Predicate+"/"+string(rune('0'+a.FiscalYear-2020))]++
			}
		}
		_ = n
	}
	t.Log(counts)
}
